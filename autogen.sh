#!/bin/sh
# Regenerates the build system: ./autogen.sh && ./configure && make
set -e
cd "$(dirname "$0")"
# m4/ is where libtoolize puts its macros; a fresh clone has none yet
mkdir -p m4
autoreconf --install --force --warnings=all
# The TAP driver for `make check` (GTest programs run with --tap).
cp -f "$(automake --print-libdir)/tap-driver.sh" build-aux/tap-driver.sh
# Autoconf's generated configure deletes core dumps with `rm -f core ...`.
# Our source tree has a directory named core/ (the runner and library), so
# that command prints "rm: cannot remove 'core': Is a directory" many times
# and the failed cleanup leaves confdefs.h behind. Drop the bare word `core`
# from those cleanup commands (core.* and *.core patterns stay).
sed -i -e 's/rm -f -r core /rm -f -r /g' -e 's/rm -f core /rm -f /g' configure
if grep -n 'rm -f[ r-]* core ' configure >/dev/null; then
  echo "autogen.sh: configure still removes 'core'" >&2
  exit 1
fi
echo "Now run ./configure && make"
