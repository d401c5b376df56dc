/* libFuzzer target for command lines: the worker commands of headless
 * mode, the `:` prompt and key bindings (command_parse), headless mode's
 * `wait SECONDS`, key names and `bind KEY COMMAND` (keys_parse/keys_bind).
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR command */
#include <string.h>

#include "command.h"
#include "fuzz-util.h"
#include "keys.h"

/* Check what command_parse gave back, copy and free it. */
static void check_command(struct capa_command *c)
{
	struct capa_command d;

	FUZZ_ASSERT((unsigned)c->type < CMD_TYPE_COUNT);
	FUZZ_ASSERT(strcmp(command_name(c->type), "?") != 0);
	if (c->type == CMD_CAPTURE)
		FUZZ_ASSERT(c->count >= 1 && c->count <= 9999);
	if (c->type == CMD_SET)
		FUZZ_ASSERT(c->key && *c->key && c->value && *c->value);
	if (c->type == CMD_GET)
		FUZZ_ASSERT(c->key && *c->key && !strpbrk(c->key, " \t"));
	if (c->port)
		FUZZ_ASSERT(*c->port && !strpbrk(c->port, " \t\r\n"));
	if (command_copy(&d, c) == 0)
		command_free(&d);
	command_free(c);
}

/* Parse one line every way a line of user text is parsed. */
static void parse_line(const char *l)
{
	struct capa_command c;
	char err[512], name[32];
	double s = -1;
	int r;

	err[0] = '\0';
	r = command_parse_wait(l, &s, err, sizeof err);
	FUZZ_ASSERT(r != 0 || (s >= 0 && s <= 86400));
	FUZZ_ASSERT(r >= 0 || *err);
	err[0] = '\0';
	r = command_parse(l, &c, err, sizeof err);
	FUZZ_ASSERT(r >= -1 && r <= 1);
	FUZZ_ASSERT(r >= 0 || *err);
	if (r == 0)
		check_command(&c);
	int k = keys_parse(l);
	if (k >= 0)
		keys_name(k, name, sizeof name);
	keys_bind("F5", l, err, sizeof err);
	keys_bind(l, "capture 2", err, sizeof err);
	keys_lookup(k);
	keys_line(k);
}

/* Each line, then the whole input as one string. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *all = fuzz_cstr(data, size);

	keys_init();
	fuzz_lines(data, size, parse_line);
	if (all)
		parse_line(all);
	free(all);
	return 0;
}
