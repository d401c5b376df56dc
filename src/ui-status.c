/* The status bar (top row) and the message / prompt line (bottom row).
 * SPDX-License-Identifier: GPL-3.0-or-later */
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
	snprintf(ui->session, sizeof ui->session, "%s%s", tilde ? "~" : "", shown);
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
	snprintf(buf, sizeof buf, " capa | %s | %s%s%s%s | %zu pending | ",
		 ui->connected ? ui->model : "no camera", ui->state,
		 ui->battery[0] ? " | battery " : "", ui->battery, store, ui->pending);
	/* the session's end (its name) matters most: cut it from the left */
	int room = ui->cols - (int)ui_text_width(buf);
	if (room > 8) {
		size_t used = strlen(buf);
		snprintf(buf + used, sizeof buf - used, "%s", fit_tail(sess, room, cut, sizeof cut));
	}
	wattron(stdscr, attr);
	mvwhline(stdscr, 0, 0, ' ', ui->cols);
	wattroff(stdscr, attr);
	ui_put(stdscr, 0, 0, ui->cols, attr, buf);
}

/* Draw the bottom line: the prompt being edited or the last message. */
void ui_msgline_draw(struct ui *ui)
{
	int y = ui->rows - 1;
	char buf[300];

	move(y, 0);
	clrtoeol();
	switch (ui->edit) {
	case EDIT_SEARCH:
	case EDIT_PROMPT:
	case EDIT_TEXT: {
		const char *lead = ui->edit == EDIT_SEARCH ? "/" : ui->edit == EDIT_PROMPT ? ":" : "value: ";
		char clean[260];
		snprintf(buf, sizeof buf, "%s%s", lead, ui_text_clean(ui->line, clean, sizeof clean));
		ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_PROMPT), buf);
		break;
	}
	case EDIT_CONFIRM_SET:
		ui_tree_confirm_text(ui, buf, sizeof buf);
		ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_LOG_ERROR), buf);
		break;
	case EDIT_CONFIRM_QUIT:
		snprintf(buf, sizeof buf, "%zu download(s) still running. Quit anyway? (y/n)", ui->pending);
		ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_LOG_ERROR), buf);
		break;
	default:
		if (ui->msg[0])
			ui_put(stdscr, y, 0, ui->cols, theme_attr(ui->msg_error ? TS_LOG_ERROR : TS_NORMAL), ui->msg);
		else
			ui_put(stdscr, y, 0, ui->cols, theme_attr(TS_READONLY),
			       "Space capture  Tab pane  / search  : command  ? help  q quit");
	}
}
