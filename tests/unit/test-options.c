/* Unit tests for the option table.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <unistd.h>

#include "options.h"

/* argv strings are writable in real programs; -Wwrite-strings wants a cast. */
#define A(s) ((char *)(s))

static int parse(struct capa_options *o, int argc, char **argv)
{
	optind = 0; /* reset getopt between parses */
	options_defaults(o);
	return options_parse(o, argc, argv);
}

static void test_defaults(void **state)
{
	struct capa_options o;
	(void)state;
	options_defaults(&o);
	assert_int_equal(o.colors, 256);
	assert_string_equal(o.graphics, "auto");
	assert_string_equal(o.intent, "perceptual");
	assert_false(o.keep);
	assert_null(o.port);
}

static void test_parse_values(void **state)
{
	struct capa_options o;
	char *argv[] = { A("capa"), A("--port"), A("ptpip:127.0.0.1:1234"), A("--keep"),
			 A("--colors"), A("16"), A("--graphics=halfblock"), NULL };
	(void)state;
	assert_int_equal(parse(&o, 7, argv), 0);
	assert_string_equal(o.port, "ptpip:127.0.0.1:1234");
	assert_true(o.keep);
	assert_int_equal(o.colors, 16);
	assert_string_equal(o.graphics, "halfblock");
}

static void test_rejects_bad_values(void **state)
{
	struct capa_options o;
	char *a1[] = { A("capa"), A("--colors"), A("1"), NULL };
	char *a2[] = { A("capa"), A("--graphics"), A("kitty"), NULL };
	char *a3[] = { A("capa"), A("--nope"), NULL };
	char *a4[] = { A("capa"), A("--colors"), A("12x"), NULL };
	(void)state;
	assert_int_equal(parse(&o, 3, a1), -1);
	assert_int_equal(parse(&o, 3, a2), -1);
	assert_int_equal(parse(&o, 2, a3), -1);
	assert_int_equal(parse(&o, 3, a4), -1);
}

static void test_option_set_messages(void **state)
{
	struct capa_options o;
	char err[256] = "";
	(void)state;
	options_defaults(&o);
	assert_int_equal(option_set(&o, option_find("keep"), "perhaps", err, sizeof err), -1);
	assert_non_null(strstr(err, "--keep"));
	assert_int_equal(option_set(&o, option_find("keep"), "yes", err, sizeof err), 0);
	assert_true(o.keep);
	assert_null(option_find("no-such-option"));
}

static void test_every_option_has_help(void **state)
{
	(void)state;
	for (const struct option_def *d = option_table; d->name; d++) {
		assert_non_null(d->help);
		assert_true(strlen(d->help) > 5);
		assert_null(strchr(d->help, '\n'));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_rejects_bad_values),
		cmocka_unit_test(test_option_set_messages),
		cmocka_unit_test(test_every_option_has_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
