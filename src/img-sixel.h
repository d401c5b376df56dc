/* Sixel encoding of an RGB preview with libsixel's encoder (never its loaders).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One palette per image (img-quant.c: Wu's quantiser, at most `colors`
 * registers, fewer when more would hardly show); libsixel writes the sixel
 * bytes from the palette indices.  libsixel keeps globals (its error
 * texts), so its calls are serialised by an internal mutex: any thread may
 * call.  The input is not modified. */
#ifndef CAPA_IMG_SIXEL_H
#define CAPA_IMG_SIXEL_H

#include <stddef.h>

/* A growable byte buffer; free `data` with free(). */
struct img_buf {
	unsigned char *data;
	size_t len, cap;
};

/* Append n bytes; -1 on allocation failure. */
int img_buf_append(struct img_buf *b, const void *p, size_t n);
void img_buf_free(struct img_buf *b);

/* Encode w×h RGB888 as one complete sixel sequence (DCS … ESC \) appended
 * to *out.  colors: 2..256.  Returns 0, or -1 with a reason in err. */
int img_sixel_encode(const unsigned char *rgb, unsigned w, unsigned h,
		     int colors, struct img_buf *out, char *err, size_t errlen);

#endif
