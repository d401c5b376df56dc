#!/bin/bash
# The camera process: libgphoto2 runs in a child of capa, one per camera.
# A child that dies (an abort inside libgphoto2, SIGKILL), stops answering
# (SIGSTOP) or stays inside one camera call (a capture that never ends) is
# reported in one log line with its cause and started again; it reconnects
# and the shot in flight comes down.  capa itself never stops; nothing is
# lost or saved twice (reconcile).  The child is sandboxed: it cannot read
# files outside the session's parent nor run programs.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

mkdir -p "$TEST_TMP/store"
start_simcam --size 6000x4000 --store "$TEST_TMP/store" || { not_ok "capa-simcam starts"; done_testing; }
# short limits: ping each 200 ms, dead after 1.5 s unanswered, stuck after 4 s
export CAPA_PING_MS=200 CAPA_DEAD_MS=1500 CAPA_STUCK_MS=4000

# logged TEXT: a log event holds TEXT.
logged() { have_events 1 ".event==\"log\" and (.message | contains(\"$1\"))"; }
# progress_mid: wait for a new progress event of a transfer under way.
MID='.event=="progress" and .done > 0 and .done < .total'
progress_mid() { wait_events $(($(nevents "$MID") + 1)) "$MID" 60; }
alive() { kill -0 "$CAPA_PID" 2>/dev/null && ! capa_exited; }

# 1. the camera is driven from a child process
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
W1=$(worker_pid)
check "libgphoto2 runs in a child process of capa (pid ${W1:-none})" test -n "$W1"
check "... its camlib (ptp2) is loaded there, not in capa" \
    sh -c "grep -q 'libgphoto2/.*ptp2' /proc/$W1/maps && ! grep -q 'libgphoto2/.*ptp2' /proc/$CAPA_PID/maps"

# 2. SIGKILL of the camera process in the middle of a download
ctl throttle 300000 >/dev/null
send capture
progress_mid
kill -KILL "$W1"
wait_for 20 logged "camera process ended: killed by SIGKILL"
check "SIGKILL of the camera process: one log line with the cause" \
    logged "killed by SIGKILL; starting it again, it reconnects"
ctl throttle 0 >/dev/null
wait_events 2 '.event=="file-saved"' 60
check "... a new one reconnects and the shot comes down" have_events 2 '.event=="file-saved"'
W2=$(worker_pid)
check "... capa lives on with a new camera process (${W2:-none})" \
    sh -c "[ -n '$W2' ] && [ '$W2' != '$W1' ] && kill -0 $CAPA_PID"

# 3. SIGSTOP: it stops answering the heartbeat
ctl throttle 300000 >/dev/null
send capture
progress_mid
kill -STOP "$W2"
wait_for 20 logged "it stopped answering for 1 s"
check "SIGSTOP of the camera process: killed after 1.5 s without an answer" \
    logged "killed by SIGKILL by capa: it stopped answering"
ctl throttle 0 >/dev/null
wait_events 3 '.event=="file-saved"' 60
check "... the shot comes down through the next one" have_events 3 '.event=="file-saved"'

# 4. a capture that never completes (the camera takes 30 s; the limit is 4 s)
ctl capture-delay 30000 >/dev/null
send capture
wait_for 30 logged "it was stuck in one camera call for 4 s"
check "a camera call that does not return: killed after the limit" \
    logged "it was stuck in one camera call"
ctl capture-delay 0 >/dev/null
wait_events 4 '.event=="file-saved"' 90
check "... the shot the camera made anyway comes down" have_events 4 '.event=="file-saved"'
send capture
wait_events 5 '.event=="file-saved"' 60
check "... and capture goes on" have_events 5 '.event=="file-saved"'
check "capa itself never stopped" alive
check "file ids go on across the restarts (none given twice)" \
    test -z "$(jq -r 'select(.event=="file-saved") | .id' "$OUT" | sort | uniq -d)"
stop_capa
check "capa ends cleanly after all this (rc $CAPA_RC)" test "$CAPA_RC" -eq 0
check "... its last event is quit" test "$(tail -n1 "$OUT" | jq -r .event)" = quit
reconcile

# 5. libgphoto2 2.5.30 aborts on a 129-byte camera file name (fortify);
# capa's own cut of that name is turned off to let it happen
export LC_ALL=C.UTF-8
euros=$(printf '€%.0s' $(seq 1 43))
CAPA_TEST_NAMECUT=off start_capa
wait_events 1 '.event=="connected"' 20
ctl name "$euros" >/dev/null
send capture
wait_for 30 logged "camera process ended: killed by SIGABRT"
check "an abort inside libgphoto2: one log line with the signal, its words, what follows" \
    have_events 1 '.event=="log" and (.message | test("^camera process ended: killed by SIGABRT \\(it said: \\*\\*\\* buffer overflow detected \\*\\*\\*: terminated\\); starting it again, it reconnects and fetches what is owed$"))'
wait_events 2 '.event=="connected"' 30
send capture
wait_events 1 '.event=="file-saved"' 30
check "... the session goes on: the next capture is saved" have_events 1 '.event=="file-saved"'
stop_capa
check "capa exited cleanly (rc $CAPA_RC, not 134)" test "$CAPA_RC" -eq 0
unset LC_ALL
check "the long-named shot stays on the card" test "$(camera_objects)" = 1
reconcile

# 6. the sandbox: a camera process may not read outside the session's
# parent, nor run a program
# (the session's parent is writable: here $TEST_TMP/pictures, beside $HOME)
echo secret >"$HOME/secret"
SESSION=$TEST_TMP/pictures/session
CAPA_TEST_SANDBOX_PROBE="$HOME/secret" start_capa --no-auto-connect
wait_events 1 '.event=="log" and (.message | startswith("sandbox probe:"))' 20
probe=$(jq -r 'select(.event=="log" and (.message | startswith("sandbox probe:"))) | .message' "$OUT")
if [ "$(jq -r 'select(.event=="log" and (.message | startswith("camera process sandbox:"))) | .message' "$OUT")" != "" ] &&
   ! grep -q landlock /sys/kernel/security/lsm 2>/dev/null; then
    skip "the kernel has no Landlock ($probe)"
else
    check "reading \$HOME/secret is refused ($probe)" \
        grep -q "open $HOME/secret: refused (Permission denied)" <<<"$probe"
fi
check "running /bin/sh is refused" grep -q "exec /bin/sh: refused (Operation not permitted)" <<<"$probe"
stop_capa
done_testing
