#!/bin/sh
# Shipped pipelines and district auto-detection: `budgetpipe check` passes on
# every shipped pipeline; the default pipeline picks each document's district
# profile (national when none matches); the district pipelines give the same
# documents as the default one (auto-detection loses nothing).
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
c=$src/tests/corpus
d=$TAP_TMP/default

for p in "$src"/pipelines/*.conf; do
  expect_exit 0 "budgetpipe check $(basename "$p")" "$bp" check "$p"
done

doc_is () { # doc_is JSON KEY VALUE: doc.KEY == VALUE
  python3 -c 'import json, sys
sys.exit(json.load(open(sys.argv[1]))["doc"].get(sys.argv[2]) != sys.argv[3])' "$@"
}
ran () { # ran JSON STAGE yes|no: whether STAGE is in pipeline.stages
  python3 -c 'import json, sys
stages = json.load(open(sys.argv[1]))["pipeline"]["stages"]
sys.exit((sys.argv[2] in stages) != (sys.argv[3] == "yes"))' "$@"
}

expect_exit 0 "default pipeline over the corpus" "$bp" run -q -o "$d" "$c" "$c/thirdparty"
for f in 000_fe5e375999e3baca 001_99a99fce1cd6da03 003_d6fb263bf47854f3 004_d9984b4f4bf4cec5; do
  ok "$f: profile qingshan" doc_is "$d/$f.json" profile qingshan
done
ok "002: profile jianghan" doc_is "$d/002_43945480f961a537.json" profile jianghan
ok "002: the jianghan stage ran" ran "$d/002_43945480f961a537.json" jianghan yes
ok "002: the qingshan stage did not" ran "$d/002_43945480f961a537.json" qingshan no
for f in "$c"/thirdparty/sh-pt-*.txt; do
  s=$(basename "$f" .txt)
  ok "$s: profile putuo" doc_is "$d/$s.json" profile putuo
done

# Documents of districts nobody described: the national profile.
mkdir -p "$TAP_TMP/other"
sed 's/青山区/洪山区/g' "$c/001_99a99fce1cd6da03.txt" > "$TAP_TMP/other/hongshan.txt"
sed 's/上海市普陀区/舟山市普陀区/g' "$c/thirdparty/sh-pt-zfb-2025-budget.txt" > "$TAP_TMP/other/zhoushan.txt"
expect_exit 0 "default pipeline on other districts" "$bp" run -q -o "$TAP_TMP/o" "$TAP_TMP/other"
ok "洪山区: profile national" doc_is "$TAP_TMP/o/hongshan.json" profile national
ok "洪山区: district still read" doc_is "$TAP_TMP/o/hongshan.json" district 洪山区
ok "舟山市普陀区: profile national" doc_is "$TAP_TMP/o/zhoushan.json" profile national
ok "舟山市普陀区: city kept" doc_is "$TAP_TMP/o/zhoushan.json" city 舟山市

# Each district pipeline on its documents equals the default pipeline's output.
same () { # same PIPELINE FILE...
  p=$1; shift
  "$bp" run -q -p "$src/pipelines/$p.conf" -o "$TAP_TMP/$p" "$@" || return 1
  for f in "$@"; do
    s=$(basename "$f" .txt)
    python3 -c 'import json, sys
a, b = (json.load(open(x)) for x in sys.argv[1:3])
keys = ("doc", "fields", "tables", "classification")
sys.exit(any(a[k] != b[k] for k in keys))' "$d/$s.json" "$TAP_TMP/$p/$s.json" || return 1
  done
}
ok "qingshan-budget = default on 000, 001" same qingshan-budget "$c/000_fe5e375999e3baca.txt" "$c/001_99a99fce1cd6da03.txt"
ok "qingshan-final = default on 003, 004" same qingshan-final "$c/003_d6fb263bf47854f3.txt" "$c/004_d9984b4f4bf4cec5.txt"
ok "jianghan-budget = default on 002" same jianghan-budget "$c/002_43945480f961a537.txt"
ok "putuo-budget = default on the Shanghai 预算" same putuo-budget "$c"/thirdparty/sh-pt-*-budget.txt
ok "putuo-final = default on the Shanghai 决算" same putuo-final "$c"/thirdparty/sh-pt-*-final.txt

# A district pipeline applies its profile even where detection would not.
expect_exit 0 "putuo-budget on the 舟山 copy" "$bp" run -q -p "$src/pipelines/putuo-budget.conf" -o "$TAP_TMP/z" "$TAP_TMP/other/zhoushan.txt"
ok "another city's 普陀区 is not given the putuo profile" doc_is "$TAP_TMP/z/zhoushan.json" profile national
# kind = final_accounts in putuo-final: a 预算 run through it is flagged.
"$bp" run -q -p "$src/pipelines/putuo-final.conf" -o "$TAP_TMP/k" "$c/thirdparty/sh-pt-zfb-2025-budget.txt" 2> "$TAP_TMP/kind.log"
grep_in "a 预算 in the 决算 pipeline is logged" "a budget document in a pipeline for final_accounts" "$TAP_TMP/kind.log"
ok "... and keeps its kind" doc_is "$TAP_TMP/k/sh-pt-zfb-2025-budget.json" kind budget
done_testing
