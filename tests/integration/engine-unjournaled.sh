#!/bin/bash
# A file saved under its final name whose journal line cannot be written
# (here the file-size limit, RLIMIT_FSIZE, stops the journal but not the
# photo): a clear error, the shot stays on the camera, and `retry` finishes
# that file from disk (journal line), then deletes the camera copy only
# after a new download proves it the same bytes, with no duplicate.  A
# swapped camera whose card has another file of that name loses nothing:
# every shot of the three cameras is on disk with its journal's sha256
# (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam --size 1200x800 || { not_ok "capa-simcam starts"; done_testing; }

# block_journal: a journal of exactly 1000 KiB of valid lines in $SESSION;
# with a 1000 KiB file-size limit a photo (~200 kB) can be written, the
# journal cannot grow.  Sets J.
block_journal() {
    J="$SESSION/.capa/journal.jsonl"
    mkdir -p "$SESSION/.capa"
    local pad empty left
    pad=$(printf '%*s' 1000 '' | tr ' ' x)
    while [ "$(stat -c %s "$J" 2>/dev/null || echo 0)" -lt $((1024000 - 2100)) ]; do
        printf '{"n":0,"status":"note","pad":"%s"}\n' "$pad"
    done >>"$J"
    empty='{"n":0,"status":"note","pad":""}'
    left=$((1024000 - $(stat -c %s "$J") - ${#empty} - 1))
    printf '{"n":0,"status":"note","pad":"%s"}\n' "$(printf '%*s' "$left" '' | tr ' ' x)" >>"$J"
}
block_journal
check "the journal is exactly at the limit" test "$(stat -c %s "$J")" -eq 1024000

LIMITED=$(file_limited_capa 1000)
CAPA=$LIMITED start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="error" and (.message | test("journal"))' 30
send "get iso"
wait_events 1 '.event=="value"' 20
check "a clear error names the journal" \
    have_events 1 '.event=="error" and (.message | test("writing the journal"))'
check "the file is saved under its final name" test -f "$SESSION/SIM_0001.JPG"
check "... and its file-saved event says it is not journaled" \
    have_events 1 '.event=="file-saved" and .journaled==false and .deleted==false'
check "the shot stays on the camera" test "$(camera_objects)" = 1
check "capa keeps running (it answers get iso)" have_events 1 '.event=="value"'

# Still blocked: retry fails the same way and changes nothing.
send retry
wait_events 2 '.event=="error" and (.message | test("journal"))' 30
check "a retry that still cannot write the journal keeps the camera copy" \
    test "$(camera_objects)" = 1

# The limit no longer bites (the journal is emptied): retry finishes it.
: >"$J"
send retry
wait_events 1 '.event=="file-saved" and .deleted' 30
send "get iso"
wait_events 2 '.event=="value"' 20
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0
check "retry gives file-saved, journaled, with the camera copy deleted" \
    have_events 1 '.event=="file-saved" and .deleted and .journaled'
check "nothing is left on the camera" test "$(camera_objects)" = 0
n=$(find "$SESSION" -maxdepth 1 -type f | wc -l)
check "no second download: one file in the session ($n)" test "$n" -eq 1
sum=$(sha256sum "$SESSION/SIM_0001.JPG" | cut -d' ' -f1)
check "the journal has the file's line, with its sha256" \
    quiet jq -e -s --arg s "$sum" 'length==1 and .[0].sha256==$s and .[0].status=="saved"
        and (.[0].path | endswith("/SIM_0001.JPG"))' "$J"

check "the camera copy was deleted because it is the same bytes" \
    quiet grep -q 'SIM_0001.JPG on the camera is SIM_0001.JPG, byte for byte' "$OUT"

# The camera is swapped before the retry: camera B's card holds another
# SIM_0001.JPG, shot while capa was away.  The retry journals camera A's
# file, downloads B's as a new file and deletes it only after that.
# (Each simulator's shots are banked before the next takes the control
# socket; A's card keeps its copy of the shot capa journals from disk.)
SESSION="$TEST_TMP/session2"
block_journal
bank_shots
start_simcam --size 1200x800 || { not_ok "capa-simcam A starts"; done_testing; }
A_PORT=$SIM_PORT
CAPA=$LIMITED start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="error" and (.message | test("journal"))' 30
send disconnect
wait_events 1 '.event=="disconnected"' 20
a_sum=$(sha256sum "$SESSION/SIM_0001.JPG" | cut -d' ' -f1)
bank_shots
start_simcam --size 1200x800 || { not_ok "capa-simcam B starts"; done_testing; }
ctl set iso 3200 >/dev/null # its first shot is not A's first shot, byte for byte
ctl shoot >/dev/null
wait_for 30 test "$(camera_objects)" = 1
: >"$J"
send "connect ptpip:127.0.0.1:$SIM_PORT"
wait_events 2 '.event=="connected"' 20
send retry
wait_events 2 '.event=="file-saved"' 30
send "get iso"
wait_events 1 '.event=="value"' 20
stop_capa
check "swap: camera A's file keeps its bytes and gets its journal line" \
    test "$(sha256sum "$SESSION/SIM_0001.JPG" | cut -d' ' -f1)" = "$a_sum" -a \
    "$(jq -r 'select(.path | endswith("/SIM_0001.JPG")) | .sha256' "$J")" = "$a_sum"
b=$(jq -r 'select(.path | endswith("/SIM_0001.JPG") | not) | .path' "$J")
check "swap: camera B's SIM_0001.JPG is downloaded as a new file ($b)" \
    test -n "$b" -a -f "$b" -a "$(sha256sum "$b" 2>/dev/null | cut -d' ' -f1)" != "$a_sum"
check "swap: ... with its own journal line and sha256" \
    test "$(jq -r --arg p "$b" 'select(.path==$p) | .sha256' "$J")" = "$(sha256sum "$b" | cut -d' ' -f1)"
check "swap: B's card is empty only because its file was downloaded" test "$(camera_objects)" = 0
reconcile --left 0 "$TEST_TMP/session" "$SESSION"
done_testing
