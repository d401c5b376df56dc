#!/bin/bash
# A reconnect blip writes one capture-log row per event that matters, read
# through libvterm against capa-simcam (real libgphoto2): the camera drops
# the connection (`ctl unplug`), and later dies (kill -9) and comes back on
# the same port with the same card.  Each time the log gets "disconnected:
# ... reconnecting by itself" and "reconnected to MODEL on PORT" and nothing
# else (no attempts, probes, library chatter, "nothing to retry"); the
# attempt counter shows on the message line meanwhile.  With
# --no-auto-connect the loss is one row that says how to connect again.
# Headless mode keeps its events (hotplug-reconnect.sh).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP
mkdir -p "$T/card"

simcam_start --store "$T/card" || { not_ok "capa-simcam starts"; done_testing; }
CTL2=$T/ctl2
# The camera comes back: the same port and card, a new control socket.
cat >"$T/restart" <<W
. "$SRCDIR/tests/lib/tap.sh"
"$SIMCAM" --port $SIMCAM_PORT --store "$T/card" --control "$CTL2" >"$T/out2" 2>&1 &
echo \$! >"$T/pid2"
wait_for 20 grep -q '^listening ' "$T/out2"
W
STATUS_OK='^ capa [|] PTP/IP Camera [|] connected'

out=$("$VT" -t 60 -s 120x60 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
sh "$SIMCAM" ctl "$SIMCAM_CTL" name ONE.JPG >/dev/null
key space
waitre ONE[.]JPG .*f/
sh "$SIMCAM" ctl "$SIMCAM_CTL" unplug >/dev/null
wait disconnected
waitre $STATUS_OK
sh "$SIMCAM" ctl "$SIMCAM_CTL" name TWO.JPG >/dev/null
key space
waitre TWO[.]JPG .*f/
dump $T/unplug
sh kill -9 $SIMCAM_PID
waitre attempt 2
dump $T/away
sh bash $T/restart
waitre $STATUS_OK
dump $T/back0
sh "$SIMCAM" ctl "$CTL2" name THREE.JPG >/dev/null
key space
waitre THREE[.]JPG .*f/
dump $T/back
keys q
exit 0
EOS
)
rc=$?
wait "$SIMCAM_PID" 2>/dev/null   # killed above
[ -s "$T/pid2" ] && track_pid "$(cat "$T/pid2")"
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'

# log_rows FILE FROM TO: the capture-log rows strictly between the shot rows
# FROM and TO (their text, without the time).
log_rows() {
    sed -n "/^│[0-9:]* $2 /,/^│[0-9:]* $3 /p" "$1" | sed '1d;$d' | sed -E 's/^│[0-9:]+ //; s/ *│$//'
}
for blip in unplug back; do
    case $blip in unplug) a=ONE.JPG b=TWO.JPG ;; back) a=TWO.JPG b=THREE.JPG ;; esac
    rows=$(log_rows "$T/$blip" "$a" "$b")
    n=$(grep -c . <<<"$rows")
    sed 's/^/# /' <<<"$rows"
    check "$blip: the blip writes at most 2 log rows ($n)" test "$n" -le 2
    check "$blip: the loss row says why and what capa does" \
        grep -qE '^disconnected: .+; reconnecting by itself$' <<<"$rows"
    check "$blip: the return row names the camera and its port" \
        grep -qxF "reconnected to PTP/IP Camera on $SIMCAM_GPPORT" <<<"$rows"
done
check "while the camera is away the message line counts the attempts" \
    bash -c "tail -n 1 '$T/away' | grep -q 'attempt 2'"
check "while the camera is away the status bar says capa is reconnecting" \
    bash -c "head -n 1 '$T/away' | grep -q 'disconnected: reconnecting'"
check "the message line is cleared once the camera is back" \
    bash -c "! tail -n 1 '$T/back0' | grep -qE 'attempt|reconnect|answers'"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

# --no-auto-connect: one row, which says how to connect again.
GPPORT2=ptpip:127.0.0.1:$SIMCAM_PORT:$SIMCAM_PORT
out=$("$VT" -t 30 -s 120x40 -- "$CAPA" --no-auto-connect --session "$T/session" \
      --graphics none 2>&1 <<EOS
wait waiting for a camera
keys :connect $GPPORT2 PTP/IP Camera
key enter
wait ISO Speed
sh "$SIMCAM" ctl "$CTL2" unplug >/dev/null
wait disconnected:
dump $T/manual
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
rows=$(sed -n '/connected to PTP/,/^└/p' "$T/manual" | sed '1d;$d' | grep -E '^│[0-9:]+ ' |
       sed -E 's/^│[0-9:]+ //; s/ *│$//')
sed 's/^/# /' <<<"$rows"
check "--no-auto-connect: the loss is one row that says how to connect again" \
    grep -qxE 'disconnected: .+; press r \(or :connect\) to connect again' <<<"$rows"
check "--no-auto-connect: and no other row" test "$(grep -c . <<<"$rows")" -eq 1
done_testing
