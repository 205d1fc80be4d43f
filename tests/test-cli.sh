#!/bin/sh
# The CLI: documented exit codes, bad input, batch behaviour, debugging
# options (--until, --dump-dir, --only --from-dump), inspect and plugins.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
tp="--plugin-path ${G_TEST_BUILDDIR:-.}/tests/plugins"
doc="$src/tests/corpus/000_fe5e375999e3baca.txt"
doc2="$src/tests/corpus/001_99a99fce1cd6da03.txt"
o=$TAP_TMP/o

expect_exit 0 "--version" "$bp" --version
grep_in "--version names the licence" "License GPL-3.0-or-later" "$TAP_TMP/out"
expect_exit 0 "run --version" "$bp" run --version
expect_exit 0 "--help" "$bp" --help
expect_exit 2 "no command" "$bp"
expect_exit 2 "unknown command" "$bp" frobnicate
grep_in "unknown command is named" "unknown command 'frobnicate'" "$TAP_TMP/err"
expect_exit 0 "run --help" "$bp" run --help
grep_in "run --help usage line names the program and command" "budgetpipe run \[OPTION.*FILE" "$TAP_TMP/out"
expect_exit 2 "unknown option" "$bp" run --bogus "$doc"
expect_exit 2 "run without inputs" "$bp" run -o "$o"
expect_exit 2 "missing pipeline file" "$bp" run -p "$TAP_TMP/none.conf" "$doc"
expect_exit 2 "--until names no stage" "$bp" run --until nosuch -o "$o" "$doc"
expect_exit 2 "--from-dump without --only" "$bp" run --from-dump x.json
expect_exit 2 "bad --fail-on" "$bp" run --fail-on=maybe "$doc"

# One unreadable input: exit 3, the other file is still written.
expect_exit 3 "unreadable input" "$bp" run -o "$o/a" "$TAP_TMP/missing.txt" "$doc"
grep_in "unreadable input named" "missing.txt" "$TAP_TMP/err"
ok "other input still written" test -s "$o/a/000_fe5e375999e3baca.json"
ok "no temporary files left" sh -c "! ls -a '$o/a' | grep -v -e '^\.*$' -e '\.json$'"

expect_exit 3 "a stage fails a document" "$bp" run $tp -p "$src/tests/pipelines/failing.conf" -o "$o/f" "$doc"
grep_in "failure names stage and reason" "stage 'first': asked to fail" "$TAP_TMP/err"

expect_exit 0 "error findings without --fail-on" "$bp" run $tp -p "$src/tests/pipelines/with-error.conf" -o "$o/e" "$doc"
expect_exit 1 "--fail-on=error" "$bp" run $tp --fail-on=error -p "$src/tests/pipelines/with-error.conf" -o "$o/e" "$doc"

# Directory argument, document on stdin, -j 2.
expect_exit 0 "directory input" "$bp" run -q -o "$o/d" "$src/tests/corpus"
ok "one JSON per corpus file" test "$(ls "$o/d"/*.json | wc -l)" -eq 5
printf '%s\n%s\n' "$doc" "$doc2" > "$TAP_TMP/list"
expect_exit 0 "--files-from - (a list on stdin)" sh -c "'$bp' run -o '$o/s' --files-from - < '$TAP_TMP/list'"
ok "stdin list processed" test -s "$o/s/001_99a99fce1cd6da03.json"
printf '\n  %s  \n%s\n' "$doc2" "$src/tests/corpus/thirdparty" > "$TAP_TMP/list2"
expect_exit 0 "--files-from LIST (a file and a directory)" "$bp" run -q -o "$o/l" --files-from "$TAP_TMP/list2"
ok "--files-from: every listed input" test "$(ls "$o/l"/*.json | wc -l)" -eq $((1 + $(ls "$src/tests/corpus/thirdparty"/*.txt | wc -l)))
expect_exit 3 "--files-from a missing list" "$bp" run -q -o "$o/l2" --files-from "$TAP_TMP/nolist" "$doc"
ok "... the other inputs still processed" test -s "$o/l2/000_fe5e375999e3baca.json"
# "-" is the document on standard input (stem "stdin"), as README says.
expect_exit 0 "document on stdin" sh -c "'$bp' run -o '$o/s' - < '$doc'"
ok "stdin document written as stdin.json" test -s "$o/s/stdin.json"
ok "stdin document: the same tables and fields as the file" python3 -c "import json; a=json.load(open('$o/s/stdin.json')); b=json.load(open('$o/d/000_fe5e375999e3baca.json')); assert a['tables']==b['tables'] and a['fields']==b['fields'] and a['source']['path']=='-'"
expect_exit 0 "-j 2" "$bp" run -j 2 -o "$o/j" "$src/tests/corpus"
ok "-j 2 gives the same JSON" cmp "$o/d/000_fe5e375999e3baca.json" "$o/j/000_fe5e375999e3baca.json"
expect_exit 0 "-j2 and -oDIR, the value joined to the letter" "$bp" run -q -j2 "-o$o/j2" "$src/tests/corpus"
ok "-j2 gives the same JSON" cmp "$o/d/000_fe5e375999e3baca.json" "$o/j2/000_fe5e375999e3baca.json"

# Debugging one stage.
expect_exit 0 "--dry-run" "$bp" run --dry-run -o "$o/n" "$doc"
ok "--dry-run writes nothing" test ! -e "$o/n"
expect_exit 0 "--dump-dir" "$bp" run --dump-dir "$o/dump" -o "$o/r" "$doc"
ok "dump before the first stage" test -s "$o/dump/000_fe5e375999e3baca/00-load.json"
# The snapshot taken just before the json stage, fed to json alone, gives
# the same output as the full run: dumps read back losslessly.
before_json=$(ls "$o/dump/000_fe5e375999e3baca/" | tail -n 2 | head -n 1)
expect_exit 0 "--only json --from-dump" "$bp" run --only json --from-dump "$o/dump/000_fe5e375999e3baca/$before_json" -o "$o/r2"
ok "--from-dump reproduces the output" cmp "$o/r/000_fe5e375999e3baca.json" "$o/r2/000_fe5e375999e3baca.json"
expect_exit 0 "--stats" "$bp" run --stats -o "$o/st" "$doc"
grep_in "--stats prints stages" "documents 1" "$TAP_TMP/out"

# Introspection.
expect_exit 0 "plugins" "$bp" plugins
grep_in "plugins lists json" "^json .*sink .*ok" "$TAP_TMP/out"
expect_exit 0 "inspect json" "$bp" inspect json
grep_in "inspect shows options" "path .*path .*default" "$TAP_TMP/out"
expect_exit 0 "inspect --json" "$bp" inspect --json json
ok "inspect --json is JSON" python3 -c "import json,sys; d=json.load(open('$TAP_TMP/out')); assert d['name']=='json' and d['options']"
expect_exit 2 "inspect unknown plugin" "$bp" inspect nosuch
expect_exit 0 "check default pipeline" "$bp" check "$src/pipelines/default.conf"
expect_exit 2 "check a bad pipeline" "$bp" check $tp "$src/tests/pipelines/unknown-key.conf"
grep_in "check names file:line" "unknown-key.conf:7:" "$TAP_TMP/err"
done_testing
