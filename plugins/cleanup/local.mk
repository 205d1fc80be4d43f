# plugins/cleanup: see plugins/cleanup/README.md
