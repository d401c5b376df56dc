/* The camera picker overlay: the cameras udev knows, model and port.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hotplug-link.h"
#include "loop.h"
#include "picker.h"
#include "ui-state.h"

#include <stdio.h>

bool ui_picker_open(struct ui *ui)
{
	return ui->link && hotplug_link_picker(ui->link)->open;
}

/* Draw the picker centred over the panes. */
void ui_picker_draw(struct ui *ui)
{
	struct picker *pk = hotplug_link_picker(ui->link);
	int h = (int)pk->n + 4, w = ui->cols - 4 < 70 ? ui->cols - 4 : 70;
	if (h > ui->rows - 2)
		h = ui->rows - 2;
	if (h < 4 || w < 20)
		return;
	WINDOW *win = newwin(h, w, (ui->rows - h) / 2, (ui->cols - w) / 2);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	ui_put(win, 0, 2, w - 4, theme_attr(TS_TITLE_FOCUS), " Cameras (Enter connects, Esc closes) ");
	if (pk->n == 0)
		ui_put(win, 1, 2, w - 4, theme_attr(TS_READONLY), "no USB camera found; plug one in");
	for (size_t i = 0; i < pk->n && (int)i < h - 3; i++) {
		char row[300];
		int attr = i == pk->sel ? theme_attr(TS_SELECTED) : theme_attr(TS_NORMAL);
		wattron(win, attr);
		mvwhline(win, (int)i + 1, 1, ' ', w - 2);
		wattroff(win, attr);
		/* picker_row's text is already cleaned by the hotplug module. */
		ui_put(win, (int)i + 1, 2, w - 4, attr, picker_row(&pk->e[i], row, sizeof row));
	}
	char st[64];
	ui_put(win, h - 2, 2, w - 4, theme_attr(TS_READONLY), hotplug_link_status(ui->link, st, sizeof st));
	wnoutrefresh(win);
	delwin(win);
}

int ui_picker_key(struct ui *ui, enum ui_cmd cmd, int ch)
{
	struct picker *pk = hotplug_link_picker(ui->link);
	(void)ch;
	switch (cmd) {
	case UC_UP: picker_move(pk, -1); break;
	case UC_DOWN: picker_move(pk, 1); break;
	case UC_ENTER: {
		const struct picker_entry *e = picker_selected(pk);
		pk->open = false;
		if (e)
			hotplug_link_choose(ui->link, e->port);
		return LOOP_REDRAW | LOOP_FULL;
	}
	case UC_BACK:
	case UC_STOP:
	case UC_QUIT:
	case UC_CAMERAS:
		pk->open = false;
		return LOOP_REDRAW | LOOP_FULL;
	default:
		break;
	}
	return LOOP_REDRAW;
}
