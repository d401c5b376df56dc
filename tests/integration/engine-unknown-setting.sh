#!/bin/bash
# Headless: a setting the camera does not have gets one error event whose
# hint names close matches by name or label.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
send "set aperture 8"
send "get shutter"
send "get isospeed"
send "get foo"
send "get iso"
wait_events 1 '.event=="value" and .key=="iso"' 20
stop_capa
E='.event=="error" and .what=="unknown-setting"'
check "set aperture: one error" test "$(nevents "$E and .key==\"aperture\"")" = 1
check "its hint names f-number" \
    have_events 1 "$E and .key==\"aperture\" and (.hint | startswith(\"did you mean f-number?\"))"
check "get shutter: did you mean shutterspeed" \
    have_events 1 "$E and .key==\"shutter\" and (.hint | startswith(\"did you mean shutterspeed\"))"
check "get isospeed: did you mean iso (by its label, ISO Speed)" \
    have_events 1 "$E and .key==\"isospeed\" and (.hint | startswith(\"did you mean iso\"))"
check "get foo: one error, no suggestion" \
    test "$(nevents "$E and .key==\"foo\" and (.hint | test(\"did you mean\") | not)")" = 1
check "five commands, four errors in all" test "$(nevents '.event=="error"')" = 4
done_testing
