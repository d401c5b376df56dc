#!/bin/bash
# A PTP/IP camera that goes away and comes back, through the real libgphoto2
# to capa-simcam, driven by `capa --headless`:
#  - killing capa-simcam turns the state to disconnected within 2 s, and capa
#    (with its session) stays up;
#  - starting it again on the same port reconnects without any command, and
#    a capture then works;
#  - a download cut by a dropped connection completes after the reconnect:
#    no photo lost, no duplicate, no partial file, nothing left on the card;
#  - every shot both simulators made is on disk with its journal's sha256
#    (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

if [ ! -x "$SIMCAM" ] || ! command -v jq >/dev/null; then
    skip "needs capa-simcam and jq"
    done_testing
fi
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if ! start_simcam; then
    not_ok "capa-simcam starts"
    done_testing
fi
mkfifo "$TEST_TMP/in"
"$CAPA" --headless --camera "PTP/IP Camera" --port "ptpip:127.0.0.1:$SIM_PORT:$SIM_PORT" \
    --session "$SESSION" <"$TEST_TMP/in" >"$OUT" 2>"$TEST_TMP/capa.err" &
CAPA_PID=$!
track_pid "$CAPA_PID"
exec 7>"$TEST_TMP/in"

wait_for 20 have_events 1 '.event=="connected"'
check "capa connects to capa-simcam" have_events 1 '.event=="connected"'
send capture
wait_for 30 have_events 1 '.event=="file-saved"'
check "a first shot is saved" have_events 1 '.event=="file-saved"'

# The camera dies (its shots are counted first: the next one starts at 0).
stop_simcam
t0=$(now_ms)
wait_for 2 have_events 1 '.event=="disconnected"'
t1=$(now_ms)
check "killing capa-simcam turns the state to disconnected within 2 s ($((t1 - t0)) ms)" \
    have_events 1 '.event=="disconnected"'
check "capa keeps running while the camera is away" kill -0 "$CAPA_PID"
first=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | head -1)
check "the session keeps the first shot" test -s "$first"
# Let at least one reconnect attempt fail against the closed port.
wait_for 10 have_events 1 '.event=="log" and (.message | test("reconnecting to"))'
check "capa retries the address by itself" \
    have_events 1 '.event=="log" and (.message | test("reconnecting to"))'

# The camera comes back on the same port; no command is sent.
if ! start_simcam -p "$SIM_PORT"; then
    not_ok "capa-simcam restarts on port $SIM_PORT"
    done_testing
fi
wait_for 20 have_events 2 '.event=="connected"'
check "capa reconnects by itself when capa-simcam is back" have_events 2 '.event=="connected"'
send capture
wait_for 30 have_events 2 '.event=="file-saved"'
check "a capture after the reconnect is saved" have_events 2 '.event=="file-saved"'

# A download cut half-way by a dropped connection.
ctl drop-after 100000 >/dev/null
send capture
wait_for 30 have_events 1 '.event=="file-failed"'
check "the dropped transfer is reported as failed" have_events 1 '.event=="file-failed"'
failed_id=$(jq -r 'select(.event=="file-failed") | .id' "$OUT" | head -1)
wait_for 30 have_events 3 '.event=="connected"'
check "capa reconnects after the drop" have_events 3 '.event=="connected"'
wait_for 30 have_events 1 ".event==\"file-saved\" and .id==$failed_id"
check "the interrupted download completes after the reconnect" \
    have_events 1 ".event==\"file-saved\" and .id==$failed_id"

send quit
exec 7>&-
if wait_for 30 sh -c "! kill -0 $CAPA_PID 2>/dev/null"; then
    wait "$CAPA_PID"
    rc=$?
else
    kill "$CAPA_PID"
    rc=timeout
fi
check "capa quits cleanly (status $rc)" test "$rc" = 0
[ "$_tap_failed" = 0 ] || { diag "last events:"; tail -n 12 "$OUT" | cut -c1-200 | sed 's/^/#   /'; }

# Three shots, three distinct files, all journalled, nothing else.
saved=$(nevents '.event=="file-saved"')
files=$(find "$SESSION" -maxdepth 1 -type f | wc -l)
check "three shots saved, three files ($saved saved, $files files)" \
    test "$saved" -eq 3 -a "$files" -eq 3
dups=$(jq -r 'select(.event=="file-saved") | .sha256' "$OUT" | sort | uniq -d | wc -l)
check "no photo is saved twice" test "$dups" -eq 0
bad=""
while read -r path sum; do
    [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sum" ] || bad="$bad $path"
done < <(jq -r 'select(.event=="file-saved") | "\(.path) \(.sha256)"' "$OUT")
check "every saved file matches its sha256${bad:+ (bad:$bad)}" test -z "$bad"
check "no partial file is left" test -z "$(find "$SESSION" -name '.capa-part-*')"
check "nothing is left on the camera" test "$(ctl list | sed -n 's/^ok \([0-9]*\)$/\1/p')" = 0
reconcile --left 0
done_testing
