# Minimal TAP helpers for shell tests: source it, call ok/check, then done_testing.
tap_n=0
tap_failed=0
ok () { # ok DESCRIPTION COMMAND...
  desc=$1; shift
  tap_n=$((tap_n + 1))
  if "$@" >/dev/null 2>&1; then echo "ok $tap_n - $desc"
  else echo "not ok $tap_n - $desc"; tap_failed=$((tap_failed + 1)); fi
}
expect_exit () { # expect_exit CODE DESCRIPTION COMMAND...
  want=$1; desc=$2; shift 2
  "$@" >"$TAP_TMP/out" 2>"$TAP_TMP/err"; got=$?
  tap_n=$((tap_n + 1))
  if [ "$got" -eq "$want" ]; then echo "ok $tap_n - $desc (exit $got)"
  else echo "not ok $tap_n - $desc: exit $got, wanted $want"; sed 's/^/# /' "$TAP_TMP/err"
    tap_failed=$((tap_failed + 1)); fi
}
grep_in () { # grep_in DESCRIPTION PATTERN FILE
  tap_n=$((tap_n + 1))
  if grep -q -- "$2" "$3"; then echo "ok $tap_n - $1"
  else echo "not ok $tap_n - $1: '$2' not in $3"; sed 's/^/# /' "$3" | head -20
    tap_failed=$((tap_failed + 1)); fi
}
done_testing () { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
TAP_TMP=$(mktemp -d)
trap 'rm -rf "$TAP_TMP"' EXIT
