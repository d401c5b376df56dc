/* Compare two PPM images: PSNR, largest channel difference, or CIEDE2000
 * per colour patch (with lcms2's cmsCIE2000DeltaE).
 * SPDX-License-Identifier: GPL-3.0-or-later
 * usage: img-compare psnr A.ppm B.ppm MIN_DB
 *        img-compare maxdiff A.ppm B.ppm MAX
 *        img-compare de2000 A.ppm B.ppm COLS ROWS MAX_DE
 *        img-compare marks A.ppm B.ppm MIN
 *          (clipping marks: pixels of B near pure red or pure blue that
 *          were far from it in A; prints `marks HIGH LOW`, within the limit
 *          when HIGH + LOW >= MIN)
 * Prints the figure(s); exits 0 when within the limit, 1 otherwise. */
#include <lcms2.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "img-ppm.h"

/* Peak signal-to-noise ratio in dB (99 for identical images). */
static double psnr(const unsigned char *a, const unsigned char *b, size_t n)
{
	double se = 0;

	for (size_t i = 0; i < n; i++)
		se += (double)(a[i] - b[i]) * (a[i] - b[i]);
	if (se == 0)
		return 99.0;
	return 10.0 * log10(255.0 * 255.0 * (double)n / se);
}

/* Mean sRGB colour of the inner half of patch (px,py) of a cols×rows grid. */
static void patch_mean(const unsigned char *p, unsigned w, unsigned h, unsigned cols,
		       unsigned rows, unsigned px, unsigned py, double m[3])
{
	unsigned pw = w / cols, ph = h / rows, n = 0;
	double s[3] = { 0, 0, 0 };

	for (unsigned y = py * ph + ph / 4; y < py * ph + 3 * ph / 4; y++)
		for (unsigned x = px * pw + pw / 4; x < px * pw + 3 * pw / 4; x++, n++)
			for (int c = 0; c < 3; c++)
				s[c] += p[((size_t)y * w + x) * 3 + c];
	for (int c = 0; c < 3; c++)
		m[c] = s[c] / (n ? n : 1);
}

/* Largest CIEDE2000 between corresponding patches. */
static double de2000(const unsigned char *a, const unsigned char *b, unsigned w, unsigned h,
		     unsigned cols, unsigned rows)
{
	cmsHPROFILE srgb = cmsCreate_sRGBProfile(), lab = cmsCreateLab4Profile(NULL);
	cmsHTRANSFORM xf = cmsCreateTransform(srgb, TYPE_RGB_DBL, lab, TYPE_Lab_DBL,
					      INTENT_RELATIVE_COLORIMETRIC, 0);
	double worst = 0;

	for (unsigned py = 0; py < rows; py++)
		for (unsigned px = 0; px < cols; px++) {
			double ma[3], mb[3];
			cmsCIELab la, lb;
			patch_mean(a, w, h, cols, rows, px, py, ma);
			patch_mean(b, w, h, cols, rows, px, py, mb);
			for (int c = 0; c < 3; c++)
				ma[c] /= 255.0, mb[c] /= 255.0;
			cmsDoTransform(xf, ma, &la, 1);
			cmsDoTransform(xf, mb, &lb, 1);
			double de = cmsCIE2000DeltaE(&la, &lb, 1, 1, 1);
			printf("patch %u,%u dE2000 %.3f\n", px, py, de);
			if (de > worst)
				worst = de;
		}
	cmsDeleteTransform(xf);
	cmsCloseProfile(srgb);
	cmsCloseProfile(lab);
	return worst;
}

/* Is pixel p within 60 of (r, g, b) on every channel? */
static int near(const unsigned char *p, int r, int g, int b)
{
	return abs(p[0] - r) <= 60 && abs(p[1] - g) <= 60 && abs(p[2] - b) <= 60;
}

/* Pixels that became a clipping mark (red: highlights, blue: shadows). */
static void marks(const unsigned char *a, const unsigned char *b, size_t npx, size_t *high,
		  size_t *low)
{
	*high = *low = 0;
	for (size_t i = 0; i < npx; i++, a += 3, b += 3) {
		int d = 0;
		for (int c = 0; c < 3; c++)
			d = abs(a[c] - b[c]) > d ? abs(a[c] - b[c]) : d;
		if (d <= 60)
			continue;
		*high += near(b, 255, 0, 0);
		*low += near(b, 0, 0, 255);
	}
}

int main(int argc, char **argv)
{
	unsigned aw, ah, bw, bh;

	if (argc < 5)
		return 2;
	unsigned char *a = ppm_read(argv[2], &aw, &ah), *b = ppm_read(argv[3], &bw, &bh);
	if (!a || !b || aw != bw || ah != bh) {
		fprintf(stderr, "img-compare: unreadable or different sizes (%ux%u vs %ux%u)\n",
			a ? aw : 0, a ? ah : 0, b ? bw : 0, b ? bh : 0);
		return 1;
	}
	size_t n = (size_t)aw * ah * 3;
	int ok;
	if (strcmp(argv[1], "psnr") == 0) {
		double v = psnr(a, b, n);
		printf("psnr %.2f dB\n", v);
		ok = v >= atof(argv[4]);
	} else if (strcmp(argv[1], "maxdiff") == 0) {
		int m = 0;
		for (size_t i = 0; i < n; i++)
			m = abs(a[i] - b[i]) > m ? abs(a[i] - b[i]) : m;
		printf("maxdiff %d\n", m);
		ok = m <= atoi(argv[4]);
	} else if (strcmp(argv[1], "de2000") == 0 && argc >= 7) {
		double v = de2000(a, b, aw, ah, (unsigned)atoi(argv[4]), (unsigned)atoi(argv[5]));
		printf("max dE2000 %.3f\n", v);
		ok = v <= atof(argv[6]);
	} else if (strcmp(argv[1], "marks") == 0) {
		size_t hi, lo;
		marks(a, b, (size_t)aw * ah, &hi, &lo);
		printf("marks %zu %zu\n", hi, lo);
		ok = hi + lo >= (size_t)atol(argv[4]);
	} else
		return 2;
	free(a);
	free(b);
	return ok ? 0 : 1;
}
