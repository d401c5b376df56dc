/* Binary PPM (P6) reading and writing for the image test tools.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_TEST_IMG_PPM_H
#define CAPA_TEST_IMG_PPM_H

#include <stdio.h>
#include <stdlib.h>

/* Read a P6 file with maxval 255; malloc'd pixels, NULL on error. */
static inline unsigned char *ppm_read(const char *path, unsigned *w, unsigned *h)
{
	FILE *f = fopen(path, "rb");
	unsigned max = 0;
	unsigned char *p = NULL;

	if (!f)
		return NULL;
	if (fscanf(f, "P6 %u %u %u", w, h, &max) == 3 && max == 255 && fgetc(f) != EOF &&
	    *w > 0 && *h > 0 && *w <= 20000 && *h <= 20000) {
		size_t n = (size_t)*w * *h * 3;
		p = malloc(n);
		if (p && fread(p, 1, n, f) != n) {
			free(p);
			p = NULL;
		}
	}
	fclose(f);
	return p;
}

/* Write a P6 file; 0 or -1. */
static inline int ppm_write(const char *path, const unsigned char *rgb, unsigned w, unsigned h)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	fprintf(f, "P6\n%u %u\n255\n", w, h);
	size_t n = fwrite(rgb, 3, (size_t)w * h, f);
	return fclose(f) == 0 && n == (size_t)w * h ? 0 : -1;
}

#endif
