# plugins/validate: see plugins/validate/README.md
