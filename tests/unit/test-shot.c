/* Unit tests for capa-simcam's synthetic shots: pixels, EXIF, thumbnail.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libexif/exif-data.h>

#include "shot-test.h"

/* Make a shot of `p`, failing the test if that fails. */
static unsigned char *make(const struct shot_params *p, size_t *len)
{
	unsigned char *jpeg = NULL;

	assert_int_equal(shot_jpeg(p, &jpeg, len), 0);
	assert_non_null(jpeg);
	assert_true(*len > 1000);
	return jpeg;
}

/* Standard deviation of the luma of a decoded image. */
static double luma_sd(const struct decoded *d)
{
	double s = 0, s2 = 0, n = (double)d->width * d->height;

	for (size_t i = 0; i < (size_t)d->width * d->height; i++) {
		const unsigned char *px = d->rgb + 3 * i;
		double y = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2];
		s += y;
		s2 += y * y;
	}
	return sqrt(s2 / n - (s / n) * (s / n));
}

/* The JPEG decodes at the requested size and is far from flat. */
static void test_decodes_not_flat(void **state)
{
	struct shot_params p = test_params();
	struct decoded d;
	size_t len;
	unsigned char *jpeg;

	(void)state;
	p.width = 643;  /* odd sizes exercise the half-width path */
	p.height = 401;
	jpeg = make(&p, &len);
	assert_int_equal(decode(jpeg, len, 0, &d), 0);
	assert_int_equal(d.width, 643);
	assert_int_equal(d.height, 401);
	assert_int_equal(d.comps, 3);
	assert_true(d.app1_first);
	assert_int_equal(d.icc_segments, 0);
	assert_true(luma_sd(&d) > 25.0);
	/* Fine detail: neighbouring pixels differ (grain, edges). */
	unsigned diff = 0;
	for (size_t i = 3; i < (size_t)d.width * d.height * 3; i += 3)
		diff += d.rgb[i] != d.rgb[i - 3];
	assert_true(diff > d.width * d.height / 4);
	decoded_free(&d);
	free(jpeg);
}

/* Different seqs give different pictures; the same seq the same bytes. */
static void test_seq_varies(void **state)
{
	struct shot_params p = test_params();
	struct decoded a, b;
	size_t la, lb, lc;
	unsigned char *ja, *jb, *jc;
	double mad = 0;

	(void)state;
	ja = make(&p, &la);
	jc = make(&p, &lc);
	assert_int_equal(la, lc);
	assert_memory_equal(ja, jc, la);
	p.seq = 2;
	jb = make(&p, &lb);
	assert_int_equal(decode(ja, la, 0, &a), 0);
	assert_int_equal(decode(jb, lb, 0, &b), 0);
	for (size_t i = 0; i < (size_t)a.width * a.height * 3; i++)
		mad += abs(a.rgb[i] - b.rgb[i]);
	mad /= (double)a.width * a.height * 3;
	assert_true(mad > 10.0);
	decoded_free(&a);
	decoded_free(&b);
	free(ja);
	free(jb);
	free(jc);
}

/* The rational value of tag `t` in `ifd`. */
static double get_rational(ExifData *ed, ExifIfd ifd, ExifTag t)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[ifd], t);
	ExifRational r;

	assert_non_null(e);
	assert_int_equal(e->format, EXIF_FORMAT_RATIONAL);
	r = exif_get_rational(e->data, exif_data_get_byte_order(ed));
	assert_int_not_equal(r.denominator, 0);
	return (double)r.numerator / r.denominator;
}

/* The SHORT value of tag `t` in `ifd`. */
static unsigned get_short(ExifData *ed, ExifIfd ifd, ExifTag t)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[ifd], t);

	assert_non_null(e);
	assert_int_equal(e->format, EXIF_FORMAT_SHORT);
	return exif_get_short(e->data, exif_data_get_byte_order(ed));
}

/* The LONG (or SHORT) value of tag `t` in `ifd`. */
static unsigned long get_long(ExifData *ed, ExifIfd ifd, ExifTag t)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[ifd], t);

	assert_non_null(e);
	if (e->format == EXIF_FORMAT_SHORT)
		return exif_get_short(e->data, exif_data_get_byte_order(ed));
	assert_int_equal(e->format, EXIF_FORMAT_LONG);
	return exif_get_long(e->data, exif_data_get_byte_order(ed));
}

/* Assert that ASCII tag `t` in `ifd` reads `want`. */
static void assert_ascii(ExifData *ed, ExifIfd ifd, ExifTag t, const char *want)
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[ifd], t);

	assert_non_null(e);
	assert_int_equal(e->format, EXIF_FORMAT_ASCII);
	assert_int_equal(e->size, strlen(want) + 1);
	assert_memory_equal(e->data, want, e->size);
}

/* Standard deviation of green inside the centre of the green patch. */
static double patch_noise(const struct shot_params *p)
{
	struct shot_scene sc;
	struct decoded d;
	unsigned x0, y0, x1, y1;
	double s = 0, s2 = 0, n = 0;
	size_t len;
	unsigned char *jpeg = make(p, &len);

	assert_int_equal(decode(jpeg, len, 0, &d), 0);
	assert_int_equal(shot_scene_init(&sc, p->seq, p->width, p->height, 0), 0);
	shot_scene_patch_rect(&sc, SHOT_SCENE_PATCH_GREEN, &x0, &y0, &x1, &y1);
	shot_scene_free(&sc);
	for (unsigned y = y0 + 4; y < y1 - 4; y++)
		for (unsigned x = x0 + 4; x < x1 - 4; x++) {
			double v = d.rgb[((size_t)y * d.width + x) * 3 + 1];
			s += v;
			s2 += v * v;
			n++;
		}
	decoded_free(&d);
	free(jpeg);
	return sqrt(s2 / n - (s / n) * (s / n));
}

/* Grain grows with the ISO, as a camera's noise does. */
static void test_grain_follows_iso(void **state)
{
	struct shot_params p = test_params();
	double lo, hi;

	(void)state;
	p.quality = 95;
	p.iso = 100;
	lo = patch_noise(&p);
	p.iso = 6400;
	hi = patch_noise(&p);
	assert_true(hi > 3 * lo);
	assert_true(hi > 4.0);
}

/* libexif reads back every tag with the values given. */
static void test_exif_tags(void **state)
{
	struct shot_params p = test_params();
	char when[20];
	size_t len;
	unsigned char *jpeg;
	ExifData *ed;
	ExifEntry *e;
	ExifSRational bias;

	(void)state;
	p.exposure_s = 1.0 / 250;
	p.fnumber = 8;
	p.iso = 1600;
	p.focal_mm = 50;
	p.bias_ev = -0.7;
	p.orientation = 6;
	p.make = "Nikon-ish";
	p.model = "Sim D9000";
	jpeg = make(&p, &len);
	ed = exif_data_new_from_data(jpeg, (unsigned)len);
	assert_non_null(ed);
	assert_true(fabs(get_rational(ed, EXIF_IFD_EXIF, EXIF_TAG_EXPOSURE_TIME) - 1.0 / 250) < 1e-9);
	e = exif_content_get_entry(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_EXPOSURE_TIME);
	assert_int_equal(exif_get_rational(e->data, exif_data_get_byte_order(ed)).numerator, 1);
	assert_true(fabs(get_rational(ed, EXIF_IFD_EXIF, EXIF_TAG_FNUMBER) - 8) < 1e-9);
	assert_true(fabs(get_rational(ed, EXIF_IFD_EXIF, EXIF_TAG_FOCAL_LENGTH) - 50) < 1e-9);
	assert_int_equal(get_short(ed, EXIF_IFD_EXIF, EXIF_TAG_ISO_SPEED_RATINGS), 1600);
	e = exif_content_get_entry(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_EXPOSURE_BIAS_VALUE);
	assert_non_null(e);
	assert_int_equal(e->format, EXIF_FORMAT_SRATIONAL);
	bias = exif_get_srational(e->data, exif_data_get_byte_order(ed));
	assert_true(fabs((double)bias.numerator / bias.denominator + 0.7) < 1e-9);
	assert_int_equal(shot_exif_time(p.when, when), 0);
	assert_ascii(ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, when);
	assert_ascii(ed, EXIF_IFD_0, EXIF_TAG_DATE_TIME, when);
	assert_ascii(ed, EXIF_IFD_0, EXIF_TAG_MAKE, "Nikon-ish");
	assert_ascii(ed, EXIF_IFD_0, EXIF_TAG_MODEL, "Sim D9000");
	assert_int_equal(get_short(ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION), 6);
	assert_int_equal(get_long(ed, EXIF_IFD_EXIF, EXIF_TAG_PIXEL_X_DIMENSION), 640);
	assert_int_equal(get_long(ed, EXIF_IFD_EXIF, EXIF_TAG_PIXEL_Y_DIMENSION), 480);
	assert_int_equal(get_short(ed, EXIF_IFD_EXIF, EXIF_TAG_COLOR_SPACE), 1);
	assert_ascii(ed, EXIF_IFD_INTEROPERABILITY, EXIF_TAG_INTEROPERABILITY_INDEX, "R98");
	exif_data_unref(ed);
	free(jpeg);
}

/* The time string is the local time, in EXIF's fixed format. */
static void test_exif_time(void **state)
{
	char buf[20];
	struct tm tm;
	time_t t = 1700000000;

	(void)state;
	assert_int_equal(shot_exif_time(t, buf), 0);
	localtime_r(&t, &tm);
	assert_int_equal(strlen(buf), 19);
	assert_int_equal(atoi(buf), tm.tm_year + 1900);
	assert_int_equal(atoi(buf + 11), tm.tm_hour);
	assert_int_equal(buf[4], ':');
	assert_int_equal(buf[10], ' ');
}

/* Exposure times read as 1/N when they are, and exactly otherwise. */
static void test_exif_rationals(void **state)
{
	ExifRational r;

	(void)state;
	r = rational(1.0 / 8000, 100000);
	assert_int_equal(r.numerator, 1);
	assert_int_equal(r.denominator, 8000);
	r = rational(30, 100000);
	assert_int_equal(r.numerator, 30);
	assert_int_equal(r.denominator, 1);
	r = rational(0.3, 100000);
	assert_int_equal(r.numerator, 3);
	assert_int_equal(r.denominator, 10);
	r = rational(5.6, 100);
	assert_int_equal(r.numerator, 28);
	assert_int_equal(r.denominator, 5);
}

/* Exposure bias in thirds of a stop is written as sixths, reduced. */
static void test_exif_bias(void **state)
{
	static const struct { double ev; long num, den; } cases[] = {
		{ -0.333, -1, 3 }, { 0.5, 1, 2 }, { 0, 0, 1 }, { 1.7, 17, 10 }, { -2, -2, 1 },
	};
	struct shot_params p = test_params();

	(void)state;
	p.width = p.height = 16;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned char *jpeg;
		size_t len;
		ExifData *ed;
		ExifEntry *e;
		ExifSRational r;

		p.bias_ev = cases[i].ev;
		jpeg = make(&p, &len);
		ed = exif_data_new_from_data(jpeg, (unsigned)len);
		assert_non_null(ed);
		e = exif_content_get_entry(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_EXPOSURE_BIAS_VALUE);
		assert_non_null(e);
		r = exif_get_srational(e->data, exif_data_get_byte_order(ed));
		assert_int_equal(r.numerator, cases[i].num);
		assert_int_equal(r.denominator, cases[i].den);
		exif_data_unref(ed);
		free(jpeg);
	}
}

/* The IFD1 thumbnail exists, decodes and keeps the aspect ratio. */
static void test_thumbnail(void **state)
{
	struct shot_params p = test_params();
	struct decoded d;
	size_t len;
	unsigned char *jpeg;
	ExifData *ed;

	(void)state;
	p.width = 900;
	p.height = 600;
	jpeg = make(&p, &len);
	ed = exif_data_new_from_data(jpeg, (unsigned)len);
	assert_non_null(ed);
	assert_non_null(ed->data);
	assert_true(ed->size > 500);
	assert_int_equal(get_short(ed, EXIF_IFD_1, EXIF_TAG_COMPRESSION), 6);
	assert_int_equal(decode(ed->data, ed->size, 0, &d), 0);
	assert_int_equal(d.width, 160);
	assert_int_equal(d.height, 106);
	assert_true(luma_sd(&d) > 15.0);
	decoded_free(&d);
	exif_data_unref(ed);
	free(jpeg);
}

/* 6000×4000 works and has the right header (pixels are not decoded). */
static void test_large(void **state)
{
	struct shot_params p = test_params();
	struct decoded d;
	size_t len;
	unsigned char *jpeg;

	(void)state;
	p.width = 6000;
	p.height = 4000;
	p.colour = SHOT_ADOBE_ICC;
	jpeg = make(&p, &len);
	assert_int_equal(decode(jpeg, len, 1, &d), 0);
	assert_int_equal(d.width, 6000);
	assert_int_equal(d.height, 4000);
	assert_int_equal(d.icc_segments, 1);
	assert_true(len < 40u * 1024 * 1024);
	decoded_free(&d);
	free(jpeg);
}

/* An encoder error after the output buffer has grown frees that buffer once
 * (jpeg_mem_dest's pointer was stale then: a double free and a leak). */
static void test_encode_error_frees(void **state)
{
	struct enc e;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.quality = 100;
	e.dst.limit = 2 * OUT_FIRST; /* one doubling, then out of room */
	assert_int_equal(shot_scene_init(&e.scene, 1, 1024, 768, 100), 0);
	e.row = malloc(3 * 1024);
	assert_non_null(e.row);
	errno = 0;
	assert_int_equal(encode(&e), -1);
	assert_int_equal(errno, ENOMEM);
	assert_null(e.dst.data);
	e.dst.limit = 0; /* the same scene fits the real limit */
	assert_int_equal(encode(&e), 0);
	assert_true(e.dst.len > 2 * OUT_FIRST && e.dst.len <= e.dst.cap);
	free(e.dst.data);
	free(e.row);
	shot_scene_free(&e.scene);
}

/* Bad parameters fail with EINVAL and leave nothing allocated. */
static void test_invalid(void **state)
{
	struct shot_params good = test_params(), p;
	unsigned char *out = NULL;
	size_t len = 0;
	char longname[300];

	(void)state;
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
#define BAD(field, value) do { p = good; p.field = value; errno = 0; \
		assert_int_equal(shot_jpeg(&p, &out, &len), -1); \
		assert_int_equal(errno, EINVAL); assert_null(out); } while (0)
	BAD(width, 15);
	BAD(width, 8193);
	BAD(height, 0);
	BAD(height, 100000);
	BAD(exposure_s, 0);
	BAD(exposure_s, NAN);
	BAD(fnumber, 0);
	BAD(fnumber, INFINITY);
	BAD(iso, 0);
	BAD(focal_mm, -1);
	BAD(bias_ev, 100);
	BAD(orientation, 0);
	BAD(orientation, 9);
	BAD(colour, (enum shot_colour)7);
	BAD(make, NULL);
	BAD(model, "esc\033[2J");
	BAD(model, longname);
	BAD(quality, 101);
	BAD(quality, -1);
#undef BAD
	errno = 0;
	assert_int_equal(shot_jpeg(NULL, &out, &len), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(shot_jpeg(&good, NULL, &len), -1);
	assert_int_equal(shot_params_valid(&good), 1);
	p = good;
	p.width = p.height = 16;
	p.iso = 1000000;
	p.quality = 1;
	assert_int_equal(shot_jpeg(&p, &out, &len), 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decodes_not_flat),
		cmocka_unit_test(test_seq_varies),
		cmocka_unit_test(test_grain_follows_iso),
		cmocka_unit_test(test_exif_tags),
		cmocka_unit_test(test_exif_time),
		cmocka_unit_test(test_exif_rationals),
		cmocka_unit_test(test_exif_bias),
		cmocka_unit_test(test_thumbnail),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_encode_error_frees),
		cmocka_unit_test(test_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
