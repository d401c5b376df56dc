/* Palette choice for sixel: Wu's variance-minimising colour quantiser.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 32×32×32 histogram with cumulative moments (count, sums, sum of
 * squares) gives the exact squared error of any box of colours, so boxes
 * are split where the error drops most and the palette entries are the
 * exact means of their boxes (X. Wu, "Efficient statistical computations
 * for optimal color quantization", Graphics Gems II, 1991).  Each pixel
 * takes the entry of its box: the error is the one that was minimised.
 *
 * The palette stops growing once more colours would hardly show: at the
 * fewest entries whose mean squared error is within `slack` of what all
 * `max_colours` would give, or already below `good_mse` (each colour costs
 * sixel bytes and encoder time).
 * Pure, any thread; about 4 ms for a 640×480 preview. */
#ifndef CAPA_IMG_QUANT_H
#define CAPA_IMG_QUANT_H

#include <stddef.h>

#define IMG_QUANT_MAX 256

struct img_quant {
	unsigned n;                               /* entries used, 1..max */
	unsigned char palette[IMG_QUANT_MAX * 3]; /* RGB888 */
	double mse;                               /* mean squared error a channel */
};

/* Choose at most max_colours (1..256) entries for npix RGB888 pixels and
 * write each pixel's entry to idx (npix bytes).  Stop at the fewest entries
 * whose mean squared error (per channel) is at most slack (≥ 1) × that of
 * max_colours entries, or at most good_mse (0: never).  Returns 0, or -1
 * when out of memory or given no pixels. */
int img_quantize(const unsigned char *rgb, size_t npix, unsigned max_colours,
		 double slack, double good_mse, struct img_quant *q, unsigned char *idx);

#endif
