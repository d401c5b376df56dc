/* A small JSON writer into a growing buffer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strings are escaped per RFC 8259 (quotes, backslash, control bytes as
 * \u00XX, DEL too); invalid UTF-8 becomes U+FFFD, so any bytes are safe.
 * Commas are managed for you.  On ENOMEM the buffer is marked failed and
 * json_finish() returns NULL.  One thread per buffer. */
#ifndef CAPA_JSON_H
#define CAPA_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_buf {
	char *buf;
	size_t len, cap;
	bool failed;
	bool need_comma;
};

void json_init(struct json_buf *j);
void json_open(struct json_buf *j, char bracket);   /* '{' or '[' */
void json_close(struct json_buf *j, char bracket);  /* '}' or ']' */
void json_key(struct json_buf *j, const char *key); /* "key": (object member) */
void json_str(struct json_buf *j, const char *s);   /* NULL writes null */
void json_strn(struct json_buf *j, const char *s, size_t n);
void json_int(struct json_buf *j, int64_t v);
void json_uint(struct json_buf *j, uint64_t v);
void json_double(struct json_buf *j, double v);     /* non-finite writes null */
/* v with the fewest significant digits (15 to 17) that strtod reads back
 * as exactly v; -0 as -0.0, so that a reader taking "-0" for an integer
 * keeps the sign; non-finite writes null. */
void json_double_exact(struct json_buf *j, double v);
void json_bool(struct json_buf *j, bool v);
void json_null(struct json_buf *j);

/* Shorthands for "key": value. */
void json_kv_str(struct json_buf *j, const char *key, const char *s);
void json_kv_int(struct json_buf *j, const char *key, int64_t v);
void json_kv_uint(struct json_buf *j, const char *key, uint64_t v);
void json_kv_double(struct json_buf *j, const char *key, double v);
void json_kv_bool(struct json_buf *j, const char *key, bool v);

/* Take the NUL-terminated text (caller frees); NULL if anything failed. */
char *json_finish(struct json_buf *j);

/* Free the buffer without taking it. */
void json_discard(struct json_buf *j);

#endif
