#!/bin/bash
# Download throughput: capa vs `gphoto2 --get-all-files` on the same
# capa-simcam content (6000x4000 JPEGs).  Rounds alternate between the
# two (a shared machine's speed drifts), every round moves N files, and
# the median of the per-round ratios counts.  capa: the sum of its
# per-file times (file-saved .ms: file info + download + sha256 + fsync +
# rename + dir fsync + journal) over the round's files; gphoto2: wall time
# of --get-file 1-N minus that of --get-file 1 (N-1 downloads, nothing
# else).  Prints every round, the medians and the ratio (target >= 0.95).
# SPDX-License-Identifier: GPL-3.0-or-later
TEST_TMP=${BENCH_TMP:-$(mktemp -d)}
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
# 6000x4000 shots fill hundreds of MB: remove them (and stop our processes)
trap '_tap_cleanup; rm -rf "$TEST_TMP"' EXIT
N=${BENCH_SHOTS:-6}
R=${BENCH_ROUNDS:-5}

start_simcam --size 6000x4000 || { echo "bench: capa-simcam did not start"; exit 1; }
saved() { [ "$(grep -c '^{"event":"file-saved"' "$OUT")" -ge "$1" ]; }  # cheap: no jq

gp() { gphoto2 --camera "PTP/IP Camera" --port "ptpip:127.0.0.1:$SIM_PORT:$SIM_PORT" "$@"; }
ms() { date +%s%3N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# gphoto2's files: N shots on the card before capa starts (capa downloads
# only what is new once it is connected, so they stay for gphoto2).
ctl shoot "$N" >/dev/null
wait_for 120 test "$(camera_objects)" = "$N"

# capa_round: N shots taken on the body, downloaded (and deleted) by capa;
# prints its MB/s: bytes over the sum of its per-file times.
capa_round() {
    rm -rf "$SESSION"
    start_capa
    wait_events 1 '.event=="connected"' 20
    # one at a time: the simulator cannot serve while it renders the next shot
    for ((i = 1; i <= N; i++)); do
        ctl shoot >/dev/null
        wait_for 120 saved "$i"
    done
    stop_capa
    jq -s -r '[.[] | select(.event=="file-saved")] | "\(map(.bytes) | add) \(map(.ms) | add)"' "$OUT" |
        awk '$2 > 0 { print $1 / $2 / 1000 }'
}

# gp_round R: `--get-file 1-N` and `--get-file 1` on gphoto2's N files; the
# difference is N-1 downloads with process start, connect and listing
# cancelled out exactly.  Prints its MB/s.
gp_round() {
    local G="$TEST_TMP/gphoto2-$1" t0 t1 t2 d bytes
    mkdir -p "$G/one" "$G/all"
    t0=$(ms); (cd "$G/one" && gp --get-file 1 >/dev/null 2>&1); t1=$(ms)
    (cd "$G/all" && gp --get-file "1-$N" >/dev/null 2>&1); t2=$(ms)
    d=$(( (t2 - t1) - (t1 - t0) ))
    bytes=$(( $(cat "$G"/all/* 2>/dev/null | wc -c) - $(cat "$G"/one/* 2>/dev/null | wc -c) ))
    rm -rf "$G"
    [ "$d" -gt 0 ] && [ "$bytes" -gt 0 ] && awk -v b="$bytes" -v d="$d" 'BEGIN { print b / d / 1000 }'
}

# Interleaved rounds: both tools see the same moment of a shared machine;
# each round gives a ratio, the median ratio counts.
for ((r = 1; r <= R; r++)); do
    c=$(capa_round); g=$(gp_round "$r")
    [ -n "$c" ] && [ -n "$g" ] && echo "$c $g"
done >"$TEST_TMP/rounds"

awk -v n="$N" -v r="$R" '{ printf "round %d: capa %.1f MB/s, gphoto2 %.1f MB/s, ratio %.2f\n", NR, $1, $2, $1 / $2 }' \
    "$TEST_TMP/rounds"
cm=$(cut -d' ' -f1 "$TEST_TMP/rounds" | median); gm=$(cut -d' ' -f2 "$TEST_TMP/rounds" | median)
rm=$(awk '{ print $1 / $2 }' "$TEST_TMP/rounds" | median)
awk -v c="$cm" -v g="$gm" -v q="$rm" -v n="$N" -v r="$R" 'BEGIN {
    printf "content: %d captures of 6000x4000 per round, %d interleaved rounds, medians\n", n, r
    printf "capa (download + sha256 + fsync + rename + journal): %.1f MB/s\n", c
    printf "gphoto2 --get-file 1-N minus --get-file 1:          %.1f MB/s\n", g
    printf "ratio capa/gphoto2 (median of the rounds): %.2f (target >= 0.95) %s\n", q, (q >= 0.95 ? "OK" : "BELOW TARGET")
}'
