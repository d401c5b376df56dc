#!/bin/bash
# capa-simcam's command line and its man page agree.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
man1=$SRCDIR/doc/capa-simcam.1

help=$("$SIMCAM" --help)
check "--help exits 0" test $? -eq 0
out=$("$SIMCAM" --version)
check "--version prints the version" grep -Eqx 'capa-simcam [0-9]+\.[0-9]+\.[0-9]+' <<<"$out"
"$SIMCAM" --no-such-option >/dev/null 2>"$TEST_TMP/err"
check "an unknown option exits 2" test $? -eq 2
"$SIMCAM" --size 9x9 >/dev/null 2>"$TEST_TMP/err"
check "an image size out of range exits 2 with a message" test $? -eq 2 -a -s "$TEST_TMP/err"
"$SIMCAM" ctl "$TEST_TMP/none" status >/dev/null 2>&1
check "ctl to a missing socket exits 2" test $? -eq 2

missing=""
for o in $(grep -o -- '--[a-z-]*' <<<"$help" | sort -u); do
    grep -q -- "${o//-/\\\\-}" "$man1" || missing="$missing $o"
done
check "the man page documents every option of --help${missing:+ (missing:$missing)}" test -z "$missing"

sed -n '/^control commands/,$p' <<<"$help" | sed 's/^control commands[^:]*://' | tr '\n' ' ' \
    | tr ',' '\n' | awk '{print $1}' >"$TEST_TMP/cmds"
# Each command must head an entry of the CONTROL COMMANDS section.
sed -n '/^\.SH CONTROL COMMANDS/,/^\.SH SIGNALS/p' "$man1" | sed 's/\\-/-/g' >"$TEST_TMP/section"
missing=""
while read -r c; do
    [ -n "$c" ] || continue
    grep -q "^\.[BIR]* *\"* *$c\"* \|^\.[BIR]* *$c\$\|\" $c\"" "$TEST_TMP/section" || missing="$missing $c"
done <"$TEST_TMP/cmds"
check "the man page documents every control command${missing:+ (missing:$missing)}" test -z "$missing"

if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$man1" >"$TEST_TMP/rendered" 2>"$TEST_TMP/manerr"
    check "man ./doc/capa-simcam.1 renders without warnings" test -s "$TEST_TMP/rendered" -a ! -s "$TEST_TMP/manerr"
else
    skip "man is not installed"
fi

done_testing
