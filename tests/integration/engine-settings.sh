#!/bin/bash
# The settings model: the tree, validated sets, camera-side changes.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
send config
wait_events 1 '.event=="config-tree"' 20
T='select(.event=="config-tree") | .tree | .. | objects | select(.name?=="iso")'
check "config gives the tree with iso and its choices" \
    test "$(jq -c "$T | .choices | length > 1" "$OUT")" = true
check "every leaf has a path, section, type and readonly flag" \
    test "$(jq -s '[.[] | select(.event=="config-tree") | .tree | .. | objects | select(.value? != null)
        | select(.path == null or .section == null or .type == null or .readonly == null)] | length' "$OUT")" = 0
check "the model reports a read-only setting as such" \
    test "$(jq -c 'select(.event=="config-tree") | .tree | .. | objects | select(.name?=="serialnumber") | .readonly' "$OUT")" = true

send "set iso 12345"
send "set serialnumber X"
send "set nosuchkey 1"
send "set iso #2"
# Text: what libgphoto2 would send empty or cut is refused before it goes.
send "set 501e $(printf '%*s' 255 '' | tr ' ' x)"
printf 'set 501e caf\xe9\n' >&7
printf 'set 501e a\033[2Jb\n' >&7
printf 'set 501e smile \xf0\x9f\x98\x80\n' >&7
# The camera (simcam: at most 63 characters) refuses this one with 0x201C,
# which libgphoto2 2.5.30 does not pass on for a generic property.
send "set 501e $(printf '%*s' 64 '' | tr ' ' y)"
# libgphoto2 holds a date in an int: 2^32 would wrap to 1970.
send "set datetime 4294967296"
send "set datetime -2147483649"
send "set 501e Jane Doe"
# libgphoto2's Fuji bulb toggle writes a property the camera lacks
send "set bulb 1"
send "get iso"
wait_events 1 '.event=="value"' 20
check "an invalid choice is refused with a message" \
    have_events 1 '.event=="error" and .what=="setting" and .key=="iso" and (.message | test("not one of"))'
check "a read-only setting is refused" \
    have_events 1 '.event=="error" and .key=="serialnumber" and (.message | test("read-only"))'
check "an unknown key is refused" have_events 1 '.event=="error" and .key=="nosuchkey"'
check "a choice by index (#2) is set" have_events 1 '.event=="config-changed" and .key=="iso" and .value=="400"'
check "get answers with the new value" have_events 1 '.event=="value" and .key=="iso" and .value=="400"'
check "a text longer than a camera string is refused" \
    have_events 1 '.event=="error" and .key=="501e" and (.message | test("255 characters.*at most 254"))'
check "a text that is not UTF-8 is refused" \
    have_events 1 '.event=="error" and .key=="501e" and (.message | test("UTF-8"))'
check "a text with control characters is refused" \
    have_events 1 '.event=="error" and .key=="501e" and (.message | test("control"))'
check "a refusal carries libgphoto2's own words, not only its error code" \
    have_events 1 '.event=="error" and (.message | test("^setting bulb to 1 failed: .*\\(-?[0-9]+\\): PTP Device Prop Not Supported$"))'
check "a text libgphoto2 would send empty (beyond U+FFFF) is refused" \
    have_events 1 '.event=="error" and .key=="501e" and (.message | test("cannot send"))'
check "a good text is set, spaces and all" \
    have_events 1 '.event=="config-changed" and .key=="501e" and .value=="Jane Doe"'
check "a text the camera refuses gives an error saying what it kept" \
    have_events 1 '.event=="error" and .what=="setting" and .key=="501e" and .message==("the camera kept 501e empty, not " + ("y" * 64))'
check "a text the camera refuses gives no config-changed" \
    test "$(nevents '.event=="config-changed" and .key=="501e" and .value!="Jane Doe"')" -eq 0
check "a date beyond libgphoto2's int is refused, above and below" \
    test "$(nevents '.event=="error" and .key=="datetime" and (.message | test("outside the camera.s date range"))')" -eq 2
check "a date beyond libgphoto2's int never reaches the camera" \
    test "$(nevents '.event=="config-changed" and (.key=="datetime" or .key=="5011")')" -eq 0

# A change made on the camera itself reaches the model.
ctl set iso 1600 >/dev/null
wait_events 1 '.event=="config-changed" and .key=="iso" and .value=="1600"' 20
check "a camera-side change gives config-changed" \
    have_events 1 '.event=="config-changed" and .key=="iso" and .value=="1600"'
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0
done_testing
