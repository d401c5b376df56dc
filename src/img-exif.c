/* The few EXIF facts a preview needs, read with libexif.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-exif.h"

#include <libexif/exif-data.h>
#include <stdlib.h>
#include <string.h>

/* A SHORT entry's first value, or -1 when missing or of another type. */
static int get_short(ExifData *ed, ExifIfd ifd, ExifTag tag)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[ifd], tag);

	if (!e || !e->data || e->components < 1)
		return -1;
	if (e->format == EXIF_FORMAT_SHORT && e->size >= 2)
		return exif_get_short(e->data, exif_data_get_byte_order(ed));
	return -1;
}

/* True when the Interoperability index reads "R03". */
static bool interop_r03(ExifData *ed)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_INTEROPERABILITY],
					      EXIF_TAG_INTEROPERABILITY_INDEX);

	return e && e->data && e->size >= 3 && memcmp(e->data, "R03", 3) == 0;
}

/* Parse APP1 payload `data`. */
int img_exif_parse(const unsigned char *data, size_t len, struct img_exif *out)
{
	memset(out, 0, sizeof *out);
	out->orientation = 1;
	if (len < 14 || memcmp(data, "Exif\0\0", 6) != 0 || len > 0xffff + 6)
		return -1;
	ExifData *ed = exif_data_new();
	if (!ed)
		return -1;
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, data, (unsigned int)len);

	int o = get_short(ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION);
	if (o >= 1 && o <= 8)
		out->orientation = o;
	out->adobe_rgb = get_short(ed, EXIF_IFD_EXIF, EXIF_TAG_COLOR_SPACE) == 0xffff &&
			 interop_r03(ed);
	if (ed->data && ed->size >= 4 && ed->size <= IMG_EXIF_MAX_THUMB &&
	    ed->data[0] == 0xff && ed->data[1] == 0xd8) {
		out->thumb = malloc(ed->size);
		if (out->thumb) {
			memcpy(out->thumb, ed->data, ed->size);
			out->thumb_len = ed->size;
		}
	}
	exif_data_unref(ed);
	return 0;
}

/* Free out->thumb. */
void img_exif_free(struct img_exif *e)
{
	free(e->thumb);
	e->thumb = NULL;
	e->thumb_len = 0;
}
