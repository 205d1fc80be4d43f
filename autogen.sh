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
# and the failed cleanup leaves confdefs.h behind. autoconf-core.sh drops
# the bare word `core` from those cleanup commands (core.* and *.core
# patterns stay); make's regeneration rule runs it too.
./autoconf-core.sh
echo "Now run ./configure && make"
