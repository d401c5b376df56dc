/* Image previews: decode, orient, colour-manage and size one picture.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-preview.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "img-colour.h"
#include "img-exif.h"
#include "img-icc.h"
#include "img-jpeg.h"
#include "img-resample.h"
#include "img-tiff.h"

/* What the file says about orientation and colour. */
struct meta {
	int orientation;
	enum img_colour_source colour;
	unsigned char *icc;  /* valid profile when colour == IMG_SRC_ICC */
	size_t icc_len;
	bool icc_rejected;
	struct img_exif exif;
};

/* Fill `o` with defaults. */
void img_opts_default(struct img_opts *o)
{
	memset(o, 0, sizeof *o);
	o->box_w = 640;
	o->box_h = 480;
	o->intent = IMG_INTENT_PERCEPTUAL;
}

/* Parse a rendering intent name. */
int img_intent_parse(const char *name)
{
	static const char *const names[] = { "perceptual", "relative", "saturation", "absolute" };

	for (int i = 0; name && i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

/* Read orientation, EXIF colour space and the ICC profile from j's markers. */
static void read_meta(const struct img_jpeg *j, struct meta *m)
{
	const struct img_seg *segs;
	size_t n, exif_len;
	const unsigned char *exif = img_jpeg_exif(j, &exif_len);
	char why[160];

	memset(m, 0, sizeof *m);
	img_exif_parse(exif ? exif : (const unsigned char *)"", exif_len, &m->exif);
	m->orientation = m->exif.orientation;
	m->colour = m->exif.adobe_rgb ? IMG_SRC_ADOBE_EXIF : IMG_SRC_SRGB;
	n = img_jpeg_app2(j, &segs);
	int rc = img_icc_assemble(segs, n, &m->icc, &m->icc_len, why, sizeof why);
	if (rc == 1 && img_icc_validate(m->icc, m->icc_len, why, sizeof why) == 0) {
		m->colour = IMG_SRC_ICC;
		return;
	}
	if (rc != 0)
		m->icc_rejected = true;
	free(m->icc);
	m->icc = NULL;
	m->icc_len = 0;
}

/* Free what read_meta allocated. */
static void meta_free(struct meta *m)
{
	free(m->icc);
	img_exif_free(&m->exif);
}

/* Refuse absurd sizes before any pixel is decoded. */
static int check_size(unsigned w, unsigned h, char *err, size_t errlen)
{
	if (w == 0 || h == 0 || w > IMG_MAX_SIDE || h > IMG_MAX_SIDE ||
	    (unsigned long long)w * h > IMG_MAX_PIXELS) {
		snprintf(err, errlen, "image too large: %u×%u (limit %u px a side, %u Mpx)",
			 w, h, IMG_MAX_SIDE, IMG_MAX_PIXELS / 1000000);
		return -1;
	}
	return 0;
}

/* Decode j with metadata m into out: size, orient, colour, histogram. */
static int render(struct img_jpeg *j, const struct meta *m, const struct img_opts *o,
		  struct img_preview *out, char *err, size_t errlen)
{
	unsigned sw, sh, uw, uh, fw, fh;
	bool swap = m->orientation >= 5;

	img_jpeg_size(j, &sw, &sh);
	if (check_size(sw, sh, err, errlen) < 0)
		return -1;
	unsigned bw = o->box_w ? o->box_w : 1, bh = o->box_h ? o->box_h : 1;
	bw = bw > IMG_MAX_BOX ? IMG_MAX_BOX : bw;
	bh = bh > IMG_MAX_BOX ? IMG_MAX_BOX : bh;
	img_fit_box(swap ? sh : sw, swap ? sw : sh, bw, bh, o->upscale, &uw, &uh);
	fw = swap ? uh : uw, fh = swap ? uw : uh; /* size before orientation */
	unsigned char *stored = malloc((size_t)fw * fh * 3);
	if (!stored) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (img_jpeg_decode(j, fw, fh, stored, err, errlen) < 0) {
		free(stored);
		return -1;
	}
	unsigned char *up = stored;
	if (m->orientation != 1) {
		up = img_orient(stored, fw, fh, m->orientation, &uw, &uh);
		free(stored);
		if (!up) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	if (img_colour_apply(up, (size_t)uw * uh, m->colour, m->icc, m->icc_len,
			     o->display_profile, o->intent, err, errlen) < 0) {
		free(up);
		return -1;
	}
	out->w = uw, out->h = uh, out->rgb = up;
	out->info.src_w = sw, out->info.src_h = sh;
	out->info.orientation = m->orientation;
	out->info.colour = m->colour;
	out->info.icc_rejected = m->icc_rejected;
	img_histogram_compute(up, uw, uh, &out->hist);
	return 0;
}

/* Locate the JPEG: the data itself, or the preview inside a raw file. */
static int locate_jpeg(const unsigned char **data, size_t *len, int *raw_orient,
		       bool *from_raw, char *err, size_t errlen)
{
	struct img_tiff_jpeg t;

	*raw_orient = 0;
	*from_raw = false;
	if (!img_is_tiff(*data, *len))
		return 0;
	if (img_tiff_find_jpeg(*data, *len, &t, err, errlen) < 0)
		return -1;
	*data += t.off;
	*len = t.len;
	*raw_orient = t.orientation;
	*from_raw = true;
	return 0;
}

/* Shared body of the preview and thumbnail loaders. */
static int load_mem(const unsigned char *data, size_t len, const struct img_opts *o,
		    bool thumb, struct img_preview *out, char *err, size_t errlen)
{
	struct meta m;
	int raw_orient, rc = -1;
	bool from_raw;

	memset(out, 0, sizeof *out);
	if (!data || len == 0) {
		snprintf(err, errlen, "empty file");
		return -1;
	}
	if (locate_jpeg(&data, &len, &raw_orient, &from_raw, err, errlen) < 0)
		return -1;
	struct img_jpeg *j = img_jpeg_open(data, len, err, errlen);
	if (!j)
		return -1;
	read_meta(j, &m);
	if (raw_orient)
		m.orientation = raw_orient;
	if (!thumb) {
		rc = render(j, &m, o, out, err, errlen);
	} else if (!m.exif.thumb) {
		snprintf(err, errlen, "no EXIF thumbnail");
	} else {
		struct img_jpeg *t = img_jpeg_open(m.exif.thumb, m.exif.thumb_len, err, errlen);
		rc = t ? render(t, &m, o, out, err, errlen) : -1;
		img_jpeg_close(t);
	}
	out->info.from_thumbnail = thumb && rc == 0;
	out->info.from_raw = from_raw;
	meta_free(&m);
	img_jpeg_close(j);
	return rc;
}

/* Map a whole regular file read-only. */
static int map_file(const char *path, const unsigned char **data, size_t *len,
		    char *err, size_t errlen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (unsigned long long)st.st_size > IMG_MAX_FILE) {
		snprintf(err, errlen, "%s: not a regular file of a plausible size", path);
		close(fd);
		return -1;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	*data = p;
	*len = (size_t)st.st_size;
	return 0;
}

/* Load a file with load_mem. */
static int load_file(const char *path, const struct img_opts *o, bool thumb,
		     struct img_preview *out, char *err, size_t errlen)
{
	const unsigned char *data;
	size_t len;

	memset(out, 0, sizeof *out);
	if (map_file(path, &data, &len, err, errlen) < 0)
		return -1;
	int rc = load_mem(data, len, o, thumb, out, err, errlen);
	munmap((void *)data, len);
	return rc;
}

int img_load_preview(const char *path, const struct img_opts *opts,
		     struct img_preview *out, char *err, size_t errlen)
{
	return load_file(path, opts, false, out, err, errlen);
}

int img_load_preview_mem(const unsigned char *data, size_t len,
			 const struct img_opts *opts, struct img_preview *out,
			 char *err, size_t errlen)
{
	return load_mem(data, len, opts, false, out, err, errlen);
}

int img_load_thumbnail(const char *path, const struct img_opts *opts,
		       struct img_preview *out, char *err, size_t errlen)
{
	return load_file(path, opts, true, out, err, errlen);
}

int img_load_thumbnail_mem(const unsigned char *data, size_t len,
			   const struct img_opts *opts, struct img_preview *out,
			   char *err, size_t errlen)
{
	return load_mem(data, len, opts, true, out, err, errlen);
}

/* Free the pixels of p. */
void img_preview_free(struct img_preview *p)
{
	if (!p)
		return;
	free(p->rgb);
	p->rgb = NULL;
	p->w = p->h = 0;
}

/* Compute the histogram of w×h RGB888 pixels. */
void img_histogram_compute(const unsigned char *rgb, unsigned w, unsigned h,
			   struct img_histogram *hist)
{
	size_t n = (size_t)w * h, high = 0, low = 0;

	memset(hist, 0, sizeof *hist);
	for (size_t i = 0; i < n; i++, rgb += 3) {
		unsigned r = rgb[0], g = rgb[1], b = rgb[2];
		hist->r[r]++, hist->g[g]++, hist->b[b]++;
		hist->luma[(54 * r + 183 * g + 19 * b + 128) >> 8]++;
		high += r == 255 || g == 255 || b == 255;
		low += (r | g | b) == 0;
	}
	if (n) {
		hist->clipped_high_pct = 100.0 * (double)high / (double)n;
		hist->clipped_low_pct = 100.0 * (double)low / (double)n;
	}
}
