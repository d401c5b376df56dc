# The real-terminal test bed: capa in xterm or mlterm under Xvfb, driven
# with xdotool, read back as screenshots (ImageMagick `import`) and compared
# with what `capa --render` makes.  Source after tap.sh and simcam.sh.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every wait polls screenshots until the screen shows what it must, with a
# deadline: a picture that moved, or a strip left behind, never matches and
# the check fails with its last figure.
#
# need_realterm TERMINAL       skip the script (with its reason) without X, xdotool, ImageMagick or TERMINAL
# rt_start TERMINAL MODE COLS ROWS CAPA-ARG...
#                              Xvfb, the terminal running capa; MODE is sixel or halfblock
# rt_run_scenarios DIR         capture, then every scenario of issue 11 as TAP checks
# rt_main TERMINAL MODE [COLS ROWS]  all of it, for one terminal and one way of drawing
SC="$TOOLS/screen-check"
RT_TIMEOUT=${RT_TIMEOUT:-20}
# Normalised RMSE allowed between the preview area and `capa --render`'s
# picture: sixel colours are percentages, so terminals round them by up to
# ~1.3 levels; a one-row shift of a photograph is ~0.05 and more.
RT_MAX=${RT_MAX:-0.02}
# Between two screenshots of the same screen state.
RT_SAME=${RT_SAME:-0.002}

need_realterm() {
    local t
    for t in Xvfb xdotool import "$1"; do
        command -v "$t" >/dev/null 2>&1 && continue
        skip "real-terminal bed: $t is missing (apt-get install xvfb xdotool imagemagick xterm mlterm)"
        done_testing
    done
}

# Start Xvfb on a display number it picks itself; sets DISPLAY.
rt_start_x() {
    rm -f "$TEST_TMP/display"
    Xvfb -displayfd 9 -screen 0 1920x1200x24 -nolisten tcp 9>"$TEST_TMP/display" \
        2>"$TEST_TMP/xvfb.err" &
    track_pid $!
    wait_for 20 test -s "$TEST_TMP/display" || { diag "Xvfb did not start"; return 1; }
    export DISPLAY=":$(head -1 "$TEST_TMP/display")"
}

# rt_start TERMINAL MODE COLS ROWS CAPA-ARG...: capa in a terminal window.
rt_start() {
    RT_TERM=$1 RT_MODE=$2 RT_COLS=$3 RT_ROWS=$4
    shift 4
    rt_start_x || return 1
    {
        echo '#!/bin/sh'
        echo "\"$SC\" probe >\"$TEST_TMP/probe\""
        [ "$RT_MODE" = halfblock ] && echo 'export COLORTERM=truecolor'
        printf 'exec'
        printf ' "%s"' "$CAPA" "$@" --graphics "$RT_MODE"
        echo " 2>\"$TEST_TMP/capa.err\""
    } >"$TEST_TMP/inner.sh"
    chmod +x "$TEST_TMP/inner.sh"
    case $RT_TERM in
    xterm)
        setsid xterm -ti vt340 -xrm 'XTerm*decTerminalID: vt340' -xrm 'XTerm*numColorRegisters: 1024' \
            -xrm 'XTerm*directColor: true' -geometry "${RT_COLS}x${RT_ROWS}+0+0" \
            -e "$TEST_TMP/inner.sh" </dev/null 2>"$TEST_TMP/term.err" & ;;
    mlterm)
        # No scroll bar and no anti-aliasing: text is drawn in the theme's
        # colours only, so stray image pixels stand out.
        setsid mlterm --sbmod=none --aa=false -g "${RT_COLS}x${RT_ROWS}+0+0" \
            -e "$TEST_TMP/inner.sh" </dev/null 2>"$TEST_TMP/term.err" & ;;
    esac
    RT_PID=$!
    track_pid "$RT_PID"
    wait_for 20 test -s "$TEST_TMP/probe" || { diag "$RT_TERM did not start: $(head -3 "$TEST_TMP/term.err")"; return 1; }
    read -r _ _ RT_CW RT_CH RT_SIXEL <"$TEST_TMP/probe"
    RT_WID=$(xdotool search --sync --onlyvisible --pid "$RT_PID" 2>/dev/null | head -1)
    [ -n "$RT_WID" ] || RT_WID=$(xdotool search --sync --onlyvisible --class "$RT_TERM" | head -1)
    # Keys go to the window under the pointer (there is no window manager).
    xdotool mousemove --window "$RT_WID" 40 40
    diag "$RT_TERM ${RT_COLS}x$RT_ROWS, cells ${RT_CW}x$RT_CH px, DA1 sixel=$RT_SIXEL, window $RT_WID"
}

# key KEY...: keystrokes to the terminal.
key() { xdotool key --delay 15 "$@"; }

# keyn N KEY: KEY N times.
keyn() {
    local i keys=()
    for ((i = 0; i < $1; i++)); do keys+=("$2"); done
    key "${keys[@]}"
}

# shot FILE: the terminal window as PPM.
shot() { import -silent -window "$RT_WID" -depth 8 ppm:"$1" 2>/dev/null; }

# rt_layout COLS ROWS: capa's pane layout (ui-main.c, layout()) at that
# size; sets the preview's inner cell (PV_COL, PV_ROW), its size in cells
# (PV_COLS, PV_ROWS) and the tree's width in cells (TREE_W).
rt_layout() {
    local body=$(($2 - 2)) logh toph
    logh=$((body / 3 < 5 ? 5 : body / 3))
    [ $logh -gt $((body - 3)) ] && logh=$((body - 3 > 3 ? body - 3 : 3))
    toph=$((body - logh))
    TREE_W=$(($1 * 45 / 100))
    [ $TREE_W -lt 30 ] && TREE_W=$(($1 < 60 ? $1 / 2 : 30))
    PV_COL=$((TREE_W + 1)) PV_ROW=2 PV_COLS=$(($1 - TREE_W - 2)) PV_ROWS=$((toph - 2))
    TREE_ROWS=$toph
}

# rt_reference FILE NAME: what the preview pane must show for FILE at the
# current layout, as NAME.ppm (sixel: capa --render decoded; half blocks:
# the preview's pixels at two per cell); sets REF_W, REF_H.
rt_reference() {
    if [ "$RT_MODE" = sixel ]; then
        local bw=$((PV_COLS * RT_CW)) bh=$((PV_ROWS * RT_CH / 6 * 6))
        "$CAPA" --render "$1" --graphics sixel --width "$bw" --height "$bh" >"$TEST_TMP/$2.six"
        read -r REF_W REF_H _ < <("$TOOLS/sixel-decode" "$TEST_TMP/$2.six" "$TEST_TMP/$2.ppm")
    else
        read -r REF_W REF_H _ < <("$TOOLS/img-topnm" "$1" "$TEST_TMP/$2.ppm" -w "$PV_COLS" -h $((PV_ROWS * 2)))
    fi
}

# preview_is NAME: the current screenshot's preview area shows NAME.ppm
# (at the position found when the bed was calibrated); the figure goes to
# $TEST_TMP/figure.
preview_is() {
    if [ "$RT_MODE" = sixel ]; then
        "$SC" rmse "$TEST_TMP/cur.ppm" "$TEST_TMP/$1.ppm" "$((OX + PV_COL * RT_CW))" \
            "$((OY + PV_ROW * RT_CH))" "$RT_MAX" >"$TEST_TMP/figure"
    else
        "$SC" cells "$TEST_TMP/cur.ppm" "$((OX + PV_COL * RT_CW))" "$((OY + PV_ROW * RT_CH))" \
            "$RT_CW" "$RT_CH" "$REF_W" $(((REF_H + 1) / 2)) "$TEST_TMP/cells.ppm" &&
            "$TOOLS/img-compare" maxdiff "$TEST_TMP/cells.ppm" "$TEST_TMP/$1.ppm" 2 >"$TEST_TMP/figure"
    fi
}

# The tree pane's pixel area: "X Y W H".
tree_area() { echo "$OX $((OY + RT_CH)) $((TREE_W * RT_CW)) $((TREE_ROWS * RT_CH))"; }

# The panes' pixel area: "X Y W H" (not the terminal's own border; not the
# status bar, whose state changes with the camera's, nor the message line,
# which says what the last key did: both are text, checked by colours).
cells_area() { echo "$OX $((OY + RT_CH)) $((RT_COLS * RT_CW)) $(((RT_ROWS - 2) * RT_CH))"; }

# Conditions polled on a fresh screenshot.
# screen_shows NAME: the preview shows NAME.ppm.
screen_shows() { shot "$TEST_TMP/cur.ppm" && preview_is "$1"; }
# screen_shows_tree_changed NAME BASE: NAME in the preview, and the tree
# looks different from BASE.ppm (the keys were taken).
screen_shows_tree_changed() {
    screen_shows "$1" && ! "$SC" region "$TEST_TMP/cur.ppm" "$TEST_TMP/$2.ppm" $(tree_area) "$RT_SAME" >/dev/null
}
# screen_settled NAME: NAME in the preview and the panes as in the previous
# screenshot (capa has finished drawing: a baseline may be taken).
screen_settled() {
    cp "$TEST_TMP/cur.ppm" "$TEST_TMP/prev.ppm" 2>/dev/null
    screen_shows "$1" && "$SC" region "$TEST_TMP/cur.ppm" "$TEST_TMP/prev.ppm" $(cells_area) "$RT_SAME" >/dev/null
}
# baseline NAME BASE: once settled with NAME in the preview, keep the screen as BASE.ppm.
baseline() { wait_for "$RT_TIMEOUT" screen_settled "$1"; cp "$TEST_TMP/cur.ppm" "$TEST_TMP/$2.ppm"; }
# screen_is BASE: the whole window is BASE.ppm again.
screen_is() {
    shot "$TEST_TMP/cur.ppm" && "$SC" region "$TEST_TMP/cur.ppm" "$TEST_TMP/$1.ppm" $(cells_area) "$RT_SAME" >"$TEST_TMP/figure"
}
# screen_differs BASE: the window is no longer BASE.ppm.
screen_differs() { shot "$TEST_TMP/cur.ppm" && ! "$SC" region "$TEST_TMP/cur.ppm" "$TEST_TMP/$1.ppm" $(cells_area) "$RT_SAME" >/dev/null; }
# text_only_outside: outside the preview's image no more colours than the
# text of the calibration screen had (a stray strip of a photograph has
# hundreds).
text_only_outside() {
    local n
    n=$("$SC" colours "$TEST_TMP/cur.ppm" "$((OX + PV_COL * RT_CW))" "$((OY + PV_ROW * RT_CH))" \
        "$((PV_COLS * RT_CW))" "$((PV_ROWS * RT_CH))")
    echo "$n colours outside the picture" >"$TEST_TMP/figure2"
    [ "$n" -le $((TEXT_COLOURS + 4)) ]
}

# await DESCRIPTION CONDITION...: a check that CONDITION comes true in time.
await() {
    local d=$1
    shift
    : >"$TEST_TMP/figure"
    if wait_for "$RT_TIMEOUT" "$@"; then
        ok "$RT_TERM $RT_MODE: $d ($(cat "$TEST_TMP/figure" 2>/dev/null))"
    else
        not_ok "$RT_TERM $RT_MODE: $d (last figure: $(head -c 200 "$TEST_TMP/figure" 2>/dev/null))"
        cp "$TEST_TMP/cur.ppm" "$TEST_TMP/failed-$_tap_n.ppm" 2>/dev/null
        [ -n "${RT_KEEP:-}" ] && cp "$TEST_TMP/cur.ppm" "$RT_KEEP/failed-$_tap_n.ppm" 2>/dev/null
    fi
}

# check_text_only DESCRIPTION: no stray pixels outside the picture now.
check_text_only() {
    if text_only_outside; then ok "$RT_TERM $RT_MODE: $1 ($(cat "$TEST_TMP/figure2"))"
    else not_ok "$RT_TERM $RT_MODE: $1 ($(cat "$TEST_TMP/figure2"), text alone has $TEXT_COLOURS)"; fi
}

# newest_shot N: the session's Nth shot (1-based, by name).
nth_shot() { ls "$SESSION_DIR"/SIM_*.JPG 2>/dev/null | sort | sed -n "${1}p"; }
shots_in_session() { [ "$(ls "$SESSION_DIR"/SIM_*.JPG 2>/dev/null | wc -l)" -ge "$1" ]; }

# rt_calibrate NAME: find where the terminal puts cell (0,0) from the first
# picture (searched within a cell and a half of where it must be), then
# keep the figure fixed for every later check; takes the baseline B0.
rt_calibrate() {
    local x y e
    shot "$TEST_TMP/cur.ppm"
    if [ "$RT_MODE" = sixel ]; then
        read -r x y e < <("$SC" find "$TEST_TMP/cur.ppm" "$TEST_TMP/$1.ppm" \
            $((PV_COL * RT_CW + RT_CW)) $((PV_ROW * RT_CH + RT_CH)) $((RT_CW + RT_CH + 4)))
        OX=$((x - PV_COL * RT_CW)) OY=$((y - PV_ROW * RT_CH))
    else
        OX=0 OY=0
        local bw bh
        read -r _ bw bh _ < <(xdotool getwindowgeometry "$RT_WID" | tr 'x' ' ' | awk '/Geometry/{print 0, $2, $3}')
        OX=$(((bw - RT_COLS * RT_CW) / 2)) OY=$(((bh - RT_ROWS * RT_CH) / 2))
        e="cell origin from the window size"
    fi
    diag "$RT_TERM: cell (0,0) at pixel ($OX,$OY) ($e)"
}

# rt_run_scenarios: capture, then each scenario of issue 11, each ending in
# checks of the preview area and of the rest of the screen.
rt_run_scenarios() {
    SESSION_DIR=$1
    wait_for 30 grep -q 'init: event channel' "$SIMCAM_LOG" || { not_ok "capa connects"; return; }
    wait_for 30 grep -q 'op 1014' "$SIMCAM_LOG"
    key space
    wait_for 60 shots_in_session 1 || { not_ok "$RT_TERM: Space captured SIM_0001"; return; }
    rt_layout "$RT_COLS" "$RT_ROWS"
    rt_reference "$(nth_shot 1)" shot1
    wait_for "$RT_TIMEOUT" screen_shows_any shot1
    rt_calibrate shot1
    await "the first shot's preview is at the pane's cell and matches capa --render" screen_shows shot1
    baseline shot1 B0
    TEXT_COLOURS=$("$SC" colours "$TEST_TMP/B0.ppm" "$((OX + PV_COL * RT_CW))" "$((OY + PV_ROW * RT_CH))" \
        "$((PV_COLS * RT_CW))" "$((PV_ROWS * RT_CH))")
    diag "text alone uses $TEXT_COLOURS colours"

    # 1. The tree scrolled down more than a page and back up.
    keyn $((TREE_ROWS + 6)) j
    await "tree scrolled down a page: the preview has not moved" screen_shows_tree_changed shot1 B0
    check_text_only "tree scrolled down: no stray pixels"
    keyn $((TREE_ROWS + 6)) k
    await "tree scrolled back up: the screen is as before" screen_is B0

    # 2. A section collapsed and expanded (the first row is a section).
    key Left
    await "a section collapsed: the preview has not moved" screen_shows_tree_changed shot1 B0
    check_text_only "section collapsed: no stray pixels"
    key Right
    await "the section expanded again: the screen is as before" screen_is B0

    # 3. Help over the preview, then closed.
    key question
    await "help opened" screen_differs B0
    wait_for "$RT_TIMEOUT" help_covers
    if help_covers; then ok "$RT_TERM $RT_MODE: help covers the picture, no pixel shows through ($(cat "$TEST_TMP/figure2"))"
    else not_ok "$RT_TERM $RT_MODE: help covers the picture ($(cat "$TEST_TMP/figure2"), text alone has $TEXT_COLOURS)"; fi
    key Escape
    await "help closed: the screen is as before" screen_is B0

    # 4. The review and back (from the log).
    key Tab
    await "the log has the focus, the preview stays" screen_shows_tree_changed_any shot1 B0
    baseline shot1 B1
    key Return
    await "the review opens full screen" screen_differs B1
    key Escape
    await "back from the review: the screen is as before" screen_is B1

    # 5. The log scrolled: more rows than the pane holds, to the top and back.
    simcam_ctl shoot 8 >/dev/null
    wait_for 60 shots_in_session 9 || not_ok "$RT_TERM: 8 body shots arrive"
    rt_reference "$(nth_shot 9)" shot9
    await "the newest body shot is previewed" screen_shows shot9
    baseline shot9 B2
    key Home j
    rt_reference "$(nth_shot 1)" shot1
    await "log scrolled to the top: the first shot is previewed in place" screen_shows shot1
    check_text_only "log scrolled to the top: no stray pixels"
    key End
    await "log scrolled back to the end: the screen is as before" screen_is B2
    key Tab Tab
    await "the tree has the focus again" screen_differs B2
    baseline shot9 B3

    # 6. The window resized, then back.
    xdotool windowsize --usehints "$RT_WID" $((RT_COLS + 24)) $((RT_ROWS + 8))
    rt_layout $((RT_COLS + 24)) $((RT_ROWS + 8))
    rt_reference "$(nth_shot 9)" big9
    await "resized to $((RT_COLS + 24))x$((RT_ROWS + 8)): the preview is redrawn for the new pane" screen_shows big9
    check_text_only "resized: no stray pixels"
    xdotool windowsize --usehints "$RT_WID" "$RT_COLS" "$RT_ROWS"
    rt_layout "$RT_COLS" "$RT_ROWS"
    rt_reference "$(nth_shot 9)" shot9
    await "resized back: the screen is as before" screen_is B3

    # 7. A body shot arriving while the tree scrolls.
    simcam_ctl shoot 1 >/dev/null
    keyn $((TREE_ROWS + 6)) j
    wait_for 60 shots_in_session 10 || not_ok "$RT_TERM: the body shot arrives"
    rt_reference "$(nth_shot 10)" shot10
    await "a body shot arrived while the tree scrolled: its preview is in place" screen_shows_tree_changed shot10 B3
    check_text_only "body shot while scrolling: no stray pixels"
    keyn $((TREE_ROWS + 6)) k
    await "tree back up: the tree is as before, the new shot in place" screen_tree_back shot10 B3
    check_text_only "and no stray pixels"
    key q
}

# screen_shows_any NAME: the picture is anywhere near its place (before calibration).
screen_shows_any() {
    shot "$TEST_TMP/cur.ppm" || return 1
    [ "$RT_MODE" = halfblock ] && return 0
    local e
    read -r _ _ e < <("$SC" find "$TEST_TMP/cur.ppm" "$TEST_TMP/$1.ppm" \
        $((PV_COL * RT_CW + RT_CW)) $((PV_ROW * RT_CH + RT_CH)) $((RT_CW + RT_CH + 4)))
    awk -v e="$e" -v m="$RT_MAX" 'BEGIN { exit !(e <= m) }'
}
# screen_shows_tree_changed_any NAME BASE: NAME in place, screen not BASE.
screen_shows_tree_changed_any() { screen_shows "$1" && ! "$SC" region "$TEST_TMP/cur.ppm" "$TEST_TMP/$2.ppm" $(cells_area) "$RT_SAME" >/dev/null; }
# screen_tree_back NAME BASE: NAME in place and the tree area as in BASE.
screen_tree_back() {
    screen_shows "$1" && "$SC" region "$TEST_TMP/cur.ppm" "$TEST_TMP/$2.ppm" $(tree_area) "$RT_SAME" >/dev/null
}
# help_covers: with help open, no image colours anywhere on the screen.
help_covers() {
    shot "$TEST_TMP/cur.ppm" || return 1
    local n
    n=$("$SC" colours "$TEST_TMP/cur.ppm" 0 0 0 0)
    # (the terminal's border and the message line are text too)
    echo "$n colours on the screen" >"$TEST_TMP/figure2"
    [ "$n" -le $((TEXT_COLOURS + 4)) ]
}

# rt_main TERMINAL MODE [COLS ROWS]: a simulated camera, capa in TERMINAL
# (100x30 unless told) drawing with MODE (sixel, or 24-bit half blocks),
# and every scenario.
rt_main() {
    need_realterm "$1"
    export XDG_CONFIG_HOME="$HOME/.config"
    simcam_start -v || { not_ok "capa-simcam starts"; done_testing; }
    rt_start "$1" "$2" "${3:-100}" "${4:-30}" --camera "PTP/IP Camera" --port "$SIMCAM_GPPORT" \
        --session "$TEST_TMP/s" || { not_ok "$1 starts"; done_testing; }
    [ "$2" = sixel ] && check "$1 answers DA1 with sixel" test "$RT_SIXEL" = 1
    rt_run_scenarios "$TEST_TMP/s"
    done_testing
}
