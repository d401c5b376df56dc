/* Unit tests for the camera picker's list model.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "picker.h"

static struct hotplug_camera cam(const char *id, const char *model, const char *port)
{
	struct hotplug_camera c = { 0 };

	snprintf(c.syspath, sizeof c.syspath, "%s", id);
	snprintf(c.model, sizeof c.model, "%s", model);
	snprintf(c.port, sizeof c.port, "%s", port);
	return c;
}

static void test_empty(void **state)
{
	struct picker pk;
	(void)state;
	picker_init(&pk);
	assert_null(picker_selected(&pk));
	picker_move(&pk, 3);
	assert_null(picker_selected(&pk));
	picker_sync(&pk, NULL, 0, NULL);
	assert_int_equal(pk.n, 0);
	assert_int_equal(picker_select_port(&pk, "usb:001,001"), -1);
}

static void test_entries_sorted_and_rows(void **state)
{
	struct picker pk;
	struct hotplug_camera cams[] = {
		cam("/s/b", "Nikon D750", "usb:002,004"),
		cam("/s/a", "Canon EOS 5D", "usb:001,009"),
	};
	char row[256];
	(void)state;
	picker_init(&pk);
	picker_sync(&pk, cams, 2, "usb:002,004");
	assert_int_equal(pk.n, 2);
	assert_string_equal(pk.e[0].port, "usb:001,009");
	assert_string_equal(pk.e[1].model, "Nikon D750");
	assert_string_equal(picker_row(&pk.e[0], row, sizeof row), "Canon EOS 5D  usb:001,009");
	assert_string_equal(picker_row(&pk.e[1], row, sizeof row),
			    "Nikon D750  usb:002,004  (connected)");
}

static void test_move_clamps(void **state)
{
	struct picker pk;
	struct hotplug_camera cams[] = {
		cam("/s/a", "A", "usb:001,001"), cam("/s/b", "B", "usb:001,002"),
		cam("/s/c", "C", "usb:001,003"),
	};
	(void)state;
	picker_init(&pk);
	picker_sync(&pk, cams, 3, NULL);
	assert_string_equal(picker_selected(&pk)->model, "A");
	picker_move(&pk, 1);
	assert_string_equal(picker_selected(&pk)->model, "B");
	picker_move(&pk, 10);
	assert_string_equal(picker_selected(&pk)->model, "C");
	picker_move(&pk, -10);
	assert_string_equal(picker_selected(&pk)->model, "A");
	assert_int_equal(picker_select_port(&pk, "usb:001,003"), 0);
	assert_string_equal(picker_selected(&pk)->model, "C");
}

static void test_selection_survives_sync(void **state)
{
	struct picker pk;
	struct hotplug_camera three[] = {
		cam("/s/a", "A", "usb:001,001"), cam("/s/b", "B", "usb:001,002"),
		cam("/s/c", "C", "usb:001,003"),
	};
	struct hotplug_camera without_a[] = { three[2], three[1] };
	struct hotplug_camera only_a[] = { three[0] };
	(void)state;
	picker_init(&pk);
	picker_sync(&pk, three, 3, NULL);
	picker_select_port(&pk, "usb:001,002");
	/* A goes away: B stays selected although its row moved. */
	picker_sync(&pk, without_a, 2, NULL);
	assert_int_equal(pk.sel, 0);
	assert_string_equal(picker_selected(&pk)->model, "B");
	/* The selected camera goes away: nearest row. */
	picker_move(&pk, 1);
	picker_sync(&pk, only_a, 1, NULL);
	assert_string_equal(picker_selected(&pk)->model, "A");
}

static void test_bounded(void **state)
{
	struct picker pk;
	struct hotplug_camera many[PICKER_MAX + 5];
	(void)state;
	for (size_t i = 0; i < PICKER_MAX + 5; i++) {
		char id[32], port[32];
		snprintf(id, sizeof id, "/s/%02zu", i);
		snprintf(port, sizeof port, "usb:001,%03zu", i + 1);
		many[i] = cam(id, "X", port);
	}
	picker_init(&pk);
	picker_sync(&pk, many, PICKER_MAX + 5, NULL);
	assert_int_equal(pk.n, PICKER_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_entries_sorted_and_rows),
		cmocka_unit_test(test_move_clamps),
		cmocka_unit_test(test_selection_survives_sync),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
