/* Unit tests for the command table (command-table.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "command-table.h"

#define ALL_FRONTS (CF_PROMPT | CF_HEADLESS | CF_CONFIG | CF_KEY)

/* Every camera command has exactly one entry, which command_parse takes. */
static void test_camera_types(void **state)
{
	struct capa_command c;
	char err[200], line[64];
	(void)state;
	for (int t = 0; t < CMD_TYPE_COUNT; t++) {
		const struct cmd_entry *e = cmd_table_camera((enum capa_command_type)t);
		int n = 0;
		assert_non_null(e);
		assert_string_equal(command_name((enum capa_command_type)t), e->name);
		for (size_t i = 0; cmd_table_at(i); i++)
			n += cmd_table_at(i)->type == (enum capa_command_type)t;
		assert_int_equal(n, 1);
		/* its synopsis, with words for the arguments, parses */
		snprintf(line, sizeof line, "%s%s", e->name,
			 t == CMD_SET ? " iso 800" : t == CMD_GET ? " iso" : t == CMD_CAPTURE ? " 3" : "");
		assert_int_equal(command_parse(line, &c, err, sizeof err), 0);
		assert_int_equal(c.type, t);
		command_free(&c);
	}
	assert_null(cmd_table_camera(CMD_TYPE_COUNT));
}

/* Names are unique words; flags name only known front ends, and each
 * entry has a front end, a help and a synopsis that is a string. */
static void test_sane(void **state)
{
	const struct cmd_entry *e, *f;
	(void)state;
	assert_true(cmd_table_at(0) != NULL);
	for (size_t i = 0; (e = cmd_table_at(i)); i++) {
		assert_true(e->name[0] && !strpbrk(e->name, " \t@#"));
		assert_non_null(e->args);
		assert_true(e->help && e->help[0]);
		assert_true(e->fronts && !(e->fronts & ~ALL_FRONTS));
		for (size_t j = i + 1; (f = cmd_table_at(j)); j++)
			assert_string_not_equal(e->name, f->name);
		/* what runs it matches where it is taken */
		if (e->run == CR_CAMERA)
			assert_true(e->type < CMD_TYPE_COUNT && (e->fronts & CF_HEADLESS));
		if (e->run == CR_WAIT)
			assert_int_equal(e->fronts, CF_HEADLESS);
		if (e->run == CR_THEME || e->run == CR_QUIT_UI)
			assert_false(e->fronts & (CF_CONFIG));
		if (e->fronts & CF_CONFIG) /* the config file runs bind only */
			assert_int_equal(e->run, CR_BIND);
		if (e->fronts & CF_HEADLESS) /* headless has no theme nor bind */
			assert_true(e->run == CR_CAMERA || e->run == CR_WAIT || e->type < CMD_TYPE_COUNT);
	}
}

/* Lookup by name and by a line's first word; refusals per front end. */
static void test_lookup(void **state)
{
	char err[120];
	(void)state;
	assert_string_equal(cmd_table_find("capture")->name, "capture");
	assert_null(cmd_table_find("captur"));
	assert_null(cmd_table_find(""));
	assert_int_equal(cmd_table_verb("  theme dark")->run, CR_THEME);
	assert_int_equal(cmd_table_verb("wait 3\n")->run, CR_WAIT);
	assert_int_equal(cmd_table_verb("bind\tx capture 3")->run, CR_BIND);
	assert_null(cmd_table_verb("@2 capture"));
	assert_null(cmd_table_verb(""));
	assert_null(cmd_table_verb("   "));
	assert_null(cmd_table_verb("averyveryverylongverbindeed x"));
	assert_true(cmd_entry_needs_arg(cmd_table_find("theme")));
	assert_false(cmd_entry_needs_arg(cmd_table_find("capture")));
	assert_false(cmd_entry_needs_arg(cmd_table_find("quit")));
	assert_true(cmd_refused(cmd_table_find("theme"), CF_HEADLESS, err, sizeof err));
	assert_string_equal(err, "theme: not in headless mode");
	assert_true(cmd_refused(cmd_table_find("wait"), CF_PROMPT, err, sizeof err));
	assert_string_equal(err, "wait: in headless mode only");
	assert_true(cmd_refused(cmd_table_find("q"), CF_KEY, err, sizeof err));
	assert_false(cmd_refused(cmd_table_find("capture"), CF_KEY, err, sizeof err));
	assert_false(cmd_refused(cmd_table_find("bind"), CF_CONFIG, err, sizeof err));
	/* the front ends' own verbs are no camera command */
	struct capa_command c;
	assert_int_equal(command_parse("theme dark", &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown command"));
}

/* The man section has one .TP per entry. */
static void test_man(void **state)
{
	char *buf = NULL;
	size_t len = 0, n = 0, tp = 0;
	FILE *f = open_memstream(&buf, &len);
	(void)state;
	assert_non_null(f);
	cmd_table_print_man(f);
	fclose(f);
	for (const char *p = buf; (p = strstr(p, ".TP\n")); p++)
		tp++;
	while (cmd_table_at(n))
		n++;
	assert_int_equal(tp, n);
	assert_non_null(strstr(buf, "\\fBcapture\\fR [@\\fICAMERA\\fR] [\\fIN\\fR]\n"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_camera_types),
		cmocka_unit_test(test_sane),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_man),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
