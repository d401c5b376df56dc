/* Adobe RGB (1998) encoding of synthetic shots, with lcms2.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SIMCAM_SHOT_COLOUR_H
#define SIMCAM_SHOT_COLOUR_H

#include <stddef.h>

#include <lcms2.h>

/* A profile equivalent to Adobe RGB (1998): D65 white, primaries
 * R(0.64,0.33) G(0.21,0.71) B(0.15,0.06), gamma 563/256.  NULL on failure;
 * close with cmsCloseProfile. */
cmsHPROFILE shot_adobe_profile(void);

/* A transform from sRGB to Adobe RGB (1998), TYPE_RGB_8 both ways
 * (relative colorimetric).  NULL on failure; free with cmsDeleteTransform. */
cmsHTRANSFORM shot_adobe_transform(void);

/* The serialised ICC profile of shot_adobe_profile: *out malloc'd.
 * Returns 0, or -1 with errno set. */
int shot_adobe_icc(unsigned char **out, size_t *len);

#endif
