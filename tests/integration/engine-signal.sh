#!/bin/bash
# A signal that stops headless capa (SIGTERM, SIGHUP, SIGINT) is said in a
# log event, with the shots that stay owed (on the camera, in the
# session's ledger) named, and a last quit event; the exit status is
# 128 + the signal.  Then every shot is on disk with its journal's sha256
# (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

mkdir -p "$TEST_TMP/store"
start_simcam --size 6000x4000 --store "$TEST_TMP/store" || { not_ok "capa-simcam starts"; done_testing; }

# stop_with SIG: send SIG to capa, wait for it; sets CAPA_RC.
stop_with() {
    kill -"$1" "$CAPA_PID"
    wait_capa
}
# last_is_quit: the last event is quit, naming the signal.
last_is_quit() { test "$(tail -n 1 "$OUT" | jq -r 'select(.event=="quit") | .message')" = "$1"; }

# SIGTERM in the middle of a throttled download (200 kB/s: ~20 s)
ctl throttle 200000 >/dev/null
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="progress" and .done > 0' 30
stop_with TERM
check "SIGTERM during a download: capa ends at once, status 143 ($CAPA_RC)" test "$CAPA_RC" -eq 143
check "... a log event says it was stopped by SIGTERM" \
    have_events 1 '.event=="log" and .message=="stopped by SIGTERM"'
check "... another names the shot that stays on the camera" \
    have_events 1 '.event=="log" and (.message | test("^SIGTERM: 1 shot stays on the camera, owed to this session .*: SIM_0001.JPG$"))'
check "... the last event is quit" last_is_quit SIGTERM
check "... and the shot is on the camera" test "$(camera_objects)" = 1

# The UI: SIGTERM while it fetches that owed shot; the terminal comes
# back, then a line on stderr names the shot
out=$("$TOOLS/vt-drive" -t 10 -s 120x30 -- "$CAPA" --camera "PTP/IP Camera" \
      --port "ptpip:127.0.0.1:$SIM_PORT:$SIM_PORT" --session "$SESSION" --graphics none 2>&1 <<EOS
wait downloading
sh kill -TERM \$VT_CHILD_PID
wait capa: stopped by SIGTERM; 1 shot stays on the camera
exit 143
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "the UI stopped by SIGTERM restores the terminal, then names the owed shot on stderr, status 143" \
    grep -qx 'exit 143 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

# SIGHUP while idle: the shot is still owed (this capa did not fetch it:
# it is not connected)
start_capa --no-auto-connect
send capture # answered "no camera": capa is up, its signals handled
wait_events 1 '.event=="error" and .what=="no-camera"' 20
send "wait 60"
stop_with HUP
check "SIGHUP: status 129 ($CAPA_RC), owed shot named" \
    test "$CAPA_RC" -eq 129 -a "$(nevents '.event=="log" and (.message | test("^SIGHUP: 1 shot stays on the camera.*: SIM_0001.JPG$"))')" = 1
check "... the last event is quit" last_is_quit SIGHUP

# SIGINT (bash ignores it in background jobs: restore it) once all is fetched
ctl throttle 0 >/dev/null
printf '#!/bin/sh\nexec env --default-signal=INT "%s" "$@"\n' "$CAPA" >"$TEST_TMP/capa-int"
chmod +x "$TEST_TMP/capa-int"
CAPA=$TEST_TMP/capa-int start_capa
wait_events 1 '.event=="file-saved"' 60
stop_with INT
check "SIGINT: status 130 ($CAPA_RC), nothing owed" \
    test "$CAPA_RC" -eq 130 -a "$(nevents '.event=="log" and .message=="SIGINT: nothing is owed: every shot announced is in the journal"')" = 1
check "... the last event is quit" last_is_quit SIGINT
reconcile --left 0
done_testing
