#!/bin/bash
# At 80x24 against capa-simcam (real libgphoto2), read through libvterm:
# text that does not fit says so, and keys that find nothing to do answer
# on the message line instead of filling the capture log.
#  - the status bar without room for the session ends on "pending", not "|";
#  - a tree label and a log row cut short end in an ellipsis;
#  - Esc with no capture sequence running and r with nothing to retry say
#    so on the message line, and write no log row.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start
out=$("$VT" -t 30 -s 80x24 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session-with-a-long-name" --graphics none 2>&1 <<EOS
wait connected to
waitre ^│>[-+] [A-Z]
dump $T/start
keys /compensation
key enter
waitre ^│> +Exposure Compen
dump $T/tree
key esc
wait no capture sequence is running
dump $T/esc
keys r
wait nothing to retry
dump $T/retry
keys :set iso 99999\r
waitre not one of
dump $T/badset
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
log_rows() { sed -n '/Capture log/,/^└/p' "$1" | grep -cE '^│[0-9]{2}:'; }

check "the status bar ends on the pending count when the session does not fit" \
    bash -c "head -n 1 '$T/start' | grep -qE '[0-9]+ pending *\$'"
check "a tree label cut short ends in an ellipsis (Exposure Compensation)" \
    grep -qE '^│> +Exposure Compen[a-z]*… ' "$T/tree"
check "a log row cut short ends in an ellipsis" \
    grep -qE '^│[0-9:]+ iso: .*…│$' "$T/badset"
check "Esc with nothing running says so on the message line" \
    bash -c "tail -n 1 '$T/esc' | grep -q 'no capture sequence is running'"
check "... and writes no log row" \
    test "$(log_rows "$T/esc")" -eq "$(log_rows "$T/start")"
check "r with nothing owed says so on the message line" \
    bash -c "tail -n 1 '$T/retry' | grep -qx 'nothing to retry *'"
check "... and writes no log row" \
    test "$(log_rows "$T/retry")" -eq "$(log_rows "$T/esc")"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
