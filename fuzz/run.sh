#!/bin/sh
# fuzz/run.sh BUILD TARGET SECONDS [libFuzzer options...]
# Runs BUILD/fuzz/fuzz-TARGET (make fuzz: BUILD is fuzz-build) for SECONDS
# with its seed corpus from the source tree: text = pieces of the documents
# of tests/corpus (text_seeds below), dump = the corpus pipeline's dumps of
# the seed documents' pieces, pipeline = pipelines/*.conf and
# tests/pipelines/*.conf, pdf = tests/corpus/pdf and the pages of each.
# Exits non-zero on a crash, a leak, a timeout or an out-of-memory (the
# reproducer is left in BUILD/fuzz/work/TARGET/artifacts/).
set -eu
build=$(cd "$1" && pwd); target=$2; secs=$3; shift 3
src=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$build/fuzz/work}/$target
mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
# text_seeds DIR: pieces of at most 4000 bytes, cut at line ends, of every
# document in tests/corpus (all of the seeds and excerpts, the first three
# pieces of each wild one). An execution costs about its length (30 ms for
# 8 KB under ASan): small pieces fuzz the table readers many times faster.
text_seeds () {
  for f in "$src"/tests/corpus/*.txt "$src"/tests/corpus/*/*.txt \
           "$src"/tests/corpus/wild/*/*.txt; do
    case $f in */wild/*) pieces=3 ;; *) pieces=1000 ;; esac
    b=$(basename "$(dirname "$f")")-$(basename "$f" .txt)
    split -C 4000 -a 3 -d "$f" "$1/$b-"
    ls "$1/$b-"* | tail -n +$((pieces + 1)) | xargs -r rm -f
  done
}
case $target in
  text)
    text_seeds "$work/seeds"; max_len=4096 ;;
  dump)
    # The dumps (tables, validate) of the text target's pieces of the five
    # seed documents: 10-30 KB each.
    rm -rf "$work/dumps" "$work/short" "$work/dumps-out"; mkdir -p "$work/short"
    for f in "$src"/tests/corpus/*.txt; do
      split -C 4000 -a 3 -d "$f" "$work/short/$(basename "$f" .txt)-"
    done
    for f in "$work/short"/*; do mv "$f" "$f.txt"; done
    "$build/core/budgetpipe" run -q -p corpus --until validate --dump-dir "$work/dumps" \
      -o "$work/dumps-out" "$work/short" >/dev/null 2>&1 || true
    for d in "$work/dumps"/*/; do
      for j in "$d"*-tables.json "$d"*-validate.json; do
        [ -f "$j" ] && cp "$j" "$work/seeds/$(basename "$d")-$(basename "$j")"
      done
    done
    max_len=65536 ;;
  pipeline)
    cp "$src"/pipelines/*.conf "$src"/tests/pipelines/*.conf "$work/seeds/"; max_len=8192 ;;
  pdf)
    # The PDFs that fit in max_len, and the first three pages of each
    # (pdfseparate), their streams uncompressed when qpdf is there so that
    # mutations reach the page contents rather than a deflate stream.
    max_len=131072
    for f in "$src"/tests/corpus/pdf/*.pdf "$src"/plugins/pdf/*.pdf; do
      b=$(basename "$f" .pdf)
      [ "$(wc -c < "$f")" -le $max_len ] && cp "$f" "$work/seeds/"
      pdfseparate -l 3 "$f" "$work/seeds/$b-page%d.pdf" 2>/dev/null || true
    done
    if command -v qpdf >/dev/null; then
      for f in "$work/seeds"/*-page*.pdf; do
        qpdf --qdf --object-streams=disable "$f" "$f.qdf" 2>/dev/null
        if [ "$(wc -c < "$f.qdf" 2>/dev/null || echo 0)" -gt 0 ] \
           && [ "$(wc -c < "$f.qdf")" -le $max_len ]; then mv "$f.qdf" "$f"; else rm -f "$f.qdf"; fi
      done
    fi ;;
  *) echo "fuzz/run.sh: no target '$target' (text, dump, pipeline, pdf)" >&2; exit 2 ;;
esac
if [ "$target" != pdf ]; then
  exec "$build/fuzz/fuzz-$target" -max_total_time="$secs" -max_len=$max_len \
    -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$work/seeds"
fi
# pdf: poppler is not instrumented, but ASan intercepts its realloc. A
# damaged ToUnicode CMap makes poppler grow a map by small steps: glibc
# moves the block with mremap, ASan copies it every time, so one input that
# poppler reads in 0.1 s takes minutes here. So the target runs in fork
# mode (a crash, leak or out-of-memory still stops it), timeouts are kept
# as artifacts, and each one is replayed through the uninstrumented
# budgetpipe of the build this fuzz-build sits in: only an input that is
# slow there too (a real hang) fails the run.
# A timeout in fork mode's last job still ends the run with libFuzzer's
# timeout exit code (70) although timeouts are ignored: that run goes on
# to the replay below like the others; any other failure stops here.
rm -f "$work/artifacts"/timeout-*
rc=0
"$build/fuzz/fuzz-$target" -fork=1 -ignore_timeouts=1 -ignore_ooms=0 -ignore_crashes=0 \
  -max_total_time="$secs" -max_len=$max_len -timeout=20 -timeout_exitcode=70 \
  -rss_limit_mb=4096 -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$work/seeds" \
  || rc=$?
[ $rc -eq 0 ] || [ $rc -eq 70 ] || exit 1
plain=${FUZZ_PLAIN_BUDGETPIPE:-$build/../core/budgetpipe}
for a in "$work/artifacts"/timeout-*; do
  [ -f "$a" ] || continue
  cp "$a" "$work/replay.pdf"
  rc=0
  timeout 20 "$plain" run -q -o "$work/replay-out" "$work/replay.pdf" >/dev/null 2>&1 || rc=$?
  if [ $rc -eq 124 ] || [ $rc -gt 128 ]; then
    echo "fuzz/run.sh: $a hangs or crashes without sanitizers too (exit $rc)"; exit 1
  fi
  echo "fuzz/run.sh: $a: slow only under ASan (poppler's reallocations), done in under 20 s without it"
done
