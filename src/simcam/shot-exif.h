/* The EXIF block (APP1 payload) of a synthetic shot, built with libexif.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SIMCAM_SHOT_EXIF_H
#define SIMCAM_SHOT_EXIF_H

#include <stddef.h>

#include "simcam/shot.h"

/* Largest APP1 payload a JPEG marker can carry. */
#define SHOT_APP1_MAX 65533u

/* Build "Exif\0\0" + TIFF for `p` (already validated), with `thumb` (a JPEG
 * of tlen bytes) as the IFD1 thumbnail.  Tags: IFD0 Make, Model,
 * Orientation, X/YResolution, ResolutionUnit, DateTime, YCbCrPositioning;
 * EXIF IFD ExposureTime, FNumber, ISOSpeedRatings (clamped to 65535),
 * ExifVersion 0230, DateTimeOriginal/Digitized, ExposureBiasValue,
 * FocalLength, ColorSpace (1 sRGB, 0xFFFF Adobe), PixelX/YDimension;
 * Interoperability IFD "R98" (sRGB) or "R03" (Adobe).  *out is malloc'd.
 * Returns 0, or -1 with errno set (EINVAL: result above SHOT_APP1_MAX). */
int shot_exif(const struct shot_params *p, const unsigned char *thumb, size_t tlen,
	      unsigned char **out, size_t *len);

/* Format `t` as EXIF local time "YYYY:MM:DD HH:MM:SS" into buf[20].
 * Returns 0, or -1 when the time cannot be represented. */
int shot_exif_time(time_t t, char buf[20]);

#endif
