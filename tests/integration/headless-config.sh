#!/bin/bash
# Headless mode reads the config file as the UI does: --config FILE or
# $XDG_CONFIG_HOME/capa/config; the command line wins; a bad line is an
# error event and the rest of the file still applies.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"
T=$TEST_TMP
export XDG_CONFIG_HOME="$T/xdg"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
# shoot OUT ARGS...: one capture in headless capa, events into OUT.
shoot() {
    local out=$1; shift
    echo capture | timeout 60 "$CAPA" --headless --port "ptpip:127.0.0.1:$SIM_PORT" "$@" \
        >"$out" 2>>"$T/capa.err"
}
saved_in() { jq -r 'select(.event=="file-saved") | .path' "$1" | grep -q "^$2/"; }

cat >"$T/file.conf" <<C
session $T/from-file
filename cfg-%04n.%C
no-such-option 1
C
shoot "$T/a.jsonl" --config "$T/file.conf"
check "--config FILE: the shot lands in the file's session" saved_in "$T/a.jsonl" "$T/from-file"
check "--config FILE: named by the file's pattern" test -s "$T/from-file/cfg-0001.jpg" -o -s "$T/from-file/cfg-0001.JPG"
check "a bad line is an error event naming it" \
    test "$(jq -c 'select(.event=="error" and .what=="config") | .message' "$T/a.jsonl" | grep -c 'line 3')" = 1

mkdir -p "$XDG_CONFIG_HOME/capa"
echo "session $T/from-xdg" >"$XDG_CONFIG_HOME/capa/config"
shoot "$T/b.jsonl"
check "the XDG config's session is used" saved_in "$T/b.jsonl" "$T/from-xdg"
shoot "$T/c.jsonl" --session "$T/from-cli"
check "--session on the command line wins over the file" saved_in "$T/c.jsonl" "$T/from-cli"
done_testing
