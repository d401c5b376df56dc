/* The preview JPEG inside a TIFF-based raw file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-tiff.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct walk {
	const unsigned char *d;
	size_t n;
	bool be;                           /* big-endian ("MM") */
	uint32_t queue[IMG_TIFF_MAX_IFDS]; /* IFD offsets to visit */
	unsigned nqueue;
	struct img_tiff_jpeg best;
};

/* Read 16/32-bit values at off (caller checked the bounds). */
static uint32_t rd16(const struct walk *w, size_t off)
{
	const unsigned char *p = w->d + off;
	return w->be ? (uint32_t)(p[0] << 8 | p[1]) : (uint32_t)(p[1] << 8 | p[0]);
}

static uint32_t rd32(const struct walk *w, size_t off)
{
	const unsigned char *p = w->d + off;
	return w->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		     : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* True when data starts with a TIFF header. */
bool img_is_tiff(const unsigned char *data, size_t len)
{
	return len >= 8 && (memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0);
}

/* True when the JPEG's first frame header is SOF0, SOF1 or SOF2. */
bool img_jpeg_is_dct(const unsigned char *d, size_t n)
{
	size_t i = 2;

	if (n < 4 || d[0] != 0xff || d[1] != 0xd8)
		return false;
	while (i + 4 <= n) {
		if (d[i] != 0xff)
			return false;
		unsigned m = d[i + 1];
		if (m == 0xff) {
			i++;
			continue;
		}
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc)
			return m <= 0xc2;
		if (m == 0xda || m == 0xd9)
			return false;
		i += 2 + ((size_t)d[i + 2] << 8 | d[i + 3]);
	}
	return false;
}

/* Queue an IFD offset unless it is out of range, seen, or the queue is full. */
static void enqueue(struct walk *w, uint32_t off)
{
	if (off < 8 || off >= w->n || w->nqueue >= IMG_TIFF_MAX_IFDS)
		return;
	for (unsigned i = 0; i < w->nqueue; i++)
		if (w->queue[i] == off)
			return;
	w->queue[w->nqueue++] = off;
}

/* Value of a SHORT/LONG entry with count 1 (stored inline). */
static uint32_t inline_value(const struct walk *w, size_t e)
{
	return rd16(w, e + 2) == 3 ? rd16(w, e + 8) : rd32(w, e + 8);
}

/* Consider bytes [off, off+len) as the preview. */
static void candidate(struct walk *w, uint32_t off, uint32_t len)
{
	if (!off || len < 4 || off > w->n || len > w->n - off)
		return;
	if (!img_jpeg_is_dct(w->d + off, len))
		return;
	if (len > w->best.len)
		w->best.off = off, w->best.len = len;
}

/* Queue the offsets of a SubIFDs entry (LONG or IFD type). */
static void sub_ifds(struct walk *w, size_t e)
{
	uint32_t type = rd16(w, e + 2), count = rd32(w, e + 4);

	if ((type != 4 && type != 13) || count == 0 || count > IMG_TIFF_MAX_IFDS)
		return;
	if (count == 1) {
		enqueue(w, rd32(w, e + 8));
		return;
	}
	uint32_t arr = rd32(w, e + 8);
	if (arr > w->n || (size_t)count * 4 > w->n - arr)
		return;
	for (uint32_t i = 0; i < count; i++)
		enqueue(w, rd32(w, arr + (size_t)i * 4));
}

/* Read one IFD at off: note previews, queue children and the next IFD. */
static void visit(struct walk *w, uint32_t off, bool ifd0)
{
	if (off > w->n - 2)
		return;
	uint32_t count = rd16(w, off);
	if (count > IMG_TIFF_MAX_ENTRIES || (size_t)count * 12 + 6 > w->n - off)
		return;
	uint32_t jif = 0, jlen = 0, strip = 0, slen = 0, comp = 0;
	bool single_strip = true;
	for (uint32_t i = 0; i < count; i++) {
		size_t e = off + 2 + (size_t)i * 12;
		uint32_t tag = rd16(w, e), cnt = rd32(w, e + 4);
		if (tag == 0x014a) {
			sub_ifds(w, e);
			continue;
		}
		if (cnt != 1) {
			if (tag == 0x0111 || tag == 0x0117)
				single_strip = false;
			continue;
		}
		uint32_t v = inline_value(w, e);
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
	enqueue(w, rd32(w, off + 2 + (size_t)count * 12));
}

/* Find the largest embedded JPEG. */
int img_tiff_find_jpeg(const unsigned char *data, size_t len,
		       struct img_tiff_jpeg *out, char *err, size_t errlen)
{
	struct walk w = { .d = data, .n = len };

	memset(out, 0, sizeof *out);
	if (!img_is_tiff(data, len)) {
		snprintf(err, errlen, "not a TIFF-based raw file");
		return -1;
	}
	w.be = data[0] == 'M';
	enqueue(&w, rd32(&w, 4));
	for (unsigned i = 0; i < w.nqueue; i++)
		visit(&w, w.queue[i], i == 0);
	if (!w.best.len) {
		snprintf(err, errlen, "raw file: no embedded JPEG preview found");
		return -1;
	}
	*out = w.best;
	return 0;
}
