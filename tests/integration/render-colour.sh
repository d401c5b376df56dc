#!/bin/bash
# Previews: colour management against lcms2's own jpgicc. Patch images
# tagged Adobe RGB (EXIF ColorSpace=0xFFFF + Interop R03) and carrying an
# embedded ICC profile (split over many APP2 segments) must come within
# CIEDE2000 <= 2 of jpgicc's conversion to sRGB on every patch; without
# colour management they would be far off (checked too, so the test can fail).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture
if ! command -v jpgicc >/dev/null; then
    skip "jpgicc (liblcms2-utils) is not installed"
    done_testing
fi

topnm() { "$TOOLS/img-topnm" "$1" "$2" -w 4096 -h 4096; }

# within_jpgicc LABEL OURS.ppm REF.jpg: every patch of our preview within
# dE2000 2 of jpgicc's REF.jpg, and the unconverted patches farther than that
# (so the first check can fail). The status is kept before the description
# is expanded: a $(...) in it would reset $? to 0.
within_jpgicc() {
    topnm "$3" "$3.ppm" >/dev/null
    out=$("$TOOLS/img-compare" de2000 "$2" "$3.ppm" 6 4 2); rc=$?
    check "$1: every patch within dE2000 2 of jpgicc ($(tail -1 <<<"$out"))" test $rc -eq 0
    ! "$TOOLS/img-compare" de2000 patches.ppm "$3.ppm" 6 4 2 >/dev/null
    check "$1: the unconverted patches are more than dE2000 2 away" test $? -eq 0
}

"$F" adobe adobe.jpg && "$F" adobe-profile adobe.icc && "$F" patches patches.ppm
info=$(topnm adobe.jpg adobe.ppm)
check "Adobe-tagged file is recognised as Adobe RGB ($info)" grep -q ' adobe ' <<<"$info"
jpgicc -q100 -iadobe.icc adobe.jpg adobe-ref.jpg >/dev/null 2>&1
within_jpgicc "Adobe RGB" adobe.ppm adobe-ref.jpg

"$F" icc icc.jpg 300
info=$(topnm icc.jpg icc.ppm)
check "embedded ICC (300-byte APP2 chunks) is reassembled and used ($info)" grep -q ' icc 0 0 0 ' <<<"$info"
jpgicc -q100 icc.jpg icc-ref.jpg >/dev/null 2>&1
within_jpgicc "embedded ICC" icc.ppm icc-ref.jpg

# Other APP2 segments (FlashPix) before the profile do not crowd it out.
"$F" icc-fpxr fpxr.jpg
info=$(topnm fpxr.jpg fpxr.ppm)
check "embedded ICC after 70 FPXR APP2 segments is still used ($info)" grep -q ' icc 0 0 0 ' <<<"$info"
within_jpgicc "ICC after FPXR" fpxr.ppm icc-ref.jpg

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
