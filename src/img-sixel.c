/* Sixel encoding of an RGB preview with libsixel's encoder.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-sixel.h"

#include <pthread.h>
#include <sixel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "img-quant.h"

/* libsixel is not thread-safe: its error texts (sixel_helper_format_error
 * and the "additional message") live in static buffers (and its median
 * cut, unused here, sorts through a global). Every libsixel call is made
 * under this lock. */
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

/* The palette: Wu's quantiser, stopped where more colours would hardly
 * show.  Within 1.5 dB of all `colors` registers, or 37 dB PSNR: above
 * what libsixel's own median cut (5-bit boxes, box centres) gave at the
 * same count on every picture we measured, with fewer registers (fewer
 * bytes, and libsixel's encoder time grows with the registers used). */
#define SLACK 1.4125       /* 10^(1.5/10) */
#define GOOD_MSE 13.0      /* 255² / 10^(37/10) */

/* Encode w×h palette indices with libsixel (sixel_lock held). */
static int encode(const struct img_quant *q, unsigned char *idx, unsigned w, unsigned h,
		  struct img_buf *out, char *err, size_t errlen)
{
	sixel_dither_t *dither = NULL;
	sixel_output_t *output = NULL;
	int rc = -1;

	if (SIXEL_FAILED(sixel_dither_new(&dither, (int)q->n, NULL)) ||
	    SIXEL_FAILED(sixel_output_new(&output, write_cb, out, NULL))) {
		snprintf(err, errlen, "sixel: cannot create the encoder");
	} else {
		sixel_dither_set_palette(dither, (unsigned char *)q->palette);
		sixel_dither_set_pixelformat(dither, SIXEL_PIXELFORMAT_PAL8);
		sixel_output_set_encode_policy(output, SIXEL_ENCODEPOLICY_FAST);
		SIXELSTATUS st = sixel_encode(idx, (int)w, (int)h, 8, dither, output);
		if (SIXEL_FAILED(st))
			snprintf(err, errlen, "sixel: encode: %s", sixel_helper_format_error(st));
		else
			rc = 0;
	}
	if (output)
		sixel_output_unref(output);
	if (dither)
		sixel_dither_unref(dither);
	return rc;
}

/* Encode w×h RGB888 as one sixel sequence appended to *out. */
int img_sixel_encode(const unsigned char *rgb, unsigned w, unsigned h,
		     int colors, struct img_buf *out, char *err, size_t errlen)
{
	struct img_quant q;

	if (!rgb || !w || !h || w > 16384 || h > 16384 || colors < 2 || colors > 256) {
		snprintf(err, errlen, "sixel: bad arguments (%u×%u, %d colours)", w, h, colors);
		return -1;
	}
	size_t n = (size_t)w * h;
	unsigned char *idx = malloc(n);
	if (!idx || img_quantize(rgb, n, (unsigned)colors, SLACK, GOOD_MSE, &q, idx) < 0) {
		free(idx);
		snprintf(err, errlen, "sixel: out of memory");
		return -1;
	}
	pthread_mutex_lock(&sixel_lock);
	int rc = encode(&q, idx, w, h, out, err, errlen);
	pthread_mutex_unlock(&sixel_lock);
	free(idx);
	return rc;
}
