/* Colour management of previews with lcms2, with a cache of transforms.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Source: an embedded ICC profile, Adobe RGB (1998) built from its
 * primaries, or sRGB. Destination: sRGB or a display profile file.
 * Transforms are created with cmsFLAGS_NOCACHE so one transform may be used
 * by several threads; the cache itself is locked. */
#ifndef CAPA_IMG_COLOUR_H
#define CAPA_IMG_COLOUR_H

#include <stddef.h>

#include "img-preview.h"

/* Convert n RGB888 pixels in place from the source space to the display.
 * icc/icc_len are used only for IMG_SRC_ICC and must be valid (see
 * img_icc_validate). Returns 0, or -1 with a reason in err. */
int img_colour_apply(unsigned char *rgb, size_t n, enum img_colour_source src,
		     const unsigned char *icc, size_t icc_len,
		     const char *display_profile, enum img_intent intent,
		     char *err, size_t errlen);

/* A new lcms2 profile for Adobe RGB (1998): D65 white, primaries
 * (0.64,0.33) (0.21,0.71) (0.15,0.06), gamma 563/256. Caller closes it. */
void *img_adobe_rgb_profile(void);

/* Number of transforms created so far (for tests of the cache). */
unsigned img_colour_transforms_created(void);

/* Drop every cached transform. */
void img_colour_cache_clear(void);

#endif
