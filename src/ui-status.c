/* The status bar (top row) and the message / prompt line (bottom row).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
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

/* Draw the status bar on stdscr's first row. */
void ui_status_draw(struct ui *ui)
{
	char buf[1024], store[48] = "", sess[300];
	int attr = theme_attr(TS_STATUS);

	if (ui->free_shots >= 0)
		snprintf(store, sizeof store, " | %lld shots left", (long long)ui->free_shots);
	else if (ui->free_bytes >= 0) {
		char h[16];
		human(ui->free_bytes, h, sizeof h);
		snprintf(store, sizeof store, " | card %s free", h);
	}
	ui_text_clean(ui->session, sess, sizeof sess);
	snprintf(buf, sizeof buf, " capa | %s | %s%s%s%s | %zu pending | %s",
		 ui->connected ? ui->model : "no camera", ui->state,
		 ui->battery[0] ? " | battery " : "", ui->battery, store, ui->pending, sess);
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
