#!/bin/bash
# Download throughput: capa vs `gphoto2 --get-all-files` on the same
# capa-simcam content (6000x4000 JPEGs).  Both are measured the same way:
# R rounds each, every round moves N files, the best round counts (shared
# machines are noisy).  capa: the sum of its per-file times (file-saved
# .ms: file info + download + sha256 + fsync + rename + dir fsync +
# journal) over the round's files; gphoto2: wall time of --get-file 1-N
# minus that of --get-file 1 (N-1 downloads, nothing else).  Prints
# both figures and the ratio (target >= 0.95).
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
best() { sort -g | tail -1; }

# capa: each round, N shots taken on the body are downloaded (deleted from
# the card, so gphoto2 below sees only its own round's files).
for ((r = 1; r <= R; r++)); do
    rm -rf "$SESSION"
    start_capa
    wait_events 1 '.event=="connected"' 20
    # one at a time: the simulator cannot serve while it renders the next shot
    for ((i = 1; i <= N; i++)); do
        ctl shoot >/dev/null
        wait_for 120 saved "$i"
    done
    stop_capa
    jq -s -r '[.[] | select(.event=="file-saved")] | "\(map(.bytes) | add) \(map(.ms) | add)"' "$OUT"
done | awk '$2 > 0 { print $1 / $2 / 1000 }' | best >"$TEST_TMP/capa-rate"

# gphoto2: the same N files (shot once, kept), R rounds.  A round times
# `--get-file 1-N` and `--get-file 1`: the difference is N-1 downloads with
# process start, connect and listing cancelled out exactly.
ctl shoot "$N" >/dev/null
wait_for 120 test "$(camera_objects)" = "$N"
for ((r = 1; r <= R; r++)); do
    G="$TEST_TMP/gphoto2-$r"
    mkdir -p "$G/one" "$G/all"
    t0=$(ms); (cd "$G/one" && gp --get-file 1 >/dev/null 2>&1); t1=$(ms)
    (cd "$G/all" && gp --get-file "1-$N" >/dev/null 2>&1); t2=$(ms)
    d=$(( (t2 - t1) - (t1 - t0) ))
    gbytes=$(( $(cat "$G"/all/* 2>/dev/null | wc -c) - $(cat "$G"/one/* 2>/dev/null | wc -c) ))
    [ "$d" -gt 0 ] && [ "$gbytes" -gt 0 ] && echo "$gbytes $d"
done | awk '{ print $1 / $2 / 1000 }' | best >"$TEST_TMP/gp-rate"

awk -v c="$(cat "$TEST_TMP/capa-rate")" -v g="$(cat "$TEST_TMP/gp-rate")" -v n="$N" -v r="$R" 'BEGIN {
    printf "content: %d captures of 6000x4000 per round, best of %d rounds each\n", n, r
    printf "capa (download + sha256 + fsync + rename + journal): %.1f MB/s\n", c
    printf "gphoto2 --get-file 1-N minus --get-file 1:          %.1f MB/s\n", g
    if (g > 0)
        printf "ratio capa/gphoto2: %.2f (target >= 0.95) %s\n", c / g, (c / g >= 0.95 ? "OK" : "BELOW TARGET")
}'
