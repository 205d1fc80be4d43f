#!/bin/sh
# Changed figures are caught: every coded row of every seed document, and of
# two Shanghai documents (a side-by-side 决算 in 万元, a whole-元 unit
# budget), has one figure changed in turn and the default pipeline must
# report it (at its line in at least 80 % of rows); the seeds' 元 tables rewritten in 万元 must
# raise no new error (rounding stays info). See tests/perturb.py.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
py=${PYTHON:-python3}

expect_exit 0 "every changed figure in a coded row of the seeds and two Shanghai documents is caught" \
  "$py" "$src/tests/perturb.py" rows "$bp" "$src/pipelines/default.conf" "$TAP_TMP/rows" \
  "$src"/tests/corpus/0*.txt "$src"/tests/corpus/thirdparty/sh-pt-sthj-2025-final.txt \
  "$src"/tests/corpus/thirdparty/sh-pt-shiquan-2026-unit-budget.txt
sed 's/^/# /' "$TAP_TMP/out" | grep -v 'caught elsewhere' | tail -5
expect_exit 0 "元 tables rewritten in 万元 raise no new error" \
  "$py" "$src/tests/perturb.py" wanyuan "$bp" "$src/pipelines/default.conf" "$TAP_TMP/wan" \
  "$src"/tests/corpus/0*.txt "$src"/tests/corpus/thirdparty/*.txt
done_testing
