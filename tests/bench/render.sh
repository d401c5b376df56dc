#!/bin/bash
# make bench: capa --render against img2sixel, chafa and the djpeg decode
# floor on 24 MP (6000×4000) and 12 MP (4000×3000) photo-like JPEGs, 640 px
# wide. Prints wall time (ns clock) and CPU time (10 ms ticks), medians of 5 (CPU
# time is steadier on a busy machine), peak RSS and output bytes, and the
# ratios against the targets in issue 5:
#   >= 8× faster than img2sixel, >= 2× faster than chafa, <= 1.5× djpeg -scale 1/8,
#   <= 40 MiB peak RSS on 24 MP, output bytes <= img2sixel's.
# SPDX-License-Identifier: GPL-3.0-or-later
cd "${BENCH_TMP:-$(mktemp -d)}" || exit 1
export HOME=$PWD
TIME=/usr/bin/time
if [ ! -x "$TIME" ] || [ ! -x "$TOOLS/img-fixture" ]; then
    echo "render bench: needs /usr/bin/time (package time) and make tests"; exit 0
fi

# run NAME CMD...: median wall seconds, peak RSS KiB and output bytes of CMD.
run() {
    local name=$1; shift
    local t=() c=() rss=0
    for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        "$TIME" -f '%M %U %S' -o tm "$@" >out 2>/dev/null || { echo "$name: failed"; return 1; }
        t1=$(date +%s%N)
        read -r m u k <tm
        t+=("$(echo "($t1 - $t0) / 1000000000" | bc -l)")
        c+=("$(echo "$u + $k" | bc -l)")
        [ "$m" -gt "$rss" ] && rss=$m
    done
    med=$(printf '%s\n' "${t[@]}" | sort -n | sed -n 3p)
    cpu=$(printf '%s\n' "${c[@]}" | sort -n | sed -n 3p)
    printf '%s %s %s %s %s\n' "$name" "$med" "$rss" "$(wc -c <out)" "$cpu" >>results
}

have() { command -v "$1" >/dev/null; }

for size in 6000x4000 4000x3000; do
    w=${size%x*} h=${size#*x}
    # capa-simcam's scene (sky, trees, a house, grain) when built, else ours.
    if [ -x "$TOOLS/mkshot" ]; then
        "$TOOLS/mkshot" --size "$size" --iso 400 --quality 92 "photo-$size.jpg"
    else
        "$TOOLS/img-fixture" photo "$w" "$h" "photo-$size.jpg" 92
    fi
    : >results
    run capa "$CAPA" --render "photo-$size.jpg" --graphics sixel --width 640
    have img2sixel && run img2sixel img2sixel -w 640 "photo-$size.jpg"
    # A slow link's choice: 16 colours, against img2sixel's 16-colour palette.
    run capa-c16 "$CAPA" --render "photo-$size.jpg" --graphics sixel --width 640 --colors 16
    have img2sixel && run img2six-16 img2sixel -p 16 -w 640 "photo-$size.jpg"
    have chafa && run chafa chafa -f sixels -s 80x "photo-$size.jpg"
    have djpeg && run djpeg djpeg -scale 1/8 "photo-$size.jpg"
    echo "-- $size ($(wc -c <"photo-$size.jpg") bytes), 640 px wide"
    awk -v size="$size" '
        { name[NR]=$1; t[$1]=$2; rss[$1]=$3; bytes[$1]=$4; cpu[$1]=$5 }
        END {
            printf "%-10s %8s %8s %11s %10s %11s\n", "tool", "wall s", "cpu s", "peak RSS", "bytes", "wall/capa"
            for (i = 1; i <= NR; i++) {
                n = name[i]; r = (t["capa"] > 0 ? t[n] / t["capa"] : 0)
                printf "%-10s %8.3f %8.3f %7.1f MiB %10d %10.2fx\n", n, t[n], cpu[n], rss[n] / 1024, bytes[n], r
            }
            c = t["capa"]
            u = cpu["capa"] > 0 ? cpu["capa"] : 0.01
            if ("img2sixel" in t) printf "target: >= 8x faster than img2sixel: %.1fx %s (cpu %.1fx)\n", t["img2sixel"]/c, (t["img2sixel"]/c >= 8 ? "MET" : "MISSED"), cpu["img2sixel"]/u
            if ("chafa" in t) printf "target: >= 2x faster than chafa: %.1fx %s (cpu %.1fx)\n", t["chafa"]/c, (t["chafa"]/c >= 2 ? "MET" : "MISSED"), cpu["chafa"]/u
            if ("djpeg" in t) printf "target: <= 1.5x the djpeg floor: %.2fx %s (cpu %.2fx)\n", c/t["djpeg"], (c/t["djpeg"] <= 1.5 ? "MET" : "MISSED"), (cpu["djpeg"] > 0 ? u/cpu["djpeg"] : 0)
            if (size == "6000x4000") printf "target: <= 40 MiB peak RSS: %.1f MiB %s\n", rss["capa"]/1024, (rss["capa"] <= 40*1024 ? "MET" : "MISSED")
            if ("img2sixel" in t) printf "target: bytes <= img2sixel: %d vs %d %s\n", bytes["capa"], bytes["img2sixel"], (bytes["capa"] <= bytes["img2sixel"] ? "MET" : "MISSED")
            if ("img2six-16" in t) printf "preview bytes per shot at --colors 16: capa %d, img2sixel -p 16 %d %s\n", bytes["capa-c16"], bytes["img2six-16"], (bytes["capa-c16"] <= bytes["img2six-16"] ? "MET" : "MISSED")
        }' results
done
