#!/bin/bash
# Editing settings in the tree as a photographer does, against capa-simcam
# through the real libgphoto2, read through libvterm: a text (Artist, with
# control bytes typed into it); texts too long for the camera (64 x, and 128
# é, more than the edit line's 254 bytes: never a cut UTF-8 sequence, which
# libgphoto2 would send as an empty string) are refused, the tree shows the
# camera's value again with a message and the session goes on; the camera
# clock set to "now", then to a word (refused by capa on the edit line,
# which stays open; Esc leaves it); and a toggle (Bulb
# Mode, the only toggle libgphoto2 2.5.30 offers a vendor-less PTP camera:
# it drives Fuji's property 0xd208, which the camera refuses).  The
# camera's values are read back with the gphoto2 CLI after capa quits.
# Ranges: ui-workflow.sh.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP

simcam_start -v || { not_ok "capa-simcam starts"; done_testing; }
# The camera's clock is far from the host's, so "now" is a visible change.
simcam_ctl set datetime 20000101T000000 >/dev/null || not_ok "the camera clock is set to 2000"
LONG=$(printf 'x%.0s' $(seq 64))   # the camera keeps at most 63 characters
# 128 two-byte characters: more than a 254-byte line holds; a cut sequence
# would make libgphoto2 send an empty string, erasing the Artist.
WIDE=$(printf 'é%.0s' $(seq 128))
BS=$(printf 'key backspace\n%.0s' $(seq 8))

out=$("$VT" -t 30 -s 160x50 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
waitre Camera Date and Time +2000-01-01
dump $T/start
keys /artist
waitre ^│> +Artist
keys \r
key enter
wait value:
keys Jane\x01\x02\x0b Doe\r
waitre ^│> +Artist +Jane Doe +│
dump $T/text
key enter
wait value: Jane Doe
$BS
keys $LONG\r
wait the camera kept 501e
waitre ^│> +Artist +Jane Doe +│
dump $T/long
key enter
wait value: Jane Doe
$BS
keys $WIDE\r
wait the camera kept 501e = Jane Doe, not ééé
waitre ^│> +Artist +Jane Doe +│
keys /datetime
waitre ^│> +Camera Date and Time
keys \r
key enter
wait value: now
key enter
gone 2000-01-01
dump $T/date
key enter
wait value: now
key backspace
key backspace
key backspace
keys tomorrow\r
wait is not a date
waitre ^│> +Camera Date and Time +20[0-9-]+ [0-9:]+ +│
dump $T/baddate
key esc
gone value: tomorrow
keys /bulb
waitre ^│> +Bulb Mode
keys \r
key enter
wait Send it? (y/n)
keys y
wait setting bulb to 1 failed
waitre ^│> +Bulb Mode +2 +│
dump $T/toggle
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
now=$(date +%s)
gp --get-config 501e >"$T/artist" 2>&1
gp --get-config datetime >"$T/clock" 2>&1

check "start-up shows the camera clock (2000-01-01)" grep -qE 'Camera Date and Time +2000-01-01 ' "$T/start"
check "text: the typed Artist is in the tree (control bytes dropped)" \
    grep -qE '^│> +Artist +Jane Doe +│' "$T/text"
check "text: the camera has it (gphoto2 reads Artist: Jane Doe)" grep -qx 'Current: Jane Doe' "$T/artist"
sets=$(grep -cE '^.*op 1016\(0000501e\).*-> 2001$' "$SIMCAM_LOG")
refused=$(grep -cE '^.*op 1016\(0000501e\).*-> 201c$' "$SIMCAM_LOG")
check "text: one Artist accepted; 64 x and 128 é refused by the camera, never sent empty ($sets, $refused)" \
    test "$sets" -eq 1 -a "$refused" -eq 2
check "text too long: the capture log says the camera kept its value" \
    grep -q 'the camera kept 501e = Jane Doe' "$T/long"
check "text too long: the tree shows the camera's value, not the refused one" \
    bash -c "grep -qE '^│> +Artist +Jane Doe +│' '$T/long' && ! grep -qE 'Artist +x{12}' '$T/long'"
shown=$(sed -nE 's/.*Camera Date and Time +([0-9-]+ [0-9:]+) .*/\1/p' "$T/date")
shown_s=$(date -d "$shown" +%s 2>/dev/null || echo 0)
diag "clock shown: $shown; host: $(date -d @"$now" '+%F %T')"
check "date: \"now\" shows the host's time in the tree (within 2 min)" \
    test $((now - shown_s)) -ge -2 -a $((now - shown_s)) -le 120
cam_s=$(sed -n 's/^Current: //p' "$T/clock")
check "date: the camera's clock is the host's now (gphoto2 reads $cam_s, within 2 min)" \
    test $((now - ${cam_s:-0})) -ge -2 -a $((now - ${cam_s:-0})) -le 120
check "date: a word that is not a time is refused with a clear message, the edit line kept" \
    grep -q '^value: tomorrow .*datetime: "tomorrow" is not a date' "$T/baddate"
check "date: after the refusal the tree shows the camera's clock again" \
    bash -c "grep -qE 'Camera Date and Time +$(date +%Y)-' '$T/baddate' && ! grep -q '1970-01-01' '$T/baddate'"
check "toggle: Enter (and y: Bulb Mode starts an action) sends it; the camera gets libgphoto2's request and refuses it" \
    grep -qE 'op 1016\(0000d208\).*-> 200a$' "$SIMCAM_LOG"
check "toggle: the refusal is in the log, the tree shows the camera's value (2), not on" \
    bash -c "grep -q 'setting bulb to 1 failed' '$T/toggle' && grep -qE '^│> +Bulb Mode +2 +│' '$T/toggle'"
check "the session went on; q exits 0 and restores the terminal" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
