/* Unit tests for theme parsing and the shipped theme files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "theme.h"

static int nmsgs;
static char last[600];

static void logcb(void *ud, const char *m)
{
	(void)ud;
	nmsgs++;
	snprintf(last, sizeof last, "%s", m);
}

static void test_parse_line(void **state)
{
	struct theme t;
	char err[256];
	(void)state;
	theme_defaults(&t);
	assert_int_equal(theme_parse_line(&t, "color log.error brightred 235 bold underline", err, sizeof err), 0);
	assert_int_equal(t.slot[TS_LOG_ERROR].fg, 9);
	assert_int_equal(t.slot[TS_LOG_ERROR].bg, 235);
	assert_int_equal(t.slot[TS_LOG_ERROR].attrs, THEME_A_BOLD | THEME_A_UNDERLINE);
	assert_int_equal(theme_parse_line(&t, "  # comment", err, sizeof err), 0);
	assert_int_equal(theme_parse_line(&t, "color nope red blue", err, sizeof err), -1);
	assert_non_null(strstr(err, "nope"));
	assert_int_equal(theme_parse_line(&t, "color log.ok red 300", err, sizeof err), -1);
	assert_int_equal(theme_parse_line(&t, "color log.ok red blue blink", err, sizeof err), -1);
	assert_int_equal(theme_parse_line(&t, "paint it black", err, sizeof err), -1);
}

static void test_shipped_themes_are_complete(void **state)
{
	static const char *const names[] = { "default", "light", "mono" };
	char path[4096];
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct theme t;
		bool seen[TS_COUNT] = { false };
		char line[512], err[256];
		snprintf(path, sizeof path, "%s/themes/%s.theme", getenv("SRCDIR") ? getenv("SRCDIR") : ".", names[i]);
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		theme_defaults(&t);
		while (fgets(line, sizeof line, f)) {
			char slot[64];
			assert_int_equal(theme_parse_line(&t, line, err, sizeof err), 0);
			if (sscanf(line, "color %63s", slot) == 1 && theme_slot_find(slot) >= 0)
				seen[theme_slot_find(slot)] = true;
		}
		fclose(f);
		for (int s = 0; s < TS_COUNT; s++)
			if (!seen[s])
				fail_msg("%s does not set %s", names[i], theme_slot_name((enum theme_slot)s));
	}
}

static void test_load_reports_problems(void **state)
{
	struct theme t;
	char dir[] = "/tmp/capa-theme-XXXXXX", path[256];
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/bad.theme", dir);
	FILE *f = fopen(path, "w");
	fputs("color log.ok red blue\ncolor bogus red blue\n", f);
	fclose(f);
	nmsgs = 0;
	assert_int_equal(theme_load(&t, path, logcb, NULL), 0);
	assert_int_equal(nmsgs, 1);
	assert_non_null(strstr(last, ":2:"));
	assert_int_equal(t.slot[TS_LOG_OK].fg, 1);
	unlink(path);
	rmdir(dir);
	nmsgs = 0;
	assert_int_equal(theme_load(&t, "/nonexistent/x.theme", logcb, NULL), -1);
	assert_int_equal(nmsgs, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_shipped_themes_are_complete),
		cmocka_unit_test(test_load_reports_problems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
