#!/bin/sh
# fuzz/run.sh BUILD TARGET SECONDS [libFuzzer options...]
# Runs BUILD/fuzz/fuzz-TARGET (make fuzz: BUILD is fuzz-build) for SECONDS
# with its seed corpus from the source tree: text = the first and last 150
# lines of each tests/corpus/*.txt,
# dump = the corpus pipeline's dumps of the first 150 lines of each corpus
# document, pipeline = pipelines/*.conf and tests/pipelines/*.conf.
# Exits non-zero on a crash, a leak, a timeout or an out-of-memory (the
# reproducer is left in BUILD/fuzz/work/TARGET/artifacts/).
set -eu
build=$(cd "$1" && pwd); target=$2; secs=$3; shift 3
src=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$build/fuzz/work}/$target
mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
case $target in
  text)
    # Whole documents (50-80 KB) take about a second each under ASan: the
    # seeds are their openings, where the tables start, and their ends.
    for f in "$src"/tests/corpus/*.txt; do
      b=$(basename "$f" .txt)
      head -n 150 "$f" > "$work/seeds/$b-head.txt"
      tail -n 150 "$f" > "$work/seeds/$b-tail.txt"
    done
    max_len=16384 ;;
  dump)
    rm -rf "$work/dumps" "$work/short"; mkdir -p "$work/short"
    for f in "$src"/tests/corpus/*.txt; do head -n 150 "$f" > "$work/short/$(basename "$f")"; done
    "$build/core/budgetpipe" run -q -p corpus --until validate --dump-dir "$work/dumps" \
      -o "$work/dumps-out" "$work/short" >/dev/null 2>&1 || true
    for d in "$work/dumps"/*/; do
      for j in "$d"*-tables.json "$d"*-validate.json; do
        [ -f "$j" ] && cp "$j" "$work/seeds/$(basename "$d")-$(basename "$j")"
      done
    done
    max_len=262144 ;;
  pipeline)
    cp "$src"/pipelines/*.conf "$src"/tests/pipelines/*.conf "$work/seeds/"; max_len=8192 ;;
  *) echo "fuzz/run.sh: no target '$target' (text, dump, pipeline)" >&2; exit 2 ;;
esac
exec "$build/fuzz/fuzz-$target" -max_total_time="$secs" -max_len=$max_len \
  -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$work/seeds"
