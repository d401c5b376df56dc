/* TEMPORARY stand-in for shot.c (being written on branch `shot`): a plain
 * gradient JPEG with a minimal EXIF block and thumbnail. Deleted when shot.c lands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/shot.h"

#include <errno.h>
#include <stdio.h>
#include <jpeglib.h>
#include <libexif/exif-data.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Encode a w×h gradient as JPEG (no EXIF). */
static int encode(unsigned w, unsigned h, unsigned seq, int q, unsigned char **out,
		  unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	*out = NULL;
	*len = 0;
	jpeg_mem_dest(&c, out, len);
	c.image_width = w;
	c.image_height = h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, q, TRUE);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = malloc((size_t)w * 3);
	if (!row)
		return -1;
	while (c.next_scanline < h) {
		for (unsigned x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(x * 255 / w + seq * 40);
			row[3 * x + 1] = (unsigned char)(c.next_scanline * 255 / h);
			row[3 * x + 2] = (unsigned char)((x ^ c.next_scanline) + seq);
		}
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return 0;
}

/* Add one EXIF entry with the given value setter. */
static ExifEntry *entry(ExifData *ed, ExifIfd ifd, ExifTag tag)
{
	ExifEntry *e = exif_entry_new();
	exif_content_add_entry(ed->ifd[ifd], e);
	exif_entry_initialize(e, tag);
	exif_entry_unref(e);
	return e;
}

int shot_jpeg(const struct shot_params *p, unsigned char **out, size_t *len)
{
	unsigned char *main_jpg, *thumb;
	unsigned long mlen, tlen;
	if (!p || p->width < 16 || p->height < 16 || p->width > 8192 || p->height > 8192)
		return errno = EINVAL, -1;
	if (encode(p->width, p->height, p->seq, p->quality ? p->quality : 90, &main_jpg, &mlen) < 0 ||
	    encode(160, 120, p->seq, 75, &thumb, &tlen) < 0)
		return errno = ENOMEM, -1;
	ExifData *ed = exif_data_new();
	exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
	ExifEntry *e = entry(ed, EXIF_IFD_EXIF, EXIF_TAG_ISO_SPEED_RATINGS);
	exif_set_short(e->data, EXIF_BYTE_ORDER_INTEL, (ExifShort)p->iso);
	e = entry(ed, EXIF_IFD_EXIF, EXIF_TAG_FNUMBER);
	exif_set_rational(e->data, EXIF_BYTE_ORDER_INTEL,
			  (ExifRational){ (ExifLong)(p->fnumber * 10 + 0.5), 10 });
	ed->data = thumb;
	ed->size = (unsigned)tlen;
	unsigned char *ex;
	unsigned int exlen;
	exif_data_save_data(ed, &ex, &exlen);
	ed->data = NULL;
	ed->size = 0;
	exif_data_unref(ed);
	free(thumb);
	*len = mlen + 4 + exlen;
	*out = malloc(*len);
	if (!*out) {
		free(ex);
		free(main_jpg);
		return errno = ENOMEM, -1;
	}
	unsigned char *o = *out;
	memcpy(o, main_jpg, 2);
	o[2] = 0xff;
	o[3] = 0xe1;
	o[4] = (unsigned char)((exlen + 2) >> 8);
	o[5] = (unsigned char)(exlen + 2);
	memcpy(o + 6, ex, exlen);
	memcpy(o + 6 + exlen, main_jpg + 2, mlen - 2);
	*len = 6 + exlen + mlen - 2;
	free(ex);
	free(main_jpg);
	return 0;
}

int shot_raw(const struct shot_params *p, const unsigned char *jpeg, size_t jlen,
	     unsigned char **out, size_t *len)
{
	(void)p;
	*len = 8 + jlen;
	if (!(*out = malloc(*len)))
		return errno = ENOMEM, -1;
	memcpy(*out, "II*\0\0\0\0\0", 8);
	memcpy(*out + 8, jpeg, jlen);
	return 0;
}

const char *shot_raw_extension(void) { return "NEF"; }
