# plugins/csv: see plugins/csv/README.md
