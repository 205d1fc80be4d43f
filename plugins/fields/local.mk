# plugins/fields: see plugins/fields/README.md
