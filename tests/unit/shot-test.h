/* Helpers shared by the shot unit tests: the simulator's shot code compiled
 * in (unit tests link only capa's objects), a libjpeg decoder, parameters.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef TESTS_SHOT_TEST_H
#define TESTS_SHOT_TEST_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "simcam/shot.c"
#include "simcam/shot-colour.c"
#include "simcam/shot-exif.c"
#include "simcam/shot-raw.c"
#include "simcam/shot-scene.c"

/* A decoded image and the markers the tests look at. */
struct decoded {
	unsigned width, height, comps;
	unsigned char *rgb;             /* width*height*3, or NULL (header only) */
	unsigned char *icc;             /* reassembled ICC profile, or NULL */
	unsigned icc_len;
	int app1_first;                 /* the first marker saved is APP1 "Exif" */
	int icc_segments;
};

struct test_jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jmp;
};

/* libjpeg error exit for the tests' decoder. */
static inline void test_jerr_exit(j_common_ptr c)
{
	longjmp(((struct test_jerr *)(void *)c->err)->jmp, 1);
}

/* Collect the APP2 ICC_PROFILE segments in sequence order. */
static inline void collect_icc(j_decompress_ptr c, struct decoded *d)
{
	jpeg_saved_marker_ptr m;
	unsigned total = 0, count = 0;

	for (m = c->marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 2 && m->data_length > 14 &&
		    !memcmp(m->data, "ICC_PROFILE", 12)) {
			d->icc_segments++;
			count = m->data[13];
			total += m->data_length - 14;
		}
	if (!d->icc_segments || count != (unsigned)d->icc_segments)
		return;
	d->icc = malloc(total);
	for (unsigned seq = 1; seq <= count; seq++)
		for (m = c->marker_list; m; m = m->next)
			if (m->marker == JPEG_APP0 + 2 && m->data_length > 14 &&
			    !memcmp(m->data, "ICC_PROFILE", 12) && m->data[12] == seq) {
				memcpy(d->icc + d->icc_len, m->data + 14, m->data_length - 14);
				d->icc_len += m->data_length - 14;
			}
}

/* Decode `jpeg` (pixels too unless header_only).  Returns 0, -1 if invalid. */
static inline int decode(const unsigned char *jpeg, size_t len, int header_only,
		  struct decoded *d)
{
	struct jpeg_decompress_struct c;
	struct test_jerr err;

	memset(d, 0, sizeof(*d));
	c.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = test_jerr_exit;
	if (setjmp(err.jmp)) {
		jpeg_destroy_decompress(&c);
		free(d->rgb);
		free(d->icc);
		memset(d, 0, sizeof(*d));
		return -1;
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, jpeg, (unsigned long)len);
	jpeg_save_markers(&c, JPEG_APP0 + 1, 0xffff);
	jpeg_save_markers(&c, JPEG_APP0 + 2, 0xffff);
	jpeg_read_header(&c, TRUE);
	d->width = c.image_width;
	d->height = c.image_height;
	d->comps = (unsigned)c.num_components;
	d->app1_first = c.marker_list && c.marker_list->marker == JPEG_APP0 + 1 &&
			c.marker_list->data_length > 6 && !memcmp(c.marker_list->data, "Exif\0\0", 6);
	collect_icc(&c, d);
	if (!header_only) {
		c.out_color_space = JCS_RGB;
		jpeg_start_decompress(&c);
		d->rgb = malloc((size_t)d->width * d->height * 3);
		while (c.output_scanline < c.output_height) {
			JSAMPROW r = d->rgb + (size_t)c.output_scanline * d->width * 3;
			jpeg_read_scanlines(&c, &r, 1);
		}
		jpeg_finish_decompress(&c);
	}
	jpeg_destroy_decompress(&c);
	return 0;
}

/* Free what decode() allocated. */
static inline void decoded_free(struct decoded *d)
{
	free(d->rgb);
	free(d->icc);
	memset(d, 0, sizeof(*d));
}

/* Typical parameters: 640×480, seq 1, 1/125 s, f/5.6, ISO 400, 35 mm. */
static inline struct shot_params test_params(void)
{
	struct shot_params p = {
		.width = 640, .height = 480, .seq = 1, .exposure_s = 1.0 / 125,
		.fnumber = 5.6, .iso = 400, .focal_mm = 35, .bias_ev = -0.7,
		.when = 1700000000, .orientation = 6, .colour = SHOT_SRGB,
		.make = "Capa", .model = "SimCam 1", .quality = 0,
	};
	return p;
}

/* Mean of channel ch over the rectangle [x0,x1)×[y0,y1) of a decoded image. */
static inline double mean_rect(const struct decoded *d, unsigned ch, unsigned x0, unsigned y0,
			unsigned x1, unsigned y1)
{
	double sum = 0;

	for (unsigned y = y0; y < y1; y++)
		for (unsigned x = x0; x < x1; x++)
			sum += d->rgb[((size_t)y * d->width + x) * 3 + ch];
	return sum / ((double)(x1 - x0) * (y1 - y0));
}

#endif
