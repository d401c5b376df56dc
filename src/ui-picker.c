/* The camera picker overlay: the USB cameras udev knows, the connected
 * camera, the ones used before, and "address…" to type a Wi-Fi camera's.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hotplug-link.h"
#include "loop.h"
#include "picker.h"
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <string.h>

#define PICKER_W_MAX 88
#define ADDRESS_ROW "address\u2026  type a Wi-Fi camera's address"
#define EMPTY_TEXT "no camera found: plug one in, or choose address\u2026 to type a " \
	"Wi-Fi camera's address"
#define ADDRESS_HINT "ptpip:IP[:PORT], e.g. ptpip:192.168.1.10   Enter connects, Esc goes back"

bool ui_picker_open(struct ui *ui)
{
	return ui->link && hotplug_link_picker(ui->link)->open;
}

/* Split clean text s into at most `max` lines of `width` columns, broken at
 * spaces.  Returns the number of lines. */
static int wrap_text(const char *s, int width, char out[][200], int max)
{
	int n = 0;

	while (*s && n < max) {
		size_t fit = ui_text_fit(s, (size_t)width), cut = fit;
		if (s[fit]) {
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		snprintf(out[n++], 200, "%.*s", (int)cut, s);
		s += cut;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* Draw one list row across the box, highlighted when selected. */
static void draw_row(WINDOW *win, int y, int w, bool selected, const char *text)
{
	int attr = selected ? theme_attr(TS_SELECTED) : theme_attr(TS_NORMAL);

	wattron(win, attr);
	mvwhline(win, y, 1, ' ', w - 2);
	wattroff(win, attr);
	ui_put(win, y, 2, w - 4, attr, text);
}

/* Draw the entries that fit in `room` rows from row y, keeping the
 * selection visible. */
static void draw_entries(WINDOW *win, const struct picker *pk, int y, int room, int w)
{
	size_t top = 0;
	char row[400];

	if (room <= 0)
		return;
	if (pk->sel < pk->n && pk->sel >= (size_t)room)
		top = pk->sel - (size_t)room + 1;
	for (size_t i = top; i < pk->n && (int)(i - top) < room; i++)
		/* picker_row's text is already cleaned by the picker module. */
		draw_row(win, y + (int)(i - top), w, i == pk->sel, picker_row(&pk->e[i], row, sizeof row));
}

/* Draw the address line being typed (with a block cursor) and its hint
 * or error, from row y. */
static void draw_typing(WINDOW *win, const struct picker *pk, int y, int w)
{
	char line[PICKER_ADDR_MAX + 8];
	int x;

	snprintf(line, sizeof line, "> %s", pk->addr);
	ui_put(win, y, 2, w - 4, theme_attr(TS_PROMPT), line);
	x = 2 + (int)ui_text_width(line);
	if (x < w - 2)
		mvwaddch(win, y, x, ' ' | A_REVERSE);
	if (pk->addr_err[0])
		ui_put(win, y + 1, 2, w - 4, theme_attr(TS_LOG_ERROR), pk->addr_err);
	else
		ui_put(win, y + 1, 2, w - 4, theme_attr(TS_READONLY), ADDRESS_HINT);
}

/* Draw the picker centred over the panes. */
void ui_picker_draw(struct ui *ui)
{
	struct picker *pk = hotplug_link_picker(ui->link);
	char empty[3][200], st[80];
	int w = ui->cols - 4 < PICKER_W_MAX ? ui->cols - 4 : PICKER_W_MAX;
	int nempty = pk->n == 0 && w > 4 ? wrap_text(EMPTY_TEXT, w - 4, empty, 3) : 0;
	int extra = nempty + 1 + (pk->typing ? 2 : 0);
	int h = (int)pk->n + extra + 4;

	if (h > ui->rows - 2)
		h = ui->rows - 2;
	if (h < extra + 4 || w < 20)
		return;
	WINDOW *win = newwin(h, w, (ui->rows - h) / 2, (ui->cols - w) / 2);
	if (!win)
		return;
	werase(win);
	box(win, 0, 0);
	ui_put(win, 0, 2, w - 4, theme_attr(TS_TITLE_FOCUS), " Cameras (Enter connects, Esc closes) ");
	for (int i = 0; i < nempty; i++)
		ui_put(win, 1 + i, 2, w - 4, theme_attr(TS_READONLY), empty[i]);
	int room = h - 4 - extra;
	draw_entries(win, pk, 1 + nempty, room, w);
	int ya = 1 + nempty + (room < (int)pk->n ? room : (int)pk->n);
	draw_row(win, ya, w, picker_on_address(pk), ADDRESS_ROW);
	if (pk->typing)
		draw_typing(win, pk, ya + 1, w);
	ui_put(win, h - 2, 2, w - 4, theme_attr(TS_READONLY), hotplug_link_status(ui->link, st, sizeof st));
	wnoutrefresh(win);
	delwin(win);
}

/* Connect to the typed address, or say why it is not one. */
static int connect_address(struct ui *ui, struct picker *pk)
{
	char port[HOTPLUG_PORT_MAX];

	if (picker_address_parse(pk->addr, port, sizeof port, pk->addr_err, sizeof pk->addr_err) < 0)
		return LOOP_REDRAW;
	picker_addr_end(pk);
	ui_message(ui, false, "connecting to %s", port);
	return hotplug_link_connect(ui->link, port, PICKER_PTPIP_MODEL) | LOOP_REDRAW | LOOP_FULL;
}

/* Keys while the address line is open: text, Backspace, Enter, Esc. */
static int typing_key(struct ui *ui, struct picker *pk, enum ui_cmd cmd, int ch)
{
	if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
		return connect_address(ui, pk);
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		picker_addr_key(pk, ch, true);
		pk->addr_err[0] = '\0';
		return LOOP_REDRAW;
	}
	if (picker_addr_key(pk, ch, false)) {
		pk->addr_err[0] = '\0';
		return LOOP_REDRAW;
	}
	if (ch == 27 || keys_cancels(cmd))
		picker_addr_end(pk);
	return LOOP_REDRAW;
}

/* Enter on a row: type an address, or connect to the camera chosen. */
static int choose(struct ui *ui, struct picker *pk)
{
	const struct picker_entry *e = picker_selected(pk);

	if (!e) {
		picker_addr_begin(pk);
		return LOOP_REDRAW;
	}
	pk->open = false;
	if (e->current) {
		ui_message(ui, false, "already connected to %s at %s", e->model, e->port);
	} else if (e->kind == PICKER_USB) {
		hotplug_link_choose(ui->link, e->port);
	} else if (strcmp(e->port, "usb:") == 0) {
		/* A USB body used before: found again by its model, on any port. */
		hotplug_link_connect(ui->link, NULL, e->model);
	} else {
		ui_message(ui, false, "connecting to %s", e->port);
		hotplug_link_connect(ui->link, e->port, PICKER_PTPIP_MODEL);
	}
	return LOOP_REDRAW | LOOP_FULL;
}

int ui_picker_key(struct ui *ui, enum ui_cmd cmd, int ch)
{
	struct picker *pk = hotplug_link_picker(ui->link);

	if (pk->typing)
		return typing_key(ui, pk, cmd, ch);
	switch (cmd) {
	case UC_UP: picker_move(pk, -1); break;
	case UC_DOWN: picker_move(pk, 1); break;
	case UC_HOME: picker_move(pk, -PICKER_MAX - 1); break;
	case UC_END: picker_move(pk, PICKER_MAX + 1); break;
	case UC_ENTER:
		return choose(ui, pk);
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
