#!/bin/sh
# Function rows whose codes plain pdftotext printed apart from the rows:
# xian-plain-code-runs.txt is 西安 表5 (一般公共预算支出明细表, 按功能科目分)
# in plain text. Each row's name and figures are printed together, but the
# 类/款 codes (and some 项 codes) come in runs of their own, mixed with the
# 序号 column's numbers ("1 / 2 / … / 205 / 3 / 20503 / 4 / 2050303 …"); a
# run may end just before another row's name ("24 / 215 / 25 / 21505 /
# 资源勘探工业信息等支出"), a row's figures may stand before its name
# ("0.00 ×4 / 11 / 2080501 / 行政单位离退休"), and the first page ends with
# the 备注 column's heading followed by row numbers and rows. The codes,
# ascending, go to the rows in turn, kept because every level adds up.
# xian-plain-cut-row.txt (西安 表5, figures without trailing zeros): the
# 备注 heading printed among the header's cells, rows right after it; a
# row cut by a run of codes, its last cell printed before the run
# ("行政事业单位医疗 / 57280000 / 205 … 21011 / 58069417.06 / 789417.06 / 0");
# the 合计 printed with one decimal ("480544221.6" for …221.62).
# xian-plain-header-codes.txt (西安 表5): the first row's code printed
# among the header's lines ("1 / 合计 / 2 201 / 3").
# xian-plain-late-names.txt (西安 表7, 基本支出 by function): names of rows
# without figures printed late ("行政事业单位医疗 / … / 卫生健康支出"): the
# figures are dealt out again and the codes pair, but the names no longer
# do (the catalogue names the codes otherwise), so the rows have none.
# xian-plain-remarks-name.txt (西安 表7): the first page ends with 备注,
# the next begins (past its repeated title) with a row's name alone.
# xian-plain-empty-cells.txt (西安 表5 in 万元): its title printed under a
# bare "表5" line (read as one title, "表5 2022年…"), the later pages under
# the title alone: one table, not one per page.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
. "${G_TEST_SRCDIR:-.}/tests/function-rows.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
c=$src/tests/corpus/coderuns
x_in=$c/xian-plain-code-runs.txt

errors () { # errors JSON N: N error findings
  python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["findings"]
sys.exit(sum(x["severity"] == "error" for x in f) != int(sys.argv[2]))' "$@"
}
table_row () { # table_row JSON CODE NAME FIRST: the first table's row as read
  python3 -c 'import json, sys
rows = json.load(open(sys.argv[1]))["tables"][0]["rows"]
hit = [r["cells"] for r in rows if r["cells"][0] == sys.argv[2]]
sys.exit(not (len(hit) == 1 and hit[0][1] == sys.argv[3] and hit[0][2] == sys.argv[4]))' "$@"
}
tables_of () { # tables_of JSON TYPE N: N tables of TYPE
  python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["tables"]
sys.exit(sum(x["type"] == sys.argv[2] for x in t) != int(sys.argv[3]))' "$@"
}
rows_agree () { # rows_agree GOOD JSON: each function row of JSON is GOOD's
  python3 -c 'import json, sys
good = {r["code"]: r for r in json.load(open(sys.argv[1]))["classification"]["function"]}
rows = json.load(open(sys.argv[2]))["classification"]["function"]
sys.exit(not all(r["code"] in good and r["total"] == good[r["code"]]["total"] for r in rows))' "$@"
}

o=$TAP_TMP/rows
expect_exit 0 "default pipeline over the excerpt" "$bp" run -q -o "$o" "$c"
x=$o/xian-plain-code-runs.json
ok "西安 codes apart: 34 function rows" row_count "$x" 34
ok "205 教育支出 (codes in a run with row numbers)" row_is "$x" 205 教育支出 14197328.85
ok "2080501 行政单位离退休 (figures before its name)" row_is "$x" 2080501 行政单位离退休 0.00
ok "215 资源勘探工业信息等支出 (after the 备注 heading and row numbers)" \
  row_is "$x" 215 资源勘探工业信息等支出 1021805239.60
ok "21505 工业和信息产业监管 (its code printed before the 类's name)" \
  row_is "$x" 21505 工业和信息产业监管 1020759003.22
ok "2210203 购房补贴" row_is "$x" 2210203 购房补贴 1471969.55
ok "no error findings on the excerpt" errors "$x" 0
y=$o/xian-plain-cut-row.json
ok "备注 among the header's cells: 27 function rows" row_count "$y" 27
ok "a row cut by a run of codes: 21011 行政事业单位医疗" \
  row_is "$y" 21011 行政事业单位医疗 58069417.06
ok "a 合计 printed with one decimal: 210 卫生健康支出" row_is "$y" 210 卫生健康支出 475907032.40
ok "no error findings on the cut rows" errors "$y" 0
h=$o/xian-plain-header-codes.json
ok "a code among the header's lines: 63 function rows" row_count "$h" 63
ok "201 一般公共服务支出" row_is "$h" 201 一般公共服务支出 694001.00
l=$o/xian-plain-late-names.json
ok "names printed late: the rows have none" table_row "$l" 2160299 "" 0.00
ok "names printed late: figures still paired (201)" table_row "$l" 201 "" 22835663.29
r=$o/xian-plain-remarks-name.json
ok "备注 then a name alone: the next page's rows (2111103)" \
  table_row "$r" 2111103 减排专项支出 0.00
ok "a title under its bare table number and its pages: one table" \
  tables_of "$o/xian-plain-empty-cells.json" general_budget_expense 1

m=$TAP_TMP/changed
mkdir -p "$m"
# 21505 工业和信息产业监管's 合计 changed by 100 元: its row's parts, its
# 项 and its 类 miss it by that one amount; the rows are kept and the
# change is reported.
sed '354s/1020759003.22/1020759103.22/' "$x_in" > "$m/changed.txt"
# a code left out of its run: the codes no longer pair with the rows
sed '466d' "$x_in" > "$m/short.txt"
ok "the changed copies differ" sh -c "! cmp -s '$x_in' '$m/changed.txt' && ! cmp -s '$x_in' '$m/short.txt'"
expect_exit 0 "pipeline on the changed copies" "$bp" run -q -o "$m/out" "$m"
ok "a changed figure: the rows are still read" row_count "$m/out/changed.json" 34
ok "a changed figure: 21505 as printed" row_is "$m/out/changed.json" 21505 工业和信息产业监管 1020759103.22
ok "a changed figure is reported" sh -c "! errors '$m/out/changed.json' 0"
ok "a code missing from its run: no row with a wrong figure" rows_agree "$x" "$m/out/short.json"
done_testing
