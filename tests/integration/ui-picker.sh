#!/bin/bash
# The camera picker (key c) with PTP/IP cameras, through the real libgphoto2
# to two capa-simcams, read through libvterm: the connected PTP/IP camera is
# listed as connected; "address…" takes a typed address, refuses a bad one
# with a clear message, and connects to a good one (the second simcam's
# shot reaches capa); the cameras used before survive a restart and connect
# from the list; with none at all the empty text says what to do; a
# hostile recent-cameras file is shown inert; the demo's camera is not kept.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/state"
RECENT=$XDG_STATE_HOME/capa/recent-cameras
T=$TEST_TMP

simcam_start || { not_ok "first capa-simcam starts"; done_testing; }
A_PORT=$SIMCAM_PORT A_GP=$SIMCAM_GPPORT
simcam_start || { not_ok "second capa-simcam starts"; done_testing; }
B_PORT=$SIMCAM_PORT B_CTL=$SIMCAM_CTL
ARGS=(--session "$T/session" --graphics none)

# run NAME SIZE ARG... <SCRIPT: vt-drive capa; its output in $T/NAME.out.
run() {
    _n=$1 _s=$2; shift 2
    "$VT" -t 30 -s "$_s" -r "$T/$_n.raw" -- "$CAPA" "${ARGS[@]}" "$@" >"$T/$_n.out" 2>&1
    _rc=$?
    [ $_rc -ne 0 ] && sed 's/^/# /' "$T/$_n.out"
    return $_rc
}

run first 80x24 --camera "PTP/IP Camera" --port "$A_GP" <<S
wait connected to PTP/IP Camera on
keys c
wait address…
dump $T/listed
key down
key enter
wait ptpip:IP[:PORT]
keys ptpip:1.2.3
key enter
wait not an IPv4
dump $T/bad
keys \x7f\x7f\x7f\x7f\x7f
keys 127.0.0.1:$B_PORT
key enter
waitre connected to PTP/IP Camera on ptpip:127.0.0.1:$B_PORT:$B_PORT
sh "$SIMCAM" ctl "$B_CTL" shoot >/dev/null
waitre SIM_0001[.]JPG
waitre ^ capa [|] PTP/IP Camera [|] connected
dump $T/second
keys c
wait used before
wait (connected)
dump $T/after
key esc
gone used before
keys q
exit 0
S
check "the PTP/IP camera capa is connected to is listed as connected" \
    grep -qF "PTP/IP Camera  ptpip:127.0.0.1:$A_PORT  (connected)" "$T/listed"
check "the picker offers address… to type a Wi-Fi camera's address" \
    grep -qF "address…  type a Wi-Fi camera's address" "$T/listed"
check "the picker no longer says no USB camera was found" bash -c "test -s '$T/listed' && ! grep -q 'no USB camera' '$T/listed'"
check "a bad address gets a clear message" \
    grep -qF '"1.2.3" is not an IPv4 address (like 192.168.1.10)' "$T/bad"
check "a bad address is not connected to" bash -c "test -s '$T/bad' && ! grep -q 'connecting to PTP/IP Camera at ptpip:1.2.3' '$T/bad'"
check "the typed address connects to the second camera (capture log)" \
    grep -qF "connected to PTP/IP Camera on ptpip:127.0.0.1:$B_PORT:$B_PORT" "$T/second"
check "the second camera's own shot reaches capa" grep -q 'SIM_0001\.JPG' "$T/second"
check "the status bar says connected" grep -q '^ capa | PTP/IP Camera | connected' "$T/second"
check "after switching: the new camera connected, the first one used before" bash -c "
    grep -qF 'PTP/IP Camera  ptpip:127.0.0.1:$B_PORT  (connected)' '$T/after' &&
    grep -qF 'PTP/IP Camera  ptpip:127.0.0.1:$A_PORT  (used before)' '$T/after'"
check "the recent cameras are kept in \$XDG_STATE_HOME/capa/recent-cameras" bash -c "
    grep -qxF 'ptpip:127.0.0.1:$B_PORT	PTP/IP Camera' '$RECENT' &&
    grep -qxF 'ptpip:127.0.0.1:$A_PORT	PTP/IP Camera' '$RECENT'"
check "q exits 0 and restores the terminal" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' "$T/first.out"

# Restart without a camera: the recent list came back; a hostile line added
# to it is shown inert; choosing a recent camera connects to it.
printf 'usb:\t\033]0;pwned\007\033[31mEvil Cam\n' >>"$RECENT"
run restart 200x60 --no-auto-connect <<S
wait no camera
keys c
wait used before
dump $T/restart
key enter
waitre connected to PTP/IP Camera on ptpip:127.0.0.1:$B_PORT:$B_PORT
keys q
exit 0
S
check "the recent list survives a restart (most recent first)" bash -c "
    a=\$(grep -nF 'ptpip:127.0.0.1:$A_PORT  (used before)' '$T/restart' | cut -d: -f1)
    b=\$(grep -nF 'ptpip:127.0.0.1:$B_PORT  (used before)' '$T/restart' | cut -d: -f1)
    [ -n \"\$a\" ] && [ -n \"\$b\" ] && [ \"\$b\" -lt \"\$a\" ]"
check "a hostile model in the recent file is shown inert" grep -qF 'Evil Cam  USB  (used before)' "$T/restart"
check "its escape sequences never reach the terminal" \
    bash -c "test -s '$T/restart' && ! grep -qaF \$'\\e]0;pwned' '$T/restart.raw' && ! grep -qaF \$'\\e[31mEvil' '$T/restart.raw'"
check "Enter on a recent camera connects to it" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' "$T/restart.out"

# No camera at all and nothing used before: the empty text says what to do.
rm -f "$RECENT"
run empty 80x24 --no-auto-connect <<S
wait no camera
keys c
wait address…
dump $T/empty
key enter
key enter
wait no IP address
keys q
wait > q
key esc
gone > q
key esc
gone address…
keys q
exit 0
S
check "with no camera the picker says: plug one in, or choose address…" bash -c "
    sed 's/[│┌┐└┘─]//g' '$T/empty' | tr '\n' ' ' | tr -s ' ' | grep -qF \"no camera found: plug one in, or choose address… to type a Wi-Fi camera's address\""
check "keys typed into the address are text, not commands (q did not quit)" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' "$T/empty.out"

# The demo's camera (a new port each run) is not remembered.
run demo 80x24 --demo --simcam "$SIMCAM" <<S
wait connected to PTP/IP Camera on
keys q
exit 0
S
check "capa --demo connects and exits 0" grep -q '^exit 0 ' "$T/demo.out"
check "the demo's camera is not added to the recent cameras" test ! -e "$RECENT"
done_testing
