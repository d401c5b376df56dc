/* Synthetic photographs for capa-simcam: JPEG with EXIF, raw-like companions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions of their parameters (plus `seq`, which varies the scene):
 * no globals, safe to call from any one thread at a time. Buffers returned
 * are malloc'd and owned by the caller. */
#ifndef SIMCAM_SHOT_H
#define SIMCAM_SHOT_H

#include <stddef.h>
#include <time.h>

enum shot_colour {
	SHOT_SRGB,        /* plain sRGB JPEG, EXIF ColorSpace = 1, Interop "R98" */
	SHOT_ADOBE_EXIF,  /* Adobe RGB data tagged EXIF ColorSpace = 0xFFFF + Interop "R03" */
	SHOT_ADOBE_ICC,   /* the same Adobe RGB data and tags, plus an embedded ICC
			   * profile (APP2 ICC_PROFILE; lcms2-built, Adobe RGB (1998)
			   * primaries, D65, gamma 563/256) */
};

struct shot_params {
	unsigned width, height;   /* pixels, 16..8192 each */
	unsigned seq;             /* shot number: different scene for every value */
	double exposure_s;        /* ExposureTime, e.g. 0.008 for 1/125; (0, 3600] */
	double fnumber;           /* FNumber, e.g. 5.6; 0.5..256 */
	unsigned iso;             /* ISOSpeedRatings 1..1000000 (tag clamps at 65535) */
	double focal_mm;          /* FocalLength, mm; (0, 10000] */
	double bias_ev;           /* ExposureBiasValue, EV; -20..20 */
	time_t when;              /* DateTimeOriginal and DateTime (local time) */
	int orientation;          /* EXIF Orientation 1..8 */
	enum shot_colour colour;
	const char *make, *model; /* EXIF Make / Model: printable ASCII, < 255 bytes */
	int quality;              /* JPEG quality 1..100 (0: 90) */
};

/* Is every field of `p` within its documented range (and make/model
 * printable ASCII of at most 254 bytes, `when` representable in EXIF)? */
int shot_params_valid(const struct shot_params *p);

/* Encode a synthetic, photo-like scene as a JPEG carrying EXIF (with the
 * settings above and a JPEG thumbnail in IFD1).  Markers, like a camera's:
 * SOI, APP1 Exif, [APP2 ICC_PROFILE], no JFIF.  The thumbnail keeps the
 * aspect ratio within 160×120 (e.g. 160×106 for 3:2).  The scene has a sky
 * with sun and clouds, hills, trees, a house, a fence and six saturated
 * colour patches (R, G, B, C, M, Y; sRGB green is (20,200,40)) at the
 * bottom right; grain grows with the ISO.  Pixels are not rotated: only the
 * Orientation tag says how to show them.  About 0.6 s at 6000×4000.
 * Returns 0, or -1 with errno set (EINVAL for bad parameters, ENOMEM). */
int shot_jpeg(const struct shot_params *p, unsigned char **out, size_t *len);

/* Wrap `jpeg` as a raw-like TIFF container (little-endian TIFF, IFD0 holding
 * Make/Model and the JPEG as its preview via JPEGInterchangeFormat, plus some
 * fake sensor data) of the kind NEF/CR2/ARW/DNG previews are read from.
 * The byte-exact layout is documented at the top of shot-raw.c.  The JPEG
 * is copied unchanged (it need not be valid: 1 byte .. 1 GiB).
 * Returns 0, or -1 with errno set. */
int shot_raw(const struct shot_params *p, const unsigned char *jpeg, size_t jlen,
	     unsigned char **out, size_t *len);

/* The file extension shot_raw's container should carry, e.g. "NEF". */
const char *shot_raw_extension(void);

#endif
