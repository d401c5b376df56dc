#!/bin/bash
# Local disk full (a 600 KiB tmpfs) and an unwritable session directory.
# Each scenario has a session of its own and leaves its failed shots on the
# card; at the end every shot is in a session with its journal's sha256 or
# on the card (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

mkdir -p "$TEST_TMP/card"
start_simcam --store "$TEST_TMP/card" || { not_ok "capa-simcam starts"; done_testing; }

# A write that fails in the middle of a transfer (here the file-size
# limit: 100 KiB of a ~420 kB shot): the rest of the object is read and
# dropped, so the camera link stays in step; no partial file is left.
CAPA=$(file_limited_capa 100) start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-failed"' 30
send "get iso"
wait_events 1 '.event=="value"' 20
stop_capa
check "a write failing mid-transfer: file-failed with the reason" \
    have_events 1 '.event=="error" and (.message | test("File too large"))'
check "... the camera link stays in step (get iso answered after it)" have_events 1 '.event=="value"'
check "... no file, partial or final, is left in the session" \
    test "$(find "$SESSION" -maxdepth 1 -type f | wc -l)" -eq 0
check "... and the shot stays on the camera" test "$(camera_objects)" = 1

if [ "$(id -u)" != 0 ]; then
    skip "disk full: mounting a small tmpfs needs root"
    reconcile --left 1
    done_testing
fi
mkdir -p "$TEST_TMP/full"
if ! mount -t tmpfs -o size=600k tmpfs "$TEST_TMP/full" 2>"$TEST_TMP/mount.err"; then
    skip "disk full: cannot mount a tmpfs here ($(cat "$TEST_TMP/mount.err"))"
    reconcile --left 1
    done_testing
fi
cleanup_mount() { umount "$TEST_TMP/full" 2>/dev/null; }
trap '_tap_cleanup; cleanup_mount' EXIT
SESSION="$TEST_TMP/full/session"

n0=$(camera_objects)       # the first scenario's shot
start_capa
wait_events 1 '.event=="connected"' 20
send "capture 2"          # ~420 kB each: the second does not fit
wait_events 1 '.event=="file-failed"' 30
send "get iso"
wait_events 1 '.event=="value"' 20
check "the first shot is saved" test "$(nevents '.event=="file-saved"')" -eq 1
check "the second fails with file-failed" have_events 1 '.event=="file-failed"'
check "... and a clear disk-full error with a hint" \
    have_events 1 '.event=="error" and .what=="disk-full" and (.hint | test("free space"))'
check "capa keeps running (it answers get iso)" have_events 1 '.event=="value" and .key=="iso"'
check "the failed shot stays on the camera" test "$(camera_objects)" -eq $((n0 + 1))
fid=$(jq -s '[.[] | select(.event=="file-failed")][0].id' "$OUT")
check "... and was not moved over the cable to fail at its end (no progress for it)" \
    test "$(nevents ".event==\"progress\" and .id==$fid")" -eq 0
check "... the error says how much it needs and how much is free" \
    have_events 1 '.event=="error" and .what=="disk-full" and (.message | test("needs [0-9]+ kB, the session.s disk has [0-9]+ kB free"))'
n=$(find "$SESSION" -maxdepth 1 -type f | wc -l)
check "no partial file is left in the session ($n files)" test "$n" -eq 1
check "the journal lists only the saved file" test "$(wc -l <"$SESSION/.capa/journal.jsonl")" -eq 1

# Space comes back (the filesystem grows: the saved file stays): retry
# saves the owed shot.
mount -o remount,size=2m "$TEST_TMP/full"
send retry
wait_events 2 '.event=="file-saved"' 30
stop_capa
check "after the disk grew, retry saves it" have_events 2 '.event=="file-saved"'
check "... and it is off the camera" test "$(camera_objects)" -eq "$n0"

# The journal cannot be written (its .capa directory sits on a full
# filesystem): the photo is saved, but without its journal line the camera
# copy must stay.
SESSION="$TEST_TMP/jsession"
mkdir -p "$SESSION" "$TEST_TMP/full/capa-dir"
ln -s "$TEST_TMP/full/capa-dir" "$SESSION/.capa"
: >"$SESSION/.capa/journal.jsonl"
dd if=/dev/zero of="$TEST_TMP/full/fill" bs=4k 2>/dev/null
n0=$(camera_objects)
start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved" or .event=="file-failed"' 30
send "get iso"
wait_events 1 '.event=="value"' 20
stop_capa
check "with the journal full: an error names the journal" \
    have_events 1 '.event=="error" and (.message | test("journal"))'
check "... the shot stays on the camera ($n0 before)" test "$(camera_objects)" -eq $((n0 + 1))
check "... no file-saved event claims it was deleted" \
    test "$(nevents '.event=="file-saved" and .deleted==true')" -eq 0
check "... the journal holds no line" test ! -s "$SESSION/.capa/journal.jsonl"
rm -f "$TEST_TMP/full/fill"

# A session directory capa may not write.
if command -v setpriv >/dev/null; then
    mkdir -p "$TEST_TMP/ro"
    chmod 555 "$TEST_TMP/ro"
    setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$TEST_TMP" \
        "$CAPA" --headless --no-auto-connect --session "$TEST_TMP/ro/s" </dev/null \
        >"$TEST_TMP/ro.out" 2>&1
    check "an uncreatable session directory is refused with its reason" \
        grep -q 'Permission denied' "$TEST_TMP/ro.out"
else
    skip "setpriv is not installed"
fi
reconcile --left 2 "$TEST_TMP/session" "$TEST_TMP/full/session" "$TEST_TMP/jsession"
done_testing
