#!/bin/bash
# Another card in the camera: a session that saw card A, reopened with
# card B (none of A's files on it), downloads what B got during the
# session's life and leaves B's older files on it with one warning, instead
# of copying a whole old card into the session.  The same card with shots
# made while capa was away still brings those down.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

OLD='.event=="log" and (.message | startswith("another card:"))'
saved() { nevents '.event=="file-saved"'; }

# 1. card A: one capture, the session remembers the card
mkdir -p "$TEST_TMP/cardA" "$TEST_TMP/cardB"
start_simcam --serial SWAP01 --store "$TEST_TMP/cardA" || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
stop_capa
first=$(jq -r 'select(.event=="file-saved") | .path' "$OUT")

# 2. the same card, a shot made on the body while capa was away: it comes
ctl shoot 1 >/dev/null
wait_for 20 test "$(sim_status pending)" = 0
start_capa
wait_events 1 '.event=="file-saved"' 30
stop_capa
check "the same card: a shot made while capa was away comes down" test "$(saved)" = 1
check "... and no card warning" test "$(nevents "$OLD")" = 0
stop_simcam

# 3. card B: three files from last year, then a shot made before capa connects
for k in 1 2 3; do
    { cat "$first"; printf 'old %d' "$k"; } >"$TEST_TMP/cardB/OLD_000$k.JPG" # bytes of their own
    touch -d '2025-06-01 12:00' "$TEST_TMP/cardB/OLD_000$k.JPG"
done
SHOTS_BEFORE=$((SHOTS_BEFORE + 3)) # the old files count as shots the card holds
# (another JPEG quality: its first shots must not have card A's bytes, which
# a simulator that numbers from SIM_0001 again could give them)
start_simcam --serial SWAP01 --quality 80 --store "$TEST_TMP/cardB" ||
    { not_ok "capa-simcam starts again"; done_testing; }
ctl shoot 1 >/dev/null
wait_for 20 test "$(sim_status pending)" = 0
start_capa
wait_events 1 "$OLD" 30
check "card B: one warning names the old files and leaves them" \
    have_events 1 "$OLD"' and (.message | test("^another card: 3 files on it are older than this session \\(the newest from 2025-06-01 12:00\\): left on the card, not downloaded$"))'
wait_events 1 '.event=="file-saved"' 30
send capture
wait_events 2 '.event=="file-saved"' 30
stop_capa
check "... the shot made on card B before capa connected comes down, and a capture" \
    test "$(saved)" = 2
check "... none of the old files came down" \
    test "$(jq -r 'select(.event=="file-saved") | .name' "$OUT" | grep -c OLD_)" = 0
check "... they are all still on the card" test "$(ctl list | grep -c OLD_)" = 3
reconcile --left 3
done_testing
