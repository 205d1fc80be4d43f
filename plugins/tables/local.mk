# plugins/tables: see plugins/tables/README.md
plugin_LTLIBRARIES += plugins/tables/tables.la
plugins_tables_tables_la_SOURCES = \
	plugins/tables/tables.c \
	plugins/tables/tables-private.h \
	plugins/tables/detect.c \
	plugins/tables/tokens.c \
	plugins/tables/body.c \
	plugins/tables/rows.c \
	plugins/tables/classrows.c \
	plugins/tables/streams.c \
	plugins/tables/streamfit.c \
	plugins/tables/streamsolve.c \
	plugins/tables/streamunits.c \
	plugins/tables/digitcodes.c \
	plugins/tables/coderuns.c \
	plugins/tables/namecodes.c \
	plugins/tables/columns.c \
	plugins/tables/positions.c \
	plugins/tables/twosided.c \
	plugins/tables/groups.c \
	plugins/tables/values.c \
	plugins/tables/formulas.c
plugins_tables_tables_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/tables"'
plugins_tables_tables_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_tables_tables_la_LIBADD = $(PLUGIN_LIBADD)

check_PROGRAMS += plugins/tables/test-tables
plugins_tables_test_tables_SOURCES = plugins/tables/test-tables.c
plugins_tables_test_tables_LDADD = tests/libbptest.la core/libbudgetpipe.la $(JSON_LIBS) $(GLIB_LIBS)
TESTS += plugins/tables/test-tables

# Measuring aid: tables found per document against tests/gold (not a test).
check_PROGRAMS += plugins/tables/tables-vs-gold
plugins_tables_tables_vs_gold_SOURCES = plugins/tables/tables-vs-gold.c
plugins_tables_tables_vs_gold_CPPFLAGS = $(AM_CPPFLAGS)
plugins_tables_tables_vs_gold_LDADD = tests/libbptest.la core/libbudgetpipe.la $(JSON_LIBS) $(GLIB_LIBS)

# Golden files: BP_REGENERATE=1 plugins/tables/test-tables rewrites them.
EXTRA_DIST += plugins/tables/README.md \
	tests/expected/000_fe5e375999e3baca.tables.json \
	tests/expected/001_99a99fce1cd6da03.tables.json \
	tests/expected/002_43945480f961a537.tables.json \
	tests/expected/003_d6fb263bf47854f3.tables.json \
	tests/expected/004_d9984b4f4bf4cec5.tables.json \
	tests/expected/sh-pt-czj-2024-final.tables.json \
	tests/expected/sh-pt-ghzy-2024-final.tables.json \
	tests/expected/sh-pt-sfj-2026-budget.tables.json \
	tests/expected/sh-pt-shiquan-2026-unit-budget.tables.json \
	tests/expected/sh-pt-sthj-2025-final.tables.json \
	tests/expected/sh-pt-wanli-2025-budget.tables.json \
	tests/expected/sh-pt-yichuan-2025-final.tables.json \
	tests/expected/sh-pt-zfb-2025-budget.tables.json
