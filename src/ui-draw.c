/* Small drawing helpers shared by the panes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <string.h>

/* Write text at (y, x), cut to maxcols columns.  Every string curses
 * draws passes here, and through the one sanitiser (again, for text that
 * was cleaned already: a string put together from parts is never trusted). */
void ui_put(WINDOW *w, int y, int x, int maxcols, int attr, const char *text)
{
	char clean[1024];

	if (maxcols <= 0)
		return;
	ui_text_clean(text, clean, sizeof clean);
	size_t n = ui_text_fit(clean, (size_t)maxcols);
	wattron(w, attr);
	mvwaddnstr(w, y, x, clean, (int)n);
	wattroff(w, attr);
}

/* Write untrusted text (ui_put cleans everything). */
void ui_put_raw(WINDOW *w, int y, int x, int maxcols, int attr, const char *untrusted)
{
	ui_put(w, y, x, maxcols, attr, untrusted);
}

/* Draw a pane's border with its title. */
void ui_draw_frame(struct ui *ui, struct ui_pane *p, bool focused)
{
	ui_draw_frame_file(ui, p, focused, NULL);
}

/* Draw a pane's border titled "TITLE — NAME", NAME the base name of path
 * (cut with an ellipsis to fit), or just "TITLE" when path is NULL. */
void ui_draw_frame_file(struct ui *ui, struct ui_pane *p, bool focused, const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	char name[256], cut[256], t[300];
	int room = p->w - 4 - 2 - (int)ui_text_width(p->title) - 3; /* " TITLE — NAME " */

	(void)ui;
	wattron(p->win, theme_attr(TS_NORMAL));
	box(p->win, 0, 0);
	wattroff(p->win, theme_attr(TS_NORMAL));
	if (path && room > 0) {
		ui_text_clean(base ? base + 1 : path, name, sizeof name);
		snprintf(t, sizeof t, " %s \u2014 %s ", p->title,
			 ui_text_ellipsize(name, (size_t)room, cut, sizeof cut));
	} else
		snprintf(t, sizeof t, " %s ", p->title);
	ui_put(p->win, 0, 2, p->w - 4, theme_attr(focused ? TS_TITLE_FOCUS : TS_TITLE), t);
}
