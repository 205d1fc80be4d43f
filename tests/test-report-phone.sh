#!/bin/sh
# The findings report on a phone (390 px): headless Chromium loads every
# page of a real report in a 390 px frame; the page must not scroll
# sideways (wide tables scroll in their own box) and no table may collapse
# into tall rows one character wide. Skipped without Chromium.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "ok 1 # SKIP no chromium (apt-get install chromium)"; echo "1..1"; exit 0
fi
o=$TAP_TMP/o
expect_exit 0 "corpus pipeline writes the report" "$bp" run -q -p corpus -o "$o" \
  "$src/tests/corpus/000_fe5e375999e3baca.txt" "$src/tests/corpus/thirdparty/sh-pt-zfb-2025-budget.txt"
probe="$(cd "$src/tests" && pwd)/phone-probe.html"
for page in index 000_fe5e375999e3baca sh-pt-zfb-2025-budget; do
  html="$(cd "$o/report" && pwd)/$page.html"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
    --user-data-dir="$TAP_TMP/profile" --virtual-time-budget=10000 \
    --dump-dom "file://$probe#file://$html" 2>/dev/null > "$TAP_TMP/dom"
  set -- $(sed -n 's/.*data-probe="\([^"]*\)".*/\1/p' "$TAP_TMP/dom") x x x
  ok "$page.html measured in a 390 px frame (width $1)" test "$1" = 390
  ok "$page.html does not scroll sideways (scroll width $2)" test "$2" -le 390 2>/dev/null
  ok "$page.html has no collapsed table cells ($3)" test "$3" = 0
done
done_testing
