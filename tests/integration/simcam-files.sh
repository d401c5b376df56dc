#!/bin/bash
# capa-simcam's card: --store DIR, RAW+JPEG, big files (GetPartialObject),
# thumbnails, byte-identical downloads, deletion.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
cd "$TEST_TMP" || exit 1

mkdir card
if ! simcam_start --store "$TEST_TMP/card" --raw; then
    not_ok "capa-simcam starts"; done_testing
fi

simcam_ctl shoot 2 >/dev/null
simcam_ctl set imagesize 6000x4000 >/dev/null
simcam_ctl raw off >/dev/null
simcam_ctl shoot >/dev/null
simcam_ctl list >list
n=$(grep -c '^object ' list)
check "two RAW+JPEG shots and one JPEG make 5 objects (got $n)" test "$n" -eq 5
check "RAW+JPEG pairs share a stem" grep -q ' SIM_0001.NEF$' list
check "--store DIR holds one file per object" test "$(ls card | wc -l)" -eq 5
big=$(awk '$1=="object" && $3 > 1048576 && $NF ~ /JPG$/ {print $NF}' list | tail -1)
check "a 6000x4000 JPEG is bigger than libgphoto2's 1 MiB GetPartialObject blob" test -n "$big"

mkdir dl && cd dl || exit 1
gp --get-all-files >log 2>&1
check "gphoto2 --get-all-files succeeds" test $? -eq 0
same=0
for f in "$TEST_TMP"/card/*; do
    cmp -s "$f" "$(basename "$f")" && same=$((same + 1))
done
check "every object arrives byte-identical to the card ($same of 5)" test "$same" -eq 5
w=$(djpeg "$big" 2>/dev/null | head -2 | tail -1)
check "the big JPEG decodes at 6000x4000 (got '$w')" test "$w" = "6000 4000"
gp --get-all-thumbnails >tlog 2>&1
check "gphoto2 --get-all-thumbnails succeeds" test $? -eq 0
nt=0
for t in thumb_*; do djpeg "$t" >/dev/null 2>&1 && nt=$((nt + 1)); done
check "every object has a thumbnail that libjpeg decodes ($nt of 5)" test "$nt" -eq 5
cd .. || exit 1

gp --list-files >files 2>&1
check "--list-files reports the 6000x4000 size" grep -q '6000x4000 image/jpeg' files
gp --delete-all-files --recurse >/dev/null 2>&1
check "gphoto2 --delete-all-files succeeds" test $? -eq 0
check "the card is empty afterwards" grep -q '^ok 0$' <(simcam_ctl list)
check "deleting removed the files from --store DIR" test -z "$(ls card)"

done_testing
