#!/bin/bash
# A setting the camera does not have, typed at the `:` prompt: one error in
# the capture log naming close matches (aperture: f-number), no endless
# get/error exchange; a flood of messages never pushes a shot row out of the
# log (messages are capped on their own).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start

# `get iso` is answered after the two refusals: by then an endless
# exchange would have logged the refusal many times.
out=$("$VT" -t 30 -s 120x40 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/s1" --graphics none 2>&1 <<EOS
wait ISO Speed
keys :set aperture 8\r
wait did you mean f-number?
keys :get foo\r
wait no such setting "foo"
keys :get iso\r
wait iso = 100
keys :get iso\r
wait iso = 100
dump $T/typo
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "set aperture: the error names f-number" test $rc -eq 0
check "the refusal of aperture is logged once" \
    test "$(grep -c 'no such setting "aperture"' "$T/typo")" = 1
check "the refusal of foo is logged once, without a suggestion" \
    test "$(grep -c 'no such setting "foo" - / searches the settings' "$T/typo")" = 1
check "the hints name the UI's search key, never the headless config command" \
    bash -c "grep -q 'did you mean f-number? (/ searches the settings' '$T/typo' && ! grep -q 'config\`' '$T/typo'"

# A hook that writes 6000 lines on stderr for each download: each one is
# a log message after the shot's row.
cat >"$T/hook" <<'H'
#!/bin/sh
[ "$ACTION" = download ] && seq 6000 >&2
exit 0
H
chmod +x "$T/hook"
out=$("$VT" -t 60 -s 100x30 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/s2" --graphics none --hook-script "$T/hook" 2>&1 <<EOS
wait ISO Speed
key space
wait 6000
key tab
keys g
waitre ^│[0-9:]+ SIM_0001[.]JPG
dump $T/flood
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "6000 messages after a shot leave its row in the log" test $rc -eq 0
done_testing
