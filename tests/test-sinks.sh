#!/bin/sh
# The sinks cross-check: the shipped corpus pipeline (the default one plus the
# csv, sqlite and report sinks) over tests/corpus; every fact of the JSON is in the three other
# outputs with the same value (tests/check-sinks.py). A second run (-j 2)
# over the same inputs replaces the database rows instead of duplicating.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
o=$TAP_TMP/result   # ($TAP_TMP/out is expect_exit's)
conf=$TAP_TMP/all-sinks.conf

cp "$src/pipelines/corpus.conf" "$conf"
ok "the corpus pipeline is the default one plus the sinks" \
  test "$(sed -n 's/^stages *= *//p' "$conf")" = "$(sed -n 's/^stages *= *//p' "$src/pipelines/default.conf");csv;sqlite;report"

expect_exit 0 "corpus pipeline (JSON, csv, sqlite, report) over tests/corpus" \
  "$bp" run -q -p "$conf" -o "$o" "$src/tests/corpus" "$src/tests/corpus/thirdparty"
expect_exit 0 "csv, sqlite and report agree with the JSON" \
  "${PYTHON:-python3}" "$src/tests/check-sinks.py" "$o"
mkdir -p "$TAP_TMP/j1"
cp "$o"/fields.csv "$o"/rows.csv "$o"/findings.csv "$TAP_TMP/j1/"
expect_exit 0 "second run over the same inputs (-j 2)" \
  "$bp" run -q -j 2 -p "$conf" -o "$o" "$src/tests/corpus" "$src/tests/corpus/thirdparty"
expect_exit 0 "still agree after the rerun: no duplicated rows" \
  "${PYTHON:-python3}" "$src/tests/check-sinks.py" "$o"
for f in fields rows findings; do
  ok "$f.csv of -j 2 is -j 1's byte for byte (input order, whatever finishes first)" \
    cmp -s "$TAP_TMP/j1/$f.csv" "$o/$f.csv"
done
n_in=$(ls "$src"/tests/corpus/*.txt "$src"/tests/corpus/thirdparty/*.txt | wc -l)
ok "one HTML and one Markdown page per input ($n_in)" \
  test "$(ls "$o"/report/*.html | wc -l)" -eq $((n_in + 1)) -a "$(ls "$o"/report/*.md | wc -l)" -eq $((n_in + 1))
# Two processes writing one database at once: each waits for the other's
# transaction (busy timeout), nothing is lost or duplicated.
shared=$TAP_TMP/shared.sqlite
sed -e 's/^stages *=.*$/&/' "$conf" | awk '/^\[/ { skip = ($0 == "[stage sqlite]") } !skip' >"$TAP_TMP/shared.conf"
printf '\n[stage sqlite]\nplugin = sqlite\npath = %s\n' "$shared" >>"$TAP_TMP/shared.conf"
"$bp" run -q -p "$TAP_TMP/shared.conf" -o "$TAP_TMP/a" "$src/tests/corpus" >/dev/null 2>"$TAP_TMP/a.err" &
pid=$!
"$bp" run -q -p "$TAP_TMP/shared.conf" -o "$TAP_TMP/b" "$src/tests/corpus/thirdparty" >/dev/null 2>"$TAP_TMP/b.err"
rc_b=$?
wait $pid
rc_a=$?
ok "two concurrent writers into one database both succeed" test "$rc_a" -eq 0 -a "$rc_b" -eq 0
ok "the shared database holds every document once ($n_in)" \
  test "$(sqlite3 "$shared" 'SELECT count(*) FROM documents' 2>/dev/null || \
          "${PYTHON:-python3}" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM documents').fetchone()[0])" "$shared")" -eq "$n_in"
ok "no temporary files left behind" test -z "$(find "$o" -name '*.tmp*' -o -name '.*' -type f)"
done_testing
