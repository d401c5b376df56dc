#!/bin/bash
# capa-simcam events: body shots, property changes, unplugging, reconnecting,
# battery drain, and clients that misbehave or vanish.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
cd "$TEST_TMP" || exit 1

if ! simcam_start --battery-drain 1; then
    not_ok "capa-simcam starts"; done_testing
fi

# in_session: the simulator has a client with an open PTP session.
in_session() { simcam_ctl status | grep -q 'session=1'; }

mkdir body && cd body || exit 1
gp --wait-event-and-download=5s >log 2>&1 &
gpid=$!
wait_for 20 in_session
check "gphoto2 --wait-event-and-download opens a session" test $? -eq 0
simcam_ctl shoot 2 >reply
check "'shoot 2' answers ok once the shots exist" grep -qx ok reply
wait "$gpid"
check "gphoto2 --wait-event-and-download exits 0" test $? -eq 0
n=$(ls *.JPG 2>/dev/null | wc -l)
check "both body shots were downloaded (got $n)" test "$n" -eq 2
ok_all=1
for f in *.JPG; do djpeg "$f" >/dev/null 2>&1 || ok_all=0; done
check "the downloaded body shots decode" test "$ok_all" -eq 1
cd .. || exit 1

gp --wait-event=4s >events 2>&1 &
gpid=$!
wait_for 20 in_session
simcam_ctl set iso 3200 >/dev/null
simcam_ctl battery 42 >/dev/null
wait "$gpid"
check "a dial turned on the body arrives as DevicePropChanged" \
    grep -q 'PTP Property 500f changed, "iso" to "3200"' events
check "a battery change arrives as DevicePropChanged" \
    grep -q 'PTP Property 5001 changed, "batterylevel" to "42%"' events
simcam_ctl shoot >/dev/null
h=$(simcam_ctl list | awk '$1=="object"{print $2; exit}')
gp --wait-event=3s >removed 2>&1 &
gpid=$!
wait_for 20 in_session
simcam_ctl delete "$h" >/dev/null
wait "$gpid"
check "a file deleted on the body arrives as ObjectRemoved" \
    grep -q "PTP ObjectRemoved, Param1 $(printf %08x "$h")" removed
check "and is gone from the card" grep -q '^ok 0$' <(simcam_ctl list)
simcam_ctl delete "$h" >reply
check "deleting it again is an error" grep -q '^error' reply

simcam_ctl capture-delay 1500 >/dev/null
mkdir delayed
t0=$(date +%s%N)
(cd delayed && gp --capture-image-and-download >log 2>&1)
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "capture-delay 1500: the capture still succeeds" test "$rc" -eq 0 -a -n "$(ls delayed/*.JPG 2>/dev/null)"
check "capture-delay 1500: it takes at least 1500 ms (took $ms)" test "$ms" -ge 1500
simcam_ctl capture-delay 0 >/dev/null

simcam_ctl set iso 123 >reply
check "the control interface refuses an ISO the camera does not offer" grep -q '^error' reply

wait_for 10 sh -c '[ "$("$SIMCAM" ctl "$0" get battery | sed "s/ok //")" -lt 42 ]' "$SIMCAM_CTL"
check "the battery drains (--battery-drain 1)" test $? -eq 0

gp --wait-event=20s >unplug.log 2>&1 &
gpid=$!
wait_for 20 in_session
simcam_ctl unplug >/dev/null
wait "$gpid"
check "'unplug' ends the client's wait with an error" test $? -ne 0
gp --summary >summary 2>&1
check "a client reconnects to the same port after 'unplug'" grep -q '^Model: SimCam' summary

simcam_ctl power off >/dev/null
gp --summary >/dev/null 2>&1
check "'power off' makes connections fail" test $? -ne 0
simcam_ctl power on >/dev/null
gp --summary >/dev/null 2>&1
check "'power on' lets clients connect again" test $? -eq 0

# Misbehaving clients must not take the simulator down.
exec 3<>"/dev/tcp/127.0.0.1/$SIMCAM_PORT" && printf 'GARBAGE!GARBAGE!' >&3
exec 3<&- 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$SIMCAM_PORT" && printf '\xff\xff\xff\x7f\x01\x00\x00\x00' >&3
exec 3<&- 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$SIMCAM_PORT" && printf '\x10\x00\x00\x00\x01\x00\x00\x00abcd' >&3
exec 3<&- 3>&-
simcam_ctl throttle 20000 >/dev/null
simcam_ctl shoot >/dev/null
gp --get-all-files >/dev/null 2>&1 &
gpid=$!
wait_for 20 in_session
kill -9 "$gpid"; wait "$gpid" 2>/dev/null
simcam_ctl throttle 0 >/dev/null
check "capa-simcam survives garbage and a client killed mid-transfer" kill -0 "$SIMCAM_PID"
# (the killed client's connection ends when the simulator's next throttled
# write fails: until then a new client is one too many)
serves() { gp --summary >summary2 2>&1 && grep -q '^Model: SimCam' summary2; }
check "and still serves the next client" wait_for 30 serves

# One initiator at a time, as on a real camera.
gp --wait-event=6s >/dev/null 2>&1 &
gpid=$!
wait_for 20 in_session
gp --summary >second 2>&1
check "a second client is refused while one is connected" test $? -ne 0
kill "$gpid"; wait "$gpid" 2>/dev/null

done_testing
