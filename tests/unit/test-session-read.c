/* Unit tests for session-read.c: a session's journal read back, bounded.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session-read.h"

static char dir[4096], err[512];

/* A fresh session directory (with .capa/) under $TEST_TMP (or /tmp). */
static int setup(void **state)
{
	const char *t = getenv("TEST_TMP");
	char p[4200];
	(void)state;
	snprintf(dir, sizeof dir, "%s/sread.XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(p, sizeof p, "%s/.capa", dir);
	return mkdir(p, 0755);
}

static int teardown(void **state)
{
	char cmd[4200];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Append text to the journal. */
static void journal(const char *text)
{
	char p[4200];
	snprintf(p, sizeof p, "%s/.capa/journal.jsonl", dir);
	FILE *f = fopen(p, "a");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Make a file of n bytes in the session. */
static void file(const char *name, size_t n)
{
	char p[4400];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fputc('x', f);
	fclose(f);
}

/* A journal line as session-journal.c writes it. */
static void line(unsigned n, const char *name, const char *extra)
{
	char buf[4096];
	int k = snprintf(buf, sizeof buf,
		 "{\"n\":%u,\"time\":\"2024-05-01T10:20:3%uZ\",\"status\":\"saved\",\"folder\":\"/DCIM\","
		 "\"name\":\"%s\",\"path\":\"/old/place/%s\",\"bytes\":%u,\"sha256\":\"00\","
		 "\"exif\":{\"exposure\":0.008,\"fnumber\":5.6,\"iso\":200,\"focal\":50,\"lens\":\"\","
		 "\"width\":10,\"height\":10}%s,\"keep\":false}\n",
		 n, n % 10, name, name, 1000 * n, extra);
	assert_true(k > 0 && (size_t)k < sizeof buf);
	journal(buf);
}

/* No journal (or no directory): nothing, no error. */
static void test_none(void **state)
{
	struct session_listing l;
	(void)state;
	assert_int_equal(session_read(dir, &l, err, sizeof err), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(session_read("/nonexistent/capa-xyz", &l, err, sizeof err), 0);
	assert_int_equal(l.n, 0);
}

/* Good lines: oldest first, fields, the file looked up in the session
 * directory by base name (not the journal's old path), missing flagged. */
static void test_lines(void **state)
{
	struct session_listing l;
	char want[4200], *real = realpath(dir, NULL);
	(void)state;
	file("A.JPG", 10);
	file("C.JPG", 10);
	line(1, "A.JPG", "");
	line(2, "B.JPG", "");
	line(3, "C.JPG", "");
	assert_int_equal(session_read(dir, &l, err, sizeof err), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.bad, 0);
	assert_false(l.cut);
	assert_string_equal(l.v[0].name, "A.JPG");
	assert_string_equal(l.v[2].name, "C.JPG");
	snprintf(want, sizeof want, "%s/A.JPG", real);
	assert_string_equal(l.v[0].path, want);
	assert_int_equal(l.v[0].bytes, 1000);
	assert_int_equal(l.v[0].when, 1714558831);
	assert_int_equal(l.v[0].exif.iso, 200);
	assert_true(l.v[0].exif.fnumber > 5.5 && l.v[0].exif.fnumber < 5.7);
	assert_false(l.v[0].missing);
	assert_true(l.v[1].missing);
	assert_int_equal(l.missing, 1);
	session_listing_free(&l);
	free(real);
}

/* Bad lines are skipped and counted; the first one is named. */
static void test_bad(void **state)
{
	struct session_listing l;
	char *big = malloc(SESSION_READ_LINE + 100);
	(void)state;
	line(1, "A.JPG", "");
	journal("garbage\n");                                /* line 2 */
	journal("[1,2]\n");
	journal("{\"path\":\"/x/..\"}\n");
	journal("{\"path\":\"a\\u0000b\"}\n");
	journal("{\"n\":1}\n");
	journal("{\"path\":\"/x/OK.JPG\"} trailing\n");
	journal("{\"path\":\"/x/S.JPG\",\"status\":\"deleted\"}\n");
	journal("{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]],\"path\":\"D.JPG\"}\n");
	memset(big, ' ', SESSION_READ_LINE + 98);
	memcpy(big, "{\"path\":\"/x/BIG.JPG\"}", 21);
	big[SESSION_READ_LINE + 98] = '\n';
	big[SESSION_READ_LINE + 99] = 0;
	journal(big);
	journal("\n   \n");                                  /* blank: not bad */
	line(2, "B.JPG", "");
	journal("{\"n\":3,\"path\":\"/x/TORN.JPG\"");         /* no newline */
	assert_int_equal(session_read(dir, &l, err, sizeof err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].name, "A.JPG");
	assert_string_equal(l.v[1].name, "B.JPG");
	assert_int_equal(l.bad, 10);
	assert_int_equal(l.bad_line, 2);
	assert_non_null(strstr(l.bad_why, "not JSON"));
	session_listing_free(&l);
	free(big);
}

/* Hostile numbers give blanks, not odd rows; a line without EXIF is fine. */
static void test_numbers(void **state)
{
	struct session_entry e;
	char why[96];
	const char *l1 = "{\"path\":\"P.JPG\",\"bytes\":-5,\"time\":\"yesterday\","
			 "\"exif\":{\"exposure\":-1,\"fnumber\":1e308,\"iso\":\"x\",\"focal\":1e400}}";
	(void)state;
	assert_int_equal(session_read_line(l1, strlen(l1), &e, why, sizeof why), 0);
	assert_string_equal(e.name, "P.JPG");
	assert_int_equal(e.bytes, 0);
	assert_int_equal(e.when, 0);
	assert_true(e.exif_known);
	assert_true(e.exif.exposure_s == 0 && e.exif.fnumber == 0 && e.exif.iso == 0);
	assert_int_equal(session_read_line("{\"path\":\"Q\"}", 12, &e, why, sizeof why), 0);
	assert_false(e.exif_known);
	assert_int_equal(session_read_line("{\"path\":NaN}", 12, &e, why, sizeof why), -1);
}

/* At most SESSION_READ_ROWS shots, the newest, and the listing says so. */
static void test_rows_cap(void **state)
{
	struct session_listing l;
	char name[32];
	(void)state;
	for (unsigned i = 1; i <= SESSION_READ_ROWS + 10; i++) {
		snprintf(name, sizeof name, "S%05u.JPG", i);
		line(i, name, "");
	}
	assert_int_equal(session_read(dir, &l, err, sizeof err), 0);
	assert_int_equal(l.n, SESSION_READ_ROWS);
	assert_true(l.cut);
	assert_string_equal(l.v[0].name, "S00011.JPG");
	snprintf(name, sizeof name, "S%05u.JPG", SESSION_READ_ROWS + 10);
	assert_string_equal(l.v[l.n - 1].name, name);
	session_listing_free(&l);
}

/* A journal past SESSION_READ_TAIL: only its end is read (the line cut by
 * the window is not counted bad), and the listing says older ones exist. */
static void test_tail(void **state)
{
	struct session_listing l;
	char pad[2100];
	(void)state;
	memset(pad, 'p', sizeof pad - 1);
	pad[sizeof pad - 1] = 0;
	char *extra = malloc(sizeof pad + 32);
	snprintf(extra, sizeof pad + 32, ",\"pad\":\"%s\"", pad);
	for (unsigned i = 1; i <= SESSION_READ_TAIL / 2000 + 100; i++)
		line(i, "OLD.JPG", extra);
	line(9, "NEW.JPG", "");
	free(extra);
	assert_int_equal(session_read(dir, &l, err, sizeof err), 0);
	assert_true(l.cut);
	assert_int_equal(l.bad, 0);
	assert_true(l.n < SESSION_READ_TAIL / 2000);
	assert_string_equal(l.v[l.n - 1].name, "NEW.JPG");
	session_listing_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tail, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
