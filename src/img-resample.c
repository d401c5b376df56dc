/* Streaming area resampling and EXIF orientation of RGB888 pixels.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-resample.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Source column i covers [i*out_w, (i+1)*out_w) and output column x covers
 * [x*in_w, (x+1)*in_w) on a common integer axis; weights are overlaps. */
static int build_columns(struct img_resampler *r)
{
	uint64_t iw = r->in_w, ow = r->out_w;

	r->taps = (unsigned)((iw + ow - 1) / ow) + 1;
	r->first = calloc(ow, sizeof *r->first);
	r->weight = calloc((size_t)ow * r->taps, sizeof *r->weight);
	if (!r->first || !r->weight)
		return -1;
	for (uint64_t x = 0; x < ow; x++) {
		uint64_t lo = x * iw, hi = lo + iw;
		uint64_t i = lo / ow;
		r->first[x] = (uint32_t)i;
		for (unsigned t = 0; t < r->taps && i < iw; t++, i++) {
			uint64_t a = i * ow, b = a + ow;
			uint64_t s = a > lo ? a : lo, e = b < hi ? b : hi;
			if (e <= s)
				break;
			/* Overlap as a fraction of the output pixel, 16-bit fixed point. */
			r->weight[x * r->taps + t] = (uint32_t)(((e - s) * 65536 + iw / 2) / iw);
			if (!r->weight[x * r->taps + t])
				break;
		}
	}
	return 0;
}

/* Prepare to resample in_w×in_h into out. */
int img_resampler_init(struct img_resampler *r, unsigned in_w, unsigned in_h,
		       unsigned out_w, unsigned out_h, unsigned char *out)
{
	memset(r, 0, sizeof *r);
	if (!in_w || !in_h || !out_w || !out_h || !out)
		return -1;
	r->in_w = in_w, r->in_h = in_h, r->out_w = out_w, r->out_h = out_h;
	r->out = out;
	r->hrow = calloc((size_t)out_w * 3, sizeof *r->hrow);
	r->acc = calloc((size_t)out_w * 3, sizeof *r->acc);
	if (!r->hrow || !r->acc || build_columns(r) < 0) {
		img_resampler_free(r);
		return -1;
	}
	return 0;
}

/* Resample one source row horizontally into r->hrow. */
static void horizontal(struct img_resampler *r, const unsigned char *row)
{
	for (unsigned x = 0; x < r->out_w; x++) {
		const uint32_t *w = r->weight + (size_t)x * r->taps;
		const unsigned char *p = row + (size_t)r->first[x] * 3;
		uint32_t s0 = 0, s1 = 0, s2 = 0;
		for (unsigned t = 0; t < r->taps && w[t]; t++, p += 3) {
			s0 += w[t] * p[0];
			s1 += w[t] * p[1];
			s2 += w[t] * p[2];
		}
		r->hrow[x * 3] = (float)s0 * (1.0f / 65536);
		r->hrow[x * 3 + 1] = (float)s1 * (1.0f / 65536);
		r->hrow[x * 3 + 2] = (float)s2 * (1.0f / 65536);
	}
}

/* Write the finished accumulator as output row r->out_y and clear it. */
static void emit_row(struct img_resampler *r)
{
	unsigned char *o = r->out + (size_t)r->out_y * r->out_w * 3;

	size_t n = (size_t)r->out_w * 3;
	for (size_t i = 0; i < n; i++) { /* compiles to maxss/minss: no branches */
		float v = r->acc[i] + 0.5f;
		v = v > 0.0f ? v : 0.0f;
		v = v < 255.0f ? v : 255.0f;
		o[i] = (unsigned char)(int)v;
	}
	memset(r->acc, 0, n * sizeof *r->acc);
	r->out_y++;
}

/* Feed the next source row. */
void img_resampler_push(struct img_resampler *r, const unsigned char *row)
{
	if (r->in_y >= r->in_h || r->out_y >= r->out_h)
		return;
	horizontal(r, row);
	/* Row in_y covers [in_y*out_h, +out_h); output row k covers [k*in_h, +in_h). */
	uint64_t pos = (uint64_t)r->in_y * r->out_h, end = pos + r->out_h;
	while (pos < end && r->out_y < r->out_h) {
		uint64_t row_end = (uint64_t)(r->out_y + 1) * r->in_h;
		uint64_t seg = end < row_end ? end : row_end;
		float w = (float)(seg - pos) / (float)r->in_h;
		float *restrict acc = r->acc;
		const float *restrict h = r->hrow;
		size_t i = 0, n = (size_t)r->out_w * 3;
		for (; i + 4 <= n; i += 4) { /* four at a time: vectorised */
			acc[i] += w * h[i];
			acc[i + 1] += w * h[i + 1];
			acc[i + 2] += w * h[i + 2];
			acc[i + 3] += w * h[i + 3];
		}
		for (; i < n; i++)
			acc[i] += w * h[i];
		pos = seg;
		if (seg == row_end)
			emit_row(r);
	}
	r->in_y++;
}

/* Free the tables. */
void img_resampler_free(struct img_resampler *r)
{
	free(r->first);
	free(r->weight);
	free(r->hrow);
	free(r->acc);
	r->first = NULL, r->weight = NULL, r->hrow = NULL, r->acc = NULL;
}

/* Map upright (x,y) to stored coordinates for orientation o. */
void img_orient_map(int o, unsigned w, unsigned h, unsigned x, unsigned y,
		    unsigned *sx, unsigned *sy)
{
	switch (o) {
	case 2: *sx = w - 1 - x; *sy = y; break;
	case 3: *sx = w - 1 - x; *sy = h - 1 - y; break;
	case 4: *sx = x; *sy = h - 1 - y; break;
	case 5: *sx = y; *sy = x; break;
	case 6: *sx = y; *sy = h - 1 - x; break;
	case 7: *sx = w - 1 - y; *sy = h - 1 - x; break;
	case 8: *sx = w - 1 - y; *sy = x; break;
	default: *sx = x; *sy = y; break;
	}
}

/* Apply orientation o to w×h RGB888 into a new buffer: each output row
 * walks the source with a fixed step from where img_orient_map puts its
 * first pixel. */
unsigned char *img_orient(const unsigned char *rgb, unsigned w, unsigned h, int o,
			  unsigned *ow, unsigned *oh)
{
	unsigned uw = o >= 5 && o <= 8 ? h : w, uh = o >= 5 && o <= 8 ? w : h;
	unsigned char *out = malloc((size_t)uw * uh * 3);

	if (!out)
		return NULL;
	unsigned x0, y0, x1, y1;
	img_orient_map(o, w, h, 0, 0, &x0, &y0);
	img_orient_map(o, w, h, uw > 1 ? 1 : 0, 0, &x1, &y1);
	/* Source step (in pixels) between neighbours of an output row. */
	ptrdiff_t step = ((ptrdiff_t)y1 - (ptrdiff_t)y0) * (ptrdiff_t)w + ((ptrdiff_t)x1 - (ptrdiff_t)x0);
	unsigned char *d = out;
	for (unsigned y = 0; y < uh; y++) {
		unsigned sx, sy;
		img_orient_map(o, w, h, 0, y, &sx, &sy);
		ptrdiff_t i = (ptrdiff_t)sy * (ptrdiff_t)w + (ptrdiff_t)sx;
		for (unsigned x = 0; x < uw; x++, d += 3, i += step) {
			const unsigned char *s = rgb + i * 3;
			d[0] = s[0];
			d[1] = s[1];
			d[2] = s[2];
		}
	}
	*ow = uw, *oh = uh;
	return out;
}

/* Fit src inside the box keeping the aspect ratio. */
void img_fit_box(unsigned src_w, unsigned src_h, unsigned box_w, unsigned box_h,
		 int upscale, unsigned *w, unsigned *h)
{
	if (!upscale) {
		if (box_w > src_w)
			box_w = src_w;
		if (box_h > src_h)
			box_h = src_h;
	}
	/* Compare box_w/src_w with box_h/src_h without floating point. */
	if ((uint64_t)box_w * src_h <= (uint64_t)box_h * src_w) {
		*w = box_w;
		*h = (unsigned)(((uint64_t)src_h * box_w + src_w / 2) / src_w);
	} else {
		*h = box_h;
		*w = (unsigned)(((uint64_t)src_w * box_h + src_h / 2) / src_h);
	}
	if (*w < 1)
		*w = 1;
	if (*h < 1)
		*h = 1;
}
