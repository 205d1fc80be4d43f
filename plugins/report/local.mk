# plugins/report: see plugins/report/README.md
plugin_LTLIBRARIES += plugins/report/report.la
plugins_report_report_la_SOURCES = plugins/report/report.c plugins/report/common.c plugins/report/html.c plugins/report/markdown.c plugins/report/report-private.h
plugins_report_report_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/report"'
plugins_report_report_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_report_report_la_LIBADD = $(PLUGIN_LIBADD)
check_PROGRAMS += plugins/report/test-report
plugins_report_test_report_SOURCES = plugins/report/test-report.c tests/sinkdocs.c tests/sinkdocs.h
plugins_report_test_report_CPPFLAGS = $(TEST_CPPFLAGS)
plugins_report_test_report_LDADD = $(TEST_LDADD)
TESTS += plugins/report/test-report
EXTRA_DIST += plugins/report/README.md
# The sinks cross-check: csv, sqlite and report against the json sink, over tests/corpus.
dist_check_SCRIPTS += tests/test-sinks.sh
TESTS += tests/test-sinks.sh
EXTRA_DIST += tests/check-sinks.py
