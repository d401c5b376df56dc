#!/bin/bash
# The capture log follows new shots like `tail -f`: on the last row the
# selection and the preview go to each new shot; moved up to an older row
# they stay, the log's title counts the shots that came ("Capture log — 2
# new (G: follow)") and the message line names the newest; G goes back to
# the end and follows again (shots from capa-simcam's `ctl shoot`).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start
SHOOT="\"$SIMCAM\" ctl \"$SIMCAM_CTL\" shoot >/dev/null"
out=$("$VT" -t 30 -s 80x24 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
sh $SHOOT
waitre SIM_0001[.]JPG +[0-9.]+[KM]
sh $SHOOT
waitre SIM_0002[.]JPG +[0-9.]+[KM]
wait Preview — SIM_0002.JPG
key tab
key up
wait Preview — SIM_0001.JPG
sh $SHOOT
waitre SIM_0003[.]JPG +[0-9.]+[KM]
wait new shot SIM_0003.JPG
dump $T/one
sh $SHOOT
waitre SIM_0004[.]JPG +[0-9.]+[KM]
wait 2 new (G: follow)
dump $T/two
keys G
wait Preview — SIM_0004.JPG
gone new (G: follow)
dump $T/back
sh $SHOOT
waitre SIM_0005[.]JPG +[0-9.]+[KM]
wait Preview — SIM_0005.JPG
dump $T/follow
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
for f in one two back follow; do [ -f "$T/$f" ] || : >"$T/$f"; done
sed 's/^/# /' "$T/two"
check "away from the last row, a new shot is counted in the log's title" \
    grep -q '─ Capture log — 1 new (G: follow) ─' "$T/one"
check "... and the message line names it" grep -q '^new shot SIM_0003.JPG' "$T/one"
check "... and the preview stays on the selected row" grep -q 'Preview — SIM_0001.JPG' "$T/one"
check "the count grows with each shot (2 new)" grep -q '─ Capture log — 2 new (G: follow) ─' "$T/two"
check "G goes back to the newest shot and clears the mark" \
    bash -c "grep -q 'Preview — SIM_0004.JPG' '$T/back' && grep -q '─ Capture log ─' '$T/back'"
check "following again, the next shot is previewed with no mark" \
    bash -c "grep -q 'Preview — SIM_0005.JPG' '$T/follow' && ! grep -q ' new (G: follow)' '$T/follow'"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
