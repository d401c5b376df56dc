#!/bin/bash
# A file saved under its final name whose journal line cannot be written
# (here the file-size limit, RLIMIT_FSIZE, stops the journal but not the
# photo): a clear error, the shot stays on the camera, and `retry` finishes
# that file from disk (journal line, then the camera copy deleted) with no
# second download and no duplicate.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam --size 1200x800 || { not_ok "capa-simcam starts"; done_testing; }

# A journal of exactly 1000 KiB of valid lines and a 1000 KiB file-size
# limit: a photo (~200 kB) can be written, the journal cannot grow.
J="$SESSION/.capa/journal.jsonl"
mkdir -p "$SESSION/.capa"
pad=$(printf '%*s' 1000 '' | tr ' ' x)
while [ "$(stat -c %s "$J" 2>/dev/null || echo 0)" -lt $((1024000 - 2100)) ]; do
    printf '{"n":0,"status":"note","pad":"%s"}\n' "$pad"
done >>"$J"
empty='{"n":0,"status":"note","pad":""}'
left=$((1024000 - $(stat -c %s "$J") - ${#empty} - 1))
printf '{"n":0,"status":"note","pad":"%s"}\n' "$(printf '%*s' "$left" '' | tr ' ' x)" >>"$J"
check "the journal is exactly at the limit" test "$(stat -c %s "$J")" -eq 1024000

cat >"$TEST_TMP/capa-limited" <<S
#!/bin/sh
ulimit -f 1000
exec "$CAPA" "\$@"
S
chmod +x "$TEST_TMP/capa-limited"
REAL_CAPA=$CAPA CAPA=$TEST_TMP/capa-limited start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="error" and (.message | test("journal"))' 30
send "get iso"
wait_events 1 '.event=="value"' 20
check "a clear error names the journal" \
    have_events 1 '.event=="error" and (.message | test("writing the journal"))'
check "the file is saved under its final name" test -f "$SESSION/SIM_0001.JPG"
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
check "retry gives file-saved with the camera copy deleted" \
    have_events 1 '.event=="file-saved" and .deleted'
check "nothing is left on the camera" test "$(camera_objects)" = 0
n=$(find "$SESSION" -maxdepth 1 -type f | wc -l)
check "no second download: one file in the session ($n)" test "$n" -eq 1
sum=$(sha256sum "$SESSION/SIM_0001.JPG" | cut -d' ' -f1)
check "the journal has the file's line, with its sha256" \
    quiet jq -e -s --arg s "$sum" 'length==1 and .[0].sha256==$s and .[0].status=="saved"
        and (.[0].path | endswith("/SIM_0001.JPG"))' "$J"
bytes=$(stat -c %s "$SESSION/SIM_0001.JPG")
check "the bytes went over the wire once (one completed progress)" \
    test "$(nevents ".event==\"progress\" and .done==$bytes")" -eq 1
done_testing
