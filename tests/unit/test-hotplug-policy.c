/* Unit tests for the hotplug decisions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "hotplug-policy.h"

/* A USB camera at bus 1, device `dev`, plugged into hub port `hubport`. */
static struct hotplug_camera cam(int hubport, int dev, const char *serial,
				 unsigned vid, unsigned pid)
{
	struct hotplug_camera c = { .vid = vid, .pid = pid };

	snprintf(c.syspath, sizeof c.syspath, "/sys/devices/usb1/1-%d", hubport);
	snprintf(c.port, sizeof c.port, "usb:001,%03d", dev);
	snprintf(c.serial, sizeof c.serial, "%s", serial);
	snprintf(c.model, sizeof c.model, "Camera %d", hubport);
	return c;
}

static void test_start_without_camera_waits(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	(void)state;
	hp_policy_init(&p, false, NULL);
	d = hp_policy_start(&p);
	assert_int_equal(d.action, HP_WAIT);
	assert_int_equal(p.conn, HP_IDLE);
}

static void test_start_with_one_connects(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 0x04a9, 0x3218);
	(void)state;
	hp_policy_init(&p, false, NULL);
	d = hp_policy_added(&p, &a); /* enumeration: collected only */
	assert_int_equal(d.action, HP_NONE);
	assert_true(d.list_changed);
	d = hp_policy_start(&p);
	assert_int_equal(d.action, HP_CONNECT);
	assert_string_equal(d.cam.port, "usb:001,005");
	assert_int_equal(p.conn, HP_CONNECTING);
}

static void test_start_with_two_picks(void **state)
{
	struct hp_policy p;
	struct hotplug_camera a = cam(1, 5, "SN1", 1, 2), b = cam(2, 6, "SN2", 3, 4);
	(void)state;
	hp_policy_init(&p, false, NULL);
	hp_policy_added(&p, &a);
	hp_policy_added(&p, &b);
	assert_int_equal(hp_policy_start(&p).action, HP_PICK);
	assert_int_equal(p.conn, HP_IDLE);
	/* The user picks the second one. */
	assert_int_equal(hp_policy_choose(&p, "usb:001,006").action, HP_CONNECT);
	assert_string_equal(p.current.syspath, b.syspath);
	assert_int_equal(hp_policy_choose(&p, "usb:009,009").action, HP_NONE);
}

static void test_explicit_port(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 1, 2), b = cam(2, 6, "SN2", 3, 4);
	(void)state;
	/* usb:BBB,DDD chooses among several, when it appears. */
	hp_policy_init(&p, false, "usb:001,006");
	hp_policy_added(&p, &a);
	assert_int_equal(hp_policy_start(&p).action, HP_WAIT);
	d = hp_policy_added(&p, &b);
	assert_int_equal(d.action, HP_CONNECT);
	assert_string_equal(d.cam.port, "usb:001,006");
	/* ptpip: connects at start whatever USB cameras are around. */
	hp_policy_init(&p, false, "ptpip:127.0.0.1:15740");
	hp_policy_added(&p, &a);
	d = hp_policy_start(&p);
	assert_int_equal(d.action, HP_CONNECT);
	assert_string_equal(d.cam.port, "ptpip:127.0.0.1:15740");
	assert_string_equal(d.cam.syspath, "");
	/* "usb:" alone is no choice. */
	hp_policy_init(&p, false, "usb:");
	hp_policy_added(&p, &a);
	assert_int_equal(hp_policy_start(&p).action, HP_CONNECT);
}

static void test_no_auto_connect(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 1, 2);
	(void)state;
	hp_policy_init(&p, true, NULL);
	assert_int_equal(hp_policy_start(&p).action, HP_WAIT);
	d = hp_policy_added(&p, &a);
	assert_int_equal(d.action, HP_NONE);
	assert_true(d.list_changed);
	assert_int_equal(p.conn, HP_IDLE);
	assert_int_equal(hp_policy_choose(&p, a.port).action, HP_CONNECT);
	/* Not even an explicit port is connected by itself. */
	hp_policy_init(&p, true, "ptpip:127.0.0.1:15740");
	assert_int_equal(hp_policy_start(&p).action, HP_WAIT);
	assert_int_equal(p.conn, HP_IDLE);
}

static void test_autodetect_failure(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	(void)state;
	/* Without udev: retry the autodetect with backoff. */
	hp_policy_init(&p, false, NULL);
	hp_policy_adopt(&p, NULL);
	d = hp_policy_connect_failed(&p);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_true(d.backoff);
	/* With udev watching: wait for it instead. */
	hp_policy_init(&p, false, NULL);
	p.udev = true;
	hp_policy_adopt(&p, NULL);
	assert_int_equal(hp_policy_start(&p).action, HP_NONE);
	d = hp_policy_connect_failed(&p);
	assert_int_equal(d.action, HP_WAIT);
	assert_int_equal(p.conn, HP_IDLE);
}

static void test_hotplug_add_when_idle_or_connected(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 1, 2), b = cam(2, 6, "SN2", 3, 4);
	(void)state;
	hp_policy_init(&p, false, NULL);
	hp_policy_start(&p);
	d = hp_policy_added(&p, &a);
	assert_int_equal(d.action, HP_CONNECT);
	hp_policy_connected(&p);
	d = hp_policy_added(&p, &b); /* connected: listed only */
	assert_int_equal(d.action, HP_NONE);
	assert_true(d.list_changed);
	assert_int_equal(p.ncams, 2);
	d = hp_policy_added(&p, &b); /* duplicate add */
	assert_false(d.list_changed);
	assert_int_equal(p.ncams, 2);
}

static void test_remove_and_same_body_returns(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 0x04a9, 0x3218);
	struct hotplug_camera other = cam(3, 8, "SN9", 0x04a9, 0x3218);
	struct hotplug_camera back = cam(1, 7, "SN1", 0x04a9, 0x3218);
	(void)state;
	hp_policy_init(&p, false, NULL);
	hp_policy_added(&p, &a);
	hp_policy_start(&p);
	hp_policy_connected(&p);
	d = hp_policy_removed(&p, "/sys/devices/usb1/1-9"); /* unknown */
	assert_int_equal(d.action, HP_NONE);
	assert_false(d.list_changed);
	d = hp_policy_removed(&p, a.syspath);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_false(d.backoff);
	assert_int_equal(p.conn, HP_LOST);
	/* A worker error after the udev remove changes nothing. */
	assert_int_equal(hp_policy_lost(&p).action, HP_NONE);
	/* Another body of the same model is not ours. */
	d = hp_policy_added(&p, &other);
	assert_int_equal(d.action, HP_NONE);
	assert_int_equal(p.conn, HP_LOST);
	d = hp_policy_added(&p, &back);
	assert_int_equal(d.action, HP_RECONNECT);
	assert_string_equal(d.cam.port, "usb:001,007");
	hp_policy_connected(&p);
	assert_int_equal(p.conn, HP_CONNECTED);
}

static void test_reconnect_by_ids_with_no_auto_connect(void **state)
{
	struct hp_policy p;
	struct hotplug_camera a = cam(1, 5, "", 0x04b0, 0x0428);
	struct hotplug_camera back = cam(2, 9, "", 0x04b0, 0x0428);
	(void)state;
	hp_policy_init(&p, true, NULL);
	hp_policy_added(&p, &a);
	hp_policy_start(&p);
	hp_policy_choose(&p, a.port);
	hp_policy_connected(&p);
	hp_policy_removed(&p, a.syspath);
	assert_int_equal(hp_policy_added(&p, &back).action, HP_RECONNECT);
}

static void test_worker_lost(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 1, 2);
	(void)state;
	/* USB still present: retry on a timer; then udev removes it: stop. */
	hp_policy_init(&p, false, NULL);
	hp_policy_added(&p, &a);
	hp_policy_start(&p);
	hp_policy_connected(&p);
	d = hp_policy_lost(&p);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_true(d.backoff);
	d = hp_policy_removed(&p, a.syspath);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_false(d.backoff);
	/* PTP/IP: always backoff, failed attempts keep it waiting. */
	hp_policy_init(&p, false, "ptpip:127.0.0.1:4000");
	hp_policy_start(&p);
	hp_policy_connected(&p);
	d = hp_policy_lost(&p);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_true(d.backoff);
	assert_string_equal(d.cam.port, "ptpip:127.0.0.1:4000");
	assert_int_equal(hp_policy_lost(&p).action, HP_NONE); /* idempotent */
	p.conn = HP_CONNECTING; /* a backoff attempt is out */
	d = hp_policy_connect_failed(&p);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_true(d.backoff);
	assert_int_equal(p.conn, HP_LOST);
}

static void test_first_connect_fails(void **state)
{
	struct hp_policy p;
	struct hp_decision d;
	struct hotplug_camera a = cam(1, 5, "SN1", 1, 2), b = cam(2, 6, "SN2", 1, 2);
	(void)state;
	hp_policy_init(&p, false, NULL);
	hp_policy_added(&p, &a);
	hp_policy_start(&p);
	d = hp_policy_connect_failed(&p); /* e.g. claimed by gvfs */
	assert_int_equal(d.action, HP_NONE);
	assert_int_equal(p.conn, HP_IDLE);
	/* Pulled out while connecting: not awaited, the next camera is taken. */
	hp_policy_choose(&p, a.port);
	d = hp_policy_removed(&p, a.syspath);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_int_equal(p.conn, HP_IDLE);
	assert_int_equal(hp_policy_added(&p, &b).action, HP_CONNECT);
	/* The user disconnects: the body is forgotten. */
	hp_policy_connected(&p);
	hp_policy_user_disconnect(&p);
	hp_policy_removed(&p, b.syspath);
	b.port[10] = '9';
	assert_int_equal(hp_policy_added(&p, &b).action, HP_CONNECT);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(hp_action_name(HP_DISCONNECTED), "disconnected");
	assert_string_equal(hp_action_name(HP_PICK), "pick");
	assert_string_equal(hp_conn_name(HP_LOST), "lost");
	assert_string_equal(hp_action_name((enum hp_action)99), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_without_camera_waits),
		cmocka_unit_test(test_start_with_one_connects),
		cmocka_unit_test(test_start_with_two_picks),
		cmocka_unit_test(test_explicit_port),
		cmocka_unit_test(test_no_auto_connect),
		cmocka_unit_test(test_autodetect_failure),
		cmocka_unit_test(test_hotplug_add_when_idle_or_connected),
		cmocka_unit_test(test_remove_and_same_body_returns),
		cmocka_unit_test(test_reconnect_by_ids_with_no_auto_connect),
		cmocka_unit_test(test_worker_lost),
		cmocka_unit_test(test_first_connect_fails),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
