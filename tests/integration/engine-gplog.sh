#!/bin/bash
# src/cam-gplog.c: libgphoto2's calls to gp_log_data (the hex dump of every
# chunk it reads, built even when nobody listens) bind to capa's no-op,
# and a download is still whole.  Read from the dynamic linker's own trace
# (LD_DEBUG=bindings) of the real libgphoto2 and its ptp2 camlib.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$SRCDIR/tests/lib/tap.sh"
. "$SRCDIR/tests/lib/engine.sh"

start_simcam || { not_ok "capa-simcam starts"; done_testing; }
LD_DEBUG=bindings LD_DEBUG_OUTPUT="$TEST_TMP/ld" start_capa
wait_events 1 '.event=="connected"' 20
send capture
wait_events 1 '.event=="file-saved"' 60
stop_capa
check "capa exits cleanly" test "$CAPA_RC" -eq 0

trace=$(cat "$TEST_TMP"/ld.* 2>/dev/null | grep "symbol \`gp_log_data'")
bound() { grep -q "binding file [^ ]*/$1 .* to [^ ]*/capa " <<<"$trace"; }
check "the ptp2 camlib's gp_log_data calls bind to capa's" bound 'ptp2\.so'
check "libgphoto2_port's own gp_log_data calls bind to capa's" bound 'libgphoto2_port\.so[.0-9]*'
check "no gp_log_data call binds to libgphoto2_port's hex dumper" \
    test -z "$(grep -v ' to [^ ]*/capa ' <<<"$trace")"

path=$(jq -r 'select(.event=="file-saved") | .path' "$OUT" | head -1)
sum=$(jq -r 'select(.event=="file-saved") | .sha256' "$OUT" | head -1)
check "the downloaded file is whole (its sha256 is the journal's)" \
    test "$(sha256sum "$path" | cut -d' ' -f1)" = "$sum"
check "it decodes" quiet djpeg -outfile /dev/null "$path"
done_testing
