/* The few EXIF facts a preview needs, read with libexif.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input is untrusted APP1 payload bytes ("Exif\0\0" + TIFF). libexif's
 * "fix to the specification" option is switched off so that missing tags
 * stay missing. Any thread. */
#ifndef CAPA_IMG_EXIF_H
#define CAPA_IMG_EXIF_H

#include <stdbool.h>
#include <stddef.h>

#define IMG_EXIF_MAX_THUMB (1u << 20) /* thumbnails above 1 MiB are ignored */

struct img_exif {
	int orientation;          /* 1..8; 1 when absent or out of range */
	bool adobe_rgb;           /* ColorSpace=0xFFFF and Interop index "R03" */
	unsigned char *thumb;     /* malloc'd copy of the IFD1 JPEG, or NULL */
	size_t thumb_len;
};

/* Parse APP1 payload `data`. Returns 0 (with defaults filled for what is
 * missing), or -1 when it is not EXIF at all (out still holds defaults). */
int img_exif_parse(const unsigned char *data, size_t len, struct img_exif *out);

/* Free out->thumb. */
void img_exif_free(struct img_exif *e);

#endif
