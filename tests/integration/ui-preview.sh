#!/bin/bash
# Previews in the interactive UI: when the terminal answers DA1 with 4 the
# newest shot is written as sixel at the preview pane's cell and decodes to
# the same pixels `capa --render` makes for that box (EXIF thumbnail first);
# otherwise half blocks are drawn there and no sixel is written.  Enter on a
# log row opens the full-screen review (fit, z for 1:1 with panning,
# histogram and clipped-pixel figures).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
# Under `make sanitize`: libgphoto2's own leak is not capa's (see the file).
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP

simcam_start || { not_ok "capa-simcam starts"; done_testing; }
ARGS=(--camera "PTP/IP Camera" --port "$SIMCAM_GPPORT")

out=$("$VT" -d sixel -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" --session "$T/s1" 2>&1 <<S
wait ISO Speed
dump $T/screen
key space
wait SIM_0001
sixel $T/thumb.six
sixel $T/full.six
key tab
key tab
key tab
nsixel 2
key tab
key enter
wait review: SIM_0001.JPG
wait clipped:
sixel $T/rfit.six
dump $T/review
keys z
wait [1:1
sixel $T/r11.six
key right
sixel $T/rpan.six
key esc
wait Capture log
sixel $T/back.six
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
# Where the preview pane's inside starts, and its size in cells (from the frame).
line=$(sed -n 2p "$T/screen")
prefix=${line%%┌─ Preview*}
col=$(( $(printf '%s' "$prefix" | LC_ALL=C.UTF-8 wc -m) + 1 ))
rows=$(awk -v c="$col" 'NR > 2 && /^└/ { print NR - 3; exit }' "$T/screen")
cols=$(( 100 - col - 1 ))
box_w=$((cols * 10)); box_h=$((rows * 20 / 6 * 6))
diag "preview inside at row 2 col $col, ${cols}x${rows} cells, box ${box_w}x${box_h} px"
thumb=$(grep '^sixel' <<<"$out" | sed -n 1p); full=$(grep '^sixel' <<<"$out" | sed -n 2p)
check "DA1 with 4: a sixel image is written at the preview pane's cell ($thumb)" \
    test "$(cut -d' ' -f2,3 <<<"$thumb")" = "2 $col"
check "moving the focus does not send the image again" bash -c "! grep -q 'sixel image(s) were written' <<<\"\$1\"" _ "$out"
check "the full-quality image follows at the same cell ($full)" \
    test "$(cut -d' ' -f2,3 <<<"$full")" = "2 $col"
read -r tw th _ < <("$TOOLS/sixel-decode" "$T/thumb.six" "$T/thumb.ppm")
read -r fw fh _ < <("$TOOLS/sixel-decode" "$T/full.six" "$T/full.ppm")
check "the thumbnail comes first and is smaller (${tw}x${th} < ${fw}x${fh})" test "${tw:-0}" -gt 0 -a "${tw:-0}" -lt "${fw:-0}"
check "the image fits the pane (${fw}x${fh} in ${box_w}x${box_h})" \
    test "${fw:-0}" -le "$box_w" -a "${fh:-0}" -le "$box_h" -a "${fw:-0}" -ge $((box_w / 2))
"$CAPA" --render "$T/s1/SIM_0001.JPG" --graphics sixel --width "$box_w" --height "$box_h" >"$T/render.six"
"$TOOLS/sixel-decode" "$T/render.six" "$T/render.ppm" >/dev/null
psnr=$("$TOOLS/img-compare" psnr "$T/full.ppm" "$T/render.ppm" 40)
check "the sixel decodes to the shot's preview ($psnr, >= 40 dB vs capa --render)" test $? -eq 0

rfit=$(grep '^sixel' <<<"$out" | sed -n 3p); r11=$(grep '^sixel' <<<"$out" | sed -n 4p)
back=$(grep '^sixel' <<<"$out" | sed -n 6p)
read -r w1 h1 _ < <("$TOOLS/sixel-decode" "$T/rfit.six" "$T/rfit.ppm")
read -r w2 h2 _ < <("$TOOLS/sixel-decode" "$T/r11.six" "$T/r11.ppm")
check "review: the fitted picture is written at the top-left cell ($rfit)" test "$(cut -d' ' -f2,3 <<<"$rfit")" = "1 1"
check "review: it fills the screen's image area (${w1}x${h1} in 980x516)" \
    test "${w1:-0}" -le 980 -a "${h1:-0}" -le 516 -a \( "${w1:-0}" -ge 900 -o "${h1:-0}" -ge 500 \)
check "review: z shows a 1:1 crop as large as the area (${w2}x${h2})" test "${w2:-0}" = 980 -a "${h2:-0}" = 516
check "review: panning writes a different crop" bash -c "! cmp -s '$T/r11.six' '$T/rpan.six'"
check "review: histogram and clipped-pixel figures shown" grep -qE 'clipped: [0-9.]+% highlights, [0-9.]+% shadows' "$T/review"
check "review: Esc returns and the preview is written again at its cell ($back)" test "$(cut -d' ' -f2,3 <<<"$back")" = "2 $col"

out=$("$VT" -d plain -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" --session "$T/s2" 2>&1 <<S
wait ISO Speed
key space
wait SIM_0002
waitat 2 $col ▀
dump $T/half
nosixel
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "DA1 without 4: half blocks drawn at the preview pane's cell, no sixel" test $rc -eq 0
n=$(grep -o '▀' "$T/half" | wc -l)
check "the half blocks fill the preview ($n cells)" test "$n" -ge $((cols * rows / 2))
done_testing
