/* Palette choice for sixel: Wu's variance-minimising colour quantiser.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-quant.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SIDE 33 /* 32 levels a channel plus a zero plane for the sums */
#define CELLS (SIDE * SIDE * SIDE)
#define IX(r, g, b) ((size_t)(r) * SIDE * SIDE + (size_t)(g) * SIDE + (size_t)(b))

enum { M_W, M_R, M_G, M_B, M_2, MOMENTS }; /* count, sums, sum of squares */

/* Cumulative moments: m[k][IX(r,g,b)] sums moment k over the cells
 * (0, r] × (0, g] × (0, b]. */
struct hist {
	int64_t *m[MOMENTS];
};

/* A box of cells (r0, r1] × (g0, g1] × (b0, b1]. */
struct box {
	int lo[3], hi[3];
};

/* What undoing a split needs: the box that was cut, as it was. */
struct split {
	unsigned parent;
	struct box was;
};

/* The state of the splitting. */
struct wu {
	struct hist h;
	struct box box[IMG_QUANT_MAX];
	double var[IMG_QUANT_MAX];  /* squared error of each box, 0 = cannot split */
	struct split undo[IMG_QUANT_MAX];
	double sse[IMG_QUANT_MAX + 1]; /* total squared error with k boxes */
	unsigned n;
};

/* Allocate the moment arrays; false when out of memory. */
static bool hist_alloc(struct hist *h)
{
	for (int k = 0; k < MOMENTS; k++)
		h->m[k] = calloc(CELLS, sizeof *h->m[k]);
	for (int k = 0; k < MOMENTS; k++)
		if (!h->m[k])
			return false;
	return true;
}

/* Free the moment arrays. */
static void hist_free(struct hist *h)
{
	for (int k = 0; k < MOMENTS; k++)
		free(h->m[k]);
}

/* The histogram cell of an RGB888 pixel. */
static inline size_t cell_of(const unsigned char *p)
{
	return IX((p[0] >> 3) + 1, (p[1] >> 3) + 1, (p[2] >> 3) + 1);
}

/* Count the pixels into the cells, then make the sums cumulative along
 * each axis in turn. */
static void hist_build(struct hist *h, const unsigned char *rgb, size_t npix)
{
	for (size_t i = 0; i < npix; i++, rgb += 3) {
		size_t c = cell_of(rgb);
		int r = rgb[0], g = rgb[1], b = rgb[2];
		h->m[M_W][c]++;
		h->m[M_R][c] += r;
		h->m[M_G][c] += g;
		h->m[M_B][c] += b;
		h->m[M_2][c] += r * r + g * g + b * b;
	}
	static const size_t stride[3] = { SIDE * SIDE, SIDE, 1 };
	for (int k = 0; k < MOMENTS; k++)
		for (int axis = 0; axis < 3; axis++)
			for (int r = 1; r < SIDE; r++)
				for (int g = 1; g < SIDE; g++)
					for (int b = 1; b < SIDE; b++)
						h->m[k][IX(r, g, b)] += h->m[k][IX(r, g, b) - stride[axis]];
}

/* Sum of moment k over box b. */
static int64_t vol(const struct hist *h, int k, const struct box *b)
{
	const int64_t *m = h->m[k];
	int r0 = b->lo[0], r1 = b->hi[0], g0 = b->lo[1], g1 = b->hi[1];
	int b0 = b->lo[2], b1 = b->hi[2];

	return m[IX(r1, g1, b1)] - m[IX(r1, g1, b0)] - m[IX(r1, g0, b1)] + m[IX(r1, g0, b0)] -
	       m[IX(r0, g1, b1)] + m[IX(r0, g1, b0)] + m[IX(r0, g0, b1)] - m[IX(r0, g0, b0)];
}

/* Squared error of box b when its pixels take its mean. */
static double box_var(const struct hist *h, const struct box *b)
{
	double w = (double)vol(h, M_W, b);
	if (w <= 0)
		return 0;
	double r = (double)vol(h, M_R, b), g = (double)vol(h, M_G, b), bl = (double)vol(h, M_B, b);
	double v = (double)vol(h, M_2, b) - (r * r + g * g + bl * bl) / w;
	return v > 0 ? v : 0;
}

/* Σ sum²/count of box b: the larger, the smaller its squared error. */
static double spread(const struct hist *h, const struct box *b, int64_t *w)
{
	*w = vol(h, M_W, b);
	if (*w <= 0)
		return 0;
	double r = (double)vol(h, M_R, b), g = (double)vol(h, M_G, b), bl = (double)vol(h, M_B, b);
	return (r * r + g * g + bl * bl) / (double)*w;
}

/* The best cut of b across `axis`: its position (0 when none splits b
 * into two non-empty boxes) and its score. */
static int best_cut(const struct hist *h, const struct box *b, int axis, double *score)
{
	int best = 0;

	*score = -1;
	for (int pos = b->lo[axis] + 1; pos < b->hi[axis]; pos++) {
		struct box lo = *b, hi = *b;
		int64_t w1, w2;
		lo.hi[axis] = pos;
		hi.lo[axis] = pos;
		double s = spread(h, &lo, &w1);
		if (w1 == 0)
			continue;
		s += spread(h, &hi, &w2);
		if (w2 == 0)
			break; /* the rest of the box is empty */
		if (s > *score)
			*score = s, best = pos;
	}
	return best;
}

/* Cut box i in two along its best axis; the upper part becomes box n.
 * False when it cannot be cut. */
static bool cut(struct wu *q, unsigned i)
{
	struct box *b = &q->box[i];
	int axis = -1, pos = 0;
	double best = -1;

	for (int a = 0; a < 3; a++) {
		double s;
		int p = best_cut(&q->h, b, a, &s);
		if (p && s > best)
			best = s, axis = a, pos = p;
	}
	if (axis < 0)
		return false;
	q->undo[q->n] = (struct split){ .parent = i, .was = *b };
	q->box[q->n] = *b;
	q->box[q->n].lo[axis] = pos;
	b->hi[axis] = pos;
	return true;
}

/* True when box b spans more than one cell. */
static bool splittable(const struct box *b)
{
	return b->hi[0] - b->lo[0] > 1 || b->hi[1] - b->lo[1] > 1 || b->hi[2] - b->lo[2] > 1;
}

/* Split the box of largest error until there are max boxes (or none can
 * be split), recording the total error after each split. */
static void split_all(struct wu *q, unsigned max)
{
	q->n = 1;
	q->box[0] = (struct box){ .lo = { 0, 0, 0 }, .hi = { 32, 32, 32 } };
	double v = box_var(&q->h, &q->box[0]);
	q->var[0] = splittable(&q->box[0]) ? v : 0;
	q->sse[1] = v;
	while (q->n < max) {
		unsigned next = 0;
		for (unsigned i = 1; i < q->n; i++)
			if (q->var[i] > q->var[next])
				next = i;
		if (q->var[next] <= 0)
			break;
		double before = box_var(&q->h, &q->box[next]);
		if (!cut(q, next)) {
			q->var[next] = 0;
			continue;
		}
		double a = box_var(&q->h, &q->box[next]), b = box_var(&q->h, &q->box[q->n]);
		q->var[next] = splittable(&q->box[next]) ? a : 0;
		q->var[q->n] = splittable(&q->box[q->n]) ? b : 0;
		q->sse[q->n + 1] = q->sse[q->n] - before + a + b;
		q->n++;
	}
}

/* Undo the last splits down to the fewest boxes whose error is within
 * limit. */
static void trim(struct wu *q, double limit)
{
	unsigned keep = 1;

	while (keep < q->n && q->sse[keep] > limit)
		keep++;
	while (q->n > keep) {
		q->n--;
		q->box[q->undo[q->n].parent] = q->undo[q->n].was;
	}
}

/* The palette (box means) and each pixel's entry. */
static int map_pixels(struct wu *q, const unsigned char *rgb, size_t npix,
		      struct img_quant *out, unsigned char *idx)
{
	unsigned char *tag = malloc(CELLS);

	if (!tag)
		return -1;
	for (unsigned k = 0; k < q->n; k++) {
		const struct box *b = &q->box[k];
		int64_t w = vol(&q->h, M_W, b);
		for (int c = 0; c < 3; c++) {
			int64_t s = w > 0 ? vol(&q->h, M_R + c, b) : 0;
			out->palette[k * 3 + c] = (unsigned char)(w > 0 ? (s + w / 2) / w : 0);
		}
		for (int r = b->lo[0] + 1; r <= b->hi[0]; r++)
			for (int g = b->lo[1] + 1; g <= b->hi[1]; g++)
				memset(tag + IX(r, g, b->lo[2] + 1), (int)k,
				       (size_t)(b->hi[2] - b->lo[2]));
	}
	for (size_t i = 0; i < npix; i++, rgb += 3)
		idx[i] = tag[cell_of(rgb)];
	free(tag);
	out->n = q->n;
	out->mse = q->sse[q->n] / ((double)npix * 3);
	return 0;
}

/* Choose the palette and map the pixels. */
int img_quantize(const unsigned char *rgb, size_t npix, unsigned max_colours,
		 double slack, double good_mse, struct img_quant *q, unsigned char *idx)
{
	struct wu *w = calloc(1, sizeof *w);
	int rc = -1;

	memset(q, 0, sizeof *q);
	if (!w || !rgb || !npix || !hist_alloc(&w->h))
		goto out;
	if (max_colours < 1)
		max_colours = 1;
	if (max_colours > IMG_QUANT_MAX)
		max_colours = IMG_QUANT_MAX;
	hist_build(&w->h, rgb, npix);
	split_all(w, max_colours);
	double limit = w->sse[w->n] * (slack < 1 ? 1 : slack);
	double good = good_mse * (double)npix * 3;
	trim(w, good > limit ? good : limit);
	rc = map_pixels(w, rgb, npix, q, idx);
out:
	if (w)
		hist_free(&w->h);
	free(w);
	return rc;
}
