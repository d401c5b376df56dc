/* The EXIF block (APP1 payload) of a synthetic shot, built with libexif.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/shot-exif.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libexif/exif-data.h>

#define ORDER EXIF_BYTE_ORDER_INTEL

/* Format `t` as EXIF local time. */
int shot_exif_time(time_t t, char buf[20])
{
	struct tm tm;

	if (!localtime_r(&t, &tm) || tm.tm_year < 1 - 1900 || tm.tm_year > 9999 - 1900)
		return -1;
	/* %Y has no padding below 1000; EXIF wants exactly 19 characters. */
	return strftime(buf, 20, "%Y:%m:%d %H:%M:%S", &tm) == 19 ? 0 : -1;
}

/* Greatest common divisor. */
static unsigned long gcd(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* A rational close to v >= 0: 1/N for short exposures, else v*den reduced. */
static ExifRational rational(double v, unsigned long den)
{
	ExifRational r;

	if (v > 0 && v < 1 && fabs(1 / v - round(1 / v)) < 1e-3 * (1 / v)) {
		r.numerator = 1;
		r.denominator = (ExifLong)round(1 / v);
		return r;
	}
	unsigned long n = (unsigned long)llround(v * (double)den);
	unsigned long g = gcd(n, den);
	if (g == 0)
		g = 1;
	r.numerator = (ExifLong)(n / g);
	r.denominator = (ExifLong)(den / g);
	return r;
}

/* Add a zeroed entry of `n` components of `fmt` to `ifd`; NULL on ENOMEM. */
static ExifEntry *add(ExifData *ed, ExifMem *mem, ExifIfd ifd, ExifTag tag,
		      ExifFormat fmt, unsigned n)
{
	ExifEntry *e = exif_entry_new_mem(mem);
	size_t size = exif_format_get_size(fmt) * n;

	if (!e)
		return NULL;
	e->data = exif_mem_alloc(mem, (ExifLong)size);
	if (!e->data) {
		exif_entry_unref(e);
		return NULL;
	}
	e->size = (unsigned)size;
	e->tag = tag;
	e->format = fmt;
	e->components = n;
	exif_content_add_entry(ed->ifd[ifd], e);
	exif_entry_unref(e); /* the IFD holds the reference */
	return e;
}

/* Add an ASCII entry holding `s` (NUL included). */
static int add_ascii(ExifData *ed, ExifMem *mem, ExifIfd ifd, ExifTag tag,
		     const char *s)
{
	size_t n = strlen(s) + 1;
	ExifEntry *e = add(ed, mem, ifd, tag, EXIF_FORMAT_ASCII, (unsigned)n);

	if (!e)
		return -1;
	memcpy(e->data, s, n);
	return 0;
}

/* Add an UNDEFINED entry holding the n bytes of `s`. */
static int add_undef(ExifData *ed, ExifMem *mem, ExifIfd ifd, ExifTag tag,
		     const char *s, unsigned n)
{
	ExifEntry *e = add(ed, mem, ifd, tag, EXIF_FORMAT_UNDEFINED, n);

	if (!e)
		return -1;
	memcpy(e->data, s, n);
	return 0;
}

/* Add a SHORT entry. */
static int add_short(ExifData *ed, ExifMem *mem, ExifIfd ifd, ExifTag tag,
		     unsigned v)
{
	ExifEntry *e = add(ed, mem, ifd, tag, EXIF_FORMAT_SHORT, 1);

	if (!e)
		return -1;
	exif_set_short(e->data, ORDER, (ExifShort)v);
	return 0;
}

/* Add a LONG entry. */
static int add_long(ExifData *ed, ExifMem *mem, ExifIfd ifd, ExifTag tag,
		    unsigned long v)
{
	ExifEntry *e = add(ed, mem, ifd, tag, EXIF_FORMAT_LONG, 1);

	if (!e)
		return -1;
	exif_set_long(e->data, ORDER, (ExifLong)v);
	return 0;
}

/* Add a RATIONAL entry. */
static int add_rational(ExifData *ed, ExifMem *mem, ExifIfd ifd, ExifTag tag,
			ExifRational r)
{
	ExifEntry *e = add(ed, mem, ifd, tag, EXIF_FORMAT_RATIONAL, 1);

	if (!e)
		return -1;
	exif_set_rational(e->data, ORDER, r);
	return 0;
}

/* Add the SRATIONAL exposure bias: in sixths of a stop when it is one (as
 * cameras write 1/3 and 1/2 stops), else in 1/100 EV; reduced. */
static int add_bias(ExifData *ed, ExifMem *mem, double ev)
{
	ExifEntry *e = add(ed, mem, EXIF_IFD_EXIF, EXIF_TAG_EXPOSURE_BIAS_VALUE,
			   EXIF_FORMAT_SRATIONAL, 1);
	long den = fabs(ev * 6 - round(ev * 6)) < 0.02 ? 6 : 100;
	long n = lround(ev * (double)den);
	unsigned long g = gcd((unsigned long)labs(n), (unsigned long)den);
	ExifSRational r;

	if (!e)
		return -1;
	if (g == 0)
		g = 1;
	r.numerator = (ExifSLong)(n / (long)g);
	r.denominator = (ExifSLong)(den / (long)g);
	exif_set_srational(e->data, ORDER, r);
	return 0;
}

/* IFD0 and IFD1 (thumbnail) tags. */
static int fill_ifd0(ExifData *ed, ExifMem *mem, const struct shot_params *p,
		     const char *when)
{
	ExifRational dpi = { 72, 1 };
	int r = 0;

	r |= add_ascii(ed, mem, EXIF_IFD_0, EXIF_TAG_MAKE, p->make);
	r |= add_ascii(ed, mem, EXIF_IFD_0, EXIF_TAG_MODEL, p->model);
	r |= add_short(ed, mem, EXIF_IFD_0, EXIF_TAG_ORIENTATION, (unsigned)p->orientation);
	r |= add_rational(ed, mem, EXIF_IFD_0, EXIF_TAG_X_RESOLUTION, dpi);
	r |= add_rational(ed, mem, EXIF_IFD_0, EXIF_TAG_Y_RESOLUTION, dpi);
	r |= add_short(ed, mem, EXIF_IFD_0, EXIF_TAG_RESOLUTION_UNIT, 2);
	r |= add_ascii(ed, mem, EXIF_IFD_0, EXIF_TAG_SOFTWARE, "capa-simcam");
	r |= add_ascii(ed, mem, EXIF_IFD_0, EXIF_TAG_DATE_TIME, when);
	r |= add_short(ed, mem, EXIF_IFD_0, EXIF_TAG_YCBCR_POSITIONING, 1);
	r |= add_short(ed, mem, EXIF_IFD_1, EXIF_TAG_COMPRESSION, 6);
	r |= add_rational(ed, mem, EXIF_IFD_1, EXIF_TAG_X_RESOLUTION, dpi);
	r |= add_rational(ed, mem, EXIF_IFD_1, EXIF_TAG_Y_RESOLUTION, dpi);
	r |= add_short(ed, mem, EXIF_IFD_1, EXIF_TAG_RESOLUTION_UNIT, 2);
	return r ? -1 : 0;
}

/* EXIF and Interoperability IFD tags. */
static int fill_exif(ExifData *ed, ExifMem *mem, const struct shot_params *p,
		     const char *when)
{
	int adobe = p->colour != SHOT_SRGB, r = 0;
	ExifIfd x = EXIF_IFD_EXIF;

	r |= add_rational(ed, mem, x, EXIF_TAG_EXPOSURE_TIME, rational(p->exposure_s, 100000));
	r |= add_rational(ed, mem, x, EXIF_TAG_FNUMBER, rational(p->fnumber, 100));
	r |= add_short(ed, mem, x, EXIF_TAG_EXPOSURE_PROGRAM, 1);
	r |= add_short(ed, mem, x, EXIF_TAG_ISO_SPEED_RATINGS, p->iso > 65535 ? 65535 : p->iso);
	r |= add_undef(ed, mem, x, EXIF_TAG_EXIF_VERSION, "0230", 4);
	r |= add_ascii(ed, mem, x, EXIF_TAG_DATE_TIME_ORIGINAL, when);
	r |= add_ascii(ed, mem, x, EXIF_TAG_DATE_TIME_DIGITIZED, when);
	r |= add_undef(ed, mem, x, EXIF_TAG_COMPONENTS_CONFIGURATION, "\1\2\3\0", 4);
	r |= add_bias(ed, mem, p->bias_ev);
	r |= add_rational(ed, mem, x, EXIF_TAG_FOCAL_LENGTH, rational(p->focal_mm, 100));
	r |= add_undef(ed, mem, x, EXIF_TAG_FLASH_PIX_VERSION, "0100", 4);
	r |= add_short(ed, mem, x, EXIF_TAG_COLOR_SPACE, adobe ? 0xFFFF : 1);
	r |= add_long(ed, mem, x, EXIF_TAG_PIXEL_X_DIMENSION, p->width);
	r |= add_long(ed, mem, x, EXIF_TAG_PIXEL_Y_DIMENSION, p->height);
	r |= add_ascii(ed, mem, EXIF_IFD_INTEROPERABILITY, EXIF_TAG_INTEROPERABILITY_INDEX,
		       adobe ? "R03" : "R98");
	r |= add_undef(ed, mem, EXIF_IFD_INTEROPERABILITY,
		       EXIF_TAG_INTEROPERABILITY_VERSION, "0100", 4);
	return r ? -1 : 0;
}

/* Build the APP1 payload for `p` with thumbnail `thumb`. */
int shot_exif(const struct shot_params *p, const unsigned char *thumb, size_t tlen,
	      unsigned char **out, size_t *len)
{
	char when[20];
	ExifMem *mem;
	ExifData *ed;
	unsigned char *buf = NULL;
	unsigned int size = 0;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (shot_exif_time(p->when, when) < 0 || tlen > SHOT_APP1_MAX) {
		errno = EINVAL;
		return -1;
	}
	mem = exif_mem_new_default();
	ed = mem ? exif_data_new_mem(mem) : NULL;
	if (!ed)
		goto out;
	exif_data_set_byte_order(ed, ORDER);
	exif_data_set_data_type(ed, EXIF_DATA_TYPE_COMPRESSED);
	if (fill_ifd0(ed, mem, p, when) < 0 || fill_exif(ed, mem, p, when) < 0)
		goto out;
	ed->data = exif_mem_alloc(mem, (ExifLong)tlen);
	if (!ed->data)
		goto out;
	memcpy(ed->data, thumb, tlen);
	ed->size = (unsigned)tlen;
	exif_data_save_data(ed, &buf, &size);
	if (!buf)
		goto out;
	if (size > SHOT_APP1_MAX) {
		free(buf);
		errno = EINVAL;
		goto done;
	}
	*out = buf; /* the default ExifMem allocates with malloc */
	*len = size;
	rc = 0;
	goto done;
out:
	errno = ENOMEM;
done:
	if (ed)
		exif_data_unref(ed);
	if (mem)
		exif_mem_unref(mem);
	return rc;
}
