/* The full-screen review: one shot fitted to the screen or at 1:1 with
 * panning, its luma histogram and clipped-pixel figures.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-preview.h"
#include "img-sixel.h"
#include "loop.h"
#include "term.h"
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZOOM_MAX 4096 /* widest "1:1" picture kept in memory */

struct ui_review {
	char *path;
	struct img_preview fit, full;  /* fitted; native size (zoom) */
	bool have_fit, have_full, zoom;
	unsigned px, py;               /* top-left of the 1:1 view */
	unsigned char *vpx;            /* the pixels on screen now */
	unsigned vw, vh;
	bool stale;                    /* vpx/six must be made again */
	struct img_buf six;
	bool emit;
	char err[200];
};

/* The image area in cells: below the title, above the two figure rows. */
static void area(const struct ui *ui, int *cols, int *rows)
{
	*cols = ui->cols - 2;
	*rows = ui->rows - 4;
	if (*cols < 1) *cols = 1;
	if (*rows < 1) *rows = 1;
}

/* The image area in pixels for the current graphics mode. */
static void area_px(const struct ui *ui, unsigned *w, unsigned *h)
{
	int c, r;
	area(ui, &c, &r);
	if (ui->graphics == UI_GFX_SIXEL) {
		*w = (unsigned)(c * ui->cell_w);
		*h = (unsigned)(r * ui->cell_h) / 6 * 6;
	} else {
		*w = (unsigned)c;
		*h = (unsigned)r * 2;
	}
}

/* Load one preview of the review's file into *out. */
static int load(struct ui *ui, unsigned bw, unsigned bh, struct img_preview *out)
{
	struct ui_review *rv = ui->review;
	struct img_opts o;
	char err[200];
	img_opts_for(&o, ui->opts->display_profile, ui->opts->intent);
	o.box_w = bw;
	o.box_h = bh;
	if (img_load_preview(rv->path, &o, out, err, sizeof err) < 0) {
		ui_text_clean(err, rv->err, sizeof rv->err);
		return -1;
	}
	return 0;
}

/* The pixels to show now (fit, or a crop of the 1:1 picture) into a
 * malloc'd buffer of *w × *h; NULL when there is nothing. */
static unsigned char *view(struct ui *ui, unsigned *w, unsigned *h)
{
	struct ui_review *rv = ui->review;
	if (!rv->zoom || !rv->have_full) {
		if (!rv->have_fit)
			return NULL;
		*w = rv->fit.w;
		*h = rv->fit.h;
		unsigned char *c = malloc((size_t)*w * *h * 3);
		if (c)
			memcpy(c, rv->fit.rgb, (size_t)*w * *h * 3);
		return c;
	}
	unsigned aw, ah;
	area_px(ui, &aw, &ah);
	*w = aw < rv->full.w ? aw : rv->full.w;
	*h = ah < rv->full.h ? ah : rv->full.h;
	if (rv->px + *w > rv->full.w) rv->px = rv->full.w - *w;
	if (rv->py + *h > rv->full.h) rv->py = rv->full.h - *h;
	unsigned char *c = malloc((size_t)*w * *h * 3);
	if (!c)
		return NULL;
	for (unsigned y = 0; y < *h; y++)
		memcpy(c + (size_t)y * *w * 3, rv->full.rgb + ((size_t)(rv->py + y) * rv->full.w + rv->px) * 3,
		       (size_t)*w * 3);
	return c;
}

void ui_review_free(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	if (!rv)
		return;
	img_preview_free(&rv->fit);
	img_preview_free(&rv->full);
	img_buf_free(&rv->six);
	free(rv->vpx);
	free(rv->path);
	free(rv);
	ui->review = NULL;
}

void ui_review_open(struct ui *ui, const char *path)
{
	unsigned bw, bh;
	ui_review_free(ui);
	ui->review = calloc(1, sizeof *ui->review);
	if (!ui->review || !(ui->review->path = strdup(path))) {
		ui_review_free(ui);
		return;
	}
	area_px(ui, &bw, &bh);
	ui->review->have_fit = load(ui, bw, bh, &ui->review->fit) == 0;
	ui->review_open = true;
}

/* Draw the luma histogram as a bar row and the clipping figures. */
static void draw_figures(struct ui *ui, const struct img_preview *img)
{
	static const char *const bar[] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
					   "\u2585", "\u2586", "\u2587", "\u2588" };
	const struct img_histogram *h = &img->hist;
	char buf[256];
	int nb = ui->cols - 2 < 64 ? ui->cols - 2 : 64;
	uint32_t bins[64] = { 0 }, top = 1;

	for (int i = 0; i < 256; i++)
		bins[i * nb / 256] += h->luma[i];
	for (int i = 0; i < nb; i++)
		if (bins[i] > top)
			top = bins[i];
	move(ui->rows - 2, 1);
	attron(theme_attr(TS_VALUE));
	for (int i = 0; i < nb; i++)
		addstr(bar[(int)((double)bins[i] * 8 / top)]);
	attroff(theme_attr(TS_VALUE));
	snprintf(buf, sizeof buf, "%ux%u  clipped: %.2f%% highlights, %.2f%% shadows  %s",
		 img->info.src_w, img->info.src_h, h->clipped_high_pct, h->clipped_low_pct,
		 ui->review->zoom ? "[1:1, arrows pan, z fit]" : "[fit, z 1:1]");
	ui_put(stdscr, ui->rows - 1, 1, ui->cols - 2, theme_attr(TS_NORMAL), buf);
}

/* Make the on-screen pixels (and their sixel) again after a change. */
static void refresh_view(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	char err[200];
	free(rv->vpx);
	rv->vpx = view(ui, &rv->vw, &rv->vh);
	rv->stale = false;
	img_buf_free(&rv->six);
	memset(&rv->six, 0, sizeof rv->six);
	if (rv->vpx && ui->graphics == UI_GFX_SIXEL &&
	    img_sixel_encode(rv->vpx, rv->vw, rv->vh, ui->colors, &rv->six, err, sizeof err) < 0)
		ui_text_clean(err, rv->err, sizeof rv->err);
}

void ui_review_draw(struct ui *ui, bool full)
{
	struct ui_review *rv = ui->review;
	char title[300], name[200];
	erase();
	attron(theme_attr(TS_STATUS));
	mvhline(0, 0, ' ', ui->cols);
	attroff(theme_attr(TS_STATUS));
	const char *base = rv ? strrchr(rv->path, '/') : NULL;
	snprintf(title, sizeof title, " review: %s  (Esc back)",
		 rv ? ui_text_clean(base ? base + 1 : rv->path, name, sizeof name) : "");
	ui_put(stdscr, 0, 0, ui->cols, theme_attr(TS_STATUS), title);
	if (!rv || rv->err[0] || !rv->have_fit) {
		ui_put(stdscr, 2, 2, ui->cols - 4, theme_attr(TS_LOG_ERROR), rv && rv->err[0] ? rv->err : "no picture");
		return;
	}
	if (rv->stale || !rv->vpx) {
		refresh_view(ui);
		full = true;
	}
	if (rv->vpx && (ui->graphics == UI_GFX_SIXEL || ui_blocks_24bit(ui))) {
		/* Cells stay blank for curses; the image goes out after doupdate. */
		if (full)
			rv->emit = true;
	} else if (rv->vpx && ui->graphics == UI_GFX_HALFBLOCK) {
		int c, r;
		area(ui, &c, &r);
		ui_draw_halfblocks(stdscr, 1, 1, rv->vpx, rv->vw, rv->vh, c, r);
	}
	draw_figures(ui, &rv->fit);
}

void ui_review_emit(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	bool hb_true = ui_blocks_24bit(ui);
	if (!rv || !rv->emit || (hb_true ? !rv->vpx : !rv->six.len))
		return;
	rv->emit = false;
	if (hb_true) {
		int c, r;
		area(ui, &c, &r);
		ui_write_truecolor_blocks(1, 1, rv->vpx, rv->vw, rv->vh, c, r);
	} else
		term_write_at(1, 1, rv->six.data, rv->six.len);
}

/* Switch between fit and 1:1, loading the big picture on first use. */
static void toggle_zoom(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	rv->zoom = !rv->zoom;
	if (rv->zoom && !rv->have_full) {
		unsigned w = rv->fit.info.src_w, h = rv->fit.info.src_h;
		if (w > ZOOM_MAX) {
			h = (unsigned)((double)h * ZOOM_MAX / w);
			w = ZOOM_MAX;
		}
		rv->have_full = load(ui, w ? w : 1, h ? h : 1, &rv->full) == 0;
		/* Start in the middle. */
		unsigned aw, ah;
		area_px(ui, &aw, &ah);
		rv->px = rv->full.w > aw ? (rv->full.w - aw) / 2 : 0;
		rv->py = rv->full.h > ah ? (rv->full.h - ah) / 2 : 0;
	}
}

/* A new terminal size: fit again, crop again. */
void ui_review_resized(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	unsigned bw, bh;
	if (!rv)
		return;
	area_px(ui, &bw, &bh);
	img_preview_free(&rv->fit);
	rv->have_fit = load(ui, bw, bh, &rv->fit) == 0;
	rv->stale = true;
}

int ui_review_key(struct ui *ui, enum ui_cmd cmd, int ch)
{
	struct ui_review *rv = ui->review;
	unsigned aw, ah;
	(void)ch;
	if (keys_cancels(cmd) || cmd == UC_ENTER || cmd == UC_QUIT || !rv) {
		ui->review_open = false;
		ui_review_free(ui);
		return LOOP_REDRAW | LOOP_FULL;
	}
	area_px(ui, &aw, &ah);
	switch (cmd) {
	case UC_ZOOM: toggle_zoom(ui); break;
	case UC_LEFT: rv->px = rv->px > aw / 4 ? rv->px - aw / 4 : 0; break;
	case UC_RIGHT: rv->px += aw / 4; break;
	case UC_UP: rv->py = rv->py > ah / 4 ? rv->py - ah / 4 : 0; break;
	case UC_DOWN: rv->py += ah / 4; break;
	default: return 0;
	}
	rv->stale = true;
	return LOOP_REDRAW | LOOP_FULL;
}
