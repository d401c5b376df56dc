#!/bin/bash
# A session reopened: `capa --no-auto-connect --session DIR` lists the shots
# its journal holds (written by a headless capa against capa-simcam) with
# time, name, size and exposure — from the journal, or from the file's EXIF
# when the line lacks it — a file gone from the folder shown as missing, bad
# and torn journal lines skipped with one message; a row selected shows in
# the preview, Enter reviews it; a camera connected later appends its shots
# below them.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP
J=$SESSION/.capa/journal.jsonl

# A session of three shots, made by capa itself.
start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
send "capture 3"
wait_events 3 '.event=="file-saved"' 60
stop_capa
check "headless capa saved three shots and journaled them" test "$(wc -l <"$J")" = 3

# The second shot's file is gone; the third's line has no EXIF summary (it
# comes from the file); a bad line and a line torn by a crash follow.
rm "$SESSION/SIM_0002.JPG"
jq -c 'if .n == 3 then del(.exif) else . end' "$J" >"$T/j" && cat "$T/j" >"$J"
printf 'not json at all\n{"n":9,"path":"/x/TORN.JPG"' >>"$J"

# The session's name shown in the status bar is its end: keep it short.
PORT="ptpip:127.0.0.1:$SIM_PORT"
out=$("$VT" -t 30 -s 120x34 -- "$CAPA" --no-auto-connect --camera "PTP/IP Camera" --port "$PORT" \
      --session "$SESSION" --graphics none 2>&1 <<EOS
waitre SIM_0003[.]JPG +[0-9.]+[KM] +1/
dump $T/start
key tab
key home
key down
key down
key down
wait Preview — SIM_0001.JPG
dump $T/first
key down
wait SIM_0002.JPG is missing
key enter
hasnt review:
key up
key enter
wait review: SIM_0001.JPG
wait clipped:
dump $T/review
key esc
wait Capture log
keys :connect
key enter
wait ISO Speed
sh "$SIMCAM" ctl "$CTL" shoot >/dev/null
wait new shot SIM_0004.JPG
keys G
waitre SIM_0004[.]JPG +[0-9.]+[KM]
wait Preview — SIM_0004.JPG
dump $T/later
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
sed 's/^/# /' "$T/start" 2>/dev/null
check "the earlier shots are listed with time, size and exposure (SIM_0001)" \
    grep -qE '^│[0-9]{2}:[0-9]{2}:[0-9]{2} SIM_0001\.JPG +[0-9.]+[KM] +1/125 f/5\.6 +ISO100 +50mm' "$T/start"
check "a line without EXIF gets it from the file (SIM_0003)" \
    grep -qE '^│[0-9:]+ SIM_0003\.JPG +[0-9.]+[KM] +1/125 f/5\.6 +ISO100' "$T/start"
check "a file gone from the folder is shown as missing (SIM_0002)" \
    grep -qE '^│[0-9:]+ SIM_0002\.JPG +missing' "$T/start"
check "bad and torn journal lines: one message, both skipped" \
    grep -qE 'journal: 2 bad lines skipped \(first: line 4, not JSON' "$T/start"
check "the log says how many earlier shots there are" grep -q 'session: 3 earlier shots' "$T/start"
check "the preview shows the newest earlier shot at start" grep -q 'Preview — SIM_0003.JPG' "$T/start"
check "selecting a row previews it (Preview — SIM_0001.JPG)" grep -q 'Preview — SIM_0001.JPG' "$T/first"
check "Enter reviews it (histogram, clipped pixels)" grep -q 'review: SIM_0001.JPG' "$T/review"
l3=$(grep -n -m1 -E '^│[0-9:]+ SIM_0003\.JPG ' "$T/later" | cut -d: -f1)
ln=$(grep -n -m1 -E '^│[0-9:]+ SIM_0004\.JPG ' "$T/later" | cut -d: -f1)
sed 's/^/# /' "$T/later" | tail -12
check "a camera connected later appends its shot below the earlier ones ($l3 < $ln)" \
    test -n "$l3" -a -n "$ln" -a "${l3:-0}" -lt "${ln:-0}"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
