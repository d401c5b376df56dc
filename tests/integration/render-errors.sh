#!/bin/bash
# Previews of bad files: corrupt and truncated JPEG, bogus EXIF, malformed
# ICC, a 65535×65535 header, a progressive file of 569 scans, non-images. Each gives a clear one-line error
# (or, for bad metadata, a preview without it) and never a crash.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture

# expect_error KIND PATTERN: capa --render fails with status 1 and PATTERN.
expect_error() {
    "$CAPA" --render "$1.jpg" --graphics sixel >out 2>err
    rc=$?
    check "$1: exit status 1 (got $rc), nothing on stdout" test "$rc" -eq 1 -a ! -s out
    check "$1: says why ($(head -c 120 err))" grep -Eq "$2" err
}

for k in corrupt truncated huge big-header bogus-exif bad-icc icc-missing; do "$F" "$k" "$k.jpg"; done
expect_error corrupt 'Corrupt JPEG data|JPEG data'
expect_error truncated 'Premature end'
expect_error huge 'dimension|too large'
expect_error big-header 'too large: 60000×40000'
"$F" many-scans 256 160 many-scans.jpg
expect_error many-scans 'more than 256 scans'
head -c 300 /dev/urandom >noise.jpg
printf '\377\330garbage' >>noise.jpg
expect_error noise 'not a JPEG'
printf 'II*\0\10\0\0\0\377\377' >tiny.jpg
expect_error tiny 'raw file|not'
: >empty.jpg
expect_error empty 'plausible size|empty'

for k in bogus-exif bad-icc icc-missing; do
    "$CAPA" --render "$k.jpg" --graphics sixel >out 2>err
    check "$k: still rendered (metadata ignored)" test $? -eq 0 -a -s out
done
mkfifo fifo.jpg
timeout 10 "$CAPA" --render fifo.jpg 2>err
check "a FIFO: refused at once, not waited on ($(cat err))" grep -q 'not a regular' err
"$CAPA" --render /nonexistent.jpg 2>err
check "a missing file: clear error" grep -q 'No such file' err
esc=$'evil\e]0;owned\a\e[2J.jpg'
cp corrupt.jpg "$esc"
"$CAPA" --render "$esc" --graphics sixel 2>err
check "a file name with escapes: reported without them ($(tr -d '\033\007' <err | head -c 80))" \
    bash -c "grep -q 'evil' err && ! grep -q \$'\\e' err && ! grep -q \$'\\a' err"

done_testing
