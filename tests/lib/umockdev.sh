# Helpers for tests that run a tool in a umockdev test bed.  Source after
# tap.sh.
# SPDX-License-Identifier: GPL-3.0-or-later

# need_umockdev TOOL: skip the whole test without umockdev-wrapper, fail it
# when TOOL was not built; else set up the environment for the bed.
need_umockdev() {
    if ! command -v umockdev-wrapper >/dev/null; then
        skip "umockdev-wrapper is not installed (Debian package umockdev)"
        done_testing
    fi
    if [ ! -x "$1" ]; then
        not_ok "$1 is built"
        done_testing
    fi
    # Under ASan (make sanitize) the preload library comes before the ASan
    # runtime in the link order; that is harmless here.
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
}
