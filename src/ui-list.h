/* Scrolling list state (rows, top, selection), independent of drawing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every pane with rows keeps one; pure data, unit-tested without curses. */
#ifndef CAPA_UI_LIST_H
#define CAPA_UI_LIST_H

#include <stddef.h>

struct ui_list {
	size_t count;  /* rows in the list */
	size_t top;    /* first visible row */
	size_t sel;    /* selected row (0 when empty) */
	size_t height; /* visible rows (>= 1 once laid out) */
};

/* Change the number of rows, keeping the selection inside. */
void ui_list_set_count(struct ui_list *l, size_t count);

/* Change the visible height, keeping the selection visible. */
void ui_list_set_height(struct ui_list *l, size_t height);

/* Move the selection by delta rows (clamped). */
void ui_list_move(struct ui_list *l, long delta);

/* Select row i (clamped) and scroll it into view. */
void ui_list_select(struct ui_list *l, size_t i);

/* Move by one page up (dir < 0) or down. */
void ui_list_page(struct ui_list *l, int dir);

#endif
