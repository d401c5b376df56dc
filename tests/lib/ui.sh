# The common start of the screen tests: a capa-simcam, vt-drive in $VT, a
# private config ($XDG_CONFIG_HOME under the test's $HOME) and T=$TEST_TMP.
# Source after tap.sh, then call ui_simcam_start [SIMCAM-ARG...].
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/simcam.sh"
VT="$TOOLS/vt-drive"
export XDG_CONFIG_HOME="$HOME/.config"
T=$TEST_TMP

# ui_simcam_start [ARG...]: simcam_start, or end the test when it fails.
ui_simcam_start() { simcam_start "$@" || { not_ok "capa-simcam starts"; done_testing; }; }
