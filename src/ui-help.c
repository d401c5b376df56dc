/* The `?` help overlay, generated from the binding table.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-state.h"

#include <stdio.h>

/* Draw the overlay centred over the panes; two columns when one is too short. */
void ui_help_draw(struct ui *ui)
{
	int n = 0;
	for (int c = 1; c < UC_COUNT; c++) {
		char keys[64];
		if (keys_for_cmd((enum ui_cmd)c, keys, sizeof keys)[0])
			n++;
	}
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
	int colw = (w - 2) / ncol, i = 0;
	for (int c = 1; c < UC_COUNT; c++) {
		char keys[64], line[160];
		keys_for_cmd((enum ui_cmd)c, keys, sizeof keys);
		if (!keys[0])
			continue;
		int col = i / (h - 2), row = i % (h - 2);
		i++;
		if (col >= ncol)
			break;
		snprintf(line, sizeof line, "%-10.10s %-11s %s", keys, keys_cmd_name((enum ui_cmd)c),
			 keys_cmd_help((enum ui_cmd)c));
		ui_put(win, row + 1, 1 + col * colw + 1, colw - 2, theme_attr(TS_HELP), line);
	}
	wnoutrefresh(win);
	delwin(win);
}
