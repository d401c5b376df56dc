/* Clipped pixels: the mask of blown highlights and crushed shadows, its
 * marking on a picture, and the fixed scale the clipping figures use.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pixel is clipped in the highlights when any channel is 255, in the
 * shadows when every channel is 0 (as img_histogram counts them).  The
 * figures are measured on the file's own values decoded to IMG_MEASURE_SIDE
 * pixels on the longest side, so they do not change with the window.
 * Curses-free; any thread. */
#ifndef CAPA_IMG_CLIP_H
#define CAPA_IMG_CLIP_H

#include <stddef.h>

#include "img-preview.h"

enum { IMG_CLIP_NONE = 0, IMG_CLIP_HIGH = 1, IMG_CLIP_LOW = 2 };

#define IMG_MEASURE_SIDE 1024u /* longest side of the decode that is measured */

/* The marks: highlights red, shadows blue (as darktable and Lightroom). */
#define IMG_CLIP_HIGH_RGB 255, 0, 0
#define IMG_CLIP_LOW_RGB 0, 0, 255

/* A malloc'd mask of n IMG_CLIP_* bytes for n RGB888 pixels; NULL when out
 * of memory. */
unsigned char *img_clip_mask(const unsigned char *rgb, size_t n);

/* Paint the marks of `mask` over n RGB888 pixels. */
void img_clip_paint(unsigned char *rgb, const unsigned char *mask, size_t n);

/* Options for the measuring decode: the file's own values, at most
 * IMG_MEASURE_SIDE pixels on the longest side, never upscaled. */
void img_opts_measure(struct img_opts *o);

#endif
