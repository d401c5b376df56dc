#!/bin/bash
# capa-simcam's PTP response codes for requests libgphoto2 does not make:
# sessions, bad handles, storages, properties, unsupported operations, probes.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
cd "$TEST_TMP" || exit 1

if ! simcam_start; then
    not_ok "capa-simcam starts"; done_testing
fi
simcam_ctl shoot >/dev/null

"$TOOLS/ptpip-probe" "$SIMCAM_PORT" 1001 1008:3 1002:0 1002:1 1002:1 1004 1005:7 \
    1005:10001 1008:dead 1008:3 1007:ffffffff,0,ffffffff 1006:ffffffff,0,2 \
    1007:ffffffff,0,3 9999 1014:5999 1016:500f=u16:123 1016:500f=u16:400 1015:500f \
    1016:5001=u16:5 101b:dead,0,10 101b:3,2,10 1009:1 100a:3 100b:dead 100e:ffff \
    probe second 1003 1007:ffffffff >out 2>err
check "ptpip-probe completes" test $? -eq 0

# expect DESCRIPTION LINE: the probe printed exactly LINE.
expect() { check "$1" grep -qx "$2" out; }
expect "GetDeviceInfo works outside a session" '1001 2001 [0-9]*'
expect "GetObjectInfo before OpenSession: SessionNotOpen" '1008 2003 0'
expect "OpenSession 0: InvalidParameter" '1002 201d 0'
expect "OpenSession 1: OK" '1002 2001 0'
expect "OpenSession again: SessionAlreadyOpened with the session id" '1002 201e 0 1'
expect "GetStorageIDs returns one storage" '1004 2001 8'
expect "GetStorageInfo of an unknown storage: InvalidStorageId" '1005 2008 0'
expect "GetObjectInfo of an unknown handle: InvalidObjectHandle" '1008 2009 0'
expect "GetObjectInfo of the shot works" '1008 2001 [0-9]*'
expect "GetObjectHandles of the root lists DCIM only" '1007 2001 8'
expect "GetNumObjects in DCIM/100SIMCM counts the shot" '1006 2001 0 1'
expect "GetObjectHandles under a file: InvalidParentObject" '1007 201a 0'
expect "an unknown operation: OperationNotSupported" '9999 2005 0'
expect "an unknown property: DevicePropNotSupported" '1014 200a 0'
expect "ISO 123 is refused: InvalidDevicePropValue" '1016 201c 0'
expect "ISO 400 is accepted" '1016 2001 0'
expect "GetDevicePropValue returns 2 bytes for ISO" '1015 2001 2'
expect "the battery level is read-only: AccessDenied" '1016 200f 0'
expect "GetPartialObject of an unknown handle: InvalidObjectHandle" '101b 2009 0'
expect "GetPartialObject returns the bytes asked for and says how many" '101b 2001 16 10'
expect "GetObject of a folder: InvalidObjectHandle" '1009 2009 0'
expect "GetThumb of a shot returns its thumbnail" '100a 2001 [1-9][0-9]*'
expect "DeleteObject of an unknown handle: InvalidObjectHandle" '100b 2009 0'
expect "InitiateCapture on an unknown storage: InvalidStorageId" '100e 2008 0'
expect "a Probe Request gets a Probe Response (type 14)" 'probe 14'
expect "a second initiator gets Init Fail (type 5)" 'second 5'
expect "CloseSession works" '1003 2001 0'
expect "after CloseSession, operations need a session again" '1007 2003 0'
check "capa-simcam is still running" kill -0 "$SIMCAM_PID"

# Random but well-framed packets (seeded), then a real client.
simcam_ctl set imagesize 640x427 >/dev/null
"$TOOLS/ptpip-probe" "$SIMCAM_PORT" 1002:1 fuzz:2000 >fuzz 2>&1
check "the fuzzing client got through all 2000 packets" grep -qx 'fuzz 2000' fuzz
check "capa-simcam takes 2000 random packets (and survives)" kill -0 "$SIMCAM_PID"
wait_for 20 sh -c '"$SIMCAM" ctl "$0" status | grep -q "connected=0.*pending=0"' "$SIMCAM_CTL"
gp --summary >summary 2>&1
check "and then serves gphoto2 as before" grep -q '^Model: SimCam' summary

done_testing
