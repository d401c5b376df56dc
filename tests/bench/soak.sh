#!/bin/bash
# The soak (issue 17): SOAK_CAPTURES (1000) captures through the real
# libgphoto2 to capa-simcam at 640x426, with a fault after every 10th
# (a connection dropped mid-transfer, DeviceBusy, body shots, unplug,
# unplug during a capture, the camera killed mid-download and restarted
# on the same port and card, shots taken while the link is off) and
# hostile headless lines and camera names every 250.  capa's RSS, open fds and threads are sampled every 100
# captures; then `reconcile` and the campaign line.
# SPDX-License-Identifier: GPL-3.0-or-later
TEST_TMP=${BENCH_TMP:-$(mktemp -d)}
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
. "$SRCDIR/tests/lib/campaign.sh"
N=${SOAK_CAPTURES:-1000}
t0=$(date +%s)

campaign_start || { echo "soak: capa-simcam or capa did not start"; exit 0; }
kinds=(drop busy shoot unplug unplug-capture kill away)
samples=()
k=0
for i in $(seq 1 "$N"); do
    capture_one || diag "capture $i failed"
    if [ $((i % 10)) -eq 5 ]; then
        inject "${kinds[$((k % ${#kinds[@]}))]}" "$k" 1 5
        k=$((k + 1))
    fi
    if [ $((i % 250)) -eq 125 ]; then
        bad_inputs; bad_names; bad_cycle
    fi
    if [ $((i % 100)) -eq 0 ]; then
        settle 30
        samples+=("$(sample "$i")")
    fi
done
echo "captures  RSS(KiB)  fds  threads"
for s in "${samples[@]}"; do set -- $s; printf '%8s %9s %4s %8s\n' "$1" "$2" "$3" "$4"; done
# flat: the last sample within 10 % (RSS) or 2 (fds, threads) of the
# first after warm-up (the second sample when there are more than two)
w=0; [ ${#samples[@]} -gt 2 ] && w=1
set -- ${samples[$w]}; r0=$2 f0=$3 t0s=$4
set -- ${samples[-1]}
if [ "$2" -le $((r0 + r0 / 10)) ] && [ "$3" -le $((f0 + 2)) ] && [ "$4" -le $((t0s + 2)) ]; then
    echo "flat (after warm-up at ${samples[$w]%% *} captures)"
else
    echo "not flat: RSS $r0 -> $2 KiB, fds $f0 -> $3, threads $t0s -> $4"
fi
for f in "${!FAULTS_BY[@]}"; do printf '%s %s, ' "$f" "${FAULTS_BY[$f]}"; done; echo "faults"
campaign_end
echo "$CAMPAIGN"
echo "($CAMPAIGN_MORE)"
stop_capa
echo "capa exit status $CAPA_RC; $(($(date +%s) - t0)) s"
