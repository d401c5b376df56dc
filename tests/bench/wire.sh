#!/bin/bash
# make bench: microseconds per encode + decode round trip of the worker's
# event line (event-wire.c) for the simulator's settings tree, a built
# ~150-widget tree (a DSLR's size) and a file-saved event.
# SPDX-License-Identifier: GPL-3.0-or-later
cd "${BENCH_TMP:-$(mktemp -d)}" || exit 1
export TEST_TMP=$PWD
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
[ -x "$TOOLS/wire-bench" ] || { echo "wire bench: needs make tests"; exit 0; }
tree=
if start_simcam; then
    start_capa
    wait_events 1 '.event=="connected"' 20
    send config
    if wait_events 1 '.event=="config-tree"' 20; then
        jq -c 'select(.event=="config-tree") | {event, config: .tree}' "$OUT" | head -1 >tree.wire
        tree=$PWD/tree.wire
    fi
    stop_capa
fi
[ -n "$tree" ] || echo "wire bench: no tree from capa-simcam; built events only"
"$TOOLS/wire-bench" time $tree
