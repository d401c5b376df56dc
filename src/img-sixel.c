/* Sixel encoding of an RGB preview with libsixel's encoder.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-sixel.h"

#include <pthread.h>
#include <sixel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libsixel is not thread-safe: its median cut sorts through a global and
 * its error texts (sixel_helper_format_error and the "additional message")
 * live in static buffers. Every libsixel call is made under this lock. */
static pthread_mutex_t sixel_lock = PTHREAD_MUTEX_INITIALIZER;

/* Append n bytes to b. */
int img_buf_append(struct img_buf *b, const void *p, size_t n)
{
	if (n > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap - b->len < n) {
			if (cap > ((size_t)-1) / 2)
				return -1;
			cap *= 2;
		}
		unsigned char *d = realloc(b->data, cap);
		if (!d)
			return -1;
		b->data = d, b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

/* Free b's bytes. */
void img_buf_free(struct img_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* libsixel output callback: append to the buffer. */
static int write_cb(char *data, int size, void *priv)
{
	return size < 0 || img_buf_append(priv, data, (size_t)size) < 0 ? -1 : size;
}

/* Build the palette and encode; the dither and output exist (sixel_lock held). */
static int encode(sixel_dither_t *dither, sixel_output_t *output, unsigned char *px,
		  unsigned w, unsigned h, char *err, size_t errlen)
{
	SIXELSTATUS st = sixel_dither_initialize(dither, px, (int)w, (int)h,
						 SIXEL_PIXELFORMAT_RGB888, SIXEL_LARGE_AUTO,
						 SIXEL_REP_AUTO, SIXEL_QUALITY_AUTO);
	if (SIXEL_FAILED(st)) {
		snprintf(err, errlen, "sixel: palette: %s", sixel_helper_format_error(st));
		return -1;
	}
	/* Without error diffusion flat areas stay runs: smaller and faster. */
	sixel_dither_set_diffusion_type(dither, SIXEL_DIFFUSE_NONE);
	sixel_output_set_encode_policy(output, SIXEL_ENCODEPOLICY_FAST);
	st = sixel_encode(px, (int)w, (int)h, 8, dither, output);
	if (SIXEL_FAILED(st)) {
		snprintf(err, errlen, "sixel: encode: %s", sixel_helper_format_error(st));
		return -1;
	}
	return 0;
}

/* Encode w×h RGB888 as one sixel sequence appended to *out. */
int img_sixel_encode(const unsigned char *rgb, unsigned w, unsigned h,
		     int colors, struct img_buf *out, char *err, size_t errlen)
{
	sixel_dither_t *dither = NULL;
	sixel_output_t *output = NULL;
	int rc = -1;

	if (!rgb || !w || !h || w > 16384 || h > 16384 || colors < 2 || colors > 256) {
		snprintf(err, errlen, "sixel: bad arguments (%u×%u, %d colours)", w, h, colors);
		return -1;
	}
	size_t n = (size_t)w * h * 3;
	unsigned char *px = malloc(n); /* libsixel may write into the pixels */
	if (!px) {
		snprintf(err, errlen, "sixel: out of memory");
		return -1;
	}
	memcpy(px, rgb, n);
	pthread_mutex_lock(&sixel_lock);
	if (SIXEL_FAILED(sixel_dither_new(&dither, colors, NULL)) ||
	    SIXEL_FAILED(sixel_output_new(&output, write_cb, out, NULL)))
		snprintf(err, errlen, "sixel: cannot create the encoder");
	else
		rc = encode(dither, output, px, w, h, err, errlen);
	if (output)
		sixel_output_unref(output);
	if (dither)
		sixel_dither_unref(dither);
	pthread_mutex_unlock(&sixel_lock);
	free(px);
	return rc;
}
