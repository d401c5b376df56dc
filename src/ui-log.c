/* The capture-log pane: one row per shot, plus messages and errors.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "loop.h"
#include "session-read.h"
#include "session.h"
#include "ui-exposure.h"
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Messages (not shot rows) kept; past MSG_MAX + MSG_SLACK the oldest
 * MSG_SLACK go in one pass.  Shot rows are never dropped: they are the
 * session's record, and a flood of messages must not push them out. */
#define MSG_MAX 1000
#define MSG_SLACK 100

/* Drop the oldest `n` message rows, keeping the selection on its row. */
static void drop_messages(struct ui *ui, size_t n)
{
	size_t out = 0, gone = 0, sel = ui->loglist.sel, sel_gone = 0;
	for (size_t i = 0; i < ui->n_log; i++) {
		if (gone < n && ui->log[i].kind != LK_SHOT) {
			free(ui->log[i].path);
			gone++;
			sel_gone += i < sel;
			continue;
		}
		ui->log[out++] = ui->log[i];
	}
	ui->n_log = out;
	ui->n_log_msgs -= gone;
	ui_list_set_count(&ui->loglist, ui->n_log);
	ui_list_select(&ui->loglist, sel - sel_gone);
}

/* Room for one more row; false on ENOMEM. */
static bool grow(struct ui *ui)
{
	if (ui->n_log < ui->log_cap)
		return true;
	size_t cap = ui->log_cap ? ui->log_cap * 2 : 64;
	struct log_row *n = realloc(ui->log, sizeof *n * cap);
	if (!n)
		return false;
	ui->log = n;
	ui->log_cap = cap;
	return true;
}

/* Append a row (old messages are dropped past MSG_MAX); never NULL.
 * Following (tail -f), the selection moves to it; away, a shot counts
 * as unseen for the pane's title. */
struct log_row *ui_log_add(struct ui *ui, enum log_kind kind)
{
	static struct log_row spare;
	if (kind != LK_SHOT && ui->n_log_msgs >= MSG_MAX + MSG_SLACK)
		drop_messages(ui, MSG_SLACK);
	if (!grow(ui)) {
		memset(&spare, 0, sizeof spare);
		return &spare;
	}
	struct log_row *r = &ui->log[ui->n_log++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->when = time(NULL);
	r->seq = ++ui->log_seq;
	ui->n_log_msgs += kind != LK_SHOT;
	ui_list_set_count(&ui->loglist, ui->n_log);
	if (!ui->log_away)
		ui_list_select(&ui->loglist, ui->n_log - 1);
	else if (kind == LK_SHOT)
		ui->log_unseen++;
	ui_mark(ui, PANE_LOG);
	return r;
}

/* The shot row with file id `id`, newest first; NULL if none. */
struct log_row *ui_log_find(struct ui *ui, int camera, uint64_t id)
{
	for (size_t i = ui->n_log; i-- > 0;)
		if (ui->log[i].kind == LK_SHOT && !ui->log[i].earlier && ui->log[i].id == id &&
		    ui->log[i].camera == camera)
			return &ui->log[i];
	return NULL;
}

struct log_row *ui_log_seq(struct ui *ui, uint64_t seq)
{
	for (size_t i = ui->n_log; seq && i-- > 0 && ui->log[i].seq >= seq;)
		if (ui->log[i].seq == seq)
			return &ui->log[i];
	return NULL;
}

void ui_log_drop_last(struct ui *ui)
{
	if (!ui->n_log)
		return;
	struct log_row *r = &ui->log[--ui->n_log];
	ui->n_log_msgs -= r->kind != LK_SHOT;
	free(r->path);
	ui_list_set_count(&ui->loglist, ui->n_log);
	if (!ui->log_away && ui->n_log)
		ui_list_select(&ui->loglist, ui->n_log - 1);
	ui_mark(ui, PANE_LOG);
}

/* The newest shot row with a file to show, or NULL. */
static struct log_row *newest_shot(struct ui *ui)
{
	for (size_t i = ui->n_log; i-- > 0;)
		if (ui->log[i].kind == LK_SHOT && ui->log[i].path && !ui->log[i].missing)
			return &ui->log[i];
	return NULL;
}

void ui_log_saved(struct ui *ui, struct log_row *r)
{
	ui_mark(ui, PANE_LOG);
	if (!r->path)
		return;
	if (!ui->log_away || &ui->log[ui->loglist.sel] == r)
		ui_preview_show(ui, r->path);
	else
		ui_message(ui, false, "new shot %s (%zu new: End or G in the log follows)", r->name,
			   ui->log_unseen);
}

/* One earlier shot from the journal as a saved row. */
static void add_earlier(struct ui *ui, const struct session_entry *e)
{
	struct log_row *r = ui_log_add(ui, LK_SHOT);
	r->earlier = r->saved = true;
	r->missing = e->missing;
	r->when = e->when;
	ui_text_clean(e->name, r->name, sizeof r->name);
	r->path = e->path ? strdup(e->path) : NULL;
	r->bytes = e->bytes;
	r->exposure_s = e->exif.exposure_s;
	r->fnumber = e->exif.fnumber;
	r->iso = e->exif.iso;
	r->focal_mm = e->exif.focal_mm;
}

/* Say what the listing held back: bad lines, limits, missing files. */
static void report_listing(struct ui *ui, const struct session_listing *l)
{
	char why[sizeof l->bad_why];

	ui_text_clean(l->bad_why, why, sizeof why);
	if (l->bad && l->bad_line)
		ui_log_text(ui, LK_ERROR, "journal: %zu bad line%s skipped (first: line %zu, %s)",
			    l->bad, l->bad == 1 ? "" : "s", l->bad_line, why);
	else if (l->bad)
		ui_log_text(ui, LK_ERROR, "journal: %zu bad line%s skipped (%s)", l->bad,
			    l->bad == 1 ? "" : "s", why);
	if (l->cut)
		ui_log_text(ui, LK_INFO, "session: only the newest %zu shots are listed; the journal "
			    "holds older ones", l->n);
	if (l->missing)
		ui_log_text(ui, LK_ERROR, "session: %zu shot%s of the journal %s missing from the folder",
			    l->missing, l->missing == 1 ? "" : "s", l->missing == 1 ? "is" : "are");
}

void ui_log_load_session(struct ui *ui)
{
	char dir[4096], err[512];
	struct session_listing l;
	const char *d = ui->opts->session;

	if (!d && session_default_dir(dir, sizeof dir, time(NULL)) == 0)
		d = dir;
	if (!d)
		return;
	if (session_read(d, &l, err, sizeof err) < 0) {
		ui_log_text(ui, LK_ERROR, "session: %s", err);
		return;
	}
	/* what was left out first, then the shots: the newest ends the log */
	report_listing(ui, &l);
	if (l.n)
		ui_log_text(ui, LK_INFO, "session: %zu earlier shot%s (select to preview, "
			    "Enter to review)", l.n, l.n == 1 ? "" : "s");
	for (size_t i = 0; i < l.n; i++)
		add_earlier(ui, &l.v[i]);
	session_listing_free(&l);
	struct log_row *r = newest_shot(ui);
	if (r)
		ui_preview_show(ui, r->path);
}

void ui_log_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_log; i++)
		free(ui->log[i].path);
	free(ui->log);
	ui->log = NULL;
	ui->n_log = ui->log_cap = 0;
	ui->n_log_msgs = 0;
}

#define NAME_COLS 20 /* the name column of a shot row */

/* The name cut to `cols` columns with an ellipsis, padded to exactly
 * `cols` columns (by characters, not bytes), into out. */
static void fit_name(const char *name, size_t cols, char *out, size_t len)
{
	size_t w;

	ui_text_ellipsize(name, cols, out, len);
	w = ui_text_width(out);
	snprintf(out + strlen(out), len - strlen(out), "%*s", (int)(cols - w), "");
}

/* The EXIF columns of a saved shot: shutter, aperture, ISO, focal length;
 * what the file does not say stays blank, the columns stay in line. */
static void fmt_exif(const struct log_row *r, char *out, size_t len)
{
	char sh[16], ap[16], iso[16] = "", fl[16] = "";

	ui_fmt_shutter(r->exposure_s, sh, sizeof sh);
	ui_fmt_fnumber(r->fnumber, ap, sizeof ap);
	if (r->iso > 0)
		snprintf(iso, sizeof iso, "ISO%d", r->iso);
	if (r->focal_mm > 0)
		snprintf(fl, sizeof fl, "%.0fmm", r->focal_mm);
	snprintf(out, len, "%6s %-6s %-8s %5s", sh, ap, iso, fl);
}

/* A row's time as HH:MM:SS; unknown (0, a journal line without one) is
 * dashes. */
static void fmt_time(time_t when, char *out, size_t len)
{
	struct tm tm;

	if (when <= 0 || !localtime_r(&when, &tm) || !strftime(out, len, "%H:%M:%S", &tm))
		snprintf(out, len, "--:--:--");
}

/* Format a shot row's text (without the progress bar). */
static void fmt_shot(const struct log_row *r, char *out, size_t len)
{
	char tm[16], size[16], name[sizeof r->name + NAME_COLS + 4], exif[64];
	fmt_time(r->when, tm, sizeof tm);
	if (r->camera) /* several cameras: the camera column */
		snprintf(tm + strlen(tm), sizeof tm - strlen(tm), " %d", r->camera % 100);
	fit_name(r->name, NAME_COLS, name, sizeof name);
	uint64_t b = r->saved ? r->bytes : r->total;
	if (b >= 1024 * 1024)
		snprintf(size, sizeof size, "%.1fM", (double)b / (1024 * 1024));
	else
		snprintf(size, sizeof size, "%.0fK", (double)b / 1024);
	if (r->failed)
		snprintf(out, len, "%s %s FAILED: %s", tm, name, r->text);
	else if (r->missing)
		snprintf(out, len, "%s %s missing from the session folder", tm, name);
	else if (!r->saved && r->total)
		snprintf(out, len, "%s %s %6s", tm, name, size);
	else if (!r->saved)
		snprintf(out, len, "%s %s downloading...", tm, name);
	else {
		fmt_exif(r, exif, sizeof exif);
		snprintf(out, len, "%s %s %6s %s", tm, name, size, exif);
	}
}

/* Draw one row at window line y. */
static void draw_row(struct ui *ui, WINDOW *w, int y, int width, const struct log_row *r, bool sel)
{
	char buf[400];
	int attr = r->kind == LK_ERROR || r->failed || r->missing ? theme_attr(TS_LOG_ERROR)
		 : r->kind == LK_INFO ? theme_attr(TS_LOG_INFO) : theme_attr(TS_LOG_OK);
	if (sel)
		attr = theme_attr(TS_SELECTED);
	if (r->kind != LK_SHOT) {
		char tm[16];
		fmt_time(r->when, tm, sizeof tm);
		snprintf(buf, sizeof buf, "%s %s", tm, r->text);
	} else {
		fmt_shot(r, buf, sizeof buf);
	}
	char cut[sizeof buf];
	wattron(w, attr);
	mvwhline(w, y, 1, ' ', width);
	wattroff(w, attr);
	ui_put(w, y, 1, width, attr, ui_text_ellipsize(buf, (size_t)width, cut, sizeof cut));
	if (r->kind == LK_SHOT && !r->saved && !r->failed && r->total > 0) {
		/* Progress bar after the name and size. */
		int x = 1 + 8 + 1 + NAME_COLS + 8, bw = width - x;
		if (bw > 30)
			bw = 30;
		if (bw > 4) {
			int fill = (int)((double)bw * (double)(r->done > r->total ? r->total : r->done) / (double)r->total);
			mvwhline(w, y, x, ACS_CKBOARD, bw);
			wattron(w, theme_attr(TS_PROGRESS));
			mvwhline(w, y, x, ' ', fill);
			wattroff(w, theme_attr(TS_PROGRESS));
			(void)ui;
		}
	}
}

/* Draw the log pane. */
static void log_draw(struct ui *ui, struct ui_pane *p)
{
	werase(p->win);
	ui_draw_frame(ui, p, ui->focus == PANE_LOG);
	if (ui->log_unseen) {
		/* the tail -f mark: shots came below the row looked at */
		char t[128];
		snprintf(t, sizeof t, " %s \u2014 %zu new (G: follow) ", p->title, ui->log_unseen);
		ui_put(p->win, 0, 2, p->w - 4, theme_attr(TS_MATCH), t);
	}
	ui_list_set_height(&ui->loglist, (size_t)(p->h > 2 ? p->h - 2 : 1));
	if (ui->n_log == 0)
		ui_put(p->win, 1, 2, p->w - 4, theme_attr(TS_READONLY), "No shots yet: press Space to capture.");
	for (size_t i = 0; i < ui->loglist.height && ui->loglist.top + i < ui->n_log; i++) {
		size_t k = ui->loglist.top + i;
		draw_row(ui, p->win, (int)i + 1, p->w - 2, &ui->log[k],
			 k == ui->loglist.sel && ui->focus == PANE_LOG);
	}
}

/* Show the selected row's file in the preview; following, the newest. */
static void follow_selection(struct ui *ui)
{
	struct log_row *r;

	if (ui->n_log == 0)
		return;
	r = ui->log_away ? &ui->log[ui->loglist.sel] : newest_shot(ui);
	if (r && r->kind == LK_SHOT && r->path)
		ui_preview_show(ui, r->path);
}

/* Away from the last row or back on it (following again, nothing unseen). */
static void update_follow(struct ui *ui)
{
	ui->log_away = ui->n_log && ui->loglist.sel + 1 < ui->n_log;
	if (!ui->log_away)
		ui->log_unseen = 0;
}

/* Enter: review the selected shot. */
static int review_selected(struct ui *ui)
{
	struct log_row *r = ui->n_log ? &ui->log[ui->loglist.sel] : NULL;

	if (!r || !r->path)
		return 0;
	if (r->missing) {
		ui_message(ui, true, "%s is missing from the session folder", r->name);
		return LOOP_REDRAW;
	}
	ui_preview_show(ui, r->path);
	ui_review_open(ui, r->path);
	return LOOP_REDRAW | LOOP_FULL;
}

/* Keys in the log pane. */
static int log_key(struct ui *ui, struct ui_pane *p, enum ui_cmd cmd, int ch)
{
	(void)p; (void)ch;
	switch (cmd) {
	case UC_UP: ui_list_move(&ui->loglist, -1); break;
	case UC_DOWN: ui_list_move(&ui->loglist, 1); break;
	case UC_PAGE_UP: ui_list_page(&ui->loglist, -1); break;
	case UC_PAGE_DOWN: ui_list_page(&ui->loglist, 1); break;
	case UC_HOME: ui_list_select(&ui->loglist, 0); break;
	case UC_END: ui_list_select(&ui->loglist, ui->n_log ? ui->n_log - 1 : 0); break;
	case UC_ENTER:
		return review_selected(ui);
	default:
		return 0;
	}
	update_follow(ui);
	follow_selection(ui);
	/* Long messages are cut in the pane: the message line has room. */
	if (ui->n_log) {
		const struct log_row *r = &ui->log[ui->loglist.sel];
		if (r->text[0])
			ui_message(ui, r->kind == LK_ERROR || r->failed, "%s", r->text);
		else if (r->missing)
			ui_message(ui, true, "%s is missing from the session folder", r->name);
	}
	ui_mark(ui, PANE_LOG);
	return LOOP_REDRAW;
}

const struct ui_pane_ops ui_log_ops = { log_draw, log_key, NULL, NULL };
