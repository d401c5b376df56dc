/* Unit tests for the settings-tree model: rows, collapse, cursor kept by
 * widget path across refreshes, incremental search, favourites per model.
 * No curses: only the pane's key handler and model functions are used.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui-state.h"

/* Fill a leaf or section. */
static void widget(struct cam_widget *w, const char *name, const char *label, const char *parent,
		   enum cam_widget_type t, const char *value)
{
	char path[256];
	memset(w, 0, sizeof *w);
	snprintf(path, sizeof path, "%s/%s", parent, name);
	w->name = strdup(name);
	w->label = strdup(label);
	w->path = strdup(path);
	w->section = strdup("");
	w->type = t;
	w->value = value ? strdup(value) : NULL;
}

/* A tree as a camera lists it: Image (Size, ISO), Capture ([Owner,]
 * Shutter, Aperture); capa shows Capture first. */
static struct cam_config *make_config(const char *iso, bool extra)
{
	struct cam_config *c = calloc(1, sizeof *c);
	size_t nc = extra ? 3 : 2, k = 0;
	widget(&c->root, "main", "Camera", "", CW_WINDOW, NULL);
	free(c->root.path);
	c->root.path = strdup("/main");
	c->root.children = calloc(2, sizeof(struct cam_widget));
	c->root.n_children = 2;
	struct cam_widget *img = &c->root.children[0], *cap = &c->root.children[1];
	widget(img, "imgsettings", "Image Settings", "/main", CW_SECTION, NULL);
	img->children = calloc(2, sizeof(struct cam_widget));
	img->n_children = 2;
	widget(&img->children[0], "imagesize", "Image Size", "/main/imgsettings", CW_RADIO, "1920x1280");
	widget(&img->children[1], "iso", "ISO Speed", "/main/imgsettings", CW_RADIO, iso);
	widget(cap, "capturesettings", "Capture Settings", "/main", CW_SECTION, NULL);
	cap->children = calloc(nc, sizeof(struct cam_widget));
	cap->n_children = nc;
	if (extra)
		widget(&cap->children[k++], "owner", "Owner", "/main/capturesettings", CW_TEXT, "me");
	widget(&cap->children[k++], "shutterspeed", "Shutter Speed", "/main/capturesettings", CW_RADIO, "1/125");
	widget(&cap->children[k], "f-number", "F-Number", "/main/capturesettings", CW_RADIO, "f/5.6");
	return c;
}

/* The path of the selected row ("" for a header). */
static const char *selected(struct ui *ui)
{
	struct cam_widget *w = ui->rows_v[ui->tree.sel].w;
	return w ? w->path : "";
}

static int key(struct ui *ui, enum ui_cmd c)
{
	return ui_tree_ops.key(ui, &ui->panes[PANE_TREE], c, 0);
}

static struct ui *new_ui(void)
{
	struct ui *ui = calloc(1, sizeof *ui);
	keys_init();
	snprintf(ui->model, sizeof ui->model, "PTP/IP Camera");
	ui_list_set_height(&ui->tree, 20);
	return ui;
}

static void free_ui(struct ui *ui)
{
	ui_tree_free(ui);
	ui_fav_clear(ui);
	free(ui);
}

static void test_rows_and_collapse(void **state)
{
	struct ui *ui = new_ui();
	(void)state;
	ui_tree_set_config(ui, make_config("100", false));
	assert_int_equal(ui->n_rows, 6); /* 2 sections + 4 leaves */
	/* capture settings first, whatever the camera's order */
	assert_string_equal(selected(ui), "/main/capturesettings");
	assert_string_equal(ui->rows_v[3].w->path, "/main/imgsettings");
	key(ui, UC_LEFT); /* collapse Capture Settings */
	assert_int_equal(ui->n_rows, 4);
	assert_string_equal(selected(ui), "/main/capturesettings");
	key(ui, UC_RIGHT);
	assert_int_equal(ui->n_rows, 6);
	key(ui, UC_DOWN);
	key(ui, UC_DOWN);
	assert_string_equal(selected(ui), "/main/capturesettings/f-number");
	free_ui(ui);
}

static void test_refresh_keeps_cursor_by_path(void **state)
{
	struct ui *ui = new_ui();
	(void)state;
	ui_tree_set_config(ui, make_config("100", false));
	ui_list_select(&ui->tree, 5);
	assert_string_equal(selected(ui), "/main/imgsettings/iso");
	/* The camera changed: a new setting appears above and ISO moved on. */
	ui_tree_set_config(ui, make_config("800", true));
	assert_string_equal(selected(ui), "/main/imgsettings/iso");
	assert_string_equal(ui->rows_v[ui->tree.sel].w->value, "800");
	ui_tree_value_changed(ui, "iso", "1600");
	assert_string_equal(ui->rows_v[ui->tree.sel].w->value, "1600");
	free_ui(ui);
}

static void test_incremental_search_expands(void **state)
{
	struct ui *ui = new_ui();
	(void)state;
	ui_tree_set_config(ui, make_config("100", false));
	ui_list_select(&ui->tree, 3);
	key(ui, UC_LEFT); /* collapse Image Settings: ISO is hidden */
	assert_int_equal(ui->n_rows, 4);
	key(ui, UC_SEARCH);
	assert_int_equal(ui->edit, EDIT_SEARCH);
	ui_tree_edit_key(ui, 'i');
	ui_tree_edit_key(ui, 's');
	ui_tree_edit_key(ui, 'o');
	assert_string_equal(selected(ui), "/main/imgsettings/iso");
	ui_tree_edit_key(ui, '\r');
	assert_int_equal(ui->edit, EDIT_NONE);
	/* Values match too; n finds the next one. */
	key(ui, UC_SEARCH);
	ui_tree_edit_key(ui, 'f');
	ui_tree_edit_key(ui, '/');
	assert_string_equal(selected(ui), "/main/capturesettings/f-number");
	ui_tree_edit_key(ui, 27);
	free_ui(ui);
}

static void test_favourites_per_model(void **state)
{
	char dir[] = "/tmp/capa-fav-XXXXXX", *was = strdup(getenv("XDG_CONFIG_HOME"));
	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("XDG_CONFIG_HOME", dir, 1);
	struct ui *ui = new_ui();
	ui_tree_set_config(ui, make_config("100", false));
	ui_list_select(&ui->tree, 2);
	assert_string_equal(selected(ui), "/main/capturesettings/f-number");
	key(ui, UC_FAVOURITE);
	/* A header and the pinned row come first; the cursor stays put. */
	assert_int_equal(ui->n_rows, 8);
	assert_null(ui->rows_v[0].w);
	assert_string_equal(ui->rows_v[1].w->path, "/main/capturesettings/f-number");
	assert_true(ui->rows_v[1].pinned);
	assert_string_equal(selected(ui), "/main/capturesettings/f-number");
	free_ui(ui);

	ui = new_ui();
	ui_fav_load(ui);
	assert_true(ui_fav_has(ui, "/main/capturesettings/f-number"));
	snprintf(ui->model, sizeof ui->model, "Another Body");
	ui_fav_load(ui);
	assert_false(ui_fav_has(ui, "/main/capturesettings/f-number"));
	free_ui(ui);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	setenv("XDG_CONFIG_HOME", was, 1);
	free(was);
}

/* Write text to the file KIND/MODEL under the config dir. */
static void put_file(const char *cfg, const char *kind, const char *model, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/capa/%s/%s", cfg, kind, model);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The rows' section marks and labels, e.g. "+Capture Settings,-Image Settings". */
static const char *sections(struct ui *ui)
{
	static char out[256];
	size_t o = 0;
	out[0] = 0;
	for (size_t i = 0; i < ui->n_rows; i++) {
		struct cam_widget *w = ui->rows_v[i].w;
		if (w && (w->type == CW_SECTION || w->type == CW_WINDOW))
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%c%s", o ? "," : "",
					      ui_tree_is_collapsed(ui, w->path) ? '+' : '-', w->label);
	}
	return out;
}

/* A new UI connected to `model`: its layout read, the tree come. */
static struct ui *connect_ui(const char *model)
{
	struct ui *ui = new_ui();
	snprintf(ui->model, sizeof ui->model, "%s", model);
	ui_layout_load(ui);
	ui_tree_set_config(ui, make_config("100", false));
	return ui;
}

static void test_layout_per_model(void **state)
{
	char cfg[] = "/tmp/capa-layout-XXXXXX", path[512], *was = strdup(getenv("XDG_CONFIG_HOME"));
	(void)state;
	assert_non_null(mkdtemp(cfg));
	setenv("XDG_CONFIG_HOME", cfg, 1);
	struct ui *ui = connect_ui("PTP/IP Camera");
	assert_string_equal(sections(ui), "-Capture Settings,-Image Settings");
	key(ui, UC_LEFT); /* collapse Capture Settings */
	free_ui(ui);

	ui = connect_ui("PTP/IP Camera");
	assert_string_equal(sections(ui), "+Capture Settings,-Image Settings");
	assert_int_equal(ui->n_rows, 4);
	free_ui(ui);

	/* Another model keeps its own layout; its change leaves the first one. */
	ui = connect_ui("Another Body");
	assert_string_equal(sections(ui), "-Capture Settings,-Image Settings");
	ui_list_select(&ui->tree, 3);
	key(ui, UC_ENTER); /* collapse Image Settings */
	assert_string_equal(sections(ui), "-Capture Settings,+Image Settings");
	free_ui(ui);
	ui = connect_ui("PTP/IP Camera");
	assert_string_equal(sections(ui), "+Capture Settings,-Image Settings");
	free_ui(ui);
	ui = connect_ui("Another Body");
	assert_string_equal(sections(ui), "-Capture Settings,+Image Settings");
	free_ui(ui);

	/* The file is untrusted: junk lines, a relative path, a long line. */
	char junk[2000];
	memset(junk, 'x', sizeof junk);
	memcpy(junk, "+ /main/", 8);
	junk[sizeof junk - 2] = '\n';
	junk[sizeof junk - 1] = 0;
	put_file(cfg, "tree-layout", "Junk", junk);
	ui = connect_ui("Junk");
	assert_string_equal(sections(ui), "-Capture Settings,-Image Settings");
	free_ui(ui);
	put_file(cfg, "tree-layout", "Junk", "\x1b[2J\n+ main/imgsettings\n+/main/imgsettings\n"
		 "- /main/capturesettings\n+ /main/imgsettings\r\n");
	ui = connect_ui("Junk");
	assert_string_equal(sections(ui), "-Capture Settings,+Image Settings");
	free_ui(ui);

	/* A FIFO in its place is not opened for reading (it would block). */
	snprintf(path, sizeof path, "%s/capa/tree-layout/Fifo", cfg);
	assert_int_equal(mkfifo(path, 0600), 0);
	snprintf(path, sizeof path, "%s/capa/favourites/Fifo", cfg);
	mkdir(path, 0700); /* a directory as the favourites file */
	ui = connect_ui("Fifo");
	ui_fav_load(ui);
	assert_string_equal(sections(ui), "-Capture Settings,-Image Settings");
	assert_int_equal(ui->n_favs, 0);
	free_ui(ui);
	snprintf(path, sizeof path, "rm -rf %s", cfg);
	assert_int_equal(system(path), 0);
	setenv("XDG_CONFIG_HOME", was, 1);
	free(was);
}

int main(void)
{
	char dir[] = "/tmp/capa-ui-tree-XXXXXX", cmd[300];
	/* Layouts and favourites are written: never into the real ~/.config. */
	if (!mkdtemp(dir))
		return 1;
	setenv("XDG_CONFIG_HOME", dir, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_and_collapse),
		cmocka_unit_test(test_refresh_keeps_cursor_by_path),
		cmocka_unit_test(test_incremental_search_expands),
		cmocka_unit_test(test_favourites_per_model),
		cmocka_unit_test(test_layout_per_model),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? r : 1;
}
