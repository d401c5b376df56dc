#!/bin/bash
# capa --demo starts capa-simcam on a free port, connects, and stops it on
# exit; its shots go to a session of its own (not the day's), shown in the
# status bar and named on exit; SIGTERM ends the UI with the terminal
# restored.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
VT="$TOOLS/vt-drive"
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config"
mkdir -p "$HOME"
T=$TEST_TMP

# Record the simulator's pid while capa runs (capa's child named capa-simcam).
cat >"$T/simpid" <<'W'
ps -o pid=,comm= --ppid "$VT_CHILD_PID" | awk '$2 == "capa-simcam" { print $1 }' >"$OUT"
W
out=$(OUT=$T/pid "$VT" -t 30 -s 100x30 -- "$CAPA" --demo --simcam "$SIMCAM" --session "$T/s" --graphics none 2>&1 <<S
wait connected to PTP/IP Camera on ptpip:127.0.0.1:
wait ISO Speed
sh sh $T/simpid
key space
waitre SIM_0001[.]JPG .*f/
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "capa --demo connects to a capa-simcam it started" test $rc -eq 0
check "a capture works in the demo" test -s "$T/s/SIM_0001.JPG"
pid=$(cat "$T/pid" 2>/dev/null)
check "the simulator ran as capa's child (pid ${pid:-none})" test -n "$pid"
gone() { ! kill -0 "$1" 2>/dev/null; }
check "the simulator is gone after capa exits" wait_for 5 gone "${pid:-1}"

# Without --session: the demo's own session, beside the dated ones.
out=$("$VT" -t 30 -s 120x30 -- "$CAPA" --demo --simcam "$SIMCAM" --graphics none 2>&1 <<S
wait ISO Speed
key space
waitre SIM_0001[.]JPG .*f/
dump $T/demo-screen
keys q
exit 0
wait the demo's shots are in
dump $T/demo-exit
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
D=$HOME/Pictures/capa/demo
check "the demo's shot lands in ~/Pictures/capa/demo" test -s "$D/SIM_0001.JPG"
check "and in no dated session" test -z "$(ls "$HOME/Pictures/capa" | grep -v '^demo$')"
check "the status bar shows the demo session" grep -q '^ capa | .* | ~/Pictures/capa/demo *$' "$T/demo-screen"
check "on exit the demo says where its shots are" grep -qx "capa --demo: the demo's shots are in $D" "$T/demo-exit"

"$VT" -t 10 -- "$CAPA" --simcam /nonexistent/capa-simcam --demo >"$T/nosim" 2>&1 <<S
wait capa-simcam not found
exit 1
S
check "without a simulator --demo says so and exits 1" test $? -eq 0

out=$("$VT" -t 10 -s 80x24 -- "$CAPA" --graphics none 2>&1 <<'S'
wait Capture log
sh kill -TERM $VT_CHILD_PID
exit
S
)
check "SIGTERM ends the UI (status 143) and restores the terminal" grep -qx 'exit 143 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
