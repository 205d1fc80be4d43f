# plugins/pdf: the PDF input stage (poppler-glib); see plugins/pdf/README.md
plugin_LTLIBRARIES += plugins/pdf/pdf.la
plugins_pdf_pdf_la_SOURCES = \
	plugins/pdf/pdf.c \
	plugins/pdf/pdf-private.h \
	plugins/pdf/layout.c
plugins_pdf_pdf_la_CPPFLAGS = $(AM_CPPFLAGS) $(POPPLER_CFLAGS) -DG_LOG_DOMAIN='"budgetpipe/pdf"'
plugins_pdf_pdf_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_pdf_pdf_la_LIBADD = $(PLUGIN_LIBADD) $(POPPLER_LIBS) -lm

check_PROGRAMS += plugins/pdf/test-pdf
plugins_pdf_test_pdf_SOURCES = plugins/pdf/test-pdf.c
plugins_pdf_test_pdf_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
plugins_pdf_test_pdf_LDADD = tests/libbptest.la core/libbudgetpipe.la $(GLIB_LIBS) $(CAIRO_LIBS)
TESTS += plugins/pdf/test-pdf

EXTRA_DIST += plugins/pdf/README.md plugins/pdf/encrypted.pdf
