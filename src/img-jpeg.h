/* JPEG decoding with libjpeg-turbo: DCT scaling plus streaming resample.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open reads the header and notes where the first APP1 EXIF and the APP2
 * ICC_PROFILE payloads lie in the caller's buffer (no copies);
 * decode picks the smallest DCT scale (n/8) not below the target, streams
 * scanlines through the area resampler and never holds the full image.
 * libjpeg's own memory is capped (IMG_JPEG_MAX_MEM); libjpeg warnings
 * (truncation, corrupt data) are errors, and so is a progressive file with
 * more than IMG_JPEG_MAX_SCANS scans (each scan is a pass over every
 * coefficient: thousands of valid but tiny scans would take minutes).
 * A handle is used by one thread at a time; different handles may be used
 * by different threads at once. */
#ifndef CAPA_IMG_JPEG_H
#define CAPA_IMG_JPEG_H

#include <stddef.h>

#include "img-icc.h"

#define IMG_JPEG_MAX_MEM (192u << 20) /* progressive 24 MP 4:4:4 needs 144 MiB */
#define IMG_JPEG_MAX_SEGS 64  /* ICC_PROFILE APP2 segments kept */
#define IMG_JPEG_MAX_SCANS 256 /* encoders write ~10; TurboJPEG refuses > 500 */

struct img_jpeg;

/* Read the header of the JPEG in data[0..len) (kept by pointer until
 * close). Returns a handle, or NULL with a reason in err. */
struct img_jpeg *img_jpeg_open(const unsigned char *data, size_t len,
			       char *err, size_t errlen);

/* Stored size of the image. */
void img_jpeg_size(const struct img_jpeg *j, unsigned *w, unsigned *h);

/* The first APP1 "Exif" payload (pointing into the open's data), or NULL. */
const unsigned char *img_jpeg_exif(const struct img_jpeg *j, size_t *len);

/* The ICC_PROFILE APP2 payloads (at most IMG_JPEG_MAX_SEGS), in file order;
 * returns their number. */
size_t img_jpeg_app2(const struct img_jpeg *j, const struct img_seg **segs);

/* Decode into out (out_w×out_h RGB888). Returns 0, or -1 with a reason. */
int img_jpeg_decode(struct img_jpeg *j, unsigned out_w, unsigned out_h,
		    unsigned char *out, char *err, size_t errlen);

/* Free the handle (NULL is fine). */
void img_jpeg_close(struct img_jpeg *j);

#endif
