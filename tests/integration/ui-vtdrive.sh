#!/bin/bash
# The pty + libvterm driver the UI tests stand on: screen text, keys, resize,
# DA1 answers, sixel capture and terminal-state report, on trivial programs.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
VT="$TOOLS/vt-drive"

out=$("$VT" -s 40x10 -- bash -c 'printf "hello vt\n"; read -r x; echo "got:$x"; sleep 0.2' <<'S' 2>&1
wait hello vt
keys abc\r
wait got:abc
S
)
check "screen text appears and typed keys reach the program" test $? -eq 0
echo "$out" | sed 's/^/# /'

"$VT" -t 1 -- bash -c 'echo something' <<'S' 2>"$TEST_TMP/err"
wait never-printed
S
check "a wait for absent text fails" test $? -eq 1
check "a failed wait dumps the screen" grep -q something "$TEST_TMP/err"

out=$("$VT" -s 40x10 -- bash -c 'trap "echo size:\$(stty size)" WINCH; echo ready; while :; do sleep 0.1; done' <<'S'
wait ready
resize 60x15
wait size:15 60
dump
S
)
check "resize reaches the program as SIGWINCH with the new size" grep -q 'size:15 60' <<<"$out"

da1_script='stty -echo -icanon; printf "\033[c"; IFS= read -r -d c r; printf "reply=%q\n" "$r"; sleep 0.2'
out=$("$VT" -d sixel -- bash -c "$da1_script" <<'S'
wait reply=
dump
S
)
check "DA1 answered with 4 in sixel mode" grep -q "reply=.*62;4;22'" <<<"$out"
out=$("$VT" -d plain -- bash -c "$da1_script" <<'S'
wait reply=
dump
S
)
check "DA1 answered without 4 in plain mode" grep -q "reply=.*?62;22'" <<<"$out"

out=$("$VT" -s 40x10 -- bash -c 'printf "\033[5;10Hx\033Pq#0;2;100;0;0#0~~~~\033\\\\done\n"; sleep 0.3' <<S
wait done
sixel $TEST_TMP/img.six
S
)
check "sixel DCS captured with its start cell" grep -qx 'sixel 4 10 [0-9]*' <<<"$out"
check "sixel bytes saved" grep -q '~~~~' "$TEST_TMP/img.six"

out=$("$VT" -- bash -c 'tput smcup; tput civis; echo inalt; read -r; tput rmcup; tput cnorm; exit 3' <<'S'
wait inalt
keys \r
exit 3
S
)
check "exit reports code and restored terminal" grep -qx 'exit 3 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
out=$("$VT" -- bash -c 'tput smcup; stty -echo; echo inalt; read -r; exit 0' <<'S'
wait inalt
keys \r
exit
S
)
check "exit reports a terminal left in the alternate screen" grep -q 'altscreen=1 .*echo=0' <<<"$out"
done_testing
