/* Unit tests for the config-file parser.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "keys.h"

static char msgs[8][400];
static int nmsgs;

static void logcb(void *ud, const char *m)
{
	(void)ud;
	if (nmsgs < 8)
		snprintf(msgs[nmsgs], sizeof msgs[0], "%s", m);
	nmsgs++;
}

/* Write text to a temp file and load it into o. */
static int load_text(const char *text, struct capa_options *o, struct config *c)
{
	char path[] = "/tmp/capa-config-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	nmsgs = 0;
	int bad = config_load(c, o, path, true, logcb, NULL);
	unlink(path);
	return bad;
}

static void test_every_config_option_accepted(void **state)
{
	struct capa_options o;
	struct config c = { 0 };
	(void)state;
	options_defaults(&o);
	/* Build a file setting every config_ok option to a valid value. */
	char text[4096] = "";
	for (const struct option_def *d = option_table; d->name; d++) {
		if (!d->config_ok)
			continue;
		char line[256];
		char num[32];
		snprintf(num, sizeof num, "%ld", d->min > 3 ? d->min : 3);
		const char *v = d->type == OPT_FLAG ? "yes" : d->type == OPT_INT ? num : "x";
		if (d->type == OPT_ENUM) {
			static char first[64];
			snprintf(first, sizeof first, "%.*s", (int)strcspn(d->choices, "|"), d->choices);
			v = first;
		}
		snprintf(line, sizeof line, "%s %s\n", d->name, v);
		strcat(text, line);
	}
	assert_int_equal(load_text(text, &o, &c), 0);
	assert_int_equal(nmsgs, 0);
	assert_true(o.keep);
	assert_int_equal(o.colors, 3);
	assert_string_equal(o.port, "x");
	config_free(&c);
}

static void test_syntaxes(void **state)
{
	struct capa_options o;
	struct config c = { 0 };
	(void)state;
	options_defaults(&o);
	keys_init();
	assert_int_equal(load_text("# comment\n\n  colors = 64\nset theme=light\nport \"ptpip:127.0.0.1:9\"\n"
				   "keep\nbind c capture\ntheme mono\nbind b capture 3\n"
				   "bind F5 set iso 800\nbind space none\n", &o, &c), 0);
	assert_int_equal(o.colors, 64);
	assert_string_equal(o.theme, "mono");
	assert_string_equal(o.port, "ptpip:127.0.0.1:9");
	assert_true(o.keep);
	assert_int_equal(keys_lookup('c'), UC_CAPTURE);
	assert_string_equal(keys_line('b'), "capture 3");
	assert_string_equal(keys_line(KEY_F(5)), "set iso 800");
	assert_int_equal(keys_lookup(' '), UC_NONE);
	config_free(&c);
}

static void test_mistakes_reported_not_fatal(void **state)
{
	struct capa_options o;
	struct config c = { 0 };
	(void)state;
	options_defaults(&o);
	keys_init();
	int bad = load_text("colors 9999\nwibble 3\nheadless\ngraphics teletext\nbind c\nbind zz quit\n"
			    "colors 16\n", &o, &c);
	assert_int_equal(bad, 6);
	assert_int_equal(nmsgs, 6);
	assert_non_null(strstr(msgs[0], "line 1:"));
	assert_non_null(strstr(msgs[0], "from 2 to 256"));
	assert_non_null(strstr(msgs[1], "wibble"));
	assert_non_null(strstr(msgs[2], "command line only"));
	assert_non_null(strstr(msgs[3], "teletext"));
	assert_int_equal(o.colors, 16); /* later good lines still apply */
	assert_string_equal(o.graphics, "auto");
	config_free(&c);
}

static void test_missing_default_is_fine(void **state)
{
	struct capa_options o;
	struct config c = { 0 };
	(void)state;
	options_defaults(&o);
	nmsgs = 0;
	assert_int_equal(config_load(&c, &o, "/nonexistent/capa/config", false, logcb, NULL), 0);
	assert_int_equal(nmsgs, 0);
	assert_int_equal(config_load(&c, &o, "/nonexistent/capa/config", true, logcb, NULL), -1);
	assert_int_equal(nmsgs, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_config_option_accepted),
		cmocka_unit_test(test_syntaxes),
		cmocka_unit_test(test_mistakes_reported_not_fatal),
		cmocka_unit_test(test_missing_default_is_fine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
