# plugins/sqlite: see plugins/sqlite/README.md
plugin_LTLIBRARIES += plugins/sqlite/sqlite.la
plugins_sqlite_sqlite_la_SOURCES = plugins/sqlite/sqlite.c plugins/sqlite/schema.c plugins/sqlite/sqlite-private.h
plugins_sqlite_sqlite_la_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE_CFLAGS) -DG_LOG_DOMAIN='"budgetpipe/sqlite"'
plugins_sqlite_sqlite_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_sqlite_sqlite_la_LIBADD = $(PLUGIN_LIBADD) $(SQLITE_LIBS)
check_PROGRAMS += plugins/sqlite/test-sqlite
plugins_sqlite_test_sqlite_SOURCES = plugins/sqlite/test-sqlite.c tests/sinkdocs.c tests/sinkdocs.h
plugins_sqlite_test_sqlite_CPPFLAGS = $(TEST_CPPFLAGS) $(SQLITE_CFLAGS)
plugins_sqlite_test_sqlite_LDADD = $(TEST_LDADD) $(SQLITE_LIBS)
TESTS += plugins/sqlite/test-sqlite
EXTRA_DIST += plugins/sqlite/README.md
