#!/bin/bash
# make bench: time from pressing Space in capa to the preview being written
# (first image: the EXIF thumbnail; then the full-quality one), beside
# `gphoto2 --capture-image-and-download` on the same capa-simcam.  Medians
# of 5.  capa runs in a pty driven by vt-drive with sixel answered to DA1;
# the engine alone is timed headless (capture sent -> file-saved).
# SPDX-License-Identifier: GPL-3.0-or-later
cd "${BENCH_TMP:-$(mktemp -d)}" || exit 1
export TEST_TMP=$PWD
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/simcam.sh"
N=5
[ -x "$TOOLS/vt-drive" ] || { echo "capture-latency bench: needs make tests"; exit 0; }
simcam_start || { echo "capture-latency bench: capa-simcam did not start"; exit 0; }
now() { date +%s%N; }

script=$PWD/script
echo "wait ISO Speed" >"$script"
for i in $(seq 1 $N); do
    cat >>"$script" <<S
sh date +%s%N >>$PWD/t0
key space
sixel $PWD/thumb$i.six
sh date +%s%N >>$PWD/t1
sixel $PWD/full$i.six
sh date +%s%N >>$PWD/t2
waitre SIM_000$i[.]JPG .*f/
S
done
printf 'keys q\nexit 0\n' >>"$script"
"$TOOLS/vt-drive" -d sixel -t 60 -s 100x30 -- "$CAPA" --camera "PTP/IP Camera" \
    --port "$SIMCAM_GPPORT" --session "$PWD/session" >/dev/null 2>err <"$script" \
    || { echo "capture-latency bench: capa run failed"; cat err; exit 0; }

# median of per-shot differences in ms between two timestamp files
median_ms() { paste "$1" "$2" | awk '{ print ($2 - $1) / 1e6 }' | sort -n | sed -n "$(( (N + 1) / 2 ))p"; }
thumb=$(median_ms t0 t1); full=$(median_ms t0 t2)

# The engine alone: headless `capture` sent -> file-saved written (what
# gphoto2's figure measures too: the file on disk), medians of N.
: >h-sent
{ sleep 1; for i in $(seq 1 $N); do now >>h-sent; echo capture; sleep 1; done; echo quit; } |
    "$CAPA" --headless --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" --session "$PWD/hsession" 2>/dev/null |
    while IFS= read -r l; do
        case $l in '{"event":"file-saved"'*) now >>h-saved ;; esac
    done
headless=$(median_ms h-sent h-saved)

mkdir -p gp && cd gp || exit 1
for i in $(seq 1 $N); do
    a=$(now); gp --capture-image-and-download --force-overwrite >/dev/null 2>&1; b=$(now)
    echo $(( (b - a) / 1000000 ))
done | sort -n >gp-times
gpt=$(sed -n "$(( (N + 1) / 2 ))p" gp-times)
printf 'Space -> preview written (capa, thumbnail): %8.1f ms\n' "$thumb"
printf 'Space -> full-quality preview (capa):      %8.1f ms\n' "$full"
printf 'headless capture -> file-saved (capa):     %8.1f ms\n' "$headless"
printf 'gphoto2 --capture-image-and-download:      %8.1f ms (file on disk, no preview)\n' "$gpt"
awk -v a="$full" -v h="$headless" -v b="$gpt" 'BEGIN { if (b > 0) printf "ratio capa full preview / gphoto2: %.2f, headless file / gphoto2: %.2f\n", a / b, h / b }'
