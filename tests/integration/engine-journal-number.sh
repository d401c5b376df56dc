#!/bin/bash
# A reopened session continues the journal's numbering from each line's own
# number: a hostile or damaged line `{"n":` followed by blanks must not take
# its number from the digits that start the next line.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
mkdir -p "$SESSION/.capa"
printf '{"n":  \n77,"x":1}\n{"n":4,"status":"saved","path":"a.JPG","keep":true}\n' \
    >"$SESSION/.capa/journal.jsonl"
start_capa --filename "%n.%C"
send capture
wait_events 1 '.event=="file-saved"' 30
stop_capa
name=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | sed 's,.*/,,')
check "the next shot is number 5, after the journal's highest ($name)" test "$name" = "5.JPG"
check "capa exits 0 (status $CAPA_RC)" test "$CAPA_RC" -eq 0
done_testing
