# tests/: the test library (single-stage harness), core unit tests, test-only
# plugins, CLI and end-to-end tests. Run with `make check`.
check_LTLIBRARIES += tests/libbptest.la
tests_libbptest_la_SOURCES = tests/harness.c tests/harness.h
tests_libbptest_la_CPPFLAGS = $(AM_CPPFLAGS) -DBP_TEST_SRCDIR='"$(abs_top_srcdir)"'
tests_libbptest_la_LIBADD = core/libbudgetpipe.la $(GLIB_LIBS)

# Test-only plugins: never installed (-rpath /nowhere makes them modules).
check_LTLIBRARIES += tests/plugins/testgood.la tests/plugins/testbadabi.la \
	tests/plugins/testbadname.la tests/plugins/testnosym.la \
	tests/plugins/testunresolved.la
tests_plugins_testgood_la_SOURCES = tests/plugins/testgood.c
tests_plugins_testgood_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_testgood_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_testbadabi_la_SOURCES = tests/plugins/testbadabi.c
tests_plugins_testbadabi_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_testbadabi_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_testbadname_la_SOURCES = tests/plugins/testbadname.c
tests_plugins_testbadname_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_plugins_testbadname_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_testnosym_la_SOURCES = tests/plugins/testnosym.c
tests_plugins_testnosym_la_LDFLAGS = -module -avoid-version -no-undefined -shared -rpath /nowhere
# Links with a symbol nothing defines (no -no-undefined): refused at load.
tests_plugins_testunresolved_la_SOURCES = tests/plugins/testunresolved.c
tests_plugins_testunresolved_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
tests_plugins_testunresolved_la_LIBADD = $(PLUGIN_LIBADD)

TEST_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS) $(JSON_LIBS)
TEST_CPPFLAGS = $(AM_CPPFLAGS) -DBP_TEST_SRCDIR='"$(abs_top_srcdir)"'

core_tests = tests/test-amount tests/test-text tests/test-document \
	tests/test-serialize tests/test-pipeline tests/test-plugin-loader \
	tests/test-profile
check_PROGRAMS += $(core_tests)
TESTS += $(core_tests)
tests_test_amount_SOURCES = tests/test-amount.c
tests_test_amount_LDADD = $(TEST_LDADD)
tests_test_text_SOURCES = tests/test-text.c
tests_test_text_LDADD = $(TEST_LDADD)
tests_test_document_SOURCES = tests/test-document.c
tests_test_document_LDADD = $(TEST_LDADD)
tests_test_serialize_SOURCES = tests/test-serialize.c
tests_test_serialize_CPPFLAGS = $(TEST_CPPFLAGS) $(JSON_CFLAGS)
tests_test_serialize_LDADD = $(TEST_LDADD)
tests_test_pipeline_SOURCES = tests/test-pipeline.c
tests_test_pipeline_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_pipeline_LDADD = $(TEST_LDADD)
tests_test_plugin_loader_SOURCES = tests/test-plugin-loader.c
tests_test_plugin_loader_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_plugin_loader_LDADD = $(TEST_LDADD)
tests_test_profile_SOURCES = tests/test-profile.c
tests_test_profile_CPPFLAGS = $(TEST_CPPFLAGS)
tests_test_profile_LDADD = $(TEST_LDADD)

# Shell tests drive the real CLI; they print TAP.
dist_check_SCRIPTS += tests/test-cli.sh tests/test-e2e.sh tests/test-perturb.sh tests/tap.sh tests/gtest-tap.sh tests/test-plugins-json.sh \
	tests/test-districts.sh tests/test-wild.sh tests/test-pdf.sh tests/test-merge-db.sh
TESTS += tests/test-reliability.sh tests/test-fnrows.sh tests/test-memory.sh \
	tests/test-namecodes.sh tests/test-coderuns.sh tests/test-plaindefect.sh
dist_check_SCRIPTS += tests/test-reliability.sh tests/test-fnrows.sh tests/test-memory.sh \
	tests/test-namecodes.sh tests/test-coderuns.sh tests/test-plaindefect.sh
TESTS += tests/test-cli.sh tests/test-e2e.sh tests/test-perturb.sh tests/test-plugins-json.sh \
	tests/test-districts.sh tests/test-wild.sh tests/test-pdf.sh tests/test-merge-db.sh
EXTRA_DIST += tests/lsan.supp tests/function-rows.sh tests/corpus tests/gold tests/check-schema.py tests/score.py tests/perturb.py tests/check-subset.py tests/check-wild-meta.py tests/check-wild-errors.py \
	tests/pipelines
# The plugin SDK as docs/plugin-guide.md describes it (staged install,
# out-of-tree template build, run and debug).
dist_check_SCRIPTS += tests/test-sdk.sh
TESTS += tests/test-sdk.sh
# Its step 1, make install DESTDIR=tests/sdk-stage, runs before any test:
# libtool relinks the plugins while installing, and a test loading them from
# the build tree at that moment would not find them.
check_DATA = tests/sdk-install
.PHONY: tests/sdk-install
tests/sdk-install: $(check_PROGRAMS) $(check_LTLIBRARIES) $(check_SCRIPTS)
	rm -rf tests/sdk-stage
	$(MAKE) $(AM_MAKEFLAGS) install DESTDIR='$(abs_top_builddir)/tests/sdk-stage'
clean-local: clean-sdk-stage
clean-sdk-stage:
	rm -rf tests/sdk-stage
.PHONY: clean-sdk-stage
# The district template, installed for plugin authors (docs/plugin-guide.md).
templatedir = $(pkgdatadir)/district-template
dist_template_DATA = plugins/district-template/xuhui.c plugins/district-template/README.md
# The man page and shell completion against `run --help`.
dist_check_SCRIPTS += tests/test-docs.sh
TESTS += tests/test-docs.sh
# The summary, progress and totals lines.
dist_check_SCRIPTS += tests/test-progress.sh
TESTS += tests/test-progress.sh
# The report on a 390 px phone, in headless Chromium.
dist_check_SCRIPTS += tests/test-report-phone.sh
TESTS += tests/test-report-phone.sh
EXTRA_DIST += tests/phone-probe.html
# Messages in Chinese and English (po/).
dist_check_SCRIPTS += tests/test-i18n.sh
TESTS += tests/test-i18n.sh
