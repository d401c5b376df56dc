/* Key bindings: the table of UI commands and the keys bound to them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are ncurses key codes (characters, KEY_*); names are "a", "space",
 * "tab", "enter", "esc", "up", "C-l", "f1", ...  A key runs a UI command
 * ("help", "next-pane") or a command line as the `:` prompt takes it
 * ("capture 3", "set iso 800", "theme dark").  The same table drives the
 * `?` help overlay, the footer and `bind KEY COMMAND` in the config file
 * and at the prompt.  Global state, main thread only. */
#ifndef CAPA_KEYS_H
#define CAPA_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum ui_cmd {
	UC_NONE,
	UC_CAPTURE, UC_NEXT_PANE, UC_PREV_PANE,
	UC_UP, UC_DOWN, UC_LEFT, UC_RIGHT, UC_PAGE_UP, UC_PAGE_DOWN, UC_HOME, UC_END,
	UC_ENTER, UC_BACK, UC_SEARCH, UC_SEARCH_NEXT, UC_HELP, UC_QUIT, UC_PROMPT,
	UC_FAVOURITE, UC_THEME, UC_REDRAW, UC_RETRY, UC_ZOOM, UC_CAMERAS, UC_STOP,
	UC_PREV_SHOT, UC_CLIPPING, UC_NEXT_CAMERA,
	UC_COUNT,
	UC_RUN        /* the key runs a command line (keys_line); no name */
};

/* Longest command line a key runs, in bytes. */
#define KEYS_LINE_MAX 200

/* Reset to the default bindings. */
void keys_init(void);

/* Bind the key called `key` to `cmd`: a UI command's name, "none" (the
 * key is unbound), or a command line whose verb the command table
 * (command-table.h) lets a key run, checked as the prompt would: a worker
 * command that command_parse takes, `theme NAME` or `bind KEY COMMAND`.
 * Returns 0, or -1 with a message in err. */
int keys_bind(const char *key, const char *cmd, char *err, size_t errlen);

/* The command bound to key code `ch`; UC_NONE when unbound, UC_RUN for a
 * command line. */
enum ui_cmd keys_lookup(int ch);

/* The command line bound to key code `ch`; NULL when it runs none. */
const char *keys_line(int ch);

/* How many keys are bound. */
size_t keys_count(void);

/* The i-th binding, in the order they were made: its key code, and its
 * command (*line: the command line of UC_RUN, else NULL).  -1 past the
 * end. */
int keys_at(size_t i, enum ui_cmd *cmd, const char **line);

/* Parse a key name into a key code; -1 when unknown. */
int keys_parse(const char *name);

/* Write the name of key code `ch` into buf.  Returns buf. */
char *keys_name(int ch, char *buf, size_t len);

/* Command name ("capture") and one-line help; NULL past UC_COUNT. */
const char *keys_cmd_name(enum ui_cmd c);
const char *keys_cmd_help(enum ui_cmd c);

/* Does c close an overlay or cancel an edit?  `back`, and `stop` (whose
 * key, Esc by default, stops a capture sequence on the main screen). */
bool keys_cancels(enum ui_cmd c);

/* Command by name; UC_NONE when unknown. */
enum ui_cmd keys_cmd_find(const char *name);

/* Write the keys bound to c, comma-separated, into buf ("" when none). */
char *keys_for_cmd(enum ui_cmd c, char *buf, size_t len);

#endif
