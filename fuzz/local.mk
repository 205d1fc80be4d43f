# fuzz/: libFuzzer targets (issue 19). `make fuzz` configures a clang build
# (warnings as errors: CI's clang -Werror build of the library and plugins)
# with -fsanitize=fuzzer,address,undefined in fuzz-build/ and builds them;
# fuzz/run.sh runs one with its seed corpus. docs in fuzz/README.md.
if ENABLE_FUZZ
noinst_PROGRAMS += fuzz/fuzz-text fuzz/fuzz-dump fuzz/fuzz-pipeline fuzz/fuzz-pdf
endif
FUZZ_COMMON = fuzz/fuzz-common.c fuzz/fuzz-common.h
FUZZ_LIBS = core/libbudgetpipe.la $(GLIB_LIBS) $(JSON_LIBS)
# -no-install: no libtool wrapper script, the binary runs from the build tree.
FUZZ_LINK_FLAGS = -fsanitize=fuzzer -no-install
fuzz_fuzz_text_SOURCES = fuzz/fuzz-text.c $(FUZZ_COMMON)
fuzz_fuzz_text_LDADD = $(FUZZ_LIBS)
fuzz_fuzz_text_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_fuzz_dump_SOURCES = fuzz/fuzz-dump.c $(FUZZ_COMMON)
fuzz_fuzz_dump_LDADD = $(FUZZ_LIBS)
fuzz_fuzz_dump_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_fuzz_pipeline_SOURCES = fuzz/fuzz-pipeline.c $(FUZZ_COMMON)
fuzz_fuzz_pipeline_LDADD = $(FUZZ_LIBS)
fuzz_fuzz_pipeline_LDFLAGS = $(FUZZ_LINK_FLAGS)
fuzz_fuzz_pdf_SOURCES = fuzz/fuzz-pdf.c $(FUZZ_COMMON)
fuzz_fuzz_pdf_LDADD = $(FUZZ_LIBS)
fuzz_fuzz_pdf_LDFLAGS = $(FUZZ_LINK_FLAGS)
EXTRA_DIST += fuzz/run.sh fuzz/README.md

FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
fuzz:
	@mkdir -p fuzz-build
	@test -f fuzz-build/Makefile || (cd fuzz-build && \
	  $(abs_top_srcdir)/configure --enable-fuzz --enable-werror CC=clang \
	    CFLAGS='-g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE)' \
	    LDFLAGS='$(FUZZ_SANITIZE)' >configure.log 2>&1 \
	  || { tail -30 configure.log; exit 1; })
	cd fuzz-build && $(MAKE) $(AM_MAKEFLAGS)
	@echo "fuzz targets: fuzz-build/fuzz/fuzz-{text,dump,pipeline,pdf}; run one with"
	@echo "  $(top_srcdir)/fuzz/run.sh fuzz-build text 60"
.PHONY: fuzz clean-fuzz-build
clean-local: clean-fuzz-build
clean-fuzz-build:
	rm -rf fuzz-build
