/* Embedded ICC profiles: reassembly from JPEG APP2 segments and validation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile may span up to 255 APP2 segments, each "ICC_PROFILE\0", a
 * 1-based sequence number and the count, then a chunk. Segments may arrive
 * in any order; a missing, duplicated or inconsistent one makes the whole
 * profile invalid (the image is then treated as sRGB). Any thread. */
#ifndef CAPA_IMG_ICC_H
#define CAPA_IMG_ICC_H

#include <stddef.h>

#define IMG_ICC_MAX (4u << 20) /* larger profiles are refused */

/* One APP2 segment payload (after the marker length). */
struct img_seg {
	const unsigned char *data;
	size_t len;
};

/* Reassemble the profile from the APP2 payloads in segs[0..n). Returns 1
 * with a malloc'd profile in *icc and *len, 0 when no segment is an ICC one, or
 * -1 with the reason in err when the segments are malformed. */
int img_icc_assemble(const struct img_seg *segs, size_t n, unsigned char **icc,
		     size_t *len, char *err, size_t errlen);

/* Check the profile's header and that lcms2 accepts it as an RGB input
 * profile. Returns 0, or -1 with the reason in err. */
int img_icc_validate(const unsigned char *icc, size_t len, char *err, size_t errlen);

#endif
