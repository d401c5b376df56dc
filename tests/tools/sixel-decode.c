/* Decode a sixel sequence back to pixels with libsixel's decoder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * usage: sixel-decode IN.six OUT.ppm   (prints "W H NCOLORS")
 * Bytes before the first DCS (ESC P), e.g. terminal queries, are skipped. */
#include <sixel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "img-ppm.h"

/* Read a whole file. */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *d = NULL;
	size_t cap = 0, len = 0, r;

	if (!f)
		return NULL;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			d = realloc(d, cap);
		}
		r = fread(d + len, 1, cap - len, f);
		len += r;
	} while (r > 0);
	fclose(f);
	*n = len;
	return d;
}

int main(int argc, char **argv)
{
	size_t n;
	unsigned char *px = NULL, *pal = NULL;
	int w = 0, h = 0, ncolors = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: sixel-decode IN.six OUT.ppm\n");
		return 2;
	}
	unsigned char *d = slurp(argv[1], &n);
	if (!d || n == 0 || n > 0x7fffffff) {
		fprintf(stderr, "sixel-decode: cannot read %s\n", argv[1]);
		return 1;
	}
	unsigned char *dcs = memmem(d, n, "\033P", 2);
	if (!dcs) {
		fprintf(stderr, "sixel-decode: no DCS in %s\n", argv[1]);
		return 1;
	}
	n -= (size_t)(dcs - d);
	memmove(d, dcs, n);
	/* The sequence must be complete: DCS ... ST. */
	if (n < 4 || memcmp(d + n - 2, "\033\\", 2) != 0) {
		fprintf(stderr, "sixel-decode: no string terminator at the end\n");
		return 1;
	}
	SIXELSTATUS st = sixel_decode_raw(d, (int)n, &px, &w, &h, &pal, &ncolors, NULL);
	free(d);
	if (SIXEL_FAILED(st) || w <= 0 || h <= 0) {
		fprintf(stderr, "sixel-decode: %s\n", sixel_helper_format_error(st));
		return 1;
	}
	unsigned char *rgb = malloc((size_t)w * h * 3);
	for (size_t i = 0; i < (size_t)w * h; i++)
		memcpy(rgb + i * 3, pal + (size_t)px[i] * 3, 3);
	int rc = ppm_write(argv[2], rgb, (unsigned)w, (unsigned)h);
	printf("%d %d %d\n", w, h, ncolors);
	free(rgb);
	free(px);
	free(pal);
	return rc < 0;
}
