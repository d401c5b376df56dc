/* A small JSON writer into a growing buffer.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "json.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

void json_init(struct json_buf *j)
{
	memset(j, 0, sizeof(*j));
}

/* Make room for n more bytes plus a NUL. */
static bool reserve(struct json_buf *j, size_t n)
{
	if (j->failed)
		return false;
	if (j->len + n + 1 <= j->cap)
		return true;
	size_t cap = j->cap ? j->cap : 256;
	while (cap < j->len + n + 1)
		cap *= 2;
	char *b = realloc(j->buf, cap);
	if (!b) {
		j->failed = true;
		return false;
	}
	j->buf = b;
	j->cap = cap;
	return true;
}

/* Append raw bytes. */
static void put(struct json_buf *j, const char *s, size_t n)
{
	if (!reserve(j, n))
		return;
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

/* Write the comma before a value or key when one is due. */
static void sep(struct json_buf *j)
{
	if (j->need_comma)
		put(j, ",", 1);
	j->need_comma = true;
}

void json_open(struct json_buf *j, char bracket)
{
	sep(j);
	put(j, &bracket, 1);
	j->need_comma = false;
}

void json_close(struct json_buf *j, char bracket)
{
	put(j, &bracket, 1);
	j->need_comma = true;
}

void json_key(struct json_buf *j, const char *key)
{
	json_str(j, key);
	put(j, ":", 1);
	j->need_comma = false;
}

/* Append s[0..n) as an escaped JSON string body; what needs no escape is
 * copied in runs, not byte by byte. */
static void escape(struct json_buf *j, const unsigned char *s, size_t n)
{
	size_t i = 0, run = 0; /* s[run..i) goes out as it is */

	while (i < n) {
		unsigned char c = s[i];
		size_t k = c < 0x80 ? 1 : utf8_seq_len(s + i, n - i);
		char esc[8];
		int e;

		if (k == 1 && c >= 0x20 && c != 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (k > 1 && !utf8_is_control(s + i, k)) {
			i += k;
			continue;
		}
		put(j, (const char *)s + run, i - run);
		if (k == 0)
			e = snprintf(esc, sizeof(esc), "\\ufffd");
		else if (k > 1) /* C1 and bidi controls: valid JSON, but act on terminals */
			e = snprintf(esc, sizeof(esc), "\\u%04x", utf8_code_point(s + i, k));
		else if (c == '"' || c == '\\')
			e = snprintf(esc, sizeof(esc), "\\%c", c);
		else if (c == '\n')
			e = snprintf(esc, sizeof(esc), "\\n");
		else if (c == '\t')
			e = snprintf(esc, sizeof(esc), "\\t");
		else if (c == '\r')
			e = snprintf(esc, sizeof(esc), "\\r");
		else
			e = snprintf(esc, sizeof(esc), "\\u%04x", c);
		put(j, esc, (size_t)e);
		i += k ? k : 1;
		run = i;
	}
	put(j, (const char *)s + run, i - run);
}

void json_strn(struct json_buf *j, const char *s, size_t n)
{
	sep(j);
	put(j, "\"", 1);
	escape(j, (const unsigned char *)s, n);
	put(j, "\"", 1);
}

void json_str(struct json_buf *j, const char *s)
{
	if (!s)
		json_null(j);
	else
		json_strn(j, s, strlen(s));
}

void json_int(struct json_buf *j, int64_t v)
{
	char b[32];
	int n = snprintf(b, sizeof(b), "%" PRId64, v);
	sep(j);
	put(j, b, (size_t)n);
}

void json_uint(struct json_buf *j, uint64_t v)
{
	char b[32];
	int n = snprintf(b, sizeof(b), "%" PRIu64, v);
	sep(j);
	put(j, b, (size_t)n);
}

void json_double(struct json_buf *j, double v)
{
	char b[40];
	int n;
	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	n = snprintf(b, sizeof(b), "%.10g", v);
	sep(j);
	put(j, b, (size_t)n);
}

void json_double_exact(struct json_buf *j, double v)
{
	char b[40];
	int n;
	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	if (v == 0 && signbit(v))
		n = snprintf(b, sizeof(b), "-0.0");
	else /* the shortest that reads back: 0.004, not 0.0040000000000000001 */
		for (int prec = 15; prec <= 17; prec++) {
			n = snprintf(b, sizeof(b), "%.*g", prec, v);
			if (strtod(b, NULL) == v)
				break;
		}
	sep(j);
	put(j, b, (size_t)n);
}

void json_bool(struct json_buf *j, bool v)
{
	sep(j);
	put(j, v ? "true" : "false", v ? 4 : 5);
}

void json_null(struct json_buf *j)
{
	sep(j);
	put(j, "null", 4);
}

void json_kv_str(struct json_buf *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kv_int(struct json_buf *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kv_uint(struct json_buf *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kv_double(struct json_buf *j, const char *key, double v)
{
	json_key(j, key);
	json_double(j, v);
}

void json_kv_bool(struct json_buf *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

char *json_finish(struct json_buf *j)
{
	char *b;
	if (!reserve(j, 0)) {
		json_discard(j);
		return NULL;
	}
	b = j->buf;
	j->buf = NULL;
	j->len = j->cap = 0;
	return b;
}

void json_discard(struct json_buf *j)
{
	free(j->buf);
	json_init(j);
}
