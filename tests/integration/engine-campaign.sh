#!/bin/bash
# The campaign of issue 17, short (make bench runs the long one,
# tests/bench/soak.sh): 60 captures through the real libgphoto2 to
# capa-simcam with each fault twice (a connection dropped mid-transfer,
# DeviceBusy, body shots, unplug idle and during a capture, the camera
# killed mid-download and restarted on the same port and card, shots
# taken while the link is off), hostile headless lines and camera names;
# then every shot is on disk under its journal's sha256 or (names of 128+
# bytes) still on the card.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
. "$SRCDIR/tests/lib/campaign.sh"

if [ ! -x "$SIMCAM" ] || ! command -v jq >/dev/null; then
    skip "needs capa-simcam and jq"
    done_testing
fi
campaign_start || { not_ok "capa-simcam and capa start"; done_testing; }
kinds=(drop busy shoot unplug unplug-capture kill away)
failed=0 k=0
for i in $(seq 1 60); do
    capture_one || { failed=$((failed + 1)); diag "capture $i failed"; }
    if [ $((i % 4)) -eq 0 ]; then
        inject "${kinds[$((k % 7))]}" "$k" 2 4
        k=$((k + 1))
    fi
    [ "$i" -ne 30 ] || { bad_inputs; bad_names; bad_cycle; }
done
check "60 captures, each answered by its file ($failed failed)" test "$failed" -eq 0
check "each fault kind twice ($(for f in "${!FAULTS_BY[@]}"; do printf '%s %s ' "$f" "${FAULTS_BY[$f]}"; done))" \
    test "${#FAULTS_BY[@]}" -eq 7 -a "$FAULTS" -eq 15
campaign_end
diag "$CAMPAIGN; $CAMPAIGN_MORE"
check "every fault survived: capa lives, saves every shot, captures ($SURVIVED/$FAULTS)" \
    test "$SURVIVED" -eq "$FAULTS"
check "every hostile line and name answered ($MISHANDLED of $BAD mishandled)" \
    test "$MISHANDLED" -eq 0
check "no photo lost ($LOST)" test "$LOST" -eq 0
check "only the too long names are left on the card ($(camera_objects), $LEFT)" \
    test "$(camera_objects)" -eq "$LEFT"
stop_capa
check "capa exits 0 at the end of its input (status $CAPA_RC)" test "$CAPA_RC" -eq 0
[ "$_tap_failed" = 0 ] || { diag "last events:"; tail -n 15 "$OUT" | cut -c1-200 | sed 's/^/#   /'; }
done_testing
