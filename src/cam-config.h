/* The camera settings model: a copy of libgphoto2's widget tree.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure data, no libgphoto2 types: the worker builds it (cam-config-gp.c) and
 * hands deep copies to the main thread in EV_CONFIG_TREE events.  Strings are
 * copied from the camera and are untrusted (sanitise before display).
 * Values are kept as text in every type:
 *   TEXT/RADIO/MENU: the string; RANGE: "%g"; TOGGLE: "0"/"1"/"2";
 *   DATE: seconds since the epoch; WINDOW/SECTION/BUTTON: NULL.
 * Not thread-safe; one owner at a time. */
#ifndef CAPA_CAM_CONFIG_H
#define CAPA_CAM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

enum cam_widget_type {
	CW_WINDOW, CW_SECTION, CW_TEXT, CW_RANGE, CW_TOGGLE,
	CW_RADIO, CW_MENU, CW_BUTTON, CW_DATE
};

struct cam_widget {
	char *name;      /* stable key, e.g. "iso" (gp_widget_get_name) */
	char *label;     /* human label, translated by libgphoto2 */
	char *path;      /* "/main/imgsettings/iso": stable id for UI state */
	char *section;   /* name of the enclosing section, "" at top level */
	enum cam_widget_type type;
	char *value;     /* see above; NULL when the type has no value */
	float min, max, step;  /* CW_RANGE */
	char **choices;  /* CW_RADIO/CW_MENU */
	size_t n_choices;
	bool readonly;
	struct cam_widget *children; /* array of n_children (WINDOW/SECTION) */
	size_t n_children;
};

struct cam_config {
	struct cam_widget root; /* the WINDOW */
};

/* Free a tree; NULL is fine. */
void cam_config_free(struct cam_config *cfg);

/* Free what one widget owns (not the struct itself) and zero it. */
void cam_widget_clear(struct cam_widget *w);

/* Deep copy; NULL on ENOMEM. */
struct cam_config *cam_config_dup(const struct cam_config *cfg);

/* The first leaf named `key` (or whose path equals `key`); NULL if none. */
struct cam_widget *cam_config_find(struct cam_config *cfg, const char *key);

/* Check `value` for widget `w` and write its canonical text form to out:
 * refuse readonly and valueless widgets; RANGE: a number within [min,max]
 * (snapped to step); TOGGLE: 0/1/on/off/yes/no/true/false; RADIO/MENU: an
 * exact choice, else a case-insensitive one, else a choice index ("#3" or a
 * plain index when no choice looks like a number), else (MENU only) the raw
 * string; DATE: any form date_parse takes (datetime.h: the tree's
 * "YYYY-MM-DD HH:MM:SS", ISO 8601, epoch seconds, now) within libgphoto2's
 * int, as epoch seconds.  Returns 0, or -1 with err. */
int cam_config_validate(const struct cam_widget *w, const char *value,
			char *out, size_t outlen, char *err, size_t errlen);

/* What w takes, in words for a hint or an edit line, into out: RANGE
 * "24..70 step 1"; TOGGLE "on or off"; RADIO/MENU "one of: A, B, …" (cut
 * to fit); DATE the date forms; TEXT its length limit; "" for read-only
 * and valueless widgets.  Camera text is copied raw (sanitise to show). */
void cam_config_accepts(const struct cam_widget *w, char *out, size_t outlen);

struct json_buf;
/* Append widget `w` and its subtree as a JSON object: {"name","label","path",
 * "section","type","value","readonly", "min","max","step" | "choices",
 * "children":[...]}. */
void cam_widget_to_json(struct json_buf *j, const struct cam_widget *w);

/* The type as a word: "window", "section", "text", "range", "toggle",
 * "radio", "menu", "button", "date". */
const char *cam_widget_type_name(enum cam_widget_type t);

/* The type named `name` (cam_widget_type_name's inverse), or -1. */
int cam_widget_type_from_name(const char *name);

#endif
