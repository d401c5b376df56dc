#!/bin/sh
# Build the libFuzzer targets with clang -fsanitize=fuzzer,address,undefined:
#   sh tests/fuzz/build.sh OUTDIR [TARGET...]
# TARGET: img command config theme name journal wire (default: all).  Prints each
# binary's path, one a line; a binary newer than its sources is kept.
# Exits 77 when clang or its fuzzer runtime is missing.
# SPDX-License-Identifier: GPL-3.0-or-later
set -e
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=${1:?usage: build.sh OUTDIR [TARGET...]}
shift
TARGETS=${*:-img command config theme name journal wire}
command -v clang >/dev/null || { echo "clang is not installed" >&2; exit 77; }
mkdir -p "$OUT"

# The capa sources and pkg-config modules each target needs.
srcs() {
    case $1 in
    img) echo img-clip img-colour img-exif img-icc img-jpeg img-preview img-resample \
              img-tiff term-probe ;;
    command) echo command command-table keys ;;
    config) echo config keys command command-table options textfile ;;
    theme) echo theme textfile ;;
    name) echo session-name sanitize ;;
    journal) echo session-read session-journal session-exif event cam-config datetime json sanitize ;;
    wire) echo event-wire event-wire-read event cam-config datetime json sanitize ;;
    *) echo "build.sh: unknown target $1" >&2; return 1 ;;
    esac
}
pkgs() {
    case $1 in
    img) echo lcms2 libexif libjpeg libsixel libcrypto ;;
    command|config|theme) echo ncursesw ;;
    name) echo ;;
    journal) echo json-c libexif ;;
    wire) echo json-c ;;
    esac
}

# Build one target unless its binary is newer than every file it is made of.
build() {
    t=$1 bin=$OUT/fuzz-$1 files=$SRCDIR/tests/fuzz/fuzz-$1.c
    for s in $(srcs "$t"); do files="$files $SRCDIR/src/$s.c"; done
    if [ -x "$bin" ] && [ -z "$(find "$SRCDIR/src" "$SRCDIR/tests/fuzz" "$SRCDIR/tests/fuzz/build.sh" \
            -name '*.[ch]' -newer "$bin" -o -name build.sh -newer "$bin")" ]; then
        echo "$bin"; return 0
    fi
    p=$(pkgs "$t")
    # shellcheck disable=SC2046,SC2086
    if ! clang -std=c11 -g -O1 -Wall -Wextra -D_GNU_SOURCE -DCAPA_VERSION='"fuzz"' \
        -DCAPA_DATADIR='"/nonexistent"' -I"$SRCDIR/src" ${p:+$(pkg-config --cflags $p)} \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -o "$bin" $files ${p:+$(pkg-config --libs $p)} -lm -pthread 2>"$OUT/build-$t.log"; then
        if grep -q "libclang_rt.fuzzer" "$OUT/build-$t.log"; then
            echo "clang's fuzzer runtime is missing (libclang-rt-dev)" >&2; exit 77
        fi
        cat "$OUT/build-$t.log" >&2; exit 1
    fi
    echo "$bin"
}

for t in $TARGETS; do
    srcs "$t" >/dev/null
    build "$t"
done
