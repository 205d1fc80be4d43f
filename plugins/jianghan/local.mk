# plugins/jianghan: district profile (data only; the logic is core/profile.c).
plugin_LTLIBRARIES += plugins/jianghan/jianghan.la
plugins_jianghan_jianghan_la_SOURCES = plugins/jianghan/jianghan.c
plugins_jianghan_jianghan_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/jianghan"'
plugins_jianghan_jianghan_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_jianghan_jianghan_la_LIBADD = $(PLUGIN_LIBADD)
EXTRA_DIST += plugins/jianghan/README.md
