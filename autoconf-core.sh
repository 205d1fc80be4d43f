#!/bin/sh
# autoconf, then the fix autogen.sh explains: the generated configure must not
# `rm -f core` (our core/ directory). make's rule that regenerates configure
# after an edit of configure.ac runs this too (AUTOCONF in Makefile.am).
set -e
cd "$(dirname "$0")"
${AUTOCONF_PROG:-autoconf} "$@"
sed -i -e 's/rm -f -r core /rm -f -r /g' -e 's/rm -f core /rm -f /g' configure
if grep -n 'rm -f[ r-]* core ' configure >/dev/null; then
  echo "autoconf-core.sh: configure still removes 'core'" >&2
  exit 1
fi
