#!/bin/bash
# Under AddressSanitizer (make sanitize), capa exits 0 after a connect with
# only tests/lsan.supp given, as a developer runs it outside tests/run-tests
# (which also sets fast_unwind_on_malloc=0): libgphoto2's own port-driver
# leak must be matched by the suppression file.  Skips in a plain build.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

if ! ldd "$CAPA" 2>/dev/null | grep -q libasan; then
    skip "capa is not built with AddressSanitizer (make sanitize)"
    done_testing
fi
start_simcam || { not_ok "capa-simcam starts"; done_testing; }
printf 'get iso\n' | env -u ASAN_OPTIONS LSAN_OPTIONS="suppressions=$SRCDIR/tests/lsan.supp" \
    timeout 120 "$CAPA" --headless --port "ptpip:127.0.0.1:$SIM_PORT" --session "$SESSION" \
    >"$OUT" 2>"$TEST_TMP/capa.err"
rc=$?
check "capa connected and answered" have_events 1 '.event=="value" and .key=="iso"'
check "capa under LSan with tests/lsan.supp exits 0 after a connect (status $rc)" test "$rc" -eq 0
grep -A8 'leak of' "$TEST_TMP/capa.err" | head -20 | sed 's/^/# /'
done_testing
