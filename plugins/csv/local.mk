# plugins/csv: see plugins/csv/README.md
plugin_LTLIBRARIES += plugins/csv/csv.la
plugins_csv_csv_la_SOURCES = plugins/csv/csv.c
plugins_csv_csv_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/csv"'
plugins_csv_csv_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_csv_csv_la_LIBADD = $(PLUGIN_LIBADD)
check_PROGRAMS += plugins/csv/test-csv
plugins_csv_test_csv_SOURCES = plugins/csv/test-csv.c tests/sinkdocs.c tests/sinkdocs.h
plugins_csv_test_csv_CPPFLAGS = $(TEST_CPPFLAGS)
plugins_csv_test_csv_LDADD = $(TEST_LDADD)
TESTS += plugins/csv/test-csv
EXTRA_DIST += plugins/csv/README.md
