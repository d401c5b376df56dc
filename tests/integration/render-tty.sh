#!/bin/bash
# capa --render on a terminal: the probe (XTSMGRAPHICS, CSI 16 t, DA1 last)
# decides between sixel and half blocks, honours the colour registers and
# the deadline, and --graphics / TERM=dumb override it. The terminal is
# img-fake-term, a pty that answers DA1 with a canned reply.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
export HOME=$TEST_TMP TERM=xterm-256color COLORTERM=truecolor
"$TOOLS/img-fixture" photo 600 400 p.jpg
FT=$TOOLS/img-fake-term
query=$'\e[?1;1;0S\e[16t\e[c'

"$FT" '\e[?1;0;16S\e[?62;4;22c' "$CAPA" --render p.jpg --width 300 >sixel.out
check "the probe is sent first, DA1 last" bash -c "head -c ${#query} sixel.out | cmp -s - <(printf '%s' \"\$1\")" _ "$query"
check "the probe is sent once" test "$(grep -ao $'\e\\[c' sixel.out | wc -l)" -eq 1
dims=$("$TOOLS/sixel-decode" sixel.out sixel.ppm)
check "DA1 with 4: sixel, 300×200, at most the 16 registers reported ($dims)" \
    awk -v d="$dims" 'BEGIN{split(d,a," "); exit !(a[1]==300 && a[2]==200 && a[3]<=16)}'

"$FT" '\e[?4;6c' "$CAPA" --render p.jpg --width 300 >vt132.out
check "a VT132 reply (4 first) is not sixel: half blocks" \
    bash -c "grep -q '▀' vt132.out && ! grep -q \$'\\eP' vt132.out"

start=$(date +%s%N)
"$FT" '' "$CAPA" --render p.jpg --width 300 --probe-timeout 300 >silent.out
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "a silent terminal: half blocks after the deadline (${ms} ms)" \
    bash -c "grep -q '▀' silent.out && [ $ms -ge 300 ] && [ $ms -lt 8000 ]"
check "24-bit colour with COLORTERM=truecolor" grep -q '38;2;' silent.out

"$FT" '' "$CAPA" --render p.jpg --width 300 --graphics sixel >forced.out
check "--graphics sixel: no probe, sixel anyway" \
    bash -c "! grep -q \$'\\e\\[c' forced.out && grep -q \$'\\eP' forced.out"

TERM=dumb "$FT" '' "$CAPA" --render p.jpg >dumb.out
check "TERM=dumb: a text placeholder, no probe, no escapes" \
    bash -c "grep -q 'p.jpg 600x400' dumb.out && ! grep -q \$'\\e' dumb.out"

done_testing
