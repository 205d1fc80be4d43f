#!/bin/sh
# PDF input end to end: real PDFs of different producers through the default
# and corpus pipelines (metadata, tables, classification rows, no error
# findings), a directory mixing .pdf and .txt, pages in every output, the
# dump of the pdf stage, and a bad PDF in a batch (exit 3, the rest goes on).
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
pdfs=$src/tests/corpus/pdf
o=$TAP_TMP/o

expect_exit 0 "the real PDFs" "$bp" run -q -p corpus -o "$o/all" "$pdfs"

# id kind year department table-types min-function-rows no-errors
while IFS='|' read -r id kind year dept types rows clean; do
  ok "$id: metadata, tables, function rows${clean:+, no error finding}" python3 - "$o/all/$id.json" \
    "$kind" "$year" "$dept" "$types" "$rows" "$clean" <<'EOF'
import json, sys
path, kind, year, dept, types, rows, clean = sys.argv[1:]
d = json.load(open(path))
m = d["doc"]
assert m.get("kind") == kind and str(m.get("year")) == year, m
assert not dept or m.get("department") == dept, m
found = {t["type"] for t in d["tables"]}
assert set(types.split(",")) <= found, found
assert len(d["classification"]["function"]) >= int(rows)
assert not clean or not [f for f in d["findings"] if f["severity"] == "error"], d["findings"]
pages = [x.get("page") for x in d["tables"] + d["findings"] + list(d["fields"].values())]
assert pages and all(isinstance(p, int) and p >= 1 for p in pages), pages
EOF
done <<'EOF'
gz-xfj-2026-budget|budget|2026|广州市信访局|income_expense_summary,expense_summary,fiscal_summary,general_budget_expense,three_public|15|clean
js-rd-2019-budget-tables|budget|2019||income_expense_summary,expense_summary,fiscal_summary,general_budget_expense,basic_expense,three_public|15|
js-zx-2019-budget-tables|budget|2019||income_expense_summary,expense_summary,fiscal_summary,general_budget_expense,basic_expense,three_public|15|
sh-xkjy-2026-unit-budget|budget|2026|上海市刑事科学技术研究院|income_expense_summary,expense_summary,fiscal_summary,general_budget_expense,three_public|10|clean
sz-ybj-2026-budget|budget|2026|深圳市医疗保障局（本级）|income_expense_summary,expense_summary,fiscal_summary,general_budget_expense,three_public|15|
wx-swj-2026-budget|budget|2026|无锡市商务局|income_expense_summary,expense_summary,fiscal_summary,general_budget_expense,three_public|15|
EOF

# 江苏 公开表九 read from the PDF: the empty 公务用车购置费 column keeps its
# place (its heading printed beside the car group's lower 小计, under the
# group's heading), and the 三公 group's 小计 is the total, not the 合计 of
# 三公 + 会议费 + 培训费.
ok "js-rd: the 三公 fields from its table" python3 - "$o/all/js-rd-2019-budget-tables.json" <<'EOF'
import json, sys
f = json.load(open(sys.argv[1]))["fields"]
want = {"three_public.total": "7676000.00", "three_public.overseas": "1992500.00",
        "three_public.vehicle": "1836000.00", "three_public.vehicle_operation": "1836000.00",
        "three_public.reception": "3847500.00"}
got = {k: f.get(k, {}).get("value") for k in want}
assert got == want, got
assert all(f[k].get("table") for k in want), f
EOF

grep_in "CSV rows have a page" ',t[0-9]*,[a-z_]*,[0-9]*,[0-9][0-9]*,' "$o/all/rows.csv"
ok "SQLite fields have pages" sh -c "python3 -c \"import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); assert db.execute('SELECT count(*) FROM fields WHERE page IS NULL').fetchone()[0] == 0; assert db.execute('SELECT count(*) FROM fields').fetchone()[0] > 0\" '$o/all/budget.sqlite'"
ok "the report says where: p. N, line M" sh -c "grep -l 'p\. [0-9]*, line [0-9]*' '$o/all/report/'*.html"

# A directory of .pdf and .txt: both read, the text without form feeds has
# no pages.
mkdir -p "$TAP_TMP/mixed"
cp "$pdfs/js-rd-2019-budget-tables.pdf" "$src/tests/corpus/000_fe5e375999e3baca.txt" "$TAP_TMP/mixed/"
expect_exit 0 "a directory of .pdf and .txt" "$bp" run -o "$o/mixed" "$TAP_TMP/mixed"
ok "the PDF written" test -s "$o/mixed/js-rd-2019-budget-tables.json"
ok "the text written" test -s "$o/mixed/000_fe5e375999e3baca.json"
ok "no page without form feeds" sh -c "! grep -q '\"page\"' '$o/mixed/000_fe5e375999e3baca.json'"

# Form feeds give a text input its pages too.
printf '一、部门主要职能\n\f二、收入\n' > "$TAP_TMP/ff.txt"
expect_exit 0 "text with form feeds" "$bp" run --until cleanup --dump-dir "$TAP_TMP/ffd" -o "$o/ff" "$TAP_TMP/ff.txt"
ok "its second line is on page 2" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert [l['page'] for l in d['lines']] == [1, 2], d['lines']" "$TAP_TMP/ffd/ff/02-cleanup.json"

# --dump-dir shows the lines the pdf stage produced.
expect_exit 0 "--until pdf --dump-dir" "$bp" run --until pdf --dump-dir "$TAP_TMP/d" -o "$o/d" "$pdfs/js-rd-2019-budget-tables.pdf"
ok "the dump holds the pdf stage's lines, space-aligned, with pages" python3 -c "
import json, re, sys
d = json.load(open(sys.argv[1]))
lines = d['lines']
assert lines and lines[-1]['page'] > 1
assert not any('\t' in l['text'] for l in lines)
assert any(re.search(r'\S  +[0-9,.]+  +[0-9,.]+', l['text']) for l in lines)" "$TAP_TMP/d/js-rd-2019-budget-tables/01-pdf.json"

# lines = tabs: table rows tab-separated by column instead.
sed 's/^plugin = pdf$/plugin = pdf\nlines = tabs/' "$src/pipelines/default.conf" > "$TAP_TMP/tabs.conf"
expect_exit 0 "lines = tabs" "$bp" run -p "$TAP_TMP/tabs.conf" --until pdf --dump-dir "$TAP_TMP/dt" -o "$o/dt" "$pdfs/js-rd-2019-budget-tables.pdf"
ok "its dump holds tab-separated rows" python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert any('\t' in l['text'] for l in d['lines'])" "$TAP_TMP/dt/js-rd-2019-budget-tables/01-pdf.json"

# A damaged PDF in a batch: named, exit 3, the other input still written.
printf '%%PDF-1.4\nno objects, no xref\n' > "$TAP_TMP/broken.pdf"
expect_exit 3 "a damaged PDF in a batch" "$bp" run -o "$o/bad" "$TAP_TMP/broken.pdf" "$pdfs/js-rd-2019-budget-tables.pdf"
grep_in "the damaged file named" "broken.pdf.*damaged PDF" "$TAP_TMP/err"
ok "the good PDF still written" test -s "$o/bad/js-rd-2019-budget-tables.json"

done_testing
