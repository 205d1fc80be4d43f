# plugins/validate: the rule catalogue, see docs/rules.md
validate_sources = \
	plugins/validate/validate-private.h \
	plugins/validate/common.c \
	plugins/validate/catalogue.c \
	plugins/validate/tablecells.c \
	plugins/validate/arithmetic.c \
	plugins/validate/subtotals.c \
	plugins/validate/cross-table.c \
	plugins/validate/narrative.c plugins/validate/narrative-lists.c \
	plugins/validate/narrative-checks.c \
	plugins/validate/classification.c \
	plugins/validate/completeness.c \
	plugins/validate/metadata.c
plugin_LTLIBRARIES += plugins/validate/validate.la
plugins_validate_validate_la_SOURCES = plugins/validate/validate.c $(validate_sources)
plugins_validate_validate_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/validate"'
plugins_validate_validate_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_validate_validate_la_LIBADD = $(PLUGIN_LIBADD)
# The test links the rules directly (catalogue listing, rule unit cases) and
# also runs the plugin through the harness.
check_PROGRAMS += plugins/validate/test-validate
plugins_validate_test_validate_SOURCES = plugins/validate/test-validate.c $(validate_sources)
plugins_validate_test_validate_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/validate"'
plugins_validate_test_validate_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS)
TESTS += plugins/validate/test-validate
EXTRA_DIST += plugins/validate/README.md
check_PROGRAMS += plugins/validate/test-narrative
plugins_validate_test_narrative_SOURCES = plugins/validate/test-narrative.c $(validate_sources)
plugins_validate_test_narrative_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/validate"'
plugins_validate_test_narrative_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS)
TESTS += plugins/validate/test-narrative
