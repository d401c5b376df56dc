#!/bin/bash
# Editing in the tree and at the `:` prompt as a photographer types, against
# capa-simcam through the real libgphoto2, read through libvterm: the camera
# clock takes the form the tree shows (YYYY-MM-DD HH:MM:SS, local time) and
# ISO 8601 with Z or an offset; the edit line says what a setting takes
# while it is typed (the date forms; 24..70 step 1 for the focal length) and
# keeps a value the setting does not take open to fix; a refusal at the
# prompt says what the setting takes, and no hint points at `config` (a
# headless command).  Local time is UTC+1 without summer time (TZ=XXX-1).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config" TZ=XXX-1
T=$TEST_TMP

simcam_start || { not_ok "capa-simcam starts"; done_testing; }
# focal VALUE: wait until the camera's focal length (1/100 mm) is VALUE.
cat >"$T/focal" <<'W'
. "$SRCDIR/tests/lib/tap.sh"
is() { "$SIMCAM" ctl "$SIMCAM_CTL" get focallength | grep -qx "ok $1"; }
wait_for 20 is "$1"
W
export SRCDIR SIMCAM SIMCAM_CTL
# The camera's clock ticks on from what it was set to: rows match the
# minute and the first digit of the seconds.
out=$("$VT" -t 30 -s 160x50 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
keys /datetime
waitre ^│> +Camera Date and Time
keys \r
key enter
wait value: now
wait YYYY-MM-DD HH:MM:SS (local), 2026-12-06T10:20:30[Z|+01:00] or now
dump $T/datehint
key backspace
key backspace
key backspace
keys 2026-12-06 10:20:30\r
waitre ^│> +Camera Date and Time +2026-12-06 10:20:[34]
dump $T/shown
key enter
wait value: now
key backspace
key backspace
key backspace
keys 2027-01-02T03:04:05Z\r
waitre ^│> +Camera Date and Time +2027-01-02 04:04:[01]
dump $T/iso
keys :set datetime 2028-05-06T07:08:09+02:00\r
waitre ^│> +Camera Date and Time +2028-05-06 06:08:[01]
dump $T/prompt
keys /focal
waitre ^│> +Focal Length
keys \r
key enter
wait value: 50
wait 24..70 step 1
dump $T/range
keys 0\r
wait focallength: 500 is outside 24..70
dump $T/wrong
key backspace
key backspace
key backspace
keys 35\r
waitre ^│> +Focal Length +35
sh bash $T/focal 3500
keys :set focallength 99\r
wait focallength takes 24..70 step 1
keys :set iso 123\r
wait iso takes one of: 100
keys :get isoo\r
wait no such setting "isoo"
dump $T/hints
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "the date edit line says which forms it takes" \
    grep -q '^value: now .*YYYY-MM-DD HH:MM:SS (local), 2026-12-06T10:20:30\[Z|+01:00\] or now' "$T/datehint"
check "a date typed as the tree shows it (2026-12-06 10:20:30) is set and shown" \
    grep -qE '^│> +Camera Date and Time +2026-12-06 10:20:[34][0-9] ' "$T/shown"
check "an ISO 8601 date in UTC (2027-01-02T03:04:05Z) is shown in local time (04:04:05)" \
    grep -qE '^│> +Camera Date and Time +2027-01-02 04:04:[01][0-9] ' "$T/iso"
check ":set datetime with an offset (+02:00) sets the camera clock" \
    grep -qE '^│> +Camera Date and Time +2028-05-06 06:08:[01][0-9] ' "$T/prompt"
check "a range edit shows its range and step while typing (24..70 step 1)" \
    grep -qE '^value: 50 +24\.\.70 step 1 *$' "$T/range"
check "a value out of range is refused on the edit line, which stays open" \
    grep -qE '^value: 500 +focallength: 500 is outside 24\.\.70' "$T/wrong"
check "the fixed value reaches the camera (35 mm)" test $rc -eq 0
check "a refusal at the prompt says what the setting takes" \
    bash -c "grep -q 'focallength takes 24..70 step 1' '$T/hints' && grep -q 'iso takes one of: 100' '$T/hints'"
check "no hint on screen points at the headless config command" \
    bash -c "test -s '$T/hints' && ! grep -qi 'config\`' '$T/hints' '$T/wrong' '$T/datehint'"
check "q exits 0 and restores the terminal" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
