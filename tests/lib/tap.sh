# TAP helpers for integration scripts.  Source it: . "$SRCDIR/tests/lib/tap.sh"
# SPDX-License-Identifier: GPL-3.0-or-later
_tap_n=0
_tap_failed=0
_tap_pids=""

# Report a passing check.
ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }

# Report a failing check, with optional diagnostics on stdin-less extra args.
not_ok() { _tap_n=$((_tap_n + 1)); _tap_failed=1; echo "not ok $_tap_n - $*"; }

# Report a skipped check and why.
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $*"; }

# Print a diagnostic line.
diag() { echo "# $*"; }

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
    _d=$1; shift
    if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}

# wait_for SECONDS COMMAND...: poll COMMAND (cheap, side-effect free) until it
# succeeds or the deadline passes.  Returns COMMAND's last status.
wait_for() {
    _deadline=$(( $(date +%s%N) / 1000000 + $1 * 1000 )); shift
    while :; do
        "$@" && return 0
        [ $(( $(date +%s%N) / 1000000 )) -ge "$_deadline" ] && return 1
        # Yield the CPU briefly between polls; this is pacing, not synchronisation.
        sleep 0.05
    done
}

# Remember a background pid to kill when the script exits.
track_pid() { _tap_pids="$_tap_pids $1"; }

_tap_cleanup() {
    for p in $_tap_pids; do kill "$p" 2>/dev/null; done
    for p in $_tap_pids; do wait "$p" 2>/dev/null; done
}
trap _tap_cleanup EXIT

# done_testing: print the plan and exit with the right status.
done_testing() { echo "1..$_tap_n"; exit $_tap_failed; }
