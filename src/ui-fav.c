/* Favourite (pinned) settings, remembered per camera model, and the
 * per-model files they and the tree's layout are kept in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored one widget path per line in
 * $XDG_CONFIG_HOME/capa/favourites/MODEL (model reduced to [A-Za-z0-9._-]),
 * written through a temporary file and rename; read as untrusted (a
 * regular file only, bounded in size and lines). */
#include "textfile.h"
#include "ui-state.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file `kind` ("favourites", "tree-layout") for the current model
 * into out; -1 without a model.  mkdirs creates the directories. */
static int model_path(const struct ui *ui, const char *kind, char *out, size_t len, bool mkdirs)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char dir[1024], model[100];
	size_t o = 0;

	if (!ui->model[0])
		return -1;
	for (const char *m = ui->model; *m && o + 1 < sizeof model; m++)
		model[o++] = isalnum((unsigned char)*m) || *m == '.' || *m == '-' ? *m : '_';
	model[o] = 0;
	if (xdg && *xdg)
		snprintf(dir, sizeof dir, "%s/capa", xdg);
	else
		snprintf(dir, sizeof dir, "%s/.config/capa", home ? home : ".");
	if (mkdirs) {
		char parent[1024];
		snprintf(parent, sizeof parent, "%s", dir);
		char *s = strrchr(parent, '/');
		if (s && s != parent) {
			*s = 0;
			mkdir(parent, 0700);
		}
		mkdir(dir, 0700);
	}
	snprintf(out, len, "%s/%s", dir, kind);
	if (mkdirs)
		mkdir(out, 0700);
	size_t n = strlen(out);
	snprintf(out + n, len - n, "/%s", model);
	return 0;
}

int ui_model_file_read(const struct ui *ui, const char *kind, ui_model_line_fn *fn, void *ud)
{
	char path[1200], line[512], err[160];
	struct textfile f;
	enum textfile_line t;
	int n = 0;

	if (model_path(ui, kind, path, sizeof path, false) < 0 ||
	    textfile_open(&f, path, UI_MODEL_FILE_MAX, err, sizeof err) < 0)
		return -1;
	while (n < UI_MODEL_LINES_MAX && (t = textfile_next(&f, line, sizeof line)) != TEXTFILE_END)
		if (t == TEXTFILE_OK) {
			line[strcspn(line, "\r")] = 0;
			fn(ud, line);
			n++;
		}
	textfile_close(&f);
	return n;
}

int ui_model_file_write(const struct ui *ui, const char *kind, ui_model_write_fn *fn, void *ud)
{
	char path[1200], tmp[1300];
	if (model_path(ui, kind, path, sizeof path, true) < 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -1;
	fn(ud, f);
	if (ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		fclose(f);
		unlink(tmp);
		return -1;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

bool ui_fav_has(const struct ui *ui, const char *path)
{
	for (size_t i = 0; i < ui->n_favs; i++)
		if (strcmp(ui->favs[i], path) == 0)
			return true;
	return false;
}

/* Add a path (no duplicates). */
static void fav_add(struct ui *ui, const char *path)
{
	if (ui_fav_has(ui, path) || ui->n_favs >= 200)
		return;
	char **n = realloc(ui->favs, sizeof *n * (ui->n_favs + 1));
	if (!n)
		return;
	ui->favs = n;
	if ((n[ui->n_favs] = strdup(path)))
		ui->n_favs++;
}

void ui_fav_toggle(struct ui *ui, const char *path)
{
	for (size_t i = 0; i < ui->n_favs; i++)
		if (strcmp(ui->favs[i], path) == 0) {
			free(ui->favs[i]);
			memmove(ui->favs + i, ui->favs + i + 1, sizeof *ui->favs * (ui->n_favs - i - 1));
			ui->n_favs--;
			return;
		}
	fav_add(ui, path);
}

void ui_fav_clear(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_favs; i++)
		free(ui->favs[i]);
	free(ui->favs);
	ui->favs = NULL;
	ui->n_favs = 0;
}

/* ui_model_line_fn: one line of the favourites file. */
static void fav_line(void *ud, const char *line)
{
	if (line[0] == '/')
		fav_add(ud, line);
}

void ui_fav_load(struct ui *ui)
{
	ui_fav_clear(ui);
	ui_model_file_read(ui, "favourites", fav_line, ui);
}

/* ui_model_write_fn: the favourites, one path a line. */
static void fav_write(void *ud, FILE *f)
{
	const struct ui *ui = ud;
	for (size_t i = 0; i < ui->n_favs; i++)
		fprintf(f, "%s\n", ui->favs[i]);
}

int ui_fav_save(struct ui *ui)
{
	return ui_model_file_write(ui, "favourites", fav_write, ui);
}
