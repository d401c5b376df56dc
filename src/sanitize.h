/* Make untrusted names and text safe: local file names and terminal text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, any thread.  Input may be any bytes (not NUL-terminated
 * beyond `len`); output is always valid UTF-8 and NUL-terminated. */
#ifndef CAPA_SANITIZE_H
#define CAPA_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest local name in bytes produced by sanitize_filename (ext included). */
#define SANITIZE_NAME_MAX 200

/* Turn a camera object name into a safe local file name in out (outlen >= 16):
 * '/' and '\\' become '_', controls (utf8_is_control) are dropped, invalid UTF-8
 * bytes become '_', leading dots and spaces are dropped, "." / ".." / ""
 * become "unnamed", and the result is cut (at a UTF-8 boundary, keeping an
 * extension of up to 10 bytes) to min(outlen-1, SANITIZE_NAME_MAX) bytes.
 * Returns out. */
char *sanitize_filename(const char *in, size_t len, char *out, size_t outlen);

/* The one filter for text that reaches the terminal: copy in[0..len)
 * (stopping at a NUL) into out, cap >= 1 bytes with the NUL, so that it is
 * inert: controls (utf8_is_control: C0, DEL, C1 incl. ESC and CSI, bidi
 * overrides and isolates U+202A..E, U+2066..9, U+200E/F, U+061C) dropped,
 * except that tabs, CR and LF become spaces; invalid UTF-8 replaced by
 * U+FFFD; cut at a UTF-8 boundary.  NULL in gives "".  Returns out. */
char *sanitize_text_into(const char *in, size_t len, char *out, size_t cap);

/* sanitize_text_into a malloc'd copy of at most `max` bytes.  Returns
 * NULL only on ENOMEM. */
char *sanitize_text(const char *in, size_t len, size_t max);

/* True when s[0..len) is valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t avail);

/* The code point of the valid n-byte UTF-8 sequence at p (n from utf8_seq_len). */
unsigned utf8_code_point(const unsigned char *p, size_t n);

/* True when the valid n-byte sequence at p is a control a terminal or a
 * file manager acts on: C0, DEL, C1, or a bidirectional override/isolate
 * (U+061C, U+200E/F, U+202A..E, U+2066..9). */
bool utf8_is_control(const unsigned char *p, size_t n);

#endif
