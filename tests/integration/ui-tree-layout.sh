#!/bin/bash
# The settings tree's layout (which sections are open) is remembered per
# camera model, read through libvterm against capa-simcam (real
# libgphoto2): collapse Capture Settings and open Camera Actions, quit,
# start again: the same sections are open.  The same simcam driven as
# another libgphoto2 model ("Ricoh Theta (WLAN)") keeps its own layout.
# A FIFO in place of a model's layout or favourites file does not hang capa.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/ui.sh"

ui_simcam_start

# run_capa MODEL NAME [SCRIPT-LINES]: capa on the simcam as MODEL; dumps the
# screen once the tree is drawn ($T/NAME.start), runs the lines, dumps
# again ($T/NAME.end) and quits.
run_capa() {
    out=$("$VT" -t 30 -s 120x60 -- "$CAPA" --camera "$1" --port "$SIMCAM_GPPORT" \
          --session "$T/session" --graphics none 2>&1 <<EOS
wait Camera Status Information
dump $T/$2.start
$3
dump $T/$2.end
keys q
exit 0
EOS
)
    rc=$?
    [ $rc -ne 0 ] && echo "$out" | sed 's/^/# /'
    return $rc
}
# sections FILE: the tree's section rows in order, "- Capture Settings,+ ...".
sections() { grep -oE '^│[> ][-+] [A-Za-z ]+[A-Za-z]' "$1" | cut -c5- | paste -sd, -; }
# has_section FILE MARK LABEL: the section is shown with that mark.
has_section() { grep -qE "^│[> ]$2 $3 *│" "$1"; }

run_capa "PTP/IP Camera" first "key left
waitre ^│>[+] Capture Settings
keys /camera actions
waitre ^│>[+] Camera Actions
key enter
key right
waitre ^│>- Camera Actions"
diag "first run, default: $(sections "$T/first.start")"
diag "first run, changed: $(sections "$T/first.end")"
check "by default Capture Settings is open and Camera Actions closed" \
    bash -c "$(declare -f has_section); has_section '$T/first.start' - 'Capture Settings' &&
             has_section '$T/first.start' '[+]' 'Camera Actions'"

run_capa "PTP/IP Camera" second
diag "second run: $(sections "$T/second.start")"
check "after a restart Capture Settings is still collapsed" \
    has_section "$T/second.start" '[+]' 'Capture Settings'
check "after a restart Camera Actions is still expanded" \
    has_section "$T/second.start" - 'Camera Actions'
check "after a restart every section is as it was left" \
    test "$(sections "$T/second.start")" = "$(sections "$T/first.end")"

run_capa "Ricoh Theta (WLAN)" other "keys /image settings
waitre ^│>- Image Settings
key enter
key left
waitre ^│>[+] Image Settings"
diag "another model: $(sections "$T/other.start")"
check "another model opens with the defaults, not the first model's layout" \
    test "$(sections "$T/other.start")" = "$(sections "$T/first.start")"
run_capa "PTP/IP Camera" third
check "the first model's layout is untouched by the other's" \
    test "$(sections "$T/third.start")" = "$(sections "$T/first.end")"
run_capa "Ricoh Theta (WLAN)" other2
check "the other model keeps its own layout (Image Settings collapsed)" \
    bash -c "$(declare -f has_section); has_section '$T/other2.start' '[+]' 'Image Settings' &&
             has_section '$T/other2.start' - 'Capture Settings'"
check "each model has its file beside the favourites" \
    bash -c "grep -qx '+ /main/capturesettings' '$XDG_CONFIG_HOME/capa/tree-layout/PTP_IP_Camera' &&
             grep -qx '+ /main/imgsettings' '$XDG_CONFIG_HOME/capa/tree-layout/Ricoh_Theta__WLAN_'"

# Files in the config directory are untrusted: a FIFO would block a read.
mkdir -p "$XDG_CONFIG_HOME/capa/favourites" "$XDG_CONFIG_HOME/capa/tree-layout"
mkfifo "$XDG_CONFIG_HOME/capa/tree-layout/Nikon_DSLR__WLAN_" \
       "$XDG_CONFIG_HOME/capa/favourites/Nikon_DSLR__WLAN_"
run_capa "Nikon DSLR (WLAN)" fifo
check "a FIFO as the layout and favourites files: capa shows the tree with the defaults" \
    test "$(sections "$T/fifo.start")" = "$(sections "$T/first.start")"
done_testing
