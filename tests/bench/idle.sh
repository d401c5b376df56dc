#!/bin/bash
# make bench: CPU used by an idle capa connected to capa-simcam over 30 s
# (target < 0.5 %).  capa runs in a pty driven by vt-drive; its CPU time
# (all threads) is read from /proc before and after the interval.
# SPDX-License-Identifier: GPL-3.0-or-later
cd "${BENCH_TMP:-$(mktemp -d)}" || exit 1
export TEST_TMP=$PWD
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
SECS=${IDLE_SECONDS:-30}
[ -x "$TOOLS/vt-drive" ] || { echo "idle bench: needs make tests"; exit 0; }
simcam_start || { echo "idle bench: capa-simcam did not start"; exit 0; }

# Measure inside the driver, which names capa's pid in VT_CHILD_PID.
cat >measure.sh <<M
pid=\$VT_CHILD_PID
ticks() { awk '{ print \$14 + \$15 }' /proc/\$pid/stat; }
a=\$(ticks); sleep $SECS; b=\$(ticks)
hz=\$(getconf CLK_TCK)
awk -v d=\$((b - a)) -v hz=\$hz -v s=$SECS 'BEGIN { printf "idle CPU over %d s: %.3f %% (%d ticks; target < 0.5 %%)\n", s, 100 * d / hz / s, d }' >result
M
"$TOOLS/vt-drive" -t 60 -s 100x30 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
    --session "$PWD/session" --graphics none >/dev/null 2>err <<S
wait ISO Speed
sh sh $PWD/measure.sh
keys q
exit 0
S
cat result 2>/dev/null || { echo "idle bench: failed"; cat err; }
