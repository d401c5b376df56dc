/* Terminal-safe text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-text.h"

#include "sanitize.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Copy untrusted text so it is inert on a terminal: sanitize_text_into. */
char *ui_text_clean(const char *in, char *out, size_t cap)
{
	return sanitize_text_into(in, in ? strlen(in) : 0, out, cap);
}

/* Columns of clean UTF-8 text. */
size_t ui_text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Byte prefix of s fitting in cols columns. */
size_t ui_text_fit(const char *s, size_t cols)
{
	size_t i = 0, w = 0;
	while (s[i]) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (w == cols)
				break;
			w++;
		}
		i++;
	}
	return i;
}

/* Clean s cut to cols columns, its last one an ellipsis when cut. */
char *ui_text_ellipsize(const char *s, size_t cols, char *out, size_t len)
{
	if (ui_text_width(s) <= cols)
		snprintf(out, len, "%s", s);
	else if (cols == 0)
		snprintf(out, len, "%s", "");
	else
		snprintf(out, len, "%.*s\u2026", (int)ui_text_fit(s, cols - 1), s);
	return out;
}

/* Case-insensitive ASCII substring test. */
int ui_text_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!hay)
		return 0;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}
