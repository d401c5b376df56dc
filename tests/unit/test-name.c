/* Unit tests for session-name.c: gphoto2 --filename patterns, variants.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "session-name.h"

static char out[256], err[256];

/* Expand with fixed vars: 2026-03-07 (a Saturday) 09:05:03 local, n = 42. */
static const char *ex(const char *pat)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 2, .tm_mday = 7, .tm_hour = 9,
			 .tm_min = 5, .tm_sec = 3, .tm_isdst = -1 };
	struct name_vars v = { "IMG_0042.JPG", "/store_00010001/DCIM/100CANON", mktime(&tm), 42,
			       3 };
	if (session_name_expand(pat, &v, out, sizeof(out), err, sizeof(err)) < 0)
		return NULL;
	return out;
}

static void test_codes(void **state)
{
	static const char *const table[][2] = {
		{ "%Y%m%d-%H%M%S", "20260307-090503" },
		{ "%y", "26" }, { "%j", "066" },
		{ "%a %A", "Sat Saturday" }, { "%b %B", "Mar March" },
		{ "%n", "42" }, { "%04n", "0042" }, { "%1n", "42" }, { "x%5n", "x   42" },
		{ "%f", "IMG_0042" }, { "%C", "JPG" }, { "%f.%C", "IMG_0042.JPG" },
		{ "%F", "store_00010001_DCIM_100CANON" },
		{ "cam%c_%04n", "cam3_0042" },
		{ "100%%", "100%" }, { "", "IMG_0042.JPG" },
		{ "shot-%03n.%C", "shot-042.JPG" },
		{ "../%f", "_IMG_0042" }, { ".%f", "IMG_0042" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const char *r = ex(table[i][0]);
		assert_non_null(r);
		assert_string_equal(r, table[i][1]);
	}
	assert_string_equal(ex(NULL), "IMG_0042.JPG");
	/* one camera (0): %c is 1 */
	struct name_vars one = { "A.JPG", "/", 0, 1, 0 };
	assert_int_equal(session_name_expand("%c-%n", &one, out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "1-1");
}

static void test_bad_patterns(void **state)
{
	(void)state;
	assert_null(ex("%q"));
	assert_non_null(strstr(err, "%q"));
	assert_null(ex("abc%"));
	assert_null(ex("%04Y"));
	assert_null(ex("%10n"));
	assert_int_equal(session_name_check("%Y-%04n.%C", err, sizeof(err)), 0);
	assert_int_equal(session_name_check("%Z", err, sizeof(err)), -1);
}

/* %Nn pads to 1..9; a longer run of digits is refused, never overflows
 * into a negative width (2^31) or wraps back into range (2^32 + 9). */
static void test_pad_widths(void **state)
{
	static const char *const bad[] = {
		"%10n", "%010n", "%2147483647n", "x%2147483648n", "%4294967305n",
		"%99999999999999999999999999n",
	};
	(void)state;
	assert_string_equal(ex("x%9n"), "x       42");
	assert_string_equal(ex("%09n"), "000000042");
	assert_string_equal(ex("%0n"), "42");
	assert_string_equal(ex("%0000000000000000000002n"), "42"); /* zeros, then 2 */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(ex(bad[i]));
		assert_non_null(strstr(err, "1..9"));
		assert_int_equal(session_name_check(bad[i], err, sizeof(err)), -1);
	}
}

static void test_no_suffix(void **state)
{
	struct name_vars v = { "README", "/", 0, 1, 0 };
	(void)state;
	assert_int_equal(session_name_expand("%f.%C", &v, out, sizeof(out), err, sizeof(err)), 0);
	assert_string_equal(out, "README.");
}

static void test_variants(void **state)
{
	char big[SANITIZE_NAME_MAX + 1];
	(void)state;
	assert_string_equal(session_name_variant("IMG.JPG", 0, out, sizeof(out)), "IMG.JPG");
	assert_string_equal(session_name_variant("IMG.JPG", 1, out, sizeof(out)), "IMG-1.JPG");
	assert_string_equal(session_name_variant("IMG.JPG", 12, out, sizeof(out)), "IMG-12.JPG");
	assert_string_equal(session_name_variant("noext", 2, out, sizeof(out)), "noext-2");
	memset(big, 'x', SANITIZE_NAME_MAX);
	memcpy(big + SANITIZE_NAME_MAX - 4, ".JPG", 4);
	big[SANITIZE_NAME_MAX] = '\0';
	session_name_variant(big, 3, out, sizeof(out));
	assert_int_equal(strlen(out), SANITIZE_NAME_MAX);
	assert_string_equal(out + SANITIZE_NAME_MAX - 6, "-3.JPG");
}

/* A camera file time in a year past INT_MAX - 1900 (localtime_r still
 * takes it): %y is the last two digits of %Y, with no signed overflow
 * (UB found by tests/fuzz/fuzz-name.c, seed year-overflow). */
static void test_far_year(void **state)
{
	struct name_vars v = { "IMG.JPG", "/DCIM", (time_t)(2147483647LL + 1000 - 1970) * 31556952, 1, 0 };
	char y[64], Y[64];
	(void)state;
	assert_int_equal(session_name_expand("%y", &v, y, sizeof y, err, sizeof err), 0);
	assert_int_equal(session_name_expand("%Y", &v, Y, sizeof Y, err, sizeof err), 0);
	assert_int_equal(strlen(y), 2);
	assert_true(strlen(Y) >= 10);
	assert_string_equal(y, Y + strlen(Y) - 2);
}

/* k = 0 into a small buffer is cut like the other variants: at a UTF-8
 * boundary, keeping the extension (it was cut in the middle of a
 * character, found by tests/fuzz/fuzz-name.c). */
static void test_variant_small_buffer(void **state)
{
	char small[16];
	(void)state;
	/* U+00E9 (2 bytes) at bytes 6..7: the cut at 7 moves back to 6 */
	session_name_variant("DSC_00\xc3\xa9xx.JPG", 0, small, 12);
	assert_string_equal(small, "DSC_00.JPG");
	session_name_variant("DSC_0000\xc3\xa9" "e_long.JPG", 0, small, 12);
	assert_string_equal(small, "DSC_000.JPG");
	session_name_variant("DSC_0000x\xc3\xa9" "e", 0, small, 11);
	assert_true(utf8_valid(small, strlen(small)));
	assert_string_equal(small, "DSC_0000x");
	session_name_variant("IMG.JPG", 0, small, sizeof small);
	assert_string_equal(small, "IMG.JPG");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_bad_patterns),
		cmocka_unit_test(test_pad_widths),
		cmocka_unit_test(test_no_suffix),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_variant_small_buffer),
		cmocka_unit_test(test_far_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
