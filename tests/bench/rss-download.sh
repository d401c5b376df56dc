#!/bin/bash
# capa's peak RSS while downloading 6000x4000 captures (target <= 40 MiB).
# SPDX-License-Identifier: GPL-3.0-or-later
TEST_TMP=${BENCH_TMP:-$(mktemp -d)}
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
# 6000x4000 shots fill hundreds of MB: remove them (and stop our processes)
trap '_tap_cleanup; rm -rf "$TEST_TMP"' EXIT
N=${BENCH_SHOTS:-6}

start_simcam --size 6000x4000 || { echo "bench: capa-simcam did not start"; exit 1; }
rm -f "$TEST_TMP/in" "$OUT"
mkfifo "$TEST_TMP/in"
/usr/bin/time -v -o "$TEST_TMP/time" "$CAPA" --headless --port "ptpip:127.0.0.1:$SIM_PORT" \
    --session "$SESSION" <"$TEST_TMP/in" >"$OUT" 2>/dev/null &
CAPA_PID=$!
track_pid "$CAPA_PID"
exec 7>"$TEST_TMP/in"
wait_events 1 '.event=="connected"' 20
echo "capture $N" >&7
wait_events "$N" '.event=="file-saved"' 600
exec 7>&-
wait "$CAPA_PID"
kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TEST_TMP/time")
bytes=$(jq -s '[.[] | select(.event=="file-saved") | .bytes] | add' "$OUT")
awk -v kb="$kb" -v n="$N" -v b="$bytes" 'BEGIN {
    printf "downloaded %d captures of 6000x4000 (%.1f MB in all)\n", n, b / 1e6
    printf "capa peak RSS: %.1f MiB (target <= 40 MiB) %s\n", kb / 1024, (kb / 1024 <= 40 ? "OK" : "ABOVE TARGET")
}'
