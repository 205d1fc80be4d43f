#!/bin/sh
# The plugin SDK, following docs/plugin-guide.md step by step: a staged
# install (make install DESTDIR=...), the template district plugin built out
# of tree with pkg-config, then checked, listed, run and debugged with the
# installed budgetpipe on a stand-in 徐汇区 document (a 普陀区 预算 with the
# district renamed: a district nobody planned for).
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
src=${G_TEST_SRCDIR:-.}
build=${G_TEST_BUILDDIR:-.}
stage=$TAP_TMP/stage
work=$TAP_TMP/xuhui

# 1. Install into a stage. Under make check, tests/local.mk already ran
# `make install DESTDIR=$build/tests/sdk-stage` before any test started
# (installing relinks the plugins under the other tests' feet); run alone,
# this script installs itself.
if [ -d "$build/tests/sdk-stage" ]; then
  stage=$build/tests/sdk-stage
  ok "make install DESTDIR=tests/sdk-stage (before the tests)" test -d "$stage"
else
  expect_exit 0 "make install DESTDIR=stage" \
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -C "$build" install DESTDIR="$stage"
fi
pc=$(find "$stage" -name budgetpipe-plugin.pc | head -1)
bin=$(find "$stage" -path '*/bin/budgetpipe' | head -1)
ok "budgetpipe-plugin.pc installed" test -f "$pc"
ok "public headers installed" test -n "$(find "$stage" -path '*/include/budgetpipe/profile.h')"
prefix=$(sed -n 's/^prefix=//p' "$pc")
mkdir -p "$TAP_TMP/pc" "$work"
sed "s|^prefix=.*|prefix=$stage$prefix|" "$pc" > "$TAP_TMP/pc/budgetpipe-plugin.pc"
PKG_CONFIG_PATH=$TAP_TMP/pc; export PKG_CONFIG_PATH
LD_LIBRARY_PATH=$stage$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}; export LD_LIBRARY_PATH
ok "pkg-config knows budgetpipe-plugin" pkg-config --exists budgetpipe-plugin

# 2-3. The installed template, built out of tree.
templatedir=$(pkg-config --variable=templatedir budgetpipe-plugin)
ok "pkg-config names the installed template" test -f "$templatedir/xuhui.c"
cp "$templatedir/xuhui.c" "$work/"
cd "$work" || exit 1
expect_exit 0 "template builds out of tree" \
  sh -c 'cc -Wall -Wextra -Werror -shared -fPIC -o xuhui.so xuhui.c $(pkg-config --cflags --libs budgetpipe-plugin)'
expect_exit 0 "budgetpipe plugins lists it" "$bin" plugins --plugin-path .
grep_in "xuhui is a district plugin that loads" "xuhui *district *ok" "$TAP_TMP/out"
expect_exit 0 "budgetpipe inspect xuhui" "$bin" inspect xuhui --plugin-path .
grep_in "its kind option is listed" "kind" "$TAP_TMP/out"

# ... or installed into the plugin directory that budgetpipe searches.
plugindir=$(pkg-config --variable=plugindir budgetpipe-plugin)
ok "pkg-config names the plugin directory" test -d "$plugindir"
cp xuhui.so "$plugindir/"
expect_exit 0 "budgetpipe plugins without --plugin-path" "$bin" plugins
grep_in "the installed xuhui.so is found" "xuhui *district *ok *$plugindir/xuhui.so" "$TAP_TMP/out"
grep_in "the staged budgetpipe uses the staged plugins" "tables *tables *ok *$plugindir/tables" "$TAP_TMP/out"
rm -f "$plugindir/xuhui.so"

# 4. Run it on one document.
cat > xuhui-budget.conf <<'CONF'
# xuhui-budget: 上海市徐汇区 部门预算.
[pipeline]
name = xuhui-budget
description = 上海市徐汇区 部门预算
stages = tables;fields;xuhui;json

[stage tables]
plugin = tables

[stage fields]
plugin = fields

[stage xuhui]
plugin = xuhui
kind = budget

[stage json]
plugin = json
path = ${output}/${stem}.json
CONF
sed 's/普陀/徐汇/g' "$src/tests/corpus/thirdparty/sh-pt-zfb-2025-budget.txt" > xh-zfb-2025-budget.txt
expect_exit 0 "budgetpipe check xuhui-budget.conf" "$bin" check --plugin-path . xuhui-budget.conf
expect_exit 0 "run the pipeline" "$bin" run --plugin-path . -p xuhui-budget.conf -o out xh-zfb-2025-budget.txt
json=out/xh-zfb-2025-budget.json
has () { # has PYTHON-EXPR: true for the JSON output d
  python3 -c "import json, sys; d = json.load(open('$json')); sys.exit(not ($1))"
}
ok "doc.profile is xuhui" has "d['doc']['profile'] == 'xuhui'"
ok "city and district" has "d['doc']['city'] == '上海市' and d['doc']['district'] == '徐汇区'"
ok "department from the title" has "d['doc']['department'] == '上海市徐汇区人民政府办公室'"
ok "the xuhui stage ran" has "'xuhui' in d['pipeline']['stages']"
ok "nine tables, the 三公 one typed" has "len(d['tables']) == 9 and d['tables'][8]['type'] == 'three_public'"
ok "expense.total 91016775.35 from 支出预算总表" has "d['fields']['expense.total']['value'] == '91016775.35'"
ok "vehicles.count 0 (共有车辆0辆)" has "d['fields']['vehicles.count']['value'] == 0"
ok "classification rows" has "d['classification']['function'][0]['code'] == '201'"

# 5. Debug it.
expect_exit 0 "--until tables --dump-dir" "$bin" run --plugin-path . -p xuhui-budget.conf --until tables --dump-dir dump -o out2 xh-zfb-2025-budget.txt
ok "--until: no JSON written" test ! -e out2/xh-zfb-2025-budget.json
ok "the dump after tables has the detected profile" \
  python3 -c "import json, sys; d = json.load(open('dump/xh-zfb-2025-budget/01-tables.json')); sys.exit(d['doc']['profile'] != 'xuhui')"
expect_exit 0 "--only fields --from-dump" "$bin" run --plugin-path . -p xuhui-budget.conf --only fields --from-dump dump/xh-zfb-2025-budget/01-tables.json -o out3
"$bin" run --plugin-path . -p xuhui-budget.conf -o out4 "$src/tests/corpus/thirdparty/sh-pt-zfb-2025-budget.txt" > /dev/null 2>&1
sed 's/普陀/徐汇/g; s/上海市/杭州市/g' "$src/tests/corpus/thirdparty/sh-pt-zfb-2025-budget.txt" > other-city.txt
BUDGETPIPE_DEBUG='xuhui:info' "$bin" run --plugin-path . -p xuhui-budget.conf -o out5 other-city.txt > /dev/null 2> info.log
ok "a forced pipeline still applies xuhui to a 普陀区 document" \
  python3 -c "import json, sys; d = json.load(open('out4/sh-pt-zfb-2025-budget.json')); sys.exit(d['doc']['profile'] != 'xuhui')"
grep_in "BUDGETPIPE_DEBUG=xuhui:info shows why another city's 徐汇区 is skipped" "杭州市 is not in 上海市" info.log
ok "... and that document keeps the national profile" \
  python3 -c "import json, sys; d = json.load(open('out5/other-city.json')); sys.exit(d['doc']['profile'] != 'national')"

# The default pipeline picks the district by itself once a stage for it is
# in a copy of the installed default.conf, and listed in its stages.
pipelinedir=$(pkg-config --variable=pipelinedir budgetpipe-plugin)
ok "pkg-config names the installed pipelines" test -f "$pipelinedir/default.conf"
sed 's/^stages = \(.*\);validate;json$/stages = \1;xuhui;validate;json/' "$pipelinedir/default.conf" > my-default.conf
cat >> my-default.conf <<'CONF'

[stage xuhui]
plugin = xuhui
match-district = 徐汇区
CONF
expect_exit 0 "a copy of default.conf with the xuhui stage" "$bin" run --plugin-path . -p my-default.conf -o out6 xh-zfb-2025-budget.txt
ok "... applies xuhui to its own document" \
  python3 -c "import json, sys; d = json.load(open('out6/xh-zfb-2025-budget.json')); sys.exit(d['doc']['profile'] != 'xuhui' or 'xuhui' not in d['pipeline']['stages'])"
done_testing
