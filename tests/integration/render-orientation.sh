#!/bin/bash
# Previews: the same picture stored with EXIF orientation 1..8 renders to the
# same upright pixels (exact up to JPEG rounding), at full and half size.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture

"$F" upright up.ppm || { not_ok "img-fixture upright"; done_testing; }
# Half-size reference: the quadrants and the mark are 8-px aligned, so a
# 2:1 area average of the reference is exact.
"$F" orient 1 ref.jpg && "$TOOLS/img-topnm" ref.jpg half-ref.ppm -w 32 -h 32 >/dev/null
for n in 1 2 3 4 5 6 7 8; do
    "$F" orient "$n" "o$n.jpg"
    info=$("$TOOLS/img-topnm" "o$n.jpg" "o$n.ppm" -w 64 -h 64)
    check "orientation $n: tag read ($info)" test "$(cut -d' ' -f3 <<<"$info")" = "$n"
    check "orientation $n: upright pixels equal the reference" \
        "$TOOLS/img-compare" maxdiff up.ppm "o$n.ppm" 2
    "$TOOLS/img-topnm" "o$n.jpg" "h$n.ppm" -w 32 -h 32 >/dev/null
    check "orientation $n: half size equals the half-size reference" \
        "$TOOLS/img-compare" maxdiff half-ref.ppm "h$n.ppm" 2
done

# capa --render goes through the same pipeline: sixel of o6 == sixel of o1.
"$CAPA" --render o1.jpg --graphics sixel --width 64 >o1.six
"$CAPA" --render o6.jpg --graphics sixel --width 64 >o6.six
"$TOOLS/sixel-decode" o1.six r1.ppm >/dev/null && "$TOOLS/sixel-decode" o6.six r6.ppm >/dev/null
check "capa --render: orientation 6 shows the same picture as 1" \
    "$TOOLS/img-compare" maxdiff r1.ppm r6.ppm 4

done_testing
