/* Colour themes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "theme.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "textfile.h"

const char *const theme_builtin_names[] = { "default", "light", "mono", NULL };

static const char *const slot_names[TS_COUNT] = {
	[TS_NORMAL] = "normal", [TS_TITLE] = "pane.title", [TS_TITLE_FOCUS] = "pane.focus",
	[TS_SECTION] = "tree.section", [TS_SELECTED] = "tree.selected",
	[TS_READONLY] = "tree.readonly", [TS_FAVOURITE] = "tree.favourite",
	[TS_VALUE] = "tree.value", [TS_LOG_OK] = "log.ok", [TS_LOG_ERROR] = "log.error",
	[TS_LOG_INFO] = "log.info", [TS_PROGRESS] = "log.progress", [TS_STATUS] = "status.bg",
	[TS_STATUS_WARN] = "status.warn", [TS_HELP] = "help", [TS_PROMPT] = "prompt",
	[TS_MATCH] = "search.match",
};

static struct theme active;
static bool colour_on;

void theme_defaults(struct theme *t)
{
	static const struct theme_style def[TS_COUNT] = {
		[TS_NORMAL] = { -1, -1, 0 },
		[TS_TITLE] = { -1, -1, THEME_A_BOLD },
		[TS_TITLE_FOCUS] = { COLOR_CYAN, -1, THEME_A_BOLD | THEME_A_REVERSE },
		[TS_SECTION] = { COLOR_YELLOW, -1, THEME_A_BOLD },
		[TS_SELECTED] = { COLOR_BLACK, COLOR_CYAN, 0 },
		[TS_READONLY] = { -1, -1, THEME_A_DIM },
		[TS_FAVOURITE] = { COLOR_MAGENTA, -1, THEME_A_BOLD },
		[TS_VALUE] = { COLOR_GREEN, -1, 0 },
		[TS_LOG_OK] = { -1, -1, 0 },
		[TS_LOG_ERROR] = { COLOR_RED, -1, THEME_A_BOLD },
		[TS_LOG_INFO] = { COLOR_BLUE, -1, 0 },
		[TS_PROGRESS] = { COLOR_BLACK, COLOR_GREEN, 0 },
		[TS_STATUS] = { COLOR_WHITE, COLOR_BLUE, 0 },
		[TS_STATUS_WARN] = { COLOR_YELLOW, COLOR_BLUE, THEME_A_BOLD },
		[TS_HELP] = { -1, -1, 0 },
		[TS_PROMPT] = { -1, -1, THEME_A_BOLD },
		[TS_MATCH] = { COLOR_BLACK, COLOR_YELLOW, 0 },
	};
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "default");
	memcpy(t->slot, def, sizeof def);
}

int theme_slot_find(const char *name)
{
	for (int i = 0; i < TS_COUNT; i++)
		if (strcmp(slot_names[i], name) == 0)
			return i;
	return -1;
}

const char *theme_slot_name(enum theme_slot s)
{
	return (unsigned)s < TS_COUNT ? slot_names[s] : NULL;
}

/* Parse a colour word; -2 when invalid. */
static int parse_colour(const char *w)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue",
					     "magenta", "cyan", "white" };
	char *end;
	if (strcasecmp(w, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		if (strcasecmp(w, names[i]) == 0)
			return i;
		if (strncasecmp(w, "bright", 6) == 0 && strcasecmp(w + 6, names[i]) == 0)
			return i + 8;
	}
	long n = strtol(w, &end, 10);
	return (*w && !*end && n >= 0 && n <= 255) ? (int)n : -2;
}

/* Parse an attribute word; 0 when invalid. */
static unsigned parse_attr(const char *w)
{
	static const struct { const char *n; unsigned a; } attrs[] = {
		{ "bold", THEME_A_BOLD }, { "dim", THEME_A_DIM }, { "reverse", THEME_A_REVERSE },
		{ "underline", THEME_A_UNDERLINE }, { "standout", THEME_A_STANDOUT },
	};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcasecmp(w, attrs[i].n) == 0)
			return attrs[i].a;
	return 0;
}

int theme_parse_line(struct theme *t, const char *line, char *err, size_t errlen)
{
	char buf[256], *words[8], *save = NULL;
	int n = 0;

	snprintf(buf, sizeof buf, "%s", line);
	for (char *w = strtok_r(buf, " \t\r\n", &save); w && n < 8; w = strtok_r(NULL, " \t\r\n", &save))
		words[n++] = w;
	if (n == 0 || words[0][0] == '#')
		return 0;
	if (strcmp(words[0], "color") != 0 && strcmp(words[0], "colour") != 0) {
		snprintf(err, errlen, "theme: unknown word \"%.40s\" (want: color SLOT FG BG [ATTR])", words[0]);
		return -1;
	}
	if (n < 4) {
		snprintf(err, errlen, "theme: want color SLOT FG BG [ATTR]...");
		return -1;
	}
	int slot = theme_slot_find(words[1]);
	int fg = parse_colour(words[2]), bg = parse_colour(words[3]);
	if (slot < 0) {
		snprintf(err, errlen, "theme: unknown slot \"%.40s\"", words[1]);
		return -1;
	}
	if (fg < -1 || bg < -1) {
		snprintf(err, errlen, "theme: bad colour in \"%.60s\"", line);
		return -1;
	}
	unsigned attrs = 0;
	for (int i = 4; i < n; i++) {
		unsigned a = parse_attr(words[i]);
		if (!a) {
			snprintf(err, errlen, "theme: unknown attribute \"%.40s\"", words[i]);
			return -1;
		}
		attrs |= a;
	}
	t->slot[slot] = (struct theme_style){ (short)fg, (short)bg, attrs };
	return 0;
}

/* Is path a readable file? */
static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

int theme_path(const char *name, char *out, size_t outlen)
{
	char exe[4096];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (strchr(name, '/')) {
		snprintf(out, outlen, "%s", name);
		return 0;
	}
	if (xdg && *xdg)
		snprintf(out, outlen, "%s/capa/themes/%s.theme", xdg, name);
	else
		snprintf(out, outlen, "%s/.config/capa/themes/%s.theme", home ? home : ".", name);
	if (readable(out))
		return 0;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		snprintf(out, outlen, "%s/../themes/%s.theme", exe, name);
		if (readable(out))
			return 0;
	}
	snprintf(out, outlen, "%s/themes/%s.theme", CAPA_DATADIR, name);
	return 0;
}

int theme_load(struct theme *t, const char *name,
	       void (*log)(void *ud, const char *msg), void *ud)
{
	char path[4200], line[256], err[256], msg[600];
	enum textfile_line r;
	struct textfile f;
	int lineno = 0;

	theme_defaults(t);
	theme_path(name, path, sizeof path);
	if (textfile_open(&f, path, TEXTFILE_MAX, err, sizeof err) < 0) {
		snprintf(msg, sizeof msg, "theme \"%.60s\" %s (%.200s: %s); using the default", name,
			 errno == ENOENT ? "not found" : "cannot be read", path, err);
		log(ud, msg);
		return -1;
	}
	snprintf(t->name, sizeof t->name, "%s", name);
	while ((r = textfile_next(&f, line, sizeof line)) != TEXTFILE_END) {
		lineno++;
		if (r == TEXTFILE_LONG || r == TEXTFILE_NUL)
			snprintf(err, sizeof err, "theme: %s", r == TEXTFILE_NUL ? "line holds a NUL byte" : "line too long");
		if (r != TEXTFILE_OK || theme_parse_line(t, line, err, sizeof err) < 0) {
			snprintf(msg, sizeof msg, "%.200s:%d: %s", path, lineno, err);
			log(ud, msg);
		}
	}
	textfile_close(&f);
	return 0;
}

/* Curses attribute flags of a style. */
static int style_flags(const struct theme_style *s)
{
	int a = 0;
	if (s->attrs & THEME_A_BOLD) a |= A_BOLD;
	if (s->attrs & THEME_A_DIM) a |= A_DIM;
	if (s->attrs & THEME_A_REVERSE) a |= A_REVERSE;
	if (s->attrs & THEME_A_UNDERLINE) a |= A_UNDERLINE;
	if (s->attrs & THEME_A_STANDOUT) a |= A_STANDOUT;
	return a;
}

void theme_apply(const struct theme *t)
{
	const char *nc = getenv("NO_COLOR");
	active = *t;
	colour_on = has_colors() && !(nc && *nc);
	if (!colour_on)
		return;
	for (int i = 0; i < TS_COUNT; i++) {
		short fg = t->slot[i].fg, bg = t->slot[i].bg;
		if (fg >= COLORS) fg = fg % 8;
		if (bg >= COLORS) bg = bg % 8;
		init_pair((short)(i + 1), fg, bg);
	}
}

int theme_attr(enum theme_slot s)
{
	const struct theme_style *st = &active.slot[s];
	int a = style_flags(st);
	if (colour_on)
		return a | COLOR_PAIR(s + 1);
	/* Without colour, the slots that rely on a background show reversed. */
	if (st->bg >= 0 && !(st->attrs & THEME_A_REVERSE))
		a |= A_REVERSE;
	return a;
}
