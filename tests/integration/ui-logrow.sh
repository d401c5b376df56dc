#!/bin/bash
# The capture log's shot rows and the preview's title, read through libvterm
# against capa-simcam (body shots, through the real libgphoto2): apertures
# as cameras print them (f/22 beside f/5.6), a long camera name cut with an
# ellipsis while the exposure columns stay in line, a NEF without EXIF shows
# blanks (not f/0.0 ISO0 0mm), and the preview's title names its file.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
export LC_ALL=C.UTF-8   # ${#x} counts characters, as the screen does
T=$TEST_TMP
LONG=A_long_name_from_the_camera_0002.JPG

simcam_start || { not_ok "capa-simcam starts"; done_testing; }
CTL="\"$SIMCAM\" ctl \"$SIMCAM_CTL\""
out=$("$VT" -t 30 -s 140x40 -- "$CAPA" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
      --session "$T/session" --graphics none 2>&1 <<EOS
wait ISO Speed
sh $CTL set f-number 2200 >/dev/null
sh $CTL shoot >/dev/null
waitre SIM_0001[.]JPG .*ISO
dump $T/first
sh $CTL set f-number 560 >/dev/null
sh $CTL name $LONG >/dev/null
sh $CTL shoot >/dev/null
waitre A_long.* .*ISO
sh $CTL raw on >/dev/null
sh $CTL shoot >/dev/null
waitre SIM_0003[.]NEF +[0-9.]+[KM]
dump $T/rows
keys q
exit 0
EOS
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
row() { grep -m1 -E "^│[0-9:]+ $1" "$T/rows"; }
r1=$(row 'SIM_0001\.JPG'); r2=$(row 'A_long'); r3=$(row 'SIM_0003\.JPG'); nef=$(row 'SIM_0003\.NEF')
printf '%s\n' "$r1" "$r2" "$r3" "$nef" | sed 's/^/# /'
# col ROW TEXT: the character column where TEXT starts in ROW (-1 if absent).
col() { case $1 in *"$2"*) p=${1%%"$2"*}; echo ${#p} ;; *) echo -1 ;; esac; }
check "f/22 is printed as cameras do (not f/22.0)" \
    bash -c "grep -qE ' f/22 ' <<<'$r1' && ! grep -q 'f/22\.0' <<<'$r1'"
check "f/5.6 keeps its decimal" grep -qE ' f/5\.6 ' <<<"$r2"
check "a long name is cut with an ellipsis" grep -q 'A_long_name_from_th… ' <<<"$r2"
c1=$(col "$r1" ISO); c2=$(col "$r2" ISO); c3=$(col "$r3" ISO)
check "... and the exposure columns stay in line (ISO at $c1, $c2, $c3)" \
    test "$c1" -gt 0 -a "$c1" = "$c2" -a "$c2" = "$c3"
check "a NEF without EXIF shows blanks, not f/0.0 ISO0 0mm" \
    bash -c "[ -n '$nef' ] && ! grep -qE 'f/0|ISO0| 0mm' <<<'$nef'"
check "the preview's title names the file it shows (Preview — SIM_0001.JPG)" \
    grep -qE '┌─ Preview — SIM_0001\.JPG ─' "$T/first"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"
done_testing
