#!/bin/bash
# Tethering: --keep, shots taken on the body, RAW+JPEG pairs.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }

# --keep: files on disk and still on the card.
start_capa --keep
send "capture 3"
wait_events 3 '.event=="file-saved"' 60
stop_capa
check "--keep: 3 files saved" test "$(find "$SESSION" -maxdepth 1 -type f | wc -l)" -eq 3
check "--keep: the 3 shots are still on the camera" test "$(camera_objects)" = 3
check "--keep: no file-saved says deleted" test "$(nevents '.event=="file-saved" and .deleted')" -eq 0
check "--keep: the journal records keep" quiet jq -e -s 'length==3 and all(.[]; .keep)' "$SESSION/.capa/journal.jsonl"

# A shot on the body arrives without a command (the card still holds 3).
rm -rf "$SESSION"
start_capa
wait_events 1 '.event=="connected"' 20
ctl shoot >/dev/null
wait_events 1 '.event=="file-saved"' 30
check "a shot taken on the body is downloaded without a command" have_events 1 '.event=="file-saved"'
ctl shoot 2 >/dev/null
wait_events 3 '.event=="file-saved"' 30
check "two more body shots arrive too" have_events 3 '.event=="file-saved"'

# RAW+JPEG: both files of a capture arrive.
ctl raw on >/dev/null
send capture
wait_events 5 '.event=="file-saved"' 30
ctl raw off >/dev/null

# Damaged JPEGs from the camera are saved byte for byte; capa goes on.
# One at a time: switching the kind while a capture is still queued would
# give that capture the next kind (the loop outran capa under CPU load).
n=5
for kind in truncated garbage huge; do
    ctl corrupt "$kind" >/dev/null
    send capture
    n=$((n + 1))
    wait_events "$n" '.event=="file-saved" or .event=="file-failed"' 60
done
ctl corrupt off >/dev/null
send "get iso"
wait_events 1 '.event=="value"' 20
stop_capa
check "damaged JPEGs (truncated, garbage, 65535x65535) are still saved" have_events 8 '.event=="file-saved"'
check "... and capa keeps answering" have_events 1 '.event=="value"'
bad=0
while read -r path sha; do
    [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sha" ] || bad=1
done < <(jq -r 'select(.event=="file-saved") | "\(.path) \(.sha256)"' "$OUT" | tail -n 3)
check "... with the sha256 of exactly what the camera sent" test $bad -eq 0
names=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | sed -n '4,5p' | sed 's/.*\.//' | sort | tr '\n' ' ')
check "RAW+JPEG: both files arrive (got extensions: $names)" test "$names" = "JPG NEF "
check "the body shots and the pair leave the card empty except the --keep ones" test "$(camera_objects)" = 3
check "no error event" test "$(nevents '.event=="error" or .event=="file-failed"')" -eq 0

# The next capture may not swallow a pair's late raw file: two captures
# queued at once, each raw announced 60 ms after CaptureComplete, each
# shot taken 200 ms after InitiateCapture.  The worker waits 100 ms after
# a download before it runs the next command; gp_camera_capture would
# take a FILE_ADDED that comes while it waits for its shot as its own and
# drop it.
rm -rf "$SESSION"
start_capa
wait_events 1 '.event=="connected"' 20
ctl raw on >/dev/null
ctl raw-delay 60 >/dev/null
ctl capture-delay 200 >/dev/null
send capture
send capture
wait_events 4 '.event=="file-saved"' 30
# Once the camera has shown pairs the wait is 300 ms: a raw 200 ms late.
ctl raw-delay 200 >/dev/null
send capture
send capture
wait_events 8 '.event=="file-saved"' 30
n_before=$(camera_objects)
send "get iso"
wait_events 1 '.event=="value"' 20
stop_capa
exts=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | sed 's/.*\.//' | sort | tr '\n' ' ')
check "back-to-back RAW+JPEG captures with a late raw (60 ms, then 200 ms once pairs were seen): 8 files (got: $exts)" \
    test "$exts" = "JPG JPG JPG JPG NEF NEF NEF NEF "
check "... none left on the camera beyond the 3 --keep ones" test "$n_before" = 3
done_testing
