#!/bin/bash
# capa-simcam restarted on a --store card that holds object-HANDLE files
# from an earlier run (files whose names were not plain): handles start
# again, and a new shot whose object-HANDLE name is taken is still made
# (it was dropped: "File exists", and the capture never completed).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
cd "$TEST_TMP" || exit 1

mkdir card
# handles: DCIM 1, 100SIMCM 2, this file 3; the next shot gets 4
printf 'left by an earlier run\n' >card/object-00000004
if ! simcam_start --store "$TEST_TMP/card"; then
    not_ok "capa-simcam starts"; done_testing
fi
simcam_ctl name 'not plain.JPG' >/dev/null
simcam_ctl shoot >/dev/null
n=$(simcam_ctl list | grep -c '^object ')
check "a shot whose object-HANDLE file name is taken is still made ($n objects)" test "$n" -eq 2
check "... in a file of its own beside the old one" test "$(ls card | wc -l)" -eq 2
check "... the old file untouched" grep -q 'earlier run' card/object-00000004
check "... and no error" test ! -s "$SIMCAM_LOG"
done_testing
