/* Scrolling list state.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-list.h"

/* Scroll so the selection is visible and no blank rows show at the end. */
static void fix(struct ui_list *l)
{
	size_t h = l->height ? l->height : 1;
	if (l->count == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->count > h && l->top > l->count - h)
		l->top = l->count - h;
	if (l->count <= h)
		l->top = 0;
}

void ui_list_set_count(struct ui_list *l, size_t count)
{
	l->count = count;
	fix(l);
}

void ui_list_set_height(struct ui_list *l, size_t height)
{
	l->height = height;
	fix(l);
}

void ui_list_move(struct ui_list *l, long delta)
{
	if (delta < 0 && (size_t)-delta > l->sel)
		l->sel = 0;
	else
		l->sel = (size_t)((long)l->sel + delta);
	fix(l);
}

void ui_list_select(struct ui_list *l, size_t i)
{
	l->sel = i;
	fix(l);
}

void ui_list_page(struct ui_list *l, int dir)
{
	long h = l->height > 1 ? (long)l->height - 1 : 1;
	ui_list_move(l, dir < 0 ? -h : h);
}
