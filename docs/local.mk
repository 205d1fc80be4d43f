dist_doc_DATA += docs/cli.md
