/* The preview pane and the full-screen review: the newest (or selected)
 * shot as sixel, half blocks or text, through the img-* pipeline.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-halfblock.h"
#include "img-preview.h"
#include "img-sixel.h"
#include "loop.h"
#include "term.h"
#include "ui-decode.h"
#include "ui-state.h"
#include "ui-text.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ui_preview {
	char *path;              /* raw local path */
	struct img_preview img;  /* current pixels */
	bool have, full;
	unsigned box_w, box_h;   /* pixel box it was made for */
	char err[200];           /* clean */
	struct img_buf six;      /* encoded sixel for the current pixels */
	bool emit;               /* write the sixel after the next doupdate */
	bool on_screen;          /* a sixel of ours is on the terminal */
	unsigned six_gen, shown_gen; /* generation of `six`, and of the one shown */
	int at_row, at_col;      /* where */
	int max_c, max_r;        /* cells there (24-bit half blocks) */
	unsigned full_timer;
	bool full_pending;       /* load the full preview after this draw */
	struct ui_decode *dec;   /* decodes the full preview off the main thread */
	unsigned want_gen;       /* the full-preview request that still counts */
};

/* The preview state, created on first use. */
static struct ui_preview *pv(struct ui *ui)
{
	if (!ui->preview)
		ui->preview = calloc(1, sizeof *ui->preview);
	return ui->preview;
}

/* Inner pixel box of a cell area, sixel height a multiple of 6. */
static void box_for(struct ui *ui, int cols, int rows, unsigned *w, unsigned *h)
{
	if (ui->graphics == UI_GFX_SIXEL) {
		*w = (unsigned)(cols * ui->cell_w);
		*h = (unsigned)(rows * ui->cell_h) / 6 * 6;
	} else {
		*w = (unsigned)cols;
		*h = (unsigned)rows * 2;
	}
	if (*w < 1) *w = 1;
	if (*h < 1) *h = 1;
}

/* Show new pixels (and their sixel, when `six` is given: taken over;
 * else encoded here when the terminal has sixel). */
static void adopt(struct ui *ui, bool full, unsigned bw, unsigned bh, struct img_preview img,
		  struct img_buf *six);

/* Load pixels for the current path into the box (thumbnail or full). */
static void load(struct ui *ui, bool full, unsigned bw, unsigned bh)
{
	struct ui_preview *p = pv(ui);
	struct img_opts o;
	struct img_preview img = { 0 };
	char err[200];
	int rc;

	if (!p || !p->path)
		return;
	img_opts_for(&o, ui->opts->display_profile, ui->opts->intent);
	o.box_w = bw;
	o.box_h = bh;
	rc = full ? img_load_preview(p->path, &o, &img, err, sizeof err)
		  : img_load_thumbnail(p->path, &o, &img, err, sizeof err);
	if (rc < 0) {
		if (full)
			ui_text_clean(err, p->err, sizeof p->err);
		return;
	}
	adopt(ui, full, bw, bh, img, NULL);
}

static void adopt(struct ui *ui, bool full, unsigned bw, unsigned bh, struct img_preview img,
		  struct img_buf *six)
{
	struct ui_preview *p = ui->preview;
	char err[200];

	img_preview_free(&p->img);
	p->img = img;
	p->have = true;
	p->full = full;
	p->box_w = bw;
	p->box_h = bh;
	p->err[0] = 0;
	img_buf_free(&p->six);
	memset(&p->six, 0, sizeof p->six);
	p->six_gen++;
	if (six) {
		p->six = *six;
		memset(six, 0, sizeof *six);
	} else if (ui->graphics == UI_GFX_SIXEL &&
		   img_sixel_encode(img.rgb, img.w, img.h, ui->colors, &p->six, err, sizeof err) < 0)
		ui_text_clean(err, p->err, sizeof p->err);
	ui_mark(ui, PANE_PREVIEW);
}

/* The decoder has a result: show it if it is for the current picture. */
static int decoded(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	struct ui_preview *p = ui->preview;
	struct ui_decode_result r;

	(void)fd;
	(void)revents;
	if (!p || !p->dec || !ui_decode_take(p->dec, &r))
		return 0;
	if (r.gen != p->want_gen || !p->path) {
		img_preview_free(&r.img);
		img_buf_free(&r.six);
		return 0;
	}
	if (r.rc < 0) {
		ui_text_clean(r.err, p->err, sizeof p->err);
		ui_mark(ui, PANE_PREVIEW);
		return LOOP_REDRAW;
	}
	bool encode_failed = ui->graphics == UI_GFX_SIXEL && !r.six.len;
	adopt(ui, true, p->box_w, p->box_h, r.img, &r.six);
	img_buf_free(&r.six);
	if (encode_failed) /* after adopt, which clears the error */
		ui_text_clean(r.err, p->err, sizeof p->err);
	return LOOP_REDRAW;
}

/* Ask the decoder for the full preview (started on first use); false when
 * there is none (then decode here). */
static bool request_full(struct ui *ui, unsigned bw, unsigned bh)
{
	struct ui_preview *p = ui->preview;
	struct img_opts o;

	if (!p->dec && ui->loop) {
		p->dec = ui_decode_start();
		if (p->dec && loop_add_fd(ui->loop, ui_decode_fd(p->dec), POLLIN, decoded, ui) < 0) {
			ui_decode_stop(p->dec);
			p->dec = NULL;
		}
	}
	if (!p->dec)
		return false;
	img_opts_for(&o, ui->opts->display_profile, ui->opts->intent);
	o.box_w = bw;
	o.box_h = bh;
	p->box_w = bw; /* the box the result is for */
	p->box_h = bh;
	ui_decode_request(p->dec, ++p->want_gen, p->path, &o, ui->graphics == UI_GFX_SIXEL,
			  ui->colors);
	return true;
}

/* Timer: replace the thumbnail by the full-quality preview. */
static int load_full(void *ud)
{
	struct ui *ui = ud;
	struct ui_pane *pane = &ui->panes[PANE_PREVIEW];
	unsigned bw, bh;
	if (!ui->preview)
		return 0;
	ui->preview->full_timer = 0;
	box_for(ui, pane->w - 2, pane->h - 2, &bw, &bh);
	if (!ui->preview->path || request_full(ui, bw, bh))
		return 0;
	load(ui, true, bw, bh);
	ui_mark(ui, PANE_PREVIEW);
	return LOOP_REDRAW;
}

void ui_preview_show(struct ui *ui, const char *path)
{
	struct ui_preview *p = pv(ui);
	struct ui_pane *pane = &ui->panes[PANE_PREVIEW];
	unsigned bw, bh;

	if (!p)
		return;
	if (p->path && path && strcmp(p->path, path) == 0 && p->have)
		return;
	free(p->path);
	p->path = path ? strdup(path) : NULL;
	img_preview_free(&p->img);
	p->have = false;
	p->err[0] = 0;
	p->want_gen++; /* a full preview still decoding is for the old picture */
	if (!p->path)
		return;
	box_for(ui, pane->w - 2, pane->h - 2, &bw, &bh);
	load(ui, false, bw, bh);
	if (p->full_timer)
		loop_timer_cancel(ui->loop, p->full_timer);
	p->full_timer = 0;
	/* The full-quality decode is started once the thumbnail has been
	 * drawn (see preview_draw), so the thumbnail always shows first. */
	p->full_pending = true;
	ui_mark(ui, PANE_PREVIEW);
}

void ui_write_truecolor_blocks(int row, int col, const unsigned char *rgb, unsigned w,
			       unsigned h, int maxc, int maxr)
{
	struct img_cell *cells = img_halfblock(rgb, w, h);
	unsigned rows = (h + 1) / 2, cols = w < (unsigned)maxc ? w : (unsigned)maxc;
	struct img_buf out = { 0 };
	char pos[32];
	bool ok = cells && maxc > 0 && img_buf_append(&out, "\0337", 2) == 0;

	for (unsigned r = 0; ok && r < rows && (int)r < maxr; r++) {
		int n = snprintf(pos, sizeof pos, "\033[%d;%dH", row + (int)r + 1, col + 1);
		ok = img_buf_append(&out, pos, (size_t)n) == 0 &&
		     img_halfblock_ansi_row(cells + (size_t)r * w, cols, IMG_COLOUR_TRUE, &out) == 0;
	}
	/* DECRC puts back the cursor and the attributes curses believes in */
	if (ok && img_buf_append(&out, "\033[0m\0338", 6) == 0)
		term_write_at(row, col, out.data, out.len);
	img_buf_free(&out);
	free(cells);
}

/* Draw w×h RGB pixels as half-block cells into a window at (y, x). */
void ui_draw_halfblocks(WINDOW *win, int y, int x, const unsigned char *rgb, unsigned w, unsigned h,
			int maxc, int maxr)
{
	struct img_cell *cells = img_halfblock(rgb, w, h);
	unsigned rows = (h + 1) / 2;
	if (!cells)
		return;
	for (unsigned r = 0; r < rows && (int)r < maxr; r++)
		for (unsigned c = 0; c < w && (int)c < maxc; c++) {
			const struct img_cell *ce = &cells[r * w + c];
			int pair = alloc_pair(ce->fg256, ce->bg256);
			cchar_t cc;
			setcchar(&cc, L"\u2580", 0, (short)(pair < 0 ? 0 : pair), NULL);
			mvwadd_wch(win, y + (int)r, x + (int)c, &cc);
		}
	free(cells);
}

/* Draw the preview pane. */
static void preview_draw(struct ui *ui, struct ui_pane *pane)
{
	struct ui_preview *p = pv(ui);
	werase(pane->win);
	ui_draw_frame_file(ui, pane, ui->focus == PANE_PREVIEW, p ? p->path : NULL);
	if (!p)
		return;
	if (p->full_pending && !p->full_timer) {
		/* Armed during the redraw: it runs in the next loop turn. */
		p->full_pending = false;
		p->full_timer = loop_timer_add(ui->loop, 0, load_full, ui);
	}
	bool hb_true = ui_blocks_24bit(ui);
	bool want = !p->err[0] && p->have &&
		    ((ui->graphics == UI_GFX_SIXEL && p->six.len) || hb_true);
	if (ui->full_redraw)
		p->on_screen = false; /* the terminal was cleared */
	if (p->on_screen && (!want || p->six_gen != p->shown_gen)) {
		/* The terminal holds pixels curses does not know about: send every
		 * cell so an old or larger image leaves nothing behind. */
		redrawwin(pane->win);
		p->on_screen = false;
	}
	if (p->err[0])
		ui_put(pane->win, 1, 2, pane->w - 4, theme_attr(TS_LOG_ERROR), p->err);
	else if (!p->have)
		ui_put(pane->win, 1, 2, pane->w - 4, theme_attr(TS_READONLY),
		       p->path ? "loading..." : "no preview yet");
	else if (ui->graphics == UI_GFX_SIXEL && p->six.len) {
		/* Leave the cells blank; the image is written after doupdate
		 * unless this very image is still on the terminal. */
		if (!p->on_screen)
			p->emit = true;
		p->at_row = pane->y + 1;
		p->at_col = pane->x + 1;
	} else if (hb_true) {
		/* Blank cells for curses; the 24-bit blocks go out after doupdate. */
		if (!p->on_screen)
			p->emit = true;
		p->at_row = pane->y + 1;
		p->at_col = pane->x + 1;
		p->max_c = pane->w - 2;
		p->max_r = pane->h - 2;
	} else if (ui->graphics == UI_GFX_HALFBLOCK)
		ui_draw_halfblocks(pane->win, 1, 1, p->img.rgb, p->img.w, p->img.h, pane->w - 2, pane->h - 2);
	else {
		char buf[300], name[200];
		const char *base = strrchr(p->path, '/');
		snprintf(buf, sizeof buf, "[%s %ux%u]", ui_text_clean(base ? base + 1 : p->path, name, sizeof name),
			 p->img.info.src_w, p->img.info.src_h);
		ui_put(pane->win, 1, 2, pane->w - 4, theme_attr(TS_NORMAL), buf);
	}
}

void ui_preview_resized(struct ui *ui)
{
	struct ui_preview *p = ui->preview;
	char *path;

	if (!p || !p->path)
		return;
	/* new pixels for the new box; the decoder thread stays */
	path = p->path;
	p->path = NULL;
	p->on_screen = p->emit = false;
	ui_preview_show(ui, path);
	free(path);
}

const char *ui_preview_path(const struct ui *ui)
{
	return ui->preview ? ui->preview->path : NULL;
}

void ui_preview_cover(struct ui *ui)
{
	struct ui_preview *p = ui->preview;
	if (!p || !p->on_screen)
		return;
	/* Every cell of the pane goes out again, blank where the overlay
	 * does not cover it: no pixel shows through or around the overlay. */
	redrawwin(ui->panes[PANE_PREVIEW].win);
	ui->panes[PANE_PREVIEW].dirty = true;
	p->on_screen = false;
}

void ui_preview_emit(struct ui *ui)
{
	struct ui_preview *p = ui->preview;
	bool hb_true = ui_blocks_24bit(ui);
	if (!p || !p->emit || !p->have || (!hb_true && !p->six.len) || ui->help_open ||
	    ui_picker_open(ui))
		return;
	p->emit = false;
	if (hb_true)
		ui_write_truecolor_blocks(p->at_row, p->at_col, p->img.rgb, p->img.w, p->img.h,
					  p->max_c, p->max_r);
	else
		term_write_at(p->at_row, p->at_col, p->six.data, p->six.len);
	p->on_screen = true;
	p->shown_gen = p->six_gen;
}

void ui_preview_free(struct ui *ui)
{
	struct ui_preview *p = ui->preview;
	if (!p)
		return;
	if (p->full_timer && ui->loop)
		loop_timer_cancel(ui->loop, p->full_timer);
	if (p->dec) {
		if (ui->loop)
			loop_remove_fd(ui->loop, ui_decode_fd(p->dec));
		ui_decode_stop(p->dec);
	}
	free(p->path);
	if (p->have)
		img_preview_free(&p->img);
	img_buf_free(&p->six);
	free(p);
	ui->preview = NULL;
}

const struct ui_pane_ops ui_preview_ops = { preview_draw, NULL, NULL, NULL };
