/* Build the settings model from libgphoto2 widgets, and write values back.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cam-internal.h"

/* The model's type for a libgphoto2 widget type. */
static enum cam_widget_type map_type(CameraWidgetType t)
{
	switch (t) {
	case GP_WIDGET_WINDOW: return CW_WINDOW;
	case GP_WIDGET_SECTION: return CW_SECTION;
	case GP_WIDGET_TEXT: return CW_TEXT;
	case GP_WIDGET_RANGE: return CW_RANGE;
	case GP_WIDGET_TOGGLE: return CW_TOGGLE;
	case GP_WIDGET_RADIO: return CW_RADIO;
	case GP_WIDGET_MENU: return CW_MENU;
	case GP_WIDGET_DATE: return CW_DATE;
	default: return CW_BUTTON;
	}
}

/* Copy a possibly NULL library string, bounded. */
static char *copy(const char *s)
{
	return strndup(s ? s : "", 1024);
}

/* The value of w as text. */
static char *value_text(CameraWidget *w, enum cam_widget_type t)
{
	char buf[64];
	const char *s = NULL;
	float f;
	int i;

	switch (t) {
	case CW_TEXT:
	case CW_RADIO:
	case CW_MENU:
		if (gp_widget_get_value(w, &s) < GP_OK)
			s = "";
		return copy(s);
	case CW_RANGE:
		if (gp_widget_get_value(w, &f) < GP_OK)
			f = 0;
		snprintf(buf, sizeof(buf), "%g", f);
		return strdup(buf);
	case CW_TOGGLE:
	case CW_DATE:
		if (gp_widget_get_value(w, &i) < GP_OK)
			i = 0;
		snprintf(buf, sizeof(buf), "%d", i);
		return strdup(buf);
	default:
		return NULL;
	}
}

int cam_widget_from_gp(struct cam_widget *d, CameraWidget *w, const char *path,
		       const char *section)
{
	const char *name = NULL, *label = NULL;
	CameraWidgetType gt;
	int ro = 0, n;

	gp_widget_get_name(w, &name);
	gp_widget_get_label(w, &label);
	gp_widget_get_type(w, &gt);
	gp_widget_get_readonly(w, &ro);
	d->type = map_type(gt);
	d->name = copy(name);
	d->label = copy(label);
	d->section = copy(section);
	d->readonly = ro != 0;
	if (asprintf(&d->path, "%s/%s", path, d->name) < 0)
		d->path = NULL;
	d->value = value_text(w, d->type);
	if (d->type == CW_RANGE)
		gp_widget_get_range(w, &d->min, &d->max, &d->step);
	if ((d->type == CW_RADIO || d->type == CW_MENU) && (n = gp_widget_count_choices(w)) > 0) {
		if (n > 4096)
			n = 4096;
		d->choices = calloc((size_t)n, sizeof(char *));
		if (!d->choices)
			return -1;
		for (int i = 0; i < n; i++) {
			const char *c = NULL;
			gp_widget_get_choice(w, i, &c);
			d->choices[d->n_choices++] = copy(c);
		}
	}
	return d->name && d->label && d->section && d->path ? 0 : -1;
}

/* Recursively copy a subtree. */
static int build(struct cam_widget *d, CameraWidget *w, const char *path, const char *section,
		 int depth)
{
	int n;

	if (cam_widget_from_gp(d, w, path, section) < 0)
		return -1;
	n = gp_widget_count_children(w);
	if (n <= 0 || depth > 8)
		return 0;
	d->children = calloc((size_t)n, sizeof(*d->children));
	if (!d->children)
		return -1;
	for (int i = 0; i < n; i++) {
		CameraWidget *c;
		if (gp_widget_get_child(w, i, &c) < GP_OK)
			continue;
		const char *sec = d->type == CW_SECTION ? d->name : section;
		if (build(&d->children[d->n_children++], c, d->path, sec,
			  depth + 1) < 0)
			return -1;
	}
	return 0;
}

struct cam_config *cam_config_from_gp(CameraWidget *root)
{
	struct cam_config *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (build(&c->root, root, "", "", 0) < 0) {
		cam_config_free(c);
		return NULL;
	}
	return c;
}

int cam_widget_set_gp(CameraWidget *w, const char *value)
{
	CameraWidgetType t;
	float f;
	int i;

	gp_widget_get_type(w, &t);
	switch (t) {
	case GP_WIDGET_TEXT:
	case GP_WIDGET_RADIO:
	case GP_WIDGET_MENU:
		return gp_widget_set_value(w, value);
	case GP_WIDGET_RANGE:
		f = strtof(value, NULL);
		return gp_widget_set_value(w, &f);
	case GP_WIDGET_TOGGLE:
	case GP_WIDGET_DATE:
	case GP_WIDGET_BUTTON:
		i = (int)strtol(value, NULL, 10);
		if (t == GP_WIDGET_BUTTON)
			return gp_widget_set_changed(w, 1);
		gp_widget_set_value(w, &i);
		/* action toggles send only when marked changed */
		return gp_widget_set_changed(w, 1);
	default:
		return GP_ERROR_NOT_SUPPORTED;
	}
}
