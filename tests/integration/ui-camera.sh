#!/bin/bash
# The interactive UI against capa-simcam through the real libgphoto2, read
# through libvterm: camera model and tree at start-up, `/iso` search, an ISO
# edited in the tree reaches the camera, Space captures (the log row matches
# the file's EXIF), a body shot appears by itself, resizing with a camera,
# a favourite survives a restart, hostile camera strings are shown inert.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
# Under `make sanitize`: libgphoto2's own leak is not capa's (see the file).
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
SESSION=$TEST_TMP/session
T=$TEST_TMP

simcam_start || { not_ok "capa-simcam starts"; done_testing; }
ARGS=(--camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" --session "$SESSION" --graphics none)

# Poll the camera's own ISO until it says 400 (deadline 20 s) and keep the answer.
cat >"$T/iso-wait" <<W
. "$SRCDIR/tests/lib/tap.sh"
is400() { "$SIMCAM" ctl "$SIMCAM_CTL" get iso >"$T/iso"; grep -qx 'ok 400' "$T/iso"; }
wait_for 20 is400
exit 0
W

# line_of FILE REGEX: number of the first line matching, 0 when none.
line_of() { n=$(grep -nE -m1 "$2" "$1" | cut -d: -f1); echo "${n:-0}"; }

out=$("$VT" -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" 2>&1 <<S
wait PTP/IP Camera
wait ISO Speed
dump $T/startup
keys /iso
waitre ^│> +ISO Speed
dump $T/search
keys \r
key enter
wait 200
key down
key down
key enter
waitre ISO Speed +400
sh bash $T/iso-wait
sh "$SIMCAM" ctl "$SIMCAM_CTL" set iso 800 >/dev/null
waitre ISO Speed +800
dump $T/body-change
sh "$SIMCAM" ctl "$SIMCAM_CTL" set iso 400 >/dev/null
waitre ISO Speed +400
key space
waitre SIM_0001[.]JPG .*f/
dump $T/capture
sh "$SIMCAM" ctl "$SIMCAM_CTL" shoot >/dev/null
waitre SIM_0002[.]JPG .*f/
dump $T/body
keys f
wait Favourites
resize 80x24
waitat 1 79 ┐
waitat 22 79 ┘
dump $T/s80
resize 200x60
waitat 1 199 ┐
waitat 58 199 ┘
dump $T/s200
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "start-up shows the camera model in the status bar" grep -q '^ capa | PTP/IP Camera | connected' "$T/startup"
check "start-up shows the settings tree" bash -c "grep -q 'Image Settings' '$T/startup' && grep -q 'ISO Speed' '$T/startup'"
check "/iso selects the ISO setting" grep -qE '^│> +ISO Speed' "$T/search"
check "ISO picked in the tree reaches the camera (simcam says 400)" grep -qx 'ok 400' "$T/iso"
check "a change made on the camera body shows in the tree, cursor unmoved" grep -qE '^│> +ISO Speed +800' "$T/body-change"
row=$(grep -E '^│[0-9:]+ SIM_0001\.JPG' "$T/capture")
f1="$SESSION/SIM_0001.JPG"
check "Space: the shot is on disk" test -s "$f1"
exp=$(exif -m -t ExposureTime "$f1" 2>/dev/null); fn=$(exif -m -t FNumber "$f1" 2>/dev/null)
iso=$(exif -m -t ISOSpeedRatings "$f1" 2>/dev/null)
diag "EXIF: $exp $fn ISO $iso; log row: $row"
check "Space: the log row shows the file's shutter ($exp)" grep -qF " ${exp% sec.} " <<<"$row"
check "Space: the log row shows the file's aperture ($fn)" grep -qF "$fn" <<<"$row"
check "Space: the log row shows ISO 400, as the file says ($iso)" bash -c "[ '$iso' = 400 ] && grep -q 'ISO400' <<<'$row'"
check "a body shot appears without a key press, and is on disk" \
    bash -c "grep -q 'SIM_0002.JPG' '$T/body' && test -s '$SESSION/SIM_0002.JPG'"
for size in 80 200; do
    f=$T/s$size
    check "with a camera at width $size: tree, preview and log drawn" \
        bash -c "grep -q 'ISO Speed' '$f' && grep -q 'Preview' '$f' && grep -q 'SIM_0002' '$f'"
done

# Restart: the favourite is listed first.
out=$("$VT" -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" 2>&1 <<S
wait Capture Settings
wait Favourites
dump $T/fav
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
fav=$(line_of "$T/fav" 'Favourites'); iso=$(line_of "$T/fav" 'ISO Speed'); cap=$(line_of "$T/fav" 'Capture Settings')
check "a favourite survives a restart and is listed first ($fav < $iso < $cap)" \
    test "$fav" -gt 0 -a "$fav" -lt "$iso" -a "$iso" -lt "$cap"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

# A camera whose strings carry escape sequences.
kill "$SIMCAM_PID"; wait "$SIMCAM_PID" 2>/dev/null
simcam_start --hostile-strings || not_ok "hostile capa-simcam starts"
ARGS=(--camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" --session "$SESSION" --graphics none)
out=$("$VT" -t 30 -s 120x40 -r "$T/raw" -- "$CAPA" "${ARGS[@]}" 2>&1 <<S
wait ISO Speed
keys /manufacturer
wait evil
keys \r
dump $T/hostile
sh "$SIMCAM" ctl "$SIMCAM_CTL" name 'bad\\x1b]0;pwned\\x07\\x1b[2Jname.jpg' >/dev/null
sh "$SIMCAM" ctl "$SIMCAM_CTL" shoot >/dev/null
waitre ^│[0-9:]+ bad.*name.* .*f/
dump $T/hostile-name
sh "$SIMCAM" ctl "$SIMCAM_CTL" throttle 200000 >/dev/null
sh "$SIMCAM" ctl "$SIMCAM_CTL" name 'rtl\\xe2\\x80\\xaegpj.exe' >/dev/null
sh "$SIMCAM" ctl "$SIMCAM_CTL" shoot >/dev/null
waitre rtl.*gpj[.]exe .*f/
dump $T/bidi-name
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "a camera string with escapes is shown as inert text" grep -qF 'capa[31m evil' "$T/hostile"
# U+202E (RIGHT-TO-LEFT OVERRIDE) would show "evil<RLO>gpj.exe" as "evilexe.jpg".
check "a camera string's bidi override (U+202E) never reaches the terminal" \
    bash -c "! LC_ALL=C grep -qaF \$'\\xe2\\x80\\xae' '$T/raw'"
check "a file name's bidi override is dropped in the log" \
    grep -qE '^│[0-9:]+ rtlgpj\.exe +[0-9.]+[KM]' "$T/bidi-name"
check "no camera escape sequence reaches the terminal (title, colour)" \
    bash -c "! grep -qaF \$'\\e]0;owned' '$T/raw' && ! grep -qaF \$'\\e[31m evil' '$T/raw'"
grep -E "bad.*name" "$T/hostile-name" | sed "s/^/# /"
check "a file name with escapes from the camera is shown inert in the log (cut at 20 columns)" \
    grep -qE '^│[0-9:]+ bad\]0;pwned\[2Jname\.… +[0-9.]+[KM]' "$T/hostile-name"
check "the name's escape sequences never reach the terminal" \
    bash -c "! grep -qaF \$'\\e]0;pwned' '$T/raw' && ! grep -qaF \$'\\e[2Jname' '$T/raw'"
check "the screen was not cleared by the camera (status bar intact)" grep -q '^ capa | PTP/IP Camera' "$T/hostile"
done_testing
