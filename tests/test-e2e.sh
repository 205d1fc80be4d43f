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
# Accuracy on the seed documents against the hand-checked gold answers.
python3 "$src/tests/score.py" "$src/tests/gold" "$o" --json > "$TAP_TMP/score.json"
for fact in doc:100 fields:95 tables:95 function:95 economic:95; do
  k=${fact%%:*}; min=${fact#*:}
  ok "seed accuracy: $k >= $min%" python3 -c "
import json, sys
a, b = json.load(open('$TAP_TMP/score.json'))['total']['$k']
print('$k', a, b); sys.exit(0 if b and 100.0 * a / b >= $min else 1)"
done
done_testing
