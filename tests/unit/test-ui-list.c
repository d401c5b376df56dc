/* Unit tests for the list state and terminal-safe text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "ui-list.h"
#include "ui-text.h"

static void test_scroll_follows_selection(void **state)
{
	struct ui_list l = { 0 };
	(void)state;
	ui_list_set_height(&l, 5);
	ui_list_set_count(&l, 20);
	assert_int_equal(l.sel, 0);
	ui_list_move(&l, 7);
	assert_int_equal(l.sel, 7);
	assert_int_equal(l.top, 3);
	ui_list_move(&l, -100);
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	ui_list_move(&l, 1000);
	assert_int_equal(l.sel, 19);
	assert_int_equal(l.top, 15);
	ui_list_page(&l, -1);
	assert_int_equal(l.sel, 15);
}

static void test_shrinking_keeps_selection_inside(void **state)
{
	struct ui_list l = { 0 };
	(void)state;
	ui_list_set_height(&l, 4);
	ui_list_set_count(&l, 10);
	ui_list_select(&l, 9);
	ui_list_set_count(&l, 3);
	assert_int_equal(l.sel, 2);
	assert_int_equal(l.top, 0);
	ui_list_set_count(&l, 0);
	assert_int_equal(l.sel, 0);
	ui_list_move(&l, 1);
	assert_int_equal(l.sel, 0);
}

static void test_resize_keeps_selection_visible(void **state)
{
	struct ui_list l = { 0 };
	(void)state;
	ui_list_set_height(&l, 10);
	ui_list_set_count(&l, 30);
	ui_list_select(&l, 9);
	ui_list_set_height(&l, 3);
	assert_true(l.sel >= l.top && l.sel < l.top + 3);
	ui_list_set_height(&l, 40);
	assert_int_equal(l.top, 0);
}

static void test_clean_makes_escapes_inert(void **state)
{
	char out[64];
	(void)state;
	ui_text_clean("ISO\033[2J\033]0;pwned\007x", out, sizeof out);
	assert_null(strchr(out, 033));
	assert_null(strchr(out, 007));
	assert_string_equal(out, "ISO[2J]0;pwnedx");
	/* C1 CSI (U+009B) dropped, invalid UTF-8 shown as U+FFFD. */
	ui_text_clean("a\xc2\x9b" "31mb\xff\xfe", out, sizeof out);
	assert_string_equal(out, "a31mb\xef\xbf\xbd\xef\xbf\xbd");
	/* Bidi overrides and isolates, as sanitize_text: one filter. */
	ui_text_clean("evil\xe2\x80\xaegpj\xe2\x81\xa6.exe\xe2\x80\x8f\xd8\x9c", out, sizeof out);
	assert_string_equal(out, "evilgpj.exe");
	ui_text_clean("caf\xc3\xa9 \xe2\x96\x80", out, sizeof out);
	assert_string_equal(out, "caf\xc3\xa9 \xe2\x96\x80");
	ui_text_clean(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

static void test_clean_cuts_at_boundary(void **state)
{
	char out[5];
	(void)state;
	ui_text_clean("ab\xc3\xa9\xc3\xa9", out, sizeof out);
	assert_string_equal(out, "ab\xc3\xa9");
	assert_int_equal(ui_text_width("ab\xc3\xa9"), 3);
	assert_int_equal(ui_text_fit("ab\xc3\xa9z", 3), 4);
	assert_true(ui_text_contains("ExposureIndex ISO", "iso"));
	assert_false(ui_text_contains("aperture", "iso"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scroll_follows_selection),
		cmocka_unit_test(test_shrinking_keeps_selection_inside),
		cmocka_unit_test(test_resize_keeps_selection_visible),
		cmocka_unit_test(test_clean_makes_escapes_inert),
		cmocka_unit_test(test_clean_cuts_at_boundary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
