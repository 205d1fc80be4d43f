# Benchmarks are run by hand (bench/README.md), never by make check.
EXTRA_DIST += bench/run.sh
EXTRA_DIST += bench/sqlite.sh
