#!/bin/bash
# Headless input: a line longer than the 8 KiB buffer is refused once, its
# tail never runs as a command, and the lines after it still run; the
# UI's own commands (theme, bind, q) are refused by name.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

long=$(head -c 20000 /dev/zero | tr '\0' x)
{
    printf '%s capture\n' "$long"
    echo "get iso"
    printf '%s' "$long"     # a too long last line without newline
} | "$CAPA" --headless --no-auto-connect --session "$SESSION" >"$OUT" 2>"$TEST_TMP/capa.err"
rc=$?
check "capa exits 0 at the end of its input (status $rc)" test "$rc" -eq 0
check "one 'input line too long' error per long line" \
    test "$(nevents '.event=="error" and .message=="input line too long"')" -eq 2
check "the tail of a long line does not run as a command" \
    test "$(nevents '.event=="error" and .what=="command" and .message!="input line too long"')" -eq 0
check "the line after it runs (get iso: no camera)" have_events 1 '.event=="error" and .what=="no-camera"'
check "capa says quit at the end" have_events 1 '.event=="quit"'

# The command table's UI-only commands are refused by name, and do not end
# the input (q is the UI's quit); wait without its seconds says its usage.
printf 'theme dark\nbind x capture 3\nq\nwait\nget iso\n' |
    "$CAPA" --headless --no-auto-connect --session "$SESSION" >"$OUT" 2>"$TEST_TMP/capa.err"
for verb in theme bind q; do
    check "$verb: an error event says it is not in headless mode" \
        have_events 1 ".event==\"error\" and .what==\"command\" and .message==\"$verb: not in headless mode\""
done
check "wait without seconds: its usage" \
    have_events 1 '.event=="error" and .message=="usage: wait SECONDS (0 to 86400)"'
check "the line after them runs (get iso: no camera)" have_events 1 '.event=="error" and .what=="no-camera"'
done_testing
