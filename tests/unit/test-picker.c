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
#include "picker-recent.h"

#include <stdlib.h>
#include <unistd.h>

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
	/* The last row is "address…". */
	assert_true(picker_on_address(&pk));
	assert_null(picker_selected(&pk));
	picker_move(&pk, -1);
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

/* Parse an address; "!reason" when refused. */
static const char *addr(const char *text)
{
	static char out[256];
	char err[160];

	if (picker_address_parse(text, out, sizeof out, err, sizeof err) < 0)
		snprintf(out, sizeof out, "!%s", err);
	return out;
}

static void test_address_parse(void **state)
{
	(void)state;
	assert_string_equal(addr("ptpip:192.168.1.10"), "ptpip:192.168.1.10");
	assert_string_equal(addr(" 192.168.1.10 "), "ptpip:192.168.1.10");
	assert_string_equal(addr("ptpip:10.0.0.2:15740"), "ptpip:10.0.0.2");
	assert_string_equal(addr("ptpip:10.0.0.2:15740:15740"), "ptpip:10.0.0.2");
	assert_string_equal(addr("ptpip:127.0.0.1:4000"), "ptpip:127.0.0.1:4000");
	assert_string_equal(addr("ptpip:127.0.0.1:4000:4000"), "ptpip:127.0.0.1:4000");
	assert_string_equal(addr("ptpip:127.0.0.1:4000:4001"), "ptpip:127.0.0.1:4000:4001");
	assert_string_equal(addr(""), "!no IP address: type ptpip:IP[:PORT], e.g. ptpip:192.168.1.10");
	assert_string_equal(addr("ptpip:"), "!no IP address: type ptpip:IP[:PORT], e.g. ptpip:192.168.1.10");
	assert_string_equal(addr("ptpip:192.168.1"), "!\"192.168.1\" is not an IPv4 address (like 192.168.1.10)");
	assert_string_equal(addr("ptpip:300.1.1.1"), "!\"300.1.1.1\" is not an IPv4 address (like 192.168.1.10)");
	assert_string_equal(addr("ptpip:1.2.3.4:0"), "!\"0\" is not a port number from 1 to 65535");
	assert_string_equal(addr("ptpip:1.2.3.4:65536"), "!\"65536\" is not a port number from 1 to 65535");
	assert_string_equal(addr("ptpip:1.2.3.4:+80"), "!\"+80\" is not a port number from 1 to 65535");
	assert_string_equal(addr("ptpip:1.2.3.4:"), "!\"\" is not a port number from 1 to 65535");
	assert_string_equal(addr("ptpip:1.2.3.4:1:2:3"), "!\"1:2:3\" is not a port number from 1 to 65535");
	assert_string_equal(addr("usb:001,002"),
			    "!\"usb:001,002\" is not a Wi-Fi camera address: type ptpip:IP[:PORT], e.g. ptpip:192.168.1.10");
	assert_string_equal(addr("http://1.2.3.4"),
			    "!\"http://1.2.3.4\" is not a Wi-Fi camera address: type ptpip:IP[:PORT], e.g. ptpip:192.168.1.10");
	assert_int_equal(addr("ptpip:1.2.3.4:1234567890123456789012345678901234567890123456789012345678901234567")[0], '!');
}

static void test_connected_and_recent_entries(void **state)
{
	struct picker pk;
	struct hotplug_camera usb[] = { cam("/s/a", "Canon EOS 5D", "usb:001,009") };
	char row[256];
	(void)state;
	picker_init(&pk);
	assert_true(picker_recent_add(&pk, "ptpip:10.0.0.5:15740:15740", "PTP/IP Camera"));
	assert_true(picker_recent_add(&pk, "usb:001,009", "Canon EOS 5D Mark III"));
	assert_true(picker_recent_add(&pk, "ptpip:127.0.0.1:4000:4000", "PTP/IP Camera"));
	assert_false(picker_recent_add(&pk, "ptpip:127.0.0.1:4000", "PTP/IP Camera"));
	assert_false(picker_recent_add(&pk, "serial:/dev/ttyS0", "Old Camera"));
	assert_false(picker_recent_add(&pk, "usb:001,010", ""));
	assert_int_equal(pk.nrecent, 3);
	assert_string_equal(pk.recent[0].port, "ptpip:127.0.0.1:4000");
	assert_string_equal(pk.recent[1].port, "usb:");
	assert_string_equal(pk.recent[2].port, "ptpip:10.0.0.5");
	/* Connected over PTP/IP: listed as connected, not again as recent. */
	snprintf(pk.current_model, sizeof pk.current_model, "PTP/IP Camera");
	picker_sync(&pk, usb, 1, "ptpip:127.0.0.1:4000:4000");
	assert_int_equal(pk.n, 4);
	assert_string_equal(picker_row(&pk.e[0], row, sizeof row), "Canon EOS 5D  usb:001,009");
	assert_string_equal(picker_row(&pk.e[1], row, sizeof row),
			    "PTP/IP Camera  ptpip:127.0.0.1:4000  (connected)");
	assert_int_equal(pk.e[1].kind, PICKER_CONNECTED);
	assert_string_equal(picker_row(&pk.e[2], row, sizeof row),
			    "Canon EOS 5D Mark III  USB  (used before)");
	assert_string_equal(picker_row(&pk.e[3], row, sizeof row),
			    "PTP/IP Camera  ptpip:10.0.0.5  (used before)");
	/* Connected over USB: the recent USB body of that model is not repeated. */
	snprintf(pk.current_model, sizeof pk.current_model, "Canon EOS 5D Mark III");
	picker_sync(&pk, usb, 1, "usb:001,009");
	assert_int_equal(pk.n, 3);
	assert_true(pk.e[0].current);
	assert_int_equal(pk.e[1].kind, PICKER_RECENT);
	assert_string_equal(pk.e[1].port, "ptpip:127.0.0.1:4000");
	/* Bounded: the oldest goes. */
	for (int i = 1; i <= PICKER_RECENT_MAX + 3; i++) {
		char p[64];
		snprintf(p, sizeof p, "ptpip:10.1.1.%d", i);
		picker_recent_add(&pk, p, "PTP/IP Camera");
	}
	assert_int_equal(pk.nrecent, PICKER_RECENT_MAX);
	assert_string_equal(pk.recent[0].port, "ptpip:10.1.1.11");
	assert_string_equal(pk.recent[PICKER_RECENT_MAX - 1].port, "ptpip:10.1.1.4");
}

static void test_address_row_kept_on_sync(void **state)
{
	struct picker pk;
	struct hotplug_camera two[] = { cam("/s/a", "A", "usb:001,001"), cam("/s/b", "B", "usb:001,002") };
	(void)state;
	picker_init(&pk);
	/* Empty: "address…" is the only row. */
	picker_sync(&pk, NULL, 0, NULL);
	assert_true(picker_on_address(&pk));
	/* A camera comes: it is selected. */
	picker_sync(&pk, two, 1, NULL);
	assert_string_equal(picker_selected(&pk)->model, "A");
	/* The user moved to "address…": a second camera does not move it. */
	picker_move(&pk, 1);
	picker_sync(&pk, two, 2, NULL);
	assert_true(picker_on_address(&pk));
	/* Typing on the only row: a camera plugged in meanwhile does not move it. */
	picker_sync(&pk, NULL, 0, NULL);
	picker_addr_begin(&pk);
	picker_sync(&pk, two, 1, NULL);
	assert_true(picker_on_address(&pk));
	/* Typing: printable ASCII only, Backspace. */
	picker_addr_begin(&pk);
	assert_true(picker_addr_key(&pk, '1', false));
	assert_true(picker_addr_key(&pk, '0', false));
	assert_false(picker_addr_key(&pk, 27, false));
	assert_false(picker_addr_key(&pk, 0x1b5, false));
	assert_true(picker_addr_key(&pk, 0, true));
	assert_string_equal(pk.addr, "1");
	for (int i = 0; i < 200; i++)
		picker_addr_key(&pk, '9', false);
	assert_int_equal(strlen(pk.addr), PICKER_ADDR_MAX - 1);
	picker_addr_end(&pk);
	assert_false(pk.typing);
}

/* Write text to a fresh file; returns its path (static). */
static const char *write_file(const char *text)
{
	static char path[4096];
	const char *dir = getenv("TEST_TMP");
	FILE *f;

	snprintf(path, sizeof path, "%s/recent-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_recent_file(void **state)
{
	struct picker pk, back;
	char err[256], path[4200];
	const char *hostile = write_file(
		"# comment\n"
		"ptpip:127.0.0.1:4000\tPTP/IP Camera\n"
		"no tab here\n"
		"ptpip:999.1.1.1\tPTP/IP Camera\n"
		"usb:\t\x1b]0;pwned\x07Nikon\n"
		"usb:\t\n"
		"ptpip:127.0.0.1:4000:4000\tduplicate\n"
		"ptpip:10.0.0.1\tPTP/IP Camera\n");
	(void)state;
	picker_init(&pk);
	assert_int_equal(picker_recent_load(&pk, hostile, err, sizeof err), 3);
	assert_int_equal(pk.nrecent, 3);
	assert_string_equal(pk.recent[0].port, "ptpip:127.0.0.1:4000");
	assert_string_equal(pk.recent[0].model, "PTP/IP Camera");
	assert_string_equal(pk.recent[1].port, "usb:");
	assert_null(strchr(pk.recent[1].model, 0x1b));
	assert_null(strchr(pk.recent[1].model, 0x07));
	assert_string_equal(pk.recent[2].port, "ptpip:10.0.0.1");
	/* Saved and read back, through a directory made on the way. */
	snprintf(path, sizeof path, "%s.d/capa/recent-cameras", hostile);
	assert_int_equal(picker_recent_save(&pk, path, err, sizeof err), 0);
	picker_init(&back);
	assert_int_equal(picker_recent_load(&back, path, err, sizeof err), 0);
	assert_int_equal(back.nrecent, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(back.recent[i].port, pk.recent[i].port);
		assert_string_equal(back.recent[i].model, pk.recent[i].model);
	}
	/* Missing: empty, no error; a directory or a device: an error. */
	assert_int_equal(picker_recent_load(&back, "/nonexistent/recent", err, sizeof err), 0);
	assert_int_equal(back.nrecent, 0);
	assert_int_equal(picker_recent_load(&back, "/dev/zero", err, sizeof err), -1);
	assert_int_equal(picker_recent_load(&back, "/", err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_entries_sorted_and_rows),
		cmocka_unit_test(test_move_clamps),
		cmocka_unit_test(test_selection_survives_sync),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_address_parse),
		cmocka_unit_test(test_connected_and_recent_entries),
		cmocka_unit_test(test_address_row_kept_on_sync),
		cmocka_unit_test(test_recent_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
