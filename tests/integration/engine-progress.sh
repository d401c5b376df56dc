#!/bin/bash
# Progress events while a file transfers: several, with increasing `done`,
# before file-saved; a fast transfer is not flooded (rate-limited).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam --size 6000x4000 || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20

# A big capture at 2 MB/s: ~1.5 s on the wire.
ctl throttle 2000000 >/dev/null
send capture
wait_events 1 '.event=="file-saved"' 60
ctl throttle 0 >/dev/null
# progress events of the saved file's id, up to its file-saved event
pre=$(jq -s -c '(map(select(.event=="file-saved")) | .[0]) as $s
    | [foreach .[] as $e ({seen: false, out: null};
        if .seen then .out = null
        elif $e.event=="file-saved" then .seen = true | .out = null
        elif $e.event=="progress" and $e.id==$s.id then .out = $e.done
        else .out = null end; .out) | select(. != null)]' "$OUT")
bytes=$(jq -s '[.[] | select(.event=="file-saved")][0].bytes' "$OUT")
diag "progress done values before file-saved: $pre (file: $bytes bytes)"
check "a throttled download gives at least 3 progress events before file-saved" \
    test "$(echo "$pre" | jq 'length')" -ge 3
check "progress done increases strictly" \
    quiet jq -e '. as $a | length > 1 and all(range(1; length); $a[.] > $a[. - 1])' <<<"$pre"
check "some progress shows a partial transfer" \
    quiet jq -e --argjson b "$bytes" 'any(.[]; . > 0 and . < $b)' <<<"$pre"
check "the last progress before file-saved is the whole file" \
    quiet jq -e --argjson b "$bytes" '.[-1] == $b' <<<"$pre"
check "progress total is the camera's size" \
    quiet jq -e -s --argjson b "$bytes" \
    '[.[] | select(.event=="progress")][0].total == $b' "$OUT"

# Unthrottled: rate-limited, not one event per chunk (libgphoto2 hands
# over 1 MiB chunks; a 3 MB file has 3+; allow completion + a slow moment).
send capture
wait_events 2 '.event=="file-saved"' 60
id2=$(jq -s '[.[] | select(.event=="file-saved")][1].id' "$OUT")
n2=$(nevents ".event==\"progress\" and .id==$id2")
diag "unthrottled: $n2 progress events"
check "an unthrottled download is not flooded with progress events" test "$n2" -le 3 -a "$n2" -ge 1
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0
done_testing
