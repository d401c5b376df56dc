#!/bin/bash
# Previews of capa-simcam's synthetic shots (tests/tools/mkshot, an
# independent writer): colour tags, EXIF thumbnail, raw container and
# orientation are all understood, and the colour-managed pixels agree with
# lcms2's jpgicc on a whole photo-like scene.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
if [ ! -x "$TOOLS/mkshot" ]; then
    skip "mkshot is not built"
    done_testing
fi
topnm() { "$TOOLS/img-topnm" "$@" -w 400 -h 400; }

for c in srgb:srgb adobe-exif:adobe adobe-icc:icc; do
    tag=${c%%:*} want=${c#*:}
    "$TOOLS/mkshot" --size 900x600 --colour "$tag" --raw "$tag.nef" "$tag.jpg"
    info=$(topnm "$tag.jpg" "$tag.ppm")
    check "mkshot --colour $tag: read as $want ($info)" grep -q "^400 267 1 $want 0 0 0 " <<<"$info"
    info=$(topnm "$tag.nef" "$tag-raw.ppm")
    check "its raw container: same preview, from the raw ($info)" grep -q " $want 0 1 0 " <<<"$info"
    check "raw and JPEG previews are identical" "$TOOLS/img-compare" maxdiff "$tag.ppm" "$tag-raw.ppm" 0
    info=$(topnm -t "$tag.jpg" "$tag-thumb.ppm")
    check "its EXIF thumbnail, colour-managed too ($info)" grep -q " $want 1 0 0 " <<<"$info"
done

if command -v jpgicc >/dev/null; then
    "$TOOLS/img-fixture" adobe-profile adobe.icc
    jpgicc -q100 -iadobe.icc adobe-exif.jpg adobe-ref.jpg >/dev/null 2>&1
    topnm adobe-ref.jpg adobe-ref.ppm >/dev/null
    out=$("$TOOLS/img-compare" psnr adobe-exif.ppm adobe-ref.ppm 38)
    check "Adobe RGB shot matches jpgicc over the whole scene ($out)" test $? -eq 0
    jpgicc -q100 adobe-icc.jpg icc-ref.jpg >/dev/null 2>&1
    topnm icc-ref.jpg icc-ref.ppm >/dev/null
    out=$("$TOOLS/img-compare" psnr adobe-icc.ppm icc-ref.ppm 38)
    check "ICC shot matches jpgicc over the whole scene ($out)" test $? -eq 0
    # The same file with its profile ignored is far off: the check can fail.
    jpgicc -q100 -n adobe-icc.jpg raw-ref.jpg >/dev/null 2>&1
    topnm raw-ref.jpg raw-ref.ppm >/dev/null
    ! "$TOOLS/img-compare" psnr raw-ref.ppm icc-ref.ppm 38 >/dev/null
    check "unconverted pixels would not pass that threshold" test $? -eq 0
else
    skip "jpgicc is not installed"
fi

for n in 1 2 3 4 5 6 7 8; do
    "$TOOLS/mkshot" --size 600x400 --orientation "$n" "o$n.jpg"
    want="300 200"; [ "$n" -ge 5 ] && want="200 300"
    info=$("$TOOLS/img-topnm" "o$n.jpg" "o$n.ppm" -w 300 -h 300)
    check "mkshot --orientation $n: shown ${want/ /×} with tag $n ($info)" grep -q "^$want $n " <<<"$info"
done

done_testing
