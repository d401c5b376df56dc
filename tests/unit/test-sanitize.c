/* Unit tests for sanitize.c: safe local names and terminal text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

static const char *fname(const char *in, size_t len)
{
	static char out[256];
	return sanitize_filename(in, len, out, sizeof(out));
}
#define FN(s) fname(s, sizeof(s) - 1)

static void test_plain_names_kept(void **state)
{
	(void)state;
	assert_string_equal(FN("IMG_0001.JPG"), "IMG_0001.JPG");
	assert_string_equal(FN("Ärger café.jpg"), "Ärger café.jpg");
}

static void test_traversal(void **state)
{
	(void)state;
	assert_string_equal(FN("../../etc/passwd"), "_.._etc_passwd");
	assert_string_equal(FN(".."), "unnamed");
	assert_string_equal(FN("."), "unnamed");
	assert_string_equal(FN(""), "unnamed");
	assert_string_equal(FN("/abs"), "_abs");
	assert_string_equal(FN("a\\b"), "a_b");
	assert_string_equal(FN(".hidden"), "hidden");
	assert_string_equal(FN(" . .x"), "x");
}

static void test_control_bytes(void **state)
{
	(void)state;
	assert_string_equal(FN("a\x1b[31mb\x7f\x01.jpg"), "a[31mb.jpg");
	assert_string_equal(FN("a\xc2\x9b" "b"), "ab"); /* C1 CSI */
	assert_string_equal(FN("a\nb"), "ab");
	/* bidi overrides would show "evil\u202egpj.exe" as "evilexe.jpg" */
	assert_string_equal(FN("evil\xe2\x80\xaegpj.exe"), "evilgpj.exe");
	assert_string_equal(FN("a\xe2\x81\xa6" "b\xe2\x80\x8f" "c\xd8\x9c" "d"), "abcd");
	assert_string_equal(FN("a\xe2\x80\x94" "b"), "a\xe2\x80\x94" "b"); /* a dash stays */
	/* NUL ends the name even inside len */
	assert_string_equal(fname("ab\0cd", 5), "ab");
}

static void test_invalid_utf8(void **state)
{
	const char *r;
	(void)state;
	r = FN("a\xff\xfe" "b\xc3");
	assert_string_equal(r, "a__b_");
	r = FN("\xed\xa0\x80x"); /* surrogate */
	assert_true(utf8_valid(r, strlen(r)));
	r = FN("\xc0\xafx"); /* overlong '/' */
	assert_string_equal(r, "__x");
}

static void test_length_cap(void **state)
{
	char in[300], out[256];
	(void)state;
	memset(in, 'a', sizeof(in));
	memcpy(in + sizeof(in) - 4, ".JPG", 4);
	sanitize_filename(in, sizeof(in), out, sizeof(out));
	assert_int_equal(strlen(out), SANITIZE_NAME_MAX);
	assert_string_equal(out + SANITIZE_NAME_MAX - 4, ".JPG");
	/* multi-byte characters are never split */
	char u[400] = "";
	for (int i = 0; i < 130; i++)
		strcat(u, "é");
	sanitize_filename(u, strlen(u), out, sizeof(out));
	assert_true(strlen(out) <= SANITIZE_NAME_MAX);
	assert_true(utf8_valid(out, strlen(out)));
	/* a small out buffer */
	sanitize_filename(in, sizeof(in), out, 20);
	assert_int_equal(strlen(out), 19);
}

static void test_text(void **state)
{
	char *t;
	(void)state;
	t = sanitize_text("ok\x1b]52;c;AAAA\x07 x\ty\xff", 19, 100);
	assert_string_equal(t, "ok]52;c;AAAA x y\xef\xbf\xbd");
	free(t);
	t = sanitize_text("a\xe2\x80\xae" "b\xc2\x85" "c", 8, 100);
	assert_string_equal(t, "abc");
	free(t);
	t = sanitize_text("éééé", 8, 5);
	assert_string_equal(t, "éé");
	free(t);
	t = sanitize_text(NULL, 5, 10);
	assert_string_equal(t, "");
	free(t);
}

/* The one terminal filter drops every bidi control and C0/C1 control. */
static void test_text_into(void **state)
{
	static const char *const drop[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9",
		"\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c", "\x01", "\x1b", "\x7f", "\xc2\x80",
		"\xc2\x9b", "\xc2\x9f",
	};
	char in[64], out[64];
	(void)state;
	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
		snprintf(in, sizeof(in), "a%sb", drop[i]);
		assert_string_equal(sanitize_text_into(in, strlen(in), out, sizeof(out)), "ab");
	}
	/* kept: NBSP, joiners, Arabic letters, the box and block glyphs */
	snprintf(in, sizeof(in), "\xc2\xa0\xe2\x80\x8d\xd8\xb9\xe2\x96\x80");
	assert_string_equal(sanitize_text_into(in, strlen(in), out, sizeof(out)), in);
	/* cut at a character boundary: "é" does not fit in the last byte */
	assert_string_equal(sanitize_text_into("ab\xc3\xa9", 4, out, 4), "ab");
	assert_string_equal(sanitize_text_into(NULL, 3, out, sizeof(out)), "");
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("h€llo 😀", strlen("h€llo 😀")));
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(utf8_valid("\xe0\x80\x80", 3));     /* overlong */
	assert_false(utf8_valid("\xe2\x82", 2));         /* truncated */
}

/* Random bytes: every output is safe (property test, fixed seed). */
static void test_random_inputs(void **state)
{
	unsigned seed = 12345;
	char in[300], out[256];
	(void)state;
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(rand_r(&seed) % sizeof(in));
		for (size_t i = 0; i < len; i++) {
			int r = rand_r(&seed) % 8;
			/* bias towards the interesting bytes */
			in[i] = (char)(r == 0 ? '/' : r == 1 ? '.' : r == 2 ? 0x1b :
				       r == 3 ? (char)(0x80 | rand_r(&seed) % 64) :
				       rand_r(&seed) % 256);
		}
		sanitize_filename(in, len, out, sizeof(out));
		size_t n = strlen(out);
		assert_true(n > 0 && n <= SANITIZE_NAME_MAX);
		assert_true(utf8_valid(out, n));
		assert_null(strchr(out, '/'));
		assert_true(out[0] != '.');
		assert_true(strcmp(out, "..") != 0);
		for (size_t i = 0; i < n; i++)
			assert_true((unsigned char)out[i] >= 0x20 && out[i] != 0x7f);
		char *t = sanitize_text(in, len, 100);
		assert_non_null(t);
		assert_true(strlen(t) <= 100 && utf8_valid(t, strlen(t)));
		for (size_t i = 0; t[i]; i++)
			assert_true((unsigned char)t[i] >= 0x20 && t[i] != 0x7f);
		assert_null(strstr(t, "\xc2\x9b")); /* no C1 CSI */
		free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_names_kept),
		cmocka_unit_test(test_traversal),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_length_cap),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_into),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_random_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
