/* The `?` help overlay, generated from the live bindings.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-state.h"

#include <stdio.h>

/* Row i of the overlay into line: a UI command with its keys, then each
 * key that runs a command line; `brief` leaves out the command's name (a
 * narrow column keeps its room for what the key does).  False past the
 * last row. */
static bool help_row(int i, bool brief, char *line, size_t len)
{
	char keys[64];
	enum ui_cmd c;
	const char *run;
	int ch;

	for (int k = 1; k < UC_COUNT; k++) {
		if (!keys_for_cmd((enum ui_cmd)k, keys, sizeof keys)[0] || i-- > 0)
			continue;
		if (brief)
			snprintf(line, len, "%-9.9s %s", keys, keys_cmd_help((enum ui_cmd)k));
		else
			snprintf(line, len, "%-10.10s %-11s %s", keys, keys_cmd_name((enum ui_cmd)k),
				 keys_cmd_help((enum ui_cmd)k));
		return true;
	}
	for (size_t b = 0; (ch = keys_at(b, &c, &run)) >= 0; b++) {
		if (c != UC_RUN || i-- > 0)
			continue;
		snprintf(line, len, brief ? "%-9.9s %s" : "%-10.10s %s", keys_name(ch, keys, sizeof keys), run);
		return true;
	}
	return false;
}

/* Draw the overlay centred over the panes; two columns when one is too short. */
void ui_help_draw(struct ui *ui)
{
	char line[KEYS_LINE_MAX + 80];
	int n = 0;
	while (help_row(n, false, line, sizeof line))
		n++;
	int h = n + 2, w = ui->cols - 2 < 72 ? ui->cols - 2 : 72, ncol = 1;
	if (h > ui->rows - 2) {
		ncol = 2;
		w = ui->cols - 2 < 120 ? ui->cols - 2 : 120;
		h = (n + 1) / 2 + 2;
		if (h > ui->rows - 2)
			h = ui->rows - 2;
	}
	if (h < 3 || w < 10)
		return;
	WINDOW *win = newwin(h, w, (ui->rows - h) / 2, (ui->cols - w) / 2);
	if (!win)
		return;
	wbkgd(win, (chtype)theme_attr(TS_HELP));
	werase(win);
	box(win, 0, 0);
	ui_put(win, 0, 2, w - 4, theme_attr(TS_TITLE_FOCUS), " Keys (any key closes) ");
	int colw = (w - 2) / ncol;
	bool brief = colw < 46;
	for (int i = 0; i < n && i / (h - 2) < ncol; i++) {
		int col = i / (h - 2), row = i % (h - 2);
		help_row(i, brief, line, sizeof line);
		ui_put(win, row + 1, 1 + col * colw + 1, colw - 2, theme_attr(TS_HELP), line);
	}
	wnoutrefresh(win);
	delwin(win);
}
