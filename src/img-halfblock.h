/* Half-block and text fallbacks for terminals without sixel.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell shows two vertically stacked pixels with U+2580 '▀': the
 * foreground is the top pixel, the background the bottom one. The UI draws
 * cells with ncurses in xterm-256 colours (the indices given here), or, when
 * COLORTERM says 24-bit, writes img_halfblock_ansi_row's escape sequences
 * itself after doupdate; img_halfblock_ansi writes them for `capa --render`. Pure functions, any thread. */
#ifndef CAPA_IMG_HALFBLOCK_H
#define CAPA_IMG_HALFBLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "img-sixel.h"

struct img_cell {
	uint8_t fg[3], bg[3];  /* RGB of the top / bottom pixel */
	uint8_t fg256, bg256;  /* nearest xterm-256 colour (16..255) */
};

enum img_colour_mode {
	IMG_COLOUR_TRUE,   /* 24-bit SGR 38;2 / 48;2 */
	IMG_COLOUR_256,    /* SGR 38;5 / 48;5 */
};

/* Nearest xterm-256 colour (6×6×6 cube or grey ramp) of an RGB triple. */
uint8_t img_rgb_to_256(uint8_t r, uint8_t g, uint8_t b);

/* Turn w×h RGB888 into w columns × ceil(h/2) rows of cells (row-major,
 * malloc'd, caller frees). An odd last row gets a black bottom. NULL on
 * allocation failure or an empty image. */
struct img_cell *img_halfblock(const unsigned char *rgb, unsigned w, unsigned h);

/* Append one row of cells (the first `cols`), no reset, no newline. */
int img_halfblock_ansi_row(const struct img_cell *row, unsigned cols, enum img_colour_mode mode,
			   struct img_buf *out);

/* Append the cells as text lines (each ends with SGR 0 and '\n'). */
int img_halfblock_ansi(const struct img_cell *cells, unsigned cols, unsigned rows,
		       enum img_colour_mode mode, struct img_buf *out);

/* Append a cols×rows text placeholder (a frame with `label` centred,
 * control bytes stripped) for terminals with no graphics at all. */
int img_text_placeholder(unsigned cols, unsigned rows, const char *label,
			 struct img_buf *out);

#endif
