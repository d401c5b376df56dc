# The standing campaign (issue 17): captures through the real libgphoto2
# to capa-simcam with faults sprinkled among them (connection drops
# mid-transfer, DeviceBusy, unplug, the camera killed and restarted on
# the same port and card, body shots, shots taken while the link is off),
# hostile headless input and camera names; then `reconcile` and one line
# of figures.  Sourced by
# tests/bench/soak.sh (1000 captures, with RSS/fd/thread samples) and
# tests/integration/engine-campaign.sh (the short version in make check).
# Source after tap.sh and engine.sh.
# SPDX-License-Identifier: GPL-3.0-or-later
CARD="$TEST_TMP/card"
FAULTS=0 SURVIVED=0 BAD=0 MISHANDLED=0 LEFT=0
declare -A EVN=()   # events seen, by type
STATE=0             # 1 while capa says it is connected
LINES=0             # event lines read
_ev_part=""

# ev_take LINE: count one event line.
ev_take() {
    local t=${1#\{\"event\":\"}
    t=${t%%\"*}
    LINES=$((LINES + 1))
    EVN[$t]=$(( ${EVN[$t]:-0} + 1 ))
    [ "$t" != error ] || case $1 in
        *'"what":"no-camera"'*) EVN[no-camera]=$(( ${EVN[no-camera]:-0} + 1 )) ;;
    esac
    case $t in connected) STATE=1 ;; disconnected) STATE=0 ;; esac
}

# ev COUNT-NAME: events of that type seen so far.
ev() { echo "${EVN[$1]:-0}"; }

# pump_until SECONDS COMMAND...: read capa's events as they come (a
# read that blocks up to 100 ms, for COMMANDs that ask the simulator)
# until COMMAND succeeds.
pump_until() {
    local end=$(( $(date +%s%N) / 1000000 + $1 * 1000 )) left l
    shift
    while ! "$@"; do
        left=$(( end - $(date +%s%N) / 1000000 ))
        [ "$left" -gt 0 ] || return 1
        [ "$left" -lt 100 ] || left=100
        if IFS= read -r -t "0.$(printf %03d "$left")" -u 8 l; then
            ev_take "$_ev_part$l"
            _ev_part=""
        else
            _ev_part="$_ev_part$l"   # a timeout keeps what came of a line
            capa_alive || return 1
        fi
    done
}

# is_connected, is_away: capa's last word on the camera.
is_connected() { [ "$STATE" = 1 ]; }
is_away() { [ "$STATE" = 0 ]; }

# capa_alive: capa still runs (not a zombie).
capa_alive() { ! capa_exited; }

# at_least NAME N: N events of type NAME were seen.
at_least() { [ "$(ev "$1")" -ge "$2" ]; }

# shots: photos the camera made so far, across its restarts.
shots() { shots_made; }

# settled: connected, nothing pending on the camera, every shot saved
# but those left on the card on purpose.
settled() {
    [ "$STATE" = 1 ] && [ "$(sim_status pending)" = 0 ] &&
        [ "$(ev file-saved)" -ge $(( $(shots) - LEFT )) ]
}

# settle SECONDS: wait until capa has run every command sent and then
# settled; false if that does not come.
settle() { synced "$1" && pump_until "$1" settled_slowly; }

# synced SECONDS: capa's worker answered a `get iso` sent now (it runs
# commands in order: a capture sent before has been run, its file saved
# or owed); one refused for want of a camera is sent again once capa is
# connected.
synced() {
    local v nc
    for _ in 1 2 3; do
        pump_until "$1" is_connected || return 1
        v=$(ev value) nc=$(ev no-camera)
        send "get iso"
        pump_until "$1" get_answered "$v" "$nc" || return 1
        at_least value $((v + 1)) && return 0
    done
    return 1
}

# get_answered VALUES NO-CAMERA: a value came, or a no-camera error.
get_answered() { at_least value $(($1 + 1)) || [ "$(ev no-camera)" -gt "$2" ]; }

# settled_slowly: settled, asked of the simulator at most every 100 ms
# (each ask runs a process).
_settle_next=0
settled_slowly() {
    local now=$(( $(date +%s%N) / 1000000 ))
    [ "$now" -ge "$_settle_next" ] || return 1
    _settle_next=$((now + 100))
    settled
}

# campaign_start [SIMCAM-ARGS...]: a simulator on a card directory and a
# headless capa reconnecting by itself; its events are read from fd 8.
campaign_start() {
    mkdir -p "$CARD"
    start_simcam --store "$CARD" --size 640x426 "$@" || return 1
    SIM_ARGS=("$@")
    start_capa
    exec 8< <(exec tail -n +1 -F "$OUT" 2>/dev/null 7>&-)
    track_pid $!
    pump_until 20 at_least connected 1
}

# capture_one: one capture, settled with its file saved.  Refused for
# want of a camera (capa saw a fault only after it was sent), it is sent
# again once capa is connected, as a photographer would.
capture_one() {
    local want=$(( $(ev file-saved) + 1 )) nc
    for _ in 1 2 3; do
        pump_until 30 is_connected || return 1
        nc=$(ev no-camera)
        send capture
        pump_until 30 capture_answered "$want" "$nc" || return 1
        at_least file-saved "$want" && return 0
    done
    return 1
}

# capture_answered SAVED NO-CAMERA: the file came, or a no-camera error.
capture_answered() { at_least file-saved "$1" || [ "$(ev no-camera)" -gt "$2" ]; }

# fault NAME COMMAND...: run a fault, then count it survived when capa
# lives, settles (everything the camera made is saved) and captures.
# CAMPAIGN_TIMES=1 prints how long each took.
fault() {
    local name=$1
    shift
    FAULTS=$((FAULTS + 1))
    FAULTS_BY[$name]=$(( ${FAULTS_BY[$name]:-0} + 1 ))
    local t0=$(date +%s%N)
    "$@"
    if settle 60 && capture_one && capa_alive; then
        SURVIVED=$((SURVIVED + 1))
        [ -z "$CAMPAIGN_TIMES" ] || diag "fault $name: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
    else
        diag "fault $name (#$FAULTS) not survived: state $STATE, saved $(ev file-saved), shots $(shots), left $LEFT"
    fi
}
declare -A FAULTS_BY=()

# The faults.
f_drop() { quiet ctl drop-after 20000; send capture; pump_until 30 at_least file-failed $(( $(ev file-failed) + 1 )); }
f_busy() { quiet ctl busy "$1"; send capture; }
f_shoot() { quiet ctl shoot "$1"; }
f_unplug() { local c; c=$(ev connected); quiet ctl unplug; pump_until 30 at_least connected $((c + 1)); }
f_unplug_capture() {
    local c
    c=$(ev connected)
    send capture
    quiet ctl unplug
    pump_until 30 at_least connected $((c + 1))
}
f_kill() {
    local c a
    c=$(ev connected) a=$(ev file-added)
    # a body shot, killed while it downloads slowly
    quiet ctl throttle 100000
    quiet ctl shoot 1
    pump_until 10 at_least file-added $((a + 1))
    # its shots are banked; the next numbers on from the card's highest
    stop_simcam KILL
    start_simcam -p "$SIM_PORT" --store "$CARD" --size 640x426 "${SIM_ARGS[@]}" 2>/dev/null || return 1
    # files with names of 128+ bytes come back as object-HANDLE: capa
    # fetches them as files the card gained
    LEFT=0
    pump_until 30 at_least connected $((c + 1))
}

f_away() {
    local c
    c=$(ev connected)
    # the link goes (Wi-Fi, cable), the photographer shoots on
    quiet ctl power off
    pump_until 20 is_away
    quiet ctl shoot "$1"
    quiet ctl power on
    pump_until 30 at_least connected $((c + 1))
}

# bad_line LABEL PRINTF-FORMAT [ARGS...]: one hostile headless line;
# mishandled unless capa answers it with an error event and then still
# answers `get iso` (not crashed, not hung).
bad_line() {
    local label=$1 e v
    shift
    BAD=$((BAD + 1))
    pump_until 30 is_connected
    e=$(ev error) v=$(ev value)
    # shellcheck disable=SC2059
    printf "$@" >&7
    send "get iso"
    if pump_until 15 at_least value $((v + 1)) && [ "$(ev error)" -gt "$e" ]; then
        return 0
    fi
    MISHANDLED=$((MISHANDLED + 1))
    diag "bad input mishandled: $label"
}

# bad_inputs: the hostile headless lines.
bad_inputs() {
    local long
    long=$(head -c 20000 /dev/zero | tr '\0' x)
    bad_line "NUL byte" 'capture\0 2\n'
    bad_line "20000-byte line" '%s capture\n' "$long"
    bad_line "5000-byte set" 'set artist %s\n' "${long:0:5000}"
    bad_line "unknown command" 'frobnicate 1\n'
    bad_line "set datetime 4294967296" 'set datetime 4294967296\n'
    bad_line "set datetime -9999999999999" 'set datetime -9999999999999\n'
    bad_line "capture 0" 'capture 0\n'
    bad_line "capture 2^64" 'capture 18446744073709551617\n'
    bad_line "set iso with no value" 'set iso\n'
    bad_line "set of an unknown key" 'set no-such-key 1\n'
    bad_line "set iso to a word" 'set iso lots\n'
    bad_line "set iso with escapes" 'set iso \033[31m\033]0;t\007\n'
    bad_line "invalid UTF-8" 'set \377\376 \300\n'
    bad_line "artist of 64 characters" 'set 501e %s\n' "${long:0:64}"
    bad_line "get with two keys" 'get iso f-number\n'
    bad_line "capture of a word" 'capture many\n'
    bad_line "wait nan" 'wait nan\n'
    bad_line "wait -1" 'wait -1\n'
    bad_line "quit with an argument" 'quit now\n'
}

# bad_name LABEL NAME-AS-CTL-TAKES-IT [error]: the next shot gets a
# hostile name; mishandled unless capa saves it under a safe name in the
# session (or, with `error`, answers an error event and leaves it on the
# card) and then still captures.
bad_name() {
    local label=$1 name=$2 how=${3:-save} e s from
    BAD=$((BAD + 1))
    e=$(ev error) s=$(ev file-saved) from=$((LINES + 1))
    pump_until 30 is_connected
    quiet ctl name "$name"
    send capture
    if [ "$how" = error ]; then
        LEFT=$((LEFT + 1))
        pump_until 30 at_least error $((e + 1)) && capa_alive && capture_one && return 0
    elif pump_until 30 at_least file-saved $((s + 1)) && safe_saved "$from" && capa_alive; then
        return 0
    fi
    MISHANDLED=$((MISHANDLED + 1))
    diag "hostile name mishandled: $label"
}

# safe_saved FROM: the files saved since event line FROM sit directly in
# the session with names free of controls and of leading dots.
safe_saved() {
    tail -n +"$1" "$OUT" | jq -e --arg d "$SESSION/" -s '
        map(select(.event=="file-saved")) | length > 0 and all(
            (.path | startswith($d)) and
            (.path[($d | length):] | test("^[^./][^/\u0000-\u001f\u007f-\u009f]*$")))' >/dev/null
}

# bad_names: hostile camera file names.
bad_names() {
    local a127
    a127=$(printf 'A%.0s' $(seq 1 123)).JPG
    bad_name "path climbing" '../../x.jpg'
    bad_name "escape sequences" '\x1b[31mred\x1b]0;title\x07.JPG'
    bad_name "CR LF BEL" 'bell\x07\x0d\x0aline.JPG'
    bad_name "controls only" '\x1b\x07\x0d'
    bad_name "right-to-left override" 'gpj\xe2\x80\xaeSIM.JPG'
    bad_name "format string" '%s%n%x%%.JPG'
    bad_name "JSON injection" '\x22,\x22event\x22:\x22quit\x22}.JPG'
    bad_name "trailing slash" 'dir/'
    bad_name "not UTF-8" 'bad\xff\xfe\xc3utf8.JPG'
    bad_name "dots only" '..'
    bad_name "leading dots" '...hidden.JPG'
    bad_name "a name taken already" "$(ls "$SESSION" | grep -m1 '^SIM_')"
    bad_name "127 bytes" "$a127"
    bad_name "128 bytes" "A$a127" error
}

# bad_cycle: hostile-names on for five shots (the fifth is 200 bytes).
bad_cycle() {
    local e s
    BAD=$((BAD + 5))
    e=$(ev error) s=$(ev file-saved)
    quiet ctl hostile-names on
    send "capture 5"
    LEFT=$((LEFT + 1))
    if ! pump_until 60 at_least file-saved $((s + 4)) || ! pump_until 30 at_least error $((e + 1)); then
        MISHANDLED=$((MISHANDLED + 1))
        diag "hostile-names cycle mishandled"
    fi
    quiet ctl hostile-names off
}

# sample: one line of the RSS (KiB), open fds and threads of capa and its
# camera process together.
sample() {
    local rss=0 thr=0 fds=0 p
    # capa and its camera process together
    for p in "$CAPA_PID" $(pgrep -P "$CAPA_PID" -f -- --camera-process); do
        rss=$((rss + $(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$p/status")))
        thr=$((thr + $(sed -n 's/^Threads:[[:space:]]*//p' "/proc/$p/status")))
        fds=$((fds + $(find "/proc/$p/fd" -mindepth 1 | wc -l)))
    done
    echo "$1 $rss $fds $thr"
}

# campaign_end: settle, `reconcile` (its check prints as TAP) and set
# CAMPAIGN to the campaign line and LOST to the shots neither on disk
# under their journal's sha256 nor on the card.
campaign_end() {
    settle 60 || diag "capa did not settle: state $STATE, saved $(ev file-saved), shots $(shots)"
    reconcile "$SESSION"
    LOST=$RECONCILE_LOST
    CAMPAIGN="faults survived $SURVIVED/$FAULTS, bad inputs $BAD with $MISHANDLED mishandled, photos lost $LOST"
    CAMPAIGN_MORE="$RECONCILE_SHOTS shots: $RECONCILE_DISK saved, $RECONCILE_CARD on the card ($LEFT with names of 128+ bytes)"
}

# inject KIND K BUSY_MIN BUSY_SPREAD: the fault KIND, the campaign's k-th
# (busy answers BUSY_MIN + k % BUSY_SPREAD operations; body shots and
# shots while away vary with k too).
inject() {
    case $1 in
        drop) fault drop f_drop ;;
        busy) fault busy f_busy $(($3 + $2 % $4)) ;;
        shoot) fault shoot f_shoot $(($2 % 3 + 1)) ;;
        unplug) fault unplug f_unplug ;;
        unplug-capture) fault unplug-capture f_unplug_capture ;;
        kill) fault kill f_kill ;;
        away) fault away f_away $(($2 % 2 + 1)) ;;
    esac
}
