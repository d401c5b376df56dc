/* Key bindings.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "keys.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "command.h"
#include "command-table.h"

#define MAX_BINDINGS 96

static const struct {
	const char *name, *help;
} cmds[UC_COUNT] = {
	[UC_NONE] = { "none", "unbind the key" },
	[UC_CAPTURE] = { "capture", "fire the shutter" },
	[UC_NEXT_PANE] = { "next-pane", "focus the next pane" },
	[UC_PREV_PANE] = { "prev-pane", "focus the previous pane" },
	[UC_UP] = { "up", "move up" },
	[UC_DOWN] = { "down", "move down" },
	[UC_LEFT] = { "left", "collapse, prev value; review: prev shot, pan" },
	[UC_RIGHT] = { "right", "expand, next value; review: next shot, pan" },
	[UC_PAGE_UP] = { "page-up", "one page up" },
	[UC_PAGE_DOWN] = { "page-down", "one page down" },
	[UC_HOME] = { "home", "first row" },
	[UC_END] = { "end", "last row" },
	[UC_ENTER] = { "enter", "edit setting / open review" },
	[UC_BACK] = { "back", "close overlay, cancel" },
	[UC_SEARCH] = { "search", "search settings by name, label, value" },
	[UC_SEARCH_NEXT] = { "search-next", "next search match; review: next shot" },
	[UC_HELP] = { "help", "show this help" },
	[UC_QUIT] = { "quit", "quit (asks when downloads are pending)" },
	[UC_PROMPT] = { "prompt", "command prompt (headless commands)" },
	[UC_FAVOURITE] = { "favourite", "pin/unpin the setting" },
	[UC_THEME] = { "theme", "next colour theme" },
	[UC_REDRAW] = { "redraw", "redraw the screen" },
	[UC_RETRY] = { "retry", "retry failed downloads / connect again" },
	[UC_ZOOM] = { "zoom", "review: fit / 1:1" },
	[UC_CAMERAS] = { "cameras", "camera picker" },
	[UC_STOP] = { "stop", "stop a capture sequence after its shot; close, cancel" },
	[UC_PREV_SHOT] = { "prev-shot", "review: previous shot" },
	[UC_CLIPPING] = { "clipping", "review: mark clipped pixels on/off" },
	[UC_NEXT_CAMERA] = { "next-camera", "several cameras: settings of the next one" },
};

static struct binding {
	int key;
	enum ui_cmd cmd;
	char line[KEYS_LINE_MAX + 1]; /* UC_RUN */
} bindings[MAX_BINDINGS];
static size_t n_bindings;

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "space", ' ' }, { "tab", '\t' }, { "enter", '\r' }, { "esc", 27 },
	{ "up", KEY_UP }, { "down", KEY_DOWN }, { "left", KEY_LEFT }, { "right", KEY_RIGHT },
	{ "pgup", KEY_PPAGE }, { "pgdn", KEY_NPAGE }, { "home", KEY_HOME }, { "end", KEY_END },
	{ "btab", KEY_BTAB }, { "backspace", KEY_BACKSPACE }, { "delete", KEY_DC },
	{ "insert", KEY_IC }, { "kpenter", KEY_ENTER },
};

/* Add or replace one binding (line: UC_RUN's command line). */
static int put(int key, enum ui_cmd cmd, const char *line)
{
	size_t i = 0;
	while (i < n_bindings && bindings[i].key != key)
		i++;
	if (i == MAX_BINDINGS)
		return -1;
	if (i == n_bindings)
		n_bindings++;
	bindings[i].key = key;
	bindings[i].cmd = cmd;
	snprintf(bindings[i].line, sizeof bindings[i].line, "%s", line ? line : "");
	return 0;
}

/* Forget key's binding, keeping the others in order. */
static void unbind(int key)
{
	for (size_t i = 0; i < n_bindings; i++)
		if (bindings[i].key == key) {
			memmove(&bindings[i], &bindings[i + 1], (n_bindings - i - 1) * sizeof bindings[0]);
			n_bindings--;
			return;
		}
}

void keys_init(void)
{
	static const struct {
		int key;
		enum ui_cmd cmd;
	} defaults[] = {
		{ ' ', UC_CAPTURE }, { '\t', UC_NEXT_PANE }, { KEY_BTAB, UC_PREV_PANE },
		{ KEY_UP, UC_UP }, { 'k', UC_UP }, { KEY_DOWN, UC_DOWN }, { 'j', UC_DOWN },
		{ KEY_LEFT, UC_LEFT }, { 'h', UC_LEFT }, { KEY_RIGHT, UC_RIGHT }, { 'l', UC_RIGHT },
		{ KEY_PPAGE, UC_PAGE_UP }, { KEY_NPAGE, UC_PAGE_DOWN }, { KEY_HOME, UC_HOME },
		{ 'g', UC_HOME }, { KEY_END, UC_END }, { 'G', UC_END },
		{ '\r', UC_ENTER }, { KEY_ENTER, UC_ENTER }, { 27, UC_STOP },
		{ '/', UC_SEARCH }, { 'n', UC_SEARCH_NEXT }, { '?', UC_HELP }, { KEY_F(1), UC_HELP },
		{ 'q', UC_QUIT }, { ':', UC_PROMPT }, { 'f', UC_FAVOURITE }, { 't', UC_THEME },
		{ 'L' - 64, UC_REDRAW }, { 'r', UC_RETRY }, { 'z', UC_ZOOM },
		{ 'c', UC_CAMERAS }, { 'p', UC_PREV_SHOT }, { 'x', UC_CLIPPING },
		{ ']', UC_NEXT_CAMERA },
	};
	n_bindings = 0;
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		put(defaults[i].key, defaults[i].cmd, NULL);
}

int keys_parse(const char *name)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(name, key_names[i].name) == 0)
			return key_names[i].key;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
		int c = name[2] & 0x1f;
		return c ? c : -1;
	}
	if ((name[0] == 'f' || name[0] == 'F') && name[1] >= '1' && name[1] <= '9') {
		/* F1..F12 exactly: "f1x" or "F5 " is not a key */
		int n = name[1] - '0';
		if (name[2] >= '0' && name[2] <= '9' && !name[3])
			n = n * 10 + name[2] - '0';
		else if (name[2])
			return -1;
		return n <= 12 ? KEY_F(n) : -1;
	}
	if (name[0] > ' ' && name[0] < 127 && !name[1])
		return name[0];
	return -1;
}

char *keys_name(int ch, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == ch) {
			snprintf(buf, len, "%s", key_names[i].name);
			return buf;
		}
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		snprintf(buf, len, "F%d", ch - KEY_F(0));
	else if (ch > 0 && ch < 32)
		snprintf(buf, len, "C-%c", ch + 96);
	else if (ch > ' ' && ch < 127)
		snprintf(buf, len, "%c", ch);
	else
		snprintf(buf, len, "#%d", ch);
	return buf;
}

/* Is line a command line a key may run (the command table's CF_KEY)?
 * Else say why in err. */
static bool line_ok(const char *line, char *err, size_t errlen)
{
	const struct cmd_entry *e = cmd_table_verb(line);
	struct capa_command c;
	char why[200];

	if (strlen(line) > KEYS_LINE_MAX) {
		snprintf(err, errlen, "bind: the command line is longer than %d bytes", KEYS_LINE_MAX);
		return false;
	}
	if (e && cmd_refused(e, CF_KEY, why, sizeof why)) {
		snprintf(err, errlen, "bind: %s", why);
		return false;
	}
	/* the front end's own verbs (ui-main.c): their argument is theirs */
	if (e && e->run != CR_CAMERA) {
		const char *a = line + strspn(line, " \t") + strlen(e->name);
		bool has_arg = a[strspn(a, " \t")] != '\0';
		if (cmd_entry_needs_arg(e) && !has_arg) {
			snprintf(err, errlen, "bind: %s needs an argument", e->name);
			return false;
		}
		if (!e->args[0] && has_arg) {
			snprintf(err, errlen, "bind: %s takes no argument", e->name);
			return false;
		}
		return true;
	}
	int r = command_parse(line, &c, why, sizeof why);
	if (r == 0) {
		command_free(&c);
		return true;
	}
	if (r > 0 || !strncmp(why, "unknown command", 15))
		snprintf(err, errlen, "bind: unknown command \"%.60s\"", line);
	else
		snprintf(err, errlen, "bind: %s", why);
	return false;
}

int keys_bind(const char *key, const char *cmd, char *err, size_t errlen)
{
	int k = keys_parse(key);
	char trimmed[KEYS_LINE_MAX + 2];
	enum ui_cmd c;

	while (isspace((unsigned char)*cmd))
		cmd++;
	size_t n = strlen(cmd);
	while (n && isspace((unsigned char)cmd[n - 1]))
		n--;
	/* one byte over the limit is enough for line_ok to refuse it */
	snprintf(trimmed, sizeof trimmed, "%.*s", (int)(n < sizeof trimmed ? n : sizeof trimmed - 1), cmd);
	cmd = trimmed;
	c = keys_cmd_find(cmd);
	if (k < 0) {
		snprintf(err, errlen, "bind: unknown key \"%s\"", key);
		return -1;
	}
	if (!strcmp(cmd, "none")) {
		unbind(k);
		return 0;
	}
	if (c == UC_NONE && !line_ok(cmd, err, errlen))
		return -1;
	if (put(k, c == UC_NONE ? UC_RUN : c, c == UC_NONE ? cmd : NULL) < 0) {
		snprintf(err, errlen, "bind: too many bindings");
		return -1;
	}
	return 0;
}

enum ui_cmd keys_lookup(int ch)
{
	for (size_t i = 0; i < n_bindings; i++)
		if (bindings[i].key == ch)
			return bindings[i].cmd;
	return UC_NONE;
}

const char *keys_line(int ch)
{
	for (size_t i = 0; i < n_bindings; i++)
		if (bindings[i].key == ch)
			return bindings[i].cmd == UC_RUN ? bindings[i].line : NULL;
	return NULL;
}

size_t keys_count(void)
{
	return n_bindings;
}

int keys_at(size_t i, enum ui_cmd *cmd, const char **line)
{
	if (i >= n_bindings)
		return -1;
	*cmd = bindings[i].cmd;
	*line = bindings[i].cmd == UC_RUN ? bindings[i].line : NULL;
	return bindings[i].key;
}

const char *keys_cmd_name(enum ui_cmd c)
{
	return (unsigned)c < UC_COUNT ? cmds[c].name : NULL;
}

const char *keys_cmd_help(enum ui_cmd c)
{
	return (unsigned)c < UC_COUNT ? cmds[c].help : NULL;
}

enum ui_cmd keys_cmd_find(const char *name)
{
	for (int c = 1; c < UC_COUNT; c++)
		if (strcmp(cmds[c].name, name) == 0)
			return (enum ui_cmd)c;
	return UC_NONE;
}

char *keys_for_cmd(enum ui_cmd c, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n_bindings; i++) {
		if (bindings[i].cmd != c)
			continue;
		char name[24];
		keys_name(bindings[i].key, name, sizeof name);
		int n = snprintf(buf + o, len - o, "%s%s", o ? ", " : "", name);
		if (n < 0 || (size_t)n >= len - o)
			break;
		o += (size_t)n;
	}
	return buf;
}

bool keys_cancels(enum ui_cmd c)
{
	return c == UC_BACK || c == UC_STOP;
}
