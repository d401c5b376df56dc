#!/bin/bash
# capa's command line: --help, --version, usage errors, man page in sync.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"

out=$("$CAPA" --version)
check "--version prints the version" grep -Eqx 'capa [0-9]+\.[0-9]+\.[0-9]+' <<<"$out"

help=$("$CAPA" --help)
check "--help exits 0" test $? -eq 0
missing=""
while read -r name; do
    grep -q -- "--$name" <<<"$help" || missing="$missing $name"
done < <(grep -o '^\t{ "[a-z-]*"' "$SRCDIR/src/options.c" | grep -o '[a-z-]*"$' | tr -d '"')
check "--help lists every option in the table${missing:+ (missing:$missing)}" test -z "$missing"

"$CAPA" --no-such-option 2>"$TEST_TMP/err"
check "an unknown option exits 2" test $? -eq 2
check "an unknown option says so" grep -q "unknown option" "$TEST_TMP/err"

"$CAPA" --colors 9999 2>"$TEST_TMP/err"
check "an out-of-range value is refused with its range" grep -q "from 2 to 256" "$TEST_TMP/err"

# A --filename padding past 9 is refused, however many digits: 2^31 once
# overflowed into a negative width and smashed the stack.
for pat in 'x%10n' 'x%2147483648n' 'x%4294967305n' 'x%99999999999999999999n'; do
    "$CAPA" --headless --no-auto-connect --session "$TEST_TMP/s" --filename "$pat" \
        </dev/null >"$TEST_TMP/out" 2>"$TEST_TMP/err"
    rc=$?
    check "--filename '$pat' is refused with a message (status $rc)" \
        test "$rc" -eq 1 -a "$(grep -c 'pads to 1\.\.9 digits' "$TEST_TMP/err")" -eq 1
done
"$CAPA" --headless --no-auto-connect --session "$TEST_TMP/s" --filename 'x%09n' </dev/null >"$TEST_TMP/out" 2>&1
check "--filename 'x%09n' (the widest padding) is accepted" test $? -eq 0

# The man page's OPTIONS section is what the option table generates.
sed -n '/^\.\\" options-begin/,/^\.\\" options-end/p' "$SRCDIR/doc/capa.1" | sed '1d;$d' >"$TEST_TMP/man"
"$CAPA" --man-options >"$TEST_TMP/gen"
check "doc/capa.1 OPTIONS matches capa --man-options" diff -u "$TEST_TMP/man" "$TEST_TMP/gen"

# So is its COMMANDS list, from the command table.
sed -n '/^\.\\" commands-begin/,/^\.\\" commands-end/p' "$SRCDIR/doc/capa.1" | sed '1d;$d' >"$TEST_TMP/cman"
"$CAPA" --man-commands >"$TEST_TMP/cgen"
check "doc/capa.1 COMMANDS matches capa --man-commands" \
    bash -c 'test -s "$1" && diff -u "$1" "$2"' _ "$TEST_TMP/cman" "$TEST_TMP/cgen"

if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$SRCDIR/doc/capa.1" >"$TEST_TMP/rendered" 2>"$TEST_TMP/manerr"
    check "man ./doc/capa.1 renders without warnings" test -s "$TEST_TMP/rendered" -a ! -s "$TEST_TMP/manerr"
else
    skip "man is not installed"
fi

done_testing
