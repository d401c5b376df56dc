/* The settings-tree pane: sections, values, editing, search, favourites.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-suggest.h"
#include "loop.h"
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

int ui_send_set(struct ui *ui, const char *key, const char *value);

bool ui_tree_is_collapsed(const struct ui *ui, const char *path)
{
	for (size_t i = 0; i < ui->n_collapsed; i++)
		if (strcmp(ui->collapsed[i], path) == 0)
			return true;
	return false;
}

void ui_tree_collapse(struct ui *ui, const char *path, bool on)
{
	for (size_t i = 0; i < ui->n_collapsed; i++)
		if (strcmp(ui->collapsed[i], path) == 0) {
			if (!on) {
				free(ui->collapsed[i]);
				ui->collapsed[i] = ui->collapsed[--ui->n_collapsed];
			}
			return;
		}
	if (!on || ui->n_collapsed >= UI_MODEL_LINES_MAX)
		return;
	char **n = realloc(ui->collapsed, sizeof *n * (ui->n_collapsed + 1));
	if (!n)
		return;
	ui->collapsed = n;
	if ((n[ui->n_collapsed] = strdup(path)))
		ui->n_collapsed++;
}

void ui_tree_expand_all(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_collapsed; i++)
		free(ui->collapsed[i]);
	free(ui->collapsed);
	ui->collapsed = NULL;
	ui->n_collapsed = 0;
}

static bool is_group(const struct cam_widget *w)
{
	return w->type == CW_SECTION || w->type == CW_WINDOW;
}

/* Append one row. */
static void push(struct ui *ui, size_t *cap, struct cam_widget *w, int depth, bool pinned)
{
	if (ui->n_rows == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct tree_row *n = realloc(ui->rows_v, sizeof *n * nc);
		if (!n)
			return;
		ui->rows_v = n;
		*cap = nc;
	}
	ui->rows_v[ui->n_rows++] = (struct tree_row){ w, depth, pinned };
}

/* The place of a top-level section: what a photographer changes most
 * (capture, then image settings) first; camera actions and status last. */
static int section_rank(const struct cam_widget *w)
{
	static const char *const order[] = { "capturesettings", "imgsettings", "settings" };
	for (int i = 0; w->name && i < (int)(sizeof order / sizeof order[0]); i++)
		if (strcmp(w->name, order[i]) == 0)
			return i;
	if (w->name && strcmp(w->name, "actions") == 0)
		return 4;
	if (w->name && strcmp(w->name, "status") == 0)
		return 5;
	return 3;
}

/* Sections collapsed when capa first sees a camera's tree: actions,
 * status and the raw "Other PTP Device Properties" (the same settings
 * again, by number). */
static bool collapsed_at_first(const struct cam_widget *w)
{
	return is_group(w) && section_rank(w) >= 3;
}

/* Add the rows under w (the top level in section_rank order). */
static void walk(struct ui *ui, size_t *cap, struct cam_widget *w, int depth)
{
	for (int rank = 0; rank <= (depth ? 0 : 5); rank++)
		for (size_t i = 0; i < w->n_children; i++) {
			struct cam_widget *c = &w->children[i];
			if (depth == 0 && section_rank(c) != rank)
				continue;
			push(ui, cap, c, depth, false);
			if (is_group(c) && !ui_tree_is_collapsed(ui, c->path ? c->path : ""))
				walk(ui, cap, c, depth + 1);
		}
}

/* Collapse the actions and status sections the first time a tree comes. */
static void collapse_at_first(struct ui *ui, struct cam_config *cfg)
{
	if (ui->tree_seen || !cfg)
		return;
	ui->tree_seen = true;
	for (size_t i = 0; i < cfg->root.n_children; i++)
		if (collapsed_at_first(&cfg->root.children[i]) && cfg->root.children[i].path)
			ui_tree_collapse(ui, cfg->root.children[i].path, true);
}

/* Add favourite leaves found under w. */
static void walk_favs(struct ui *ui, size_t *cap, struct cam_widget *w)
{
	for (size_t i = 0; i < w->n_children; i++) {
		struct cam_widget *c = &w->children[i];
		if (is_group(c))
			walk_favs(ui, cap, c);
		else if (c->path && ui_fav_has(ui, c->path))
			push(ui, cap, c, 1, true);
	}
}

/* Rebuild the visible rows, keeping the cursor on the same widget path. */
void ui_tree_rebuild(struct ui *ui)
{
	char keep[256] = "";
	bool keep_pinned = false;
	size_t cap = 0, old_sel = ui->tree.sel;

	if (ui->n_rows && ui->tree.sel < ui->n_rows && ui->rows_v[ui->tree.sel].w) {
		snprintf(keep, sizeof keep, "%s", ui->rows_v[ui->tree.sel].w->path ? ui->rows_v[ui->tree.sel].w->path : "");
		keep_pinned = ui->rows_v[ui->tree.sel].pinned;
	}
	free(ui->rows_v);
	ui->rows_v = NULL;
	ui->n_rows = 0;
	if (ui->cfg) {
		size_t before = 0;
		push(ui, &cap, NULL, 0, true);
		before = ui->n_rows;
		walk_favs(ui, &cap, &ui->cfg->root);
		if (ui->n_rows == before)
			ui->n_rows = 0; /* no favourites: no group header */
		walk(ui, &cap, &ui->cfg->root, 0);
	}
	ui_list_set_count(&ui->tree, ui->n_rows);
	size_t sel = old_sel < ui->n_rows ? old_sel : 0;
	for (size_t i = 0; keep[0] && i < ui->n_rows; i++)
		if (ui->rows_v[i].w && ui->rows_v[i].w->path && strcmp(ui->rows_v[i].w->path, keep) == 0
		    && ui->rows_v[i].pinned == keep_pinned) {
			sel = i;
			break;
		}
	ui_list_select(&ui->tree, sel);
	ui_mark(ui, PANE_TREE);
}

void ui_tree_set_config(struct ui *ui, struct cam_config *cfg)
{
	struct cam_config *old = ui->cfg;
	/* Rebuild against the new tree before freeing the old one: the cursor
	 * path is read from the old rows first. */
	char keep[256] = "";
	if (ui->n_rows && ui->rows_v[ui->tree.sel].w && ui->rows_v[ui->tree.sel].w->path)
		snprintf(keep, sizeof keep, "%s", ui->rows_v[ui->tree.sel].w->path);
	bool pinned = ui->n_rows && ui->rows_v[ui->tree.sel].pinned;
	ui->cfg = cfg;
	collapse_at_first(ui, cfg);
	ui->edit_w = NULL;
	if (ui->edit == EDIT_PICK || ui->edit == EDIT_TEXT || ui->edit == EDIT_CONFIRM_SET)
		ui->edit = EDIT_NONE;
	free(ui->rows_v);
	ui->rows_v = NULL;
	ui->n_rows = 0;
	ui_tree_rebuild(ui);
	for (size_t i = 0; keep[0] && i < ui->n_rows; i++)
		if (ui->rows_v[i].w && ui->rows_v[i].w->path && !strcmp(ui->rows_v[i].w->path, keep)
		    && ui->rows_v[i].pinned == pinned) {
			ui_list_select(&ui->tree, i);
			break;
		}
	cam_config_free(old);
}

/* Find a leaf by name or path. */
static struct cam_widget *find(struct cam_widget *w, const char *key)
{
	for (size_t i = 0; i < w->n_children; i++) {
		struct cam_widget *c = &w->children[i];
		if (is_group(c)) {
			struct cam_widget *f = find(c, key);
			if (f)
				return f;
		} else if ((c->name && !strcmp(c->name, key)) || (c->path && !strcmp(c->path, key))) {
			return c;
		}
	}
	return NULL;
}

void ui_tree_value_changed(struct ui *ui, const char *key, const char *value)
{
	if (!ui->cfg || !key)
		return;
	struct cam_widget *w = find(&ui->cfg->root, key);
	if (!w)
		return;
	char *v = strdup(value ? value : "");
	if (!v)
		return;
	free(w->value);
	w->value = v;
	ui_mark(ui, PANE_TREE);
}

void ui_tree_free(struct ui *ui)
{
	cam_config_free(ui->cfg);
	ui->cfg = NULL;
	free(ui->rows_v);
	ui->rows_v = NULL;
	ui->n_rows = 0;
	ui_tree_expand_all(ui);
}

/* Display text of a widget's value into out. */
static void value_text(const struct cam_widget *w, char *out, size_t len)
{
	char raw[256];
	if (!w->value) {
		out[0] = 0;
		return;
	}
	if (w->type == CW_TOGGLE)
		snprintf(raw, sizeof raw, "%s", !strcmp(w->value, "1") ? "on" : !strcmp(w->value, "0") ? "off" : w->value);
	else if (w->type == CW_DATE) {
		time_t t = (time_t)strtoll(w->value, NULL, 10);
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(raw, sizeof raw, "%Y-%m-%d %H:%M:%S", &tm);
		else
			snprintf(raw, sizeof raw, "%s", w->value);
	} else
		snprintf(raw, sizeof raw, "%s", w->value);
	ui_text_clean(raw, out, len);
}

/* Draw one tree row. */
static void draw_row(struct ui *ui, WINDOW *win, int y, int width, const struct tree_row *r, bool sel)
{
	char label[160], value[160], line[400], shown[400];
	int attr = theme_attr(TS_NORMAL);

	char mark = sel ? '>' : ' ';
	if (!r->w) {
		attr = theme_attr(TS_FAVOURITE);
		snprintf(line, sizeof line, "%c* Favourites", mark);
	} else if (is_group(r->w)) {
		attr = theme_attr(TS_SECTION);
		ui_text_clean(r->w->label && *r->w->label ? r->w->label : r->w->name, label, sizeof label);
		snprintf(line, sizeof line, "%c%*s%s %s", mark, r->depth * 2, "",
			 ui_tree_is_collapsed(ui, r->w->path ? r->w->path : "") ? "+" : "-", label);
	} else {
		ui_text_clean(r->w->label && *r->w->label ? r->w->label : r->w->name, label, sizeof label);
		value_text(r->w, value, sizeof value);
		/* Labels get three fifths of what the indent leaves; one cut
		 * short ends in an ellipsis. */
		int lw = (width - r->depth * 2 - 3) * 3 / 5;
		if (lw < 8)
			lw = 8;
		char cut[sizeof label];
		ui_text_ellipsize(label, (size_t)lw, cut, sizeof cut);
		int pad = lw - (int)ui_text_width(cut);
		snprintf(line, sizeof line, "%c%*s%c %s%*s %s%s", mark, r->depth * 2, "",
			 r->w->path && ui_fav_has(ui, r->w->path) ? '*' : ' ', cut,
			 pad > 0 ? pad : 0, "", value, r->w->readonly ? " (read-only)" : "");
		if (r->w->readonly)
			attr = theme_attr(TS_READONLY);
	}
	if (sel)
		attr = theme_attr(TS_SELECTED);
	wattron(win, attr);
	mvwhline(win, y, 1, ' ', width);
	wattroff(win, attr);
	ui_put(win, y, 1, width, attr, ui_text_ellipsize(line, (size_t)width, shown, sizeof shown));
}

/* Draw the choice picker over the tree pane. */
static void draw_picker(struct ui *ui, struct ui_pane *p)
{
	struct cam_widget *w = ui->edit_w;
	int h = (int)w->n_choices + 2, wd = p->w - 6;
	if (h > p->h - 2)
		h = p->h - 2;
	if (h < 3 || wd < 10)
		return;
	WINDOW *win = derwin(p->win, h, wd, 1, 4);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	ui_put_raw(win, 0, 2, wd - 4, theme_attr(TS_TITLE_FOCUS), w->label ? w->label : w->name);
	ui_list_set_height(&ui->pick, (size_t)(h - 2));
	for (size_t i = 0; i < ui->pick.height && ui->pick.top + i < w->n_choices; i++) {
		size_t k = ui->pick.top + i;
		int attr = k == ui->pick.sel ? theme_attr(TS_SELECTED) : theme_attr(TS_NORMAL);
		wattron(win, attr);
		mvwhline(win, (int)i + 1, 1, ' ', wd - 2);
		wattroff(win, attr);
		ui_put_raw(win, (int)i + 1, 2, wd - 4, attr, w->choices[k]);
	}
	delwin(win);
}

/* Draw the tree pane. */
static void tree_draw(struct ui *ui, struct ui_pane *p)
{
	werase(p->win);
	ui_draw_frame(ui, p, ui->focus == PANE_TREE);
	ui_list_set_height(&ui->tree, (size_t)(p->h > 2 ? p->h - 2 : 1));
	if (!ui->cfg)
		ui_put(p->win, 1, 2, p->w - 4, theme_attr(TS_READONLY),
		       ui->connected ? "reading settings..." : "waiting for a camera");
	for (size_t i = 0; i < ui->tree.height && ui->tree.top + i < ui->n_rows; i++) {
		size_t k = ui->tree.top + i;
		draw_row(ui, p->win, (int)i + 1, p->w - 2, &ui->rows_v[k], k == ui->tree.sel);
	}
	if (ui->edit == EDIT_PICK && ui->edit_w)
		draw_picker(ui, p);
}

/* The widget under the cursor, or NULL. */
static struct cam_widget *current(struct ui *ui)
{
	if (!ui->n_rows)
		return NULL;
	return ui->rows_v[ui->tree.sel].w;
}

/* Index of value among the choices; -1 when not found. */
static long choice_index(const struct cam_widget *w)
{
	for (size_t i = 0; w->value && i < w->n_choices; i++)
		if (strcmp(w->choices[i], w->value) == 0)
			return (long)i;
	return -1;
}

/* Step a radio/menu/range value left (-1) or right (+1). */
static int step_value(struct ui *ui, struct cam_widget *w, int dir)
{
	char buf[64];
	if (w->readonly) {
		ui_message(ui, true, "this setting is read-only");
		return LOOP_REDRAW;
	}
	if (w->type == CW_RADIO || w->type == CW_MENU) {
		long i = choice_index(w) + dir;
		if (w->n_choices == 0 || i < 0 || i >= (long)w->n_choices)
			return 0;
		return ui_send_set(ui, w->name, w->choices[i]);
	}
	if (w->type == CW_RANGE) {
		double v = w->value ? strtod(w->value, NULL) : w->min;
		double st = w->step > 0 ? w->step : 1;
		v += dir * st;
		if (v < w->min) v = w->min;
		if (v > w->max) v = w->max;
		snprintf(buf, sizeof buf, "%g", v);
		return ui_send_set(ui, w->name, buf);
	}
	return 0;
}

/* Does setting w start something on the camera (open the shutter, record,
 * drive the focus)?  Libgphoto2's names for such actions: bulb, movie,
 * autofocusdrive, manualfocusdrive, eosremoterelease, and toggles and
 * buttons named capture* (capturetarget and capturemode, lists, are
 * settings). */
static bool starts_action(const struct cam_widget *w)
{
	static const char *const names[] = { "bulb", "movie", "autofocusdrive",
					     "manualfocusdrive", "eosremoterelease" };
	if (!w->name)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(w->name, names[i]) == 0)
			return true;
	return (w->type == CW_TOGGLE || w->type == CW_BUTTON) && strncmp(w->name, "capture", 7) == 0;
}

/* Send value to w, or first ask (y/n) when it starts an action. */
static int tree_set(struct ui *ui, struct cam_widget *w, const char *value)
{
	if (!starts_action(w))
		return ui_send_set(ui, w->name, value);
	ui->edit = EDIT_CONFIRM_SET;
	ui->edit_w = w;
	snprintf(ui->confirm_value, sizeof ui->confirm_value, "%s", value);
	return LOOP_REDRAW;
}

void ui_tree_confirm_text(const struct ui *ui, char *out, size_t len)
{
	const struct cam_widget *w = ui->edit_w;
	char label[100], value[100];

	ui_text_clean(w ? (w->label && *w->label ? w->label : w->name) : "", label, sizeof label);
	ui_text_clean(w && w->type == CW_TOGGLE ? (strcmp(ui->confirm_value, "1") ? "off" : "on")
		      : ui->confirm_value, value, sizeof value);
	snprintf(out, len, "%s = %s starts an action on the camera. Send it? (y/n)", label, value);
}

/* The y/n answer of EDIT_CONFIRM_SET. */
static int confirm_key(struct ui *ui, int ch)
{
	struct cam_widget *w = ui->edit_w;

	ui->edit = EDIT_NONE;
	ui->edit_w = NULL;
	if ((ch == 'y' || ch == 'Y') && w)
		return ui_send_set(ui, w->name, ui->confirm_value);
	ui_message(ui, false, "not sent");
	return LOOP_REDRAW;
}

/* Arrow keys on a leaf: step lists and ranges; never fire an action. */
static int arrow_key(struct ui *ui, struct cam_widget *w, int dir)
{
	if (w->readonly || ((w->type == CW_RADIO || w->type == CW_MENU || w->type == CW_RANGE) &&
			    !starts_action(w)))
		return step_value(ui, w, dir);
	if (w->type == CW_TOGGLE || w->type == CW_BUTTON || starts_action(w))
		ui_message(ui, false, "Enter changes this one (the arrows step lists and ranges)");
	return LOOP_REDRAW;
}

/* Start editing the current leaf. */
static int start_edit(struct ui *ui, struct cam_widget *w)
{
	if (w->readonly) {
		ui_message(ui, true, "this setting is read-only");
		return LOOP_REDRAW;
	}
	switch (w->type) {
	case CW_TOGGLE:
		return tree_set(ui, w, w->value && !strcmp(w->value, "1") ? "0" : "1");
	case CW_RADIO:
	case CW_MENU: {
		long i = choice_index(w);
		ui->edit = EDIT_PICK;
		ui->edit_w = w;
		ui->pick = (struct ui_list){ 0 };
		ui_list_set_count(&ui->pick, w->n_choices);
		ui_list_select(&ui->pick, i > 0 ? (size_t)i : 0);
		break;
	}
	case CW_RANGE:
	case CW_TEXT:
	case CW_DATE:
		ui->edit = EDIT_TEXT;
		ui->edit_w = w;
		snprintf(ui->line, sizeof ui->line, "%s", w->type == CW_DATE ? "now" : w->value ? w->value : "");
		ui->line_len = strlen(ui->line);
		curs_set(1);
		break;
	case CW_BUTTON:
		return tree_set(ui, w, "1");
	default:
		return 0;
	}
	ui_mark(ui, PANE_TREE);
	return LOOP_REDRAW;
}

/* Find the next leaf or section matching the search text from row `from`,
 * expanding collapsed sections to reach it.  Returns true when found. */
static bool search_from(struct ui *ui, size_t from)
{
	const char *q = ui->line;
	if (!ui->cfg || !*q)
		return false;
	/* Expand everything once so collapsed settings can be found. */
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < ui->n_rows; k++) {
			size_t i = (from + k) % ui->n_rows;
			struct cam_widget *w = ui->rows_v[i].w;
			if (!w || ui->rows_v[i].pinned)
				continue;
			if (ui_text_contains(w->name, q) || ui_text_contains(w->label, q) ||
			    (!is_group(w) && ui_text_contains(w->value, q))) {
				ui_list_select(&ui->tree, i);
				return true;
			}
		}
		if (ui->n_collapsed == 0)
			break;
		ui_tree_expand_all(ui);
		ui_tree_rebuild(ui);
	}
	return false;
}

/* Bytes of the UTF-8 sequence that starts with byte c. */
static size_t utf8_lead_len(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Does the line end inside a UTF-8 sequence (one more byte belongs to it)? */
static bool line_open_seq(const struct ui *ui)
{
	size_t i = ui->line_len, k = 0;
	while (i > 0 && k < 3 && ((unsigned char)ui->line[i - 1] & 0xc0) == 0x80)
		i--, k++;
	return i > 0 && (unsigned char)ui->line[i - 1] >= 0xc0 &&
	       utf8_lead_len((unsigned char)ui->line[i - 1]) > k + 1;
}

/* The line keeps whole UTF-8 characters and at most EDIT_LINE_MAX bytes: a PTP
 * string holds 254 characters, and libgphoto2 2.5.30 sends an empty string
 * for text it cannot convert (a cut sequence) and one stray byte for 255
 * characters — either erases a camera's text setting. */
#define EDIT_LINE_MAX 254

bool ui_line_edit(struct ui *ui, int ch)
{
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (ui->line_len) {
			/* Drop a whole UTF-8 sequence. */
			do
				ui->line_len--;
			while (ui->line_len && ((unsigned char)ui->line[ui->line_len] & 0xc0) == 0x80);
			ui->line[ui->line_len] = 0;
		}
		return true;
	}
	if (ch < 32 || ch >= 256 || ch == 127)
		return false;
	/* a new character while the last is unfinished: drop the broken one */
	if (((unsigned char)ch & 0xc0) != 0x80)
		while (line_open_seq(ui)) {
			while (ui->line_len && ((unsigned char)ui->line[ui->line_len - 1] & 0xc0) == 0x80)
				ui->line_len--;
			if (ui->line_len)
				ui->line_len--; /* its lead byte */
			ui->line[ui->line_len] = 0;
		}
	if (((unsigned char)ch & 0xc0) == 0x80 ? !line_open_seq(ui)
	    : ui->line_len + utf8_lead_len((unsigned char)ch) > EDIT_LINE_MAX)
		return false;
	ui->line[ui->line_len++] = (char)ch;
	ui->line[ui->line_len] = 0;
	return true;
}

const char *ui_tree_error_hint(struct ui *ui, const char *what, const char *key,
			       const char *hint, char *out, size_t len)
{
	char near[200], keys[64], how[120];

	if (!what || strcmp(what, "unknown-setting") != 0 || !key)
		return hint;
	keys_for_cmd(UC_SEARCH, keys, sizeof keys);
	keys[strcspn(keys, ",")] = '\0';
	if (keys[0])
		snprintf(how, sizeof how, "%s searches the settings by name, label or value", keys);
	else
		snprintf(how, sizeof how, "the Settings pane lists every setting");
	if (cam_config_suggest(ui->cfg, key, near, sizeof near) > 0)
		snprintf(out, len, "did you mean %s? (%s)", near, how);
	else
		snprintf(out, len, "%s", how);
	return out;
}

void ui_tree_edit_hint(const struct ui *ui, char *out, size_t len)
{
	if (len)
		out[0] = '\0';
	if (ui->edit == EDIT_TEXT && ui->edit_w)
		cam_config_accepts(ui->edit_w, out, len);
}

/* Enter on a typed value: send it when the setting takes it; else say
 * why on the edit line, which stays open to fix it. */
static void text_done(struct ui *ui)
{
	char canon[sizeof ui->line], err[512]; /* a canonical value is never longer */
	struct cam_widget *w = ui->edit_w;

	if (!w) {
		ui->edit = EDIT_NONE;
		return;
	}
	if (cam_config_validate(w, ui->line, canon, sizeof canon, err, sizeof err) < 0) {
		ui_message(ui, true, "%s", err);
		return;
	}
	ui->edit = EDIT_NONE;
	curs_set(0);
	/* "now" stays a word: the worker reads the clock when it sends */
	tree_set(ui, w, w->type == CW_DATE && !strcasecmp(ui->line, "now") ? "now" : canon);
}

/* Keys while a picker, text entry or search is open. */
int ui_tree_edit_key(struct ui *ui, int ch)
{
	enum ui_cmd cmd = keys_lookup(ch);
	ui_mark(ui, PANE_TREE);
	if (ui->edit == EDIT_CONFIRM_SET)
		return confirm_key(ui, ch);
	if (ui->edit == EDIT_PICK) {
		struct cam_widget *w = ui->edit_w;
		if (cmd == UC_UP) ui_list_move(&ui->pick, -1);
		else if (cmd == UC_DOWN) ui_list_move(&ui->pick, 1);
		else if (cmd == UC_PAGE_UP) ui_list_page(&ui->pick, -1);
		else if (cmd == UC_PAGE_DOWN) ui_list_page(&ui->pick, 1);
		else if (cmd == UC_ENTER) {
			ui->edit = EDIT_NONE;
			if (w && ui->pick.sel < w->n_choices)
				tree_set(ui, w, w->choices[ui->pick.sel]);
		} else if (keys_cancels(cmd) || cmd == UC_QUIT)
			ui->edit = EDIT_NONE;
		return LOOP_REDRAW;
	}
	if (ui->edit == EDIT_TEXT && (ch == '\r' || ch == KEY_ENTER)) {
		text_done(ui);
		return LOOP_REDRAW;
	}
	if (ch == 27 || ch == '\r' || ch == KEY_ENTER) {
		enum edit_mode m = ui->edit;
		ui->edit = EDIT_NONE;
		if (m == EDIT_TEXT)
			ui->msg[0] = 0;
		curs_set(0);
		if (m == EDIT_SEARCH && ch == 27)
			ui_message(ui, false, "search cancelled");
		return LOOP_REDRAW;
	}
	if (!ui_line_edit(ui, ch))
		return LOOP_REDRAW;
	if (ui->edit == EDIT_TEXT)
		ui->msg[0] = 0; /* a refusal shown on the edit line is being fixed */
	else if (!search_from(ui, 0) && ui->line_len)
		ui_message(ui, true, "no setting matches");
	else
		ui->msg[0] = 0;
	return LOOP_REDRAW;
}

/* A section was opened or closed: redraw, and remember it for the model. */
static void layout_changed(struct ui *ui)
{
	ui_tree_rebuild(ui);
	if (ui_layout_save(ui) < 0 && ui->model[0])
		ui_message(ui, true, "cannot save the tree layout (see capa(1), FILES)");
}

/* Keys in the tree pane. */
static int tree_key(struct ui *ui, struct ui_pane *p, enum ui_cmd cmd, int ch)
{
	struct cam_widget *w = current(ui);
	(void)p; (void)ch;
	switch (cmd) {
	case UC_UP: ui_list_move(&ui->tree, -1); break;
	case UC_DOWN: ui_list_move(&ui->tree, 1); break;
	case UC_PAGE_UP: ui_list_page(&ui->tree, -1); break;
	case UC_PAGE_DOWN: ui_list_page(&ui->tree, 1); break;
	case UC_HOME: ui_list_select(&ui->tree, 0); break;
	case UC_END: ui_list_select(&ui->tree, ui->n_rows ? ui->n_rows - 1 : 0); break;
	case UC_LEFT:
	case UC_RIGHT:
		if (!w)
			return 0;
		if (is_group(w)) {
			ui_tree_collapse(ui, w->path ? w->path : "", cmd == UC_LEFT);
			layout_changed(ui);
		} else {
			return arrow_key(ui, w, cmd == UC_LEFT ? -1 : 1);
		}
		break;
	case UC_ENTER:
		if (!w)
			return 0;
		if (is_group(w)) {
			ui_tree_collapse(ui, w->path ? w->path : "", !ui_tree_is_collapsed(ui, w->path ? w->path : ""));
			layout_changed(ui);
			break;
		}
		return start_edit(ui, w);
	case UC_SEARCH:
		ui->edit = EDIT_SEARCH;
		ui->line[0] = 0;
		ui->line_len = 0;
		break;
	case UC_SEARCH_NEXT:
		if (ui->line[0] && !search_from(ui, ui->tree.sel + 1))
			ui_message(ui, true, "no setting matches");
		break;
	case UC_FAVOURITE:
		if (!w || is_group(w) || !w->path)
			return 0;
		ui_fav_toggle(ui, w->path);
		if (ui_fav_save(ui) < 0)
			ui_message(ui, true, "cannot save favourites");
		else
			ui_message(ui, false, "%s", ui_fav_has(ui, w->path) ? "pinned" : "unpinned");
		ui_tree_rebuild(ui);
		break;
	default:
		return 0;
	}
	ui_mark(ui, PANE_TREE);
	return LOOP_REDRAW;
}

const struct ui_pane_ops ui_tree_ops = { tree_draw, tree_key, NULL, NULL };
