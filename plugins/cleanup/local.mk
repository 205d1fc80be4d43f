# plugins/cleanup: see plugins/cleanup/README.md
plugin_LTLIBRARIES += plugins/cleanup/cleanup.la
plugins_cleanup_cleanup_la_SOURCES = \
	plugins/cleanup/cleanup.c \
	plugins/cleanup/cleanup-private.h \
	plugins/cleanup/encoding.c \
	plugins/cleanup/normalize.c \
	plugins/cleanup/shapes.c \
	plugins/cleanup/layout.c \
	plugins/cleanup/damage.c
plugins_cleanup_cleanup_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/cleanup"'
plugins_cleanup_cleanup_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_cleanup_cleanup_la_LIBADD = $(PLUGIN_LIBADD) $(UTF8PROC_LIBS)

check_PROGRAMS += plugins/cleanup/test-cleanup
plugins_cleanup_test_cleanup_SOURCES = plugins/cleanup/test-cleanup.c
plugins_cleanup_test_cleanup_CPPFLAGS = $(AM_CPPFLAGS)
plugins_cleanup_test_cleanup_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS)
TESTS += plugins/cleanup/test-cleanup

EXTRA_DIST += plugins/cleanup/README.md
