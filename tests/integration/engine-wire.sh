#!/bin/bash
# The simulator's real settings tree (libgphoto2's widgets as the worker
# copies them) crosses the worker's event line (event-wire.c) unchanged:
# headless `config` gives the tree, jq makes it a wire line, wire-bench
# decodes it, encodes it and decodes that again.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
start_capa
wait_events 1 '.event=="connected"' 20
send config
check "headless config gives the tree" wait_events 1 '.event=="config-tree"' 20
jq -c 'select(.event=="config-tree") | {event, config: .tree}' "$OUT" | head -1 >"$TEST_TMP/tree.wire"
"$TOOLS/wire-bench" check "$TEST_TMP/tree.wire" >"$TEST_TMP/check.out" 2>&1
check "the simulator's tree round-trips through the wire exactly" test $? -eq 0
sed 's/^/# /' "$TEST_TMP/check.out"
check "all of its widgets (more than 30)" \
    test "$(sed -n 's/.*, \([0-9]*\) widgets,.*/\1/p' "$TEST_TMP/check.out")" -gt 30
stop_capa
done_testing
