#!/bin/bash
# The libFuzzer targets of the text parsers (command lines, config, themes,
# filename patterns, the journal, the worker's event line) build with clang, replay their seeds
# (tests/fuzz/seeds/TARGET, regression inputs included), and fuzz for a
# few seconds each from them; any crash, leak, UB or hang fails.  The image
# target is render-fuzz.sh's.  `make fuzz` runs them all for longer.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
cd "$TEST_TMP" || exit 1
TARGETS="command config theme name journal wire"
SECS=${FUZZ_SMOKE_SECS:-3}

# shellcheck disable=SC2086
sh "$SRCDIR/tests/fuzz/build.sh" "$TEST_TMP/fuzz" $TARGETS >built 2>build.err
rc=$?
if [ $rc -eq 77 ]; then
    skip "$(cat build.err)"
    done_testing
fi
check "the fuzz targets build with clang -fsanitize=fuzzer,address,undefined" test $rc -eq 0
[ $rc -eq 0 ] || { sed 's/^/# /' build.err | head -20; done_testing; }

# findings: the lines of a libFuzzer log that say what it found.
findings() { grep -E 'ERROR|SUMMARY|invariant|runtime error|Test unit written' "$1" | head -5 | sed 's/^/# /'; }

for t in $TARGETS; do
    bin=$TEST_TMP/fuzz/fuzz-$t seeds=$SRCDIR/tests/fuzz/seeds/$t
    n=$(ls "$seeds" | wc -l)
    "$bin" -runs=0 "$seeds" >"replay-$t.log" 2>&1
    check "fuzz-$t: its $n seeds replay without a finding" test $? -eq 0
    findings "replay-$t.log"
    mkdir -p "corpus-$t"
    "$bin" -seed=1 -max_total_time="$SECS" -timeout=10 -max_len=16384 -rss_limit_mb=1024 \
        -print_final_stats=1 -artifact_prefix="$TEST_TMP/$t-" "corpus-$t" "$seeds" >"fuzz-$t.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz-$t.log")
    check "fuzz-$t: ${SECS} s of fuzzing ($runs runs) find nothing" test $rc -eq 0 -a "${runs:-0}" -gt 0
    findings "fuzz-$t.log"
done
done_testing
