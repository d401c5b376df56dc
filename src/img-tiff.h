/* The preview JPEG inside a TIFF-based raw file (NEF, CR2, ARW, DNG).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bounded walk of the IFD tree (IFD0, its chain, SubIFDs): at most
 * IMG_TIFF_MAX_IFDS directories, each visited once, every offset checked
 * against the buffer. Among JPEGInterchangeFormat pairs and single-strip
 * JPEG-compressed images it picks the largest baseline/progressive JPEG.
 * Pure, any thread. */
#ifndef CAPA_IMG_TIFF_H
#define CAPA_IMG_TIFF_H

#include <stdbool.h>
#include <stddef.h>

#define IMG_TIFF_MAX_IFDS 32
#define IMG_TIFF_MAX_ENTRIES 1024

struct img_tiff_jpeg {
	size_t off, len;   /* the largest JPEG's bytes within the file */
	size_t small_off, small_len; /* the smallest one (a thumbnail; may be the same) */
	int orientation;   /* IFD0 Orientation 1..8, 0 when absent */
};

/* True when data starts with a TIFF header ("II*\0" or "MM\0*"). */
bool img_is_tiff(const unsigned char *data, size_t len);

/* True when the JPEG's first frame is DCT-based (SOF0/1/2), i.e. decodable. */
bool img_jpeg_is_dct(const unsigned char *data, size_t len);

/* Find the largest (and smallest) embedded JPEG. Returns 0, or -1 with a
 * reason in err. */
int img_tiff_find_jpeg(const unsigned char *data, size_t len,
		       struct img_tiff_jpeg *out, char *err, size_t errlen);

/* The same on an open file of `size` bytes, read with pread (no mapping, so
 * a file truncated meanwhile gives an error, not SIGBUS). */
int img_tiff_find_jpeg_fd(int fd, size_t size, struct img_tiff_jpeg *out,
			  char *err, size_t errlen);

#endif
