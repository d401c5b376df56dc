#!/bin/bash
# The full-screen review (Enter on a log row), read through libvterm against
# capa-simcam through the real libgphoto2:
# - it is no dead end: the title names the shot with its time and exposure
#   (f/5.6 and f/22 as the log rows print them), p/n and ←/→ step through
#   the session's shots (→ pans instead when zoomed), Space captures and the
#   review moves to the new shot when it lands; help lists the new keys;
# - the clipping figures come from a fixed-scale decode: the same shot
#   reads the same clipped % at 80x24 and 200x60; R, G, B and luma
#   histograms are drawn; x marks clipped pixels on the picture, in half
#   blocks (cells) and in sixel (decoded), and x again removes the marks.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
export LC_ALL=C.UTF-8
T=$TEST_TMP

simcam_start || { not_ok "capa-simcam starts"; done_testing; }
CTL="\"$SIMCAM\" ctl \"$SIMCAM_CTL\""
ARGS=(--camera "PTP/IP Camera" --port "$SIMCAM_GPPORT")

# 1. Moving between shots, the title, Space.
out=$("$VT" -d plain -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" --session "$T/s1" 2>&1 <<EOS
wait ISO Speed
sh $CTL set f-number 2200 >/dev/null
sh $CTL shoot >/dev/null
waitre SIM_0001[.]JPG .*ISO
sh $CTL set f-number 560 >/dev/null
sh $CTL shoot >/dev/null
waitre SIM_0002[.]JPG .*ISO
key tab
key enter
wait review: SIM_0002.JPG
wait 2/2
dump $T/r2
keys p
wait review: SIM_0001.JPG
dump $T/r1
key right
wait review: SIM_0002.JPG
key left
wait review: SIM_0001.JPG
keys n
wait review: SIM_0002.JPG
dump $T/rn
key space
wait review: SIM_0003.JPG
wait 3/3
dump $T/r3
keys z
wait [1:1
key left
dump $T/rz
key esc
wait Capture log
keys ?
wait Keys (any key closes)
dump $T/help
keys q
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
title() { sed -n 1p "$1"; }
diag "title: $(title "$T/r2")"
check "the title shows name, time, shutter, aperture, ISO, focal length and place" \
    grep -qE 'review: SIM_0002\.JPG  [0-9]{2}:[0-9]{2}:[0-9]{2}  1/125 f/5\.6 ISO100 50mm .* 2/2' "$T/r2"
check "p goes to the previous shot, f/22 printed as the log row prints it" \
    grep -qE 'review: SIM_0001\.JPG  .* f/22 ISO100 50mm .* 1/2' "$T/r1"
check "→ and ← (not zoomed) and n step through the log's shots" \
    grep -q 'review: SIM_0002\.JPG' "$T/rn"
check "Space captures in the review and it moves to the new shot" \
    grep -qE 'review: SIM_0003\.JPG .* 3/3' "$T/r3"
check "zoomed, ← pans: the shot stays" \
    bash -c "grep -q 'review: SIM_0003\.JPG' '$T/rz' && grep -q '\[1:1, arrows pan\]' '$T/rz'"
check "help lists prev-shot (p) and clipping (x)" \
    bash -c "grep -qE ' p +prev-shot ' '$T/help' && grep -qE ' x +clipping ' '$T/help'"
check "q closes the review, q quits" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

# 2. Figures at two sizes, histograms, marks in half blocks (a fresh
# camera: a failed run above must not leave this one waiting).
simcam_start || not_ok "a second capa-simcam starts"
ARGS=(--camera "PTP/IP Camera" --port "$SIMCAM_GPPORT")
IMG_W=156; IMG_H=104 # the 3:2 shot fitted to 198x52 cells (200x60, 5 histogram rows)
out=$("$VT" -d plain -t 30 -s 80x24 -- "$CAPA" "${ARGS[@]}" --session "$T/s2" 2>&1 <<EOS
wait connected to
key space
waitre SIM_[0-9]+[.]JPG .*ISO
key tab
key enter
wait review: SIM_
wait clipped:
dump $T/small
resize 200x60
waitat 59 1 [fit]
dump $T/big
cells 1 1 $IMG_W $IMG_H $T/hb0.ppm
keys x
wait marks on
cells 1 1 $IMG_W $IMG_H $T/hb1.ppm
keys x
wait marks off
cells 1 1 $IMG_W $IMG_H $T/hb2.ppm
keys q
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
small=$(grep -o 'clipped: .*' "$T/small" | sed 's/ *$//'); big=$(grep -o 'clipped: .*' "$T/big" | sed 's/ *$//')
diag "80x24:  $small"
diag "200x60: $big"
check "the same shot reads the same clipped % at 80x24 and 200x60" \
    test -n "$small" -a "$small" = "$big"
check "... and the simulator's sun is clipped (not 0.00%)" \
    bash -c "grep -qE 'clipped: [0-9.]+% highlights' <<<'$small' && ! grep -q 'clipped: 0\.00%' <<<'$small'"
HB='[▁▂▃▄▅▆▇█ ]+'
check "R, G, B and luma histograms side by side" grep -qE "R$HB G$HB B$HB L" "$T/big"
m1=$("$TOOLS/img-compare" marks "$T/hb0.ppm" "$T/hb1.ppm" 1)
check "x marks clipped pixels in half blocks ($m1)" test $? -eq 0
m2=$("$TOOLS/img-compare" marks "$T/hb0.ppm" "$T/hb2.ppm" 0)
check "x again removes the marks ($m2)" test "$m2" = "marks 0 0"

# 3. Marks in sixel.
simcam_start || not_ok "a third capa-simcam starts"
ARGS=(--camera "PTP/IP Camera" --port "$SIMCAM_GPPORT")
out=$("$VT" -d sixel -t 30 -s 100x30 -- "$CAPA" "${ARGS[@]}" --session "$T/s3" 2>&1 <<EOS
wait connected to
key space
waitre SIM_[0-9]+[.]JPG .*ISO
sixel $T/thumb.six
sixel $T/full.six
key tab
key enter
wait review: SIM_
wait clipped:
sixel $T/s0.six
keys x
sixel $T/s1.six
keys q
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
"$TOOLS/sixel-decode" "$T/s0.six" "$T/s0.ppm" >/dev/null
"$TOOLS/sixel-decode" "$T/s1.six" "$T/s1.ppm" >/dev/null
m3=$("$TOOLS/img-compare" marks "$T/s0.ppm" "$T/s1.ppm" 1)
check "x marks clipped pixels in sixel ($m3)" test $? -eq 0
check "... the picture written at the review's top-left cell" \
    test "$(grep '^sixel' <<<"$out" | sed -n 3p | cut -d' ' -f2,3)" = "1 1"

done_testing
