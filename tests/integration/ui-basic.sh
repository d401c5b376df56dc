#!/bin/bash
# The interactive UI without a camera: layout, help, config mistakes,
# resizing, quitting with the terminal restored.  Runs the real capa in a pty
# read through libvterm (tests/tools/vt-drive).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
# Under `make sanitize`: libgphoto2's own leak is not capa's (see the file).
VT="$TOOLS/vt-drive"
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config"
mkdir -p "$XDG_CONFIG_HOME/capa"
# A port nobody listens on: the engine (when built in) fails to connect and
# the UI must keep going.
cat >"$XDG_CONFIG_HOME/capa/config" <<'C'
# a comment
bind x help
colors 9999
no-such-option 1
C
T=$TEST_TMP
ARGS=(--graphics none --camera "PTP/IP Camera" --port ptpip:127.0.0.1:1 --session "$TEST_TMP/session")

out=$("$VT" -s 80x24 -- "$CAPA" "${ARGS[@]}" 2>&1 <<'S'
wait Capture log
wait Settings
wait Preview
wait no-such-option
wait config line 3:
has capa |
dump
keys x
wait any key closes
wait review: fit
dump
keys \e
gone any key closes
keys q
exit 0
S
)
rc=$?
check "start-up at 80x24 draws the settings, preview and log panes" grep -q "Capture log" <<<"$out"
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
help=$(sed -n '/any key closes/,$p' <<<"$out")
# (at 80 columns the two narrow columns give each key what it does, not
# the command's name)
check "? overlay lists capture, quit, search and help" \
    bash -c 'grep -q "space .*fire the shutter" <<<"$1" && grep -q "q .*quit" <<<"$1" && grep -q "/ .*search" <<<"$1" && grep -q "help" <<<"$1"' _ "$help"
check "the overlay lists the prompt's commands from the command table, at 80x24 on one page" \
    bash -c 'grep -q "set KEY VALUE: change a camera" <<<"$1" && grep -q "bind KEY COMMAND: make KEY" <<<"$1" && ! grep -q "PgDn, PgUp" <<<"$1" && ! grep -q "wait SECONDS" <<<"$1"' _ "$help"
check "a key bound in the config file is listed in the overlay" grep -qE '\?, F1, x|x .*help|, x ' <<<"$help"
grep -q "F1, x" <<<"$help" || echo "$help" | sed "s|^|# |"
check "a bad config value is reported in the log with its line" grep -q "config line 3: --colors wants" <<<"$out"
check "an unknown config option is reported in the log" grep -q "no-such-option" <<<"$out"
check "q exits 0 and restores the terminal" grep -qx 'exit 0 altscreen=0 cursor=1 icanon=1 echo=1' <<<"$out"

# Resizing keeps every pane drawn: frames and titles at each size.
out=$("$VT" -s 100x30 -- "$CAPA" "${ARGS[@]}" 2>&1 <<S
wait Capture log
resize 80x24
waitat 1 79 ┐
waitat 22 79 ┘
dump $TEST_TMP/s80
resize 200x60
waitat 1 199 ┐
waitat 58 199 ┘
dump $TEST_TMP/s200
keys q
exit 0
S
)
rc=$?
[ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
for size in 80 200; do
    f=$TEST_TMP/s$size
    titles=$(grep -c -e "Settings" -e "Preview" -e "Capture log" "$f")
    check "after resize to width $size: three pane titles drawn" test "$titles" -ge 2 -a "$(grep -o -e Settings -e Preview -e 'Capture log' "$f" | sort -u | wc -l)" -eq 3
    check "after resize to width $size: the status bar is on the first row" grep -q '^ capa |' <(head -1 "$f")
    width=$(( $(sed -n 2p "$f" | LC_ALL=C.UTF-8 wc -m) - 1 ))
    check "after resize to width $size: frames span the new width ($width columns)" test "$width" -eq "$size"
done
check "at 200x60 the log pane ends on the row above the message line" bash -c "sed -n '59p' '$TEST_TMP/s200' | grep -q '^└.*┘$'"

# The : prompt takes UTF-8 text; backspace removes a whole character.
"$VT" -s 80x24 -- "$CAPA" "${ARGS[@]}" >"$T/utf8" 2>&1 <<'S'
wait Capture log
keys :caféé
key backspace
keys x\r
wait unknown command "caféx"
keys q
exit 0
S
check "the : prompt takes UTF-8 input and backspace removes a whole character" test $? -eq 0

# The prompt refuses by the command table what it does not take, and says
# what a front-end command wants; a key's command line likewise.
"$VT" -s 80x24 -- "$CAPA" "${ARGS[@]}" >"$T/table" 2>&1 <<'S'
wait Capture log
keys :wait 3\r
wait wait: in headless mode only
keys :theme\r
wait want: theme NAME
keys :quit now\r
wait quit takes no argument
keys :bind y bind\r
wait bind: bind needs an argument
keys :bind y wait 3\r
wait bind: wait: in headless mode only
keys :bind y q\r
wait bind: q: not for a key binding
keys q
exit 0
S
check "the prompt refuses wait, a theme without NAME, quit with an argument; bind refuses them too" test $? -eq 0

# Two columns too short for the overlay: it pages with PgDn, PgUp.
"$VT" -s 80x16 -- "$CAPA" "${ARGS[@]}" >"$T/pages" 2>&1 <<'S'
wait Capture log
keys ?
wait PgDn, PgUp: page 1 of 2
key pgdn
wait page 2 of 2
wait bind KEY COMMAND
key pgdn
wait page 1 of 2
key pgup
wait page 2 of 2
keys a
gone any key closes
keys q
exit 0
S
check "at 80x16 the overlay pages with PgDn and PgUp (round), its last page the prompt's commands; a key closes it" test $? -eq 0

# t cycles the theme at run time; NO_COLOR works.
out=$(NO_COLOR=1 "$VT" -s 80x24 -- "$CAPA" "${ARGS[@]}" 2>&1 <<'S'
wait Capture log
keys t
wait theme light
keys t
wait theme mono
keys q
exit 0
S
)
check "t cycles through the shipped themes (NO_COLOR set)" test $? -eq 0
done_testing
