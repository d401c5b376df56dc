#!/bin/sh
# Build the libFuzzer target with clang: sh tests/fuzz/build.sh OUTDIR
# Prints the binary's path; exits 77 when clang or its fuzzer runtime is missing.
# SPDX-License-Identifier: GPL-3.0-or-later
set -e
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=${1:?usage: build.sh OUTDIR}
command -v clang >/dev/null || { echo "clang is not installed" >&2; exit 77; }
mkdir -p "$OUT"
PKGS="lcms2 libexif libjpeg libsixel libcrypto"
# shellcheck disable=SC2046
if ! clang -std=c11 -g -O1 -D_GNU_SOURCE -I"$SRCDIR/src" $(pkg-config --cflags $PKGS) \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -o "$OUT/fuzz-img" "$SRCDIR/tests/fuzz/fuzz-img.c" \
    "$SRCDIR"/src/img-clip.c "$SRCDIR"/src/img-colour.c "$SRCDIR"/src/img-exif.c "$SRCDIR"/src/img-icc.c \
    "$SRCDIR"/src/img-jpeg.c "$SRCDIR"/src/img-preview.c "$SRCDIR"/src/img-resample.c \
    "$SRCDIR"/src/img-tiff.c "$SRCDIR"/src/term-probe.c $(pkg-config --libs $PKGS) -lm -pthread 2>"$OUT/build.log"; then
    if grep -q "libclang_rt.fuzzer" "$OUT/build.log"; then
        echo "clang's fuzzer runtime is missing (libclang-rt-dev)" >&2; exit 77
    fi
    cat "$OUT/build.log" >&2; exit 1
fi
echo "$OUT/fuzz-img"
