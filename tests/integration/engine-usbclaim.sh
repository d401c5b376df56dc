#!/bin/bash
# A USB camera that another program holds (gvfs, typically): the real
# libgphoto2 and libusb open an emulated PTP-class camera (umockdev test bed,
# tests/tools/usbclaim-bed.c) whose usbfs node refuses the interface claim
# with EBUSY.  libgphoto2 returns GP_ERROR_IO_USB_CLAIM (-53); capa must say
# what=usb-claimed with a hint at gvfs / `gio mount -s gphoto2`, and go on.
# The camera never gets to shoot: the session ends with no file (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/umockdev.sh"
. "$SRCDIR/tests/lib/engine.sh"

bed="$TOOLS/usbclaim-bed"
need_umockdev "$bed"
IOCTLS="$TEST_TMP/ioctl.log"
PORT="usb:001,002"

# start_bed [BED-ARGS...] -- [CAPA-ARGS...]: headless capa in the test bed;
# like start_capa (commands with `send`, events in $OUT), the bed's ioctl
# log in $IOCTLS.
start_bed() {
    local args=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
    shift
    rm -f "$TEST_TMP/in" "$OUT" "$IOCTLS" "$TEST_TMP/capa.err"
    mkfifo "$TEST_TMP/in"
    umockdev-wrapper "$bed" -l "$IOCTLS" "${args[@]}" -- \
        "$CAPA" --headless --session "$SESSION" "$@" \
        <"$TEST_TMP/in" >"$OUT" 2>>"$TEST_TMP/capa.err" &
    CAPA_PID=$!
    track_pid "$CAPA_PID"
    exec 7>"$TEST_TMP/in"
}

# node_fds: fds capa's camera process (capa is the bed's child) holds on
# the camera's usbfs node.
node_fds() {
    local pid
    pid=$(pgrep -P "$(pgrep -P "$CAPA_PID" | head -1)" -f -- --camera-process | head -1)
    [ -n "$pid" ] || { echo gone; return; }
    find "/proc/$pid/fd" -lname '*/dev/bus/usb/001/002' 2>/dev/null | wc -l
}

# refused_claims: interface claims the bed refused so far.
refused_claims() { grep -c '^USBDEVFS_CLAIMINTERFACE .* refused EBUSY$' "$IOCTLS" 2>/dev/null; }

CLAIMED='.event=="error" and .what=="usb-claimed"'

# 1. Model and port given, connect by command.
start_bed -- --no-auto-connect --camera "USB PTP Class Camera" --port "$PORT"
send connect
wait_events 1 "$CLAIMED" 20
check "a held interface gives an error with what=usb-claimed" have_events 1 "$CLAIMED"
check "... whose message names the failure, the camera and the port" \
    have_events 1 "$CLAIMED"' and (.message | test("Could not claim the USB device \\(-53\\)")) and (.message | test("USB PTP Class Camera at usb:001,002"))'
check "... and whose hint names gvfs and \`gio mount -s gphoto2\`" \
    have_events 1 "$CLAIMED"' and (.hint | test("gvfs")) and (.hint | contains("`gio mount -s gphoto2`"))'
check "libusb asked usbfs for the claim, and the bed refused it" test "$(refused_claims)" -ge 1
check "... and capa reports no connection" test "$(nevents '.event=="connected"')" -eq 0
NOCAM='.event=="error" and .what=="no-camera"'
send get iso
wait_events 1 "$NOCAM" 20
check "capa still answers commands afterwards (get: no-camera)" have_events 1 "$NOCAM"
# The get ran after the connect had finished (one worker, in order).
check "... and holds no fd on the camera's node (holds $(node_fds))" test "$(node_fds)" = 0
send connect
send get iso
wait_events 2 "$NOCAM" 20
check "connect again: the claim is tried again and refused again" \
    test "$(nevents "$CLAIMED")" -eq 2 -a "$(refused_claims)" -eq 2
check "... and still no fd left on the node (holds $(node_fds))" test "$(node_fds)" = 0
send quit
wait_capa
check "quit: capa exits 0 (status $CAPA_RC)" test "$CAPA_RC" -eq 0
check "... after a quit event" have_events 1 '.event=="quit"'
check "... with nothing from the sanitizers on stderr" \
    test -z "$(grep -E 'Sanitizer|runtime error' "$TEST_TMP/capa.err")"
grep -q -E 'Sanitizer|runtime error' "$TEST_TMP/capa.err" && head -n 30 "$TEST_TMP/capa.err" | sed 's/^/# /'
exec 7>&-

# 2. No port, no model: capa finds the camera itself at start (autodetect
# through libusb in the bed), cannot claim it, and keeps trying on its own.
start_bed --
wait_events 1 "$CLAIMED" 20
check "autodetect at start: usb-claimed for the camera at $PORT" \
    have_events 1 "$CLAIMED"' and (.message | test("at usb:001,002 failed"))'
wait_events 2 "$CLAIMED" 20
check "... tried again by itself, refused again" \
    test "$(nevents "$CLAIMED")" -ge 2 -a "$(refused_claims)" -ge 2
check "... and never connected" test "$(nevents '.event=="connected"')" -eq 0
# A retry may be under way (holding the node for a moment): wait for none.
no_node_fds() { test "$(node_fds)" = 0; }
wait_for 10 no_node_fds
check "... and no fd left on the node after the retries (holds $(node_fds))" no_node_fds
stop_capa
check "EOF on stdin: capa exits 0 while retrying (status $CAPA_RC)" test "$CAPA_RC" -eq 0

# 3. The control: the same camera with its interface free gets past the
# claim (and fails later, in the PTP transfer the bed does not emulate), so
# the usb-claimed above comes from the refused claim alone.
start_bed -a -- --no-auto-connect --port "$PORT"
send connect
wait_events 1 '.event=="error"' 20
check "interface free: the claim succeeds" \
    grep -q '^USBDEVFS_CLAIMINTERFACE 0x[0-9a-f]*$' "$IOCTLS"
check "... capa goes on to the transfers (SUBMITURB)" grep -q '^USBDEVFS_SUBMITURB' "$IOCTLS"
check "... and reports another error, not usb-claimed" \
    test "$(nevents "$CLAIMED")" -eq 0 -a "$(nevents '.event=="error"')" -ge 1
stop_capa
check "... and exits 0 (status $CAPA_RC)" test "$CAPA_RC" -eq 0
reconcile --shots 0
done_testing
