#!/bin/bash
# Several cameras at once (--port given per camera), each through the real
# libgphoto2 to its own capa-simcam in its own camera process, one session:
# `capture` fires every camera, `capture @2` / `set @all` / `@cam1 get`
# address some; every event and journal line names its camera, journal
# numbers stay unique, each capture's journal line carries its trigger
# time (the spread across cameras is printed); one quit at the end; every
# camera's shots reconcile (on disk with their sha256, or on the card).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

ctlk() { local k=$1; shift; "$SIMCAM" ctl "$SIMS/ctl$k" "$@"; }
# start_cams: start_capa with the simulators' ports only.
start_cams() {
    rm -f "$TEST_TMP/in" "$OUT"
    mkfifo "$TEST_TMP/in"
    "$CAPA" --headless "${PORTS[@]}" --session "$SESSION" "$@" <"$TEST_TMP/in" >"$OUT" \
        2>>"$TEST_TMP/capa.err" &
    CAPA_PID=$!
    track_pid "$CAPA_PID"
    exec 7>"$TEST_TMP/in"
}
saved_by() { nevents ".event==\"file-saved\" and .camera==$1"; }
journal() { jq -c 'select(.status=="saved")' "$SESSION/.capa/journal.jsonl"; }

# reconcile_cams N: each camera's shots are journaled (with its number)
# with the right bytes, or still on its card; none twice.
reconcile_cams() {
    local k shots lines card bad=""
    for k in $(seq 1 "$1"); do
        wait_for 20 test "$(ctlk "$k" status | tr ' ' '\n' | sed -n 's/^pending=//p')" = 0
        shots=$(ctlk "$k" status | tr ' ' '\n' | sed -n 's/^shots=//p')
        card=$(ctlk "$k" list | sed -n 's/^ok \([0-9]*\)$/\1/p')
        lines=$(journal | jq -c "select(.camera==$k)" | wc -l)
        [ "$shots" -eq $((lines + card)) ] || bad="$bad camera $k: $shots shots, $lines journaled, $card on card;"
    done
    while read -r path sum; do
        [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sum" ] || bad="$bad $path bytes;"
    done < <(journal | jq -r '"\(.path) \(.sha256)"')
    # (simulators of one build make the same bytes for their first shot)
    [ "$(journal | jq -r '"\(.camera) \(.sha256)"' | sort | uniq -d | wc -l)" = 0 ] || bad="$bad a shot twice;"
    check "reconcile $1 cameras: every shot journaled with its bytes or on its card${bad:+ ($bad)}" \
        test -z "$bad"
}

SIMS=$TEST_TMP/two
sims 2 || { not_ok "two capa-simcams start"; done_testing; }
start_cams
wait_events 2 '.event=="connected"' 30
check "two cameras connect, each event names its camera" \
    test "$(nevents '.event=="connected" and .camera==1')" = 1 -a "$(nevents '.event=="connected" and .camera==2')" = 1
check "... each in its own camera process" test "$(pgrep -P "$CAPA_PID" -f -- --camera-process | wc -l)" = 2

send capture
wait_events 2 '.event=="file-saved"' 30
check "capture fires both: one shot from each" test "$(saved_by 1)" = 1 -a "$(saved_by 2)" = 1
check "... two files (the second SIM_0001 takes another name, nothing overwritten)" \
    test "$(find "$SESSION" -maxdepth 1 -type f | wc -l)" = 2
send capture @2
wait_events 3 '.event=="file-saved"' 30
send "@1 get iso"
wait_events 1 '.event=="value"' 20
check "capture @2 fires camera 2 only" test "$(saved_by 1)" = 1 -a "$(saved_by 2)" = 2
send "set @all iso 400"
wait_for 20 test "$(nevents '.event=="config-changed" and .key=="iso" and .value=="400"')" -ge 2
check "set @all iso 400 changes both" \
    test "$(nevents '.event=="config-changed" and .key=="iso" and .value=="400" and .camera==1')" -ge 1 -a \
         "$(nevents '.event=="config-changed" and .key=="iso" and .value=="400" and .camera==2')" -ge 1
send "get @cam2 iso"
wait_events 2 '.event=="value"' 20
check "get @cam2 answers from camera 2" have_events 1 '.event=="value" and .camera==2'
send "capture @3"
wait_events 1 '.event=="error" and .what=="command"' 20
check "capture @3: an error naming the cameras there are" \
    have_events 1 '.event=="error" and .what=="command" and (.message | test("no camera \"3\": there are 2"))'
ctlk 2 shoot 1 >/dev/null
wait_events 4 '.event=="file-saved"' 30
check "a shot on camera 2's body is saved with its number" test "$(saved_by 2)" = 3
# camera 2 switched off and on: its own link brings it back, camera 1 stays
ctlk 2 power off >/dev/null
wait_events 1 '.event=="disconnected" and .camera==2' 20
ctlk 2 power on >/dev/null
wait_events 2 '.event=="connected" and .camera==2' 30
check "camera 2 off and on: it reconnects by itself, camera 1 untouched" \
    test "$(nevents '.event=="connected" and .camera==2')" = 2 -a \
         "$(nevents '.event=="disconnected" and .camera==1')" = 0
send capture
wait_events 6 '.event=="file-saved"' 30
check "... and capture fires both again" test "$(saved_by 1)" = 2 -a "$(saved_by 2)" = 4
stop_capa
check "capa ends with one quit, last (rc $CAPA_RC)" \
    test "$CAPA_RC" -eq 0 -a "$(nevents '.event=="quit"')" = 1 -a "$(tail -n1 "$OUT" | jq -r .event)" = quit
check "journal numbers are unique across cameras" \
    test "$(journal | jq .n | sort | uniq -d | wc -l)" = 0 -a "$(journal | wc -l)" = 6
check "each journal line names its camera" test "$(journal | jq -e 'select(.camera==null)' | wc -l)" = 0
check "a capture's line has its trigger time; a body shot's has none" \
    test "$(journal | jq -c 'select(.trigger_us != null)' | wc -l)" = 5
reconcile_cams 2

# The UI with two cameras: the status names the selected one, ] selects
# the next (its settings come), Space fires both, the log names the
# other camera's connection
SESSION=$TEST_TMP/ui
out=$("$TOOLS/vt-drive" -t 20 -s 120x30 -- "$CAPA" "${PORTS[@]}" --session "$SESSION" \
      --graphics none 2>&1 <<EOS
waitre camera 1/2: PTP/IP Camera
wait camera 2: connected
key space
waitre [0-9:]{8} 1 SIM_[0-9]{4}.JPG .* 1/125
waitre [0-9:]{8} 2 SIM_[0-9]{4}.JPG .* 1/125
sh "$SIMCAM" ctl "$SIMS/ctl2" power off >/dev/null
wait camera 2: disconnected
sh "$SIMCAM" ctl "$SIMS/ctl2" power on >/dev/null
wait camera 2: reconnected, PTP/IP Camera
keys ]
wait camera 2/2: PTP/IP Camera
wait ISO Speed
keys q
exit
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /' | tail -n 40
check "UI, two cameras: status camera 1/2, camera 2 off and on comes back by itself, ] shows camera 2's settings, quits cleanly" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
diag "UI session journal: $(journal | jq -c "{n,camera,name}" | tr "\n" " ")"
check "... Space fired both cameras" test "$(journal | wc -l)" = 2 -a \
    "$(journal | jq .camera | sort -u | tr '\n' ' ')" = "1 2 "

# Four cameras, three rounds: the trigger spread of each round
pkill -P $$ -f capa-simcam 2>/dev/null
SESSION=$TEST_TMP/four SIMS=$TEST_TMP/four-sims
sims 4 || { not_ok "four capa-simcams start"; done_testing; }
start_cams --filename 'cam%c_%04n'
wait_events 4 '.event=="connected"' 30
for r in 1 2 3; do
    send capture
    wait_events $((r * 4)) '.event=="file-saved"' 60
done
stop_capa
check "four cameras, three captures: 12 files, 3 from each" \
    test "$(journal | wc -l)" = 12 -a "$(journal | jq .camera | sort | uniq -c | awk '$1==3' | wc -l)" = 4
check "--filename 'cam%c_%04n': each file names its camera (cam1_ .. cam4_)" \
    test "$(journal | jq -r 'select(.camera as $c | .path | split("/") | last | startswith("cam\($c)_")) | .n' | wc -l)" = 12
spreads=$(journal | jq -s 'sort_by(.trigger_us) | [range(0;3) as $r | .[$r*4:$r*4+4] | (max_by(.trigger_us).trigger_us - min_by(.trigger_us).trigger_us)] | map(. / 1000) | map(tostring) | join(" ")' -r)
diag "trigger spread across 4 cameras per round (ms): $spreads"
check "each round's four triggers are one round's (spread < 1 s: $spreads ms)" \
    jq -e -n --arg s "$spreads" '$s | split(" ") | map(tonumber) | all(. < 1000)'
reconcile_cams 4
done_testing
