#!/bin/bash
# --hook-script: ACTION=init|start|download|stop with ARGUMENT, and an init
# failure aborts; headless command errors and `wait`.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
HOOK="$TEST_TMP/hook.sh"
LOG="$TEST_TMP/hook.log"
cat >"$HOOK" <<EOS
#!/bin/sh
echo "\$ACTION \${ARGUMENT:-}" >>"$LOG"
grep -E '^Sig(Blk|Ign)' /proc/self/status | tr '\t' ' ' >>"$LOG.sig"
EOS
chmod +x "$HOOK"

start_capa --hook-script "$HOOK"
send "capture 2"
wait_events 2 '.event=="file-saved"' 30
stop_capa
mapfile -t saved < <(jq -r 'select(.event=="file-saved") | .path' "$OUT")
expect=$(printf '%s\n' "init " "start " "download ${saved[0]}" "download ${saved[1]}" "stop ")
check "the hook sees init, start, download PATH (x2), stop" test "$(cat "$LOG")" = "$expect"
# SIGPIPE is bit 13 of SigIgn (0x1000)
sig_ok() {
    [ "$(grep -c 'SigBlk: 0*$' "$LOG.sig")" -eq 5 ] || return 1
    while read -r _ m; do (( (16#$m & 0x1000) == 0 )) || return 1; done < <(grep SigIgn "$LOG.sig")
}
check "the hook runs with no signal blocked and SIGPIPE not ignored" sig_ok

printf '#!/bin/sh\n[ "$ACTION" = init ] && exit 3\nexit 0\n' >"$HOOK"
"$CAPA" --headless --no-auto-connect --hook-script "$HOOK" --session "$SESSION" \
    </dev/null >"$TEST_TMP/out2" 2>&1
rc=$?
check "a hook failing at init aborts capa (status $rc)" test "$rc" -ne 0
check "... saying why" grep -q 'hook script.*failed at init' "$TEST_TMP/out2"

# Headless input errors and wait.
start_capa --no-auto-connect
send "frobnicate"
send "capture 0"
send "wait 0.3"
send "wait x"
send capture
stop_capa
check "an unknown command gives an error event" \
    have_events 1 '.event=="error" and .what=="command" and (.message | test("unknown command"))'
check "a bad argument gives an error event" have_events 1 '.event=="error" and (.message | test("count"))'
check "a bad wait gives an error event" have_events 1 '.event=="error" and (.message | test("wait SECONDS"))'
check "capture without a camera says so, with a hint" \
    have_events 1 '.event=="error" and .what=="no-camera" and (.hint | test("connect"))'
check "every line of output is one JSON object" quiet jq -e . "$OUT"
check "EOF ends capa with status 0" test "$CAPA_RC" -eq 0
done_testing
