#!/bin/sh
# Installs everything budgetpipe needs to build and test on Debian/Ubuntu.
# Run as root (or with sudo). Used by the README quick start and by .ci/run.
set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential autoconf automake libtool libtool-bin pkg-config \
  libltdl-dev libglib2.0-dev libjson-glib-dev libutf8proc-dev \
  libsqlite3-dev sqlite3 libpoppler-glib-dev poppler-utils libcairo2-dev \
  libpcre2-dev nettle-dev libmimalloc-dev \
  python3 time gettext >/dev/null
# For make check only: the report's phone-layout test renders pages in
# headless Chromium with CJK fonts (tests/test-report-phone.sh skips
# without it); groff checks the man page.
apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk groff-base >/dev/null
# make fuzz: clang with the libFuzzer and sanitizer runtimes; qpdf
# uncompresses the pdf target's seed pages (fuzz/run.sh).
apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev qpdf >/dev/null \
  || apt-get install -y -qq --no-install-recommends clang qpdf >/dev/null
