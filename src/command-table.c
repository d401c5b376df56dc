/* Every command of the text command language, declared once.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "command-table.h"

#include <ctype.h>
#include <string.h>

#define ALL_LIVE (CF_PROMPT | CF_HEADLESS | CF_KEY) /* the camera's commands */

static const struct cmd_entry table[] = {
	{ "connect", "[@CAMERA] [PORT [MODEL]]",
	  "open a camera: the one autodetected, or the one at PORT", ALL_LIVE, CR_CAMERA, CMD_CONNECT },
	{ "disconnect", "[@CAMERA]", "close the camera", ALL_LIVE, CR_CAMERA, CMD_DISCONNECT },
	{ "capture", "[@CAMERA] [N]", "fire the shutter N times (1 to 9999, default 1)",
	  ALL_LIVE, CR_CAMERA, CMD_CAPTURE },
	{ "set", "[@CAMERA] KEY VALUE", "change a camera setting", ALL_LIVE, CR_CAMERA, CMD_SET },
	{ "get", "[@CAMERA] KEY", "report a setting's value", ALL_LIVE, CR_CAMERA, CMD_GET },
	{ "config", "[@CAMERA]", "report every setting of the camera", ALL_LIVE, CR_CAMERA, CMD_CONFIG },
	{ "retry", "[@CAMERA]", "download again every shot still owed", ALL_LIVE, CR_CAMERA, CMD_RETRY },
	{ "stop", "[@CAMERA]", "end a capture sequence after the shot in progress",
	  ALL_LIVE, CR_CAMERA, CMD_STOP },
	/* headless mode sends it to the worker; the UI quits, which does */
	{ "quit", "", "end capa (headless mode: after the downloads running)", ALL_LIVE, CR_QUIT_UI, CMD_QUIT },
	{ "q", "", "quit", CF_PROMPT, CR_QUIT_UI, CMD_TYPE_COUNT },
	{ "wait", "SECONDS", "read no command for SECONDS (0 to 86400)", CF_HEADLESS, CR_WAIT,
	  CMD_TYPE_COUNT },
	{ "theme", "NAME", "load colour theme NAME (built in, or a file)", CF_PROMPT | CF_KEY, CR_THEME,
	  CMD_TYPE_COUNT },
	{ "bind", "KEY COMMAND", "make KEY run COMMAND (a key command or a command line; none unbinds)",
	  CF_PROMPT | CF_KEY | CF_CONFIG, CR_BIND, CMD_TYPE_COUNT },
};

#define N_ENTRIES (sizeof table / sizeof table[0])

const struct cmd_entry *cmd_table_at(size_t i)
{
	return i < N_ENTRIES ? &table[i] : NULL;
}

const struct cmd_entry *cmd_table_find(const char *name)
{
	for (size_t i = 0; i < N_ENTRIES; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const struct cmd_entry *cmd_table_verb(const char *line)
{
	char verb[16];
	size_t n;

	line += strspn(line, " \t");
	n = strcspn(line, " \t\r\n");
	if (n == 0 || n >= sizeof verb)
		return NULL;
	memcpy(verb, line, n);
	verb[n] = '\0';
	return cmd_table_find(verb);
}

const struct cmd_entry *cmd_table_camera(enum capa_command_type type)
{
	for (size_t i = 0; i < N_ENTRIES; i++)
		if (table[i].type == type && type != CMD_TYPE_COUNT)
			return &table[i];
	return NULL;
}

bool cmd_entry_needs_arg(const struct cmd_entry *e)
{
	return e->args[0] && e->args[0] != '[';
}

bool cmd_refused(const struct cmd_entry *e, enum cmd_front front, char *err, size_t errlen)
{
	if (e->fronts & front)
		return false;
	if (front == CF_HEADLESS)
		snprintf(err, errlen, "%s: not in headless mode", e->name);
	else if (e->fronts == CF_HEADLESS)
		snprintf(err, errlen, "%s: in headless mode only", e->name);
	else if (front == CF_PROMPT)
		snprintf(err, errlen, "%s: not at the prompt", e->name);
	else if (front == CF_KEY)
		snprintf(err, errlen, "%s: not for a key binding", e->name);
	else
		snprintf(err, errlen, "%s: not in the config file", e->name);
	return true;
}

/* Write s for troff: hyphens and backslashes escaped; words in capitals
 * (the arguments) in italics when `args`. */
static void troff_put(FILE *out, const char *s, bool args)
{
	bool in = false; /* inside an italic word */

	for (; *s; s++) {
		bool cap = args && isupper((unsigned char)*s);
		if (cap && !in)
			fputs("\\fI", out);
		in = cap;
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		if (cap && !isupper((unsigned char)s[1]))
			fputs("\\fR", out);
	}
}

/* The front ends in `fronts`, in words: "the : prompt, headless mode". */
static void print_fronts(FILE *out, unsigned fronts)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = { { CF_PROMPT, "the : prompt" }, { CF_HEADLESS, "headless mode" },
		      { CF_KEY, "key bindings" }, { CF_CONFIG, "the config file" } };
	const char *sep = "";

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (fronts & words[i].bit) {
			fprintf(out, "%s%s", sep, words[i].word);
			sep = ", ";
		}
}

void cmd_table_print_man(FILE *out)
{
	for (size_t i = 0; i < N_ENTRIES; i++) {
		const struct cmd_entry *e = &table[i];
		fputs(".TP\n\\fB", out);
		troff_put(out, e->name, false);
		fputs("\\fR", out);
		if (e->args[0]) {
			fputc(' ', out);
			troff_put(out, e->args, true);
		}
		fputc('\n', out);
		troff_put(out, e->help, false);
		fputs("; for ", out);
		print_fronts(out, e->fronts);
		fputs(".\n", out);
	}
}
