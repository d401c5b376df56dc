#!/bin/bash
# Key names in the config file's `bind KEY COMMAND` are taken whole: "f1x"
# is no key (it used to bind F1), F1..F12 are.  Each mistake is an error
# event naming its line; headless mode needs no camera for this.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
export HOME="$TEST_TMP/home"
mkdir -p "$HOME"
cat >"$TEST_TMP/keys.conf" <<'C'
bind f1x quit
bind F12 capture 2
bind F13 quit
bind f2 help
C
"$CAPA" --headless --no-auto-connect --session "$TEST_TMP/s" --config "$TEST_TMP/keys.conf" \
    </dev/null >"$TEST_TMP/out.jsonl" 2>"$TEST_TMP/err"
rc=$?
check "capa exits 0 at the end of its input (status $rc)" test $rc -eq 0
msgs=$(jq -r 'select(.event=="error" and .what=="config") | .message' "$TEST_TMP/out.jsonl")
printf '%s\n' "$msgs" | sed 's/^/# /'
check "\"f1x\" is an unknown key (line 1)" grep -q 'line 1: bind: unknown key "f1x"' <<<"$msgs"
check "\"F13\" is an unknown key (line 3)" grep -q 'line 3: bind: unknown key "F13"' <<<"$msgs"
check "F12 and f2 are keys: two errors only" test "$(grep -c . <<<"$msgs")" -eq 2
done_testing
