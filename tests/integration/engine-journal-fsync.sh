#!/bin/bash
# A journal line written whose fsync fails (ENOSPC injected into the
# worker's third fsync, after the file's and the directory's, by strace):
# a clear error, the shot stays on the camera, and `retry` makes that line
# durable without writing a second line with the same number; the camera
# copy is deleted once a new download proves it the same bytes.  Through
# the real libgphoto2 to capa-simcam.  Every shot is then on disk with its
# journal's sha256 (reconcile).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

if [ ! -x "$SIMCAM" ] || ! command -v jq >/dev/null; then
    skip "needs capa-simcam and jq"
    done_testing
fi
if ! command -v strace >/dev/null || ! strace -qq -o /dev/null true 2>/dev/null; then
    skip "needs strace, allowed to trace (fault injection)"
    done_testing
fi
# fsync_failing_capa N ERRNO: a wrapper that runs capa with the Nth fsync of
# each thread failing with ERRNO (the worker thread's own count).
fsync_failing_capa() {
    local f="$TEST_TMP/capa-fsync-$1"
    # LeakSanitizer cannot work under ptrace (make sanitize): leaks are
    # checked by every other engine test.
    printf '#!/bin/sh\nexport ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"\nexec strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:error=%s:when=%s "%s" "$@"\n' \
        "$2" "$1" "$CAPA" >"$f"
    chmod +x "$f"
    echo "$f"
}
CARD="$TEST_TMP/card"
mkdir -p "$CARD" "$SESSION"
J="$SESSION/.capa/journal.jsonl"
start_simcam --store "$CARD" || { not_ok "capa-simcam starts"; done_testing; }
CAPA=$(fsync_failing_capa 3 ENOSPC) start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 30
check "the journal's failed fsync is a clear error" \
    have_events 1 '.event=="error" and (.message | test("writing the journal"))'
check "... the file-saved event says not journaled" \
    have_events 1 '.event=="file-saved" and .journaled==false and .deleted==false'
check "... and the shot stays on the camera" test "$(camera_objects)" = 1
send retry
wait_events 1 '.event=="file-saved" and .deleted' 30
send "get iso"
wait_events 1 '.event=="value"' 20
check "retry finishes it: journaled, camera copy deleted" \
    have_events 1 '.event=="file-saved" and .deleted and .journaled'
n1=$(jq -s 'map(select(.n==1)) | length' "$J")
check "the journal has one line numbered 1 ($n1)" test "$n1" -eq 1
dups=$(jq -r '.n' "$J" | sort | uniq -d | wc -l)
check "every journal number is unique" test "$dups" -eq 0
send capture
wait_events 3 '.event=="file-saved"' 30
send "get iso"
wait_events 2 '.event=="value"' 20
check "the next shot takes the next number" \
    test "$(jq -s 'map(.n) | sort | join(",")' -r "$J")" = "1,2"
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0
reconcile --left 0
[ "$_tap_failed" = 0 ] || { diag "last events:"; tail -n 12 "$OUT" | cut -c1-200 | sed 's/^/#   /'; }
done_testing
