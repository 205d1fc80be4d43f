# plugins/sqlite: see plugins/sqlite/README.md
