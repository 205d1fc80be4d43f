# plugins/putuo: district profile (data only; the logic is core/profile.c).
plugin_LTLIBRARIES += plugins/putuo/putuo.la
plugins_putuo_putuo_la_SOURCES = plugins/putuo/putuo.c
plugins_putuo_putuo_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/putuo"'
plugins_putuo_putuo_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_putuo_putuo_la_LIBADD = $(PLUGIN_LIBADD)
EXTRA_DIST += plugins/putuo/README.md
dist_check_SCRIPTS += plugins/putuo/test-putuo.sh
TESTS += plugins/putuo/test-putuo.sh
EXTRA_DIST += plugins/putuo/expected
