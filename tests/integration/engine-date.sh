#!/bin/bash
# Headless: the camera clock takes a date as capa shows it (YYYY-MM-DD
# HH:MM:SS, local time) and ISO 8601 (T between, Z or an offset such as
# +01:00), still refused beyond libgphoto2's int; a refused setting's hint
# says what the setting takes (no `config` to run).  Local time here is
# UTC+1 without summer time (TZ=XXX-1) for capa and the camera alike.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
export TZ=XXX-1

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
# Each set is followed by a get: the camera's clock ticks, so its value is
# read at once and compared within a few seconds.
for d in "2026-12-06 10:20:30" "2027-01-02T03:04:05Z" "2028-05-06T07:08:09+02:00"; do
    send "set datetime $d"
    send "get datetime"
done
send "set datetime 2038-01-19T03:14:08Z"
send "set datetime 2026-02-30 10:00:00"
send "set focallength 99"
send "get iso"
wait_events 1 '.event=="value" and .key=="iso"' 30
stop_capa

# got N: the Nth datetime value read back (epoch seconds).
got() { jq -r 'select(.event=="value" and .key=="datetime") | .value' "$OUT" | sed -n "${1}p"; }
near() { test -n "$1" && test $(($1 - $2)) -ge 0 -a $(($1 - $2)) -le 5; }
diag "clock read back: $(got 1) $(got 2) $(got 3)"
check "set datetime 2026-12-06 10:20:30 (local, UTC+1): the camera has 09:20:30Z" \
    near "$(got 1)" 1796548830
check "set datetime 2027-01-02T03:04:05Z: the camera has that instant" \
    near "$(got 2)" "$(date -u -d 2027-01-02T03:04:05Z +%s)"
check "set datetime 2028-05-06T07:08:09+02:00: the camera has 05:08:09Z" \
    near "$(got 3)" "$(date -u -d 2028-05-06T05:08:09Z +%s)"
check "2038-01-19T03:14:08Z (2^31 seconds) is refused as outside the date range" \
    have_events 1 '.event=="error" and .key=="datetime" and (.message | test("outside the camera.s date range"))'
check "February 30 is refused as not a date, the forms named" \
    have_events 1 '.event=="error" and .key=="datetime" and (.message | test("is not a date: YYYY-MM-DD HH:MM:SS"))'
check "a range refused: the hint says what it takes (24..70 step 1), no command to run" \
    have_events 1 '.event=="error" and .key=="focallength" and .hint=="focallength takes 24..70 step 1"'
check "no refusal's hint points at the config command" \
    test "$(nevents '.event=="error" and (.hint // "" | test("config"))')" = 0
done_testing
