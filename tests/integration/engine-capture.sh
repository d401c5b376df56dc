#!/bin/bash
# Ten captures through the real libgphoto2 to capa-simcam: files, EXIF, journal.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
check "capa connects to the simulator" test "$(nevents '.event=="connected"')" -eq 1

isos=(100 200 400 800 1600 3200 100 400 1600 200)
fnums=(f/2.8 f/4 f/5.6 f/8 f/2.8 f/4 f/5.6 f/8 f/2 f/1.8)
# as the exif tool prints them
fexif=(f/2.8 f/4.0 f/5.6 f/8.0 f/2.8 f/4.0 f/5.6 f/8.0 f/2.0 f/1.8)
for i in "${!isos[@]}"; do
    send "set iso ${isos[$i]}"
    send "set f-number ${fnums[$i]}"
    send capture
done
wait_events 10 '.event=="file-saved"' 120
stop_capa
check "capa exits 0 after EOF" test "$CAPA_RC" -eq 0
check "the last event is quit" test "$(tail -n1 "$OUT" | jq -r .event)" = quit

check "10 file-saved events" test "$(nevents '.event=="file-saved"')" -eq 10
check "no file-failed or error event" test "$(nevents '.event=="file-failed" or .event=="error"')" -eq 0
mapfile -t paths < <(jq -r 'select(.event=="file-saved") | .path' "$OUT")
n=$(find "$SESSION" -maxdepth 1 -type f | wc -l)
check "10 files in the session directory (found $n)" test "$n" -eq 10
bad=0
for p in "${paths[@]}"; do case $p in "$SESSION"/*) ;; *) bad=1 ;; esac; done
check "every path is inside the session directory" test $bad -eq 0
check "every file decodes" quiet "$TOOLS/engine-jpeg-check" "${paths[@]}"

# EXIF of each file matches the settings at the moment of its capture.
bad=""
for i in "${!paths[@]}"; do
    iso=$(exif -m -t ISOSpeedRatings "${paths[$i]}" 2>/dev/null)
    fn=$(exif -m -t FNumber "${paths[$i]}" 2>/dev/null)
    [ "$iso" = "${isos[$i]}" ] || bad="$bad $i:iso=$iso"
    [ "$fn" = "${fexif[$i]}" ] || bad="$bad $i:f=$fn"
done
check "EXIF ISO and f-number match the settings per shot${bad:+ (bad:$bad)}" test -z "$bad"

J="$SESSION/.capa/journal.jsonl"
check "the journal has 10 lines" test "$(wc -l <"$J")" -eq 10
check "the journal is one JSON object per line" quiet jq -e -s 'length==10 and all(.[]; .status=="saved")' "$J"
bad=0
while read -r path sha; do
    [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sha" ] || bad=1
done < <(jq -r '"\(.path) \(.sha256)"' "$J")
check "journal sha256 equals each file's sha256" test $bad -eq 0
check "journal numbers run 1..10" test "$(jq -r .n "$J" | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 "
check "journal EXIF ISO follows the settings" \
    test "$(jq -r .exif.iso "$J" | tr '\n' ' ')" = "${isos[*]} "
check "nothing is left on the camera" test "$(camera_objects)" = 0
done_testing
