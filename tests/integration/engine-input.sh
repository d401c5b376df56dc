#!/bin/bash
# Headless input with a camera: a refused command (`quit now`) leaves input
# reading intact, and a line with a NUL byte is refused whole, never run as
# the command before the NUL.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
printf 'capture 3\0 junk\n' >&7
send "quit now"
send "capture 1"
wait_events 1 '.event=="file-saved"' 30
stop_capa
check "quit with an argument is refused with a message" \
    have_events 1 '.event=="error" and .what=="command" and (.message | test("quit takes no argument"))'
check "a line holding a NUL byte is refused with a message" \
    have_events 1 '.event=="error" and .what=="command" and .message=="input line holds a NUL byte"'
check "the part of a line before its NUL byte does not run: one capture, one shot" \
    test "$(nevents '.event=="capture-started"')" -eq 1 -a "$(nevents '.event=="file-saved"')" -eq 1
check "the command after a refused quit still runs" have_events 1 '.event=="capture-done"'
check "capa exits 0 at the end of its input (status $CAPA_RC)" test "$CAPA_RC" -eq 0
check "capa says quit at the end" have_events 1 '.event=="quit"'
done_testing
