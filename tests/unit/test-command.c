/* Unit tests for command.c (text syntax) and cam-config.c (validation).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cam-config.h"
#include "command.h"

static char err[256];

static void test_parse(void **state)
{
	struct capa_command c;
	(void)state;
	assert_int_equal(command_parse("capture\n", &c, err, sizeof(err)), 0);
	assert_int_equal(c.type, CMD_CAPTURE);
	assert_int_equal(c.count, 1);
	assert_int_equal(command_parse("  capture 3", &c, err, sizeof(err)), 0);
	assert_int_equal(c.count, 3);
	assert_int_equal(command_parse("set whitebalance Daylight cool ", &c, err, sizeof(err)), 0);
	assert_string_equal(c.key, "whitebalance");
	assert_string_equal(c.value, "Daylight cool");
	command_free(&c);
	assert_int_equal(command_parse("connect ptpip:127.0.0.1:99 PTP/IP Camera", &c, err, sizeof(err)), 0);
	assert_string_equal(c.port, "ptpip:127.0.0.1:99");
	assert_string_equal(c.model, "PTP/IP Camera");
	struct capa_command d;
	assert_int_equal(command_copy(&d, &c), 0);
	command_free(&c);
	assert_string_equal(d.model, "PTP/IP Camera");
	command_free(&d);
	assert_int_equal(command_parse("connect", &c, err, sizeof(err)), 0);
	assert_null(c.port);
	assert_int_equal(command_parse("", &c, err, sizeof(err)), 1);
	assert_int_equal(command_parse("# note", &c, err, sizeof(err)), 1);
}

static void test_parse_errors(void **state)
{
	struct capa_command c;
	(void)state;
	assert_int_equal(command_parse("explode", &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown command"));
	assert_int_equal(command_parse("set iso", &c, err, sizeof(err)), -1);
	assert_int_equal(command_parse("get", &c, err, sizeof(err)), -1);
	assert_int_equal(command_parse("get a b", &c, err, sizeof(err)), -1);
	assert_int_equal(command_parse("capture 0", &c, err, sizeof(err)), -1);
	assert_int_equal(command_parse("capture x", &c, err, sizeof(err)), -1);
	assert_int_equal(command_parse("quit now", &c, err, sizeof(err)), -1);
}

static void test_validate(void **state)
{
	char *ch[] = { (char *)"Auto", (char *)"100", (char *)"200" };
	char *wb[] = { (char *)"Auto", (char *)"Daylight", (char *)"Shade" };
	struct cam_widget iso = { .name = (char *)"iso", .type = CW_RADIO, .choices = ch, .n_choices = 3 };
	struct cam_widget w = { .name = (char *)"wb", .type = CW_RADIO, .choices = wb, .n_choices = 3 };
	struct cam_widget r = { .name = (char *)"ev", .type = CW_RANGE, .min = -3, .max = 3, .step = 0.5f };
	struct cam_widget t = { .name = (char *)"t", .type = CW_TOGGLE };
	struct cam_widget ro = { .name = (char *)"ro", .type = CW_TEXT, .readonly = true };
	struct cam_widget sec = { .name = (char *)"s", .type = CW_SECTION };
	char out[64];
	(void)state;
	assert_int_equal(cam_config_validate(&iso, "200", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "200");
	assert_int_equal(cam_config_validate(&iso, "#0", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "Auto");
	assert_int_equal(cam_config_validate(&iso, "1", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&w, "shade", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "Shade");
	assert_int_equal(cam_config_validate(&w, "1", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "Daylight");
	assert_int_equal(cam_config_validate(&w, "Tungsten", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&r, "1.4", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "1.5");
	assert_int_equal(cam_config_validate(&r, "4", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&r, "x", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&t, "on", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "1");
	assert_int_equal(cam_config_validate(&t, "maybe", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&ro, "x", out, sizeof(out), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "read-only"));
	assert_int_equal(cam_config_validate(&sec, "x", out, sizeof(out), err, sizeof(err)), -1);
	/* a hostile camera's NaN range refuses every value */
	struct cam_widget nan_r = { .name = (char *)"n", .type = CW_RANGE, .min = NAN, .max = 3 };
	assert_int_equal(cam_config_validate(&nan_r, "1", out, sizeof(out), err, sizeof(err)), -1);
	nan_r.min = 0;
	nan_r.max = NAN;
	assert_int_equal(cam_config_validate(&nan_r, "1", out, sizeof(out), err, sizeof(err)), -1);
}

/* A date holds what libgphoto2's int holds; beyond that it would wrap. */
static void test_validate_date(void **state)
{
	struct cam_widget d = { .name = (char *)"datetime", .type = CW_DATE };
	char out[64];
	(void)state;
	assert_int_equal(cam_config_validate(&d, "2147483647", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "2147483647");
	assert_int_equal(cam_config_validate(&d, "-2147483648", out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "-2147483648");
	assert_int_equal(cam_config_validate(&d, "now", out, sizeof(out), err, sizeof(err)), 0);
	assert_int_equal(cam_config_validate(&d, "2147483648", out, sizeof(out), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "outside"));
	assert_int_equal(cam_config_validate(&d, "4294967296", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&d, "-2147483649", out, sizeof(out), err, sizeof(err)), -1);
	assert_int_equal(cam_config_validate(&d, "99999999999999999999", out, sizeof(out), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "outside"));
	assert_int_equal(cam_config_validate(&d, "12x", out, sizeof(out), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "is not a date"));
}

/* Check that date value v gives epoch seconds want (NULL: refused). */
static void date_is(const char *v, const char *want)
{
	struct cam_widget d = { .name = (char *)"datetime", .type = CW_DATE };
	char out[64];
	int r = cam_config_validate(&d, v, out, sizeof(out), err, sizeof(err));
	if (!want) {
		if (r == 0)
			fail_msg("\"%s\" taken as %s", v, out);
		return;
	}
	if (r != 0)
		fail_msg("\"%s\" refused: %s", v, err);
	if (strcmp(out, want) != 0)
		fail_msg("\"%s\" gave %s, not %s", v, out, want);
}

/* A date as the tree shows it (local time) and ISO 8601 with a zone. */
static void test_validate_date_forms(void **state)
{
	(void)state;
	setenv("TZ", "XXX-1", 1); /* local time is UTC+1, no summer time */
	tzset();
	date_is("2026-12-06 10:20:30", "1796548830");     /* 09:20:30Z */
	date_is("2026-12-06T10:20:30", "1796548830");
	date_is("2026-12-06T10:20:30Z", "1796552430");
	date_is("2026-12-06T10:20:30z", "1796552430");
	date_is("2026-12-06T10:20:30+01:00", "1796548830");
	date_is("2026-12-06T10:20:30-0530", "1796572230");
	date_is("2026-12-06 10:20:30 +01:00", "1796548830");
	date_is("2026-12-06T10:20Z", "1796552400");
	date_is("2038-01-19T03:14:07Z", "2147483647");
	date_is("1901-12-13T20:45:52Z", "-2147483648");
	date_is("2038-01-19T03:14:08Z", NULL);           /* 2^31: outside */
	assert_non_null(strstr(err, "outside"));
	date_is("2026-02-30 10:00:00", NULL);           /* no such day */
	date_is("2026-12-06 24:00:00", NULL);
	date_is("2026-12-06", NULL);
	date_is("2026-12-06T10:20:30+", NULL);
	date_is("2026-12-06T10:20:30 UTC", NULL);
	date_is(" 2026-12-06 10:20:30", NULL);
	date_is("tomorrow", NULL);
	assert_non_null(strstr(err, "YYYY-MM-DD HH:MM:SS"));
	unsetenv("TZ");
	tzset();
}

/* What a setting takes, in words for hints and the edit line. */
static void test_accepts(void **state)
{
	char *choices[] = { (char *)"100", (char *)"200", (char *)"400" };
	struct cam_widget r = { .name = (char *)"focallength", .type = CW_RANGE,
				.min = 24, .max = 70, .step = 1 };
	struct cam_widget c = { .name = (char *)"iso", .type = CW_RADIO, .choices = choices,
				.n_choices = 3 };
	struct cam_widget d = { .name = (char *)"datetime", .type = CW_DATE };
	char out[64];
	(void)state;
	cam_config_accepts(&r, out, sizeof(out));
	assert_string_equal(out, "24..70 step 1");
	cam_config_accepts(&c, out, sizeof(out));
	assert_string_equal(out, "one of: 100, 200, 400");
	cam_config_accepts(&c, out, 18);
	assert_string_equal(out, "one of: 100, \u2026");
	cam_config_accepts(&c, out, 22);
	assert_string_equal(out, "one of: 100, 200, 400");
	cam_config_accepts(&d, out, sizeof(out));
	assert_non_null(strstr(out, "YYYY-MM-DD HH:MM:SS"));
	r.readonly = true;
	cam_config_accepts(&r, out, sizeof(out));
	assert_string_equal(out, "");
}

/* Headless mode's `wait SECONDS`, parsed apart from the worker's commands. */
static void test_parse_wait(void **state)
{
	double s = -1;
	(void)state;
	assert_int_equal(command_parse_wait("wait 0.5", &s, err, sizeof(err)), 0);
	assert_true(s == 0.5);
	assert_int_equal(command_parse_wait("  wait\t86400 \r", &s, err, sizeof(err)), 0);
	assert_true(s == 86400);
	assert_int_equal(command_parse_wait("capture 2", &s, err, sizeof(err)), 1);
	assert_int_equal(command_parse_wait("waiting 2", &s, err, sizeof(err)), 1);
	static const char *const bad[] = { "wait", "wait x", "wait -1", "wait 86401", "wait nan",
					   "wait inf", "wait 1 2", "wait 1e999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		assert_int_equal(command_parse_wait(bad[i], &s, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "wait SECONDS"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_validate_date),
		cmocka_unit_test(test_validate_date_forms),
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_parse_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
