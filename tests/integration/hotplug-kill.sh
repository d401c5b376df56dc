#!/bin/bash
# The camera dies in the middle of a download (capa-simcam killed with
# SIGKILL while a throttled transfer runs) and comes back on the same port
# with the same card (--store): capa notices, keeps its session, reconnects
# by itself and completes the interrupted download — no photo lost, no
# duplicate file, no partial file under a final name (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

CARD="$TEST_TMP/card"
mkdir -p "$CARD"
final_files() { find "$SESSION" -maxdepth 1 -type f ! -name '.capa-part-*' | wc -l; }
part_growing() { [ -n "$(find "$SESSION" -maxdepth 1 -name '.capa-part-*' -size +1k)" ]; }

start_simcam --store "$CARD" --size 3000x2000 || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
ctl throttle 200000 >/dev/null
ctl shoot >/dev/null
shot=$(ls "$CARD")
cp "$CARD/$shot" "$TEST_TMP/original"
check "a body shot starts downloading" wait_for 30 part_growing

stop_simcam KILL
check "the killed camera turns the state to disconnected" \
    wait_events 1 '.event=="disconnected"' 10
check "... and the interrupted download is reported" have_events 1 '.event=="file-failed"'
check "no file carries a final name meanwhile" test "$(final_files)" -eq 0
check "capa keeps running" kill -0 "$CAPA_PID"

# Same port, same card: the shot is still there.
start_simcam -p "$SIM_PORT" --store "$CARD" || diag "simcam did not restart"
check "capa reconnects by itself" wait_events 2 '.event=="connected"' 30
check "... and completes the interrupted download" wait_events 1 '.event=="file-saved"' 60
f=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | head -1)
check "the saved file is byte-identical to the camera's" cmp -s "$f" "$TEST_TMP/original"
check "exactly one file in the session (no duplicate)" test "$(final_files)" -eq 1
check "no temp file is left behind" test -z "$(find "$SESSION" -name '.capa-part-*')"
check "the camera copy is deleted only after the save" test "$(camera_objects)" = 0
check "the journal holds that one file" \
    test "$(jq -r .path "$SESSION/.capa/journal.jsonl")" = "$f"
stop_capa
reconcile --left 0
done_testing
