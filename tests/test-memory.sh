#!/bin/sh
# Issue 18: peak memory of one input stays within 10x its size. A file of
# bare newlines once took 180 bytes per input byte (an object and a string
# per source line in the loader, the cleanup stage and the seeded lines).
# Peak RSS is read with /usr/bin/time -f %M, less the peak of a one-line
# input (the program, its plugins and data); not a timing test.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
real=$(dirname "$bp")/.libs/budgetpipe
[ -f "$real" ] || real=$bp

if [ ! -x /usr/bin/time ] || grep -q __asan_init "$real" 2>/dev/null; then
  # sanitizers keep freed memory in quarantine and shadow all of it
  echo "ok 1 # SKIP no /usr/bin/time, or a sanitizer build"
  echo "1..1"
  exit 0
fi

# peak_kb FILE [RUNS]: peak RSS in KB of the default pipeline on FILE, the
# least of RUNS runs (default 2): the allocator's start-up varies by some
# hundreds of KB from run to run (mimalloc's segments), which is noise here
peak_kb () {
  least=
  for run in $(seq "${2:-2}"); do
    /usr/bin/time -f '%M' -o "$TAP_TMP/rss" "$bp" run -q -o "$TAP_TMP/out" "$1" >/dev/null 2>&1
    kb=$(tail -n 1 "$TAP_TMP/rss")
    if [ -z "$least" ] || [ "$kb" -lt "$least" ]; then least=$kb; fi
  done
  echo "$least"
}
# within DESCRIPTION FILE N: FILE's peak, above the one-line base, <= N times its size
within () {
  kb=$(peak_kb "$2")
  size_kb=$(( $(wc -c <"$2") / 1024 ))
  tap_n=$((tap_n + 1))
  if [ $((kb - base)) -le $(($3 * size_kb)) ]; then
    echo "ok $tap_n - $1: $((kb - base)) KB above the base for $size_kb KB (bound ${3}x)"
  else
    echo "not ok $tap_n - $1: $((kb - base)) KB above the base for $size_kb KB (over ${3}x)"
    tap_failed=$((tap_failed + 1))
  fi
}
within_10x () { within "$1" "$2" 10; }

echo "一" >"$TAP_TMP/one.txt"
base=$(peak_kb "$TAP_TMP/one.txt" 3)
head -c 2000000 /dev/zero | tr '\0' '\n' >"$TAP_TMP/newlines.txt"
within_10x "2 MB of bare newlines" "$TAP_TMP/newlines.txt"
# blank CRLF lines, a form feed on every 60th (empty pages)
awk 'BEGIN { for (i = 0; i < 750000; i++) printf "%s\r\n", i % 60 ? "" : "\f" }' >"$TAP_TMP/feeds.txt"
within_10x "1.5 MB of blank CRLF lines and empty pages" "$TAP_TMP/feeds.txt"
# a document between long runs of blank lines keeps its findings
{ head -c 1000000 /dev/zero | tr '\0' '\n'
  cat "${G_TEST_SRCDIR:-.}/tests/corpus/000_fe5e375999e3baca.txt"
  head -c 1000000 /dev/zero | tr '\0' '\n'; } >"$TAP_TMP/padded.txt"
within_10x "a document padded with 2 MB of blank lines" "$TAP_TMP/padded.txt"
# Many short non-blank lines: each is one of the document's lines. They
# took some 140 bytes a line (a malloc'ed BpLine and string, cleanup's
# SrcLine and Logical, validate's GString of 128 bytes): 1 MB of "1" lines
# peaked 127 MB above the base (130x). The input is kept once while the
# lines are made (bp_document_drop_text), and the runner fixes glibc's mmap
# and trim thresholds, which it otherwise raises on the first large block
# freed and then keeps freed memory in the heap (h/mem3: "1" 20.4x ->
# 15.8x, "1 2" 12.4x -> 7.7x, 合计 rows 8.2x -> 6.2x). A line is now 16
# bytes (BpLine: its end a 24-bit span, no page, which the document keeps
# as page starts) in the document's blocks of lines, with no pointer per
# line; the load's lines are seeded only when read, so the cleanup stage,
# which clears them unread, never holds them next to the input's two
# copies; and cleanup's packed SrcKept is 16 bytes (its page in a list of
# page changes, its scan, shape and breaks in one word), freed in blocks as
# the lines are made, so its peak is no higher than the lines'. Two bits
# of validate's narrative mask a line; a short ASCII line's plain form
# ("1 2" -> "12") is made as it is read (h/linemem2, h/mem3). "1" lines:
# 16.4x -> 8.0x (h/lines: 16,040 -> 7,728-8,092 KB above the base), within
# the goal like the others ("1 2" 8.4x -> 4.1x, "(1)" 8.4x ->
# 4.0x). mimalloc (the program's malloc when found) holds some 0.5-1x
# more than glibc's malloc on these many-short-line inputs.
awk 'BEGIN { for (i = 0; i < 500000; i++) print "1" }' >"$TAP_TMP/ones.txt"
within_10x "1 MB of lines \"1\" (8.0x)" "$TAP_TMP/ones.txt"
awk 'BEGIN { for (i = 0; i < 250000; i++) print "1 2" }' >"$TAP_TMP/pairs.txt"
within_10x "1 MB of lines \"1 2\" (4.1x)" "$TAP_TMP/pairs.txt"
awk 'BEGIN { for (i = 0; i < 83334; i++) print "合计 12.5" }' >"$TAP_TMP/totals.txt"
within_10x "1 MB of lines \"合计 12.5\" (7.4x)" "$TAP_TMP/totals.txt"
# Each "(1)" line is a heading paragraph of the fields stage: all were
# kept until read, each a GString of at least 128 bytes and a GArray (97x);
# now each is read as it closes and its storage reused (h/mem3: 7.9x).
awk 'BEGIN { for (i = 0; i < 250000; i++) print "(1)" }' >"$TAP_TMP/items.txt"
within_10x "1 MB of lines \"(1)\" (4.0x)" "$TAP_TMP/items.txt"
# A coded table of 40,000 rows: each row a BpRow, a GPtrArray of cells and
# a string per cell (the public table API), and validate's memo of its
# cells and each coded row's normalized name (a GString of at least 128
# bytes, now exactly sized): 20.2x -> 16.4x (h/mem3). The JSON is written
# out as it is made (h/jstream), and validate's memo of cells read as money
# is bounded (4,096 rows) and its table facts keep the rows' labels rather
# than copies, narrowed (h/mem4): validate's peak fell by 5 MB, 15.1x ->
# 10.6x. classification.c's coded rows are 24 bytes each (their row, name,
# table and label column) in an array made at its size, the name a copy
# only where normalizing changes it (40 bytes and a name copy each, in an
# array grown by doubling): 10.6x -> 9.4x (h/mem5); lines of 16 bytes with
# no pointer each: 8.7-8.9x (h/lines). Validate still sets the peak: the
# rows (some 120 bytes each with the public BpRow and its GPtrArray), the
# coded rows and the table facts (28 bytes a row).
awk 'BEGIN { print "2024年一般公共预算财政拨款支出决算表"; print "单位：万元"
  print "科目编码\t科目名称\t合计"
  for (i = 0; i < 40000; i++) printf "2010101\t行政运行\t%d.00\n", i }' >"$TAP_TMP/coded.txt"
within_10x "1.1 MB of a coded table, 40,000 rows (8.9x)" "$TAP_TMP/coded.txt"
# A real document 64 times over: each amount claim kept its own copy of
# every value its subject is stated with, so memory grew with the square of
# the document's length (50.3 MB peak on mimalloc); claims now keep only
# short lists.
i=0; : >"$TAP_TMP/x64.txt"
while [ $i -lt 64 ]; do
  cat "${G_TEST_SRCDIR:-.}/tests/corpus/000_fe5e375999e3baca.txt" >>"$TAP_TMP/x64.txt"; i=$((i + 1))
done
within_10x "a real document 64 times over (3.2 MB)" "$TAP_TMP/x64.txt"
awk 'BEGIN { for (i = 0; i < 23000; i++) print "工资福利支出\t301\t1,234.56\t1,234.56\t0.00" }' >"$TAP_TMP/rows.txt"
within_10x "1 MB of one tab-separated row" "$TAP_TMP/rows.txt"
"$bp" run -q -o "$TAP_TMP/plain" "${G_TEST_SRCDIR:-.}/tests/corpus/000_fe5e375999e3baca.txt" >/dev/null 2>&1
ok "the padded document reads the same tables and fields" sh -c \
  "python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
same=lambda k: len(a.get(k) or []) == len(b.get(k) or [])
sys.exit(0 if same(\"tables\") and same(\"fields\") and a[\"doc\"] == b[\"doc\"] else 1)' \
  '$TAP_TMP/out/padded.json' '$TAP_TMP/plain/000_fe5e375999e3baca.json'"
done_testing
