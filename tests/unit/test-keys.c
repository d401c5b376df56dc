/* Unit tests for the key binding table.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <curses.h>
#include <string.h>

#include "keys.h"

static void test_defaults(void **state)
{
	(void)state;
	keys_init();
	assert_int_equal(keys_lookup(' '), UC_CAPTURE);
	assert_int_equal(keys_lookup('\t'), UC_NEXT_PANE);
	assert_int_equal(keys_lookup('q'), UC_QUIT);
	assert_int_equal(keys_lookup('?'), UC_HELP);
	assert_int_equal(keys_lookup('/'), UC_SEARCH);
	assert_int_equal(keys_lookup(':'), UC_PROMPT);
	assert_int_equal(keys_lookup('j'), UC_DOWN);
	assert_int_equal(keys_lookup(KEY_UP), UC_UP);
	assert_int_equal(keys_lookup('\r'), UC_ENTER);
	assert_int_equal(keys_lookup('X'), UC_NONE);
}

static void test_names_round_trip(void **state)
{
	static const char *const names[] = { "space", "tab", "enter", "esc", "up", "pgdn", "C-l", "F5", "x", "?" };
	char buf[32];
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int k = keys_parse(names[i]);
		assert_true(k >= 0);
		assert_string_equal(keys_name(k, buf, sizeof buf), names[i]);
	}
	assert_int_equal(keys_parse("nonsense"), -1);
	assert_int_equal(keys_parse("F99"), -1);
	/* an F key is F1..F12 and nothing more (seen while fuzzing) */
	assert_int_equal(keys_parse("F12"), keys_parse("f12"));
	assert_true(keys_parse("F12") >= 0);
	assert_int_equal(keys_parse("f1x"), -1);
	assert_int_equal(keys_parse("F5 "), -1);
	assert_int_equal(keys_parse("F100"), -1);
	assert_int_equal(keys_parse("F13"), -1);
}

static void test_rebind(void **state)
{
	char err[128], list[64];
	(void)state;
	keys_init();
	assert_int_equal(keys_bind("c", "capture", err, sizeof err), 0);
	assert_int_equal(keys_lookup('c'), UC_CAPTURE);
	assert_int_equal(keys_bind("space", "none", err, sizeof err), 0);
	assert_int_equal(keys_lookup(' '), UC_NONE);
	assert_string_equal(keys_for_cmd(UC_CAPTURE, list, sizeof list), "c");
	assert_int_equal(keys_bind("c", "explode", err, sizeof err), -1);
	assert_non_null(strstr(err, "explode"));
	assert_int_equal(keys_bind("nokey", "quit", err, sizeof err), -1);
	assert_non_null(strstr(err, "nokey"));
}

/* A key runs any command line the prompt takes; "none" unbinds. */
static void test_bind_lines(void **state)
{
	char err[160];
	enum ui_cmd c;
	const char *line;
	(void)state;
	keys_init();
	assert_int_equal(keys_bind("b", "capture 3", err, sizeof err), 0);
	assert_int_equal(keys_lookup('b'), UC_RUN);
	assert_string_equal(keys_line('b'), "capture 3");
	assert_int_equal(keys_bind("F5", " set iso 800 ", err, sizeof err), 0);
	assert_string_equal(keys_line(KEY_F(5)), "set iso 800");
	assert_int_equal(keys_bind("T", "theme dark", err, sizeof err), 0);
	assert_int_equal(keys_bind("B", "bind b help", err, sizeof err), 0);
	assert_int_equal(keys_bind("s", "stop", err, sizeof err), 0);
	assert_int_equal(keys_lookup('s'), UC_STOP);             /* the UI command */
	assert_null(keys_line('s'));
	assert_int_equal(keys_bind("b", "capture x", err, sizeof err), -1);
	assert_non_null(strstr(err, "1 to 9999"));
	assert_string_equal(keys_line('b'), "capture 3");        /* kept */
	assert_int_equal(keys_bind("b", "explode 3", err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown command \"explode 3\""));
	assert_int_equal(keys_bind("b", "bind", err, sizeof err), -1);
	assert_non_null(strstr(err, "needs an argument"));
	assert_int_equal(keys_bind("b", "help", err, sizeof err), 0);
	assert_int_equal(keys_lookup('b'), UC_HELP);
	assert_null(keys_line('b'));
	size_t n = keys_count();
	assert_int_equal(keys_bind("space", "none", err, sizeof err), 0);
	assert_int_equal(keys_count(), n - 1);
	assert_int_equal(keys_lookup(' '), UC_NONE);
	for (size_t i = 0; i < keys_count(); i++)
		assert_int_not_equal(keys_at(i, &c, &line), ' ');
	assert_int_equal(keys_at(keys_count(), &c, &line), -1);
	char longline[300];
	memset(longline, 'x', sizeof longline - 1);
	memcpy(longline, "set a ", 6);
	longline[sizeof longline - 1] = 0;
	assert_int_equal(keys_bind("b", longline, err, sizeof err), -1);
	assert_non_null(strstr(err, "longer"));
}

static void test_every_command_has_help(void **state)
{
	(void)state;
	for (int c = 1; c < UC_COUNT; c++) {
		assert_non_null(keys_cmd_name((enum ui_cmd)c));
		assert_true(strlen(keys_cmd_help((enum ui_cmd)c)) > 3);
		assert_int_equal(keys_cmd_find(keys_cmd_name((enum ui_cmd)c)), c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_rebind),
		cmocka_unit_test(test_bind_lines),
		cmocka_unit_test(test_every_command_has_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
