/* libFuzzer target for theme files: the textfile line reader and
 * theme_parse_line (slots, colour names and numbers, attributes).
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR theme */
#include <string.h>

#include "fuzz-util.h"
#include "theme.h"

/* Theme log callback: every message is one bounded C string. */
static void log_msg(void *ud, const char *msg)
{
	(void)ud;
	FUZZ_ASSERT(strlen(msg) < 1024);
}

/* Every slot holds a colour curses can take. */
static void check_theme(const struct theme *t)
{
	for (int i = 0; i < TS_COUNT; i++) {
		FUZZ_ASSERT(t->slot[i].fg >= -1 && t->slot[i].fg <= 255);
		FUZZ_ASSERT(t->slot[i].bg >= -1 && t->slot[i].bg <= 255);
		FUZZ_ASSERT(t->slot[i].attrs < 32);
	}
	FUZZ_ASSERT(memchr(t->name, 0, sizeof t->name));
}

static struct theme line_theme;

/* Apply one line on its own (as a line of any length reaches it). */
static void parse_line(const char *l)
{
	char err[256];
	if (theme_parse_line(&line_theme, l, err, sizeof err) < 0)
		FUZZ_ASSERT(memchr(err, 0, sizeof err));
	theme_slot_find(l);
}

/* Load the input as a theme file, then parse each line on its own. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t;
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);

	if (fd >= 0) {
		FUZZ_ASSERT(theme_load(&t, path, log_msg, NULL) == 0);
		check_theme(&t);
		close(fd);
	}
	theme_defaults(&line_theme);
	fuzz_lines(data, size, parse_line);
	check_theme(&line_theme);
	return 0;
}
