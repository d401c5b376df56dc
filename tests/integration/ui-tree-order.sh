#!/bin/bash
# The settings tree opens on what a photographer changes most, against
# capa-simcam through the real libgphoto2: Capture Settings, then Image
# Settings, expanded, at the top; Other PTP Device Properties (the same
# settings again, by number), Camera Actions (Bulb Mode, PTP Opcode) and
# Camera Status Information collapsed at the end.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start
out=$("$VT" -t 30 -s 120x50 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
wait Camera Status Information
dump $T/tree
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
# The tree pane's section rows, in order: "- Capture Settings" ...
sections=$(grep -oE '^│[> ][-+] [A-Za-z ]+[A-Za-z]' "$T/tree" | cut -c5- | paste -sd, -)
diag "sections: $sections"
check "capture settings first, then image settings, both expanded" \
    bash -c "[[ '$sections' == '- Capture Settings,- Image Settings,'* ]]"
check "camera actions and status come last, collapsed" \
    bash -c "[[ '$sections' == *',+ Other PTP Device Properties,+ Camera Actions,+ Camera Status Information' ]]"
check "the exposure settings are on screen, the actions are not (Bulb Mode, PTP Opcode)" \
    bash -c "grep -q 'Shutter Speed' '$T/tree' && grep -q 'F-Number' '$T/tree' && ! grep -qE 'Bulb Mode|PTP Opcode' '$T/tree'"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
