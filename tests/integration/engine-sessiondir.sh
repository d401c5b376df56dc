#!/bin/bash
# The session directory deleted or moved while capa runs, through the real
# libgphoto2 to capa-simcam, driven by `capa --headless`:
#  - deleted and made again: capa notices (the held directory is not the
#    one at the path: st_dev/st_ino), says so in a log event, and saves
#    into the new one, with its own journal;
#  - moved away and made again: the next shot goes to the path (not to the
#    moved directory), and its event and journal name a file that exists;
#  - moved away and not made again: the download fails with a clear error
#    and the shot stays on the camera; once the directory is back, `retry`
#    saves it;
#  - every shot the camera made is on disk with its journal's sha256 or
#    still on the card.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

if [ ! -x "$SIMCAM" ] || ! command -v jq >/dev/null; then
    skip "needs capa-simcam and jq"
    done_testing
fi
CARD="$TEST_TMP/card"
mkdir -p "$CARD"
start_simcam --store "$CARD" || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20

# path_ok N: the Nth file-saved event names a file with its sha256, and
# the session's journal has a line for that path with the same sha256.
path_ok() {
    local p s
    p=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | sed -n "${1}p")
    s=$(jq -r 'select(.event=="file-saved") | .sha256' "$OUT" | sed -n "${1}p")
    [ -n "$p" ] && [ "$(sha256sum "$p" 2>/dev/null | cut -d' ' -f1)" = "$s" ] &&
        [ "$(jq -r --arg p "$p" 'select(.path==$p) | .sha256' "$SESSION/.capa/journal.jsonl" 2>/dev/null)" = "$s" ]
}
said_moved() { have_events "$1" '.event=="log" and (.message | test("was moved or deleted and is there again"))'; }

# Deleted (it only holds the journal so far) and made again.
rm -rf "$SESSION"
mkdir "$SESSION"
send capture
wait_events 1 '.event=="file-saved" or .event=="file-failed"' 30
check "deleted and made again: a log event says so" said_moved 1
check "... the shot is saved at the path, in its journal" path_ok 1
check "... and not owed" test "$(camera_objects)" = 0

# Moved away and made again.
mv "$SESSION" "$TEST_TMP/moved"
mkdir "$SESSION"
send capture
wait_events 2 '.event=="file-saved" or .event=="file-failed"' 30
check "moved and made again: a log event says so" said_moved 2
check "... the shot is saved at the path, in its journal" path_ok 2
check "... nothing more went into the moved directory" \
    test "$(find "$TEST_TMP/moved" -maxdepth 1 -type f | wc -l)" -eq 1

# Moved away, nothing at the path.
mv "$SESSION" "$TEST_TMP/moved2"
send capture
wait_events 1 '.event=="file-failed"' 30
check "moved, nothing at the path: the download fails" have_events 1 '.event=="file-failed"'
check "... with a clear error naming the directory" \
    have_events 1 '.event=="error" and (.message | test("session directory .* is gone"))'
check "... and the shot stays on the camera" test "$(camera_objects)" = 1
check "... nothing went into the moved directory" \
    test "$(find "$TEST_TMP/moved2" -maxdepth 1 -type f | wc -l)" -eq 1
mkdir "$SESSION"
send retry
wait_events 3 '.event=="file-saved"' 30
check "back again: retry saves it at the path, in its journal" path_ok 3
send "get iso"
wait_events 1 '.event=="value"' 20
check "nothing is left on the card" test "$(camera_objects)" = 0
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0
reconcile --left 0 "$SESSION" "$TEST_TMP/moved" "$TEST_TMP/moved2"
[ "$_tap_failed" = 0 ] || { diag "last events:"; tail -n 15 "$OUT" | cut -c1-200 | sed 's/^/#   /'; }
done_testing
