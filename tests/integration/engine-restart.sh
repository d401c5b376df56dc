#!/bin/bash
# The card and the journal after a restart: a capa killed (SIGKILL) in the
# middle of a download, started again on the same session and camera,
# fetches what it owed with no command; the shots the camera announced
# behind it too, read or not; with --keep, only the shots not in the
# journal yet.  After each, every shot is on disk with its journal's
# sha256 or still on the card (reconcile), and at the end across both
# sessions.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

mkdir -p "$TEST_TMP/store"
start_simcam --size 6000x4000 --store "$TEST_TMP/store" || { not_ok "capa-simcam starts"; done_testing; }

# kill_mid_download: SIGKILL capa once a throttled download has begun.
kill_mid_download() {
    wait_events 1 '.event=="progress" and .done > 0 and .done < .total' 60
    kill -KILL "$CAPA_PID"
    wait_capa
}
saved_names() { jq -r 'select(.event=="file-saved") | .name' "$OUT" | sort | tr '\n' ' '; }

# 1. a capture killed mid-download (200 kB/s: ~20 s for 6000x4000)
ctl throttle 200000 >/dev/null
start_capa
wait_events 1 '.event=="connected"' 20
send capture
kill_mid_download
check "SIGKILL mid-download leaves a part file" \
    test -n "$(find "$SESSION" -maxdepth 1 -name '.capa-part-*')"
ctl throttle 0 >/dev/null
start_capa
wait_events 1 '.event=="file-saved"' 60
stop_capa
check "the next capa fetches the shot with no command ($(saved_names))" \
    test "$(saved_names)" = "SIM_0001.JPG "
reconcile --left 0

# 2. three shots on the body, killed during the first download: the two
# announced behind it come down too
ctl throttle 200000 >/dev/null
start_capa
wait_events 1 '.event=="connected"' 20
ctl shoot 3 >/dev/null
kill_mid_download
ctl throttle 0 >/dev/null
start_capa
wait_events 3 '.event=="file-saved"' 60
send "wait 1"
stop_capa
check "after a SIGKILL during a burst, all three come down ($(saved_names))" \
    test "$(saved_names)" = "SIM_0002.JPG SIM_0003.JPG SIM_0004.JPG "
reconcile --left 0

# 3. shots made on the body during a download: their ObjectAdded is
# still unread in the socket when capa is killed; the next capa finds
# them on the card (new since the session's card set) and fetches them
ctl throttle 200000 >/dev/null
start_capa
wait_events 1 '.event=="connected"' 20
ctl shoot 1 >/dev/null
wait_events 1 '.event=="progress" and .done > 0 and .done < .total' 60
ctl shoot 2 >/dev/null
kill -KILL "$CAPA_PID"
wait_capa
ctl throttle 0 >/dev/null
start_capa
wait_events 3 '.event=="file-saved"' 60
send "wait 1"
stop_capa
check "shots announced but never read before a SIGKILL come down ($(saved_names))" \
    test "$(saved_names)" = "SIM_0005.JPG SIM_0006.JPG SIM_0007.JPG "
check "... saying why" \
    test "$(nevents '.event=="log" and (.message | test("came after the last capa on this session saw the card"))')" = 2
reconcile --left 0

# 4. --keep, in a new session: shots stay on the card; a restart fetches
# only the ones not in the journal yet, never a journaled one again
SESSION="$TEST_TMP/session-keep"
start_capa --keep
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
ctl throttle 200000 >/dev/null
send capture
kill_mid_download
ctl throttle 0 >/dev/null
start_capa --keep
wait_events 1 '.event=="file-saved"' 60
send "wait 1"
stop_capa
check "--keep: the restart fetches the shot not in the journal, only it ($(saved_names))" \
    test "$(saved_names)" = "SIM_0009.JPG "
J=$SESSION/.capa/journal.jsonl
check "--keep: the journal has each shot once" \
    test "$(jq -r .name "$J" | sort | tr '\n' ' ')" = "SIM_0008.JPG SIM_0009.JPG "
check "--keep: both stay on the card" \
    test "$(ctl list | grep -c 'SIM_000[89].JPG')" = 2
reconcile --left 0 "$TEST_TMP/session" "$SESSION"
done_testing
