#!/bin/bash
# Real terminal: capa in mlterm (sixel) under Xvfb at 80x24, through the same
# scenarios as term-xterm: the preview area matches `capa --render` after
# every screen change and nothing is moved, cut or left behind.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
. "$SRCDIR/tests/lib/realterm.sh"
rt_main mlterm sixel 80 24
