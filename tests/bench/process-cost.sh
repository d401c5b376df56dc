#!/bin/bash
# The cost of the process boundary: capa ($CAPA, libgphoto2 in a camera
# process) against a reference capa from before it ($REF_CAPA, e.g. one
# built from 642e3ba, libgphoto2 in a thread of the one process), on the
# same simulators, runs interleaved (the order swaps every round; a shared
# machine's speed drifts), medians.  Goal: within 5 %.
#  - capture latency: headless `capture` sent -> its file-saved line on
#    capa's stdout (as capture-latency.sh's headless figure), K captures a
#    run, the run's median;
#  - download throughput (as download-throughput.sh, 6000x4000 JPEGs shot
#    on the body one at a time): per file, `ctl shoot` returned (the shot
#    is on the card) -> its file-saved line on stdout, bytes over the
#    sum (wall: the boundary's relay counts); and bytes over the sum of
#    the file-saved .ms (timed inside whichever process downloads).
# Without REF_CAPA it says so and skips.
# SPDX-License-Identifier: GPL-3.0-or-later
[ -n "$REF_CAPA" ] || { echo "process-cost bench: skipped (set REF_CAPA to a capa from before the camera process, e.g. 642e3ba)"; exit 0; }
[ -x "$REF_CAPA" ] || { echo "process-cost bench: REF_CAPA=$REF_CAPA is not executable"; exit 0; }
TEST_TMP=${BENCH_TMP:-$(mktemp -d)}
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
trap '_tap_cleanup; rm -rf "$TEST_TMP"' EXIT   # the 6000x4000 shots fill hundreds of MB
R=${BENCH_ROUNDS:-5}
K=${BENCH_CAPTURES:-5}
N=${BENCH_SHOTS:-6}

# two simulators: default shots for latency, 6000x4000 for throughput
CTL=$TEST_TMP/ctl-lat start_simcam || { echo "process-cost bench: capa-simcam did not start"; exit 0; }
LAT_PORT=$SIM_PORT
CTL=$TEST_TMP/ctl-thr start_simcam --size 6000x4000 || { echo "process-cost bench: capa-simcam did not start"; exit 0; }
THR_PORT=$SIM_PORT
THR_CTL=$TEST_TMP/ctl-thr

# stamp: copy stdin's lines, each prefixed with its arrival time (Unix s.µs).
stamp() { while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done; }
atleast() { [ "$(grep -c "\"event\":\"$1\"" "$OUT" 2>/dev/null)" -ge "$2" ]; }   # cheap: no jq
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
saved_times() { grep '"event":"file-saved"' "$OUT" | cut -d' ' -f1; }

# run BINARY PORT: start BINARY headless on the simulator at PORT, events
# stamped into $OUT; waits for connected.
run() {
    rm -rf "$SESSION" "$TEST_TMP/in" "$OUT"
    mkfifo "$TEST_TMP/in"
    "$1" --headless --port "ptpip:127.0.0.1:$2" --session "$SESSION" <"$TEST_TMP/in" \
        2>>"$TEST_TMP/capa.err" | stamp >"$OUT" &
    CAPA_PID=$!
    track_pid "$CAPA_PID"
    exec 7>"$TEST_TMP/in"
    wait_for 30 atleast connected 1
}

# latency BINARY: prints the median ms of K captures.
latency() {
    local i
    run "$1" "$LAT_PORT" || { stop_capa; return 1; }
    : >"$TEST_TMP/sent"
    for ((i = 1; i <= K; i++)); do
        echo "$EPOCHREALTIME" >>"$TEST_TMP/sent"
        send capture
        wait_for 60 atleast file-saved "$i" || break
    done
    stop_capa
    saved_times | paste "$TEST_TMP/sent" - | awk 'NF == 2 { print ($2 - $1) * 1000 }' | median
}

# throughput BINARY: prints "wall-MB/s ms-MB/s" over N body shots.
throughput() {
    local i
    run "$1" "$THR_PORT" || { stop_capa; return 1; }
    : >"$TEST_TMP/shot"
    # one at a time: the simulator cannot serve while it renders the next shot
    for ((i = 1; i <= N; i++)); do
        "$SIMCAM" ctl "$THR_CTL" shoot >/dev/null
        echo "$EPOCHREALTIME" >>"$TEST_TMP/shot"
        wait_for 120 atleast file-saved "$i" || break
    done
    stop_capa
    local wall
    wall=$(saved_times | paste "$TEST_TMP/shot" - | awk 'NF == 2 { s += $2 - $1 } END { print s * 1000 }')
    grep '"event":"file-saved"' "$OUT" | cut -d' ' -f2- |
        jq -s -r --arg w "$wall" '"\(map(.bytes) | add) \($w) \(map(.ms) | add)"' |
        awk '$2 > 0 && $3 > 0 { print $1 / $2 / 1000, $1 / $3 / 1000 }'
}

# one_round R: both binaries, in an order that swaps every round.
one_round() {
    local a b
    for who in $([ $(($1 % 2)) = 1 ] && echo "cur ref" || echo "ref cur"); do
        bin=$CAPA; [ "$who" = ref ] && bin=$REF_CAPA
        a=$(latency "$bin"); b=$(throughput "$bin")
        echo "$who ${a:-nan} ${b:-nan nan}"
    done
}
for ((r = 1; r <= R; r++)); do one_round "$r"; done >"$TEST_TMP/runs"

# per binary: columns 2 latency, 3 wall MB/s, 4 .ms MB/s
col() { awk -v w="$1" -v c="$2" '$1 == w && $c != "nan" { print $c }' "$TEST_TMP/runs" | median; }
for r in $(seq 1 "$R"); do
    sed -n "$((2 * r - 1)),$((2 * r))p" "$TEST_TMP/runs" | sort |
        awk -v r="$r" '{ l[$1] = $2; w[$1] = $3; m[$1] = $4 }
            END { printf "round %d: latency %.1f / %.1f ms, throughput %.1f / %.1f MB/s (wall), %.1f / %.1f MB/s (.ms)\n",
                r, l["cur"], l["ref"], w["cur"], w["ref"], m["cur"], m["ref"]
                printf "%s %s %s\n", l["cur"] / l["ref"], w["cur"] / w["ref"], m["cur"] / m["ref"] >"/dev/stderr" }'
done 2>"$TEST_TMP/ratios"
rat() { cut -d' ' -f"$1" "$TEST_TMP/ratios" | median; }
awk -v lc="$(col cur 2)" -v lr="$(col ref 2)" -v wc="$(col cur 3)" -v wr="$(col ref 3)" \
    -v mc="$(col cur 4)" -v mr="$(col ref 4)" -v r="$R" -v k="$K" -v n="$N" \
    -v ql="$(rat 1)" -v qw="$(rat 2)" -v qm="$(rat 3)" 'BEGIN {
    printf "(each: camera process / in-process thread; %d interleaved rounds, medians; ratio: median of the rounds\x27 ratios)\n", r
    printf "capture latency (headless, %d captures a run): %.1f ms / %.1f ms, ratio %.3f %s\n",
        k, lc, lr, ql, (ql <= 1.05 ? "OK" : "ABOVE GOAL (> 1.05)")
    printf "throughput, wall (%d 6000x4000 shots a run):   %.1f MB/s / %.1f MB/s, ratio %.3f %s\n",
        n, wc, wr, qw, (qw >= 0.95 ? "OK" : "BELOW GOAL (< 0.95)")
    printf "throughput, file-saved .ms:                   %.1f MB/s / %.1f MB/s, ratio %.3f %s\n",
        mc, mr, qm, (qm >= 0.95 ? "OK" : "BELOW GOAL (< 0.95)")
}'
exit 0
