# plugins/qingshan: district profile (data only; the logic is core/profile.c).
plugin_LTLIBRARIES += plugins/qingshan/qingshan.la
plugins_qingshan_qingshan_la_SOURCES = plugins/qingshan/qingshan.c
plugins_qingshan_qingshan_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN='"budgetpipe/qingshan"'
plugins_qingshan_qingshan_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_qingshan_qingshan_la_LIBADD = $(PLUGIN_LIBADD)
EXTRA_DIST += plugins/qingshan/README.md
