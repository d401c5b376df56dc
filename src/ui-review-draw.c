/* Drawing the full-screen review: the title with the shot's exposure, the
 * picture (clipped pixels marked on request), R, G, B and luma histograms,
 * the clipping figures and the keys.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-clip.h"
#include "term.h"
#include "ui-exposure.h"
#include "ui-review.h"
#include "ui-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows of the histogram band. */
static int band_rows(const struct ui *ui)
{
	int b = ui->rows / 9;
	return b < 1 ? 1 : b > 5 ? 5 : b;
}

void review_area(const struct ui *ui, int *cols, int *rows)
{
	*cols = ui->cols - 2;
	*rows = ui->rows - 3 - band_rows(ui); /* title; band, figures, keys */
	if (*cols < 1) *cols = 1;
	if (*rows < 1) *rows = 1;
}

void review_area_px(const struct ui *ui, unsigned *w, unsigned *h)
{
	int c, r;
	review_area(ui, &c, &r);
	if (ui->graphics == UI_GFX_SIXEL) {
		*w = (unsigned)(c * ui->cell_w);
		*h = (unsigned)(r * ui->cell_h) / 6 * 6;
	} else {
		*w = (unsigned)c;
		*h = (unsigned)r * 2;
	}
	if (*w < 1) *w = 1;
	if (*h < 1) *h = 1;
}

/* Copy a w×h window at (x, y) of an image with `stride` pixels a row;
 * `bpp` bytes a pixel.  NULL when src is NULL or out of memory. */
static unsigned char *crop(const unsigned char *src, unsigned stride, unsigned x, unsigned y,
			   unsigned w, unsigned h, unsigned bpp)
{
	unsigned char *c = src ? malloc((size_t)w * h * bpp) : NULL;
	for (unsigned r = 0; c && r < h; r++)
		memcpy(c + (size_t)r * w * bpp, src + ((size_t)(y + r) * stride + x) * bpp,
		       (size_t)w * bpp);
	return c;
}

/* The pixels to show now (fit, or a crop of the 1:1 picture), marked when
 * asked, into a malloc'd buffer of *w × *h; NULL when there is nothing. */
static unsigned char *view(struct ui *ui, unsigned *w, unsigned *h)
{
	struct ui_review *rv = ui->review;
	const struct img_preview *src = rv->zoom && rv->have_full ? &rv->full : &rv->fit;
	unsigned x = 0, y = 0;
	if (src == &rv->full) {
		unsigned aw, ah;
		review_area_px(ui, &aw, &ah);
		*w = aw < rv->full.w ? aw : rv->full.w;
		*h = ah < rv->full.h ? ah : rv->full.h;
		if (rv->px + *w > rv->full.w) rv->px = rv->full.w - *w;
		if (rv->py + *h > rv->full.h) rv->py = rv->full.h - *h;
		x = rv->px, y = rv->py;
	} else {
		*w = rv->fit.w;
		*h = rv->fit.h;
	}
	unsigned char *px = crop(src->rgb, src->w, x, y, *w, *h, 3);
	if (px && rv->marks && src->clip) {
		unsigned char *m = crop(src->clip, src->w, x, y, *w, *h, 1);
		if (m)
			img_clip_paint(px, m, (size_t)*w * *h);
		free(m);
	}
	return px;
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
	if (!rv->vpx || ui->graphics != UI_GFX_SIXEL)
		return;
	bool plain_fit = !(rv->zoom && rv->have_full) && !rv->marks && rv->fit_six.len;
	if (plain_fit && img_buf_append(&rv->six, rv->fit_six.data, rv->fit_six.len) == 0)
		return; /* encoded by the decoder thread */
	if (img_sixel_encode(rv->vpx, rv->vw, rv->vh, ui->colors, &rv->six, err, sizeof err) < 0)
		ui_text_clean(err, rv->err, sizeof rv->err);
}

/* "3/12": the shot's place among the log's shots on disk ("" if none). */
static void place(const struct ui *ui, char *out, size_t len)
{
	const struct log_row *row = review_row(ui);
	size_t n = 0, at = 0;
	for (size_t i = 0; i < ui->n_log; i++)
		if (ui->log[i].kind == LK_SHOT && ui->log[i].path && ui->log[i].saved) {
			n++;
			if (&ui->log[i] == row)
				at = n;
		}
	if (at)
		snprintf(out, len, "%zu/%zu", at, n);
	else
		out[0] = 0;
}

/* The title bar: name, time, exposure, size, place in the log. */
static void draw_title(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	const struct log_row *row = rv && rv->path ? review_row(ui) : NULL;
	char title[400], name[200], tm[16] = "", ex[96] = "", size[32] = "", at[32];
	const char *base = rv && rv->path ? strrchr(rv->path, '/') : NULL;

	attron(theme_attr(TS_STATUS));
	mvhline(0, 0, ' ', ui->cols);
	attroff(theme_attr(TS_STATUS));
	if (row) {
		strftime(tm, sizeof tm, "%H:%M:%S", localtime(&row->when));
		ui_fmt_exposure(row->exposure_s, row->fnumber, row->iso, row->focal_mm, ex, sizeof ex);
	}
	if (rv && rv->have_measure)
		snprintf(size, sizeof size, "%ux%u", rv->src_w, rv->src_h);
	place(ui, at, sizeof at);
	snprintf(title, sizeof title, " review: %s  %s  %s  %s  %s",
		 rv && rv->path ? ui_text_clean(base ? base + 1 : rv->path, name, sizeof name) : "",
		 tm, ex, size, at);
	ui_put(stdscr, 0, 0, ui->cols, theme_attr(TS_STATUS), title);
}

/* A colour pair's attribute for fg on the default background. */
static int colour_attr(short fg)
{
	int pair = has_colors() ? alloc_pair(fg, -1) : -1;
	return pair > 0 ? (int)COLOR_PAIR(pair) : 0;
}

/* One histogram in w×h cells at (y, x): a label column, then bars in
 * eighths.  The end bins (clipped) do not set the scale, so a spike of
 * blown highlights does not flatten the rest. */
static void draw_hist(int y, int x, int w, int h, const uint32_t v[256], const char *label,
		      int attr)
{
	static const char *const bar[] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
					   "\u2585", "\u2586", "\u2587", "\u2588" };
	uint64_t bins[256] = { 0 }, top = 0;
	int nb = w - 1 > 256 ? 256 : w - 1;
	if (nb < 1 || h < 1)
		return;
	for (int i = 0; i < 256; i++)
		bins[i * nb / 256] += v[i];
	for (int j = nb >= 3 ? 1 : 0; j < (nb >= 3 ? nb - 1 : nb); j++)
		top = bins[j] > top ? bins[j] : top;
	for (int j = 0; !top && j < nb; j++)
		top = bins[j] > top ? bins[j] : top;
	attron(attr);
	mvaddstr(y + h - 1, x, label);
	for (int j = 0; j < nb && top; j++) {
		double f = (double)bins[j] * h * 8 / (double)top;
		int level = f > h * 8 ? h * 8 : (int)(f + 0.5);
		if (bins[j] && !level)
			level = 1;
		for (int r = 0; r < h; r++) {
			int rem = level - r * 8;
			mvaddstr(y + h - 1 - r, x + 1 + j, bar[rem >= 8 ? 8 : rem > 0 ? rem : 0]);
		}
	}
	attroff(attr);
}

/* The R, G, B and luma histograms side by side above the figures. */
static void draw_histograms(struct ui *ui)
{
	const struct ui_review *rv = ui->review;
	int h = band_rows(ui), y = ui->rows - 2 - h, w = (ui->cols - 2 - 3) / 4;
	if (!rv || !rv->have_measure || w < 4)
		return;
	draw_hist(y, 1, w, h, rv->hist.r, "R", colour_attr(COLOR_RED));
	draw_hist(y, 1 + (w + 1), w, h, rv->hist.g, "G", colour_attr(COLOR_GREEN));
	draw_hist(y, 1 + 2 * (w + 1), w, h, rv->hist.b, "B", colour_attr(COLOR_BLUE));
	draw_hist(y, 1 + 3 * (w + 1), w, h, rv->hist.luma, "L", theme_attr(TS_VALUE));
}

/* The clipping figures of the measuring decode. */
static void draw_figures(struct ui *ui)
{
	const struct ui_review *rv = ui->review;
	const struct img_histogram *h = &rv->hist;
	char buf[256];
	double n = 0;
	for (int i = 0; i < 256; i++)
		n += h->luma[i];
	if (rv->have_measure && n > 0)
		snprintf(buf, sizeof buf,
			 "clipped: %.2f%% highlights, %.2f%% shadows; at 255: R %.2f%% G %.2f%% B %.2f%%",
			 h->clipped_high_pct, h->clipped_low_pct, 100.0 * h->r[255] / n,
			 100.0 * h->g[255] / n, 100.0 * h->b[255] / n);
	else
		snprintf(buf, sizeof buf, "%s", rv->measure_err[0] ? rv->measure_err : "measuring...");
	ui_put(stdscr, ui->rows - 2, 1, ui->cols - 2, theme_attr(TS_NORMAL), buf);
}

/* The first key bound to cmd ("" when none). */
static const char *key1(enum ui_cmd cmd, char *buf, size_t len)
{
	keys_for_cmd(cmd, buf, len);
	buf[strcspn(buf, ",")] = 0;
	return buf;
}

/* The bottom line: a message, or the review's keys. */
static void draw_keys(struct ui *ui)
{
	const struct ui_review *rv = ui->review;
	char buf[300], n[24], p[24], z[24], x[24], sp[24], esc[24];
	if (ui->msg[0]) {
		ui_put(stdscr, ui->rows - 1, 1, ui->cols - 2,
		       theme_attr(ui->msg_error ? TS_LOG_ERROR : TS_NORMAL), ui->msg);
		return;
	}
	snprintf(buf, sizeof buf, "%s  %s/%s: shots  %s: %s  %s: marks %s  %s: capture  %s: back",
		 rv->zoom ? "[1:1, arrows pan]" : "[fit]", key1(UC_SEARCH_NEXT, n, sizeof n),
		 key1(UC_PREV_SHOT, p, sizeof p), key1(UC_ZOOM, z, sizeof z),
		 rv->zoom ? "fit" : "1:1", key1(UC_CLIPPING, x, sizeof x), rv->marks ? "on" : "off",
		 key1(UC_CAPTURE, sp, sizeof sp), key1(UC_STOP, esc, sizeof esc));
	ui_put(stdscr, ui->rows - 1, 1, ui->cols - 2, theme_attr(TS_READONLY), buf);
}

/* The picture, or why there is none. */
static void draw_picture(struct ui *ui, bool full)
{
	struct ui_review *rv = ui->review;
	if (rv->err[0] || !rv->have_fit) {
		ui_put(stdscr, 2, 2, ui->cols - 4, theme_attr(rv->err[0] ? TS_LOG_ERROR : TS_READONLY),
		       rv->err[0] ? rv->err : "loading...");
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
		review_area(ui, &c, &r);
		ui_draw_halfblocks(stdscr, 1, 1, rv->vpx, rv->vw, rv->vh, c, r);
	}
}

void ui_review_draw(struct ui *ui, bool full)
{
	struct ui_review *rv = ui->review;
	unsigned before = rv ? rv->serial : 0;
	review_sync(ui);
	if (rv && rv->serial != before) {
		clearok(curscr, TRUE); /* another shot: no old pixels stay */
		full = true;
	}
	erase();
	draw_title(ui);
	if (!rv || !rv->path) {
		ui_put(stdscr, 2, 2, ui->cols - 4, theme_attr(TS_LOG_ERROR), "no picture");
		return;
	}
	draw_picture(ui, full);
	draw_histograms(ui);
	draw_figures(ui);
	draw_keys(ui);
	if (ui->help_open) {
		wnoutrefresh(stdscr);
		ui_help_draw(ui);
	}
}

void ui_review_emit(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	bool hb_true = ui_blocks_24bit(ui);
	if (!rv || !rv->emit || ui->help_open || (hb_true ? !rv->vpx : !rv->six.len))
		return;
	rv->emit = false;
	if (hb_true) {
		int c, r;
		review_area(ui, &c, &r);
		ui_write_truecolor_blocks(1, 1, rv->vpx, rv->vw, rv->vh, c, r);
	} else
		term_write_at(1, 1, rv->six.data, rv->six.len);
}
