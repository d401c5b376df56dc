/* Image previews: decode, orient, colour-manage and size one picture.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-preview.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "img-clip.h"
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

/* Defaults plus the user's display profile and intent. */
void img_opts_for(struct img_opts *o, const char *display_profile, const char *intent)
{
	int in = img_intent_parse(intent);

	img_opts_default(o);
	o->display_profile = display_profile;
	if (in >= 0)
		o->intent = (enum img_intent)in;
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
	unsigned char *clip = o->clip_mask ? img_clip_mask(up, (size_t)uw * uh) : NULL;
	if (o->clip_mask && !clip) {
		snprintf(err, errlen, "out of memory");
		free(up);
		return -1;
	}
	if (!o->source_values &&
	    img_colour_apply(up, (size_t)uw * uh, m->colour, m->icc, m->icc_len,
			     o->display_profile, o->intent, err, errlen) < 0) {
		free(clip);
		free(up);
		return -1;
	}
	out->w = uw, out->h = uh, out->rgb = up, out->clip = clip;
	out->info.src_w = sw, out->info.src_h = sh;
	out->info.orientation = m->orientation;
	out->info.colour = m->colour;
	out->info.icc_rejected = m->icc_rejected;
	if (!o->skip_histogram)
		img_histogram_compute(up, uw, uh, &out->hist);
	return 0;
}

/* Where the pixels are: the file itself, or JPEGs inside a raw file. */
struct located {
	const unsigned char *data;   /* the JPEG to show */
	size_t len;
	const unsigned char *small;  /* raw: its smallest JPEG when another one */
	size_t small_len;
	int raw_orient;              /* raw: TIFF orientation, 0 = none */
	bool raw;
};

/* Locate the JPEG in memory: the data itself, or the previews of a raw file. */
static int locate_jpeg(const unsigned char *data, size_t len, struct located *l,
		       char *err, size_t errlen)
{
	struct img_tiff_jpeg t;

	memset(l, 0, sizeof *l);
	l->data = data, l->len = len;
	if (!img_is_tiff(data, len))
		return 0;
	if (img_tiff_find_jpeg(data, len, &t, err, errlen) < 0)
		return -1;
	l->data = data + t.off, l->len = t.len;
	if (t.small_off != t.off)
		l->small = data + t.small_off, l->small_len = t.small_len;
	l->raw_orient = t.orientation;
	l->raw = true;
	return 0;
}

/* Render the EXIF thumbnail, or for a raw file without one its smallest
 * embedded JPEG. */
static int render_thumb(const struct located *l, const struct meta *m,
			const struct img_opts *o, struct img_preview *out,
			char *err, size_t errlen)
{
	const unsigned char *d = m->exif.thumb;
	size_t n = m->exif.thumb_len;

	if (!d && l->small)
		d = l->small, n = l->small_len;
	if (!d) {
		snprintf(err, errlen, "no EXIF thumbnail");
		return -1;
	}
	struct img_jpeg *t = img_jpeg_open(d, n, err, errlen);
	int rc = t ? render(t, m, o, out, err, errlen) : -1;
	img_jpeg_close(t);
	return rc;
}

/* Decode the located JPEG (or its thumbnail) into out. */
static int load_located(const struct located *l, const struct img_opts *o, bool thumb,
			struct img_preview *out, char *err, size_t errlen)
{
	struct meta m;

	memset(out, 0, sizeof *out);
	struct img_jpeg *j = img_jpeg_open(l->data, l->len, err, errlen);
	if (!j)
		return -1;
	read_meta(j, &m);
	if (l->raw_orient)
		m.orientation = l->raw_orient;
	int rc = thumb ? render_thumb(l, &m, o, out, err, errlen)
		       : render(j, &m, o, out, err, errlen);
	out->info.from_thumbnail = thumb && rc == 0;
	out->info.from_raw = l->raw;
	meta_free(&m);
	img_jpeg_close(j);
	return rc;
}

/* Shared body of the in-memory loaders. */
static int load_mem(const unsigned char *data, size_t len, const struct img_opts *o,
		    bool thumb, struct img_preview *out, char *err, size_t errlen)
{
	struct located l;

	memset(out, 0, sizeof *out);
	if (!data || len == 0) {
		snprintf(err, errlen, "empty file");
		return -1;
	}
	if (locate_jpeg(data, len, &l, err, errlen) < 0)
		return -1;
	return load_located(&l, o, thumb, out, err, errlen);
}

/* Read n bytes at off of fd into a new buffer (n ≤ IMG_MAX_FILE). */
static unsigned char *read_range(int fd, size_t off, size_t n, char *err, size_t errlen)
{
	if (n == 0 || n > IMG_MAX_FILE) {
		snprintf(err, errlen, "%zu bytes of JPEG is not plausible", n);
		return NULL;
	}
	unsigned char *b = malloc(n);
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (size_t got = 0; got < n;) {
		ssize_t k = pread(fd, b + got, n - got, (off_t)(off + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			snprintf(err, errlen, "%s", k < 0 ? strerror(errno) : "file shrank while read");
			free(b);
			return NULL;
		}
		got += (size_t)k;
	}
	return b;
}

/* Read the JPEG(s) of an open file: all of it, or a raw file's previews. */
static int read_located(int fd, size_t size, bool thumb,
			struct located *l, unsigned char **bufs, char *err, size_t errlen)
{
	struct img_tiff_jpeg t;
	unsigned char h[8];

	memset(l, 0, sizeof *l);
	if (size < 8 || pread(fd, h, 8, 0) != 8 || !img_is_tiff(h, 8)) {
		bufs[0] = read_range(fd, 0, size, err, errlen);
		l->data = bufs[0], l->len = size;
		return bufs[0] ? 0 : -1;
	}
	if (img_tiff_find_jpeg_fd(fd, size, &t, err, errlen) < 0)
		return -1;
	bufs[0] = read_range(fd, t.off, t.len, err, errlen);
	if (!bufs[0])
		return -1;
	l->data = bufs[0], l->len = t.len;
	l->raw_orient = t.orientation;
	l->raw = true;
	if (thumb && t.small_off != t.off) {
		bufs[1] = read_range(fd, t.small_off, t.small_len, err, errlen);
		if (!bufs[1])
			return -1;
		l->small = bufs[1], l->small_len = t.small_len;
	}
	return 0;
}

/* Load a file: read (not mapped, so a file truncated meanwhile gives an
 * error rather than SIGBUS) only the bytes of the JPEG to decode. */
static int load_file(const char *path, const struct img_opts *o, bool thumb,
		     struct img_preview *out, char *err, size_t errlen)
{
	struct stat st;
	struct located l;
	unsigned char *bufs[2] = { NULL, NULL };
	/* O_NONBLOCK: a FIFO must not block the open; regular files ignore it. */
	int rc = -1, fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	memset(out, 0, sizeof *out);
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		snprintf(err, errlen, "not a regular, non-empty file");
	else if (read_located(fd, (size_t)st.st_size, thumb, &l, bufs, err, errlen) == 0)
		rc = load_located(&l, o, thumb, out, err, errlen);
	close(fd);
	free(bufs[0]);
	free(bufs[1]);
	return rc;
}

/* Load the full preview of a file. */
int img_load_preview(const char *path, const struct img_opts *opts,
		     struct img_preview *out, char *err, size_t errlen)
{
	return load_file(path, opts, false, out, err, errlen);
}

/* Load the full preview of bytes in memory. */
int img_load_preview_mem(const unsigned char *data, size_t len,
			 const struct img_opts *opts, struct img_preview *out,
			 char *err, size_t errlen)
{
	return load_mem(data, len, opts, false, out, err, errlen);
}

/* Load the EXIF (or raw) thumbnail of a file. */
int img_load_thumbnail(const char *path, const struct img_opts *opts,
		       struct img_preview *out, char *err, size_t errlen)
{
	return load_file(path, opts, true, out, err, errlen);
}

/* Load the EXIF (or raw) thumbnail of bytes in memory. */
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
	free(p->clip);
	p->rgb = NULL;
	p->clip = NULL;
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
