/* Make untrusted names and text safe.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "sanitize.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s, 0 when invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n;
	unsigned cp;

	if (avail == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; cp = c & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq_len(p + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

unsigned utf8_code_point(const unsigned char *p, size_t n)
{
	switch (n) {
	case 1:
		return p[0];
	case 2:
		return (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
	case 3:
		return (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
	default:
		return (p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 |
		       (p[3] & 0x3Fu);
	}
}

bool utf8_is_control(const unsigned char *p, size_t n)
{
	unsigned cp = utf8_code_point(p, n);

	/* C0, DEL, C1 (CSI 0x9B, OSC 0x9D...), then the bidirectional
	 * overrides and isolates that make "gpj.EXE" show as "EXE.jpg" */
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || cp == 0x200E ||
	       cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Cut a UTF-8 string to at most max bytes without splitting a sequence. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* First pass of sanitize_filename: map bytes into tmp (valid UTF-8). */
static size_t filename_map(const unsigned char *p, size_t len, char *tmp)
{
	size_t o = 0, i = 0;

	while (i < len && p[i]) {
		size_t n = utf8_seq_len(p + i, len - i);
		if (n == 0) {
			tmp[o++] = '_';
			i++;
		} else if (n == 1 && (p[i] == '/' || p[i] == '\\')) {
			tmp[o++] = '_';
			i++;
		} else if (utf8_is_control(p + i, n)) {
			i += n;
		} else {
			memcpy(tmp + o, p + i, n);
			o += n;
			i += n;
		}
	}
	tmp[o] = '\0';
	return o;
}

/* Sanitise a camera object name into a safe local file name. */
char *sanitize_filename(const char *in, size_t len, char *out, size_t outlen)
{
	size_t max = outlen - 1 < SANITIZE_NAME_MAX ? outlen - 1 : SANITIZE_NAME_MAX;
	char *tmp = malloc(len + 1);
	const char *s;
	size_t n;

	if (!tmp) {
		snprintf(out, outlen, "unnamed");
		return out;
	}
	n = filename_map((const unsigned char *)(in ? in : ""), in ? len : 0, tmp);
	s = tmp;
	while (*s == '.' || *s == ' ') {
		s++;
		n--;
	}
	if (n == 0) {
		snprintf(out, outlen, "unnamed");
		free(tmp);
		return out;
	}
	if (n > max) {
		/* keep a short extension: cut the stem, not the ".JPG" */
		const char *dot = strrchr(s, '.');
		size_t ext = dot ? n - (size_t)(dot - s) : 0;
		if (ext > 10 || ext >= max / 2)
			ext = 0;
		size_t stem = utf8_cut(s, n - ext, max - ext);
		memcpy(out, s, stem);
		memcpy(out + stem, s + n - ext, ext);
		out[stem + ext] = '\0';
	} else {
		memcpy(out, s, n + 1);
	}
	free(tmp);
	return out;
}

/* Copy untrusted text into out[0..cap) so it is inert on a terminal. */
char *sanitize_text_into(const char *in, size_t len, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	size_t i = 0, o = 0;

	if (!in)
		len = 0;
	while (i < len && p[i]) {
		size_t n = utf8_seq_len(p + i, len - i);
		const char *rep = NULL;
		size_t rn = n;
		if (n == 0) {
			rep = "\xEF\xBF\xBD";
			rn = 3;
			n = 1;
		} else if (n == 1 && (p[i] == '\t' || p[i] == '\n' || p[i] == '\r')) {
			rep = " ";
			rn = 1;
		} else if (utf8_is_control(p + i, n)) {
			i += n;
			continue;
		}
		if (o + rn >= cap)
			break;
		memcpy(out + o, rep ? (const unsigned char *)rep : p + i, rn);
		o += rn;
		i += n;
	}
	out[o] = '\0';
	return out;
}

/* A terminal-safe malloc'd copy of untrusted text. */
char *sanitize_text(const char *in, size_t len, size_t max)
{
	size_t cap = (in ? (len < max ? len : max) : 0) * 3 + 4;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	return sanitize_text_into(in, len, out, max + 1 < cap ? max + 1 : cap);
}
