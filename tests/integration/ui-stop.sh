#!/bin/bash
# Stopping a multi-shot capture in the UI: Esc (the `stop` key, listed by
# `?`) and the `:stop` command end `:capture 10` after the shot in progress.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP

# 1 MB/s: each shot takes about half a second to download
simcam_start --throttle 1000000 || { not_ok "capa-simcam starts"; done_testing; }
out=$("$VT" -t 40 -s 100x30 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/s" --graphics none 2>&1 <<EOS
wait ISO Speed
keys ?
waitre esc +stop +stop a capture sequence
dump $T/help
keys x
gone Keys (any key closes)
keys :capture 10\r
waitre SIM_0001[.]JPG .*f/
key esc
waitre ^stopped after [0-9]+ of 10 shots
dump $T/esc
keys :capture 10\r
waitre SIM_0004[.]JPG .*f/
keys :stop\r
waitre ^stopped after [0-9]+ of 10 shots
dump $T/cmd
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "Esc stops :capture 10, and :stop stops the next one" test $rc -eq 0
check "the help lists Esc as stop" grep -qE 'esc +stop ' "$T/help"
n1=$(sed -n 's/^stopped after \([0-9]*\) of 10 shots.*/\1/p' "$T/esc")
check "Esc: fewer than 10 shots (${n1:-none})" test "${n1:-10}" -lt 10
n2=$(sed -n 's/^stopped after \([0-9]*\) of 10 shots.*/\1/p' "$T/cmd")
check ":stop: fewer than 10 shots (${n2:-none})" test "${n2:-10}" -lt 10
files=$(ls "$T/s" | grep -c '^SIM_.*JPG$')
check "two stopped sequences: fewer than 20 files on disk ($files)" test "$files" -lt 20
done_testing
