/* `capa --render FILE`: one preview to stdout through the UI's pipeline.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "img-halfblock.h"
#include "img-preview.h"
#include "img-sixel.h"
#include "sanitize.h"
#include "term-probe.h"

enum mode { MODE_SIXEL, MODE_HALFBLOCK, MODE_NONE };

/* Write all of buf to fd. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Report "capa: PATH: why" on stderr, the path made safe for a terminal
 * (a file name may hold escape sequences). */
static void report(const char *path, const char *why)
{
	char *safe = sanitize_text(path, strlen(path), 4096);

	fprintf(stderr, "capa: %s: %s\n", safe ? safe : "(file)", why);
	free(safe);
}

/* True for terminals that can only show plain text. */
static bool dumb_terminal(void)
{
	const char *t = getenv("TERM");

	return !t || !*t || strcmp(t, "dumb") == 0 || strcmp(t, "linux") == 0;
}

/* Pick the output mode, probing the terminal when stdout is one. */
static enum mode pick_mode(const struct capa_options *o, struct term_caps *caps)
{
	term_caps_default(caps, isatty(STDOUT_FILENO) ? STDOUT_FILENO : -1);
	if (o->graphics && strcmp(o->graphics, "sixel") == 0)
		return MODE_SIXEL;
	if (o->graphics && strcmp(o->graphics, "halfblock") == 0)
		return MODE_HALFBLOCK;
	if (o->graphics && strcmp(o->graphics, "none") == 0)
		return MODE_NONE;
	if (!isatty(STDOUT_FILENO))
		return MODE_SIXEL; /* a pipe or file: behave like img2sixel */
	if (dumb_terminal())
		return MODE_NONE;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0) {
		term_probe(fd, o->probe_timeout, caps);
		close(fd);
	}
	return caps->sixel ? MODE_SIXEL : MODE_HALFBLOCK;
}

/* The pixel box to fit: the options, else the terminal, else 640×480. */
static void pick_box(const struct capa_options *o, const struct term_caps *caps,
		     struct img_opts *io)
{
	io->upscale = o->width > 0 || o->height > 0;
	if (io->upscale) {
		io->box_w = o->width > 0 ? (unsigned)o->width : IMG_MAX_BOX;
		io->box_h = o->height > 0 ? (unsigned)o->height : IMG_MAX_BOX;
	} else if (caps->cols > 0 && caps->rows > 1) {
		io->box_w = (unsigned)(caps->cols * caps->cell_w);
		io->box_h = (unsigned)((caps->rows - 1) * caps->cell_h);
	}
}

/* Produce the output bytes for the chosen mode. */
static int produce(enum mode m, const struct img_preview *p, int colors,
		   const struct term_caps *caps, const char *label,
		   struct img_buf *out, char *err, size_t errlen)
{
	if (m == MODE_SIXEL)
		return img_sixel_encode(p->rgb, p->w, p->h, colors, out, err, errlen);
	if (m == MODE_NONE) {
		char text[300];
		snprintf(text, sizeof text, "%s %ux%u", label, p->info.src_w, p->info.src_h);
		unsigned cols = caps->cols > 0 ? (unsigned)caps->cols : 40;
		return img_text_placeholder(cols > 60 ? 60 : cols, 5, text, out);
	}
	struct img_cell *cells = img_halfblock(p->rgb, p->w, p->h);
	int rc = cells ? img_halfblock_ansi(cells, p->w, (p->h + 1) / 2,
					    caps->truecolor ? IMG_COLOUR_TRUE : IMG_COLOUR_256,
					    out)
		       : -1;
	free(cells);
	if (rc < 0)
		snprintf(err, errlen, "out of memory");
	return rc;
}

/* Convert the pixel box to half-block pixels: one column per cell, two
 * pixels per row. */
static void box_to_cells(const struct term_caps *caps, struct img_opts *io)
{
	io->box_w = io->box_w / (unsigned)caps->cell_w;
	io->box_h = io->box_h / (unsigned)caps->cell_h * 2;
	io->box_w += !io->box_w;
	io->box_h += io->box_h < 2 ? 2 - io->box_h : 0;
	io->upscale = true;
}

/* Render opts->render to stdout. */
int render_main(const struct capa_options *o)
{
	struct term_caps caps;
	struct img_opts io;
	struct img_preview p;
	struct img_buf out = { 0 };
	char err[256];

	img_opts_for(&io, o->display_profile, o->intent);
	io.skip_histogram = true; /* only the picture is written */
	enum mode m = pick_mode(o, &caps);
	pick_box(o, &caps, &io);
	if (m == MODE_HALFBLOCK)
		box_to_cells(&caps, &io);
	if (m == MODE_NONE)
		io.box_w = io.box_h = 64;
	if (img_load_preview(o->render, &io, &p, err, sizeof err) < 0) {
		report(o->render, err);
		return 1;
	}
	int colors = o->colors < caps.colour_registers ? o->colors : caps.colour_registers;
	const char *base = strrchr(o->render, '/');
	int rc = produce(m, &p, colors, &caps, base ? base + 1 : o->render, &out, err, sizeof err);
	img_preview_free(&p);
	if (rc == 0 && write_all(STDOUT_FILENO, out.data, out.len) < 0) {
		snprintf(err, sizeof err, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	img_buf_free(&out);
	if (rc < 0) {
		report(o->render, err);
		return 1;
	}
	return 0;
}
