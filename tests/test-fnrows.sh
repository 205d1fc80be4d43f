#!/bin/sh
# Function classification rows from templates whose expenditure table has
# no function rows in its cells (excerpts of real disclosures, -layout text):
#  - beijing-cross-rows.txt: 北京 预算03表 支出总表, function × economic cross
#    rows "2010601-行政运行 50101-… 30101-… figures": one row per function
#    code, its total the sum of its rows (they add up to the printed 合计);
#  - xian-numbered-rows.txt: 西安 表5 with a 序号 column before 功能科目编码;
#  - jiangsu-plain-function.txt: 江苏 公开表五 in plain pdftotext text (code,
#    name and figure each on a line): the title "财政拨款支出预算表（功能科目）"
#    opens the table, and names stay apart from the figures after them;
#  - beijing-plain-cross-rows.txt: 北京 预算03表 in plain pdftotext text, each
#    cell on a line and "合" / "计" on lines of their own after the 合计
#    figures: the rows add up to the table's largest figure, its 合计;
#  - beijing-plain-scrambled-rows.txt: the same table of another department
#    whose plain text prints a row's codes at the top of page 2 and its
#    figures at the bottom, after the last row's: each page is read every
#    way the figures allow, and a code is kept only when every reading
#    gives it the same total. The last row's figures right before the split
#    合 / 计 label are its own (printed in place), so 2120101 takes the
#    figures after the label and 2210203 keeps its own.
#  - beijing-plain-block-rows.txt: the same table of a third department,
#    whose plain text prints the figures of seven rows left waiting as one
#    block after a later row's codes, in row order: of the readings that
#    hold, the one where that row does not jump the queue counts.
#  - beijing-plain-displaced-codes.txt: the same table of a fourth
#    department (one page), whose plain text prints one row's function code
#    after the last rows: read by function codes no page reading holds; the
#    rows read at their 部门 economic codes (3xxxx, each row's last code,
#    printed with its figures), the function codes put back in code order,
#    give every code, and agree with the first reading where both confirm.
#  - beijing-plain-interleaved-columns.txt: beijing-cross-rows.txt in plain
#    text: on page 2 the figures of rows left waiting come with two
#    columns interleaved ("805.762800 | 1,237.100000 | 805.762800": a row's
#    合计, another row's missing part, then the first row's part); when no
#    other reading holds, a figure goes to the row it completes first (and
#    its last page's block is the last row's own first: all 14 codes).
#  - beijing-plain-codes-after-figures.txt: the same table of another
#    department, whose plain text prints page 2's last row's figures right
#    after the row before's, and its codes after them: figures no row waits
#    for after a row's own may be the next row's, when that row has none.
#  - beijing-plain-part-in-header.txt: the same table of another
#    department, whose plain text prints the first row's part among the
#    header's lines ("合计 | 66.250000 | 基本支出"): figures before the first
#    row's codes are the first row's, fed after its own.
#  - beijing-plain-last-row-first.txt: the same table of another
#    department, whose plain text prints a page's last row's figures and
#    then those of a row left waiting above ("19.400000 | 19.400000 |
#    3,323.403000 | 3,323.403000"): after a row with figures of its own,
#    a block is the row's own first (after a waiting row, the run's in row
#    order).
#  - beijing-plain-figures-around-codes.txt: the same table of another
#    department, whose plain text prints the first rows' codes among the
#    header's lines ("2050803-培训支出 | … | 2080505-… | 合计 | 基本支出 |
#    30216-培训费 | 189.784243 | 20.357443 | 30108-…"): a function code
#    followed by no 部门 code, the next by two, has its row at the first
#    of them; and some rows' figures, or their 合计 alone, right after the
#    row before's ("408.897461 | 408.897461 | 69.800000 | 2150701-行政运行 |
#    … | 69.800000") while the first row waits for its 项目支出 (printed
#    at the page's end): such figures start the next row's when, with the
#    figures after its codes, they make one row's figures exactly.
#  - beijing-plain-stray-of-which.txt: the same table of another
#    department with a 其中 column (事业单位经营支出 under 项目支出), whose
#    plain text prints some rows' 其中 figures away from them: after the
#    page's footer ("第 5 页，共 40 页 | 23.000000"), or right after the part
#    of a row left waiting ("101.670000 | 101.670000 | 27.500000"). Only
#    where no reading of a page holds otherwise, a figure printed away
#    from its row that no waiting row can take is a 其中 figure and adds to
#    no row (2013850, 2013899 and 2060301 had no row before).
#  - beijing-plain-total-parts-apart.txt: the same table of another
#    department, whose plain text prints the figures of rows left waiting
#    on the last page between the 合计 and its parts ("92,430.002767 |
#    126.420000 | … | 5,819.320000 | 33,061.400033 | 59,368.602734"): the
#    parts are two figures adding up to the largest among the next twelve
#    (when none among the next four), giving expense.basic and
#    expense.project.
#  - beijing-plain-part-in-place.txt: the same table of another
#    department, whose plain text prints a row's 合计 and 基本支出 right
#    after its codes and the next row's code right after them
#    ("30107-绩效工资 | 17,259.105736 | 12,968.463472 | 2070107-…"), its
#    项目支出 later on the page, while a row above (2070105) waits for all
#    its figures: reading the row's figures as the waiting row's is out of
#    order, so the reading where the row keeps them counts (2070105 and
#    2070107 were in doubt before).
#  - beijing-units-general-budget.txt: 北京 预算05表 一般公共预算支出表 listing
#    its units one after another (培训支出 2050803 25 times), with columns
#    项目支出总数 | 扣除基建项目后预算数 the rows' figures were not placed
#    under: a code's row is the sum of its rows (they add up to the 合计),
#    and only its total is kept.
#  - beijing-summary-classes.txt: 北京 预算01表 收支总表 alone (its 03表 and
#    05表 list only part of the spending): the 支出 side's 类 lines with a
#    figure ("五、教育支出 367.509754") are the function rows, as they add
#    up to its 本年支出合计.
#  - beijing-plain-summary-apart.txt: the same 01表 in plain text with page 1
#    of its 05表: the 支出 figures stand on lines of their own, interleaved
#    with the 收入 items ("八、事业单位经营收入 | 367.509754"), so no figure
#    stands after its 类. The 类 with coded rows in the 05表 (205 208 210
#    215 221) are dealt the one choice of five figures that adds up to the
#    本年支出合计, in print order, each on or after its 类's line.
#  - beijing-plain-summary-joined.txt: another department's plain 01表 with
#    its 03表: the tables stage joins "四、公共安全支出" with the next line's
#    figure and loses "五、教育支出", and no figure stands after the
#    本年支出合计 label. The words are read from the source lines, and the
#    total is the 03表's 合计 (expense.total): nine 类 rows.
# A figure changed so the rows no longer add up to 合计 yields no rows.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
. "${G_TEST_SRCDIR:-.}/tests/function-rows.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
c=$src/tests/corpus/fnrows


o=$TAP_TMP/rows
expect_exit 0 "default pipeline over the excerpts" "$bp" run -q -o "$o" "$c"
b=$o/beijing-cross-rows.json
ok "北京 cross rows: 14 function codes" row_count "$b" 14
ok "北京 2010601 行政运行 = sum of its 18 rows" row_is "$b" 2010601 行政运行 173360280.57
ok "北京 2299999 其他支出" row_is "$b" 2299999 其他支出 7926440.00
ok "北京 2080505 (name as printed)" row_is "$b" 2080505 机关事业单位基本养老保险缴费支出 17951915.52
a=$o/beijing-plain-summary-apart.json
ok "北京 plain 收支总表, figures apart: 5 类 rows" row_count "$a" 5
ok "北京 plain 205 教育支出 (its figure after the 收入 item below)" row_is "$a" 205 教育支出 3675097.54
ok "北京 plain 208 社会保障和就业支出 (its figure after 九's label)" row_is "$a" 208 社会保障和就业支出 10569001066.07
ok "北京 plain 215 资源勘探工业信息等支出" row_is "$a" 215 资源勘探工业信息等支出 6184.00
ok "北京 plain 221 住房保障支出" row_is "$a" 221 住房保障支出 36701412.00
g=$o/beijing-plain-summary-joined.json
ok "北京 plain 收支总表, label joined: 9 类 rows" row_count "$g" 9
ok "北京 plain 205 教育支出 (its label lost from the cells)" row_is "$g" 205 教育支出 73744653.24
ok "北京 plain 213 农林水支出" row_is "$g" 213 农林水支出 5722922371.58
ok "北京 plain 224 灾害防治及应急管理支出 (its figure after 二十三's label)" row_is "$g" 224 灾害防治及应急管理支出 7398288.03
u=$o/beijing-units-general-budget.json
ok "北京 05表 by unit: 33 function codes" row_count "$u" 33
ok "北京 2050803 培训支出 = sum of its 25 rows" row_is "$u" 2050803 培训支出 10507009.52
ok "北京 2110302 水体" row_is "$u" 2110302 水体 2591510000.00
ok "北京 05表 by unit: totals only (its other columns were not placed)" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["classification"]["function"]
sys.exit(any("basic" in r or "project" in r for r in rows))' "$u"
s=$o/beijing-summary-classes.json
ok "北京 收支总表: 5 类 rows" row_count "$s" 5
ok "北京 208 社会保障和就业支出 from the 收支总表" row_is "$s" 208 社会保障和就业支出 10569001066.07
ok "北京 215 资源勘探工业信息等支出" row_is "$s" 215 资源勘探工业信息等支出 6184.00
x=$o/xian-numbered-rows.json
ok "西安 numbered rows: 34 function rows" row_count "$x" 34
ok "西安 205 教育支出" row_is "$x" 205 教育支出 14197328.85
ok "西安 2150517 产业发展" row_is "$x" 2150517 产业发展 1000000000.00
ok "西安 221 住房保障支出 (after a page of rows)" row_is "$x" 221 住房保障支出 4657334.55
j=$o/jiangsu-plain-function.json
ok "江苏 plain text: 20 function rows" row_count "$j" 20
ok "江苏 201 一般公共服务支出" row_is "$j" 201 一般公共服务支出 139077800.00
ok "江苏 2080504 (name not glued to its figure)" row_is "$j" 2080504 未归口管理的行政单位离退休 2714500.00
ok "江苏 2210202 提租补贴" row_is "$j" 2210202 提租补贴 25483000.00
p=$o/beijing-plain-cross-rows.json
ok "北京 plain text: 15 function codes" row_count "$p" 15
ok "北京 plain 2014001 行政运行 = sum of its rows" row_is "$p" 2014001 行政运行 39564733.27
ok "北京 plain 2010301 行政运行" row_is "$p" 2010301 行政运行 440800.00
s=$o/beijing-plain-scrambled-rows.json
ok "北京 scrambled plain text: 12 function codes" row_count "$s" 12
ok "北京 scrambled 2120199 (page 2, a row waiting before it)" row_is "$s" 2120199 其他城乡社区管理事务支出 3978480.00
ok "北京 scrambled 2080505 (its name wrapped)" row_is "$s" 2080505 机关事业单位基本养老保险缴费 2918172.48
ok "北京 scrambled 2210201 住房公积金" row_is "$s" 2210201 住房公积金 3005844.00
ok "北京 scrambled 2120101 (its figures after the 合 / 计 label)" row_is "$s" 2120101 行政运行 27064898.56
ok "北京 scrambled 2210203 (the last row's figures before the label)" row_is "$s" 2210203 购房补贴 3502752.00
k=$o/beijing-plain-block-rows.json
ok "北京 block of waiting rows' figures: 23 function codes" row_count "$k" 23
ok "北京 block 2010408 物价管理 (three rows waiting)" row_is "$k" 2010408 物价管理 13803040.00
ok "北京 block 2010450 事业运行" row_is "$k" 2010450 事业运行 189077636.88
i=$o/beijing-plain-interleaved-columns.json
ok "北京 interleaved columns: 14 function codes" row_count "$i" 14
ok "北京 interleaved 2010607 信息化建设 (its part after another row's 合计)" row_is "$i" 2010607 信息化建设 69184311.00
ok "北京 interleaved 2010602 一般行政管理事务" row_is "$i" 2010602 一般行政管理事务 68999301.11
ok "北京 interleaved 2010601 行政运行 (as in -layout text)" row_is "$i" 2010601 行政运行 173360280.57
a=$o/beijing-plain-codes-after-figures.json
ok "北京 codes after figures: 13 function codes" row_count "$a" 13
ok "北京 codes after figures 2080505 (the page's last row)" row_is "$a" 2080505 机关事业单位基本养老保险缴费 160131784.32
ok "北京 codes after figures 2080501 (the row before)" row_is "$a" 2080501 行政单位离退休 44646078.00
h=$o/beijing-plain-part-in-header.json
ok "北京 part in header: 21 function codes" row_count "$h" 21
ok "北京 part in header 2050803 培训支出 (the first row)" row_is "$h" 2050803 培训支出 730500.00
ok "北京 part in header 2070103 机关服务 (page 1's last row)" row_is "$h" 2070103 机关服务 8323683.02
l=$o/beijing-plain-last-row-first.json
ok "北京 last row first: 19 function codes" row_count "$l" 19
ok "北京 last row first 2010507 (its figures after the last row's)" row_is "$l" 2010507 专项普查活动 68851200.00
ok "北京 last row first 2010550 事业运行 (the page's last row)" row_is "$l" 2010550 事业运行 26478233.82
f=$o/beijing-plain-figures-around-codes.json
ok "北京 figures around codes: 12 function codes" row_count "$f" 12
ok "北京 figures around codes 2050803 (its codes among the header's)" row_is "$f" 2050803 培训支出 1897842.43
ok "北京 figures around codes 2080505 (the row after it)" row_is "$f" 2080505 机关事业单位基本养老保险缴费 7538447.40
ok "北京 figures around codes 2150701 (figures before and after codes)" row_is "$f" 2150701 行政运行 89233631.80
ok "北京 figures around codes 2239999 (the last row)" row_is "$f" 2239999 其他国有资本经营预算支出 52503596.86
w=$o/beijing-plain-stray-of-which.json
ok "北京 stray 其中 figures: 28 function codes" row_count "$w" 28
ok "北京 stray 其中 2013810 质量基础 (its rows' codes among the header's)" row_is "$w" 2013810 质量基础 404479998.80
ok "北京 stray 其中 2013850 事业运行 (其中 figure after the footer)" row_is "$w" 2013850 事业运行 363394761.05
ok "北京 stray 其中 2013899 (其中 figures after a waiting row's part)" row_is "$w" 2013899 其他市场监督管理事务 109227956.95
ok "北京 stray 其中 2060301 机构运行" row_is "$w" 2060301 机构运行 145887872.60
p2=$o/beijing-plain-total-parts-apart.json
ok "北京 total parts apart: expense.total" field_is "$p2" expense.total 924300027.67
ok "北京 total parts apart: expense.basic (six figures after the 合计)" field_is "$p2" expense.basic 330614000.33
ok "北京 total parts apart: expense.project" field_is "$p2" expense.project 593686027.34
q=$o/beijing-plain-part-in-place.json
ok "北京 part in place: 16 function codes" row_count "$q" 16
ok "北京 part in place 2070105 (the row waiting above)" row_is "$q" 2070105 文化展示及纪念机构 1731245.85
ok "北京 part in place 2070107 艺术表演团体" row_is "$q" 2070107 艺术表演团体 544126334.08
ok "北京 part in place: expense.basic (the 合计's parts seven figures on)" field_is "$q" expense.basic 1021674426.45
d=$o/beijing-plain-displaced-codes.json
ok "北京 displaced code: 14 function codes" row_count "$d" 14
ok "北京 displaced 2080505 (its code printed after the last row)" row_is "$d" 2080505 机关事业单位基本养老保险缴费支出 16282248.72
ok "北京 displaced 2010801 行政运行" row_is "$d" 2010801 行政运行 179608164.58
ok "北京 displaced 2210201 住房公积金" row_is "$d" 2210201 住房公积金 17107725.24

m=$TAP_TMP/moved
mkdir -p "$m"
sed '0,/1,721.982000   1,721.982000/s//1,731.982000   1,731.982000/' \
  "$c/beijing-cross-rows.txt" > "$m/changed.txt"
ok "the changed copy differs" sh -c "! cmp -s '$c/beijing-cross-rows.txt' '$m/changed.txt'"
expect_exit 0 "pipeline on a copy whose rows miss 合计" "$bp" run -q -o "$m/out" "$m"
ok "rows that do not add up to 合计 give no function row" row_count "$m/out/changed.json" 0
sed '0,/^767.961600$/s//777.961600/' "$c/beijing-plain-cross-rows.txt" > "$m/plain.txt"
ok "the changed plain copy differs" sh -c "! cmp -s '$c/beijing-plain-cross-rows.txt' '$m/plain.txt'"
expect_exit 0 "pipeline on a plain copy whose rows miss 合计" "$bp" run -q -o "$m/out" "$m/plain.txt"
ok "plain rows that do not add up to the largest figure give no row" row_count "$m/out/plain.json" 0
sed '0,/^607.279200$/s//617.279200/' "$c/beijing-plain-scrambled-rows.txt" > "$m/scrambled.txt"
ok "the changed scrambled copy differs" sh -c "! cmp -s '$c/beijing-plain-scrambled-rows.txt' '$m/scrambled.txt'"
expect_exit 0 "pipeline on a scrambled copy whose rows miss 合计" "$bp" run -q -o "$m/out" "$m/scrambled.txt"
ok "scrambled rows that do not add up to 合计 give no row" row_count "$m/out/scrambled.json" 0
sed '0,/^3,138.093600$/s//3,148.093600/' "$c/beijing-plain-displaced-codes.txt" > "$m/displaced.txt"
ok "the changed displaced copy differs" sh -c "! cmp -s '$c/beijing-plain-displaced-codes.txt' '$m/displaced.txt'"
expect_exit 0 "pipeline on a displaced copy whose rows miss 合计" "$bp" run -q -o "$m/out" "$m/displaced.txt"
ok "displaced rows that do not add up to 合计 give no row" row_count "$m/out/displaced.json" 0
sed 's/五、教育支出                             367.509754/五、教育支出                             377.509754/' \
  "$c/beijing-summary-classes.txt" > "$m/summary.txt"
ok "the changed summary copy differs" sh -c "! cmp -s '$c/beijing-summary-classes.txt' '$m/summary.txt'"
expect_exit 0 "pipeline on a summary copy whose 类 miss 本年支出合计" "$bp" run -q -o "$m/out" "$m/summary.txt"
ok "类 lines that do not add up to 本年支出合计 give no row" row_count "$m/out/summary.json" 0
sed 's/^2,433.400584$/2,433.500584/' "$c/beijing-plain-summary-apart.txt" > "$m/apart.txt"
ok "the changed plain summary copy differs" sh -c "! cmp -s '$c/beijing-plain-summary-apart.txt' '$m/apart.txt'"
expect_exit 0 "pipeline on a plain summary copy whose figures miss 本年支出合计" "$bp" run -q -o "$m/out" "$m/apart.txt"
ok "figures apart that do not add up to 本年支出合计 give no row" row_count "$m/out/apart.json" 0
sed 's/^69,007.048952$/69,107.048952/' "$c/beijing-plain-summary-joined.txt" > "$m/joined.txt"
ok "the changed joined summary copy differs" sh -c "! cmp -s '$c/beijing-plain-summary-joined.txt' '$m/joined.txt'"
expect_exit 0 "pipeline on a joined summary copy whose figures miss expense.total" "$bp" run -q -o "$m/out" "$m/joined.txt"
ok "figures that do not add up to the 03表's 合计 give no row" row_count "$m/out/joined.json" 0
sed '0,/^69.800000$/s//69.900000/' "$c/beijing-plain-figures-around-codes.txt" > "$m/around.txt"
ok "the changed figures-around-codes copy differs" sh -c "! cmp -s '$c/beijing-plain-figures-around-codes.txt' '$m/around.txt'"
expect_exit 0 "pipeline on a copy whose figure before its codes is changed" "$bp" run -q -o "$m/out" "$m/around.txt"
ok "figures around codes that do not add up to 合计 give no row" row_count "$m/out/around.json" 0
sed '0,/^101.670000$/s//101.770000/' "$c/beijing-plain-stray-of-which.txt" > "$m/stray.txt"
ok "the changed stray 其中 copy differs" sh -c "! cmp -s '$c/beijing-plain-stray-of-which.txt' '$m/stray.txt'"
expect_exit 0 "pipeline on a stray 其中 copy whose rows miss 合计" "$bp" run -q -o "$m/out" "$m/stray.txt"
ok "stray 其中 rows that do not add up to 合计 give no row" row_count "$m/out/stray.json" 0
u0=$m/units.txt
sed '0,/^2050803   培训支出                  588.490000/s//2050803   培训支出                  598.490000/' \
  "$c/beijing-units-general-budget.txt" > "$u0"
ok "the changed 05表 copy differs" sh -c "! cmp -s '$c/beijing-units-general-budget.txt' '$u0'"
expect_exit 0 "pipeline on a 05表 copy whose rows miss 合计" "$bp" run -q -o "$m/out" "$u0"
ok "05表 rows by unit that do not add up give no row" row_count "$m/out/units.json" 0
done_testing
