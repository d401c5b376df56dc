#!/bin/bash
# Real terminal: capa in xterm (vt340 sixel, 1024 colour registers) under
# Xvfb.  After every screen change of issue 11's scenarios (tree scrolled a
# page and back, a section collapsed and expanded, help over the preview,
# the review and back, the log scrolled, the window resized, a body shot
# arriving while the tree scrolls) the preview area of a screenshot matches
# `capa --render` for the same file and box, and the rest of the screen
# holds text only: nothing moved, cut or left behind, no Ctrl-L needed.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
. "$SRCDIR/tests/lib/realterm.sh"
rt_main xterm sixel
