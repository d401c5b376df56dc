#!/bin/bash
# Config and theme files that are not small regular text files: devices that
# never end (/dev/zero, /dev/urandom), a FIFO without a writer, a file over
# the size limit, long lines, NUL bytes.  capa must start, say why in one
# log line, and go on.  Also a --filename pattern from the config file whose
# padding once overflowed.  Runs the real capa in a pty (tests/tools/vt-drive).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
VT="$TOOLS/vt-drive"
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config"
mkdir -p "$XDG_CONFIG_HOME/capa"
ARGS=(--graphics none --no-auto-connect --session "$TEST_TMP/session")

# ui_starts NAME TEXT [CAPA-ARGS...]: capa starts, TEXT shows in the log, q exits 0.
ui_starts() {
    local name=$1 text=$2 out
    shift 2
    out=$(timeout 60 "$VT" -t 30 -s 140x30 -- "$CAPA" "${ARGS[@]}" "$@" 2>&1 <<S
wait Capture log
wait $text
keys q
exit 0
S
)
    if grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"; then
        ok "$name"
    else
        not_ok "$name"
        echo "$out" | grep -v '^ *$' | head -12 | sed 's/^/# /'
    fi
}

ui_starts "--config /dev/zero: refused as not a regular file" \
    "config: cannot read /dev/zero: not a regular file; using the defaults" --config /dev/zero
ui_starts "--config /dev/urandom: refused as not a regular file" \
    "config: cannot read /dev/urandom: not a regular file" --config /dev/urandom
mkfifo "$TEST_TMP/fifo"
ui_starts "--config FIFO without a writer: refused, the open does not block" \
    "fifo: not a regular file" --config "$TEST_TMP/fifo"
truncate -s 2M "$TEST_TMP/big"
ui_starts "a config file over 1 MiB is refused" \
    "big: larger than 1024 KiB" --config "$TEST_TMP/big"
ui_starts "--theme /dev/zero: the default theme, with a message" \
    'theme "/dev/zero" cannot be read (/dev/zero: not a regular file); using the default' --theme /dev/zero

echo "theme /dev/urandom" >"$TEST_TMP/config-theme"
ui_starts "theme /dev/urandom in the config: refused with a message" \
    'theme "/dev/urandom" cannot be read' --config "$TEST_TMP/config-theme"

# In a config file: a line with a NUL byte, an over-long line (the lines
# after them still apply), a bad padding.
{
    echo "# a comment"
    printf 'no-such\0option 1\n'
    printf '%*s\n' 5000 '' | tr ' ' x
    echo "filename x%2147483648n"
    echo "bind x help"
} >"$TEST_TMP/config"
ui_starts "a config line holding a NUL byte is reported with its line" \
    "config line 2: line holds a NUL byte" --config "$TEST_TMP/config"
ui_starts "an over-long config line is reported once with its line" \
    "config line 3: line too long" --config "$TEST_TMP/config"
ui_starts "filename x%2147483648n in the config: refused, capa goes on" \
    "pads to 1..9 digits" --config "$TEST_TMP/config"
out=$(timeout 60 "$VT" -t 30 -s 140x30 -- "$CAPA" "${ARGS[@]}" --config "$TEST_TMP/config" 2>&1 <<'S'
wait Capture log
keys x
wait any key closes
keys \e
gone any key closes
keys q
exit 0
S
)
check "the config line after them still applies (bind x help)" \
    grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

# A theme file: an over-long line is one message, the next line applies.
{ printf 'color %*s\n' 600 '' | tr ' ' x; echo "color nosuchslot red blue"; } >"$TEST_TMP/t.theme"
ui_starts "an over-long theme line is reported as too long" \
    "t.theme:1: theme: line too long" --theme "$TEST_TMP/t.theme"
ui_starts "the theme line after it is still read" \
    't.theme:2: theme: unknown slot "nosuchslot"' --theme "$TEST_TMP/t.theme"
done_testing
