/* Unit tests for the colour encodings of synthetic shots (sRGB, Adobe RGB
 * tagged in EXIF, Adobe RGB with an embedded ICC profile).
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

/* Shoot `colour` at 640×480 and decode it (pixels and markers). */
static void shoot(enum shot_colour colour, struct decoded *d, ExifData **ed)
{
	struct shot_params p = test_params();
	unsigned char *jpeg = NULL;
	size_t len = 0;

	p.colour = colour;
	p.iso = 100;
	assert_int_equal(shot_jpeg(&p, &jpeg, &len), 0);
	assert_int_equal(decode(jpeg, len, 0, d), 0);
	if (ed) {
		*ed = exif_data_new_from_data(jpeg, (unsigned)len);
		assert_non_null(*ed);
	}
	free(jpeg);
}

/* Mean colour of the centre half of patch `i` (scene geometry at 640×480). */
static void patch_mean(const struct decoded *d, unsigned i, double rgb[3])
{
	struct shot_scene s;
	unsigned x0, y0, x1, y1, dx, dy;

	assert_int_equal(shot_scene_init(&s, 1, d->width, d->height, 0), 0);
	shot_scene_patch_rect(&s, i, &x0, &y0, &x1, &y1);
	shot_scene_free(&s);
	dx = (x1 - x0) / 4;
	dy = (y1 - y0) / 4;
	for (unsigned c = 0; c < 3; c++)
		rgb[c] = mean_rect(d, c, x0 + dx, y0 + dy, x1 - dx, y1 - dy);
}

/* ColorSpace and Interop index of a shot's EXIF. */
static void colour_tags(ExifData *ed, unsigned *cs, char idx[4])
{
	ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_COLOR_SPACE);
	ExifEntry *i = exif_content_get_entry(ed->ifd[EXIF_IFD_INTEROPERABILITY],
					      EXIF_TAG_INTEROPERABILITY_INDEX);

	assert_non_null(e);
	assert_non_null(i);
	assert_int_equal(i->size, 4);
	*cs = exif_get_short(e->data, exif_data_get_byte_order(ed));
	memcpy(idx, i->data, 4);
}

/* sRGB: ColorSpace 1, "R98", no ICC; the green patch is the scene's green. */
static void test_srgb(void **state)
{
	struct decoded d;
	ExifData *ed;
	unsigned cs;
	char idx[4];
	double g[3];

	(void)state;
	shoot(SHOT_SRGB, &d, &ed);
	colour_tags(ed, &cs, idx);
	assert_int_equal(cs, 1);
	assert_string_equal(idx, "R98");
	assert_int_equal(d.icc_segments, 0);
	patch_mean(&d, SHOT_SCENE_PATCH_GREEN, g);
	assert_true(fabs(g[0] - patch_rgb[SHOT_SCENE_PATCH_GREEN][0]) < 8);
	assert_true(fabs(g[1] - patch_rgb[SHOT_SCENE_PATCH_GREEN][1]) < 8);
	assert_true(fabs(g[2] - patch_rgb[SHOT_SCENE_PATCH_GREEN][2]) < 8);
	exif_data_unref(ed);
	decoded_free(&d);
}

/* Adobe (EXIF): ColorSpace 0xFFFF, "R03", no ICC, and the pixels are Adobe
 * RGB: a saturated sRGB green has more red and blue and no more green. */
static void test_adobe_exif(void **state)
{
	struct decoded s, a;
	ExifData *ed;
	unsigned cs;
	char idx[4];
	double gs[3], ga[3];

	(void)state;
	shoot(SHOT_SRGB, &s, NULL);
	shoot(SHOT_ADOBE_EXIF, &a, &ed);
	colour_tags(ed, &cs, idx);
	assert_int_equal(cs, 0xFFFF);
	assert_string_equal(idx, "R03");
	assert_int_equal(a.icc_segments, 0);
	patch_mean(&s, SHOT_SCENE_PATCH_GREEN, gs);
	patch_mean(&a, SHOT_SCENE_PATCH_GREEN, ga);
	assert_true(ga[0] > gs[0] + 50);  /* Adobe of (20,200,40) is ~(113,198,65) */
	assert_true(ga[2] > gs[2] + 10);
	assert_true(ga[1] < gs[1] + 4);
	exif_data_unref(ed);
	decoded_free(&s);
	decoded_free(&a);
}

/* Adobe (ICC): the embedded profile opens in lcms2, is Adobe RGB, and maps
 * the pixels back to the sRGB scene; the pixels equal the EXIF variant's. */
static void test_adobe_icc(void **state)
{
	struct decoded s, a, x;
	ExifData *ed;
	unsigned cs;
	char idx[4], desc[128];
	double gs[3], ga[3];
	unsigned char in[3], out[3];

	(void)state;
	shoot(SHOT_SRGB, &s, NULL);
	shoot(SHOT_ADOBE_EXIF, &x, NULL);
	shoot(SHOT_ADOBE_ICC, &a, &ed);
	colour_tags(ed, &cs, idx);
	assert_int_equal(cs, 0xFFFF);
	assert_int_equal(a.icc_segments, 1);
	assert_non_null(a.icc);
	assert_memory_equal(a.rgb, x.rgb, (size_t)a.width * a.height * 3);

	cmsHPROFILE prof = cmsOpenProfileFromMem(a.icc, a.icc_len);
	assert_non_null(prof);
	assert_int_equal(cmsGetColorSpace(prof), cmsSigRgbData);
	assert_true(cmsGetProfileInfoASCII(prof, cmsInfoDescription, "en", "US", desc,
					   sizeof(desc)) > 0);
	assert_non_null(strstr(desc, "Adobe RGB (1998)"));
	cmsHPROFILE srgb = cmsCreate_sRGBProfile();
	cmsHTRANSFORM back = cmsCreateTransform(prof, TYPE_RGB_8, srgb, TYPE_RGB_8,
						INTENT_RELATIVE_COLORIMETRIC, 0);
	assert_non_null(back);
	patch_mean(&s, SHOT_SCENE_PATCH_GREEN, gs);
	patch_mean(&a, SHOT_SCENE_PATCH_GREEN, ga);
	for (int c = 0; c < 3; c++)
		in[c] = (unsigned char)lround(ga[c]);
	cmsDoTransform(back, in, out, 1);
	for (int c = 0; c < 3; c++)
		assert_true(fabs(out[c] - gs[c]) < 8);
	/* The profile's green primary is wider than sRGB's: pure Adobe green
	 * is out of sRGB gamut, so it clips to red 0 and full green. */
	in[0] = 0; in[1] = 255; in[2] = 0;
	cmsDoTransform(back, in, out, 1);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 255);
	cmsDeleteTransform(back);
	cmsCloseProfile(srgb);
	cmsCloseProfile(prof);
	exif_data_unref(ed);
	decoded_free(&s);
	decoded_free(&x);
	decoded_free(&a);
}

/* A profile above 65519 bytes is split into APP2 segments numbered 1..n. */
static void test_icc_split(void **state)
{
	struct shot_params p = test_params();
	struct decoded d;
	unsigned char *icc = malloc(140000), *jpeg = NULL;
	size_t len = 0;

	(void)state;
	for (size_t i = 0; i < 140000; i++)
		icc[i] = (unsigned char)(i * 31 + i / 977);
	assert_int_equal(render(&p, 64, 48, 0, 80, NULL, 0, icc, 140000, &jpeg, &len), 0);
	assert_int_equal(decode(jpeg, len, 0, &d), 0);
	assert_int_equal(d.icc_segments, 3);
	assert_int_equal(d.icc_len, 140000);
	assert_memory_equal(d.icc, icc, 140000);
	decoded_free(&d);
	free(jpeg);
	free(icc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_srgb),
		cmocka_unit_test(test_adobe_exif),
		cmocka_unit_test(test_adobe_icc),
		cmocka_unit_test(test_icc_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
