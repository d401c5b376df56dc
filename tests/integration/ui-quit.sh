#!/bin/bash
# Quitting during a long download (6000x4000 shots at 200 kB/s): `q`, `y`
# ends capa at once; the shot stays on the camera, its temp file is gone,
# the session's owed ledger has it, and the next capa on that session
# fetches it by itself when it connects.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP
S=$T/s

simcam_start --size 6000x4000 || { not_ok "capa-simcam starts"; done_testing; }
simcam_ctl throttle 200000 >/dev/null
# -t 8: every step, the exit included, has 8 s; the transfer needs far more
out=$("$VT" -t 8 -s 100x30 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$S" --graphics none 2>&1 <<EOS
wait ISO Speed
key space
wait downloading...
keys q
wait Quit anyway?
keys y
wait stays on the camera
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "y quits at once during the download, the terminal restored" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
check "capa says the shot stays on the camera" test $rc -eq 0
check "no temp file is left in the session" test -z "$(ls -A "$S" | grep '^\.capa-part-')"
check "no file was saved" test -z "$(ls "$S")"
check "the shot is still on the camera" grep -qx 'ok 1' <(simcam_ctl list)
check "the session owes it (.capa/owed)" grep -q 'SIM_0001.JPG' "$S/.capa/owed"

# The next capa on the session: the shot comes by itself.
simcam_ctl throttle 0 >/dev/null
gone() { ! grep -q 'SIM_0001' "$S/.capa/owed" 2>/dev/null; }
mkfifo "$T/in"
"$CAPA" --headless --port "$SIMCAM_GPPORT" --session "$S" <"$T/in" >"$T/ev.jsonl" 2>&1 &
track_pid $!
exec 7>"$T/in"
saved() { test "$(jq -c 'select(.event=="file-saved" and .name=="SIM_0001.JPG")' "$T/ev.jsonl" 2>/dev/null | wc -l)" = 1; }
check "the next capa fetches the owed shot on connect, with no command" wait_for 60 saved
exec 7>&-
check "it is in the session" test -s "$S/SIM_0001.JPG"
check "the ledger no longer has it" gone
check "and the camera copy is deleted" wait_for 10 grep -qx 'ok 0' <(simcam_ctl list)
done_testing
