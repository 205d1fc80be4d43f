#!/bin/sh
# End to end: the default pipeline over every corpus document; each output
# conforms to SCHEMA.md's structure.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
o=$TAP_TMP/json

expect_exit 0 "default pipeline over tests/corpus" "$bp" run -o "$o" "$src/tests/corpus" "$src/tests/corpus/thirdparty"
n_in=$(ls "$src"/tests/corpus/*.txt "$src"/tests/corpus/thirdparty/*.txt | wc -l)
ok "one JSON per input ($n_in)" test "$(ls "$o"/*.json | wc -l)" -eq "$n_in"
for f in "$o"/*.json; do
  ok "$(basename "$f") conforms to SCHEMA.md" python3 "$src/tests/check-schema.py" "$f"
done
done_testing
