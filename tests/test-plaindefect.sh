#!/bin/sh
# A changed figure in plain pdftotext text (each cell on its own line) is
# reported, not hidden by the reading of the table falling apart. Each
# excerpt of a real plain-text table is read as printed (no finding),
# then with one figure raised by 10 units, as an injected defect.
# xian-basic-empty-item.txt (西安 表7, 基本支出 by function): rows of
# uneven figure counts, 2010804 审计业务 with no figure at all; with
# 2010801's 合计 changed the figures are still mapped to the rows (the
# empty 项 allowed, the changed row kept in its place) and the sums fail.
# xian-basic-late-change.txt (西安 表7 of another department): 2010306
# with no figure near the top, 2210201's 合计 changed near the end: the
# search, cut short where a sum fails before any run did, still finds the
# mapping in its budget.
# xian-codes-from-names.txt (西安 表5): the codes printed apart from the
# rows, the rows coded from their names; 2080505, printed with its code,
# keeps it when its 合计 changes, and its 款's sum fails.
# block-order-codes-apart.txt (部门支出总表 printing its figures in block
# order): with 2050803's 合计 changed no reading adds up and the rows are
# read line by line, codes apart: one table.unreadable warning says a sum
# fails there.
# items-every-cell.txt (一般公共预算拨款支出预算表 listing its 项 only, every
# cell printed, 0.00 too, a line each): the coded rows read whole; with
# 2101101's 合计 changed its columns no longer add up, reported (the
# table's codes printed apart: as one table.unreadable warning).
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
c=$src/tests/corpus/plaindefect

findings () { # findings JSON SEVERITY RULE N: N findings of RULE at SEVERITY
  python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["findings"]
sys.exit(sum(x["severity"] == sys.argv[2] and x["rule"] == sys.argv[3] for x in f) != int(sys.argv[4]))' "$@"
}
flagged () { # flagged JSON: an error or warning finding on the table
  python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["findings"]
sys.exit(not any(x["severity"] in ("error", "warning") and x.get("table") for x in f))' "$@"
}
row_cells () { # row_cells JSON CODE CELL...: the first table's row coded CODE
  python3 -c 'import json, sys
rows = json.load(open(sys.argv[1]))["tables"][0]["rows"]
hit = [r["cells"] for r in rows if r["cells"][0] == sys.argv[2]]
sys.exit(not (len(hit) == 1 and hit[0][2:2 + len(sys.argv) - 3] == sys.argv[3:]))' "$@"
}

o=$TAP_TMP/as-printed
expect_exit 0 "the excerpts as printed" "$bp" run -q -o "$o" "$c"
for d in xian-basic-empty-item xian-basic-late-change xian-codes-from-names block-order-codes-apart items-every-cell; do
  ok "$d as printed: no error or warning on its table" sh -c "! flagged '$o/$d.json'"
done
ok "西安 表7: 2010801 read across its columns" \
  row_cells "$o/xian-basic-empty-item.json" 2010801 23,382,409.50 21,523,949.82 1,858,459.68

m=$TAP_TMP/changed
mkdir -p "$m"
sed '45s/23,382,409.50/23,382,419.50/' "$c/xian-basic-empty-item.txt" > "$m/xian-basic-empty-item.txt"
sed '177s/1,273,219.03/1,273,229.03/' "$c/xian-basic-late-change.txt" > "$m/xian-basic-late-change.txt"
sed '156s/142,987,974.01/142,987,984.01/' "$c/xian-codes-from-names.txt" > "$m/xian-codes-from-names.txt"
sed '98s/118.01/128.01/' "$c/block-order-codes-apart.txt" > "$m/block-order-codes-apart.txt"
sed '111s/871.35/881.35/' "$c/items-every-cell.txt" > "$m/items-every-cell.txt"
for d in xian-basic-empty-item xian-basic-late-change xian-codes-from-names block-order-codes-apart items-every-cell; do
  ok "$d: the changed copy differs" sh -c "! cmp -s '$c/$d.txt' '$m/$d.txt'"
done
expect_exit 0 "the changed copies" "$bp" run -q -o "$m/out" "$m"
x=$m/out/xian-basic-empty-item.json
ok "西安 表7 changed: 2010801 still read across its columns, as printed" \
  row_cells "$x" 2010801 23,382,419.50 21,523,949.82 1,858,459.68
ok "西安 表7 changed: 20108's sum fails (error)" findings "$x" error sum.children 1
ok "西安 表7 changed: 2010801's columns fail (error)" findings "$x" error columns.total 1
v=$m/out/xian-basic-late-change.json
ok "西安 表7 (late change): 2210201 read across its columns, as printed" \
  row_cells "$v" 2210201 1,273,229.03 1,273,219.03
ok "西安 表7 (late change): 22102's sum fails (error)" findings "$v" error sum.children 1
y=$m/out/xian-codes-from-names.json
ok "西安 表5 changed: 2080505 keeps its code" row_cells "$y" 2080505 142,987,984.01
ok "西安 表5 changed: the change is reported" flagged "$y"
z=$m/out/block-order-codes-apart.json
ok "block order changed: one table.unreadable warning" findings "$z" warning table.unreadable 1
ok "items every cell: 2101101 read whole" row_cells "$o/items-every-cell.json" 2101101 871.35 871.35 0.00
w=$m/out/items-every-cell.json
ok "items every cell changed: 2101101 read whole, as printed" row_cells "$w" 2101101 881.35 871.35 0.00
ok "items every cell changed: one table.unreadable warning" findings "$w" warning table.unreadable 1
done_testing
