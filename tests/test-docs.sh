#!/bin/sh
# The manual and the shell completion: every option `run --help` prints is in
# the man page and completes; the completion script offers the commands.
. "${G_TEST_SRCDIR:-.}/tests/tap.sh"
bp=${BUDGETPIPE:-core/budgetpipe}
src=${G_TEST_SRCDIR:-.}
man="$src/docs/budgetpipe.1"
comp="$src/docs/completion/budgetpipe"

"$bp" run --help > "$TAP_TMP/help" 2>&1
for opt in $(grep -o -- '--[a-z][a-z-]*' "$TAP_TMP/help" | sort -u); do
  [ "$opt" = "--help-all" ] && continue
  esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
  ok "man page documents $opt" grep -q -- "$esc" "$man"
  ok "completion offers $opt" grep -q -- "$opt" "$comp"
done
for cmd in run plugins inspect check; do
  ok "man page has command $cmd" grep -q "^\.B $cmd" "$man"
done
ok "man page has command merge-db" grep -qF '.B merge\-db' "$man"
ok "completion offers merge-db" grep -q 'merge-db' "$comp"

# Run the completion function as bash would.
complete_words () { # complete_words WORD... -> candidates of the last word
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _budgetpipe; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$comp" "$@"
}
complete_words budgetpipe ru > "$TAP_TMP/c1"
grep_in "'ru' completes to run" "^run$" "$TAP_TMP/c1"
complete_words budgetpipe run --fail-on w > "$TAP_TMP/c2"
grep_in "--fail-on completes severities" "^warning$" "$TAP_TMP/c2"
complete_words budgetpipe run --p > "$TAP_TMP/c3"
grep_in "run options complete" "^--pipeline$" "$TAP_TMP/c3"

if command -v groff >/dev/null 2>&1; then
  groff -k -man -Tutf8 -ww -z "$man" 2> "$TAP_TMP/groff"
  ok "man page renders without warnings" test ! -s "$TAP_TMP/groff"
fi
done_testing
