/* Terminal-safe text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-text.h"

#include <ctype.h>
#include <string.h>

/* Length of a valid UTF-8 sequence at s (1..4), 0 when invalid. */
static size_t seq_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
	if (n == 0 || (s[0] >= 0xf5))
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
		return 0; /* overlong or surrogate */
	if (n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	/* C1 controls U+0080..U+009F are encoded c2 80..c2 9f. */
	if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return 0;
	return n;
}

/* Copy untrusted text so it is inert on a terminal. */
char *ui_text_clean(const char *in, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t o = 0;

	while (*s && o + 1 < cap) {
		size_t n = seq_len(s);
		if (n == 1 && (*s < 0x20 || *s == 0x7f)) {
			out[o++] = (*s == '\t' || *s == '\n') ? ' ' : '?';
			s++;
		} else if (n == 0) {
			out[o++] = '?';
			s++;
		} else {
			if (o + n >= cap)
				break;
			memcpy(out + o, s, n);
			o += n;
			s += n;
		}
	}
	out[o] = 0;
	return out;
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
