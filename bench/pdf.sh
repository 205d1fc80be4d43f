#!/bin/sh
# Reading PDFs: pages/s and MB/s of PDF per core, for the pdf stage alone
# (--until pdf), for the whole default pipeline on the PDFs, and for
# pdftotext (plain and -layout) on the same files.
# usage: bench/pdf.sh [DIR_OF_PDFS] [REPEAT]   (from the top of a built tree;
# default tests/corpus/pdf, read REPEAT times, default 3).
# Per core = on one core: the CPU seconds (user + system) of a -j 1 run,
# so other load on the machine does not count; wall seconds are shown too.
set -e
dir=${1:-$(dirname "$0")/../tests/corpus/pdf}
repeat=${2:-3}
bp=${BUDGETPIPE:-core/budgetpipe}
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) not found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
i=0
while [ $i -lt "$repeat" ]; do
  for f in "$dir"/*.pdf; do cp "$f" "$tmp/in/$i-$(basename "$f")"; done
  i=$((i + 1))
done
files=$(ls "$tmp/in" | wc -l)
bytes=$(cat "$tmp/in"/*.pdf | wc -c)
pages=0
for f in "$tmp/in"/*.pdf; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')))
done
echo "$files PDFs, $pages pages, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"

# measure NAME COMMAND...: one line of pages/s and MB/s per CPU second.
measure () {
  name=$1; shift
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v n="$name" -v s="$start" -v e="$end" -v p="$pages" -v b="$bytes" -v c="$(cat "$tmp/cpu")" '
    BEGIN { split(c, t, " "); cpu = t[1] + t[2]; if (cpu <= 0) cpu = 0.001
            printf "%-28s %7.2f s CPU %7.2f s wall  %8.1f pages/s  %6.2f MB/s per core\n",
                   n, cpu, e - s, p / cpu, b / 1e6 / cpu }'
}

measure "budgetpipe --until pdf" "$bp" run -q -j 1 --until pdf -o "$tmp/o1" "$tmp/in"
measure "budgetpipe default pipeline" "$bp" run -q -j 1 -o "$tmp/o2" "$tmp/in"
# pdftotext: one process per file, as a user would run it.
each='for f in "$0"/*.pdf; do pdftotext -enc UTF-8 $1 "$f" "$0/../x.txt"; done'
measure "pdftotext" sh -c "$each" "$tmp/in" ""
measure "pdftotext -layout" sh -c "$each" "$tmp/in" "-layout"
