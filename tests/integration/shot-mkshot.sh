#!/bin/bash
# mkshot (synthetic capa-simcam shots as files), checked with independent
# readers: the exif CLI (libexif's) and jpgicc (lcms2's).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"

MK=$TOOLS/mkshot
T=$TEST_TMP

"$MK" --size 800x600 --seq 4 --iso 3200 --orientation 8 --exposure 0.002 \
      --fnumber 2.8 --focal 85 --bias 1 --make Capa --model "SimCam 2" \
      --colour adobe-icc --raw "$T/a.NEF" "$T/a.jpg"
check "mkshot writes a JPEG and a raw companion" test $? -eq 0 -a -s "$T/a.jpg" -a -s "$T/a.NEF"

# tag IFD NAME: the value exif(1) prints in machine-readable form.
tag() { exif -m --ifd="$2" -t "$3" "$1" 2>/dev/null; }

check "exif(1) reads ISOSpeedRatings 3200" test "$(tag "$T/a.jpg" EXIF ISOSpeedRatings)" = 3200
check "exif(1) reads ExposureTime 1/500" test "$(tag "$T/a.jpg" EXIF ExposureTime)" = "1/500 sec."
check "exif(1) reads FNumber f/2.8" test "$(tag "$T/a.jpg" EXIF FNumber)" = "f/2.8"
check "exif(1) reads FocalLength 85" test "$(tag "$T/a.jpg" EXIF FocalLength)" = "85.0 mm"
check "exif(1) reads ExposureBiasValue +1" test "$(tag "$T/a.jpg" EXIF ExposureBiasValue)" = "1.00 EV"
check "exif(1) reads Orientation 8" test "$(tag "$T/a.jpg" 0 Orientation)" = "Left-bottom"
check "exif(1) reads the model" test "$(tag "$T/a.jpg" 0 Model)" = "SimCam 2"
check "exif(1) reads PixelXDimension" test "$(tag "$T/a.jpg" EXIF PixelXDimension)" = 800
check "Adobe RGB: ColorSpace Uncalibrated" test "$(tag "$T/a.jpg" EXIF ColorSpace)" = Uncalibrated
check "Adobe RGB: Interop index R03" test "$(tag "$T/a.jpg" Interoperability InteroperabilityIndex)" = R03
when=$(TZ=UTC0 date -d @1700000000 '+%Y:%m:%d %H:%M:%S')
dto=$(TZ=UTC0 "$MK" --when 1700000000 "$T/t.jpg" && TZ=UTC0 tag "$T/t.jpg" EXIF DateTimeOriginal)
check "DateTimeOriginal is the given time ($when)" test "$dto" = "$when"

exif -e -o "$T/thumb.jpg" "$T/a.jpg" >/dev/null 2>&1
check "exif(1) extracts a JPEG thumbnail" \
    test "$(head -c 2 "$T/thumb.jpg" 2>/dev/null | od -An -tx1 | tr -d ' ')" = ffd8

if command -v jpgicc >/dev/null; then
    jpgicc -s"$T/a.icc" "$T/a.jpg" "$T/conv.jpg" >/dev/null 2>&1
    check "jpgicc saves the embedded profile, an RGB ICC profile" \
        test "$(dd if="$T/a.icc" bs=1 skip=36 count=4 2>/dev/null)" = acsp \
             -a "$(dd if="$T/a.icc" bs=1 skip=16 count=4 2>/dev/null)" = "RGB "
else
    skip "jpgicc (liblcms2-utils) is not installed"
fi

check "the raw companion is a little-endian TIFF" \
    test "$(head -c 4 "$T/a.NEF" | od -An -tx1 | tr -d ' ')" = 49492a00

"$MK" --colour bogus "$T/x.jpg" 2>/dev/null
check "a bad option value exits 2" test $? -eq 2
"$MK" --size 8x8 "$T/x.jpg" 2>"$T/err"
check "an out-of-range size exits 1 with a message" test $? -eq 1 -a -s "$T/err"
"$MK" --seq 1 "$T/s1.jpg" && "$MK" --seq 2 "$T/s2.jpg"
check "different seqs give different files" test -n "$(cmp "$T/s1.jpg" "$T/s2.jpg" 2>&1)"

done_testing
