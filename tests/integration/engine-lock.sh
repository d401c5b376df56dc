#!/bin/bash
# One session, one capa: a second capa on a session in use (headless or
# the UI) says which capa holds it (pid, since when) and refuses it,
# writing nothing; the lock goes with its holder (quit or SIGKILL).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
FIRST=$CAPA_PID
journal_before=$(cat "$SESSION/.capa/journal.jsonl")
files_before=$(ls -A "$SESSION")

# a second headless capa (no camera needed to be refused)
"$CAPA" --headless --no-auto-connect --session "$SESSION" </dev/null \
    >"$TEST_TMP/second.jsonl" 2>"$TEST_TMP/second.err"
rc=$?
check "a second headless capa on the session exits non-zero ($rc)" test "$rc" -ne 0
check "... with an error event naming the holder's pid and since when" \
    quiet jq -e "select(.event==\"error\" and (.message | test(\"in use by another capa \\\\(pid $FIRST, since [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\\\\)\")))" \
    "$TEST_TMP/second.jsonl"
check "... and says it on stderr" grep -q "in use by another capa (pid $FIRST" "$TEST_TMP/second.err"
check "... writing nothing into the session" \
    test "$(cat "$SESSION/.capa/journal.jsonl")" = "$journal_before" -a "$(ls -A "$SESSION")" = "$files_before"

# the UI: refused before it takes the terminal
out=$("$TOOLS/vt-drive" -t 10 -s 250x30 -- "$CAPA" --no-auto-connect --session "$SESSION" \
      --graphics none 2>&1 <<EOS
wait capa: the session $SESSION is in use by another capa (pid $FIRST, since
exit 1
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "a second capa UI on the session says who holds it and exits 1, the terminal untouched" \
    grep -qx 'exit 1 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

send capture
wait_events 2 '.event=="file-saved"' 30
check "the first capa goes on saving" have_events 2 '.event=="file-saved"'
stop_capa
check "the first capa exits cleanly" test "$CAPA_RC" -eq 0

# the lock ends with its holder: after a quit, and after SIGKILL
start_capa
wait_events 1 '.event=="connected"' 20
check "once the first has quit, the session opens again" \
    test "$(nevents '.event=="error"')" = 0
kill -KILL "$CAPA_PID"
wait_capa
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
check "after a capa killed by SIGKILL, the session opens again" have_events 1 '.event=="file-saved"'
stop_capa
done_testing
