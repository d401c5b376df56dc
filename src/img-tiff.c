/* The preview JPEG inside a TIFF-based raw file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-tiff.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_MARKERS 64 /* JPEG markers scanned for the frame header */

/* Bytes of the file: in memory, or behind a file descriptor. */
struct reader {
	const unsigned char *mem;
	int fd;
	size_t size;
};

struct walk {
	struct reader r;
	bool be;                           /* big-endian ("MM") */
	uint32_t queue[IMG_TIFF_MAX_IFDS]; /* IFD offsets to visit */
	unsigned nqueue;
	struct img_tiff_jpeg best;
};

/* Copy n bytes at off into buf; false when out of range or unreadable. */
static bool rd(const struct reader *r, uint64_t off, void *buf, size_t n)
{
	if (off > r->size || n > r->size - off)
		return false;
	if (r->mem) {
		memcpy(buf, r->mem + off, n);
		return true;
	}
	for (size_t got = 0; got < n;) {
		ssize_t k = pread(r->fd, (char *)buf + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		got += (size_t)k;
	}
	return true;
}

/* 16/32-bit values from a buffer in the file's byte order. */
static uint32_t get16(bool be, const unsigned char *p)
{
	return be ? (uint32_t)(p[0] << 8 | p[1]) : (uint32_t)(p[1] << 8 | p[0]);
}

static uint32_t get32(bool be, const unsigned char *p)
{
	return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		  : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* True when data starts with a TIFF header. */
bool img_is_tiff(const unsigned char *data, size_t len)
{
	return len >= 8 && (memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0);
}

/* True when the JPEG at [off, off+n) starts with SOI and its first frame
 * header is SOF0, SOF1 or SOF2. */
static bool is_dct(const struct reader *r, uint64_t off, uint64_t n)
{
	unsigned char b[4];
	uint64_t i = 2;

	if (n < 4 || !rd(r, off, b, 2) || b[0] != 0xff || b[1] != 0xd8)
		return false;
	for (int k = 0; k < MAX_MARKERS && i + 4 <= n; k++) {
		if (!rd(r, off + i, b, 4) || b[0] != 0xff)
			return false;
		unsigned m = b[1];
		if (m == 0xff) {
			i++;
			continue;
		}
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc)
			return m <= 0xc2;
		if (m == 0xda || m == 0xd9)
			return false;
		i += 2 + ((uint64_t)b[2] << 8 | b[3]);
	}
	return false;
}

/* True when the JPEG's first frame header is SOF0, SOF1 or SOF2. */
bool img_jpeg_is_dct(const unsigned char *data, size_t len)
{
	struct reader r = { data, -1, len };
	return is_dct(&r, 0, len);
}

/* Queue an IFD offset unless it is out of range, seen, or the queue is full. */
static void enqueue(struct walk *w, uint32_t off)
{
	if (off < 8 || off >= w->r.size || w->nqueue >= IMG_TIFF_MAX_IFDS)
		return;
	for (unsigned i = 0; i < w->nqueue; i++)
		if (w->queue[i] == off)
			return;
	w->queue[w->nqueue++] = off;
}

/* Consider bytes [off, off+len) as a preview. */
static void candidate(struct walk *w, uint32_t off, uint32_t len)
{
	if (!off || len < 4 || off > w->r.size || len > w->r.size - off)
		return;
	if (!is_dct(&w->r, off, len))
		return;
	if (len > w->best.len)
		w->best.off = off, w->best.len = len;
	if (!w->best.small_len || len < w->best.small_len)
		w->best.small_off = off, w->best.small_len = len;
}

/* Queue the offsets of a SubIFDs entry e (LONG or IFD type). */
static void sub_ifds(struct walk *w, const unsigned char *e)
{
	uint32_t type = get16(w->be, e + 2), count = get32(w->be, e + 4);
	unsigned char arr[IMG_TIFF_MAX_IFDS * 4];

	if ((type != 4 && type != 13) || count == 0 || count > IMG_TIFF_MAX_IFDS)
		return;
	if (count == 1) {
		enqueue(w, get32(w->be, e + 8));
		return;
	}
	if (!rd(&w->r, get32(w->be, e + 8), arr, (size_t)count * 4))
		return;
	for (uint32_t i = 0; i < count; i++)
		enqueue(w, get32(w->be, arr + (size_t)i * 4));
}

/* Value of a SHORT/LONG entry with count 1 (stored inline). */
static uint32_t inline_value(bool be, const unsigned char *e)
{
	return get16(be, e + 2) == 3 ? get16(be, e + 8) : get32(be, e + 8);
}

/* Read one IFD at off: note previews, queue children and the next IFD. */
static void visit(struct walk *w, uint32_t off, bool ifd0)
{
	unsigned char b[2 + IMG_TIFF_MAX_ENTRIES * 12 + 4];

	if (!rd(&w->r, off, b, 2))
		return;
	uint32_t count = get16(w->be, b);
	if (count > IMG_TIFF_MAX_ENTRIES || !rd(&w->r, off, b, 2 + (size_t)count * 12 + 4))
		return;
	uint32_t jif = 0, jlen = 0, strip = 0, slen = 0, comp = 0;
	bool single_strip = true;
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *e = b + 2 + (size_t)i * 12;
		uint32_t tag = get16(w->be, e), cnt = get32(w->be, e + 4);
		if (tag == 0x014a) {
			sub_ifds(w, e);
			continue;
		}
		if (cnt != 1) {
			if (tag == 0x0111 || tag == 0x0117)
				single_strip = false;
			continue;
		}
		uint32_t v = inline_value(w->be, e);
		switch (tag) {
		case 0x0103: comp = v; break;
		case 0x0111: strip = v; break;
		case 0x0117: slen = v; break;
		case 0x0201: jif = v; break;
		case 0x0202: jlen = v; break;
		case 0x0112:
			if (ifd0 && v >= 1 && v <= 8)
				w->best.orientation = (int)v;
			break;
		}
	}
	candidate(w, jif, jlen);
	if (single_strip && (comp == 6 || comp == 7))
		candidate(w, strip, slen);
	enqueue(w, get32(w->be, b + 2 + (size_t)count * 12));
}

/* Walk the IFD tree behind reader r. */
static int walk(const struct reader *r, struct img_tiff_jpeg *out, char *err, size_t errlen)
{
	struct walk w = { .r = *r };
	unsigned char h[8];

	memset(out, 0, sizeof *out);
	if (!rd(r, 0, h, 8) || !img_is_tiff(h, 8)) {
		snprintf(err, errlen, "not a TIFF-based raw file");
		return -1;
	}
	w.be = h[0] == 'M';
	enqueue(&w, get32(w.be, h + 4));
	for (unsigned i = 0; i < w.nqueue; i++)
		visit(&w, w.queue[i], i == 0);
	if (!w.best.len) {
		snprintf(err, errlen, "raw file: no embedded JPEG preview found");
		return -1;
	}
	*out = w.best;
	return 0;
}

/* Find the largest embedded JPEG in memory. */
int img_tiff_find_jpeg(const unsigned char *data, size_t len,
		       struct img_tiff_jpeg *out, char *err, size_t errlen)
{
	struct reader r = { data, -1, len };
	return walk(&r, out, err, errlen);
}

/* Find the largest embedded JPEG in an open file. */
int img_tiff_find_jpeg_fd(int fd, size_t size, struct img_tiff_jpeg *out,
			  char *err, size_t errlen)
{
	struct reader r = { NULL, fd, size };
	return walk(&r, out, err, errlen);
}
