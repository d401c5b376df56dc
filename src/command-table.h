/* Every command of the text command language, declared once in a table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table in command-table.c gives each verb its argument synopsis, a
 * one-line help, the front ends that take it (the UI's `:` prompt, headless
 * mode's stdin, the config file, a key binding) and what runs it: the
 * camera worker (a capa_command, parsed by command_parse) or the front end
 * itself (wait, theme, bind, the UI's quit).  It drives command_parse's
 * verbs, which front end refuses what, the `?` overlay's command list and
 * the COMMANDS section of doc/capa.1 (`capa --man-commands` prints it).
 * Read-only: any thread may call these. */
#ifndef CAPA_COMMAND_TABLE_H
#define CAPA_COMMAND_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "command.h"

/* The front ends that take a command: bit flags. */
enum cmd_front {
	CF_PROMPT = 1 << 0,   /* the UI's `:` prompt */
	CF_HEADLESS = 1 << 1, /* --headless, on stdin */
	CF_CONFIG = 1 << 2,   /* a line of the config file */
	CF_KEY = 1 << 3,      /* the command line of a key binding */
};

/* What runs a command. */
enum cmd_run {
	CR_CAMERA,  /* the camera worker: command_parse gives the capa_command */
	CR_WAIT,    /* headless mode waits */
	CR_THEME,   /* the UI loads a colour theme */
	CR_BIND,    /* bind a key (keys_bind) */
	CR_QUIT_UI, /* the UI ends (its cleanup stops the worker) */
};

struct cmd_entry {
	const char *name;   /* the verb */
	const char *args;   /* synopsis of its arguments, "" when none; an
			     * argument not in [brackets] is required */
	const char *help;   /* one line */
	unsigned fronts;    /* enum cmd_front bits */
	enum cmd_run run;
	enum capa_command_type type; /* the camera command headless mode
				      * sends (also for CR_QUIT_UI's quit);
				      * CMD_TYPE_COUNT when none */
};

/* The i-th entry, in the table's order; NULL past the last. */
const struct cmd_entry *cmd_table_at(size_t i);

/* The entry of verb `name`; NULL when unknown. */
const struct cmd_entry *cmd_table_find(const char *name);

/* The entry of the first word of `line` (blanks before it skipped); NULL
 * when the line is empty or its verb unknown. */
const struct cmd_entry *cmd_table_verb(const char *line);

/* The entry that runs camera command `type`; NULL when none. */
const struct cmd_entry *cmd_table_camera(enum capa_command_type type);

/* Does the command need an argument (its synopsis starts outside [])? */
bool cmd_entry_needs_arg(const struct cmd_entry *e);

/* Why front end `front` (one CF_ bit) refuses e, into err, as "theme: not
 * in headless mode".  Returns false when it takes e. */
bool cmd_refused(const struct cmd_entry *e, enum cmd_front front, char *err, size_t errlen);

/* Print the man page COMMANDS section body (troff). */
void cmd_table_print_man(FILE *out);

#endif
