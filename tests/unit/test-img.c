/* Unit tests for the curses-free preview modules.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lcms2.h>
#include <sixel.h>
#include <stdlib.h>
#include <string.h>

#include "img-clip.h"
#include "img-colour.h"
#include "img-exif.h"
#include "img-halfblock.h"
#include "img-icc.h"
#include "img-preview.h"
#include "img-resample.h"
#include "img-sixel.h"
#include "img-tiff.h"

/* Resample a w×h image of one grey level per pixel. */
static void resample(const unsigned char *in, unsigned iw, unsigned ih,
		     unsigned char *out, unsigned ow, unsigned oh)
{
	struct img_resampler r;
	assert_int_equal(img_resampler_init(&r, iw, ih, ow, oh, out), 0);
	for (unsigned y = 0; y < ih; y++)
		img_resampler_push(&r, in + (size_t)y * iw * 3);
	img_resampler_free(&r);
}

/* 4×2 → 2×1 averages 2×2 blocks exactly; 1×1 → 3×2 replicates. */
static void test_resample_area(void **state)
{
	unsigned char in[4 * 2 * 3], out[2 * 3], big[3 * 2 * 3];
	static const unsigned char v[8] = { 0, 100, 200, 40, 20, 60, 8, 12 };
	(void)state;
	for (int i = 0; i < 8; i++)
		memset(in + i * 3, v[i], 3);
	resample(in, 4, 2, out, 2, 1);
	assert_int_equal(out[0], (0 + 100 + 20 + 60 + 2) / 4);
	assert_int_equal(out[3], (200 + 40 + 8 + 12 + 2) / 4);
	resample(in, 1, 1, big, 3, 2);
	for (int i = 0; i < 18; i++)
		assert_int_equal(big[i], 0);
}

/* A 3:2 downscale keeps the mean of a ramp and stays in range. */
static void test_resample_fraction(void **state)
{
	unsigned char in[9 * 3], out[6 * 3];
	(void)state;
	for (int i = 0; i < 9; i++)
		memset(in + i * 3, i * 30, 3);
	resample(in, 9, 1, out, 6, 1);
	unsigned sum = 0;
	for (int i = 0; i < 6; i++)
		sum += out[i * 3];
	assert_in_range(sum / 6, 118, 122); /* mean of 0..240 is 120 */
	assert_int_equal(out[0], 10);        /* 2/3 of 0 + 1/3 of 30, times 3/2 */
}

static void test_fit_box(void **state)
{
	unsigned w, h;
	(void)state;
	img_fit_box(6000, 4000, 640, 480, 0, &w, &h);
	assert_int_equal(w, 640);
	assert_int_equal(h, 427);
	img_fit_box(4000, 6000, 640, 480, 0, &w, &h);
	assert_int_equal(w, 320);
	assert_int_equal(h, 480);
	img_fit_box(100, 50, 640, 480, 0, &w, &h);
	assert_int_equal(w, 100);
	assert_int_equal(h, 50);
	img_fit_box(100, 50, 640, 480, 1, &w, &h);
	assert_int_equal(w, 640);
	assert_int_equal(h, 320);
	img_fit_box(65000, 1, 10, 10, 0, &w, &h);
	assert_int_equal(h, 1);
}

/* Orientation maps are bijections, and 6 then 8 cancel out. */
static void test_orient(void **state)
{
	unsigned char px[3 * 2 * 3];
	unsigned w, h, w2, h2;
	(void)state;
	for (int i = 0; i < 18; i++)
		px[i] = (unsigned char)i;
	for (int o = 1; o <= 8; o++) {
		unsigned char *r = img_orient(px, 3, 2, o, &w, &h);
		assert_non_null(r);
		assert_int_equal(w * h, 6);
		assert_int_equal(w, o >= 5 ? 2 : 3);
		unsigned seen = 0;
		for (int i = 0; i < 6; i++)
			seen |= 1u << (r[i * 3] / 3);
		assert_int_equal(seen, 0x3f);
		free(r);
	}
	unsigned char *a = img_orient(px, 3, 2, 6, &w, &h);
	unsigned char *b = img_orient(a, w, h, 8, &w2, &h2);
	assert_memory_equal(b, px, sizeof px);
	/* Orientation 6: the stored top-left pixel ends up top-right. */
	assert_int_equal(a[(0 * w + (w - 1)) * 3], 0);
	free(a);
	free(b);
}

/* Build APP2 segments holding `icc` split into `chunk`-byte pieces. */
static size_t split(const unsigned char *icc, size_t n, size_t chunk, unsigned char seg[][200],
		    struct img_seg *segs)
{
	size_t count = (n + chunk - 1) / chunk;
	for (size_t i = 0; i < count; i++) {
		size_t len = n - i * chunk < chunk ? n - i * chunk : chunk;
		memcpy(seg[i], "ICC_PROFILE", 12);
		seg[i][12] = (unsigned char)(i + 1);
		seg[i][13] = (unsigned char)count;
		memcpy(seg[i] + 14, icc + i * chunk, len);
		segs[i].data = seg[i];
		segs[i].len = 14 + len;
	}
	return count;
}

/* Segments in any order reassemble; missing/duplicate/bad ones are refused. */
static void test_icc_assemble(void **state)
{
	unsigned char icc[700], seg[8][200], *out;
	struct img_seg segs[8], rev[8];
	size_t len;
	char err[128];
	(void)state;
	for (size_t i = 0; i < sizeof icc; i++)
		icc[i] = (unsigned char)(i * 7);
	size_t n = split(icc, sizeof icc, 150, seg, segs);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		rev[i] = segs[n - 1 - i];
	assert_int_equal(img_icc_assemble(rev, n, &out, &len, err, sizeof err), 1);
	assert_int_equal(len, sizeof icc);
	assert_memory_equal(out, icc, sizeof icc);
	free(out);
	assert_int_equal(img_icc_assemble(segs, 0, &out, &len, err, sizeof err), 0);
	assert_int_equal(img_icc_assemble(segs, n - 1, &out, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "missing"));
	rev[0] = rev[1];
	assert_int_equal(img_icc_assemble(rev, n, &out, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "twice"));
	seg[2][13] = 9;
	assert_int_equal(img_icc_assemble(segs, n, &out, &len, err, sizeof err), -1);
	/* Garbage is not a profile. */
	assert_int_equal(img_icc_validate(icc, sizeof icc, err, sizeof err), -1);
}

/* A profile lcms2 writes validates; a truncated one does not. */
static void test_icc_validate(void **state)
{
	cmsHPROFILE p = img_adobe_rgb_profile();
	cmsUInt32Number n = 0;
	char err[128];
	(void)state;
	cmsSaveProfileToMem(p, NULL, &n);
	unsigned char *b = malloc(n);
	cmsSaveProfileToMem(p, b, &n);
	cmsCloseProfile(p);
	assert_int_equal(img_icc_validate(b, n, err, sizeof err), 0);
	assert_int_equal(img_icc_validate(b, n / 2, err, sizeof err), -1);
	cmsHPROFILE lab = cmsCreateLab4Profile(NULL);
	unsigned char lb[4096];
	cmsUInt32Number ln = sizeof lb;
	cmsSaveProfileToMem(lab, lb, &ln);
	cmsCloseProfile(lab);
	assert_int_equal(img_icc_validate(lb, ln, err, sizeof err), -1);
	free(b);
}

/* Little-endian helpers for hand-built TIFF buffers. */
static void put16(unsigned char *p, unsigned v) { p[0] = v & 255; p[1] = v >> 8; }
static void put32(unsigned char *p, uint32_t v) { put16(p, v & 0xffff); put16(p + 2, v >> 16); }
static void ent(unsigned char *p, unsigned tag, unsigned type, uint32_t n, uint32_t v)
{
	put16(p, tag); put16(p + 2, type); put32(p + 4, n); put32(p + 8, v);
}

/* The walker finds a JPEG, survives loops and rejects bad offsets. */
static void test_tiff_walk(void **state)
{
	unsigned char t[256] = "II*\0";
	static const unsigned char jpg[] = { 0xff, 0xd8, 0xff, 0xc0, 0, 4, 0, 0, 0xff, 0xd9 };
	struct img_tiff_jpeg j;
	char err[128];
	(void)state;
	put32(t + 4, 8);
	put16(t + 8, 3);
	ent(t + 10, 0x0201, 4, 1, 100);
	ent(t + 22, 0x0202, 4, 1, sizeof jpg);
	ent(t + 34, 0x0112, 3, 1, 8);
	put32(t + 46, 8); /* next IFD = itself */
	memcpy(t + 100, jpg, sizeof jpg);
	assert_int_equal(img_tiff_find_jpeg(t, sizeof t, &j, err, sizeof err), 0);
	assert_int_equal(j.off, 100);
	assert_int_equal(j.len, sizeof jpg);
	assert_int_equal(j.orientation, 8);
	ent(t + 22, 0x0202, 4, 1, 0xfffffff0u); /* length past the end */
	assert_int_equal(img_tiff_find_jpeg(t, sizeof t, &j, err, sizeof err), -1);
	put16(t + 8, 0xffff);                  /* absurd entry count */
	assert_int_equal(img_tiff_find_jpeg(t, sizeof t, &j, err, sizeof err), -1);
	assert_int_equal(img_tiff_find_jpeg(t, 7, &j, err, sizeof err), -1);
	/* A lossless (SOF3) JPEG is not a usable preview. */
	static const unsigned char sof3[] = { 0xff, 0xd8, 0xff, 0xc3, 0, 4, 0, 0 };
	assert_false(img_jpeg_is_dct(sof3, sizeof sof3));
	assert_true(img_jpeg_is_dct(jpg, sizeof jpg));
}

/* Build APP1 EXIF: Orientation, ColorSpace and an Interop index. */
static size_t exif_bytes(unsigned char *b, unsigned orient, unsigned cs, const char *idx)
{
	unsigned char *t = b + 6;
	memset(b, 0, 128);
	memcpy(b, "Exif\0\0", 6);
	memcpy(t, "II*\0", 4);
	put32(t + 4, 8);
	put16(t + 8, 2);                         /* IFD0 at 8 */
	ent(t + 10, 0x0112, 3, 1, orient);
	ent(t + 22, 0x8769, 4, 1, 38);
	put32(t + 34, 0);
	put16(t + 38, 2);                        /* Exif IFD at 38 */
	ent(t + 40, 0xa001, 3, 1, cs);
	ent(t + 52, 0xa005, 4, 1, 68);
	put32(t + 64, 0);
	put16(t + 68, 1);                        /* Interop IFD at 68 */
	ent(t + 70, 0x0001, 2, 4, 0);
	memcpy(t + 78, idx, 4);
	put32(t + 82, 0);
	return 6 + 86;
}

/* Adobe RGB needs both ColorSpace=0xFFFF and Interop index R03. */
static void test_exif_colour(void **state)
{
	unsigned char b[128];
	struct img_exif e;
	(void)state;
	assert_int_equal(img_exif_parse(b, exif_bytes(b, 6, 0xffff, "R03"), &e), 0);
	assert_true(e.adobe_rgb);
	assert_int_equal(e.orientation, 6);
	assert_null(e.thumb);
	img_exif_parse(b, exif_bytes(b, 3, 0xffff, "R98"), &e);
	assert_false(e.adobe_rgb);
	assert_int_equal(e.orientation, 3);
	img_exif_parse(b, exif_bytes(b, 9, 1, "R03"), &e);
	assert_false(e.adobe_rgb);
	assert_int_equal(e.orientation, 1); /* out of range: upright */
	assert_int_equal(img_exif_parse((const unsigned char *)"JFIF", 4, &e), -1);
	assert_int_equal(e.orientation, 1);
}

/* A 2×3 image: cells of column x, row y hold pixels (x,2y) and (x,2y+1). */
static void test_halfblock(void **state)
{
	static const unsigned char px[2 * 3 * 3] = {
		255, 0, 0,   0, 255, 0,
		0, 0, 255,   255, 255, 255,
		10, 20, 30,  0, 0, 0,
	};
	struct img_buf out = { 0 };
	(void)state;
	struct img_cell *c = img_halfblock(px, 2, 3);
	assert_non_null(c);
	assert_memory_equal(c[0].fg, "\xff\x00\x00", 3);
	assert_memory_equal(c[0].bg, "\x00\x00\xff", 3);
	assert_memory_equal(c[1].fg, "\x00\xff\x00", 3);
	assert_memory_equal(c[1].bg, "\xff\xff\xff", 3);
	assert_memory_equal(c[2].fg, "\x0a\x14\x1e", 3);
	assert_memory_equal(c[2].bg, "\x00\x00\x00", 3); /* odd row: black below */
	assert_int_equal(c[0].fg256, 196);
	assert_int_equal(c[0].bg256, 21);
	assert_int_equal(c[1].fg256, 46);
	assert_int_equal(c[1].bg256, 231);
	assert_int_equal(c[3].fg256, 16);
	assert_int_equal(img_rgb_to_256(128, 128, 128), 244);
	assert_int_equal(img_halfblock_ansi(c, 2, 2, IMG_COLOUR_TRUE, &out), 0);
	static const char want[] =
		"\033[38;2;255;0;0;48;2;0;0;255m\xe2\x96\x80"
		"\033[38;2;0;255;0;48;2;255;255;255m\xe2\x96\x80\033[0m\n"
		"\033[38;2;10;20;30;48;2;0;0;0m\xe2\x96\x80"
		"\033[38;2;0;0;0;48;2;0;0;0m\xe2\x96\x80\033[0m\n";
	assert_int_equal(out.len, sizeof want - 1);
	assert_memory_equal(out.data, want, sizeof want - 1);
	img_buf_free(&out);
	assert_int_equal(img_halfblock_ansi(c, 2, 1, IMG_COLOUR_256, &out), 0);
	static const char want256[] = "\033[38;5;196;48;5;21m\xe2\x96\x80"
				      "\033[38;5;46;48;5;231m\xe2\x96\x80\033[0m\n";
	assert_int_equal(out.len, sizeof want256 - 1);
	assert_memory_equal(out.data, want256, sizeof want256 - 1);
	img_buf_free(&out);
	free(c);
}

/* The text placeholder: a frame, the label centred, control bytes dropped. */
static void test_placeholder(void **state)
{
	struct img_buf out = { 0 };
	(void)state;
	assert_int_equal(img_text_placeholder(12, 3, "a\033[2Jb.jpg", &out), 0);
	static const char want[] = "+----------+\n|a[2Jb.jpg |\n+----------+\n";
	assert_int_equal(out.len, sizeof want - 1);
	assert_memory_equal(out.data, want, sizeof want - 1);
	img_buf_free(&out);
}

static void test_histogram(void **state)
{
	static const unsigned char px[4 * 3] = { 255, 255, 255, 0, 0, 0, 255, 0, 0, 10, 20, 30 };
	struct img_histogram h;
	(void)state;
	img_histogram_compute(px, 2, 2, &h);
	assert_int_equal(h.luma[255], 1);
	assert_int_equal(h.luma[0], 1);
	assert_int_equal(h.r[255], 2);
	assert_int_equal(h.g[0], 2);
	assert_int_equal(h.b[30], 1);
	assert_true(h.clipped_high_pct > 49.9 && h.clipped_high_pct < 50.1);
	assert_true(h.clipped_low_pct > 24.9 && h.clipped_low_pct < 25.1);
}

/* The clipping mask agrees with the histogram's counts; the marks paint
 * only the clipped pixels. */
static void test_clip_mask(void **state)
{
	unsigned char px[4 * 3] = { 255, 255, 255, 0, 0, 0, 255, 0, 0, 10, 20, 30 };
	static const unsigned char want[4 * 3] = { 255, 0, 0, 0, 0, 255, 255, 0, 0, 10, 20, 30 };
	(void)state;
	unsigned char *m = img_clip_mask(px, 4);
	assert_non_null(m);
	assert_int_equal(m[0], IMG_CLIP_HIGH);
	assert_int_equal(m[1], IMG_CLIP_LOW);
	assert_int_equal(m[2], IMG_CLIP_HIGH);
	assert_int_equal(m[3], IMG_CLIP_NONE);
	img_clip_paint(px, m, 4);
	assert_memory_equal(px, want, sizeof want);
	free(m);
}

/* A few-colour image survives sixel encoding exactly. */
static void test_sixel_roundtrip(void **state)
{
	enum { W = 37, H = 13 };
	unsigned char px[W * H * 3], *ind = NULL, *pal = NULL;
	struct img_buf out = { 0 };
	char err[128];
	int w, h, nc;
	(void)state;
	for (int i = 0; i < W * H; i++) {
		static const unsigned char c[4][3] = { { 250, 0, 0 }, { 0, 120, 0 },
						       { 10, 20, 240 }, { 200, 200, 200 } };
		memcpy(px + i * 3, c[(i % W) / 10], 3);
	}
	assert_int_equal(img_sixel_encode(px, W, H, 16, &out, err, sizeof err), 0);
	assert_memory_equal(out.data + out.len - 2, "\033\\", 2);
	assert_int_equal(sixel_decode_raw(out.data, (int)out.len, &ind, &w, &h, &pal, &nc, NULL),
			 SIXEL_OK);
	assert_int_equal(w, W);
	assert_int_equal(h, H);
	int maxd = 0;
	for (int i = 0; i < W * H; i++)
		for (int k = 0; k < 3; k++) {
			int d = abs(pal[ind[i] * 3 + k] - px[i * 3 + k]);
			maxd = d > maxd ? d : maxd;
		}
	/* Registers are percentages (±1.3) and median cut averages its boxes. */
	assert_in_range(maxd, 0, 6);
	free(ind);
	free(pal);
	img_buf_free(&out);
	assert_int_equal(img_sixel_encode(px, W, H, 1, &out, err, sizeof err), -1);
}

/* One transform per (source, display, intent); reused afterwards. */
static void test_colour_cache(void **state)
{
	unsigned char px[3] = { 0, 255, 0 };
	char err[128];
	(void)state;
	img_colour_cache_clear();
	unsigned before = img_colour_transforms_created();
	for (int i = 0; i < 3; i++) {
		px[0] = 0, px[1] = 255, px[2] = 0;
		assert_int_equal(img_colour_apply(px, 1, IMG_SRC_ADOBE_EXIF, NULL, 0, NULL,
						  IMG_INTENT_PERCEPTUAL, err, sizeof err), 0);
	}
	assert_int_equal(img_colour_transforms_created(), before + 1);
	assert_true(px[0] < 10 && px[1] == 255 && px[2] < 10); /* clipped to sRGB green */
	assert_int_equal(img_colour_apply(px, 1, IMG_SRC_ADOBE_EXIF, NULL, 0, NULL,
					  IMG_INTENT_RELATIVE, err, sizeof err), 0);
	assert_int_equal(img_colour_transforms_created(), before + 2);
	assert_int_equal(img_colour_apply(px, 1, IMG_SRC_SRGB, NULL, 0, "/nonexistent.icc",
					  IMG_INTENT_RELATIVE, err, sizeof err), -1);
	assert_non_null(strstr(err, "/nonexistent.icc"));
	/* Embedded profiles are keyed by their bytes: two profiles of the same
	 * length differing in one header byte are two transforms. */
	cmsHPROFILE ap = img_adobe_rgb_profile();
	cmsUInt32Number n = 0;
	cmsSaveProfileToMem(ap, NULL, &n);
	unsigned char *a = malloc(n), *b = malloc(n);
	cmsSaveProfileToMem(ap, a, &n);
	cmsCloseProfile(ap);
	memcpy(b, a, n);
	b[24] ^= 1; /* creation year */
	unsigned at = img_colour_transforms_created();
	for (int i = 0; i < 4; i++)
		assert_int_equal(img_colour_apply(px, 1, IMG_SRC_ICC, i % 2 ? b : a, n, NULL,
						  IMG_INTENT_PERCEPTUAL, err, sizeof err), 0);
	assert_int_equal(img_colour_transforms_created(), at + 2);
	free(a);
	free(b);
	img_colour_cache_clear();
}

/* Bad bytes in memory give errors, not crashes. */
static void test_load_errors(void **state)
{
	struct img_opts o;
	struct img_preview p;
	char err[128];
	static const unsigned char junk[] = "\xff\xd8\xff\xe1\x00\x08Exif\0\0\xff\xd9";
	(void)state;
	img_opts_default(&o);
	assert_int_equal(img_load_preview_mem(NULL, 0, &o, &p, err, sizeof err), -1);
	assert_int_equal(img_load_preview_mem((const unsigned char *)"GIF89a", 6, &o, &p, err,
					      sizeof err), -1);
	assert_non_null(strstr(err, "not a JPEG"));
	assert_int_equal(img_load_preview_mem(junk, sizeof junk - 1, &o, &p, err, sizeof err), -1);
	assert_int_equal(img_load_thumbnail_mem(junk, sizeof junk - 1, &o, &p, err, sizeof err), -1);
	assert_null(p.rgb);
	img_preview_free(&p);
	assert_int_equal(img_intent_parse("saturation"), IMG_INTENT_SATURATION);
	assert_int_equal(img_intent_parse("bogus"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resample_area),
		cmocka_unit_test(test_resample_fraction),
		cmocka_unit_test(test_fit_box),
		cmocka_unit_test(test_orient),
		cmocka_unit_test(test_icc_assemble),
		cmocka_unit_test(test_icc_validate),
		cmocka_unit_test(test_tiff_walk),
		cmocka_unit_test(test_exif_colour),
		cmocka_unit_test(test_halfblock),
		cmocka_unit_test(test_placeholder),
		cmocka_unit_test(test_histogram),
		cmocka_unit_test(test_clip_mask),
		cmocka_unit_test(test_sixel_roundtrip),
		cmocka_unit_test(test_colour_cache),
		cmocka_unit_test(test_load_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
