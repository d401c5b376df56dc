#!/bin/sh
# `make fuzz`: build every libFuzzer target (build.sh) and fuzz each for
# SECONDS (default 60) from its seeds: image fixtures made by img-fixture,
# and tests/fuzz/seeds/TARGET/ for the text parsers.  Prints, per target,
# the executions, the corpus size and the crashes (any finding: crash,
# leak, UB, timeout, out-of-memory); exits 1 when a target found anything.
# The corpus grows in $BUILD/fuzz/corpus/TARGET, findings land in
# $BUILD/fuzz/findings/TARGET, each target's output in $BUILD/fuzz/TARGET.log.
# SPDX-License-Identifier: GPL-3.0-or-later
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRCDIR/$BUILD ;; esac
OUT=$BUILD/fuzz
SECS=${1:-60}
F=$BUILD/tests/tools/img-fixture
TARGETS=${FUZZ_TARGETS:-img command config theme name journal wire}

export SRCDIR
# shellcheck disable=SC2086
sh "$SRCDIR/tests/fuzz/build.sh" "$OUT" $TARGETS >/dev/null || exit $?

# Image seeds: fixtures of every kind the decoders meet.
mkdir -p "$OUT/seeds/img"
for k in thumb raw adobe bogus-exif bad-icc icc-missing corrupt truncated huge big-header; do
    "$F" "$k" "$OUT/seeds/img/$k" 2>/dev/null || true
done
"$F" icc "$OUT/seeds/img/icc" 200 || true
"$F" orient 6 "$OUT/seeds/img/orient6" || true
"$F" photo 96 64 "$OUT/seeds/img/photo" 70 || true

# Fuzz one target; prints its line of the summary, returns 1 on a finding.
fuzz_one() {
    t=$1 seeds=$SRCDIR/tests/fuzz/seeds/$1 len=16384
    [ "$t" = img ] && seeds=$OUT/seeds/img len=65536
    mkdir -p "$OUT/corpus/$t" "$OUT/findings/$t"
    before=$(ls "$OUT/findings/$t" | wc -l)
    "$OUT/fuzz-$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=$len \
        -print_final_stats=1 -artifact_prefix="$OUT/findings/$t/" \
        "$OUT/corpus/$t" "$seeds" >"$OUT/$t.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log" | tail -1)
    corp=$(grep -o 'corp: [0-9]*' "$OUT/$t.log" | tail -1 | cut -d' ' -f2)
    found=$(( $(ls "$OUT/findings/$t" | wc -l) - before ))
    [ $rc -ne 0 ] && [ $found -eq 0 ] && found=1
    printf '%-8s %12s executions %6s in corpus %3s crashes\n' "$t" "${execs:-?}" "${corp:-?}" "$found"
    if [ $found -ne 0 ]; then
        grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$OUT/$t.log" | head -5 | sed 's/^/    /'
        return 1
    fi
    return 0
}

echo "fuzzing each target for $SECS s (output in $OUT)"
failed=0
for t in $TARGETS; do
    fuzz_one "$t" || failed=1
done
exit $failed
