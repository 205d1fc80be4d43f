#!/bin/sh
# Issue 19, what a hostile tester found: every reproducer's bytes are here.
# Dumps with a member missing, debug runs that must leave batch outputs
# alone, inputs that are not regular files, inputs whose names collide or
# climb out of OUT, and the smaller CLI defects.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
doc="$src/tests/corpus/000_fe5e375999e3baca.txt"
doc2="$src/tests/corpus/001_99a99fce1cd6da03.txt"
o=$TAP_TMP/o
mkdir -p "$o"

# not_in DESCRIPTION PATTERN FILE: PATTERN must not be in FILE.
not_in () {
  tap_n=$((tap_n + 1))
  if grep -q -- "$2" "$3"; then echo "not ok $tap_n - $1: '$2' in $3"
    sed 's/^/# /' "$3" | head -20; tap_failed=$((tap_failed + 1))
  else echo "ok $tap_n - $1"; fi
}

# ---- --from-dump: a member missing is refused by the reader (exit 3, the
# member named), never a crash in a plugin or a GLib critical.
head='{"schema":"budgetpipe.document/1","source":{"path":"r.txt","encoding":"UTF-8","bytes_base64":"5LiA"}'
printf '%s,"findings":[{"category":"text","severity":"warning","line":1,"message":"m"}]}' "$head" > "$TAP_TMP/no-rule.json"
printf '%s,"classification":{"function":[{"name":"一般公共服务支出","total":"1.00","line":2,"table":"t1"}]}}' "$head" > "$TAP_TMP/no-code.json"
printf '%s,"toc":[{"type":"income_summary","line":1}]}' "$head" > "$TAP_TMP/no-toc-text.json"
printf '%s,"findings":[7]}' "$head" > "$TAP_TMP/finding-not-object.json"
printf '{"schema":"budgetpipe.document/1","doc":{"kind":"budget"}}' > "$TAP_TMP/no-source.json"
for case in no-rule:'findings\[0\].rule' no-code:code no-toc-text:toc.text \
            finding-not-object:'findings\[0\]' no-source:source; do
  name=${case%%:*}; member=${case#*:}
  for stage in validate json csv report; do
    expect_exit 3 "dump $name, --only $stage" "$bp" run -q -p corpus --only $stage \
      --from-dump "$TAP_TMP/$name.json" -o "$o/dump-$name"
    grep_in "dump $name: the member is named" "$member" "$TAP_TMP/err"
    not_in "dump $name: no GLib critical" "assertion" "$TAP_TMP/err"
  done
done

# A table row with no cells (a dump member present but empty): the
# project checks read its first cell as missing, never as a crash.
tbl () { printf '{"id":"%s","type":"%s","title":"%s","line":1,"end_line":3,"unit":"万元","header":[["项目名称","金额"]],"rows":[{"line":2,"cells":[]},{"line":3,"cells":["项目名称","x"]}],"empty":false}' "$1" "$2" "$3"; }
printf '%s,"doc":{"kind":"budget"},"tables":[%s,%s]}' "$head" \
  "$(tbl t1 project_expense 项目支出表)" "$(tbl t2 performance_project 绩效目标表)" > "$TAP_TMP/empty-row.json"
expect_exit 0 "dump with a row of no cells, --only validate" "$bp" run -q -p corpus --only validate \
  --from-dump "$TAP_TMP/empty-row.json" -o "$o/dump-empty-row"

# ---- debug runs leave the batch outputs of an earlier run as they were.
expect_exit 0 "full corpus run" "$bp" run -q -p corpus -o "$o/batch" "$doc" "$doc2"
snapshot () { (cd "$o/batch" && find . -type f ! -name '*.sqlite*' | sort | xargs md5sum) > "$1"; }
snapshot "$TAP_TMP/before"
ok "the batch has CSV rows" test "$(wc -l < "$o/batch/fields.csv")" -gt 1
for stage in cleanup tables fields validate; do
  expect_exit 0 "--until $stage into the batch OUT" "$bp" run -q -p corpus --until $stage -o "$o/batch" "$doc"
  snapshot "$TAP_TMP/after"
  ok "--until $stage: no output emptied or changed" cmp "$TAP_TMP/before" "$TAP_TMP/after"
done
expect_exit 0 "--dump-dir run" "$bp" run -q -p corpus --until validate --dump-dir "$o/dd" -o "$o/batch" "$doc"
dump=$(ls "$o/dd/000_fe5e375999e3baca/"*-validate.json)
expect_exit 0 "--only json --from-dump into the batch OUT" "$bp" run -q -p corpus --only json --from-dump "$dump" -o "$o/batch"
snapshot "$TAP_TMP/after"
ok "--only json: CSV and report untouched" cmp "$TAP_TMP/before" "$TAP_TMP/after"
# A sink run on one dump adds its document to the batch outputs and keeps
# the others: the report index lists both, the CSV files hold the same
# records (the dump's document written again, the other one carried over).
expect_exit 0 "--only report --from-dump into the batch OUT" "$bp" run -q -p corpus --only report --from-dump "$dump" -o "$o/batch"
ok "--only report: the index still lists both documents" \
  sh -c "grep -q '000_fe5e375999e3baca.html' '$o/batch/report/index.html' && grep -q '001_99a99fce1cd6da03.html' '$o/batch/report/index.html'"
snapshot "$TAP_TMP/after"
ok "--only report: the index, pages and CSV as the batch wrote them" cmp "$TAP_TMP/before" "$TAP_TMP/after"
sorted_csv () { for f in fields rows findings; do sort "$o/batch/$f.csv"; done > "$1"; }
sorted_csv "$TAP_TMP/csv-before"
expect_exit 0 "--only csv --from-dump into the batch OUT" "$bp" run -q -p corpus --only csv --from-dump "$dump" -o "$o/batch"
sorted_csv "$TAP_TMP/csv-after"
ok "--only csv: every record of both documents kept" cmp "$TAP_TMP/csv-before" "$TAP_TMP/csv-after"
ok "--only csv: the other document's records still there" grep -q '^001_99a99fce1cd6da03,' "$o/batch/fields.csv"
expect_exit 0 "the full batch again" "$bp" run -q -p corpus -o "$o/batch" "$doc" "$doc2"
snapshot "$TAP_TMP/after"
ok "a full rerun writes what the first run wrote" cmp "$TAP_TMP/before" "$TAP_TMP/after"
expect_exit 0 "--only validate --from-dump" "$bp" run -q -p corpus --only validate --from-dump "$dump" -o "$o/batch"
# Without --dump-dir the stage's document goes into OUT as a dump (the one
# thing this run produced); every batch output stays as it was.
ok "--only validate: its document written as OUT/STEM/NN-validate.json" \
  sh -c "ls '$o/batch/000_fe5e375999e3baca/'*-validate.json"
rm -rf "$o/batch/000_fe5e375999e3baca"
snapshot "$TAP_TMP/after"
ok "--only validate: nothing else written" cmp "$TAP_TMP/before" "$TAP_TMP/after"
expect_exit 0 "-n into the batch OUT" "$bp" run -q -n -p corpus -o "$o/batch" "$doc"
snapshot "$TAP_TMP/after"
ok "-n: nothing written" cmp "$TAP_TMP/before" "$TAP_TMP/after"
expect_exit 3 "every input failing into the batch OUT" "$bp" run -q -p corpus -o "$o/batch" "$TAP_TMP/none.txt"
snapshot "$TAP_TMP/after"
ok "no document processed: nothing written" cmp "$TAP_TMP/before" "$TAP_TMP/after"

# ---- a FIFO among the inputs (argument or in a directory): refused, named,
# exit 3, the batch goes on; never a hang.
mkdir -p "$TAP_TMP/fifo"
cp "$doc2" "$TAP_TMP/fifo/b.txt"
if mkfifo "$TAP_TMP/fifo/a.txt" "$TAP_TMP/pipe.txt"; then
  expect_exit 3 "FIFO inputs" timeout 60 "$bp" run -q -o "$o/fifo" "$TAP_TMP/pipe.txt" "$TAP_TMP/fifo"
  grep_in "FIFO argument named" "pipe.txt: not a regular file (a FIFO)" "$TAP_TMP/err"
  grep_in "FIFO in a directory named" "fifo/a.txt: not a regular file" "$TAP_TMP/err"
  ok "the regular file of the batch written" test -s "$o/fifo/b.json"
fi

# ---- output names: unique in the batch and the same in every sink.
mkdir -p "$TAP_TMP/a" "$TAP_TMP/b" "$TAP_TMP/c"
cp "$doc" "$TAP_TMP/a/doc.txt"; cp "$doc" "$TAP_TMP/b/doc.txt"; cp "$doc2" "$TAP_TMP/c/index.txt"
expect_exit 0 "two doc.txt and an index.txt" "$bp" run -q -p corpus -o "$o/names" \
  "$TAP_TMP/a/doc.txt" "$TAP_TMP/b/doc.txt" "$TAP_TMP/c/index.txt"
ok "first doc.txt keeps its stem" grep -q '"path" *: *"[^"]*/a/doc.txt"' "$o/names/doc.json"
ok "second doc.txt becomes doc-2" grep -q '"path" *: *"[^"]*/b/doc.txt"' "$o/names/doc-2.json"
ok "index.txt becomes index-2" grep -q '"path" *: *"[^"]*/c/index.txt"' "$o/names/index-2.json"
ok "report pages under the same names" test -s "$o/names/report/doc.html" -a -s "$o/names/report/doc-2.html" -a -s "$o/names/report/index-2.html"
ok "the report index lists three documents" test "$(grep -c 'doc-2.html\|doc.html\|index-2.html' "$o/names/report/index.html")" -ge 3
ok "sqlite keeps both identical inputs" test "$(sqlite3 "$o/names/budget.sqlite" 'SELECT count(*) FROM documents')" = 3
ok "sqlite stems are the file names" test "$(sqlite3 "$o/names/budget.sqlite" 'SELECT group_concat(stem) FROM (SELECT stem FROM documents ORDER BY stem)')" = "doc,doc-2,index-2"
ok "CSV rows carry three documents" test "$(cut -d, -f1 "$o/names/findings.csv" | sort -u | grep -vc '^document\|^stem\|^source')" -ge 3
expect_exit 0 "rerun the same batch" "$bp" run -q -p corpus -o "$o/names" \
  "$TAP_TMP/a/doc.txt" "$TAP_TMP/b/doc.txt" "$TAP_TMP/c/index.txt"
ok "a rerun replaces, never duplicates" test "$(sqlite3 "$o/names/budget.sqlite" 'SELECT count(*) FROM documents')" = 3

# A schema 1 database (one row per sha256) is migrated, its rows kept.
sqlite3 "$o/names/budget.sqlite" "PRAGMA foreign_keys=OFF; CREATE TABLE d1 AS SELECT * FROM documents;
  DROP VIEW document_summary; DROP VIEW three_public_by_department; DROP VIEW finding_detail; DROP TABLE documents;
  CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, pipeline TEXT NOT NULL,
  source_path TEXT NOT NULL, stem TEXT, bytes INTEGER, encoding TEXT, kind TEXT, year INTEGER, city TEXT,
  district TEXT, department TEXT, unit TEXT, profile TEXT, processed_at TEXT NOT NULL, UNIQUE (sha256, pipeline));
  INSERT INTO documents SELECT * FROM d1 WHERE stem != 'doc-2'; DROP TABLE d1; UPDATE schema_version SET version = 1;" 2>"$TAP_TMP/err"
expect_exit 0 "a schema 1 database" "$bp" run -q -p corpus -o "$o/names" "$TAP_TMP/b/doc.txt" "$TAP_TMP/a/doc.txt"
ok "migrated to schema 2" test "$(sqlite3 "$o/names/budget.sqlite" 'SELECT max(version) FROM schema_version')" = 2
ok "migrated rows and views kept" test "$(sqlite3 "$o/names/budget.sqlite" 'SELECT count(*) FROM document_summary WHERE n_tables > 0')" = 3

# ---- names that climb out of their directory.
mkdir -p "$TAP_TMP/dots/sub"
cp "$doc2" "$TAP_TMP/dots/...txt"
expect_exit 0 "an input named ...txt with --dump-dir" "$bp" run -q --dump-dir "$o/dots/dump" -o "$o/dots/out" "$TAP_TMP/dots/...txt"
ok "its dumps stay in the dump directory" test -s "$o/dots/dump/__/00-load.json"
ok "nothing written beside the dump directory" test ! -e "$o/dots/00-load.json"
ok "its JSON is not hidden" test -s "$o/dots/out/__.json"
printf '[pipeline]\nname = byinput\nstages = json\n\n[stage json]\nplugin = json\npath = ${output}/${input}.json\n' > "$TAP_TMP/byinput.conf"
cp "$doc2" "$TAP_TMP/dots/up.txt"
expect_exit 0 '${input} with a ../ input' sh -c "cd '$TAP_TMP/dots/sub' && '$bp' run -q -p '$TAP_TMP/byinput.conf' -o out ../up.txt"
ok '${input}: written inside OUT' test -s "$TAP_TMP/dots/sub/out/__/up.txt.json"
ok '${input}: nothing beside OUT' test ! -e "$TAP_TMP/dots/up.txt.json"

# ---- "--" ends the options and is no input.
cp "$doc2" "$TAP_TMP/-dash.txt"
expect_exit 0 "run -- -dash.txt" sh -c "cd '$TAP_TMP' && '$bp' run -q -o '$o/dash' -- -dash.txt"
ok "the file after -- processed" test -s "$o/dash/-dash.json"

# ---- kill -9: stale temporary files are removed by the next run, a live
# process's are kept, and the rerun leaves OUT as one clean run would.
dead=$(sh -c 'echo $$')
mkdir -p "$o/kill/report"
: > "$o/kill/.000_fe5e375999e3baca.json.bp-tmp-$dead-a1B2c3"
: > "$o/kill/report/.index.html.bp-tmp-$dead-Zz9y8x"
: > "$o/kill/.fields.csv.bp-tmp-$$-q1w2e3"
: > "$o/kill/notes.bp-tmp-$dead-a1B2c3"
expect_exit 0 "run into an OUT with stale temporary files" "$bp" run -q -p corpus -o "$o/kill" "$doc"
ok "a dead run's temporary file removed" test ! -e "$o/kill/.000_fe5e375999e3baca.json.bp-tmp-$dead-a1B2c3"
ok "one in a subdirectory too" test ! -e "$o/kill/report/.index.html.bp-tmp-$dead-Zz9y8x"
ok "a live process's temporary file kept" test -e "$o/kill/.fields.csv.bp-tmp-$$-q1w2e3"
ok "a file not of our naming kept" test -e "$o/kill/notes.bp-tmp-$dead-a1B2c3"
listing () { (cd "$1" && find . -type f ! -name '*.sqlite*' | sort | while read -r f; do
  case $f in *.json) echo "$f $(md5sum < "$f")";; *) echo "$f";; esac; done) }
expect_exit 0 "a clean run" "$bp" run -q -p corpus -o "$o/clean" "$src/tests/corpus"
listing "$o/clean" > "$TAP_TMP/clean"
# Killed at several moments: while loading plugins, while writing the first
# outputs, during the sinks' batch end.
for delay in 0.1 0.4 1 2; do
  k=$o/killed-$delay
  "$bp" run -q -p corpus -o "$k" "$src/tests/corpus" >/dev/null 2>&1 &
  pid=$!; sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  expect_exit 0 "rerun after kill -9 at ${delay} s" "$bp" run -q -p corpus -o "$k" "$src/tests/corpus"
  listing "$k" > "$TAP_TMP/killed"
  ok "after kill -9 at ${delay} s and a rerun OUT is as one clean run's" cmp "$TAP_TMP/clean" "$TAP_TMP/killed"
  ok "killed at ${delay} s: the same documents in SQLite" test "$(sqlite3 "$k/budget.sqlite" 'SELECT count(*) FROM documents')" = "$(sqlite3 "$o/clean/budget.sqlite" 'SELECT count(*) FROM documents')"
done

# ---- inputs the fuzzers found (tests/corpus/fuzz/SOURCES.md): each is read
# to the end, its JSON written, no crash, no sanitizer report.
for f in "$src"/tests/corpus/fuzz/*.txt; do
  b=$(basename "$f" .txt)
  expect_exit 0 "fuzzer input $b" "$bp" run -q -o "$o/fuzz" "$f"
  ok "fuzzer input $b: its JSON written" test -s "$o/fuzz/$b.json"
done

# ---- an input with no budget table: a completeness error --fail-on sees.
: > "$TAP_TMP/empty.txt"
printf 'Shopping list\nmilk 2\neggs 12\n' > "$TAP_TMP/shopping.txt"
for f in empty shopping; do
  expect_exit 1 "$f input with --fail-on warning" "$bp" run -q --fail-on warning -o "$o/none" "$TAP_TMP/$f.txt"
  ok "$f input: finding tables.found" grep -q '"rule" *: *"tables.found"' "$o/none/$f.json"
done
expect_exit 0 "a budget has no tables.found finding" "$bp" run -q -o "$o/none" "$doc"
ok "no tables.found in a budget" sh -c "! grep -q 'tables.found' '$o/none/000_fe5e375999e3baca.json'"

done_testing
