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
    wait_for 10 test -S "$CTL" || return 1
    # on a card with SIM_ files it numbers on from the highest
    SIM_SHOTS0=$(sim_status shots)
}

# sims N [PREFIX]: start N simulators for several cameras (serials
# PREFIX0k, default SIMCAM0k; cards in $SIMS/cardk, control sockets
# $SIMS/ctlk: a fresh $SIMS for each set); sets PORTS (capa's --port
# options, one per camera).
sims() {
    PORTS=()
    mkdir -p "$SIMS"
    for k in $(seq 1 "$1"); do
        mkdir -p "$SIMS/card$k"
        "$SIMCAM" -p 0 -c "$SIMS/ctl$k" --store "$SIMS/card$k" --serial "${2:-SIMCAM}0$k" \
            </dev/null >"$SIMS/sim$k.out" 2>>"$SIMS/sim$k.err" 7>&- &
        track_pid $!
        wait_for 10 grep -q '^listening' "$SIMS/sim$k.out" || return 1
        wait_for 10 test -S "$SIMS/ctl$k" || return 1
        PORTS+=(--port "ptpip:127.0.0.1:$(sed -n 's/^listening 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$SIMS/sim$k.out")")
    done
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

# Shots across simulators: SHOTS_BEFORE holds those of simulators gone or
# replaced (bank_shots), SIM_SHOTS0 the count the running one started at.
SHOTS_BEFORE=${SHOTS_BEFORE:-0}
SIM_SHOTS0=${SIM_SHOTS0:-0}

# shots_made: shots the simulators made so far, this one and those before.
# False when the simulator does not answer.
shots_made() {
    local now
    now=$(sim_status shots)
    [ -n "$now" ] && echo $(( SHOTS_BEFORE + now - SIM_SHOTS0 ))
}

# bank_shots: add the running simulator's shots so far to SHOTS_BEFORE
# (it counts on from here): call it before it dies or another simulator
# takes its control socket.
bank_shots() {
    local now
    now=$(sim_status shots)
    SHOTS_BEFORE=$(( SHOTS_BEFORE + now - SIM_SHOTS0 ))
    SIM_SHOTS0=$now
}

# stop_simcam [SIGNAL]: end the simulator (SIGTERM by default) after
# banking its shots.
stop_simcam() {
    bank_shots
    kill -"${1:-TERM}" "$SIM_PID"
    wait "$SIM_PID" 2>/dev/null
}

# reconcile [--left N] [--shots N] [DIR...]: one check that every shot the
# simulators made (shots_made, or N with --shots when there is no
# simulator) is on disk exactly once, under a journal line's path with
# that line's sha256, or still on the card (--left N: exactly N of them);
# never missing, never two local copies, no part file left.  DIRs
# (default $SESSION) are session directories; a moved one's journal
# names its files by their old path: they are looked for beside the
# journal.  A card copy of a saved shot is allowed only when its journal
# line says keep (--keep); a file with no journal line only when its
# shot is still on the card (a retry journals it).  Card files are
# compared by their bytes: start the simulator with --store when shots
# may be left on the card.  Sets RECONCILE_SHOTS, _DISK, _CARD, _LOST and
# _TWICE for callers that print figures.
reconcile() {
    local left="" shots="" nocam="" sum lost what
    local disk=0 card=0 kept=0 twice=0 unj=0
    local -a dirs=() why=()
    local -A copies=() keeps=() journaled=() oncard=()
    while [ $# -gt 0 ]; do
        case $1 in
            --left) left=$2; shift 2 ;;
            --shots) shots=$2 nocam=1; shift 2 ;;
            *) dirs+=("${1%/}"); shift ;;
        esac
    done
    [ ${#dirs[@]} -gt 0 ] || dirs=("$SESSION")
    if [ -z "$nocam" ]; then
        wait_for 20 test "$(sim_status pending)" = 0 || why+=("the camera has shots pending")
        shots=$(shots_made 2>/dev/null) || { why+=("the simulator does not answer"); shots=0; }
    fi
    reconcile_journals "${dirs[@]}"
    for sum in "${!copies[@]}"; do
        disk=$((disk + 1))
        twice=$(( twice + copies[$sum] - 1 ))
    done
    [ -n "$nocam" ] || reconcile_card
    reconcile_unjournaled "${dirs[@]}"
    lost=$((shots - disk - card))
    [ "$lost" -ge 0 ] || why+=("more shots on disk and card than the camera made")
    [ -z "$left" ] || [ "$card" -eq "$left" ] || why+=("$left meant to stay on the card")
    RECONCILE_SHOTS=$shots RECONCILE_DISK=$disk RECONCILE_CARD=$card
    RECONCILE_LOST=$lost RECONCILE_TWICE=$twice
    what="$shots shots, $disk on disk, $card on card, $lost lost, $twice twice"
    [ "$kept" -eq 0 ] || what="$what; $kept kept on the card (--keep)"
    [ "$unj" -eq 0 ] || what="$what; $unj not journaled yet (shot on the card)"
    [ ${#dirs[@]} -eq 1 ] || what="$what; ${#dirs[@]} sessions"
    [ ${#why[@]} -eq 0 ] || what="$what ($(printf '%s; ' "${why[@]}" | sed 's/; $//'))"
    check "reconcile: $what" test "$lost" -eq 0 -a "$twice" -eq 0 -a ${#why[@]} -eq 0
}

# The parts of reconcile; they fill its locals (bash scopes dynamically).
# reconcile_journals DIR...: the saved lines; a local copy counts (in
# copies, by sha256) when its file has the line's sha256.
reconcile_journals() {
    local d f sum keep path
    for d in "$@"; do
        while read -r sum keep path; do
            [ -n "$sum" ] || continue
            f="$d/${path##*/}"
            if [ -n "${journaled[$f]:-}" ]; then
                why+=("${f##*/} has two journal lines")
                continue
            fi
            journaled[$f]=1
            if [ "$(sha256sum "$f" 2>/dev/null | cut -d' ' -f1)" = "$sum" ]; then
                copies[$sum]=$(( ${copies[$sum]:-0} + 1 ))
                [ "$keep" != true ] || keeps[$sum]=1
            else
                why+=("${f##*/} is not on disk with its sha256")
            fi
        done < <(jq -r 'select(.status=="saved") | "\(.sha256) \(.keep) \(.path)"' \
            "$d/.capa/journal.jsonl" 2>/dev/null)
    done
}

# reconcile_card: each file on the card, by its bytes: on the card only,
# or kept beside its saved copy (--keep).
reconcile_card() {
    local h size path name sum
    while read -r h size path name; do
        if [ "$path" = - ]; then
            card=$((card + 1))
            why+=("card object $h ($name) cannot be compared: start the simulator with --store")
            continue
        fi
        sum=$(sha256sum "$path" | cut -d' ' -f1)
        oncard[$sum]=1
        if [ -z "${copies[$sum]:-}" ]; then
            card=$((card + 1))
        elif [ -n "${keeps[$sum]:-}" ]; then
            kept=$((kept + 1))
        else
            why+=("$name is on the card and saved without --keep")
        fi
    done < <(ctl list | sed -n 's/^object //p')
}

# reconcile_unjournaled DIR...: files with no journal line (a second
# copy, or one of a shot still on the card) and part files.
reconcile_unjournaled() {
    local d f sum
    for d in "$@"; do
        while IFS= read -r -d '' f; do
            [ -z "${journaled[$f]:-}" ] || continue
            sum=$(sha256sum "$f" | cut -d' ' -f1)
            if [ -n "${copies[$sum]:-}" ]; then
                twice=$((twice + 1))
            elif [ -n "${oncard[$sum]:-}" ]; then
                unj=$((unj + 1))
            else
                why+=("${f##*/} has no journal line and its shot is not on the card")
            fi
        done < <(find "$d" -maxdepth 1 -type f ! -name '.*' -print0 2>/dev/null)
        for f in "$d"/.capa-part-*; do
            [ ! -e "$f" ] || why+=("part file ${f##*/} left in ${d##*/}")
        done
    done
}
