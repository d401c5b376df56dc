#!/bin/sh
# `make fuzz`: build the libFuzzer target and fuzz for SECONDS (default 60)
# from a seed corpus made by img-fixture. Findings land in $BUILD/fuzz/.
# SPDX-License-Identifier: GPL-3.0-or-later
set -e
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRCDIR/$BUILD ;; esac
OUT=$BUILD/fuzz
F=$BUILD/tests/tools/img-fixture
bin=$(SRCDIR=$SRCDIR sh "$SRCDIR/tests/fuzz/build.sh" "$OUT")
mkdir -p "$OUT/seeds" "$OUT/corpus"
for k in thumb raw adobe bogus-exif bad-icc icc-missing corrupt truncated huge big-header; do
    "$F" "$k" "$OUT/seeds/$k" 2>/dev/null || true
done
"$F" icc "$OUT/seeds/icc" 200
"$F" orient 6 "$OUT/seeds/orient6"
"$F" photo 96 64 "$OUT/seeds/photo" 70
cd "$OUT"
exec "$bin" -max_total_time="${1:-60}" -max_len=65536 -rss_limit_mb=1024 corpus seeds
