#!/bin/bash
# Local names: the --filename pattern table, collisions, hostile camera names.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }

# shoot_with PATTERN: one capture into a fresh session; prints the saved name.
shoot_with() {
    rm -rf "$SESSION"
    start_capa --filename "$1"
    send capture
    wait_events 1 '.event=="file-saved"' 30
    stop_capa
    jq -r 'select(.event=="file-saved") | .path' "$OUT" | sed 's,.*/,,'
}

# Date codes use the camera's file time: accept any second between t0 and t1.
# matches_time NAME FORMAT T0 T1
matches_time() {
    for ((t = $3; t <= $4; t++)); do
        [ "$1" = "$(date -d "@$t" +"$2")" ] && return 0
    done
    return 1
}

t0=$(date +%s)
name=$(shoot_with "%Y%m%d-%H%M%S.%C")
t1=$(date +%s)
check "%Y%m%d-%H%M%S.%C gives the capture time ($name)" matches_time "$name" "%Y%m%d-%H%M%S.JPG" "$t0" "$t1"
t0=$(date +%s)
name=$(shoot_with "%a_%A_%b_%B_%d_%y_%j_%m.%C")
t1=$(date +%s)
check "%a %A %b %B %d %y %j %m ($name)" matches_time "$name" "%a_%A_%b_%B_%d_%y_%j_%m.JPG" "$t0" "$t1"
name=$(shoot_with "%f.%C")
check "%f.%C keeps the camera name ($name)" grep -Eqx 'SIM_[0-9]{4}\.JPG' <<<"$name"
name=$(shoot_with "")
check "the default keeps the camera name ($name)" grep -Eqx 'SIM_[0-9]{4}\.JPG' <<<"$name"
name=$(shoot_with "%F-%f")
check "%F is the camera folder without its leading slash ($name)" \
    grep -Eqx 'store_00010001_DCIM_100SIMCM-SIM_[0-9]{4}' <<<"$name"
name=$(shoot_with "100%%-%n.%C")
check "%% and %n ($name)" test "$name" = "100%-1.JPG"
name=$(shoot_with "s%05n.%C")
check "%05n pads with zeros ($name)" test "$name" = "s00001.JPG"

# Numbering continues in a reopened session; collisions never overwrite.
rm -rf "$SESSION"
mkdir -p "$SESSION"
echo precious >"$SESSION/0002.JPG"
start_capa --filename "%04n.%C"
send "capture 2"
wait_events 2 '.event=="file-saved"' 30
stop_capa
start_capa --filename "%04n.%C"
send capture
wait_events 1 '.event=="file-saved"' 30
stop_capa
check "a file in the way is never overwritten" test "$(cat "$SESSION/0002.JPG")" = precious
got=$(cd "$SESSION" && ls | sort | tr '\n' ' ')
check "numbering continues after reopening, a collision takes the next name ($got)" \
    test "$got" = "0001.JPG 0002-1.JPG 0002.JPG 0003.JPG "
"$CAPA" --headless --filename "%Q" --session "$SESSION" </dev/null >"$TEST_TMP/bad" 2>&1
check "an unknown pattern code is refused at start" grep -q 'unknown code %Q' "$TEST_TMP/bad"

# Hostile camera names, one at a time through the real libgphoto2: the
# simulator's `name` command gives the next shot an exact name (\xHH escapes).
# Each must give one saved file whose local name is safe, inside the session,
# and the camera copy deleted; events and journal stay valid JSON with every
# control escaped.  capa runs in a UTF-8 locale so that libgphoto2 hands over
# C1 and bidi controls as UTF-8 instead of '?'.
# has_raw_controls: true when stdin holds ESC, BEL, a C1 control as UTF-8 or
# a bidi override (a grep error counts as true, so checks fail safe).
has_raw_controls() {
    LC_ALL=C grep -Eq $'\x1b|\x07|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]'
    [ $? -ne 1 ]
}
no_raw_controls() { ! has_raw_controls <"$1"; }

rm -rf "$SESSION"
long127=$(printf 'L%.0s' $(seq 1 123)).JPG
names=(
    '../../x.jpg'                       # traversal
    '..'                                # the parent itself
    'a/b/../../y.jpg'                   # a slash inside a PTP name
    '.hidden.JPG'                       # a leading dot
    '\x1b[31mred\x1b[0m\x1b]0;title\x07.JPG'  # ESC, CSI, OSC, BEL
    'csi\xc2\x9b2Jc1.JPG'               # C1 CSI as UTF-8
    'bell\x07\x0d\x0aline.JPG'          # BEL CR LF
    'evil\xe2\x80\xaegpj.exe'           # bidi override: shows as "evilexe.jpg"
    'bad\xff\xfe\xc3utf8.JPG'           # not UTF-8: lone surrogates on the wire, '?' from libgphoto2
    "$long127"                          # 127 bytes: the longest libgphoto2 2.5.30 takes
)
export LC_ALL=C.UTF-8
start_capa
k=0
for n in "${names[@]}"; do
    k=$((k + 1))
    ctl name "$n" >/dev/null
    send capture
    wait_events "$k" '.event=="file-saved" or .event=="file-failed"' 30
done
stop_capa
unset LC_ALL
nh=${#names[@]}
check "$nh hostile names give $nh saved files" test "$(nevents '.event=="file-saved"')" -eq "$nh"
k=0
for n in "${names[@]}"; do
    p=$(jq -rs --argjson k "$k" '[.[] | select(.event=="file-saved")][$k].path // ""' "$OUT")
    b=${p##*/} bad=""
    [ -n "$p" ] && [ -f "$p" ] || bad="$bad missing"
    [ "${p%/*}" = "$SESSION" ] || bad="$bad outside:$p"
    printf '%s' "$b" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || bad="$bad utf8"
    printf '%s' "$b" | LC_ALL=C grep -q '[[:cntrl:]]' && bad="$bad control"
    printf '%s' "$b" | has_raw_controls && bad="$bad c1/bidi"
    case $b in .*|'') bad="$bad dot" ;; esac
    check "hostile name ${n:0:40} -> $(printf '%q' "${b:0:40}")${bad:+ ($bad)}" \
        test -z "$bad"
    k=$((k + 1))
done
check "the 127-byte name is kept whole" test -f "$SESSION/$long127"
check "nothing is left on the camera" test "$(camera_objects)" = 0
check "no file escaped the session" \
    test -z "$(find "$TEST_TMP" -newer "$TEST_TMP/in" -type f ! -path "$SESSION/*" \
               ! -name events.jsonl ! -name '*.err' ! -name 'sim.*')"
check "the events are JSON" quiet jq -e . "$OUT"
check "... with no raw ESC, BEL, C1 or bidi bytes" no_raw_controls "$OUT"
check "... and the journal neither" no_raw_controls "$SESSION/.capa/journal.jsonl"
check "the journal parses, one line a file" quiet jq -e -s "length==$nh" "$SESSION/.capa/journal.jsonl"
check "capa exited cleanly" test "$CAPA_RC" -eq 0
# The two files of a RAW+JPEG shot share one base name, as catalogues group
# them: with SIM_0005.JPG and SIM_0005-1.JPG in the session the pair is
# SIM_0005-2.JPG + SIM_0005-2.NEF; a stem another shot has with another
# suffix (a lone SIM_0006.NEF) is not joined: SIM_0006-1.JPG + .NEF.
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null
start_simcam || not_ok "a fresh capa-simcam starts"
rm -rf "$SESSION"
mkdir -p "$SESSION"
for f in SIM_0005.JPG SIM_0005-1.JPG SIM_0006.NEF; do echo "old $f" >"$SESSION/$f"; done
start_capa
send "capture 4"
wait_events 4 '.event=="file-saved"' 60
ctl raw on >/dev/null
send "capture 2"
wait_events 8 '.event=="file-saved"' 60
ctl raw off >/dev/null
stop_capa
pair=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | sed -n '5,8p' | sed 's,.*/,,' | sort | tr '\n' ' ')
check "RAW+JPEG after two JPEGs of that name: one base name ($pair)" \
    test "$pair" = "SIM_0005-2.JPG SIM_0005-2.NEF SIM_0006-1.JPG SIM_0006-1.NEF "
check "... the files in the way are untouched" \
    test "$(cat "$SESSION/SIM_0005.JPG" "$SESSION/SIM_0005-1.JPG" "$SESSION/SIM_0006.NEF")" = \
         "$(printf 'old SIM_0005.JPG\nold SIM_0005-1.JPG\nold SIM_0006.NEF')"
# Camera names of 128+ bytes: libgphoto2 2.5.30 strcpy()s them into the
# 128-byte CameraFilePath.name inside gp_camera_capture and
# gp_camera_wait_for_event; fortified, that aborted capa (exit 134).  Now
# the file is skipped with an error naming the limit, and stays on the card.
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null
start_simcam || not_ok "a fresh capa-simcam starts"
rm -rf "$SESSION"
export LC_ALL=C.UTF-8
euros=$(printf '€%.0s' $(seq 1 43))                  # 129 bytes
body=$(printf 'B%.0s' $(seq 1 196)).JPG               # 200 bytes
start_capa
wait_events 1 '.event=="connected"' 20
ctl name "$euros" >/dev/null
send capture
TOO='.event=="error" and .what=="name-too-long"'
wait_events 1 "$TOO" 30
check "a 129-byte name from a capture: an error naming it and the limit" \
    have_events 1 "$TOO and (.message | contains(\"$euros: the camera's file name is 129 bytes\") and contains(\"at most 127 bytes: it stays on the card\"))"
ctl name "$body" >/dev/null
ctl shoot >/dev/null
wait_events 2 "$TOO" 30
check "a 200-byte name from a shot on the body: the same error" \
    have_events 1 "$TOO and (.message | contains(\"$body: the camera's file name is 200 bytes\"))"
send capture
wait_events 1 '.event=="file-saved"' 30
check "capa goes on: the next capture is saved" have_events 1 '.event=="file-saved"'
stop_capa
check "capa exited cleanly (not 134)" test "$CAPA_RC" -eq 0
check "both long-named files stay on the card" test "$(camera_objects)" = 2
check "nothing was saved for them" test "$(ls "$SESSION" | wc -l)" = 1
# a capa opening that camera lists the card, long names included
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
stop_capa
check "a capa connecting to a card with such names works (rc $CAPA_RC)" test "$CAPA_RC" -eq 0
check "... and does not report them again (they were on the card before)" \
    test "$(nevents "$TOO")" = 0
unset LC_ALL
done_testing
