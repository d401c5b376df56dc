#!/bin/bash
# Headless `stop`: ends a running `capture N` after the shot in progress at
# once (not queued behind it), drops queued captures, says how many shots
# were taken; commands queued behind still run; an idle stop says so.
# Every shot taken is then on disk with its journal's sha256 (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

# 1 MB/s: a shot of ~0.5 MB takes about half a second to download
mkdir -p "$TEST_TMP/card"
start_simcam --throttle 1000000 --store "$TEST_TMP/card" || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
send "capture 10"
send "capture 5"
send "get iso"
wait_events 1 '.event=="file-saved"' 30
send stop
wait_events 1 '.event=="capture-stopped"' 30
S='select(.event=="capture-stopped")'
taken=$(jq -r "$S | .taken" "$OUT")
check "stop ends capture 10 early (taken: $taken)" test "${taken:-10}" -lt 10
check "the event says 10 were asked and 5 queued shots dropped" \
    test "$(jq -c "$S | [.count, .dropped]" "$OUT")" = "[10,5]"
wait_events 1 '.event=="value" and .key=="iso"' 30
check "a command queued behind the sequence still runs" \
    have_events 1 '.event=="value" and .key=="iso"'
send stop
wait_events 1 '.event=="log" and (.message | test("no capture sequence"))' 20
check "a stop with nothing running says so" \
    have_events 1 '.event=="log" and (.message | test("no capture sequence"))'
stop_capa
saved=$(nevents '.event=="file-saved"')
check "as many shots saved as the event says ($saved)" test "$saved" = "$taken"
check "no error event" test "$(nevents '.event=="error"')" = 0
reconcile --left 0
done_testing
