#!/bin/bash
# make bench: capa --render FILE --graphics sixel --width 640.
#
# 1. Against the decode floor (issue 18), on real photographs and on
#    capa-simcam's synthetic scenes.  The floor is djpeg at the reduced DCT
#    scale capa decodes at for that box (the smallest n/8 not below it):
#    everything capa does besides (resample, colour, palette, sixel) is
#    overhead above it.  Paired runs (floor, capa[, CAPA_BASE] in turn,
#    BENCH_RUNS rounds, default 7): medians of wall time (ns clock) and CPU
#    time and the median of the per-round capa/floor ratios (target <= 1.3).
#    Quality: PSNR of the sixel decoded back by libsixel against the exact
#    preview (tests/tools/img-topnm: the same DCT-scaled decode, box
#    resample and lcms2), with the registers used and the bytes.
#    CAPA_BASE=/path/to/an/older/capa prints its figures beside (e.g. the
#    build of main before a change): PSNR must not be lower, bytes not more.
#    Real photographs: lomiri-wallpapers-16.04/-20.04 (Ubuntu wallpaper
#    contest photos, 12-20 MP, as shipped: no EXIF, three progressive) with
#    EXIF written by exiftool (camera-like tags, a 160 px thumbnail, one
#    portrait shot: Orientation 6), and the progressive ones re-encoded as a
#    camera does (baseline, quality 95, 4:2:2) with the same EXIF.
# 2. Against img2sixel and chafa (issue 5) on 24 and 12 MP synthetic scenes:
#    >= 8x faster than img2sixel, >= 2x faster than chafa, <= 40 MiB peak
#    RSS on 24 MP, output bytes <= img2sixel's.
# SPDX-License-Identifier: GPL-3.0-or-later
cd "${BENCH_TMP:-$(mktemp -d)}" || exit 1
export HOME=$PWD
TIME=/usr/bin/time
RUNS=${BENCH_RUNS:-7}
BASE=${CAPA_BASE:-}
if [ ! -x "$TIME" ] || [ ! -x "$TOOLS/img-fixture" ] || ! command -v djpeg >/dev/null; then
    echo "render bench: needs /usr/bin/time (package time), djpeg and make tests"; exit 0
fi
[ -n "$BASE" ] && [ ! -x "$BASE" ] && { echo "render bench: CAPA_BASE $BASE is not executable"; BASE=; }

have() { command -v "$1" >/dev/null; }
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timed TAG CMD...: one run of CMD, output discarded; appends "TAG wall cpu"
# (seconds) to rounds.
timed() {
    local tag=$1 t0 t1 user sys; shift
    t0=$(date +%s%N)
    "$TIME" -f '%U %S' -o tm "$@" >/dev/null 2>&1 || { echo "$tag: failed: $*"; return 1; }
    t1=$(date +%s%N)
    read -r user sys <tm
    echo "$tag $(echo "($t1 - $t0) / 1000000000" | bc -l) $(echo "$user + $sys" | bc -l)" >>rounds
}

# dct_scale FILE PW PH ORIENT: the n of capa's n/8 decode for a PW×PH
# (upright) preview: the smallest whose output is not below it.
dct_scale() {
    local w h
    read -r w h < <(rdjpgcom -verbose "$1" | sed -n 's/^JPEG image is \([0-9]*\)w \* \([0-9]*\)h.*/\1 \2/p')
    awk -v w="$w" -v h="$h" -v pw="$2" -v ph="$3" -v o="$4" 'BEGIN {
        if (o >= 5) { t = pw; pw = ph; ph = t }
        for (n = 1; n < 8; n++)
            if (int((w * n + 7) / 8) >= pw && int((h * n + 7) / 8) >= ph) break
        print n }'
}

# quality TAG CAPA FILE: bytes, registers used and PSNR of CAPA's sixel
# against ref.ppm, appended to "quality".
quality() {
    "$2" --render "$3" --graphics sixel --width 640 >"q-$1.six" 2>/dev/null || { echo "$1 - - -" >>quality; return; }
    local dims psnr
    dims=$("$TOOLS/sixel-decode" "q-$1.six" "q-$1.ppm")
    psnr=$("$TOOLS/img-compare" psnr ref.ppm "q-$1.ppm" 0 | awk '{ print $2 }')
    echo "$1 $(wc -c <"q-$1.six") $(cut -d' ' -f3 <<<"$dims") $psnr" >>quality
}

# against_floor FILE LABEL: paired runs of the floor, capa and CAPA_BASE.
against_floor() {
    local f=$1 label=$2 info pw ph o n
    info=$("$TOOLS/img-topnm" "$f" ref.ppm -w 640 -h 4096 -u) || { echo "$label: img-topnm failed"; return; }
    read -r pw ph o _ <<<"$info"
    n=$(dct_scale "$f" "$pw" "$ph" "$o")
    : >rounds; : >quality
    for ((r = 0; r < RUNS; r++)); do
        # Rotate the order: a busy machine's speed drifts within a round too.
        local order=(floor capa base) k
        for ((k = 0; k < 3; k++)); do
            case ${order[$(((r + k) % 3))]} in
            floor) timed floor djpeg -scale "$n/8" "$f" ;;
            capa) timed capa "$CAPA" --render "$f" --graphics sixel --width 640 ;;
            base) [ -n "$BASE" ] && timed base "$BASE" --render "$f" --graphics sixel --width 640 ;;
            esac
        done
    done
    quality capa "$CAPA" "$f"
    [ -n "$BASE" ] && quality base "$BASE" "$f"
    echo "-- $label: $(wc -c <"$f") bytes; ${pw}x$ph from djpeg -scale $n/8; $RUNS paired runs"
    awk -v runs="$RUNS" '
        function med(a, m,   i, j, t) {   # median of a[1..m]
            for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
        }
        FILENAME == "quality" { bytes[$1] = $2; regs[$1] = $3; psnr[$1] = $4; next }
        { k[$1]++; w[$1, k[$1]] = $2; c[$1, k[$1]] = $3 }
        END {
            printf "%-6s %8s %8s %11s %10s %8s %5s %8s\n", "", "wall s", "cpu s", "/floor wall", "/floor cpu", "bytes", "regs", "PSNR dB"
            n = k["floor"]
            for (i = 1; i <= n; i++) { fw[i] = w["floor", i]; fc[i] = c["floor", i] }
            printf "%-6s %8.3f %8.3f\n", "floor", med(fw, n), med(fc, n)
            split("capa base", tags, " ")
            for (t = 1; t <= 2; t++) {
                g = tags[t]
                if (!(g in k)) continue
                for (i = 1; i <= n; i++) {
                    tw[i] = w[g, i]; tc[i] = c[g, i]
                    rw[i] = w[g, i] / w["floor", i]; rc[i] = c["floor", i] > 0 ? c[g, i] / c["floor", i] : 0
                }
                r[g] = med(rw, n)
                printf "%-6s %8.3f %8.3f %10.2fx %9.2fx %8s %5s %8s\n", g, med(tw, n), med(tc, n), r[g], med(rc, n), bytes[g], regs[g], psnr[g]
            }
            printf "target: capa <= 1.3x the decode floor: %.2fx %s\n", r["capa"], (r["capa"] <= 1.3 ? "MET" : "MISSED")
            if ("base" in k)
                printf "target: PSNR >= base (%s vs %s dB) %s, bytes <= base (%s vs %s) %s\n",
                    psnr["capa"], psnr["base"], (psnr["capa"] + 0 >= psnr["base"] + 0 ? "MET" : "MISSED"),
                    bytes["capa"], bytes["base"], (bytes["capa"] + 0 <= bytes["base"] + 0 ? "MET" : "MISSED")
            v = (r["capa"] <= 1.3 ? "met" : "missed")
            print v >"verdict"
        }' quality rounds
    cat verdict >>verdicts
}

# camera_exif FILE ORIENT: camera-like EXIF and an IFD1 thumbnail.
camera_exif() {
    "$TOOLS/img-topnm" "$1" thumb.ppm -w 160 -h 120 >/dev/null && cjpeg -quality 80 thumb.ppm >thumb.jpg
    exiftool -q -overwrite_original -Make=capa-bench -Model="package photo" \
        -DateTimeOriginal='2024:05:01 12:00:00' -ExposureTime=1/250 -FNumber=5.6 -ISO=200 \
        -FocalLength=35 -ColorSpace=sRGB -Orientation#="$2" '-ThumbnailImage<=thumb.jpg' "$1"
}

: >verdicts
echo "== capa --render vs the JPEG decode floor (${BASE:+base: $BASE; }target <= 1.3x)"
for spec in "6000x4000 400 92" "4000x3000 400 92" "6000x4000 6400 97"; do
    read -r size iso q <<<"$spec"
    f=scene-$size-iso$iso.jpg
    "$TOOLS/mkshot" --size "$size" --iso "$iso" --quality "$q" "$f" || continue
    against_floor "$f" "synthetic $size ISO $iso q$q (capa-simcam scene)"
done
P=/usr/share/backgrounds
photos="Kleiber_by_Lukas_Baubkus:1 Dragonfly_by_Bolly:6 seeding_by_Clements_Engelhardt:1 sunset_by_Aitzol_Berasategi:1"
if ! have exiftool || ! have cjpeg || [ ! -f "$P/Kleiber_by_Lukas_Baubkus.jpg" ] || [ ! -f "$P/Dragonfly_by_Bolly.jpg" ]; then
    echo "-- real photographs skipped: need lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 libimage-exiftool-perl libjpeg-turbo-progs (make deps)"
else
    for p in $photos; do
        name=${p%:*} orient=${p#*:}
        cp "$P/$name.jpg" "photo-$name.jpg"
        kind=$(rdjpgcom -verbose "photo-$name.jpg" | sed -n 's/^JPEG process: //p')
        camera_exif "photo-$name.jpg" "$orient"
        against_floor "photo-$name.jpg" "$name ($kind as shipped + EXIF, orientation $orient)"
        if [ "$kind" != Baseline ]; then
            djpeg "$P/$name.jpg" | cjpeg -quality 95 -sample 2x1 >"cam-$name.jpg"
            camera_exif "cam-$name.jpg" "$orient"
            against_floor "cam-$name.jpg" "$name (re-encoded as a camera: baseline q95 4:2:2 + EXIF)"
        fi
    done
fi
echo "render: $(grep -cx met verdicts) of $(wc -l <verdicts) pictures within 1.3x of the decode floor"

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

[ -n "${BENCH_FLOOR_ONLY:-}" ] && exit 0
echo "== capa --render vs img2sixel and chafa"
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
            if (size == "6000x4000") printf "target: <= 40 MiB peak RSS: %.1f MiB %s\n", rss["capa"]/1024, (rss["capa"] <= 40*1024 ? "MET" : "MISSED")
            if ("img2sixel" in t) printf "target: bytes <= img2sixel: %d vs %d %s\n", bytes["capa"], bytes["img2sixel"], (bytes["capa"] <= bytes["img2sixel"] ? "MET" : "MISSED")
            if ("img2six-16" in t) printf "preview bytes per shot at --colors 16: capa %d, img2sixel -p 16 %d %s\n", bytes["capa-c16"], bytes["img2six-16"], (bytes["capa-c16"] <= bytes["img2six-16"] ? "MET" : "MISSED")
        }' results
done
