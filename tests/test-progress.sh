#!/bin/sh
# What a user sees of a batch: the summary line per document, a progress
# line and a totals line on a terminal, nothing extra in a pipe.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
doc="$src/tests/corpus/000_fe5e375999e3baca.txt"
o=$TAP_TMP/o

expect_exit 0 "one document" "$bp" run -o "$o/a" "$doc"
grep_in "summary names kind, year, district" ": budget 2024 青山区 " "$TAP_TMP/out"
grep_in "summary counts every severity" "errors, [0-9]* warnings, [0-9]* info)" "$TAP_TMP/out"
ok "not a terminal: nothing on stderr" test ! -s "$TAP_TMP/err"

expect_exit 0 "--until cleanup" "$bp" run --until cleanup -o "$o/b" "$doc"
ok "nothing read yet: no placeholder kind or year 0" sh -c "! grep -q -e 'kind?' -e ' 0 ,' '$TAP_TMP/out'"
grep_in "--until cleanup summary" "000_fe5e375999e3baca.txt: 0 tables, 0 fields, 0 rows" "$TAP_TMP/out"

# Debugging one stage as README shows it: the stage's result is written.
expect_exit 0 "--dump-dir" "$bp" run -q --dump-dir "$o/dump" -o "$o/c" "$doc"
cleaned=$(ls "$o/dump/000_fe5e375999e3baca/" | grep -e '-cleanup.json$')
BUDGETPIPE_DEBUG=tables:debug "$bp" run --only tables \
  --from-dump "$o/dump/000_fe5e375999e3baca/$cleaned" -o "$o/only" > "$TAP_TMP/out" 2> "$TAP_TMP/err"
ok "--only tables --from-dump -o OUT writes the stage's document into OUT" \
  sh -c "ls '$o/only/000_fe5e375999e3baca/' | grep -q -e '-tables.json\$'"
grep_in "tables:debug logs the table decisions" "opened as tables" "$TAP_TMP/err"
grep_in "tables:debug logs each table" "t1 income_expense_summary .*lines [0-9]*-[0-9]*, [0-9]* header rows, [0-9]* rows" "$TAP_TMP/err"

# script(1) gives the run a terminal.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
  script -qec "'$bp' run -q -o '$o/t' '$src/tests/corpus'" /dev/null > "$TAP_TMP/tty" 2>&1
  grep_in "terminal: a progress line count/total" "\[5/5\] [0-9.]* docs/s, ETA" "$TAP_TMP/tty"
  grep_in "terminal: one totals line" "5 documents in [0-9:]* ([0-9.]* docs/s): 0 failed, [0-9]* errors" "$TAP_TMP/tty"
fi
done_testing
