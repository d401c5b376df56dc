#!/bin/bash
# Previews: EXIF thumbnail first, progressive JPEGs, bounded memory on a
# big file and on a file full of APP2 segments, and the histogram/clipping
# figures.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture

# The thumbnail is red, the main picture grey: each loader must pick its own.
"$F" thumb t.jpg
info=$("$TOOLS/img-topnm" -t t.jpg thumb.ppm)
check "EXIF thumbnail loads on its own ($info)" grep -q '^160 120 1 srgb 1 ' <<<"$info"
check "the thumbnail's pixels are the red ones" \
    bash -c "od -An -tu1 -j15 -N3 thumb.ppm | awk '{exit !(\$1 > 200 && \$2 < 60)}'"
info=$("$TOOLS/img-topnm" t.jpg full.ppm)
check "the full preview is the grey main image ($info)" grep -q '^640 480 1 srgb 0 ' <<<"$info"
"$F" photo 320 200 nothumb.jpg
"$TOOLS/img-topnm" -t nothumb.jpg x.ppm 2>err
check "no thumbnail: a clear error" grep -q 'no EXIF thumbnail' err
"$F" raw shot.nef
info=$("$TOOLS/img-topnm" -t shot.nef rawthumb.ppm)
check "raw without EXIF thumbnail: its smallest JPEG, rotated ($info)" grep -q '^106 160 6 srgb 1 1 ' <<<"$info"

"$F" photo 1200 800 base.jpg 95 && "$F" progressive 1200 800 prog.jpg
"$TOOLS/img-topnm" base.jpg base.ppm -w 400 -h 400 >/dev/null
"$TOOLS/img-topnm" prog.jpg prog.ppm -w 400 -h 400 >/dev/null
out=$("$TOOLS/img-compare" psnr base.ppm prog.ppm 35)
check "a progressive JPEG decodes like the baseline one ($out)" test $? -eq 0

# Memory stays bounded by the preview, not the source: 48 Mpx baseline.
if ldd "$CAPA" 2>/dev/null | grep -q libasan; then
    skip "peak RSS is not meaningful under AddressSanitizer"
elif [ -x /usr/bin/time ]; then
    "$F" photo 8000 6000 big.jpg 80
    /usr/bin/time -f '%M' -o rss "$CAPA" --render big.jpg --graphics sixel --width 640 >/dev/null
    kb=$(tail -1 rss)
    check "8000×6000 at 640 px: peak RSS $((kb / 1024)) MiB <= 48 MiB" test "$kb" -le $((48 * 1024))
    # 600 APP2 segments of 65000 bytes: read once, not copied again as markers.
    "$F" app-flood 600 flood.jpg
    /usr/bin/time -f '%M' -o rss "$CAPA" --render flood.jpg --graphics sixel >/dev/null
    kb=$(tail -1 rss) fkb=$(( $(wc -c <flood.jpg) / 1024 ))
    check "39 MB of APP2 segments: peak RSS $((kb / 1024)) MiB <= file + 16 MiB" \
        test "$kb" -le $((fkb + 16 * 1024))
else
    skip "/usr/bin/time is not installed"
fi

# Histogram: a flat white-and-black file clips; the photo barely does.
info=$("$TOOLS/img-topnm" base.jpg x.ppm)
clip=$(cut -d' ' -f8 <<<"$info")
check "histogram: the photo has under 5% clipped highlights ($clip%)" \
    awk -v c="$clip" 'BEGIN{exit !(c < 5)}'

done_testing
