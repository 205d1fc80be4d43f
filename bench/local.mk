# Benchmarks are run by hand (bench/README.md), never by make check.
EXTRA_DIST += bench/run.sh
EXTRA_DIST += bench/sqlite.sh
EXTRA_DIST += bench/speed.sh bench/README.md

# bench/cleanup: the cleanup stage alone, MB/s and peak memory. Built by
# `make check` (so it cannot rot), run by hand: bench/cleanup [TARGET_MB].
check_PROGRAMS += bench/cleanup
bench_cleanup_SOURCES = bench/cleanup.c
bench_cleanup_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)
bench_cleanup_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS)
EXTRA_DIST += bench/pdf.sh bench/inject-text.py
