dist_doc_DATA += docs/cli.md docs/schema.md docs/plugins.json
dist_doc_DATA += docs/sql.md
dist_doc_DATA += docs/plugin-guide.md
dist_doc_DATA += docs/rules.md
dist_doc_DATA += docs/sharding.md
dist_man_MANS = docs/budgetpipe.1
# bash-completion looks the file up by the command's name
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = docs/completion/budgetpipe
