/* Colour themes: semantic slots declared once, assigned by theme files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A theme file holds lines `color SLOT FG BG [ATTR]...` (the same word
 * language as the config file); colours are `default`, the eight names
 * (`black` ... `white`, optionally `bright`-prefixed) or 0..255; attributes
 * are bold, dim, reverse, underline, standout.  Parsing is curses-free;
 * theme_apply()/theme_attr() need curses.  Main thread only. */
#ifndef CAPA_THEME_H
#define CAPA_THEME_H

#include <stdbool.h>
#include <stddef.h>

enum theme_slot {
	TS_NORMAL, TS_TITLE, TS_TITLE_FOCUS, TS_SECTION, TS_SELECTED, TS_READONLY,
	TS_FAVOURITE, TS_VALUE, TS_LOG_OK, TS_LOG_ERROR, TS_LOG_INFO, TS_PROGRESS,
	TS_STATUS, TS_STATUS_WARN, TS_HELP, TS_PROMPT, TS_MATCH,
	TS_COUNT
};

struct theme_style {
	short fg, bg;    /* -1: terminal default */
	unsigned attrs;  /* THEME_A_* bits */
};

enum { THEME_A_BOLD = 1, THEME_A_DIM = 2, THEME_A_REVERSE = 4, THEME_A_UNDERLINE = 8,
       THEME_A_STANDOUT = 16 };

struct theme {
	char name[64];
	struct theme_style slot[TS_COUNT];
};

/* Fill `t` with the built-in default theme. */
void theme_defaults(struct theme *t);

/* Slot by name ("tree.selected"); -1 when unknown. */
int theme_slot_find(const char *name);
const char *theme_slot_name(enum theme_slot s);

/* Apply one theme-file line to t.  Returns 0 (also for blanks and comments),
 * or -1 with a message in err. */
int theme_parse_line(struct theme *t, const char *line, char *err, size_t errlen);

/* Resolve a theme name to a readable file path: NAME with a '/' is a path;
 * else NAME.theme in $XDG_CONFIG_HOME/capa/themes, the themes/ directory
 * beside the executable's ../themes, and CAPA_DATADIR/themes.  Returns 0. */
int theme_path(const char *name, char *out, size_t outlen);

/* Load theme `name` into t (starting from the defaults).  Each bad line is
 * reported through log(ud, message).  Returns 0, or -1 when the file cannot
 * be found/read (t keeps the defaults). */
int theme_load(struct theme *t, const char *name,
	       void (*log)(void *ud, const char *msg), void *ud);

/* Names of the themes shipped, for cycling at runtime. */
extern const char *const theme_builtin_names[];

/* Make `t` the active theme: colour pairs are (re)initialised unless colour
 * is off (no colours, or NO_COLOR set).  Needs curses. */
void theme_apply(const struct theme *t);

/* The curses attributes (pair and flags) of a slot in the active theme. */
int theme_attr(enum theme_slot s);

#endif
