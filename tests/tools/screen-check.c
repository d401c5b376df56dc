/* Checks on screenshots of a real terminal (tests/lib/realterm.sh).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: screen-check probe
 *            (in the terminal) print "COLS ROWS CELL_W CELL_H SIXEL" as capa's probe sees them
 *        screen-check find SHOT.ppm REF.ppm X Y R
 *            where REF sits best in SHOT within R pixels of (X,Y): "x y nrmse"
 *        screen-check rmse SHOT.ppm REF.ppm X Y MAX
 *            normalised RMSE of REF against SHOT's area at (X,Y); exit 1 above MAX
 *        screen-check region A.ppm B.ppm X Y W H MAX
 *            normalised RMSE between the same area of two shots (W or H 0: all)
 *        screen-check colours SHOT.ppm X Y W H
 *            distinct colours outside the rectangle (W 0: the whole shot)
 *        screen-check cells SHOT.ppm X Y CELL_W CELL_H COLS ROWS OUT.ppm
 *            half blocks back to pixels: each cell's upper and lower half centres
 * Normalised RMSE is over all channels, 0 (same) to 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "img-ppm.h"
#include "term-probe.h"

struct img {
	unsigned char *p;
	unsigned w, h;
};

/* Load a PPM or exit 2. */
static struct img load(const char *path)
{
	struct img m;
	m.p = ppm_read(path, &m.w, &m.h);
	if (!m.p) {
		fprintf(stderr, "screen-check: cannot read %s\n", path);
		exit(2);
	}
	return m;
}

/* Sum of squared differences of ref against shot at (x,y), every `step`-th
 * pixel; -1 when ref does not fit there. */
static double ssd(const struct img *s, const struct img *r, long x, long y, unsigned step, size_t *n)
{
	double se = 0;
	*n = 0;
	if (x < 0 || y < 0 || x + r->w > s->w || y + r->h > s->h)
		return -1;
	for (unsigned ry = 0; ry < r->h; ry += step)
		for (unsigned rx = 0; rx < r->w; rx += step) {
			const unsigned char *a = r->p + ((size_t)ry * r->w + rx) * 3;
			const unsigned char *b = s->p + ((size_t)(y + ry) * s->w + (size_t)(x + rx)) * 3;
			for (int c = 0; c < 3; c++)
				se += (double)(a[c] - b[c]) * (a[c] - b[c]);
			(*n)++;
		}
	return se;
}

/* Normalised RMSE of ref against shot at (x,y); 1 when it does not fit. */
static double nrmse_at(const struct img *s, const struct img *r, long x, long y)
{
	size_t n;
	double se = ssd(s, r, x, y, 1, &n);
	return se < 0 || n == 0 ? 1.0 : sqrt(se / (3.0 * (double)n)) / 255.0;
}

/* find: a sparse pass over every offset, then the exact figure at the best. */
static int cmd_find(char **a)
{
	struct img s = load(a[0]), r = load(a[1]);
	long x0 = atol(a[2]), y0 = atol(a[3]), rad = atol(a[4]);
	long bx = -1, by = -1;
	double best = -1;
	for (long y = y0 - rad; y <= y0 + rad; y++)
		for (long x = x0 - rad; x <= x0 + rad; x++) {
			size_t n;
			double se = ssd(&s, &r, x, y, 7, &n);
			if (se >= 0 && (best < 0 || se < best)) {
				best = se;
				bx = x;
				by = y;
			}
		}
	if (best < 0)
		printf("-1 -1 1\n");
	else
		printf("%ld %ld %.4f\n", bx, by, nrmse_at(&s, &r, bx, by));
	free(s.p);
	free(r.p);
	return best < 0;
}

/* rmse: the figure, and whether it is within MAX. */
static int cmd_rmse(char **a)
{
	struct img s = load(a[0]), r = load(a[1]);
	double e = nrmse_at(&s, &r, atol(a[2]), atol(a[3]));
	printf("%.4f\n", e);
	free(s.p);
	free(r.p);
	return e <= atof(a[4]) ? 0 : 1;
}

/* region: two shots compared over one area. */
static int cmd_region(char **a)
{
	struct img s = load(a[0]), t = load(a[1]);
	unsigned x = (unsigned)atoi(a[2]), y = (unsigned)atoi(a[3]);
	unsigned w = (unsigned)atoi(a[4]), h = (unsigned)atoi(a[5]);
	double se = 0;
	size_t n = 0;
	if (s.w != t.w || s.h != t.h) {
		printf("1.0000 (sizes differ: %ux%u, %ux%u)\n", s.w, s.h, t.w, t.h);
		free(s.p);
		free(t.p);
		return 1;
	}
	if (!w || !h) {
		x = y = 0;
		w = s.w;
		h = s.h;
	}
	for (unsigned j = y; j < y + h && j < s.h; j++)
		for (unsigned i = x; i < x + w && i < s.w; i++, n++)
			for (int c = 0; c < 3; c++) {
				double d = s.p[((size_t)j * s.w + i) * 3 + c] - t.p[((size_t)j * s.w + i) * 3 + c];
				se += d * d;
			}
	double e = n ? sqrt(se / (3.0 * (double)n)) / 255.0 : 1.0;
	printf("%.4f\n", e);
	free(s.p);
	free(t.p);
	return e <= atof(a[6]) ? 0 : 1;
}

/* Order of packed colours for qsort. */
static int cmp_u32(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return x < y ? -1 : x > y;
}

/* colours: how many distinct colours lie outside the rectangle. */
static int cmd_colours(char **a)
{
	struct img s = load(a[0]);
	long x = atol(a[1]), y = atol(a[2]), w = atol(a[3]), h = atol(a[4]);
	unsigned *c = malloc((size_t)s.w * s.h * sizeof *c);
	size_t n = 0, d = 0;
	if (!c) {
		free(s.p);
		return 2;
	}
	for (long j = 0; j < (long)s.h; j++)
		for (long i = 0; i < (long)s.w; i++) {
			if (w > 0 && i >= x && i < x + w && j >= y && j < y + h)
				continue;
			const unsigned char *p = s.p + ((size_t)j * s.w + (size_t)i) * 3;
			c[n++] = (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
		}
	qsort(c, n, sizeof *c, cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || c[i] != c[i - 1])
			d++;
	printf("%zu\n", d);
	free(c);
	free(s.p);
	return 0;
}

/* cells: the colours of half-block cells, two pixels per cell. */
static int cmd_cells(char **a)
{
	struct img s = load(a[0]);
	unsigned x = (unsigned)atoi(a[1]), y = (unsigned)atoi(a[2]);
	unsigned cw = (unsigned)atoi(a[3]), ch = (unsigned)atoi(a[4]);
	unsigned cols = (unsigned)atoi(a[5]), rows = (unsigned)atoi(a[6]);
	unsigned char *o = calloc((size_t)cols * rows * 2, 3);
	if (!o || !cw || !ch) {
		free(o);
		free(s.p);
		return 2;
	}
	for (unsigned r = 0; r < rows * 2; r++)
		for (unsigned c = 0; c < cols; c++) {
			unsigned px = x + c * cw + cw / 2;
			unsigned py = y + (r / 2) * ch + (r % 2 ? 3 * ch / 4 : ch / 4);
			if (px < s.w && py < s.h)
				memcpy(o + ((size_t)r * cols + c) * 3, s.p + ((size_t)py * s.w + px) * 3, 3);
		}
	int rc = ppm_write(a[7], o, cols, rows * 2) ? 2 : 0;
	free(o);
	free(s.p);
	return rc;
}

/* probe: what capa's terminal probe finds in this terminal. */
static int cmd_probe(void)
{
	struct term_caps caps;
	term_probe(STDIN_FILENO, 3000, &caps);
	printf("%d %d %d %d %d\n", caps.cols, caps.rows, caps.cell_w, caps.cell_h, caps.sixel);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int args; int (*run)(char **); } cmds[] = {
		{ "find", 5, cmd_find }, { "rmse", 5, cmd_rmse }, { "region", 7, cmd_region },
		{ "colours", 5, cmd_colours }, { "cells", 8, cmd_cells },
	};
	if (argc == 2 && !strcmp(argv[1], "probe"))
		return cmd_probe();
	for (size_t i = 0; argc > 1 && i < sizeof cmds / sizeof cmds[0]; i++)
		if (!strcmp(argv[1], cmds[i].name) && argc == cmds[i].args + 2)
			return cmds[i].run(argv + 2);
	fprintf(stderr, "usage: see the comment at the top of tests/tools/screen-check.c\n");
	return 2;
}
