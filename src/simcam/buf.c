/* Growable byte buffers with little-endian PTP packing helpers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra)
		cap *= 2;
	unsigned char *p = realloc(b->p, cap);
	if (!p) {
		fputs("capa-simcam: out of memory\n", stderr);
		abort();
	}
	b->p = p;
	b->cap = cap;
}

void buf_put(struct buf *b, const void *data, size_t n)
{
	if (!n)
		return;
	buf_reserve(b, n);
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

void buf_u8(struct buf *b, uint8_t v) { buf_put(b, &v, 1); }

void buf_u16(struct buf *b, uint16_t v)
{
	unsigned char x[2] = { v & 0xff, v >> 8 };
	buf_put(b, x, 2);
}

void buf_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4];
	set_u32(x, v);
	buf_put(b, x, 4);
}

void buf_u64(struct buf *b, uint64_t v)
{
	buf_u32(b, (uint32_t)v);
	buf_u32(b, (uint32_t)(v >> 32));
}

/* Decode one UTF-8 sequence at s (n bytes left); return its length. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2
		   : s[0] >= 0xe0 && s[0] < 0xf0 ? 3 : s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : 0;
	if (!len || len > n) {
		*cp = 0xdc00 | s[0];
		return 1;
	}
	uint32_t c = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xdc00 | s[0];
			return 1;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c < min[len] || (c >= 0xd800 && c < 0xe000) ? (uint32_t)(0xdc00 | s[0]) : c;
	return c < min[len] || (c >= 0xd800 && c < 0xe000) ? 1 : len;
}

void buf_ptp_str(struct buf *b, const char *s)
{
	uint16_t u[254];
	size_t n = 0, len = strlen(s);
	const unsigned char *p = (const unsigned char *)s;
	while (len && n < 254) {
		uint32_t cp;
		size_t k = utf8_next(p, len, &cp);
		p += k;
		len -= k;
		if (cp > 0xffff) {
			if (n + 2 > 254)
				break;
			cp -= 0x10000;
			u[n++] = 0xd800 | (cp >> 10);
			u[n++] = 0xdc00 | (cp & 0x3ff);
		} else {
			u[n++] = (uint16_t)cp;
		}
	}
	buf_ptp_ucs2(b, u, n);
}

void buf_ptp_ucs2(struct buf *b, const uint16_t *u, size_t n)
{
	if (n > 254)
		n = 254;
	if (!n) {
		buf_u8(b, 0);
		return;
	}
	buf_u8(b, (uint8_t)(n + 1));
	for (size_t i = 0; i < n; i++)
		buf_u16(b, u[i]);
	buf_u16(b, 0);
}

void buf_arr16(struct buf *b, const uint16_t *v, size_t n)
{
	buf_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		buf_u16(b, v[i]);
}

void buf_arr32(struct buf *b, const uint32_t *v, size_t n)
{
	buf_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		buf_u32(b, v[i]);
}

void buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->p, b->p + n, b->len - n);
	b->len -= n;
}

uint16_t get_u16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t get_u64(const unsigned char *p) { return get_u32(p) | (uint64_t)get_u32(p + 4) << 32; }

void set_u32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}
