# Helpers for scripts that drive capa-simcam.  Source after tap.sh:
#   . "$SRCDIR/tests/lib/tap.sh"; . "$SRCDIR/tests/lib/simcam.sh"
# SPDX-License-Identifier: GPL-3.0-or-later
#
# simcam_start [OPTION]...  starts "$SIMCAM --port 0 --control SOCKET OPTION..."
# and sets SIMCAM_PID, SIMCAM_PORT, SIMCAM_CTL (the control socket),
# SIMCAM_GPPORT (the libgphoto2 port: ptpip:127.0.0.1:PORT:PORT — libgphoto2
# 2.5.30 puts the event channel on 15740 unless it is given) and SIMCAM_LOG.
# simcam_ctl COMMAND...     sends one control command, prints the reply.
# gp ARG...                 runs the gphoto2 CLI against it (HOME is private).

export HOME="$TEST_TMP/home"
mkdir -p "$HOME"

simcam_start() {
    _sc_dir=$(mktemp -d "$TEST_TMP/simcam.XXXXXX")
    SIMCAM_CTL=$_sc_dir/ctl
    SIMCAM_LOG=$_sc_dir/err
    "$SIMCAM" --port 0 --control "$SIMCAM_CTL" "$@" >"$_sc_dir/out" 2>"$SIMCAM_LOG" &
    SIMCAM_PID=$!
    track_pid "$SIMCAM_PID"
    wait_for 20 grep -q '^listening ' "$_sc_dir/out" || return 1
    SIMCAM_PORT=$(sed -n 's/^listening 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$_sc_dir/out")
    SIMCAM_GPPORT=ptpip:127.0.0.1:$SIMCAM_PORT:$SIMCAM_PORT
    [ -n "$SIMCAM_PORT" ]
}

simcam_ctl() { "$SIMCAM" ctl "$SIMCAM_CTL" "$@"; }

gp() { timeout 120 gphoto2 --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" "$@"; }
