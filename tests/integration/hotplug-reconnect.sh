#!/bin/bash
# A PTP/IP camera that goes away and comes back, through the real libgphoto2
# to capa-simcam, driven by `capa --headless`:
#  - killing capa-simcam turns the state to disconnected within 2 s, and capa
#    (with its session) stays up;
#  - starting it again on the same port reconnects without any command, and
#    a capture then works;
#  - a download cut by a dropped connection completes after the reconnect:
#    no photo lost, no duplicate, no partial file, nothing left on the card.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"

if [ ! -x "$SIMCAM" ] || ! command -v jq >/dev/null; then
    skip "needs capa-simcam and jq"
    done_testing
fi
# Under make sanitize: libgphoto2's own small leak on every connect is not
# ours (see the file); every other leak still fails the run.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}fast_unwind_on_malloc=0:suppressions=$SRCDIR/tests/integration/hotplug-lsan.supp"
export HOME="$TEST_TMP/home"
mkdir -p "$HOME"
SESSION="$TEST_TMP/session"
CTL="$TEST_TMP/ctl"
OUT="$TEST_TMP/events.jsonl"

# start_simcam PORT: start capa-simcam on PORT (0: a free one); sets SIM_PORT.
# Its stdin/out are redirected and fd 7 (capa's command fifo) closed, so it
# holds nothing of capa's open.
start_simcam() {
    rm -f "$CTL" "$TEST_TMP/sim.out"
    "$SIMCAM" --port "$1" --control "$CTL" </dev/null >"$TEST_TMP/sim.out" \
        2>>"$TEST_TMP/sim.err" 7>&- &
    SIM_PID=$!
    track_pid "$SIM_PID"
    wait_for 10 grep -q '^listening' "$TEST_TMP/sim.out" || return 1
    SIM_PORT=$(sed -n 's/^listening 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TEST_TMP/sim.out")
    wait_for 10 test -S "$CTL"
}

ctl() { "$SIMCAM" ctl "$CTL" "$@"; }
send() { echo "$*" >&7; }
# nevents JQ-FILTER: how many events match.
nevents() { jq -c "select($1)" "$OUT" 2>/dev/null | wc -l; }
# atleast N JQ-FILTER: at least N events match.
atleast() { [ "$(nevents "$2")" -ge "$1" ]; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if ! start_simcam 0; then
    not_ok "capa-simcam starts"
    done_testing
fi
mkfifo "$TEST_TMP/in"
"$CAPA" --headless --camera "PTP/IP Camera" --port "ptpip:127.0.0.1:$SIM_PORT:$SIM_PORT" \
    --session "$SESSION" <"$TEST_TMP/in" >"$OUT" 2>"$TEST_TMP/capa.err" &
CAPA_PID=$!
track_pid "$CAPA_PID"
exec 7>"$TEST_TMP/in"

wait_for 20 atleast 1 '.event=="connected"'
check "capa connects to capa-simcam" atleast 1 '.event=="connected"'
send capture
wait_for 30 atleast 1 '.event=="file-saved"'
check "a first shot is saved" atleast 1 '.event=="file-saved"'

# The camera dies.
kill "$SIM_PID"
wait "$SIM_PID" 2>/dev/null
t0=$(now_ms)
wait_for 2 atleast 1 '.event=="disconnected"'
t1=$(now_ms)
check "killing capa-simcam turns the state to disconnected within 2 s ($((t1 - t0)) ms)" \
    atleast 1 '.event=="disconnected"'
check "capa keeps running while the camera is away" kill -0 "$CAPA_PID"
first=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | head -1)
check "the session keeps the first shot" test -s "$first"
# Let at least one reconnect attempt fail against the closed port.
wait_for 10 atleast 1 '.event=="log" and (.message | test("reconnecting to"))'
check "capa retries the address by itself" \
    atleast 1 '.event=="log" and (.message | test("reconnecting to"))'

# The camera comes back on the same port; no command is sent.
if ! start_simcam "$SIM_PORT"; then
    not_ok "capa-simcam restarts on port $SIM_PORT"
    done_testing
fi
wait_for 20 atleast 2 '.event=="connected"'
check "capa reconnects by itself when capa-simcam is back" atleast 2 '.event=="connected"'
send capture
wait_for 30 atleast 2 '.event=="file-saved"'
check "a capture after the reconnect is saved" atleast 2 '.event=="file-saved"'

# A download cut half-way by a dropped connection.
ctl drop-after 100000 >/dev/null
send capture
wait_for 30 atleast 1 '.event=="file-failed"'
check "the dropped transfer is reported as failed" atleast 1 '.event=="file-failed"'
failed_id=$(jq -r 'select(.event=="file-failed") | .id' "$OUT" | head -1)
wait_for 30 atleast 3 '.event=="connected"'
check "capa reconnects after the drop" atleast 3 '.event=="connected"'
wait_for 30 atleast 1 ".event==\"file-saved\" and .id==$failed_id"
check "the interrupted download completes after the reconnect" \
    atleast 1 ".event==\"file-saved\" and .id==$failed_id"

send quit
exec 7>&-
wait_for 30 sh -c "! kill -0 $CAPA_PID 2>/dev/null"
wait "$CAPA_PID"
check "capa quits cleanly" test $? -eq 0

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

done_testing
