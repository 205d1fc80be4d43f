#!/bin/sh
# Speed, linearity and memory of the default pipeline (issue 18), in CPU
# seconds (user + system) so that a shared machine's load does not count.
# usage: bench/speed.sh [N]   (from the top of a built tree; N documents,
# default 1000, made by copying tests/corpus). Prints one line per figure.
#
#  corpus   MB/s per CPU-second at -j 1, and `wc -m` on the same files in
#           the same run, with the ratio;
#  -j 2     wall-clock speed-up over -j 1 (meaningful on an idle machine:
#           the load average is printed with it);
#  wild     MB/s per CPU-second on real documents of other places, plain
#           text and -layout (BENCH_WILD=DIR, default tests/corpus/wild);
#  linear   a document and the same text 64 times over in one file; a
#           2,000-row class table; a document with some 10,000 narrative
#           claims: each as CPU-seconds per MB against the corpus rate;
#  memory   peak RSS of -p corpus over the N documents (and over 5×N with
#           BENCH_BIG=1), and of one 10 MB file of bare newlines.
set -e
n=${1:-1000}
bp=${BUDGETPIPE:-core/budgetpipe}
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seed=tests/corpus/000_fe5e375999e3baca.txt

corpus () { # corpus DIR COUNT: COUNT copies of the bundled documents
  mkdir -p "$1"
  i=0
  while [ "$i" -lt "$2" ]; do
    for f in tests/corpus/*.txt tests/corpus/thirdparty/*.txt; do
      [ "$i" -lt "$2" ] || break
      cp "$f" "$1/$(printf %05d "$i")-$(basename "$f")"
      i=$((i + 1))
    done
  done
}

cpu () { # cpu OUT COMMAND...: runs it, CPU seconds to OUT, peak RSS KB to OUT.rss
  out=$1
  shift
  /usr/bin/time -f '%U %S %M %e' -o "$out.t" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$out.t" | awk '{ printf "%.3f\n", $1 + $2 }' >"$out"
  tail -n 1 "$out.t" | awk '{ print $3 }' >"$out.rss"
  tail -n 1 "$out.t" | awk '{ print $4 }' >"$out.wall"
}
val () { cat "$1"; }
mb () { cat "$@" | wc -c | awk '{ printf "%.3f", $1 / 1e6 }'; }

corpus "$tmp/in" "$n"
bytes=$(mb "$tmp/in"/*)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

# ---- corpus rate and wc -m ----
cpu "$tmp/wc" sh -c "cat '$tmp/in'/* | wc -m"
cpu "$tmp/j1" "$bp" run -q -j 1 -o "$tmp/out1" "$tmp/in"
awk -v b="$bytes" -v w="$(val "$tmp/wc")" -v t="$(val "$tmp/j1")" -v n="$n" 'BEGIN {
  if (w < 0.01) w = 0.01
  printf "corpus: %d documents, %.1f MB: budgetpipe -j 1 %.2f CPU-s = %.2f MB/s per CPU-second; wc -m %.2f CPU-s = %.1f MB/s; ratio %.1fx\n",
    n, b, t, b / t, w, b / w, (b / t > 0) ? (b / w) / (b / t) : 0 }'

# ---- -j 2 ----
cpu "$tmp/j2" "$bp" run -q -j 2 -o "$tmp/out2" "$tmp/in"
awk -v a="$(val "$tmp/j1.wall")" -v b="$(val "$tmp/j2.wall")" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "-j 2: %.2f s wall against %.2f s at -j 1: %.2fx (load average %s)\n", b, a, a / b, l }'

# ---- real documents of other places ----
# The corpus is copies of the bundled documents. Real documents of other
# places read differently: plain pdftotext text goes through the tables
# stage's stream solver, and that costs several times more per MB. So
# their rate is printed too. BENCH_WILD=DIR names a folder with text/ and
# layout/, e.g. ../shared/corpus/wild (139 documents each); the default is
# the slice in tests/corpus/wild.
wild=${BENCH_WILD:-tests/corpus/wild}
for shape in text layout; do
  [ -d "$wild/$shape" ] || continue
  cpu "$tmp/w-$shape" "$bp" run -q -j 1 -o "$tmp/ow-$shape" "$wild/$shape"
  awk -v name="$shape" -v b="$(mb "$wild/$shape"/*.txt)" -v t="$(val "$tmp/w-$shape")" \
      -v d="$(ls "$wild/$shape"/*.txt | wc -l)" -v c="$(val "$tmp/j1")" -v cb="$bytes" 'BEGIN {
    if (t < 0.01) t = 0.01
    printf "wild %s: %d documents, %.1f MB: %.2f CPU-s = %.2f MB/s per CPU-second (corpus %.2f)\n",
      name, d, b, t, b / t, cb / c }'
  rm -rf "$tmp/ow-$shape"
done

# ---- linearity ----
rate () { # rate NAME FILE: CPU-seconds per MB of one input, and its peak RSS
  # A small input runs as K copies in one batch (K x its size >= 2 MB), as
  # the corpus does, so the process's start-up (~0.03 CPU-s, more than the
  # whole of a 0.1 MB document) is spread as in the corpus rate; the time
  # per document is the batch's over K. Peak RSS is still one document's
  # (-j 1 reads one at a time).
  size=$(wc -c <"$2")
  k=$(awk -v s="$size" 'BEGIN { k = int(2e6 / (s > 0 ? s : 1)) + 1; print (k > 200) ? 200 : k }')
  [ "$size" -lt 2000000 ] || k=1
  mkdir -p "$tmp/in-$1"
  i=0
  while [ "$i" -lt "$k" ]; do cp "$2" "$tmp/in-$1/$i-$(basename "$2")"; i=$((i + 1)); done
  cpu "$tmp/$1.batch" "$bp" run -q -j 1 -o "$tmp/o-$1" "$tmp/in-$1"
  awk -v t="$(val "$tmp/$1.batch")" -v k="$k" 'BEGIN { printf "%.4f\n", t / k }' >"$tmp/$1"
  cp "$tmp/$1.batch.rss" "$tmp/$1.rss"
  rm -rf "$tmp/in-$1"
  awk -v name="$1" -v t="$(val "$tmp/$1")" -v b="$(mb "$2")" -v c="$(val "$tmp/j1")" -v k="$k" \
      -v cb="$bytes" -v rss="$(val "$tmp/$1.rss")" 'BEGIN {
    printf "%s: %.2f MB in %.3f CPU-s (%d in one run): %.2f CPU-s/MB (corpus %.2f, %.2fx); peak RSS %.1f MB (%.1fx the input)\n",
      name, b, t, k, t / b, c / cb, (t / b) / (c / cb), rss / 1024, rss / 1024 / b }'
}
cp "$seed" "$tmp/x1.txt"
i=0; : >"$tmp/x64.txt"
while [ $i -lt 64 ]; do cat "$seed" >>"$tmp/x64.txt"; i=$((i + 1)); done
rate 1x "$tmp/x1.txt"
rate 64x "$tmp/x64.txt"
awk -v a="$(val "$tmp/1x")" -v b="$(val "$tmp/64x")" 'BEGIN {
  printf "64x document: %.1fx the CPU time of the 1x document (linear: 64, goal <= 80)\n", b / a }'

# A class table of some 2,000 rows: the seed's first coded table with its
# rows replaced by 66 类 of one 款 and 29 项 each.
"$py" - "$seed" "$tmp/class2000.txt" <<'PY'
import sys, re
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if re.match(r"^\t合计\t", l)) + 1
end = next(i for i in range(start, len(lines)) if not lines[i].strip())
rows = []
for c in range(1, 67):
    lei = "2%02d" % c
    rows.append("%s\t类%d\t2900.00\t2900.00\t0.00\t\t\t" % (lei, c))
    rows.append("%s01\t款%d\t2900.00\t2900.00\t0.00\t\t\t" % (lei, c))
    for x in range(1, 30):
        rows.append("%s01%02d\t项%d-%d\t100.00\t100.00\t0.00\t\t\t" % (lei, x, c, x))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines[:start] + rows + lines[end:]))
PY
rate class-table-2000-rows "$tmp/class2000.txt"

# Some 10,000 narrative claims: the seed's paragraphs of amounts repeated.
"$py" - "$seed" "$tmp/claims.txt" <<'PY'
import sys, re
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
prose = [l for l in lines if "万元" in l and "\t" not in l and re.search("增加|减少|其中", l)]
block = []
for l in prose:
    block += [l, ""]
claims = sum(len(re.findall(r"[0-9.]+\s*万元", l)) for l in prose)
reps = max(1, 10000 // max(claims, 1))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines + block * reps))
print("narrative claims (万元 amounts) in the file: about %d" % (claims * reps), file=sys.stderr)
PY
rate narrative-10000-claims "$tmp/claims.txt"

# One paragraph that never ends a sentence: 70,000 short lines (was
# quadratic in the fields stage's paragraph builder).
awk 'BEGIN { for (i = 0; i < 70000; i++) print "收入合计 12.5" }' >"$tmp/run-on.txt"
rate run-on-paragraph "$tmp/run-on.txt"

# ---- memory ----
rm -rf "$tmp/out1" "$tmp/out2" "$tmp"/o-*
cpu "$tmp/pc" "$bp" run -q -p corpus -j 1 -o "$tmp/pc-out" "$tmp/in"
echo "-p corpus, $n documents: peak RSS $(awk '{ printf "%.1f", $1 / 1024 }' "$tmp/pc.rss") MB"
rm -rf "$tmp/pc-out"
if [ -n "$BENCH_BIG" ]; then
  rm -rf "$tmp/in"
  corpus "$tmp/in" $((5 * n))
  cpu "$tmp/pc5" "$bp" run -q -p corpus -j 1 -o "$tmp/pc5-out" "$tmp/in"
  echo "-p corpus, $((5 * n)) documents: peak RSS $(awk '{ printf "%.1f", $1 / 1024 }' "$tmp/pc5.rss") MB"
  rm -rf "$tmp/pc5-out"
fi
head -c 10000000 /dev/zero | tr '\0' '\n' >"$tmp/newlines.txt"
rate newlines-10MB "$tmp/newlines.txt"
