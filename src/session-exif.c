/* The EXIF summary of a saved file (libexif), for the journal and events.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <libexif/exif-data.h>
#include <libexif/exif-loader.h>
#include <libexif/exif-utils.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIF_READ_MAX (256 * 1024)

/* The entry for tag in any IFD, if it holds at least one value. */
static ExifEntry *entry(ExifData *ed, ExifTag tag)
{
	ExifEntry *e = exif_data_get_entry(ed, tag);
	if (!e || !e->data || e->components < 1 ||
	    e->size < exif_format_get_size(e->format))
		return NULL;
	return e;
}

/* A number from a RATIONAL/SHORT/LONG entry; 0 when absent. */
static double number(ExifData *ed, ExifTag tag)
{
	ExifEntry *e = entry(ed, tag);
	ExifByteOrder o = exif_data_get_byte_order(ed);

	if (!e)
		return 0;
	switch (e->format) {
	case EXIF_FORMAT_RATIONAL: {
		ExifRational r = exif_get_rational(e->data, o);
		return r.denominator ? (double)r.numerator / r.denominator : 0;
	}
	case EXIF_FORMAT_SRATIONAL: {
		ExifSRational r = exif_get_srational(e->data, o);
		return r.denominator ? (double)r.numerator / r.denominator : 0;
	}
	case EXIF_FORMAT_SHORT:
		return exif_get_short(e->data, o);
	case EXIF_FORMAT_LONG:
		return exif_get_long(e->data, o);
	default:
		return 0;
	}
}

/* A camera's number as an int: NaN and out-of-range values (a hostile
 * LONG of 0xFFFFFFFF, a rational of 1e30) would make the cast undefined. */
static int to_int(double d)
{
	return d >= 0 && d <= 1e9 ? (int)d : 0;
}

/* Width and height from the first JPEG SOF marker in buf. */
static void jpeg_size(const unsigned char *b, size_t n, struct capa_exif *x)
{
	size_t i = 2;

	if (n < 4 || b[0] != 0xFF || b[1] != 0xD8)
		return;
	while (i + 9 < n) {
		if (b[i] != 0xFF) {
			i++;
			continue;
		}
		unsigned m = b[i + 1];
		size_t len = (size_t)b[i + 2] << 8 | b[i + 3];
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			x->height = b[i + 5] << 8 | b[i + 6];
			x->width = b[i + 7] << 8 | b[i + 8];
			return;
		}
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == 0xFF) {
			i += m == 0xFF ? 1 : 2;
			continue;
		}
		i += 2 + len;
	}
}

void session_exif_fd(int fd, struct capa_exif *x)
{
	unsigned char *buf = malloc(EXIF_READ_MAX); /* any thread */
	ExifLoader *l;
	ExifData *ed;
	ssize_t n = buf ? pread(fd, buf, EXIF_READ_MAX, 0) : -1;

	memset(x, 0, sizeof(*x));
	l = n > 0 ? exif_loader_new() : NULL;
	if (!l) {
		free(buf);
		return;
	}
	exif_loader_write(l, buf, (unsigned)n);
	ed = exif_loader_get_data(l);
	exif_loader_unref(l);
	if (ed) {
		ExifEntry *e;
		x->exposure_s = number(ed, EXIF_TAG_EXPOSURE_TIME);
		x->fnumber = number(ed, EXIF_TAG_FNUMBER);
		x->iso = to_int(number(ed, EXIF_TAG_ISO_SPEED_RATINGS));
		x->focal_mm = number(ed, EXIF_TAG_FOCAL_LENGTH);
		x->width = to_int(number(ed, EXIF_TAG_PIXEL_X_DIMENSION));
		x->height = to_int(number(ed, EXIF_TAG_PIXEL_Y_DIMENSION));
		e = entry(ed, EXIF_TAG_LENS_MODEL);
		if (e && e->format == EXIF_FORMAT_ASCII) {
			size_t k = e->size < sizeof(x->lens) - 1 ? e->size : sizeof(x->lens) - 1;
			memcpy(x->lens, e->data, k);
			x->lens[k] = '\0';
		}
		exif_data_unref(ed);
	}
	if (!x->width || !x->height)
		jpeg_size(buf, (size_t)n, x);
	free(buf);
}
