dist_doc_DATA += docs/cli.md docs/schema.md docs/plugins.json
dist_doc_DATA += docs/sql.md
dist_doc_DATA += docs/plugin-guide.md
dist_doc_DATA += docs/rules.md
dist_doc_DATA += docs/sharding.md
