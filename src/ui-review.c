/* The full-screen review: one shot of the session's log at a time, fitted
 * to the screen or at 1:1 with panning; n/p step through the log, Space
 * captures and the new shot follows; decoding happens off the main thread.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-review.h"

#include "img-clip.h"
#include "loop.h"
#include "ui-decode.h"
#include "ui-text.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZOOM_MAX 4096 /* widest "1:1" picture kept in memory */

/* Free what belongs to the shot shown (not the decoders or settings). */
static void shot_free(struct ui_review *rv)
{
	img_preview_free(&rv->fit);
	img_preview_free(&rv->full);
	img_buf_free(&rv->fit_six);
	img_buf_free(&rv->six);
	memset(&rv->fit_six, 0, sizeof rv->fit_six);
	memset(&rv->six, 0, sizeof rv->six);
	free(rv->vpx);
	free(rv->path);
	rv->vpx = NULL;
	rv->path = NULL;
	rv->have_fit = rv->have_full = rv->zoom = rv->have_measure = false;
	rv->has_id = rv->emit = false;
	rv->pending = RV_NONE;
	rv->stale = true;
	rv->err[0] = rv->measure_err[0] = 0;
	rv->view_gen++;    /* a decode still running is for the old shot */
	rv->measure_gen++;
	rv->serial++;
}

/* Stop a decoder and forget its fd. */
static void dec_stop(struct ui *ui, struct ui_decode **d)
{
	if (!*d)
		return;
	if (ui->loop)
		loop_remove_fd(ui->loop, ui_decode_fd(*d));
	ui_decode_stop(*d);
	*d = NULL;
}

void ui_review_free(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	if (!rv)
		return;
	dec_stop(ui, &rv->dec_view);
	dec_stop(ui, &rv->dec_measure);
	shot_free(rv);
	free(rv);
	ui->review = NULL;
	ui->review_open = false;
}

/* Decoder options for the screen: the user's display, the box, the mask. */
static void view_opts(struct ui *ui, unsigned bw, unsigned bh, struct img_opts *o)
{
	img_opts_for(o, ui->opts->display_profile, ui->opts->intent);
	o->box_w = bw ? bw : 1;
	o->box_h = bh ? bh : 1;
	o->clip_mask = true;
}

/* Take a view decode's pixels (and the fit's sixel) into the shot. */
static void adopt_view(struct ui_review *rv, enum review_want kind, struct img_preview *img,
		       struct img_buf *six)
{
	if (kind == RV_FIT) {
		img_preview_free(&rv->fit);
		img_buf_free(&rv->fit_six);
		rv->fit = *img;
		rv->fit_six = *six;
		rv->have_fit = true;
	} else {
		img_preview_free(&rv->full);
		rv->full = *img;
		rv->have_full = true;
		img_buf_free(six);
	}
	memset(img, 0, sizeof *img);
	memset(six, 0, sizeof *six);
	rv->stale = true;
}

/* The box a view decode of `kind` is made for. */
static void want_box(struct ui *ui, enum review_want kind, unsigned *w, unsigned *h)
{
	struct ui_review *rv = ui->review;
	if (kind == RV_FIT) {
		review_area_px(ui, w, h);
		return;
	}
	/* 1:1, the size of the file (bounded), known from the fit */
	*w = rv->fit.info.src_w ? rv->fit.info.src_w : rv->src_w;
	*h = rv->fit.info.src_h ? rv->fit.info.src_h : rv->src_h;
	if (rv->fit.info.orientation >= 5) {
		unsigned t = *w;
		*w = *h;
		*h = t;
	}
	if (*w > ZOOM_MAX) {
		*h = (unsigned)((double)*h * ZOOM_MAX / *w);
		*w = ZOOM_MAX;
	}
	if (*h > ZOOM_MAX) {
		*w = (unsigned)((double)*w * ZOOM_MAX / *h);
		*h = ZOOM_MAX;
	}
}

/* Decode here (no decoder thread): the fallback. */
static void view_here(struct ui *ui, enum review_want kind, const struct img_opts *o)
{
	struct ui_review *rv = ui->review;
	struct img_preview img;
	struct img_buf six = { 0 };
	char err[200];
	if (img_load_preview(rv->path, o, &img, err, sizeof err) < 0) {
		ui_text_clean(err, rv->err, sizeof rv->err);
		return;
	}
	adopt_view(rv, kind, &img, &six);
}

/* Ask for the picture the review needs now (fit, or 1:1 when zoomed),
 * unless it is there or already asked for. */
static void request_view(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	enum review_want kind = rv->zoom && rv->have_fit ? RV_FULL : RV_FIT;
	struct img_opts o;
	unsigned bw, bh;

	if (!rv->path || rv->err[0] || (kind == RV_FIT ? rv->have_fit : rv->have_full) ||
	    rv->pending == kind)
		return;
	want_box(ui, kind, &bw, &bh);
	view_opts(ui, bw, bh, &o);
	if (!rv->dec_view) {
		view_here(ui, kind, &o);
		return;
	}
	rv->pending = kind;
	/* the fit's sixel is made there too; the 1:1 one is cut first */
	ui_decode_request(rv->dec_view, ++rv->view_gen, rv->path, &o,
			  kind == RV_FIT && ui->graphics == UI_GFX_SIXEL, ui->colors);
}

/* Ask for the measuring decode of the shot. */
static void request_measure(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	struct img_opts o;

	img_opts_measure(&o);
	if (rv->dec_measure) {
		ui_decode_request(rv->dec_measure, ++rv->measure_gen, rv->path, &o, false, 0);
		return;
	}
	struct img_preview img;
	char err[200];
	if (img_load_preview(rv->path, &o, &img, err, sizeof err) < 0) {
		ui_text_clean(err, rv->measure_err, sizeof rv->measure_err);
		return;
	}
	rv->hist = img.hist;
	rv->src_w = img.info.src_w, rv->src_h = img.info.src_h;
	rv->have_measure = true;
	img_preview_free(&img);
}

/* Place the 1:1 view in the middle of the picture. */
static void centre(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	unsigned aw, ah;
	review_area_px(ui, &aw, &ah);
	rv->px = rv->full.w > aw ? (rv->full.w - aw) / 2 : 0;
	rv->py = rv->full.h > ah ? (rv->full.h - ah) / 2 : 0;
}

/* Loop callback: the view decoder has a result. */
static int view_decoded(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	struct ui_review *rv = ui->review;
	struct ui_decode_result r;
	(void)fd, (void)revents;
	if (!rv || !rv->dec_view || !ui_decode_take(rv->dec_view, &r))
		return 0;
	enum review_want kind = rv->pending;
	if (r.gen != rv->view_gen || kind == RV_NONE) {
		img_preview_free(&r.img);
		img_buf_free(&r.six);
		return 0;
	}
	rv->pending = RV_NONE;
	if (r.rc < 0) {
		ui_text_clean(r.err, rv->err, sizeof rv->err);
		return LOOP_REDRAW | LOOP_FULL;
	}
	adopt_view(rv, kind, &r.img, &r.six);
	if (kind == RV_FULL)
		centre(ui);
	request_view(ui); /* the zoom may have changed meanwhile */
	return LOOP_REDRAW | LOOP_FULL;
}

/* Loop callback: the measuring decoder has a result. */
static int measure_decoded(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	struct ui_review *rv = ui->review;
	struct ui_decode_result r;
	(void)fd, (void)revents;
	if (!rv || !rv->dec_measure || !ui_decode_take(rv->dec_measure, &r))
		return 0;
	if (r.gen == rv->measure_gen && r.rc == 0) {
		rv->hist = r.img.hist;
		rv->src_w = r.img.info.src_w, rv->src_h = r.img.info.src_h;
		rv->have_measure = true;
	} else if (r.gen == rv->measure_gen)
		ui_text_clean(r.err, rv->measure_err, sizeof rv->measure_err);
	img_preview_free(&r.img);
	img_buf_free(&r.six);
	return r.gen == rv->measure_gen ? LOOP_REDRAW : 0;
}

/* Start a decoder thread watched by the loop; NULL: decode here. */
static struct ui_decode *dec_start(struct ui *ui, loop_fd_fn *fn)
{
	struct ui_decode *d = ui->loop ? ui_decode_start() : NULL;
	if (d && loop_add_fd(ui->loop, ui_decode_fd(d), POLLIN, fn, ui) < 0) {
		ui_decode_stop(d);
		d = NULL;
	}
	return d;
}

/* The review state, made with its decoders on first use. */
static struct ui_review *rv_get(struct ui *ui)
{
	if (ui->review)
		return ui->review;
	ui->review = calloc(1, sizeof *ui->review);
	if (ui->review) {
		ui->review->dec_view = dec_start(ui, view_decoded);
		ui->review->dec_measure = dec_start(ui, measure_decoded);
	}
	return ui->review;
}

/* Show the shot at raw `path` (log row `row`, may be NULL). */
static void show_shot(struct ui *ui, const char *path, const struct log_row *row)
{
	struct ui_review *rv = ui->review;
	shot_free(rv);
	rv->path = strdup(path);
	if (!rv->path) {
		snprintf(rv->err, sizeof rv->err, "out of memory");
		return;
	}
	rv->has_id = row != NULL;
	rv->id = row ? row->id : 0;
	request_view(ui);
	request_measure(ui);
}

/* The saved shot row showing `path`, newest first; NULL if none. */
static const struct log_row *row_of_path(const struct ui *ui, const char *path)
{
	for (size_t i = ui->n_log; i-- > 0;)
		if (ui->log[i].kind == LK_SHOT && ui->log[i].path && !strcmp(ui->log[i].path, path))
			return &ui->log[i];
	return NULL;
}

void ui_review_open(struct ui *ui, const char *path)
{
	struct ui_review *rv = rv_get(ui);
	if (!rv)
		return;
	rv->follow = false;
	show_shot(ui, path, row_of_path(ui, path));
	ui->review_open = true;
}

/* Close the review; the decoders and the marks setting stay. */
static void review_close(struct ui *ui)
{
	ui->review_open = false;
	if (ui->review)
		shot_free(ui->review);
}

/* Index in the log of the row shown; n_log when it is not there. */
static size_t row_index(const struct ui *ui)
{
	const struct ui_review *rv = ui->review;
	for (size_t i = ui->n_log; rv->has_id && i-- > 0;)
		if (ui->log[i].kind == LK_SHOT && ui->log[i].id == rv->id)
			return i;
	return ui->n_log;
}

const struct log_row *review_row(const struct ui *ui)
{
	size_t i = row_index(ui);
	return i < ui->n_log ? &ui->log[i] : NULL;
}

/* Is log row i a shot on disk? */
static bool viewable(const struct ui *ui, size_t i)
{
	return ui->log[i].kind == LK_SHOT && ui->log[i].path && ui->log[i].saved;
}

/* Show log row i, and select it in the log and the preview. */
static void go_to_row(struct ui *ui, size_t i)
{
	show_shot(ui, ui->log[i].path, &ui->log[i]);
	ui_list_select(&ui->loglist, i);
	ui_preview_show(ui, ui->log[i].path);
	ui_mark(ui, PANE_LOG);
}

/* Step to the next (dir > 0) or previous viewable shot of the log;
 * LOOP_* reactions (none but the message when there is no other). */
static int step(struct ui *ui, int dir)
{
	size_t i = row_index(ui);
	ui->review->follow = false;
	if (i == ui->n_log) { /* not in the log: from its end */
		i = dir > 0 ? ui->n_log : 0;
		dir = -1;
	}
	while (dir > 0 ? i + 1 < ui->n_log : i > 0) {
		i = dir > 0 ? i + 1 : i - 1;
		if (viewable(ui, i)) {
			go_to_row(ui, i);
			return LOOP_REDRAW | LOOP_FULL;
		}
	}
	ui_message(ui, false, dir > 0 ? "this is the newest shot" : "this is the first shot");
	return LOOP_REDRAW;
}

/* Shot rows in the log. */
static size_t shots_in_log(const struct ui *ui)
{
	size_t n = 0;
	for (size_t i = 0; i < ui->n_log; i++)
		n += ui->log[i].kind == LK_SHOT;
	return n;
}

void review_sync(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	size_t n = 0, newest = ui->n_log;
	if (!rv || !rv->follow)
		return;
	for (size_t i = 0; i < ui->n_log; i++)
		if (ui->log[i].kind == LK_SHOT && ++n > rv->follow_after && viewable(ui, i))
			newest = i;
	if (newest < ui->n_log && (!rv->has_id || ui->log[newest].id != rv->id)) {
		go_to_row(ui, newest);
		rv->follow = true;
	}
}

/* Switch between fit and 1:1. */
static void toggle_zoom(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	rv->zoom = !rv->zoom;
	if (rv->zoom && rv->have_full)
		centre(ui);
	request_view(ui);
}

/* A new terminal size: fit again, crop again. */
void ui_review_resized(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	if (!rv || !ui->review_open || !rv->path)
		return;
	img_preview_free(&rv->fit);
	img_buf_free(&rv->fit_six);
	memset(&rv->fit_six, 0, sizeof rv->fit_six);
	rv->have_fit = false;
	if (rv->pending == RV_FIT)
		rv->pending = RV_NONE; /* that one is for the old size */
	rv->err[0] = 0;
	rv->stale = true;
	request_view(ui);
}

/* Pan the 1:1 view by a quarter of the area in direction (dx, dy). */
static void pan(struct ui *ui, int dx, int dy)
{
	struct ui_review *rv = ui->review;
	unsigned aw, ah;
	review_area_px(ui, &aw, &ah);
	if (dx < 0)
		rv->px = rv->px > aw / 4 ? rv->px - aw / 4 : 0;
	else if (dx > 0)
		rv->px += aw / 4;
	if (dy < 0)
		rv->py = rv->py > ah / 4 ? rv->py - ah / 4 : 0;
	else if (dy > 0)
		rv->py += ah / 4;
}

/* Space in the review: capture, and follow the new shot. */
static int capture(struct ui *ui)
{
	struct ui_review *rv = ui->review;
	rv->follow = true;
	rv->follow_after = shots_in_log(ui);
	ui_message(ui, false, "capture");
	return ui_send(ui, "capture");
}

int ui_review_key(struct ui *ui, enum ui_cmd cmd, int ch)
{
	struct ui_review *rv = ui->review;
	bool panning = rv && rv->zoom;
	(void)ch;
	ui->msg[0] = 0;
	if (keys_cancels(cmd) || cmd == UC_ENTER || cmd == UC_QUIT || !rv) {
		review_close(ui);
		return LOOP_REDRAW | LOOP_FULL;
	}
	switch (cmd) {
	case UC_CAPTURE: return capture(ui);
	case UC_HELP: ui->help_open = true; return LOOP_REDRAW | LOOP_FULL;
	case UC_ZOOM:
		toggle_zoom(ui);
		if (rv->zoom && !rv->have_full)
			return LOOP_REDRAW; /* the fit stays until the 1:1 comes */
		break;
	case UC_CLIPPING: rv->marks = !rv->marks; break;
	case UC_SEARCH_NEXT: return step(ui, 1);
	case UC_PREV_SHOT: return step(ui, -1);
	case UC_LEFT:
	case UC_RIGHT:
		if (!panning)
			return step(ui, cmd == UC_LEFT ? -1 : 1);
		if (rv->have_full)
			pan(ui, cmd == UC_LEFT ? -1 : 1, 0);
		else
			return LOOP_REDRAW;
		break;
	case UC_UP:
	case UC_DOWN:
		if (!panning || !rv->have_full)
			return LOOP_REDRAW;
		pan(ui, 0, cmd == UC_UP ? -1 : 1);
		break;
	default: return LOOP_REDRAW;
	}
	rv->stale = true;
	return LOOP_REDRAW | LOOP_FULL;
}
