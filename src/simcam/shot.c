/* Synthetic photographs for capa-simcam: the JPEG encoder around the scene.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scene is rendered and compressed one scanline at a time, so memory
 * stays at a few rows whatever the size.  Marker order, like a camera's:
 * SOI, APP1 (EXIF with thumbnail), APP2 ICC_PROFILE (SHOT_ADOBE_ICC only),
 * then the image; no JFIF APP0. */
#include "simcam/shot.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "simcam/shot-colour.h"
#include "simcam/shot-exif.h"
#include "simcam/shot-scene.h"

#define THUMB_W 160u
#define THUMB_H 120u
#define ICC_CHUNK 65519u  /* 65533 - "ICC_PROFILE\0" - seq - count */
#define MAKER_MAX 255u

#define OUT_FIRST 65536u          /* first output buffer; it doubles */
#define OUT_LIMIT ((size_t)1 << 30) /* 8192² at quality 100 is ~60 MiB */

/* libjpeg destination: our buffer, so that an error exit can free it
 * (jpeg_mem_dest updates the caller's pointer only at the end, after it
 * has freed the first buffer: freeing that on error is a double free). */
struct outbuf {
	struct jpeg_destination_mgr pub;
	unsigned char *data;
	size_t cap, len, limit;
};

/* One image to encode: where its rows come from and what goes in front. */
struct enc {
	struct shot_scene scene;
	cmsHTRANSFORM xform;       /* sRGB -> Adobe RGB, or NULL */
	unsigned char *row;        /* one scanline */
	const unsigned char *app1; /* EXIF payload, or NULL */
	size_t app1_len;
	const unsigned char *icc;  /* ICC profile, or NULL */
	size_t icc_len;
	int quality;
	struct outbuf dst;         /* the JPEG; dst.limit 0 means OUT_LIMIT */
};

struct jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jmp;
};

/* libjpeg error exit: unwind to encode(). */
static void jerr_exit(j_common_ptr c)
{
	longjmp(((struct jerr *)(void *)c->err)->jmp, 1);
}

/* libjpeg messages: silent (a simulator must not chatter on stderr). */
static void jerr_output(j_common_ptr c)
{
	(void)c;
}

/* Destination start: the first buffer. */
static void dst_init(j_compress_ptr c)
{
	struct outbuf *o = (struct outbuf *)(void *)c->dest;

	o->data = malloc(OUT_FIRST);
	if (!o->data)
		ERREXIT1(c, JERR_OUT_OF_MEMORY, 1);
	o->cap = OUT_FIRST;
	o->pub.next_output_byte = o->data;
	o->pub.free_in_buffer = o->cap;
}

/* Destination full: double the buffer, up to the limit. */
static boolean dst_grow(j_compress_ptr c)
{
	struct outbuf *o = (struct outbuf *)(void *)c->dest;
	size_t limit = o->limit ? o->limit : OUT_LIMIT;

	if (o->cap > limit / 2)
		ERREXIT1(c, JERR_OUT_OF_MEMORY, 2);
	unsigned char *d = realloc(o->data, o->cap * 2);
	if (!d)
		ERREXIT1(c, JERR_OUT_OF_MEMORY, 3);
	o->data = d;
	o->pub.next_output_byte = d + o->cap;
	o->pub.free_in_buffer = o->cap;
	o->cap *= 2;
	return TRUE;
}

/* Destination end: note the length. */
static void dst_term(j_compress_ptr c)
{
	struct outbuf *o = (struct outbuf *)(void *)c->dest;

	o->len = o->cap - o->pub.free_in_buffer;
}

/* Write the ICC profile as APP2 segments of at most ICC_CHUNK bytes. */
static void write_icc(j_compress_ptr c, const unsigned char *icc, size_t len)
{
	size_t count = (len + ICC_CHUNK - 1) / ICC_CHUNK;

	for (size_t i = 0; i < count; i++) {
		size_t n = len - i * ICC_CHUNK < ICC_CHUNK ? len - i * ICC_CHUNK : ICC_CHUNK;
		jpeg_write_m_header(c, JPEG_APP0 + 2, (unsigned)(n + 14));
		for (const char *s = "ICC_PROFILE"; *s; s++)
			jpeg_write_m_byte(c, *s);
		jpeg_write_m_byte(c, 0);
		jpeg_write_m_byte(c, (int)(i + 1));
		jpeg_write_m_byte(c, (int)count);
		for (size_t k = 0; k < n; k++)
			jpeg_write_m_byte(c, icc[i * ICC_CHUNK + k]);
	}
}

/* Compress e->scene into e->dst (e->dst.data malloc'd, e->dst.len bytes).
 * Returns 0, or -1 (errno set) with nothing allocated. */
static int encode(struct enc *e)
{
	struct jpeg_compress_struct c;
	struct jerr err;

	c.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = jerr_exit;
	err.mgr.output_message = jerr_output;
	e->dst.pub.init_destination = dst_init;
	e->dst.pub.empty_output_buffer = dst_grow;
	e->dst.pub.term_destination = dst_term;
	e->dst.data = NULL;
	if (setjmp(err.jmp)) {
		jpeg_destroy_compress(&c);
		free(e->dst.data);
		e->dst.data = NULL;
		errno = ENOMEM;
		return -1;
	}
	jpeg_create_compress(&c);
	c.dest = &e->dst.pub;
	c.image_width = e->scene.width;
	c.image_height = e->scene.height;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, e->quality, TRUE);
	c.write_JFIF_header = FALSE;
	c.optimize_coding = FALSE;
	jpeg_start_compress(&c, TRUE);
	if (e->app1)
		jpeg_write_marker(&c, JPEG_APP0 + 1, e->app1, (unsigned)e->app1_len);
	if (e->icc)
		write_icc(&c, e->icc, e->icc_len);
	for (unsigned y = 0; y < e->scene.height; y++) {
		JSAMPROW r = e->row;
		shot_scene_row(&e->scene, y, e->row);
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return 0;
}

/* Render and compress scene `seq` at w×h; *out malloc'd.  Returns 0 or -1. */
static int render(const struct shot_params *p, unsigned w, unsigned h, unsigned iso,
		  int quality, const unsigned char *app1, size_t app1_len,
		  const unsigned char *icc, size_t icc_len,
		  unsigned char **out, size_t *len)
{
	struct enc e;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	e.app1 = app1;
	e.app1_len = app1_len;
	e.icc = icc;
	e.icc_len = icc_len;
	e.quality = quality;
	if (shot_scene_init(&e.scene, p->seq, w, h, iso) < 0)
		return -1;
	e.row = malloc(3 * (size_t)w);
	if (p->colour != SHOT_SRGB)
		e.xform = shot_adobe_transform();
	shot_scene_set_transform(&e.scene, e.xform);
	if (!e.row || (p->colour != SHOT_SRGB && !e.xform))
		errno = ENOMEM;
	else if (encode(&e) == 0) {
		*out = e.dst.data;
		*len = e.dst.len;
		rc = 0;
	}
	if (e.xform)
		cmsDeleteTransform(e.xform);
	free(e.row);
	shot_scene_free(&e.scene);
	return rc;
}

/* Is `s` a usable Make/Model string (bounded, printable ASCII)? */
static int valid_name(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (; s[n]; n++)
		if (n >= MAKER_MAX || (unsigned char)s[n] < 0x20 || (unsigned char)s[n] > 0x7e)
			return 0;
	return 1;
}

/* Check every field of `p` against the ranges in shot.h. */
int shot_params_valid(const struct shot_params *p)
{
	char when[20];

	return p && p->width >= 16 && p->width <= 8192 && p->height >= 16 &&
	       p->height <= 8192 && isfinite(p->exposure_s) && p->exposure_s > 0 &&
	       p->exposure_s <= 3600 && isfinite(p->fnumber) && p->fnumber >= 0.5 &&
	       p->fnumber <= 256 && p->iso >= 1 && p->iso <= 1000000 &&
	       isfinite(p->focal_mm) && p->focal_mm > 0 && p->focal_mm <= 10000 &&
	       isfinite(p->bias_ev) && fabs(p->bias_ev) <= 20 &&
	       p->orientation >= 1 && p->orientation <= 8 &&
	       (p->colour == SHOT_SRGB || p->colour == SHOT_ADOBE_EXIF ||
		p->colour == SHOT_ADOBE_ICC) &&
	       valid_name(p->make) && valid_name(p->model) &&
	       p->quality >= 0 && p->quality <= 100 &&
	       shot_exif_time(p->when, when) == 0;
}

/* Thumbnail size: fit the image's aspect ratio inside THUMB_W×THUMB_H. */
static void thumb_size(const struct shot_params *p, unsigned *tw, unsigned *th)
{
	if ((unsigned long)p->width * THUMB_H >= (unsigned long)p->height * THUMB_W) {
		*tw = THUMB_W;
		*th = (unsigned)((unsigned long)THUMB_W * p->height / p->width);
	} else {
		*th = THUMB_H;
		*tw = (unsigned)((unsigned long)THUMB_H * p->width / p->height);
	}
	if (*tw < 8)
		*tw = 8;
	if (*th < 8)
		*th = 8;
}

/* Encode the thumbnail and the EXIF block around it; the thumbnail's
 * quality drops until the block fits in one APP1. */
static int make_exif(const struct shot_params *p, unsigned char **app1, size_t *len)
{
	unsigned tw, th;

	thumb_size(p, &tw, &th);
	for (int q = 80; q >= 20; q -= 20) {
		unsigned char *thumb = NULL;
		size_t tlen = 0;
		int rc;

		if (render(p, tw, th, 0, q, NULL, 0, NULL, 0, &thumb, &tlen) < 0)
			return -1;
		rc = shot_exif(p, thumb, tlen, app1, len);
		free(thumb);
		if (rc == 0 || errno != EINVAL)
			return rc;
	}
	errno = EINVAL;
	return -1;
}

/* Encode the synthetic scene as a JPEG with EXIF (and ICC). */
int shot_jpeg(const struct shot_params *p, unsigned char **out, size_t *len)
{
	unsigned char *app1 = NULL, *icc = NULL;
	size_t app1_len = 0, icc_len = 0;
	int rc = -1;

	if (!out || !len || !shot_params_valid(p)) {
		errno = EINVAL;
		return -1;
	}
	*out = NULL;
	*len = 0;
	if (make_exif(p, &app1, &app1_len) < 0)
		return -1;
	if (p->colour == SHOT_ADOBE_ICC && shot_adobe_icc(&icc, &icc_len) < 0)
		goto done;
	rc = render(p, p->width, p->height, p->iso, p->quality ? p->quality : 90,
		    app1, app1_len, icc, icc_len, out, len);
done:
	free(app1);
	free(icc);
	return rc;
}
