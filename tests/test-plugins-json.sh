#!/bin/sh
# docs/plugins.json is generated from the plugins' option tables; it must not
# go stale. Regenerate: core/budgetpipe inspect --all --json > docs/plugins.json
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
"$bp" inspect --all --json > "$TAP_TMP/plugins.json"
tap_n=1
if cmp -s "$TAP_TMP/plugins.json" "$src/docs/plugins.json"; then
  echo "ok 1 - docs/plugins.json matches the plugins' option tables"
else
  echo "not ok 1 - docs/plugins.json is stale; regenerate with: core/budgetpipe inspect --all --json > docs/plugins.json"
  diff "$src/docs/plugins.json" "$TAP_TMP/plugins.json" | sed 's/^/# /' | head -40
  tap_failed=1
fi
done_testing
