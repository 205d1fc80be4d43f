#!/bin/sh
# Throughput of the default pipeline: documents/s, MB/s and peak memory.
# usage: bench/run.sh [REPEAT]   (from the top of a built tree)
# The corpus is repeated REPEAT times (default 20) to get a measurable batch.
set -e
repeat=${1:-20}
bp=${BUDGETPIPE:-core/budgetpipe}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
i=0
while [ $i -lt "$repeat" ]; do
  for f in tests/corpus/*.txt tests/corpus/thirdparty/*.txt; do
    cp "$f" "$tmp/in/$i-$(basename "$f")"
  done
  i=$((i + 1))
done
docs=$(ls "$tmp/in" | wc -l)
bytes=$(cat "$tmp/in"/* | wc -c)
for jobs in 1 2; do
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$tmp/mem" "$bp" run -q -j $jobs -o "$tmp/out" "$tmp/in" >/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v d="$docs" -v b="$bytes" -v j=$jobs -v m="$(cat "$tmp/mem")" \
    'BEGIN { t = e - s; printf "default pipeline -j %d: %d documents, %.1f MB in %.2f s: %.1f documents/s, %.2f MB/s, peak RSS %.1f MB\n", j, d, b/1e6, t, d/t, b/1e6/t, m/1024 }'
done
# Per stage on one core (the runner's --stats): ms and MB/s of input.
"$bp" run -q --stats -o "$tmp/out" "$tmp/in" 2>/dev/null \
  | awk -v b="$bytes" '$NF ~ /^[0-9.]+$/ && NF == 4 && $4 >= 1 {
      printf "stage %-10s %8.0f ms  %7.2f MB/s\n", $1, $4, b / 1e6 / ($4 / 1000) }'
# The cleanup stage alone, MB/s on one core (bench/cleanup is built by make check).
if [ -x bench/cleanup ]; then
  G_TEST_SRCDIR=${G_TEST_SRCDIR:-$(dirname "$0")/..} G_TEST_BUILDDIR=$(pwd) bench/cleanup 50
fi
