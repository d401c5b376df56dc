#!/bin/bash
# Key bindings that run command lines, against capa-simcam through the real
# libgphoto2, read through libvterm: from the config file (`bind b capture
# 3`, `bind F5 set iso 800`, `bind space none`, `bind x help`) and from the
# `:` prompt (`bind z set iso 400`, `bind b none`, `bind v help`); each key
# does what its line says on the camera, an unbound key does nothing, and
# the footer and the ? help show the live bindings.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP
mkdir -p "$XDG_CONFIG_HOME/capa"
cat >"$XDG_CONFIG_HOME/capa/config" <<'C'
bind b capture 3
bind F5 set iso 800
bind space none
bind x help
C

simcam_start -v || { not_ok "capa-simcam starts"; done_testing; }
# iso VALUE: wait until the camera's ISO is VALUE.
cat >"$T/iso" <<'W'
. "$SRCDIR/tests/lib/tap.sh"
is() { "$SIMCAM" ctl "$SIMCAM_CTL" get iso | grep -qx "ok $1"; }
wait_for 20 is "$1"
W
export SRCDIR SIMCAM SIMCAM_CTL
# Space (unbound) and b after `bind b none` must not capture: the `get iso`
# sent after them is answered only once the worker has done what came
# before, so the count of captures is final then.
out=$("$VT" -t 40 -s 160x50 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
wait F5 set iso 800
dump $T/footer
keys \e[15~
waitre ISO Speed +800
sh bash $T/iso 800
keys b
waitre SIM_0003[.]JPG
keys x
wait any key closes
dump $T/help
key esc
gone any key closes
keys :bind z set iso 400\r
wait z: set iso 400
keys z
waitre ISO Speed +400
sh bash $T/iso 400
keys :bind b none\r
wait b: none
gone b capture 3
dump $T/unbound
keys b
key space
keys :bind v help\r
wait v: help
keys v
wait any key closes
dump $T/help2
key esc
gone any key closes
keys :get iso\r
wait iso = 400
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
footer=$(tail -n 1 "$T/footer")
diag "footer: $footer"
check "the footer shows the keys bound to command lines (b capture 3, F5 set iso 800)" \
    bash -c 'grep -q "b capture 3" <<<"$1" && grep -q "F5 set iso 800" <<<"$1"' _ "$footer"
check "after bind space none the footer no longer says Space capture" \
    bash -c 'test -n "$1" && ! grep -q "Space capture" <<<"$1"' _ "$footer"
check "F5 (set iso 800) sets the camera's ISO; z bound at the prompt (set iso 400) too" test $rc -eq 0
check "b (capture 3) takes three shots, all saved" \
    test -s "$T/session/SIM_0001.JPG" -a -s "$T/session/SIM_0002.JPG" -a -s "$T/session/SIM_0003.JPG"
captures=$(grep -c 'op 100e(' "$SIMCAM_LOG")
check "Space (unbound) and b after bind b none capture nothing: 3 captures in all ($captures)" \
    test "$captures" = 3
check "x (help, a UI command from the config) opens the help, which lists b and F5 with their lines" \
    bash -c 'grep -qE "│ +b +capture 3 " "$1" && grep -qE "│ +F5 +set iso 800 " "$1" && ! grep -qE "space .*capture" "$1"' _ "$T/help"
check "bind at the prompt: a UI command (v help) opens the help, which lists z set iso 400" \
    grep -qE '│ +z +set iso 400 ' "$T/help2"
check "bind b none at the prompt: b leaves the footer and the help" \
    bash -c 'test -s "$1" -a -s "$2" && ! grep -q "b capture 3" "$1" && ! grep -qE "│ +b +capture 3" "$2"' _ "$T/unbound" "$T/help2"
check "q exits 0 and restores the terminal" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
