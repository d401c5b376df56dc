/* Streaming area resampling and EXIF orientation of RGB888 pixels.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resampler takes source rows one at a time, top to bottom, and keeps
 * only one accumulator row besides the output, so memory is bounded by the
 * output size whatever the source size. Box (area) weights: 16-bit fixed
 * point across, float down; downscaling averages, upscaling replicates.
 * Pure, any thread. */
#ifndef CAPA_IMG_RESAMPLE_H
#define CAPA_IMG_RESAMPLE_H

#include <stdint.h>

struct img_resampler {
	unsigned in_w, in_h, out_w, out_h;
	unsigned taps;          /* max source pixels per output column */
	uint32_t *first;        /* out_w: first source column */
	uint32_t *weight;       /* out_w × taps: overlap / in_w in 1/65536 (0 ends) */
	float *hrow;            /* out_w × 3: current row, horizontally resampled */
	float *acc;             /* out_w × 3: vertical accumulator */
	unsigned in_y, out_y;   /* next source row, next output row */
	unsigned char *out;     /* out_w × out_h × 3, owned by the caller */
};

/* Prepare to resample in_w×in_h into out (out_w×out_h RGB888, caller's).
 * Returns 0, or -1 on allocation failure or zero sizes. */
int img_resampler_init(struct img_resampler *r, unsigned in_w, unsigned in_h,
		       unsigned out_w, unsigned out_h, unsigned char *out);

/* Feed the next source row (in_w RGB888 pixels). */
void img_resampler_push(struct img_resampler *r, const unsigned char *row);

/* Free the tables (not the output). */
void img_resampler_free(struct img_resampler *r);

/* Map upright (x,y) of an image stored w×h with EXIF orientation o (1..8) to
 * its stored coordinates. */
void img_orient_map(int o, unsigned w, unsigned h, unsigned x, unsigned y,
		    unsigned *sx, unsigned *sy);

/* Apply orientation o to w×h RGB888: returns a new malloc'd buffer with the
 * upright image (size *ow×*oh), or NULL on allocation failure. */
unsigned char *img_orient(const unsigned char *rgb, unsigned w, unsigned h, int o,
			  unsigned *ow, unsigned *oh);

/* Fit src_w×src_h inside box_w×box_h keeping the aspect ratio (at least
 * 1×1); never larger than the source unless `upscale`. */
void img_fit_box(unsigned src_w, unsigned src_h, unsigned box_w, unsigned box_h,
		 int upscale, unsigned *w, unsigned *h);

#endif
