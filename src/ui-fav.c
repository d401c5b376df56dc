/* Favourite (pinned) settings, remembered per camera model.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored one widget path per line in
 * $XDG_CONFIG_HOME/capa/favourites/MODEL (model reduced to [A-Za-z0-9._-]),
 * written through a temporary file and rename. */
#include "ui-state.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The favourites file for the current model into out; -1 without a model. */
static int fav_path(const struct ui *ui, char *out, size_t len, bool mkdirs)
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
	snprintf(out, len, "%s/favourites", dir);
	if (mkdirs)
		mkdir(out, 0700);
	size_t n = strlen(out);
	snprintf(out + n, len - n, "/%s", model);
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

void ui_fav_load(struct ui *ui)
{
	char path[1200], line[512];
	ui_fav_clear(ui);
	if (fav_path(ui, path, sizeof path, false) < 0)
		return;
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (line[0] == '/')
			fav_add(ui, line);
	}
	fclose(f);
}

int ui_fav_save(struct ui *ui)
{
	char path[1200], tmp[1300];
	if (fav_path(ui, path, sizeof path, true) < 0)
		return -1;
	snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -1;
	for (size_t i = 0; i < ui->n_favs; i++)
		fprintf(f, "%s\n", ui->favs[i]);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
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
