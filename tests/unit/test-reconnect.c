/* Unit tests for the reconnect policy: body matching and backoff.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cam-reconnect-probe.h"
#include "cam-reconnect.h"

static void test_body_by_serial(void **state)
{
	struct cam_body a = { "SN1", 0x04a9, 0x3218 }, same = { "SN1", 0x04a9, 0x3218 };
	struct cam_body other = { "SN2", 0x04a9, 0x3218 }, noids = { "SN1", 0, 0 };
	struct cam_body twin = { "SN1", 0x04b0, 0x0428 };
	(void)state;
	assert_true(cam_body_matches(&a, &same));
	assert_false(cam_body_matches(&a, &other)); /* same model, other body */
	assert_true(cam_body_matches(&a, &noids));
	assert_false(cam_body_matches(&a, &twin));  /* same serial, other maker */
}

static void test_body_by_ids(void **state)
{
	struct cam_body a = { "", 0x04a9, 0x3218 }, b = { "", 0x04a9, 0x3218 };
	struct cam_body c = { "", 0x04a9, 0x3219 }, serial = { "SN", 0x04a9, 0x3218 };
	struct cam_body unknown = { "", 0, 0 };
	(void)state;
	assert_true(cam_body_matches(&a, &b));
	assert_false(cam_body_matches(&a, &c));
	assert_true(cam_body_matches(&a, &serial)); /* one side has no serial */
	assert_false(cam_body_matches(&unknown, &unknown));
}

static void test_delays(void **state)
{
	const long long want[] = { 500, 1000, 2000, 4000, 8000, 8000, 8000 };
	(void)state;
	for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(reconnect_delay_ms(i), want[i]);
	assert_int_equal(reconnect_delay_ms(1000), RECONNECT_CAP_MS);
}

static void test_backoff_sequence(void **state)
{
	struct reconnect r;
	long long now = 10000, starts[5];
	(void)state;
	reconnect_reset(&r);
	assert_int_equal(reconnect_timeout_ms(&r, now), -1);
	assert_false(reconnect_due(&r, now));
	reconnect_start(&r, now);
	for (int i = 0; i < 5; i++) {
		int t = reconnect_timeout_ms(&r, now);
		assert_true(t > 0);
		assert_false(reconnect_due(&r, now + t - 1));
		now += t;
		assert_true(reconnect_due(&r, now));
		starts[i] = now;
		reconnect_begin(&r);
		assert_false(reconnect_due(&r, now + 100000)); /* one in flight */
		assert_int_equal(reconnect_timeout_ms(&r, now), -1);
		now += 30; /* the attempt takes a while, then fails */
		reconnect_failed(&r, now);
	}
	assert_int_equal(starts[0], 10500);
	assert_int_equal(starts[1] - starts[0], 30 + 1000);
	assert_int_equal(starts[2] - starts[1], 30 + 2000);
	assert_int_equal(starts[3] - starts[2], 30 + 4000);
	assert_int_equal(starts[4] - starts[3], 30 + 8000);
	reconnect_start(&r, now); /* already active: no restart */
	assert_int_equal(r.attempts, 5);
	reconnect_reset(&r);
	assert_false(r.active);
	assert_int_equal(reconnect_timeout_ms(&r, now), -1);
}

static void test_claim_hint(void **state)
{
	char buf[512];
	(void)state;
	reconnect_claim_hint(buf, sizeof buf, "press r");
	assert_non_null(strstr(buf, "gio mount -s gphoto2"));
	assert_non_null(strstr(buf, "press r to retry"));
}

static void test_probe_only_ptpip_ipv4(void **state)
{
	struct tcp_probe p;
	(void)state;
	probe_init(&p);
	assert_int_equal(probe_start(&p, "usb:001,004", 0), 0);
	assert_int_equal(probe_start(&p, "ptpip:camera.local", 0), 0);
	assert_int_equal(probe_start(&p, "ptpip:127.0.0.1:99999", 0), 0);
	assert_int_equal(probe_start(&p, "ptpip:127.0.0.1:x", 0), 0);
	assert_int_equal(probe_start(&p, "ptpip:", 0), 0);
	assert_false(probe_active(&p));
	assert_int_equal(probe_start(&p, "ptpip:127.0.0.1:1:2", 0), 1);
	assert_true(probe_active(&p));
	probe_cancel(&p);
	assert_false(probe_active(&p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_by_serial),
		cmocka_unit_test(test_body_by_ids),
		cmocka_unit_test(test_delays),
		cmocka_unit_test(test_backoff_sequence),
		cmocka_unit_test(test_claim_hint),
		cmocka_unit_test(test_probe_only_ptpip_ipv4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
