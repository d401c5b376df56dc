#!/bin/bash
# Keyboard workflow against capa-simcam: a range setting stepped with arrows
# and typed, the `:` prompt takes headless
# commands, q asks while a download runs, a dropped connection gives a FAILED
# row and "disconnected" while the keyboard keeps working (libgphoto2 closes
# fd 0 on a PTP/IP drop); capa reconnects and fetches the shot by itself;
# c opens the camera picker.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
# Under `make sanitize`: libgphoto2's own leak is not capa's (see the file).
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP
S=$T/session

simcam_start || { not_ok "capa-simcam starts"; done_testing; }
CTL="\"$SIMCAM\" ctl \"$SIMCAM_CTL\""
# focal FILE VALUE: poll the camera's focal length (1/100 mm) until it is VALUE.
cat >"$T/focal" <<'W'
. "$SRCDIR/tests/lib/tap.sh"
is() { "$SIMCAM" ctl "$SIMCAM_CTL" get focallength >"$1"; grep -qx "ok $2" "$1"; }
wait_for 20 is "$1" "$2"
exit 0
W
export SRCDIR SIMCAM SIMCAM_CTL
out=$("$VT" -t 30 -s 100x50 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$S" --graphics none 2>&1 <<EOS
wait ISO Speed
keys /focal
waitre ^│> +Focal Length
keys \r
key right
key right
waitre Focal Length +52
sh bash $T/focal $T/f52 5200
key enter
wait value: 52
key backspace
key backspace
keys 35\r
waitre Focal Length +35
sh bash $T/focal $T/f35 3500
keys :get iso\r
wait iso = 100
sh $CTL throttle 60000 >/dev/null
keys :capture\r
wait downloading...
keys q
wait Quit anyway?
dump $T/confirm
keys n
gone Quit anyway?
waitre SIM_0001[.]JPG .*f/
sh $CTL throttle 0 >/dev/null
sh $CTL drop-after 1000 >/dev/null
key space
wait FAILED
wait disconnected:
dump $T/failed
wait | connected |
waitre SIM_0002[.]JPG .*f/
dump $T/retried
keys c
wait Cameras (Enter connects
dump $T/picker
key esc
gone Cameras (Enter connects
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "the : prompt runs a headless command (get iso answered on the message line)" test $rc -eq 0
check "a range setting steps with the arrow keys (camera: 52 mm)" grep -qx 'ok 5200' "$T/f52"
check "a range setting takes a typed value (camera: 35 mm)" grep -qx 'ok 3500' "$T/f35"
check "q while a download runs asks first" grep -q 'download(s) still running. Quit anyway? (y/n)' "$T/confirm"
check "n keeps capa running and the download completes" test -s "$S/SIM_0001.JPG"
check "a dropped connection shows a FAILED row" grep -qE '^│[0-9:]+ SIM_0002\.JPG +FAILED' "$T/failed"
check "and the status bar says disconnected" grep -q '^ capa | no camera | disconnected' "$T/failed"
check "capa reconnects by itself and downloads the owed shot" test -s "$S/SIM_0002.JPG"
check "the retried row shows the shot's exposure" grep -qE '^│[0-9:]+ SIM_0002\.JPG +[0-9.]+[KM] +1/[0-9]+ f/' "$T/retried"
check "c opens the camera picker (no USB camera here)" grep -q 'Cameras (Enter connects' "$T/picker"
check "keys still work after the drop; q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
