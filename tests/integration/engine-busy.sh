#!/bin/bash
# A camera that answers DeviceBusy, through the real libgphoto2 to
# capa-simcam, driven by `capa --headless`:
#  - a shot taken on the body while the camera is busy (libgphoto2 drops
#    the ObjectAdded whose object info is refused) is still downloaded,
#    without `retry`, once;
#  - busy while capa reopens it (OpenSession refused): the failed
#    attempt's sockets are closed (libgphoto2 leaves them open and the
#    camera serves one client), so capa gets back in once the camera is
#    free, a capture then works, and capa's fds do not grow;
#  - every shot the camera made is on disk with its journal's sha256 or
#    still on the card.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

if [ ! -x "$SIMCAM" ] || ! command -v jq >/dev/null; then
    skip "needs capa-simcam and jq"
    done_testing
fi
CARD="$TEST_TMP/card"
mkdir -p "$CARD"
start_simcam -v --store "$CARD" || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20

# Shots taken on the body while the camera is busy.
ctl busy 1 >/dev/null
ctl shoot 1 >/dev/null
wait_events 1 '.event=="file-saved"' 30
check "a body shot announced while busy is downloaded without retry" \
    have_events 1 '.event=="file-saved"'
ctl busy 4 >/dev/null
ctl shoot 2 >/dev/null
wait_events 3 '.event=="file-saved"' 40
check "two body shots announced while busy (and a busy reopen) are downloaded" \
    have_events 3 '.event=="file-saved"'
send "get iso"
wait_events 1 '.event=="value"' 20
check "nothing is left on the card" test "$(camera_objects)" = 0

# fds: all of the camera process's, and its sockets to the camera (2
# while connected, and 1 to capa)
nfds() { find "/proc/$(worker_pid)/fd" -mindepth 1 | wc -l; }
nsocks() { find "/proc/$(worker_pid)/fd" -lname 'socket:*' | wc -l; }
send capture
wait_events 4 '.event=="file-saved"' 30
check "a capture works" have_events 4 '.event=="file-saved"'
fds0=$(nfds)
diag "the camera process holds $fds0 fds, $(nsocks) sockets"
connected=$(nevents '.event=="connected"')

# Busy for the next 5 operations: the capture's object info is refused,
# capa reopens the camera to find the shot and its OpenSession is refused.
ctl busy 5 >/dev/null
send capture
wait_events $((connected + 1)) '.event=="connected"' 40
check "capa connects again once the camera is free" \
    have_events $((connected + 1)) '.event=="connected"'
check "... no attempt met a camera still serving an earlier one of capa's" \
    test "$(grep -c 'init: refused' "$TEST_TMP/sim.err")" = 0
wait_events 5 '.event=="file-saved"' 30
check "the busy capture's shot is saved" have_events 5 '.event=="file-saved"'
send capture
wait_events 6 '.event=="file-saved"' 30
check "a capture after the busy reopen works" have_events 6 '.event=="file-saved"'
same_fds() { [ "$(nfds)" -eq "$fds0" ] && [ "$(nsocks)" -eq 3 ]; }
wait_for 5 same_fds
check "no fd leaks: $(nfds) fds as before ($fds0), $(nsocks) sockets" same_fds

send "get iso"
wait_events 2 '.event=="value"' 20
check "no shot is saved twice" \
    test "$(jq -r 'select(.event=="file-saved") | .sha256' "$OUT" | sort | uniq -d | wc -l)" = 0
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0
reconcile --left 0
[ "$_tap_failed" = 0 ] || { diag "last events:"; tail -n 15 "$OUT" | cut -c1-200 | sed 's/^/#   /'; }
done_testing
