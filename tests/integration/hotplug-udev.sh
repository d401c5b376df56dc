#!/bin/bash
# Hotplug through the real libudev against a umockdev test bed: synthetic
# add/remove uevents for cameras (ID_GPHOTO2=1, PTP interface class) and a
# non-camera give the right port strings, picker entries, auto-connect
# requests and disconnected state.  The checks live in the C tool; this
# script runs it with libumockdev-preload and passes its TAP through.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/umockdev.sh"

tool="$TOOLS/hotplug-umockdev"
need_umockdev "$tool"
export CMOCKA_MESSAGE_OUTPUT=TAP

umockdev-wrapper "$tool" >"$TEST_TMP/out" 2>&1
rc=$?
# Re-number the tool's results into this script's TAP stream.
while IFS= read -r line; do
    case $line in
        "ok "[0-9]*) ok "${line#ok [0-9]* - }" ;;
        "not ok "[0-9]*) not_ok "${line#not ok [0-9]* - }" ;;
        "1.."*) ;;
        *) echo "# $line" ;;
    esac
done <"$TEST_TMP/out"
check "hotplug-umockdev exits 0 (status $rc)" test "$rc" -eq 0
done_testing
