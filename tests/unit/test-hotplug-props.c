/* Unit tests for camera classification and udev property parsing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "hotplug-props.h"

/* A device's properties as a NULL-terminated key, value, key, value… list. */
static const char *table_get(void *ctx, const char *key)
{
	const char *const *kv = ctx;

	for (; kv[0]; kv += 2)
		if (strcmp(kv[0], key) == 0)
			return kv[1];
	return NULL;
}

static void test_id_gphoto2_is_camera(void **state)
{
	const char *kv[] = { "ID_GPHOTO2", "1", NULL };
	const char *no[] = { "ID_GPHOTO2", "0", NULL };
	(void)state;
	assert_true(hotplug_is_camera(table_get, kv));
	assert_false(hotplug_is_camera(table_get, no));
}

static void test_ptp_interface_is_camera(void **state)
{
	const char *ptp[] = { "ID_USB_INTERFACES", ":ff0000:060101:", NULL };
	const char *storage[] = { "ID_USB_INTERFACES", ":080650:", NULL };
	const char *near[] = { "ID_USB_INTERFACES", ":0601010:", NULL };
	const char *none[] = { "DEVTYPE", "usb_device", NULL };
	(void)state;
	assert_true(hotplug_is_camera(table_get, ptp));
	assert_false(hotplug_is_camera(table_get, storage));
	assert_false(hotplug_is_camera(table_get, near));
	assert_false(hotplug_is_camera(table_get, none));
}

static void test_port_string(void **state)
{
	char buf[32];
	(void)state;
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "001", "005"), 0);
	assert_string_equal(buf, "usb:001,005");
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "3", "127"), 0);
	assert_string_equal(buf, "usb:003,127");
	assert_int_equal(hotplug_port_from(buf, sizeof buf, NULL, "005"), -1);
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "001", ""), -1);
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "001", "5,6"), -1);
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "1000", "5"), -1);
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "000", "5"), -1);
	assert_int_equal(hotplug_port_from(buf, sizeof buf, "-1", "5"), -1);
	assert_int_equal(hotplug_port_from(buf, 8, "001", "005"), -1);
}

static void test_camera_from_props(void **state)
{
	const char *kv[] = {
		"ID_GPHOTO2", "1", "BUSNUM", "002", "DEVNUM", "017",
		"ID_VENDOR_ID", "04a9", "ID_MODEL_ID", "3218", "ID_SERIAL_SHORT", "0123abc",
		"ID_VENDOR_FROM_DATABASE", "Canon, Inc.", "ID_MODEL_ENC", "Canon\\x20EOS\\x205D",
		"ID_MODEL", "Canon_EOS_5D", NULL };
	struct hotplug_camera c;
	(void)state;
	assert_int_equal(hotplug_camera_from_props(&c, "/sys/devices/x/2-1", table_get, kv), 1);
	assert_string_equal(c.syspath, "/sys/devices/x/2-1");
	assert_string_equal(c.port, "usb:002,017");
	assert_int_equal(c.vid, 0x04a9);
	assert_int_equal(c.pid, 0x3218);
	assert_string_equal(c.serial, "0123abc");
	assert_string_equal(c.vendor, "Canon, Inc.");
	assert_string_equal(c.product, "Canon EOS 5D");
	assert_string_equal(c.model, "Canon EOS 5D"); /* vendor word not repeated */
}

static void test_camera_fallbacks(void **state)
{
	const char *kv[] = { "ID_USB_INTERFACES", ":060101:", "BUSNUM", "001", "DEVNUM", "004",
			     "PRODUCT", "4b0/428/100", "ID_VENDOR", "Nikon_Corp.",
			     "ID_MODEL", "NIKON_DSC_D750", NULL };
	const char *bare[] = { "ID_GPHOTO2", "1", "BUSNUM", "001", "DEVNUM", "004", NULL };
	struct hotplug_camera c;
	(void)state;
	assert_int_equal(hotplug_camera_from_props(&c, "/sys/d", table_get, kv), 1);
	assert_int_equal(c.vid, 0x04b0);
	assert_int_equal(c.pid, 0x0428);
	assert_string_equal(c.model, "Nikon Corp. NIKON DSC D750");
	assert_string_equal(c.serial, "");
	assert_int_equal(hotplug_camera_from_props(&c, "/sys/d", table_get, bare), 1);
	assert_string_equal(c.model, "USB camera 0000:0000");
}

static void test_not_camera_or_bad_port(void **state)
{
	const char *disk[] = { "ID_USB_INTERFACES", ":080650:", "BUSNUM", "001", "DEVNUM", "004", NULL };
	const char *noport[] = { "ID_GPHOTO2", "1", "BUSNUM", "001", NULL };
	struct hotplug_camera c;
	(void)state;
	assert_int_equal(hotplug_camera_from_props(&c, "/sys/d", table_get, disk), 0);
	assert_int_equal(hotplug_camera_from_props(&c, "/sys/d", table_get, noport), -1);
}

static void test_hostile_text_is_cleaned(void **state)
{
	char out[HOTPLUG_TEXT_MAX];
	char longs[300];
	(void)state;
	/* ESC via udev's escape, a raw control byte, invalid UTF-8, C1 CSI. */
	hotplug_text_clean(out, sizeof out, "Evil\\x1b[2JCam\x07 \xff\xc2\x9bX", true, false);
	assert_null(strchr(out, 0x1b));
	assert_null(strchr(out, 0x07));
	assert_string_equal(out, "Evil?[2JCam? ???X");
	/* Valid UTF-8 stays; truncation never splits a character. */
	hotplug_text_clean(out, 6, "ab\xc3\xa9\xc3\xa9", false, false);
	assert_string_equal(out, "ab\xc3\xa9");
	memset(longs, 'A', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';
	hotplug_text_clean(out, sizeof out, longs, false, false);
	assert_int_equal(strlen(out), sizeof out - 1);
	hotplug_text_clean(out, sizeof out, "__Sony_Corp__", false, true);
	assert_string_equal(out, "Sony Corp");
	hotplug_text_clean(out, sizeof out, "nul\\x00here", true, false);
	assert_string_equal(out, "nul?here");
	hotplug_text_clean(out, sizeof out, NULL, false, false);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_gphoto2_is_camera),
		cmocka_unit_test(test_ptp_interface_is_camera),
		cmocka_unit_test(test_port_string),
		cmocka_unit_test(test_camera_from_props),
		cmocka_unit_test(test_camera_fallbacks),
		cmocka_unit_test(test_not_camera_or_bad_port),
		cmocka_unit_test(test_hostile_text_is_cleaned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
