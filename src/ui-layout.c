/* The settings tree's layout (which sections are collapsed), remembered per
 * camera model.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored in $XDG_CONFIG_HOME/capa/tree-layout/MODEL beside the favourites,
 * one section a line as the tree marks it: "+ PATH" collapsed, "- PATH"
 * expanded.  Every section of the tree is written, so a model with a file
 * skips the first-time defaults (actions and status collapsed); one
 * without a file gets them. */
#include "ui-state.h"

#include <string.h>

#define LAYOUT_KIND "tree-layout"

/* ui_model_line_fn: one "+ PATH" or "- PATH" line (others are ignored). */
static void layout_line(void *ud, const char *line)
{
	struct ui *ui = ud;
	if ((line[0] != '+' && line[0] != '-') || line[1] != ' ' || line[2] != '/')
		return;
	ui->tree_seen = true;
	if (line[0] == '+')
		ui_tree_collapse(ui, line + 2, true);
}

void ui_layout_load(struct ui *ui)
{
	ui_tree_expand_all(ui);
	ui->tree_seen = false; /* no file: the defaults come with the tree */
	ui_model_file_read(ui, LAYOUT_KIND, layout_line, ui);
}

/* Write the sections under w, depth first. */
static void write_sections(const struct ui *ui, const struct cam_widget *w, FILE *f, int depth)
{
	for (size_t i = 0; i < w->n_children && depth < 8; i++) {
		const struct cam_widget *c = &w->children[i];
		if ((c->type != CW_SECTION && c->type != CW_WINDOW) || !c->path || c->path[0] != '/' ||
		    strchr(c->path, '\n'))
			continue;
		fprintf(f, "%c %s\n", ui_tree_is_collapsed(ui, c->path) ? '+' : '-', c->path);
		write_sections(ui, c, f, depth + 1);
	}
}

/* ui_model_write_fn: the current tree's sections. */
static void layout_write(void *ud, FILE *f)
{
	const struct ui *ui = ud;
	write_sections(ui, &ui->cfg->root, f, 0);
}

int ui_layout_save(struct ui *ui)
{
	if (!ui->cfg)
		return -1;
	return ui_model_file_write(ui, LAYOUT_KIND, layout_write, ui);
}
