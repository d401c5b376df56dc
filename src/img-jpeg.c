/* JPEG decoding with libjpeg-turbo: DCT scaling plus streaming resample.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-jpeg.h"

#include <stdio.h> /* before jpeglib.h, which needs FILE */

#include <jerror.h>
#include <jpeglib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "img-resample.h"

#define ROWS_PER_READ 16

struct err_mgr {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
};

struct img_jpeg {
	struct jpeg_decompress_struct cinfo;
	struct err_mgr jerr;
	struct jpeg_progress_mgr progress;
	struct img_seg app2[IMG_JPEG_MAX_SEGS];
	size_t napp2;
	const unsigned char *exif;
	size_t exif_len;
	struct img_resampler rs; /* here, not on the stack: it lives across setjmp */
};

/* libjpeg fatal error: remember the message and unwind. */
static void on_error(j_common_ptr c)
{
	struct err_mgr *e = (struct err_mgr *)c->err;

	c->err->format_message(c, e->msg);
	longjmp(e->jump, 1);
}

/* libjpeg warnings mean corrupt or truncated data: treat them as errors,
 * except stray bytes between markers, which cameras do write. */
static void on_message(j_common_ptr c, int level)
{
	if (level == -1 && c->err->msg_code != JWRN_EXTRANEOUS_DATA)
		on_error(c);
}

/* libjpeg progress: refuse a file once it has too many scans. */
static void on_progress(j_common_ptr c)
{
	struct err_mgr *e = (struct err_mgr *)c->err;
	int scan = ((j_decompress_ptr)c)->input_scan_number;

	if (scan > IMG_JPEG_MAX_SCANS) {
		snprintf(e->msg, sizeof e->msg, "more than %d scans", IMG_JPEG_MAX_SCANS);
		longjmp(e->jump, 1);
	}
}

/* APP1/APP2 processor: note where the first EXIF payload and the
 * ICC_PROFILE payloads lie in the caller's buffer and skip them. The memory
 * source holds the whole file, so nothing is copied (jpeg_save_markers
 * would copy every APPn, and its copies are not under max_memory_to_use). */
static boolean on_app_marker(j_decompress_ptr c)
{
	struct img_jpeg *j = (struct img_jpeg *)(void *)c; /* cinfo comes first */
	struct jpeg_source_mgr *s = c->src;

	if (s->bytes_in_buffer < 2)
		ERREXIT(c, JERR_INPUT_EOF);
	size_t seglen = (size_t)s->next_input_byte[0] << 8 | s->next_input_byte[1];
	if (seglen < 2)
		ERREXIT(c, JERR_BAD_LENGTH);
	if (seglen > s->bytes_in_buffer)
		ERREXIT(c, JERR_INPUT_EOF);
	const unsigned char *d = s->next_input_byte + 2;
	size_t n = seglen - 2;
	if (c->unread_marker == JPEG_APP0 + 1 && !j->exif && n >= 6 &&
	    memcmp(d, "Exif\0\0", 6) == 0) {
		j->exif = d;
		j->exif_len = n;
	} else if (c->unread_marker == JPEG_APP0 + 2 && j->napp2 < IMG_JPEG_MAX_SEGS &&
		   n >= 12 && memcmp(d, "ICC_PROFILE", 12) == 0) {
		/* Only ICC segments count: other APP2 data (FlashPix) must not
		 * use up the slots. */
		j->app2[j->napp2].data = d;
		j->app2[j->napp2++].len = n;
	}
	s->next_input_byte += seglen;
	s->bytes_in_buffer -= seglen;
	return TRUE;
}

/* Set up libjpeg on j and read the header; -1 with err on failure. */
static int read_header(struct img_jpeg *j, const unsigned char *data, size_t len,
		       char *err, size_t errlen)
{
	j->cinfo.err = jpeg_std_error(&j->jerr.pub);
	j->jerr.pub.error_exit = on_error;
	j->jerr.pub.emit_message = on_message;
	if (setjmp(j->jerr.jump)) {
		snprintf(err, errlen, "JPEG header: %s", j->jerr.msg);
		return -1;
	}
	jpeg_create_decompress(&j->cinfo);
	j->cinfo.mem->max_memory_to_use = IMG_JPEG_MAX_MEM;
	j->progress.progress_monitor = on_progress;
	j->cinfo.progress = &j->progress;
	jpeg_mem_src(&j->cinfo, data, (unsigned long)len);
	jpeg_set_marker_processor(&j->cinfo, JPEG_APP0 + 1, on_app_marker);
	jpeg_set_marker_processor(&j->cinfo, JPEG_APP0 + 2, on_app_marker);
	jpeg_read_header(&j->cinfo, TRUE);
	return 0;
}

/* Read the header. */
struct img_jpeg *img_jpeg_open(const unsigned char *data, size_t len,
			       char *err, size_t errlen)
{
	if (len < 4 || len > 0xffffffffu || data[0] != 0xff || data[1] != 0xd8) {
		snprintf(err, errlen, "not a JPEG file");
		return NULL;
	}
	struct img_jpeg *j = calloc(1, sizeof *j);
	if (!j) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (read_header(j, data, len, err, errlen) < 0) {
		img_jpeg_close(j);
		return NULL;
	}
	return j;
}

/* Stored size of the image. */
void img_jpeg_size(const struct img_jpeg *j, unsigned *w, unsigned *h)
{
	*w = j->cinfo.image_width;
	*h = j->cinfo.image_height;
}

/* The first APP1 "Exif" payload. */
const unsigned char *img_jpeg_exif(const struct img_jpeg *j, size_t *len)
{
	*len = j->exif_len;
	return j->exif;
}

/* The APP2 payloads. */
size_t img_jpeg_app2(const struct img_jpeg *j, const struct img_seg **segs)
{
	*segs = j->app2;
	return j->napp2;
}

/* Choose the smallest scale n/8 whose output is not below out_w×out_h. */
static void choose_scale(struct jpeg_decompress_struct *c, unsigned out_w, unsigned out_h)
{
	c->scale_denom = 8;
	for (unsigned n = 1; n <= 8; n++) {
		c->scale_num = n;
		jpeg_calc_output_dimensions(c);
		if (c->output_width >= out_w && c->output_height >= out_h)
			return;
	}
}

/* Stream scanlines into the resampler. */
static void read_rows(struct jpeg_decompress_struct *c, struct img_resampler *r,
		      unsigned char *rows)
{
	JSAMPROW ptrs[ROWS_PER_READ];
	size_t stride = (size_t)c->output_width * 3;

	for (int i = 0; i < ROWS_PER_READ; i++)
		ptrs[i] = rows + stride * (size_t)i;
	while (c->output_scanline < c->output_height) {
		JDIMENSION got = jpeg_read_scanlines(c, ptrs, ROWS_PER_READ);
		for (JDIMENSION i = 0; i < got; i++)
			img_resampler_push(r, ptrs[i]);
		if (!got)
			break;
	}
}

/* Decode into out. */
int img_jpeg_decode(struct img_jpeg *j, unsigned out_w, unsigned out_h,
		    unsigned char *out, char *err, size_t errlen)
{
	struct jpeg_decompress_struct *c = &j->cinfo;
	struct img_resampler *r = &j->rs;
	unsigned char *volatile rows = NULL;

	memset(r, 0, sizeof *r);
	if (setjmp(j->jerr.jump)) {
		snprintf(err, errlen, "JPEG data: %s", j->jerr.msg);
		free(rows);
		img_resampler_free(r);
		return -1;
	}
	c->out_color_space = JCS_RGB;
	c->dct_method = JDCT_ISLOW;
	c->do_fancy_upsampling = TRUE;
	choose_scale(c, out_w, out_h);
	jpeg_start_decompress(c);
	if (c->output_components != 3 ||
	    img_resampler_init(r, c->output_width, c->output_height, out_w, out_h, out) < 0 ||
	    !(rows = malloc((size_t)c->output_width * 3 * ROWS_PER_READ))) {
		snprintf(err, errlen, "JPEG: cannot decode %s",
			 c->output_components != 3 ? "this colour space" : "(out of memory)");
		free(rows);
		img_resampler_free(r);
		return -1;
	}
	read_rows(c, r, rows);
	if (c->output_scanline < c->output_height) {
		/* Not reached with a memory source (it never suspends), but
		 * the rows not written would be uninitialised pixels. */
		snprintf(err, errlen, "JPEG data: ended at row %u of %u",
			 c->output_scanline, c->output_height);
		free(rows);
		img_resampler_free(r);
		return -1;
	}
	jpeg_finish_decompress(c);
	free(rows);
	img_resampler_free(r);
	return 0;
}

/* Free the handle. */
void img_jpeg_close(struct img_jpeg *j)
{
	if (!j)
		return;
	jpeg_destroy_decompress(&j->cinfo);
	free(j);
}
