#!/bin/sh
# Real documents from many places (tests/corpus/wild, a slice of the wild
# corpus: a few documents of each template family, see SOURCES.md there):
# the default pipeline reads each document's metadata (kind, fiscal year,
# city, district, department, table unit) as index.tsv gives it, from plain
# pdftotext text (text/) and from -layout text (layout/) alike, and reports
# no error finding beyond those errors.tsv lists (real defects checked by
# hand, and misreads not yet mended, each with its count).
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
w=$src/tests/corpus/wild

meta_ok () { # meta_ok OUT_DIR ID: the document's metadata equals its index row
  python3 "$src/tests/check-wild-meta.py" "$w/index.tsv" "$@"
}

for shape in text layout; do
  expect_exit 0 "default pipeline over wild/$shape" "$bp" run -q -o "$TAP_TMP/$shape" "$w/$shape"
  for f in "$w/$shape"/*.txt; do
    id=$(basename "$f" .txt)
    ok "$shape/$id: metadata as indexed" meta_ok "$TAP_TMP/$shape" "$id"
    ok "$shape/$id: no error findings beyond the known (errors.tsv)" \
      python3 "$src/tests/check-wild-errors.py" "$w/errors.tsv" "$shape" "$TAP_TMP/$shape" "$id"
  done
done
# Places the slice does not have: the same documents moved elsewhere are
# read as the new place (the place list is data, nothing is per document).
doc_is () { # doc_is JSON KEY VALUE ('' for absent)
  python3 -c 'import json, sys
sys.exit((json.load(open(sys.argv[1]))["doc"].get(sys.argv[2]) or "") != sys.argv[3])' "$@"
}
m=$TAP_TMP/moved
mkdir -p "$m"
sed 's/深圳市/东莞市/g' "$w/text/sz-zfbgt-2026-budget.txt" > "$m/dongguan.txt"
sed 's/福州市/厦门市/g; s/鼓楼/思明/g' "$w/text/fz-gulou-sthj-2026-unit-budget.txt" > "$m/siming.txt"
sed 's/北京市/天津市/g' "$w/text/bj-xfb-2026-budget-tables.txt" > "$m/tianjin.txt"
expect_exit 0 "default pipeline on documents of other places" "$bp" run -q -o "$m/out" "$m"
ok "东莞市: city" doc_is "$m/out/dongguan.json" city 东莞市
ok "东莞市: no district" doc_is "$m/out/dongguan.json" district ""
ok "厦门市思明生态环境局: city" doc_is "$m/out/siming.json" city 厦门市
ok "厦门市思明生态环境局: district 思明区" doc_is "$m/out/siming.json" district 思明区
ok "天津市 tables only: department" doc_is "$m/out/tianjin.json" department 天津市信访办公室
ok "天津市 tables only: city" doc_is "$m/out/tianjin.json" city 天津市

# Every indexed document is in the slice, and every text has an index row.
ok "index rows = text documents" test "$(($(wc -l < "$w/index.tsv") - 1))" -eq "$(ls "$w"/text/*.txt | wc -l)"
# The checker fails on a wrong value (the test cannot pass by accident).
f=$(ls "$w"/text/*.txt | head -1); id=$(basename "$f" .txt)
mkdir -p "$TAP_TMP/bad"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); d["doc"]["department"] = "x"
json.dump(d, open(sys.argv[2], "w"))' "$TAP_TMP/text/$id.json" "$TAP_TMP/bad/$id.json"
expect_exit 1 "a wrong department is caught" python3 "$src/tests/check-wild-meta.py" "$w/index.tsv" "$TAP_TMP/bad" "$id"
# And one error finding more than known is caught.
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["findings"].append({"rule": "sum.total", "category": "arithmetic", "severity": "error", "line": 1, "message": "m"})
json.dump(d, open(sys.argv[2], "w"))' "$TAP_TMP/text/$id.json" "$TAP_TMP/bad/$id.json"
expect_exit 1 "an error finding more than known is caught" python3 "$src/tests/check-wild-errors.py" "$w/errors.tsv" text "$TAP_TMP/bad" "$id"
done_testing
