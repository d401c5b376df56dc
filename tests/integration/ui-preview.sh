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
# 30 rows: title, 24 image rows, 3 histogram rows, figures, keys
check "review: it fills the screen's image area (${w1}x${h1} in 980x480)" \
    test "${w1:-0}" -le 980 -a "${h1:-0}" -le 480 -a \( "${w1:-0}" -ge 900 -o "${h1:-0}" -ge 474 \)
check "review: z shows a 1:1 crop as large as the area (${w2}x${h2})" test "${w2:-0}" = 980 -a "${h2:-0}" = 480
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

# COLORTERM=truecolor: the half blocks carry the preview's exact 24-bit
# colours (xterm-256 would be up to ~20 levels off per channel).  The cells
# must equal the pipeline's pixels for that box: the full-quality image, or
# the EXIF thumbnail if the full one has not replaced it yet.
# half_cells COLORTERM FILE: the colours of the pane's image cells.
half_cells() {
    rm -rf "$T/s$1"
    COLORTERM=$1 "$VT" -d plain -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" --session "$T/s$1" \
        >"$T/vt-$1.out" 2>&1 <<S
wait ISO Speed
key space
waitre SIM_[0-9]+[.]JPG .*f/
waitat 2 $col ▀
cells 2 $col $2 $3 $T/cells-$1.ppm
key tab
key tab
key tab
key tab
key enter
wait review: SIM_
waitat 1 1 ▀
cells 1 1 4 4 $T/review-$1.ppm
key esc
wait Capture log
keys q
exit 0
S
}
shot=$(ls "$T"/s2/SIM_*.JPG | head -1)
read -r fw fh _ < <("$TOOLS/img-topnm" "$shot" "$T/ref-full.ppm" -w "$cols" -h $((rows * 2)))
"$TOOLS/img-topnm" "$shot" "$T/ref-thumb.ppm" -w "$cols" -h $((rows * 2)) -t >/dev/null
diag "half-block image: ${fw}x${fh} px in ${cols}x$((rows * 2))"
# same_pixels FILE: within 1 level of the full image or of the thumbnail
same_pixels() {
    "$TOOLS/img-compare" maxdiff "$1" "$T/ref-full.ppm" 1 >/dev/null ||
        "$TOOLS/img-compare" maxdiff "$1" "$T/ref-thumb.ppm" 1 >/dev/null
}
# the simulator's next shot differs: compare each run with its own file
half_cells truecolor "$fw" "$fh"
check "COLORTERM=truecolor: capa runs and quits" test $? -eq 0
shot=$(ls "$T"/struecolor/SIM_*.JPG | head -1)
"$TOOLS/img-topnm" "$shot" "$T/ref-full.ppm" -w "$cols" -h $((rows * 2)) >/dev/null
"$TOOLS/img-topnm" "$shot" "$T/ref-thumb.ppm" -w "$cols" -h $((rows * 2)) -t >/dev/null
check "... and the half blocks have the preview's exact 24-bit colours" same_pixels "$T/cells-truecolor.ppm"
# kinds RUN N: the colour kinds (24-bit indexed default) of the N-th `cells`
kinds() { grep '^cells ' "$T/vt-$1.out" | sed -n "$2p" | cut -d' ' -f2-; }
diag "colour kinds (24-bit indexed default): preview $(kinds truecolor 1), review $(kinds truecolor 2)"
check "... all 24-bit, in the preview and in the review" \
    test "$(kinds truecolor 1 | cut -d' ' -f2-)" = "0 0" -a "$(kinds truecolor 2 | cut -d' ' -f2-)" = "0 0"
half_cells 256 "$fw" "$fh"
shot=$(ls "$T"/s256/SIM_*.JPG | head -1)
"$TOOLS/img-topnm" "$shot" "$T/ref-full.ppm" -w "$cols" -h $((rows * 2)) >/dev/null
"$TOOLS/img-topnm" "$shot" "$T/ref-thumb.ppm" -w "$cols" -h $((rows * 2)) -t >/dev/null
differs() { ! same_pixels "$1"; }
check "without it they are xterm-256 approximations (the check above can fail)" \
    differs "$T/cells-256.ppm"
diag "without: preview $(kinds 256 1), review $(kinds 256 2)"
check "... with no 24-bit colour in the preview or the review" \
    test "$(kinds 256 1 | cut -d' ' -f1)" = 0 -a "$(kinds 256 2 | cut -d' ' -f1)" = 0
done_testing
