#!/bin/sh
# budgetpipe merge-db: two shards' corpus databases merged give the same rows
# as one run over all their documents; a document in both shards is kept once.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
py=${PYTHON:-python3}
conf="$src/tests/pipelines/sqlite.conf"
c="$src/tests/corpus"
a="$c/000_fe5e375999e3baca.txt" b="$c/002_43945480f961a537.txt" d="$c/004_d9984b4f4bf4cec5.txt"

# Every row of every table, ids replaced by what they point at (a document's
# stem, a table's id within its document, a row's position), sorted.
dump () {
  "$py" - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q = {
 "documents": "SELECT stem, sha256, pipeline, kind, year, department FROM documents",
 "tables": "SELECT d.stem, t.table_id, t.type, t.title, t.line FROM tables t JOIN documents d ON d.id = t.document_id",
 "table_columns": "SELECT d.stem, t.table_id, h.col, h.header FROM table_columns h JOIN tables t ON t.id = h.table_ref JOIN documents d ON d.id = t.document_id",
 "table_rows": "SELECT d.stem, t.table_id, r.position, r.line, r.code, r.name FROM table_rows r JOIN tables t ON t.id = r.table_ref JOIN documents d ON d.id = t.document_id",
 "cells": "SELECT d.stem, t.table_id, r.position, c.col, c.text, c.amount FROM cells c JOIN table_rows r ON r.id = c.row_ref JOIN tables t ON t.id = r.table_ref JOIN documents d ON d.id = t.document_id",
 "fields": "SELECT d.stem, f.key, f.value, f.line FROM fields f JOIN documents d ON d.id = f.document_id",
 "classification": "SELECT d.stem, x.kind, x.code, x.name, x.total, x.line FROM classification x JOIN documents d ON d.id = x.document_id",
 "findings": "SELECT d.stem, x.rule, x.severity, x.line, x.message FROM findings x JOIN documents d ON d.id = x.document_id",
}
for name, sql in q.items():
    rows = sorted(db.execute(sql).fetchall(), key=repr)
    print(name, len(rows))
    for r in rows:
        print(name, r)
PY
}

expect_exit 0 "shard 1" "$bp" run -q -p "$conf" -o "$TAP_TMP/s1" "$a" "$b"
expect_exit 0 "shard 2 (one document also in shard 1)" "$bp" run -q -p "$conf" -o "$TAP_TMP/s2" "$b" "$d"
expect_exit 0 "one run over all documents" "$bp" run -q -p "$conf" -o "$TAP_TMP/all" "$a" "$b" "$d"
expect_exit 0 "merge-db" "$bp" merge-db "$TAP_TMP/merged.sqlite" "$TAP_TMP/s1/budget.sqlite" "$TAP_TMP/s2/budget.sqlite"
dump "$TAP_TMP/all/budget.sqlite" > "$TAP_TMP/want"
dump "$TAP_TMP/merged.sqlite" > "$TAP_TMP/got"
grep_in "three documents" "^documents 3$" "$TAP_TMP/got"
ok "merged rows are the one run's rows" cmp "$TAP_TMP/want" "$TAP_TMP/got"
ok "every table has rows" sh -c "! grep -E '^[a-z_]+ 0$' '$TAP_TMP/got'"
ok "foreign keys hold" sh -c "test -z \"\$('$py' -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"PRAGMA foreign_key_check\").fetchall() or \"\")' '$TAP_TMP/merged.sqlite')\""
# Merging a shard again replaces its documents: nothing doubles.
expect_exit 0 "merge the same shard again" "$bp" merge-db "$TAP_TMP/merged.sqlite" "$TAP_TMP/s2/budget.sqlite"
dump "$TAP_TMP/merged.sqlite" > "$TAP_TMP/again"
ok "re-merging changes no row" cmp "$TAP_TMP/want" "$TAP_TMP/again"
expect_exit 3 "a shard that is no database" "$bp" merge-db "$TAP_TMP/merged.sqlite" "$a"
expect_exit 3 "a missing shard" "$bp" merge-db "$TAP_TMP/merged.sqlite" "$TAP_TMP/none.sqlite"
expect_exit 2 "no shard named" "$bp" merge-db "$TAP_TMP/merged.sqlite"
done_testing
