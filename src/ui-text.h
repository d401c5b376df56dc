/* Terminal-safe text: every camera or file string passes through here.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, any thread. */
#ifndef CAPA_UI_TEXT_H
#define CAPA_UI_TEXT_H

#include <stddef.h>

/* Copy untrusted NUL-terminated `in` into out (cap >= 1) so it is inert
 * on a terminal: sanitize_text_into (sanitize.h), the one filter for
 * every string that reaches the screen.  NULL in gives "".  Returns out. */
char *ui_text_clean(const char *in, char *out, size_t cap);

/* Number of terminal columns of clean UTF-8 `s` (one per code point, a
 * good enough estimate for labels). */
size_t ui_text_width(const char *s);

/* Byte length of the prefix of clean UTF-8 `s` that fits in `cols` columns. */
size_t ui_text_fit(const char *s, size_t cols);

/* Copy clean UTF-8 `s` cut to `cols` columns into out, with an ellipsis
 * (U+2026) as its last column when it had to be cut.  Returns out. */
char *ui_text_ellipsize(const char *s, size_t cols, char *out, size_t len);

/* Case-insensitive ASCII substring test. */
int ui_text_contains(const char *hay, const char *needle);

#endif
