#!/bin/bash
# Shots made while the camera was away (its link off: Wi-Fi dropped, a
# cable out) were announced to nobody; capa, connecting again by itself,
# took the card as it found it and left them there for good (its card
# set, rewritten at that connect, then named them too, so not even a
# restarted capa fetched them).  Now the files the session's card set
# lacks are downloaded at the reconnect; files it has are not fetched
# again (--keep), and a capa on a new session still takes none.  Every
# shot is then in the first session, and kept on the card (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

CARD="$TEST_TMP/card"
mkdir -p "$CARD"
start_simcam --store "$CARD" --size 640x426 || { not_ok "capa-simcam starts"; done_testing; }
start_capa --keep
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
check "a capture is saved (and kept on the card)" have_events 1 '.event=="file-saved"'

ctl power off >/dev/null
wait_events 1 '.event=="disconnected"' 20
check "the camera goes away" have_events 1 '.event=="disconnected"'
ctl shoot 2 >/dev/null
ctl power on >/dev/null
wait_events 2 '.event=="connected"' 30
check "capa connects again by itself" have_events 2 '.event=="connected"'
wait_events 3 '.event=="file-saved"' 30
check "the two shots made while it was away are downloaded" have_events 3 '.event=="file-saved"'
send capture
wait_events 4 '.event=="file-saved"' 30
check "a capture after that works" have_events 4 '.event=="file-saved"'
check "the kept shot is not fetched twice" \
    test "$(jq -r 'select(.event=="file-saved") | .name' "$OUT" | sort | uniq -d | wc -l)" -eq 0
stop_capa
check "capa exits 0 (status $CAPA_RC)" test "$CAPA_RC" -eq 0
check "four files in the session" test "$(find "$SESSION" -maxdepth 1 -type f | wc -l)" -eq 4

# A session that never saw the camera takes none of its card.
SESSION="$TEST_TMP/other"
start_capa
wait_events 1 '.event=="connected"' 20
send "get iso"
wait_events 1 '.event=="value"' 20
check "a new session downloads nothing of the card" test "$(nevents '.event=="file-added"')" -eq 0
stop_capa
reconcile --left 0 "$TEST_TMP/session" "$SESSION"
done_testing
