#!/bin/bash
# Real terminal: capa in xterm with direct colour (COLORTERM=truecolor)
# drawing 24-bit half blocks, which capa writes behind curses' back like
# sixel.  The same scenarios as term-xterm: each cell's two colours, read
# back from the screenshot, are the preview's pixels after every screen
# change, and nothing is moved, cut or left behind.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
. "$SRCDIR/tests/lib/realterm.sh"
rt_main xterm halfblock
