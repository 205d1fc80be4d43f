#!/bin/sh
# SQLite sink throughput: rows/s into the database for a corpus of N
# documents (default 1000) made by repeating tests/corpus, and the final
# database size. usage: bench/sqlite.sh [N]   (from the top of a built tree)
# Each copy gets a different number of trailing blank lines, so every copy has
# its own sha256 and is a document of its own in the database (identical
# copies would replace each other).
set -e
n=${1:-1000}
bp=${BUDGETPIPE:-core/budgetpipe}
[ -x "$bp" ] || bp=_build/core/budgetpipe
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
i=0
while [ "$i" -lt "$n" ]; do
  for f in tests/corpus/*.txt tests/corpus/thirdparty/*.txt; do
    [ "$i" -lt "$n" ] || break
    { cat "$f"; awk -v k=$((i / 13 + 1)) 'BEGIN { for (j = 0; j < k; j++) print "" }'; } \
      >"$tmp/in/$(printf %04d "$i")-$(basename "$f")"
    i=$((i + 1))
  done
done
bytes=$(cat "$tmp/in"/* | wc -c)

# The default pipeline's extraction stages, then only the sqlite sink.
sed -e 's/^\(stages *=.*\)$/\1;sqlite/' -e 's/;json//' -e 's/^name *=.*/name = bench-sqlite/' \
  pipelines/default.conf | awk '/^\[/ { skip = ($0 == "[stage json]") } !skip' >"$tmp/bench.conf"
printf '\n[stage sqlite]\nplugin = sqlite\n' >>"$tmp/bench.conf"

run () { # run JOBS: one batch into a fresh database; prints the figures
  rm -rf "$tmp/out"
  timer=""
  [ -x /usr/bin/time ] && timer="/usr/bin/time -v -o $tmp/time"
  start=$(date +%s.%N)
  $timer "$bp" run -q --stats -j "$1" -p "$tmp/bench.conf" -o "$tmp/out" "$tmp/in" >"$tmp/stats"
  end=$(date +%s.%N)
  db="$tmp/out/budget.sqlite"
  rows=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM tables)
    + (SELECT count(*) FROM table_columns) + (SELECT count(*) FROM table_rows) + (SELECT count(*) FROM cells) + (SELECT count(*) FROM fields)
    + (SELECT count(*) FROM classification) + (SELECT count(*) FROM findings)")
  docs=$(sqlite3 "$db" "SELECT count(*) FROM documents")
  ms=$(awk '$1 == "sqlite" { print $4 }' "$tmp/stats")
  size=$(wc -c <"$db")
  rss=$( [ -f "$tmp/time" ] && sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time" || echo 0)
  awk -v j="$1" -v d="$docs" -v r="$rows" -v ms="$ms" -v s="$start" -v e="$end" -v sz="$size" \
      -v b="$bytes" -v rss="$rss" 'BEGIN {
    printf "-j %d: %d documents (%.1f MB of text), %d rows into SQLite in %.2f s of sqlite stage time: %.0f rows/s, %.1f documents/s\n",
      j, d, b / 1e6, r, ms / 1000, r / (ms / 1000), d / (ms / 1000)
    printf "      whole pipeline %.2f s wall; database %.1f MB (%.0f bytes/document); peak RSS %.1f MB\n",
      e - s, sz / 1e6, sz / d, rss / 1024 }'
}
run 1
run 2
