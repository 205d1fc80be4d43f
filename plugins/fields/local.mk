# plugins/fields: see plugins/fields/README.md
plugin_LTLIBRARIES += plugins/fields/fields.la
plugins_fields_fields_la_SOURCES = \
	plugins/fields/fields.c \
	plugins/fields/fields-private.h \
	plugins/fields/meta.c \
	plugins/fields/places.c \
	plugins/fields/table-fields.c \
	plugins/fields/totalrow.c \
	plugins/fields/summarylines.c \
	plugins/fields/classification.c \
	plugins/fields/crossrows.c \
	plugins/fields/crossqueue.c \
	plugins/fields/summaryclasses.c \
	plugins/fields/narrative.c \
	plugins/fields/mentionscan.c \
	plugins/fields/labels.c \
	plugins/fields/claims.c \
	plugins/fields/util.c
plugins_fields_fields_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/fields"'
plugins_fields_fields_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fields_fields_la_LIBADD = $(PLUGIN_LIBADD)
check_PROGRAMS += plugins/fields/test-fields
plugins_fields_test_fields_SOURCES = plugins/fields/test-fields.c \
	plugins/fields/mentionscan.c
plugins_fields_test_fields_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS)
TESTS += plugins/fields/test-fields
EXTRA_DIST += plugins/fields/README.md
