#!/bin/bash
# Previews: colour management against lcms2's own jpgicc. Patch images
# tagged Adobe RGB (EXIF ColorSpace=0xFFFF + Interop R03) and carrying an
# embedded ICC profile (split over many APP2 segments) must come within
# CIEDE2000 <= 2 of jpgicc's conversion to sRGB on every patch; without
# colour management they would be far off (checked too, so the test can fail).
# The status of img-compare is saved before the description is expanded: a
# $(...) in it would reset $? to 0.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture
if ! command -v jpgicc >/dev/null; then
    skip "jpgicc (liblcms2-utils) is not installed"
    done_testing
fi

topnm() { "$TOOLS/img-topnm" "$1" "$2" -w 4096 -h 4096; }

"$F" adobe adobe.jpg && "$F" adobe-profile adobe.icc && "$F" patches patches.ppm
info=$(topnm adobe.jpg adobe.ppm)
check "Adobe-tagged file is recognised as Adobe RGB ($info)" grep -q ' adobe ' <<<"$info"
jpgicc -q100 -iadobe.icc adobe.jpg adobe-ref.jpg >/dev/null 2>&1
topnm adobe-ref.jpg adobe-ref.ppm >/dev/null
out=$("$TOOLS/img-compare" de2000 adobe.ppm adobe-ref.ppm 6 4 2); rc=$?
check "Adobe RGB: every patch within dE2000 2 of jpgicc ($(tail -1 <<<"$out"))" test $rc -eq 0
! "$TOOLS/img-compare" de2000 patches.ppm adobe-ref.ppm 6 4 2 >/dev/null
check "Adobe RGB: the unconverted patches are more than dE2000 2 away" test $? -eq 0

"$F" icc icc.jpg 300
info=$(topnm icc.jpg icc.ppm)
check "embedded ICC (300-byte APP2 chunks) is reassembled and used ($info)" grep -q ' icc 0 0 0 ' <<<"$info"
jpgicc -q100 icc.jpg icc-ref.jpg >/dev/null 2>&1
topnm icc-ref.jpg icc-ref.ppm >/dev/null
out=$("$TOOLS/img-compare" de2000 icc.ppm icc-ref.ppm 6 4 2); rc=$?
check "embedded ICC: every patch within dE2000 2 of jpgicc ($(tail -1 <<<"$out"))" test $rc -eq 0
! "$TOOLS/img-compare" de2000 patches.ppm icc-ref.ppm 6 4 2 >/dev/null
check "embedded ICC: the unconverted patches are more than dE2000 2 away" test $? -eq 0

# Other APP2 segments (FlashPix) before the profile do not crowd it out.
"$F" icc-fpxr fpxr.jpg
info=$(topnm fpxr.jpg fpxr.ppm)
check "embedded ICC after 70 FPXR APP2 segments is still used ($info)" grep -q ' icc 0 0 0 ' <<<"$info"

# A display profile and an intent: converting to the wide profile must
# match jpgicc -o with the same intent.
"$F" wide-profile wide.icc
"$TOOLS/img-topnm" adobe.jpg disp.ppm -w 4096 -h 4096 -p wide.icc -i relative >/dev/null
jpgicc -q100 -t1 -iadobe.icc -owide.icc adobe.jpg disp-ref.jpg >/dev/null 2>&1
"$TOOLS/img-topnm" disp-ref.jpg disp-ref.ppm -w 4096 -h 4096 >/dev/null
out=$("$TOOLS/img-compare" de2000 disp.ppm disp-ref.ppm 6 4 2); rc=$?
check "--display-profile + relative intent match jpgicc -o -t1 ($(tail -1 <<<"$out"))" test $rc -eq 0

# Invalid profiles are rejected (image shown as sRGB, not an error).
"$F" bad-icc bad.jpg && "$F" icc-missing missing.jpg
info=$(topnm bad.jpg bad.ppm)
check "a malformed ICC profile is rejected, sRGB assumed ($info)" grep -q ' srgb 0 0 1 ' <<<"$info"
info=$(topnm missing.jpg missing.ppm)
check "an ICC profile with a missing segment is rejected ($info)" grep -q ' srgb 0 0 1 ' <<<"$info"

done_testing
