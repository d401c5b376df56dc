#!/bin/bash
# capa-simcam through the gphoto2 CLI: summary, files, settings, capture.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
cd "$TEST_TMP" || exit 1

if ! simcam_start; then
    not_ok "capa-simcam starts and prints its port"; done_testing
fi
ok "capa-simcam starts and prints 'listening 127.0.0.1:PORT'"

gp --summary >summary 2>&1
check "--summary succeeds" test $? -eq 0
check "--summary names the simulated camera" grep -q '^Model: SimCam' summary
check "--summary shows the memory card" grep -q 'Removable RAM (memory card)' summary
check "--summary lists ExposureIndex as an enumeration" grep -q '(0x500f):(readwrite).*Enumeration' summary

gp --list-files >files 2>&1
check "--list-files shows the DCIM folder" grep -q "folder '/store_00010001/DCIM/100SIMCM'" files

gp --list-config >config 2>&1
missing=""
for k in batterylevel imagesize imagequality whitebalance f-number focallength focusmode \
         flashmode shutterspeed expprogram iso exposurecompensation datetime capturemode; do
    grep -q "/$k\$" config || missing="$missing $k"
done
check "--list-config lists every property${missing:+ (missing:$missing)}" test -z "$missing"

gp --get-config batterylevel | grep -q 'Current: 100%'
check "the battery reads 100%" test $? -eq 0
gp --get-config f-number | grep -q 'Current: f/5.6'
check "f-number reads f/5.6" test $? -eq 0

gp --set-config iso=800 >/dev/null 2>&1
check "--set-config iso=800 succeeds" test $? -eq 0
gp --get-config iso >iso 2>&1
check "--get-config iso reads 800 back" grep -q '^Current: 800$' iso
gp --set-config iso=123 >/dev/null 2>&1
check "an ISO the camera does not offer is refused" test $? -ne 0
gp --set-config batterylevel=50 >/dev/null 2>&1
check "the read-only battery level cannot be set" test $? -ne 0
gp --get-config iso >iso2 2>&1
check "the refused settings left the ISO at 800" grep -q '^Current: 800$' iso2

mkdir cap && cd cap || exit 1
gp --capture-image-and-download >log 2>&1
check "--capture-image-and-download succeeds" test $? -eq 0
f=$(ls *.JPG 2>/dev/null | head -1)
check "it saved a JPEG" test -n "$f"
if [ -n "$f" ]; then
    djpeg "$f" >/dev/null 2>djpeg.err
    check "libjpeg decodes it without warnings" test $? -eq 0 -a ! -s djpeg.err
    exif -m "$f" >exif.txt 2>&1
    check "its EXIF says ISO 800" grep -q $'^ISO Speed Ratings\t800$' exif.txt
    for tag in 'Exposure Time' 'F-Number' 'Focal Length' 'Exposure Bias' \
               'Date and Time (Original)' 'Manufacturer' 'Model' 'Orientation'; do
        check "its EXIF has $tag" grep -q "^$tag"$'\t' exif.txt
    done
    check "its EXIF says f/5.6 and 1/125 s" grep -q $'^F-Number\tf/5.6$' exif.txt
    exif -e -o thumb.jpg "$f" >/dev/null 2>&1 && djpeg thumb.jpg >/dev/null 2>&1
    check "it carries an EXIF thumbnail that libjpeg decodes" test $? -eq 0
fi
cd .. || exit 1

gp --list-files >files2 2>&1
check "the downloaded capture was deleted from the card" grep -q "There is no file in folder '/store_00010001/DCIM/100SIMCM'" files2

kill -TERM "$SIMCAM_PID"
wait "$SIMCAM_PID"
check "SIGTERM ends capa-simcam with status 0" test $? -eq 0
check "SIGTERM removes the control socket" test ! -e "$SIMCAM_CTL"

done_testing
