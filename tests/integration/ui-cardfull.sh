#!/bin/bash
# A full card, as the photographer sees it: Space on a camera whose card is
# full (capa-simcam `card-full on`, through the real libgphoto2) logs the
# error, the status bar goes back from "capturing" to "connected" and shows
# the camera's own count of shots left (0), not the one from start-up.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start
out=$("$VT" -t 30 -s 120x40 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
waitre ^ capa [|] PTP/IP Camera [|] connected [|].* 2730 shots left
dump $T/before
sh "$SIMCAM" ctl "$SIMCAM_CTL" card-full on >/dev/null
key space
wait ran full
waitre ^ capa [|] PTP/IP Camera [|] connected [|].* 0 shots left
dump $T/after
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "start-up: the status bar shows the card's shots left (2730)" \
    grep -qE '^ capa \| PTP/IP Camera \| connected \|.* 2730 shots left' "$T/before"
check "card full: the error is in the capture log" grep -qE '^│[0-9:]+ .*ran full' "$T/after"
check "card full: the status is back to connected, not capturing" \
    bash -c "grep -qE '^ capa \| PTP/IP Camera \| connected \|' '$T/after' && ! grep -q '| capturing |' '$T/after'"
check "card full: shots left come from the camera again (0, not 2730)" \
    bash -c "grep -qE '^ capa .*\| 0 shots left \|' '$T/after' && ! grep -q '2730 shots left' '$T/after'"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
