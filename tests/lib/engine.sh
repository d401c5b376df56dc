# Helpers for the engine's integration tests: a capa-simcam and a headless
# capa driven through a fifo.  Source after tap.sh.
# SPDX-License-Identifier: GPL-3.0-or-later
export HOME="$TEST_TMP/home"
# make sanitize: tests/run-tests points LSan at tests/lsan.supp (libgphoto2's
# own leaks are not capa's).
mkdir -p "$HOME"
SESSION="$TEST_TMP/session"
CTL="$TEST_TMP/ctl"
OUT="$TEST_TMP/events.jsonl"

# start_simcam [ARGS...]: start capa-simcam on a free port (`-p PORT` in
# ARGS picks one: the last -p wins); sets SIM_PORT.  Its stdin is /dev/null
# and fd 7 (capa's command fifo) closed, so a simulator restarted during a
# session holds nothing of capa's open.
start_simcam() {
    rm -f "$CTL" "$TEST_TMP/sim.out"
    "$SIMCAM" -p 0 -c "$CTL" "$@" </dev/null >"$TEST_TMP/sim.out" \
        2>>"$TEST_TMP/sim.err" 7>&- &
    SIM_PID=$!
    track_pid "$SIM_PID"
    wait_for 10 grep -q '^listening' "$TEST_TMP/sim.out" || { diag "simcam did not start"; return 1; }
    SIM_PORT=$(sed -n 's/^listening 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TEST_TMP/sim.out")
    wait_for 10 test -S "$CTL"
}

# ctl COMMAND...: talk to the simulator's control socket.
ctl() { "$SIMCAM" ctl "$CTL" "$@"; }

# start_capa [ARGS...]: start capa --headless against the simulator; commands
# go in with `send`, events land in $OUT.
start_capa() {
    rm -f "$TEST_TMP/in" "$OUT"
    mkfifo "$TEST_TMP/in"
    "$CAPA" --headless --port "ptpip:127.0.0.1:$SIM_PORT" --session "$SESSION" "$@" \
        <"$TEST_TMP/in" >"$OUT" 2>>"$TEST_TMP/capa.err" &
    CAPA_PID=$!
    track_pid "$CAPA_PID"
    exec 7>"$TEST_TMP/in"
}

# file_limited_capa KIB: a wrapper that runs capa under a file-size limit
# (RLIMIT_FSIZE) of KIB KiB, for writes that fail; prints its path.  Use
# as CAPA=$(file_limited_capa 100) start_capa.
file_limited_capa() {
    local f="$TEST_TMP/capa-limited-$1"
    printf '#!/bin/sh\nulimit -f %s\nexec "%s" "$@"\n' "$1" "$CAPA" >"$f"
    chmod +x "$f"
    echo "$f"
}

# send LINE: one command to capa.
send() { echo "$*" >&7; }

# stop_capa: EOF on stdin, wait for capa to finish (deadline 60 s).
stop_capa() {
    exec 7>&-
    wait_capa
}

# wait_capa: wait for capa to exit (killed after 60 s); sets CAPA_RC.
wait_capa() {
    wait_for 60 capa_exited || kill "$CAPA_PID" 2>/dev/null
    wait "$CAPA_PID" 2>/dev/null
    CAPA_RC=$?
}

# capa_exited: true once capa is gone or a zombie waiting for `wait`.
capa_exited() {
    case $(ps -o stat= -p "$CAPA_PID" 2>/dev/null) in ''|Z*) return 0 ;; esac
    return 1
}

# worker_pid: the camera process of the running capa (the child that
# calls libgphoto2; empty when none runs).
worker_pid() { pgrep -P "$CAPA_PID" -f -- '--camera-process' | head -1; }

# nevents JQ-FILTER: number of events matching a jq select() filter.
nevents() { jq -c "select($1)" "$OUT" 2>/dev/null | wc -l; }

# wait_events N JQ-FILTER [SECONDS]: wait until N events match.
have_events() { test "$(nevents "$2")" -ge "$1"; }
wait_events() { wait_for "${3:-30}" have_events "$1" "$2"; }

# camera_objects: number of objects left on the simulated card.
camera_objects() { ctl list | sed -n 's/^ok \([0-9]*\)$/\1/p'; }

# quiet COMMAND...: run COMMAND without its stdout.
quiet() { "$@" >/dev/null; }

# sim_status KEY: one field of the simulator's `status` line.
sim_status() { ctl status | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# reconcile [DIR...]: every shot the simulator made is either on disk
# under its journal line's path with that line's sha256, or still on the
# card; never both, never twice, no part file left.  DIRs (default
# $SESSION) are session directories (a moved one's journal names its
# files by their old path: they are looked for beside the journal).
# Prints one check per property.  Needs start_simcam --store DIR (the
# card's files then have paths) and the simulator still running;
# SHOTS_BEFORE counts the shots of earlier simulators on the same card
# (a restarted one numbers on from the card's highest SIM_ name).
reconcile() {
    local bad="" shots card lines dups both files sum path d
    local -a js=()
    [ $# -gt 0 ] || set -- "$SESSION"
    for d in "$@"; do js+=("$d/.capa/journal.jsonl"); done
    saved_lines() { cat "${js[@]}" 2>/dev/null | jq -c 'select(.status=="saved")'; }
    wait_for 20 test "$(sim_status pending)" = 0
    shots=$(( $(sim_status shots) + ${SHOTS_BEFORE:-0} ))
    card=$(camera_objects)
    lines=$(saved_lines | wc -l)
    # a journal names files in its own directory (moved with it, maybe)
    for d in "$@"; do
        while read -r path sum; do
            [ -n "$path" ] || continue
            path="$d/${path##*/}"
            [ "$(sha256sum "$path" 2>/dev/null | cut -d' ' -f1)" = "$sum" ] || bad="$bad $path"
        done < <(jq -r 'select(.status=="saved") | "\(.path) \(.sha256)"' \
            "$d/.capa/journal.jsonl" 2>/dev/null)
    done
    check "reconcile: every journaled file is on disk with its sha256${bad:+ (bad:$bad)}" \
        test -z "$bad"
    check "reconcile: $shots shots = $lines journaled + $card on the card" \
        test "$shots" -eq $((lines + card))
    dups=$(saved_lines | jq -r '.sha256' | sort | uniq -d | wc -l)
    check "reconcile: no shot journaled twice ($dups)" test "$dups" -eq 0
    both=0
    while read -r path; do
        sum=$(sha256sum "$path" | cut -d' ' -f1)
        saved_lines | jq -e --arg s "$sum" 'select(.sha256==$s)' >/dev/null && both=$((both + 1))
    done < <(ctl list | sed -n 's/^object [0-9]* [0-9]* \([^ ]*\) .*/\1/p')
    check "reconcile: no shot both on the card and journaled ($both)" test "$both" -eq 0
    files=$(find "$@" -maxdepth 1 -type f ! -name '.*' | wc -l)
    check "reconcile: one file per journal line ($files files)" test "$files" -eq "$lines"
    check "reconcile: no part file is left" \
        test -z "$(find "$@" -maxdepth 1 -name '.capa-part-*')"
}
