#!/bin/bash
# Every fault capa-simcam injects, and what the gphoto2 CLI sees of it.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
cd "$TEST_TMP" || exit 1

mkdir card
if ! simcam_start --store "$TEST_TMP/card"; then
    not_ok "capa-simcam starts"; done_testing
fi

# DeviceBusy: libgphoto2 retries OpenSession up to 3 times.
simcam_ctl busy 1 >/dev/null
gp --summary >out 2>&1
check "busy 1: libgphoto2 retries OpenSession and succeeds" grep -q '^Model: SimCam' out
simcam_ctl busy 4 >/dev/null
gp --summary >out 2>&1
check "busy 4: the client fails with 'PTP Device Busy'" grep -q 'PTP Device Busy' out
gp --summary >out 2>&1
check "busy 4: the operation after the 4th is served again" grep -q '^Model: SimCam' out

# Dropped connection in the middle of an object transfer, then a retry.
simcam_ctl shoot >/dev/null
obj=$(ls card)
size=$(stat -c %s "card/$obj")
simcam_ctl drop-after 100000 >/dev/null
mkdir drop && cd drop || exit 1
gp --get-all-files >log 2>&1
check "drop-after: the download fails" test $? -ne 0
check "drop-after: no complete file arrived" test ! -e "$obj" -o "$(stat -c %s "$obj" 2>/dev/null)" != "$size"
rm -f ./*
gp --get-all-files >log 2>&1
check "drop-after: the retry downloads the file intact" cmp -s "$obj" "../card/$obj"
cd .. || exit 1

# Throttle: a lower bound only (the simulator never sends faster).
simcam_ctl throttle 200000 >/dev/null
mkdir slow && cd slow || exit 1
t0=$(date +%s%N)
gp --get-all-files >log 2>&1
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 )); want=$(( size * 1000 / 200000 * 9 / 10 ))
check "throttle 200000: $size bytes take at least ${want} ms (took $ms)" test "$ms" -ge "$want"
check "throttle: the file still arrives intact" cmp -s "$obj" "../card/$obj"
cd .. || exit 1
simcam_ctl throttle 0 >/dev/null
gp --delete-all-files --recurse >/dev/null 2>&1

# Full card.
simcam_ctl card-full on >/dev/null
gp --capture-image-and-download >out 2>&1
check "card-full: capture fails with the client's 'memorycard ran full'" grep -q 'memorycard ran full' out
gp --summary >out 2>&1
check "card-full: the storage reports no free space" grep -q 'Free Space (Bytes): 0 ' out
gp --wait-event=3s >events 2>&1 &
gpid=$!
wait_for 20 sh -c '"$SIMCAM" ctl "$0" status | grep -q session=1' "$SIMCAM_CTL"
simcam_ctl shoot >/dev/null
wait "$gpid"
check "card-full: a body shot sends StoreFull" grep -q 'PTP Event 400a' events
check "card-full: no object was made" grep -q '^ok 0$' <(simcam_ctl list)
simcam_ctl card-full off >/dev/null

# Hostile names reach the client unfiltered.
simcam_ctl hostile-names on >/dev/null
simcam_ctl shoot 5 >/dev/null
simcam_ctl hostile-names off >/dev/null
gp --list-files >files 2>&1
check "hostile-names: '../../x.jpg' is listed" grep -qF '../../x.jpg' files
check "hostile-names: a name with ESC is listed" grep -q $'\x1b\\[31m' files
check "hostile-names: a 200-byte name is listed" grep -Eq 'A{196}\.JPG' files
check "hostile-names: the card directory only holds safe names" \
    test -z "$(ls card | grep -v '^object-[0-9a-f]*$\|^SIM_[0-9]*\.JPG$')"
mkdir -p a/b/dl && (cd a/b/dl && gp --get-all-files >log 2>&1)
check "hostile-names: gphoto2 --get-all-files writes ../../x.jpg outside its directory" test -e a/x.jpg
gp --delete-all-files --recurse >/dev/null 2>&1

# Exact names chosen by the test.
simcam_ctl name 'two words\x1b[2J\xff.JPG' >/dev/null
simcam_ctl shoot >/dev/null
simcam_ctl list >list2
check "name: the next shot gets exactly that name" grep -qF ' two\x20words\x1b[2J\xff.JPG' list2
gp --list-files >files 2>&1
check "name: the client lists it with its ESC" grep -q $'two words\x1b\\[2J' files
gp --delete-all-files --recurse >/dev/null 2>&1

# Escape sequences in the camera's strings.
simcam_ctl hostile-strings on >/dev/null
gp --summary >out 2>&1
check "hostile-strings: the model name carries ESC" grep -q $'^Model: SimCam\x1b' out
gp --get-config imagesize >out 2>&1
check "hostile-strings: an ImageSize choice carries ESC" grep -q $'^Choice: [0-9]* \x1b' out
simcam_ctl hostile-strings off >/dev/null

# Damaged JPEGs.
shoot_kind() {
    rm -rf "$1"; mkdir "$1"
    simcam_ctl corrupt "$1" >/dev/null
    (cd "$1" && gp --capture-image-and-download >log 2>&1)
    simcam_ctl corrupt off >/dev/null
    ls "$1"/*.JPG 2>/dev/null | head -1
}
f=$(shoot_kind truncated)
djpeg "$f" >/dev/null 2>err
check "corrupt truncated: libjpeg reports a premature end" grep -q 'Premature end of JPEG file' err
f=$(shoot_kind garbage)
djpeg "$f" >/dev/null 2>err
check "corrupt garbage: libjpeg does not decode it cleanly" test $? -ne 0 -a -s err
f=$(shoot_kind huge)
djpeg "$f" >/dev/null 2>err
check "corrupt huge: libjpeg refuses a 65535x65535 header" grep -q 'Maximum supported image dimension' err
simcam_ctl corrupt huge >/dev/null
simcam_ctl shoot >/dev/null
simcam_ctl corrupt off >/dev/null
gp --list-files >files 2>&1
check "corrupt huge: ObjectInfo claims 65535x65535" grep -q '65535x65535' files

# Colour spaces.
for c in adobe-exif adobe-icc; do
    rm -rf "$c"; mkdir "$c"; simcam_ctl colour "$c" >/dev/null
    (cd "$c" && gp --capture-image-and-download >log 2>&1)
done
simcam_ctl colour srgb >/dev/null
exif -m adobe-exif/*.JPG >exif.txt 2>&1
check "colour adobe-exif: EXIF ColorSpace is Uncalibrated" grep -q $'^Color Space\tUncalibrated' exif.txt
check "colour adobe-exif: the Interop index is R03" grep -q $'^Interoperability Index\tR03' exif.txt
check "colour adobe-icc: the JPEG embeds an ICC profile" grep -qa 'ICC_PROFILE' adobe-icc/*.JPG

# The same faults as options.
simcam_start --busy 4 --card-full --hostile-strings --hostile-names --drop-after 1000:1 \
    --throttle 1000000 --corrupt truncated
gp --summary >out 2>&1
check "--busy 4 makes the first client fail" grep -q 'PTP Device Busy' out
gp --summary >out 2>&1
check "--hostile-strings shows in the summary" grep -q $'^Model: SimCam\x1b' out
check "--card-full reports no free space" grep -q 'Free Space (Bytes): 0 ' out
simcam_ctl card-full off >/dev/null
simcam_ctl shoot >/dev/null
simcam_ctl list >list
check "--hostile-names names the first shot ../../x.jpg" grep -q ' \.\./\.\./x\.jpg$' list
mkdir -p opt/a/b && cd opt/a/b || exit 1
gp --get-all-files >log 2>&1
check "--drop-after 1000:1 fails the first download" test $? -ne 0
gp --get-all-files >log 2>&1
check "--drop-after 1000:1 lets the second through, to ../../x.jpg" \
    test "$(stat -c %s ../../x.jpg 2>/dev/null)" = "$(awk '$1=="object"{print $3; exit}' "$TEST_TMP/list")"
djpeg ../../x.jpg >/dev/null 2>err
check "--corrupt truncated cut it short" grep -q 'Premature end' err
cd "$TEST_TMP" || exit 1
"$SIMCAM" --corrupt bogus --port 0 >/dev/null 2>err
check "a bad fault option exits 2 with a message" test $? -eq 2 -a -s err

done_testing
