#!/bin/bash
# capa --render: sixel output decoded back with libsixel's decoder matches
# the intended preview (PSNR >= 36.5 dB at 256 colours, >= 31.5 dB at 16:
# libsixel's own median cut gave 35.8 and 30.3), in fewer bytes than that
# median cut took (93833, 32730), sizes are honoured, and the half-block and
# text fallbacks work.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture

"$F" photo 1200 800 photo.jpg 90
"$TOOLS/img-topnm" photo.jpg want.ppm -w 300 -h 4096 -u >/dev/null
"$CAPA" --render photo.jpg --graphics sixel --width 300 >out.six 2>err
check "capa --render exits 0" test $? -eq 0
check "the output is one DCS ... ST sequence" \
    bash -c "head -c 2 out.six | od -c | grep -q '033   P' && tail -c 2 out.six | od -c | grep -q '033   \\\\'"
dims=$("$TOOLS/sixel-decode" out.six got.ppm)
check "libsixel decodes it: 300×200 ($dims)" grep -q '^300 200 ' <<<"$dims"
out=$("$TOOLS/img-compare" psnr want.ppm got.ppm 36.5)
check "256 colours: decoded sixel matches the preview ($out, need >= 36.5 dB)" test $? -eq 0
check "256 colours: at most 80000 bytes ($(wc -c <out.six))" test "$(wc -c <out.six)" -le 80000

"$CAPA" --render photo.jpg --graphics sixel --width 300 --colors 16 >out16.six
dims=$("$TOOLS/sixel-decode" out16.six got16.ppm)
check "--colors 16: at most 16 registers used ($dims)" test "$(cut -d' ' -f3 <<<"$dims")" -le 16
out=$("$TOOLS/img-compare" psnr want.ppm got16.ppm 31.5)
check "16 colours: decoded sixel still matches ($out, need >= 31.5 dB)" test $? -eq 0
check "16 colours: at most 30000 bytes ($(wc -c <out16.six))" test "$(wc -c <out16.six)" -le 30000
check "16 colours is smaller than 256" test "$(wc -c <out16.six)" -lt "$(wc -c <out.six)"

"$CAPA" --render photo.jpg --graphics sixel --height 100 >h.six
dims=$("$TOOLS/sixel-decode" h.six h.ppm)
check "--height 100 gives 150×100 ($dims)" grep -q '^150 100 ' <<<"$dims"

# Raw container: the large embedded JPEG, rotated per the TIFF orientation.
"$F" raw shot.nef
dims=$("$CAPA" --render shot.nef --graphics sixel --height 320 | "$TOOLS/sixel-decode" /dev/stdin raw.ppm)
check "a raw file renders its large preview, rotated (212×320: $dims)" grep -q '^212 320 ' <<<"$dims"

# Fallbacks.
COLORTERM=truecolor "$CAPA" --render photo.jpg --graphics halfblock --width 80 >hb.txt
check "half blocks, 24-bit: 8 columns × 3 rows of ▀ with 38;2/48;2" \
    bash -c "test \$(wc -l <hb.txt) -eq 3 && grep -c '▀' hb.txt | grep -qx 3 && grep -q '38;2;' hb.txt"
COLORTERM= "$CAPA" --render photo.jpg --graphics halfblock --width 80 >hb256.txt
check "half blocks, 256 colours: 38;5/48;5" bash -c "grep -q '38;5;' hb256.txt && ! grep -q '38;2;' hb256.txt"
"$CAPA" --render photo.jpg --graphics none >none.txt
check "text placeholder names the file and its size" grep -q 'photo.jpg 1200x800' none.txt
check "text placeholder has no escape bytes" bash -c "! grep -q $'\\033' none.txt"

done_testing
