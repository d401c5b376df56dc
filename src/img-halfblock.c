/* Half-block and text fallbacks for terminals without sixel.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-halfblock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t cube[6] = { 0, 95, 135, 175, 215, 255 };

/* Index of the nearest cube level to v. */
static int cube_index(int v)
{
	int best = 0;

	for (int i = 1; i < 6; i++)
		if (abs(cube[i] - v) < abs(cube[best] - v))
			best = i;
	return best;
}

/* Squared distance between two colours. */
static int dist2(int r1, int g1, int b1, int r2, int g2, int b2)
{
	return (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2);
}

/* Nearest xterm-256 colour of an RGB triple. */
uint8_t img_rgb_to_256(uint8_t r, uint8_t g, uint8_t b)
{
	int ri = cube_index(r), gi = cube_index(g), bi = cube_index(b);
	int dc = dist2(r, g, b, cube[ri], cube[gi], cube[bi]);
	int avg = (r + g + b) / 3;
	int gr = avg < 8 ? 0 : (avg - 8 + 5) / 10;
	gr = gr > 23 ? 23 : gr;
	int gv = 8 + 10 * gr;
	int dg = dist2(r, g, b, gv, gv, gv);

	return dg < dc ? (uint8_t)(232 + gr) : (uint8_t)(16 + 36 * ri + 6 * gi + bi);
}

/* Turn w×h RGB888 into half-block cells. */
struct img_cell *img_halfblock(const unsigned char *rgb, unsigned w, unsigned h)
{
	if (!rgb || !w || !h)
		return NULL;
	unsigned rows = (h + 1) / 2;
	struct img_cell *cells = calloc((size_t)w * rows, sizeof *cells);
	if (!cells)
		return NULL;
	for (unsigned y = 0; y < rows; y++)
		for (unsigned x = 0; x < w; x++) {
			struct img_cell *c = &cells[(size_t)y * w + x];
			const unsigned char *top = rgb + ((size_t)(2 * y) * w + x) * 3;
			memcpy(c->fg, top, 3);
			if (2 * y + 1 < h)
				memcpy(c->bg, top + (size_t)w * 3, 3);
			c->fg256 = img_rgb_to_256(c->fg[0], c->fg[1], c->fg[2]);
			c->bg256 = img_rgb_to_256(c->bg[0], c->bg[1], c->bg[2]);
		}
	return cells;
}

/* Append one cell's colours and the half block. */
static int put_cell(const struct img_cell *c, enum img_colour_mode mode, struct img_buf *out)
{
	char s[64];
	int n;

	if (mode == IMG_COLOUR_TRUE)
		n = snprintf(s, sizeof s, "\033[38;2;%u;%u;%u;48;2;%u;%u;%um\xe2\x96\x80",
			     c->fg[0], c->fg[1], c->fg[2], c->bg[0], c->bg[1], c->bg[2]);
	else
		n = snprintf(s, sizeof s, "\033[38;5;%u;48;5;%um\xe2\x96\x80", c->fg256, c->bg256);
	return img_buf_append(out, s, (size_t)n);
}

int img_halfblock_ansi_row(const struct img_cell *row, unsigned cols, enum img_colour_mode mode,
			   struct img_buf *out)
{
	for (unsigned x = 0; x < cols; x++)
		if (put_cell(&row[x], mode, out) < 0)
			return -1;
	return 0;
}

/* Append the cells as text lines. */
int img_halfblock_ansi(const struct img_cell *cells, unsigned cols, unsigned rows,
		       enum img_colour_mode mode, struct img_buf *out)
{
	for (unsigned y = 0; y < rows; y++) {
		if (img_halfblock_ansi_row(cells + (size_t)y * cols, cols, mode, out) < 0 ||
		    img_buf_append(out, "\033[0m\n", 5) < 0)
			return -1;
	}
	return 0;
}

/* Append a framed text placeholder with `label` centred. */
int img_text_placeholder(unsigned cols, unsigned rows, const char *label,
			 struct img_buf *out)
{
	char clean[256];
	size_t n = 0;

	if (cols < 2 || rows < 1)
		return -1;
	for (const char *p = label ? label : ""; *p && n < sizeof clean - 1; p++)
		if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
			clean[n++] = *p;
	if (n > cols - 2)
		n = cols - 2;
	clean[n] = '\0';
	for (unsigned y = 0; y < rows; y++) {
		bool edge = y == 0 || y == rows - 1;
		for (unsigned x = 0; x < cols; x++) {
			char ch = edge ? (x == 0 || x == cols - 1 ? '+' : '-')
				       : (x == 0 || x == cols - 1 ? '|' : ' ');
			unsigned start = 1 + (cols - 2 - (unsigned)n) / 2;
			if (!edge && y == rows / 2 && x >= start && x < start + n)
				ch = clean[x - start];
			if (img_buf_append(out, &ch, 1) < 0)
				return -1;
		}
		if (img_buf_append(out, "\n", 1) < 0)
			return -1;
	}
	return 0;
}
