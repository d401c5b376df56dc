/* The `?` help overlay, generated from the live bindings and the command
 * table.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-state.h"

#include <stdio.h>
#include <string.h>

#include "command-table.h"

#define CAMERA_ARG "[@CAMERA]"

/* Row i of the commands the `:` prompt takes (after a heading row) into
 * line; `brief` leaves out the [@CAMERA] every camera command takes (the
 * heading says so).  False past the last. */
static bool command_row(int i, bool brief, char *line, size_t len)
{
	const struct cmd_entry *e;

	if (i-- == 0) {
		snprintf(line, len, "%s", brief ? "Commands at : (camera ones take @CAMERA)"
						: "Commands at the : prompt");
		return true;
	}
	for (size_t k = 0; (e = cmd_table_at(k)); k++) {
		if (!(e->fronts & CF_PROMPT) || i-- > 0)
			continue;
		const char *args = e->args;
		if (brief && !strncmp(args, CAMERA_ARG, strlen(CAMERA_ARG)))
			args += strlen(CAMERA_ARG) + strspn(args + strlen(CAMERA_ARG), " ");
		char syn[64];
		snprintf(syn, sizeof syn, "%s%s%s", e->name, *args ? " " : "", args);
		snprintf(line, len, brief ? "%s: %s" : "%-23s %s", syn, e->help);
		return true;
	}
	return false;
}

/* Row i of the overlay into line: a UI command with its keys, then each
 * key that runs a command line, then the prompt's commands; `brief`
 * leaves out the command's name (a narrow column keeps its room for what
 * the key does).  False past the last row. */
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
	return command_row(i, brief, line, len);
}

/* Draw the overlay centred over the panes; two columns when one is too
 * short, and pages (PgDn, PgUp) when two are. */
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
	int per_page = (h - 2) * ncol;
	ui->help_pages = (n + per_page - 1) / per_page;
	if (ui->help_page >= ui->help_pages)
		ui->help_page = 0;
	WINDOW *win = newwin(h, w, (ui->rows - h) / 2, (ui->cols - w) / 2);
	if (!win)
		return;
	wbkgd(win, (chtype)theme_attr(TS_HELP));
	werase(win);
	box(win, 0, 0);
	ui_put(win, 0, 2, w - 4, theme_attr(TS_TITLE_FOCUS), " Keys (any key closes) ");
	if (ui->help_pages > 1) {
		char more[48];
		snprintf(more, sizeof more, " PgDn, PgUp: page %d of %d ", ui->help_page + 1, ui->help_pages);
		ui_put(win, h - 1, 2, w - 4, theme_attr(TS_TITLE_FOCUS), more);
	}
	int colw = (w - 2) / ncol;
	bool brief = colw < 46;
	for (int j = 0; j < per_page && ui->help_page * per_page + j < n; j++) {
		int col = j / (h - 2), row = j % (h - 2);
		help_row(ui->help_page * per_page + j, brief, line, sizeof line);
		ui_put(win, row + 1, 1 + col * colw + 1, colw - 2, theme_attr(TS_HELP), line);
	}
	wnoutrefresh(win);
	delwin(win);
}
