# plugins/tables: see plugins/tables/README.md
