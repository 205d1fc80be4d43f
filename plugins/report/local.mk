# plugins/report: see plugins/report/README.md
