#!/bin/bash
# The libFuzzer target for the decode/EXIF/ICC/TIFF path builds with clang
# and replays its seed corpus (fixtures made now, plus tests/fuzz/corpus),
# then fuzzes briefly from it with a fixed seed; any crash, leak or UB fails.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
F=$TOOLS/img-fixture

bin=$(sh "$SRCDIR/tests/fuzz/build.sh" "$TEST_TMP/fuzz" img 2>build.err)
rc=$?
if [ $rc -eq 77 ]; then
    skip "$(cat build.err)"
    done_testing
fi
check "fuzz target builds with clang -fsanitize=fuzzer,address,undefined" test $rc -eq 0 -a -x "$bin"
[ $rc -eq 0 ] || { sed 's/^/# /' build.err | head -20; done_testing; }

mkdir corpus
for k in thumb raw adobe bogus-exif bad-icc icc-missing corrupt truncated huge big-header; do
    "$F" "$k" "corpus/$k" 2>/dev/null
done
"$F" icc corpus/icc 200
"$F" orient 6 corpus/orient6
"$F" photo 96 64 corpus/photo 70
"$F" wide-profile corpus/wide.icc
[ -d "$SRCDIR/tests/fuzz/corpus" ] && cp "$SRCDIR"/tests/fuzz/corpus/* corpus/ 2>/dev/null
n=$(ls corpus | wc -l)
"$bin" -runs=0 corpus >replay.log 2>&1
check "the corpus ($n files) replays without a finding" test $? -eq 0
grep -E 'ERROR|SUMMARY' replay.log | head -5 | sed 's/^/# /'
mkdir -p new
"$bin" -seed=1 -runs=4000 -max_len=65536 -rss_limit_mb=1024 new corpus >fuzz.log 2>&1
check "4000 fuzzing runs from the corpus find nothing" test $? -eq 0
grep -E 'ERROR|SUMMARY|Test unit written' fuzz.log | head -5 | sed 's/^/# /'

done_testing
