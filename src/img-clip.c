/* Clipped pixels: the mask, its marking, the measuring decode's options.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-clip.h"

#include <stdlib.h>

/* The mask of n RGB888 pixels. */
unsigned char *img_clip_mask(const unsigned char *rgb, size_t n)
{
	unsigned char *m = malloc(n ? n : 1);

	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++, rgb += 3) {
		unsigned r = rgb[0], g = rgb[1], b = rgb[2];
		m[i] = r == 255 || g == 255 || b == 255 ? IMG_CLIP_HIGH
		     : (r | g | b) == 0 ? IMG_CLIP_LOW : IMG_CLIP_NONE;
	}
	return m;
}

/* Paint the marks over the pixels. */
void img_clip_paint(unsigned char *rgb, const unsigned char *mask, size_t n)
{
	static const unsigned char high[3] = { IMG_CLIP_HIGH_RGB }, low[3] = { IMG_CLIP_LOW_RGB };

	for (size_t i = 0; i < n; i++, rgb += 3) {
		const unsigned char *c = mask[i] == IMG_CLIP_HIGH ? high
				       : mask[i] == IMG_CLIP_LOW ? low : NULL;
		if (c)
			rgb[0] = c[0], rgb[1] = c[1], rgb[2] = c[2];
	}
}

/* Options for the measuring decode. */
void img_opts_measure(struct img_opts *o)
{
	img_opts_default(o);
	o->box_w = o->box_h = IMG_MEASURE_SIDE;
	o->upscale = false;
	o->source_values = true;
}
