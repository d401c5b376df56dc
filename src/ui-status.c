/* The status bar (top row) and the message / prompt line (bottom row).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-set.h"
#include "session.h"
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Format a byte count as "12.3G". */
static void human(int64_t b, char *out, size_t len)
{
	const char *u = "BKMGT";
	double v = (double)b;
	while (v >= 1000 && u[1]) {
		v /= 1024;
		u++;
	}
	snprintf(out, len, v < 10 && *u != 'B' ? "%.1f%c" : "%.0f%c", v, *u);
}

void ui_status_session(struct ui *ui, const char *dir)
{
	char def[4096];
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;

	if (!dir && session_default_dir(def, sizeof def, time(NULL)) == 0)
		dir = def;
	if (!dir)
		dir = "";
	bool tilde = hl > 1 && !strncmp(dir, home, hl) && (dir[hl] == '/' || !dir[hl]);
	const char *shown = tilde ? dir + hl : dir;
	size_t n = strlen(shown), room = sizeof ui->session - 2;
	if (n > room) /* keep the end: the session's own name */
		shown += n - room;
	/* shown fits (cut above); the check keeps -Wformat-truncation quiet */
	if (snprintf(ui->session, sizeof ui->session, "%s%s", tilde ? "~" : "", shown) < 0)
		ui->session[0] = '\0';
}

/* The tail of s that fits in `width` columns, "…" first when cut. */
static const char *fit_tail(const char *s, int width, char *out, size_t len)
{
	const char *p = s;
	if ((int)ui_text_width(s) <= width)
		return s;
	while (*p && (int)ui_text_width(p) > width - 1)
		do
			p++;
		while ((*p & 0xc0) == 0x80);
	snprintf(out, len, "\u2026%s", p);
	return out;
}

/* Draw the status bar on stdscr's first row. */
void ui_status_draw(struct ui *ui)
{
	char buf[1024], store[48] = "", sess[300], cut[310];
	int attr = theme_attr(TS_STATUS);

	if (ui->free_shots >= 0)
		snprintf(store, sizeof store, " | %lld shots left", (long long)ui->free_shots);
	else if (ui->free_bytes >= 0) {
		char h[16];
		human(ui->free_bytes, h, sizeof h);
		snprintf(store, sizeof store, " | card %s free", h);
	}
	ui_text_clean(ui->session, sess, sizeof sess);
	char which[24] = "";
	int n = ui->worker ? cam_set_count(ui->worker) : 0;
	if (n > 1)
		snprintf(which, sizeof which, "camera %d/%d: ", cam_set_selected(ui->worker), n);
	snprintf(buf, sizeof buf, " capa | %s%s | %s%s%s%s | %zu pending", which,
		 ui->connected ? ui->model : "no camera", ui->state,
		 ui->battery[0] ? " | battery " : "", ui->battery, store, ui->pending);
	/* the session's end (its name) matters most: cut it from the left;
	 * with no room for it the bar ends after "pending", not on a "|" */
	int room = ui->cols - (int)ui_text_width(buf) - 3;
	if (room > 8) {
		size_t used = strlen(buf);
		snprintf(buf + used, sizeof buf - used, " | %s", fit_tail(sess, room, cut, sizeof cut));
	}
	wattron(stdscr, attr);
	mvwhline(stdscr, 0, 0, ' ', ui->cols);
	wattroff(stdscr, attr);
	ui_put(stdscr, 0, 0, ui->cols, attr, buf);
}

/* A key's name for the footer: "Space", "Tab", "F5", "b". */
static char *key_label(int ch, char *buf, size_t len)
{
	keys_name(ch, buf, len);
	if (buf[0] >= 'a' && buf[0] <= 'z' && buf[1] && buf[1] != '-')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* Append "KEY what" to the footer at *o when it fits in room columns. */
static void footer_add(char *out, size_t len, size_t *o, int room, int key, const char *what)
{
	char name[24], item[KEYS_LINE_MAX + 40];
	snprintf(item, sizeof item, "%s%s %s", *o ? "  " : "", key_label(key, name, sizeof name), what);
	if ((int)(ui_text_width(out) + ui_text_width(item)) > room || *o + strlen(item) >= len)
		return;
	*o += (size_t)snprintf(out + *o, len - *o, "%s", item);
}

/* The first key bound to c; -1 when none. */
static int first_key(enum ui_cmd c)
{
	enum ui_cmd k;
	const char *line;
	int ch;
	for (size_t i = 0; (ch = keys_at(i, &k, &line)) >= 0; i++)
		if (k == c)
			return ch;
	return -1;
}

/* The footer: the main keys and every key bound to a command line, from
 * the live bindings; help and quit always find room. */
static void footer_text(char *out, size_t len, int cols)
{
	static const struct { enum ui_cmd c; const char *what; } main_keys[] = {
		{ UC_CAPTURE, "capture" }, { UC_NEXT_PANE, "pane" }, { UC_SEARCH, "search" },
		{ UC_PROMPT, "command" },
	};
	char tail[80] = "";
	size_t o = 0, t = 0;
	int ch, room;
	enum ui_cmd c;
	const char *line;

	if ((ch = first_key(UC_HELP)) >= 0)
		footer_add(tail, sizeof tail, &t, cols, ch, "help");
	if ((ch = first_key(UC_QUIT)) >= 0)
		footer_add(tail, sizeof tail, &t, cols, ch, "quit");
	room = cols - (int)ui_text_width(tail) - 2;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof main_keys / sizeof main_keys[0]; i++)
		if ((ch = first_key(main_keys[i].c)) >= 0)
			footer_add(out, len, &o, room, ch, main_keys[i].what);
	for (size_t i = 0; (ch = keys_at(i, &c, &line)) >= 0; i++)
		if (c == UC_RUN)
			footer_add(out, len, &o, room, ch, line);
	snprintf(out + o, len - o, "%s%s", o && t ? "  " : "", tail);
}

/* The edit line: "value: TEXT", and at the right what the setting takes,
 * or why Enter did not send it. */
static void edit_line_draw(struct ui *ui, int y)
{
	char buf[300], clean[260], takes[400], side[400];
	int room;

	snprintf(buf, sizeof buf, "value: %s", ui_text_clean(ui->line, clean, sizeof clean));
	ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_PROMPT), buf);
	if (ui->msg[0] && ui->msg_error)
		snprintf(takes, sizeof takes, "%s", ui->msg);
	else
		ui_tree_edit_hint(ui, takes, sizeof takes);
	ui_text_clean(takes, side, sizeof side);
	room = ui->cols - (int)ui_text_width(buf) - 3;
	if (!side[0] || room < 8)
		return;
	if ((int)ui_text_width(side) > room)
		ui_text_ellipsize(side, (size_t)room, takes, sizeof takes);
	else
		snprintf(takes, sizeof takes, "%s", side);
	ui_put(stdscr, y, ui->cols - (int)ui_text_width(takes) - 1, room,
	       theme_attr(ui->msg[0] && ui->msg_error ? TS_LOG_ERROR : TS_READONLY), takes);
}

/* Draw the bottom line: the prompt being edited or the last message. */
void ui_msgline_draw(struct ui *ui)
{
	int y = ui->rows - 1;
	char buf[1024];

	move(y, 0);
	clrtoeol();
	switch (ui->edit) {
	case EDIT_SEARCH:
	case EDIT_PROMPT: {
		const char *lead = ui->edit == EDIT_SEARCH ? "/" : ":";
		char clean[260];
		snprintf(buf, sizeof buf, "%s%s", lead, ui_text_clean(ui->line, clean, sizeof clean));
		ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_PROMPT), buf);
		break;
	}
	case EDIT_TEXT:
		edit_line_draw(ui, y);
		break;
	case EDIT_CONFIRM_SET:
		ui_tree_confirm_text(ui, buf, sizeof buf);
		ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_LOG_ERROR), buf);
		break;
	case EDIT_CONFIRM_QUIT:
		snprintf(buf, sizeof buf, "%zu download(s) still running. Quit anyway? (y/n)", ui->pending);
		ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_LOG_ERROR), buf);
		break;
	default:
		if (ui->msg[0]) {
			ui_put(stdscr, y, 0, ui->cols, theme_attr(ui->msg_error ? TS_LOG_ERROR : TS_NORMAL), ui->msg);
		} else {
			footer_text(buf, sizeof buf, ui->cols);
			ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_READONLY), buf);
		}
	}
}
