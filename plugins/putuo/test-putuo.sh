#!/bin/sh
# Golden files for the Shanghai 普陀区 documents: the default pipeline's JSON
# holds every hand-checked fact in plugins/putuo/expected/<stem>.json (doc,
# fields with their source lines, tables with their first rows,
# classification rows). Each value there was checked against the source text.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
o=$TAP_TMP/json
for e in "$src"/plugins/putuo/expected/*.json; do
  s=$(basename "$e" .json)
  set -- "$@" "$src/tests/corpus/thirdparty/$s.txt"
done
expect_exit 0 "default pipeline on the golden Shanghai documents" "$bp" run -q -o "$o" "$@"
for e in "$src"/plugins/putuo/expected/*.json; do
  s=$(basename "$e" .json)
  tap_n=$((tap_n + 1))
  if python3 "$src/tests/check-subset.py" "$e" "$o/$s.json" > "$TAP_TMP/diff"; then
    echo "ok $tap_n - $s matches its golden file"
  else
    echo "not ok $tap_n - $s differs from its golden file"
    sed 's/^/# /' "$TAP_TMP/diff" | head -30
    tap_failed=$((tap_failed + 1))
  fi
done
# The golden check can fail: a changed figure is caught.
sed 's/"96282213.44"/"96282213.45"/' "$src/plugins/putuo/expected/sh-pt-sfj-2026-budget.json" > "$TAP_TMP/bad.json"
expect_exit 1 "a wrong expected figure is reported" python3 "$src/tests/check-subset.py" "$TAP_TMP/bad.json" "$o/sh-pt-sfj-2026-budget.json"
done_testing
