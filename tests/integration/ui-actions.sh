#!/bin/bash
# Arrow keys never fire a camera action, against capa-simcam through the real
# libgphoto2: ← → (and h l) on Bulb Mode (a toggle that on a Canon opens the
# shutter) send nothing and say that Enter changes it; Enter asks first
# (y/n on the message line): n sends nothing, y sends "bulb 1" (the
# simulator refuses Fuji's property 0xd208, as ui-edit.sh shows).  A list
# (ISO Speed) still steps with the arrows.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start -v
# bulb_sets: SetDevicePropValue requests for 0xd208 (Bulb Mode) so far.
cat >"$T/bulb_sets" <<W
grep -cE 'op 1016\(0000d208\)' "$SIMCAM_LOG"
W
out=$("$VT" -t 30 -s 120x40 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
keys /iso
waitre ^│> +ISO Speed +100
keys \r
key right
waitre ^│> +ISO Speed +200
keys /bulb
waitre ^│> +Bulb Mode
keys \r
key right
wait Enter changes this one
dump $T/msg
key left
keys lh
keys :get iso\r
wait iso = 200
dump $T/arrows
sh bash $T/bulb_sets >$T/n_arrows || true
key enter
wait starts an action on the camera. Send it? (y/n)
dump $T/ask
keys n
wait not sent
keys :get iso\r
wait iso = 200
sh bash $T/bulb_sets >$T/n_no || true
key enter
wait starts an action on the camera. Send it? (y/n)
keys y
wait setting bulb to 1 failed
dump $T/yes
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
diag "Bulb Mode requests the camera got in all: $(bash "$T/bulb_sets")"
check "a list still steps with the arrows (ISO Speed 100 -> 200)" grep -qE '^│ +ISO Speed +200 ' "$T/arrows"
check "→ ← l h on a toggle send nothing to the camera (requests: $(cat "$T/n_arrows" 2>/dev/null))" \
    test "$(cat "$T/n_arrows" 2>/dev/null)" = 0
check "... and the message line says Enter changes it" grep -q 'Enter changes this one' "$T/msg"
check "Enter on Bulb Mode asks first (y/n on the message line)" \
    grep -q 'Bulb Mode = on starts an action on the camera. Send it? (y/n)' "$T/ask"
check "n sends nothing (requests: $(cat "$T/n_no" 2>/dev/null))" test "$(cat "$T/n_no" 2>/dev/null)" = 0
check "y sends bulb 1 (the camera gets the request and refuses it)" \
    bash -c "grep -q 'setting bulb to 1 failed' '$T/yes' && test \$(bash '$T/bulb_sets') -eq 1"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
