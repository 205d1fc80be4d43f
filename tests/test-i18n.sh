#!/bin/sh
# Messages in the user's language: Chinese under a Chinese locale (the
# zh_CN catalogue built from po/zh_CN.po), English otherwise; every message
# of the command line is in the catalogue.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
doc="$src/tests/corpus/000_fe5e375999e3baca.txt"
o=$TAP_TMP/o
# LANGUAGE picks the catalogue whatever locales the machine has generated.
zh="env LC_ALL=C.UTF-8 LANGUAGE=zh_CN"
en="env LC_ALL=C.UTF-8 LANGUAGE="

expect_exit 2 "zh: unknown command" $zh "$bp" frobnicate
grep_in "zh: the CLI speaks Chinese" "未知命令“frobnicate”" "$TAP_TMP/err"
expect_exit 2 "en: unknown command" $en "$bp" frobnicate
grep_in "en: the CLI speaks English" "unknown command 'frobnicate'" "$TAP_TMP/err"
expect_exit 0 "zh: run --help" $zh "$bp" run --help
grep_in "zh: option descriptions translated" "同时处理 N 个文档" "$TAP_TMP/out"

expect_exit 0 "zh: a run" $zh "$bp" run -o "$o/zh" "$doc"
grep_in "zh: the summary counts in Chinese" "张表, [0-9]* 个字段" "$TAP_TMP/out"
expect_exit 0 "en: a run" $en "$bp" run -o "$o/en" "$doc"
grep_in "en: the summary counts in English" "tables, [0-9]* fields" "$TAP_TMP/out"
finding () { # finding DIR RULE: the message of the first finding of RULE
  python3 -c "import json, sys; d = json.load(open('$1/000_fe5e375999e3baca.json'))
print(next(f['message'] for f in d['findings'] if f['rule'] == '$2'))"
}
finding "$o/zh" name.catalogue > "$TAP_TMP/zh-msg"
finding "$o/en" name.catalogue > "$TAP_TMP/en-msg"
grep_in "zh: a finding's message in Chinese" "科目编码 2210202 在此名为“租房补贴”，全国科目表中为“提租补贴”" "$TAP_TMP/zh-msg"
grep_in "en: the same finding in English" "code 2210202 is named “租房补贴”, the national catalogue calls it “提租补贴”" "$TAP_TMP/en-msg"
ok "the findings are the same apart from the words" python3 -c "
import json
a, b = (json.load(open('$o/%s/000_fe5e375999e3baca.json' % l)) for l in ('zh', 'en'))
key = lambda d: sorted((f['rule'], f['line'], f['severity']) for f in d['findings'])
assert key(a) == key(b)"

# The parts of a message built before its format (a table's sum, a rate
# formatted to a string first) are in Chinese too: seed 004's completion
# rates and seed 002's change of a table cell, whose format once held
# G_GINT64_FORMAT or an English fragment.
doc2="$src/tests/corpus/002_43945480f961a537.txt"
doc4="$src/tests/corpus/004_d9984b4f4bf4cec5.txt"
expect_exit 0 "zh: seeds 002 and 004" $zh "$bp" run -q -o "$o/zh24" "$doc2" "$doc4"
messages () { # messages DIR RULE STEM: every message of RULE in STEM's JSON
  python3 -c "import json; d = json.load(open('$1/$3.json'))
print('\n'.join(f['message'] for f in d['findings'] if f['rule'] == '$2'))"
}
messages "$o/zh24" narrative.completion_zero 004_d9984b4f4bf4cec5 > "$TAP_TMP/zh-rate"
grep_in "zh: a completion rate formatted before the format" "却称完成率 100.00%" "$TAP_TMP/zh-rate"
messages "$o/zh24" narrative.change_base 002_43945480f961a537 > "$TAP_TMP/zh-change"
grep_in "zh: a sum's part and its comparison in Chinese" "：应为 [0-9.]*，印为 [0-9.]*（相差" "$TAP_TMP/zh-change"
ok "zh: no English words in any finding of either" python3 -c "
import json, re, sys
for stem in ('002_43945480f961a537', '004_d9984b4f4bf4cec5'):
    for f in json.load(open('$o/zh24/%s.json' % stem))['findings']:
        # quoted source text may hold Latin words: only the message's own words count
        own = re.sub(r'“[^”]*”|\"[^\"]*\"', '', f['message'])
        if re.search(r'\b(sum|expected|printed|within|rounding|the|of|line)\b', own):
            sys.exit('%s %s: %s' % (stem, f['rule'], f['message']))"

# Every message of the command line has its Chinese (xgettext reads the sources).
if command -v xgettext >/dev/null 2>&1 && command -v msgattrib >/dev/null 2>&1; then
  (cd "$src" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
     --keyword=bp_ngettext:1,2 -o "$TAP_TMP/cli.pot" core/main.c core/runner.c core/progress.c)
  msgmerge -q --no-fuzzy-matching "$src/po/zh_CN.po" "$TAP_TMP/cli.pot" -o "$TAP_TMP/cli.po"
  msgattrib --untranslated --no-obsolete "$TAP_TMP/cli.po" | grep '^msgid "..*"' > "$TAP_TMP/missing"
  ok "every CLI message is translated in po/zh_CN.po" test ! -s "$TAP_TMP/missing"
  sed 's/^/# untranslated: /' "$TAP_TMP/missing"
  # ...and every finding's format and part: a format xgettext cannot read
  # whole (one built with G_GINT64_FORMAT) shows up here as untranslated.
  (cd "$src" && xgettext --from-code=UTF-8 --language=C --keyword=bp_gettext \
     --keyword=validate_report:5 --keyword=validate_what -o "$TAP_TMP/validate.pot" \
     plugins/validate/*.c)
  msgmerge -q --no-fuzzy-matching "$src/po/zh_CN.po" "$TAP_TMP/validate.pot" -o "$TAP_TMP/validate.po"
  msgattrib --untranslated --no-obsolete "$TAP_TMP/validate.po" | grep '^msgid "..*"' > "$TAP_TMP/missing"
  ok "every finding message is translated in po/zh_CN.po" test ! -s "$TAP_TMP/missing"
  sed 's/^/# untranslated: /' "$TAP_TMP/missing"
  grep -n 'validate_report\|validate_what' "$src"/plugins/validate/*.c | grep 'INT64_FORMAT' > "$TAP_TMP/int64" || :
  ok "no finding format is built with G_GINT64_FORMAT" test ! -s "$TAP_TMP/int64"
fi
done_testing
