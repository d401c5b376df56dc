#!/bin/bash
# The keyboard stays live while a big shot's full-quality preview is made:
# the decode runs off the main thread (src/ui-decode.c).  A 8000x5300 shot
# arrives; right after its thumbnail sixel a key opens the search prompt,
# and the prompt must be on the screen before the full-quality sixel comes
# (decoded on the main thread, that sixel would come first: the key would
# wait for the decode).  The full preview still follows, at the same cell.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP

simcam_start --size 8000x5300 || { not_ok "capa-simcam starts"; done_testing; }
out=$("$VT" -d sixel -t 60 -s 100x30 -- "$CAPA" --camera "PTP/IP Camera" \
    --port "$SIMCAM_GPPORT" --session "$T/s" 2>&1 <<S
wait ISO Speed
key space
sixel $T/thumb.six
keys /zz
wait /zz
sixelsnow 1
sixel $T/full.six
key esc
resize 140x40
sixel $T/resized-thumb.six
sixel $T/resized.six
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
check "a key pressed after the thumbnail is handled before the full preview is ready" test $rc -eq 0
thumb=$(grep '^sixel' <<<"$out" | sed -n 1p); full=$(grep '^sixel' <<<"$out" | sed -n 2p)
check "the full preview follows at the thumbnail's cell ($thumb / $full)" \
    test -n "$full" -a "$(cut -d' ' -f2,3 <<<"$thumb")" = "$(cut -d' ' -f2,3 <<<"$full")"
check "... and it is a different, finer image" test -n "$full" -a "$(cut -d' ' -f4 <<<"$full")" -gt "$(cut -d' ' -f4 <<<"$thumb")"
resized=$(grep '^sixel' <<<"$out" | tail -1)
diag "sixel raster sizes: full $(head -c 40 "$T/full.six" | grep -ao '"1;1;[0-9]*;[0-9]*'), resized $(head -c 40 "$T/resized.six" | grep -ao '"1;1;[0-9]*;[0-9]*')"
w() { head -c 40 "$1" | grep -ao '"1;1;[0-9]*' | cut -d';' -f3; }
check "a larger terminal gets a larger preview ($resized)" test "$(w "$T/resized.six")" -gt "$(w "$T/full.six")"
done_testing
