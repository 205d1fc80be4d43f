# core/: libbudgetpipe (document model, amounts, pipeline and plugin loading,
# JSON) and the budgetpipe runner.
lib_LTLIBRARIES += core/libbudgetpipe.la
core_libbudgetpipe_la_SOURCES = \
	core/amount.c \
	core/text.c \
	core/regex-needs.c \
	core/regex-needs.h \
	core/document.c \
	core/serialize.c \
	core/pipeline.c \
	core/pipeline.h \
	core/plugin-loader.c \
	core/plugin-loader.h \
	core/stage.c \
	core/runner.c \
	core/runner.h \
	core/progress.c \
	core/i18n.c \
	core/progress.h \
	core/profile.c \
	core/paths.c \
	core/paths.h
core_libbudgetpipe_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DBP_SRCDIR='"$(abs_top_srcdir)"' \
	-DBP_BUILDDIR='"$(abs_top_builddir)"' \
	-DBP_PLUGINDIR='"$(plugindir)"' \
	-DBP_PKGDATADIR='"$(pkgdatadir)"' \
	-DBP_LOCALEDIR='"$(localedir)"' \
	$(PCRE2_CFLAGS) $(NETTLE_CFLAGS) \
	-DG_LOG_DOMAIN='"budgetpipe"'
core_libbudgetpipe_la_LIBADD = $(GLIB_LIBS) $(JSON_LIBS) $(UTF8PROC_LIBS) $(PCRE2_LIBS) $(NETTLE_LIBS) $(LTDL_LIBS)
core_libbudgetpipe_la_LDFLAGS = -no-undefined -version-info 0:0:0

pkginclude_HEADERS += \
	include/budgetpipe/budgetpipe.h \
	include/budgetpipe/amount.h \
	include/budgetpipe/document.h \
	include/budgetpipe/plugin.h \
	include/budgetpipe/text.h \
	include/budgetpipe/profile.h

bin_PROGRAMS += core/budgetpipe
core_budgetpipe_SOURCES = core/main.c core/merge-db.c core/merge-db.h
core_budgetpipe_CPPFLAGS = $(AM_CPPFLAGS) $(JSON_CFLAGS) $(SQLITE_CFLAGS) -DG_LOG_DOMAIN='"budgetpipe"'
# mimalloc first, so that its malloc is the one every library and plugin calls
core_budgetpipe_LDADD = $(MIMALLOC_LIBS) core/libbudgetpipe.la $(GLIB_LIBS) $(JSON_LIBS) $(SQLITE_LIBS)
