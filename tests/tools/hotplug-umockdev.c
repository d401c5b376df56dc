/* Hotplug against a umockdev test bed: synthetic sysfs devices and uevents
 * go through the real libudev into hotplug.c, then hotplug-policy.c and
 * picker.c decide.  Must run under `umockdev-wrapper` (LD_PRELOAD of
 * libumockdev-preload), which tests/integration/hotplug-udev.sh does.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <umockdev.h>

#include "hotplug-link.h"
#include "hotplug-policy.h"
#include "hotplug.h"
#include "picker.h"

#define DEADLINE_MS 3000

/* What one test saw: the test bed, the monitor and the events it reported. */
struct bed {
	UMockdevTestbed *tb;
	struct hotplug *hp;
	struct hotplug_event ev[16];
	size_t nev;
};

/* hotplug_cb collecting into a struct bed. */
static void collect(const struct hotplug_event *ev, void *ud)
{
	struct bed *b = ud;

	if (b->nev < sizeof b->ev / sizeof b->ev[0])
		b->ev[b->nev++] = *ev;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Poll the monitor fd until `want` events were collected or the deadline. */
static void wait_events(struct bed *b, size_t want)
{
	long long end = now_ms() + DEADLINE_MS;
	struct pollfd pf = { .fd = hotplug_fd(b->hp), .events = POLLIN };

	while (b->nev < want && now_ms() < end) {
		if (poll(&pf, 1, (int)(end - now_ms())) > 0)
			hotplug_dispatch(b->hp, collect, b);
	}
	hotplug_dispatch(b->hp, collect, b); /* anything extra is a failure */
}

/* Add a USB device to the test bed; `extra` are more property pairs. */
static char *add_usb(struct bed *b, const char *name, const char *bus, const char *dev,
		     const char *k1, const char *v1, const char *k2, const char *v2)
{
	return umockdev_testbed_add_device(b->tb, "usb", name, NULL,
		"idVendor", "04a9", "idProduct", "3218", NULL,
		"DEVTYPE", "usb_device", "BUSNUM", bus, "DEVNUM", dev,
		k1, v1, k2, v2, NULL);
}

/* A camera tagged by libgphoto2's udev rules. */
static char *add_gphoto_cam(struct bed *b, const char *name, const char *dev)
{
	return umockdev_testbed_add_device(b->tb, "usb", name, NULL,
		"idVendor", "04a9", "idProduct", "3218", NULL,
		"DEVTYPE", "usb_device", "BUSNUM", "001", "DEVNUM", dev,
		"ID_GPHOTO2", "1", "ID_VENDOR_ID", "04a9", "ID_MODEL_ID", "3218",
		"ID_SERIAL_SHORT", "083012345", "ID_VENDOR", "Canon_Inc.",
		"ID_MODEL", "Canon_EOS_5D_Mark_III", NULL);
}

static int bed_setup(void **state)
{
	struct bed *b = calloc(1, sizeof *b);

	if (!b)
		return -1;
	b->tb = umockdev_testbed_new();
	*state = b;
	return b->tb ? 0 : -1;
}

static int bed_teardown(void **state)
{
	struct bed *b = *state;

	hotplug_close(b->hp);
	g_object_unref(b->tb);
	free(b);
	return 0;
}

/* Open the monitor and enumerate: the start-up path of capa. */
static void bed_start(struct bed *b)
{
	char err[256];

	b->hp = hotplug_open(err, sizeof err);
	if (!b->hp)
		fail_msg("%s", err);
	assert_true(hotplug_enumerate(b->hp, collect, b) >= 0);
}

static void test_startup_finds_camera_not_disk(void **state)
{
	struct bed *b = *state;
	struct hp_policy p;
	struct hp_decision d;
	struct picker pk;
	char row[256];
	char *cam = add_gphoto_cam(b, "1-1", "005");
	char *disk = add_usb(b, "1-2", "001", "006", "ID_USB_INTERFACES", ":080650:",
			     "ID_MODEL", "Flash_Disk");

	bed_start(b);
	assert_int_equal(b->nev, 1);
	assert_int_equal(b->ev[0].kind, HOTPLUG_ADDED);
	assert_string_equal(b->ev[0].cam.syspath, cam);
	assert_string_equal(b->ev[0].cam.port, "usb:001,005");
	assert_string_equal(b->ev[0].cam.model, "Canon EOS 5D Mark III");
	assert_string_equal(b->ev[0].cam.serial, "083012345");
	hp_policy_init(&p, false, NULL);
	hp_policy_added(&p, &b->ev[0].cam);
	d = hp_policy_start(&p);
	assert_int_equal(d.action, HP_CONNECT);
	assert_string_equal(d.cam.port, "usb:001,005");
	picker_init(&pk);
	picker_sync(&pk, p.cams, p.ncams, p.current.port);
	assert_int_equal(pk.n, 1);
	assert_string_equal(picker_row(&pk.e[0], row, sizeof row),
			    "Canon EOS 5D Mark III  usb:001,005  (connected)");
	g_free(cam);
	g_free(disk);
}

static void test_uevents_connect_disconnect_reconnect(void **state)
{
	struct bed *b = *state;
	struct hp_policy p;
	struct hp_decision d;
	struct picker pk;
	char *disk, *cam, *ptp;

	bed_start(b);
	hp_policy_init(&p, false, NULL);
	assert_int_equal(hp_policy_start(&p).action, HP_WAIT);

	/* A non-camera and then a camera are plugged in: one event only. */
	disk = add_usb(b, "2-1", "002", "002", "ID_USB_INTERFACES", ":080650:", NULL, NULL);
	umockdev_testbed_uevent(b->tb, disk, "add");
	cam = add_gphoto_cam(b, "2-2", "003");
	umockdev_testbed_uevent(b->tb, cam, "add");
	wait_events(b, 1);
	assert_int_equal(b->nev, 1);
	assert_string_equal(b->ev[0].cam.port, "usb:001,003");
	d = hp_policy_added(&p, &b->ev[0].cam);
	assert_int_equal(d.action, HP_CONNECT);
	assert_string_equal(d.cam.port, "usb:001,003");
	hp_policy_connected(&p);

	/* A PTP-class camera without udev's ID_GPHOTO2: listed, not taken. */
	ptp = add_usb(b, "2-3", "002", "009", "ID_USB_INTERFACES", ":060101:",
		      "ID_MODEL", "PTP_Camera");
	umockdev_testbed_uevent(b->tb, ptp, "add");
	wait_events(b, 2);
	assert_int_equal(b->nev, 2);
	assert_string_equal(b->ev[1].cam.port, "usb:002,009");
	d = hp_policy_added(&p, &b->ev[1].cam);
	assert_int_equal(d.action, HP_NONE);
	assert_true(d.list_changed);
	picker_init(&pk);
	picker_sync(&pk, p.cams, p.ncams, p.current.port);
	assert_int_equal(pk.n, 2);
	assert_string_equal(pk.e[0].port, "usb:001,003");
	assert_true(pk.e[0].current);
	assert_string_equal(pk.e[1].model, "PTP Camera");
	assert_false(pk.e[1].current);

	/* The non-camera goes: nothing; the connected camera goes: disconnected. */
	umockdev_testbed_uevent(b->tb, disk, "remove");
	umockdev_testbed_uevent(b->tb, cam, "remove");
	umockdev_testbed_remove_device(b->tb, cam);
	wait_events(b, 3);
	assert_int_equal(b->nev, 3);
	assert_int_equal(b->ev[2].kind, HOTPLUG_REMOVED);
	assert_string_equal(b->ev[2].cam.syspath, cam);
	d = hp_policy_removed(&p, b->ev[2].cam.syspath);
	assert_int_equal(d.action, HP_DISCONNECTED);
	assert_int_equal(p.conn, HP_LOST);
	picker_sync(&pk, p.cams, p.ncams, NULL);
	assert_int_equal(pk.n, 1);

	/* The same body comes back with a new device number. */
	g_free(cam);
	cam = add_gphoto_cam(b, "2-2", "004");
	umockdev_testbed_uevent(b->tb, cam, "add");
	wait_events(b, 4);
	assert_int_equal(b->nev, 4);
	d = hp_policy_added(&p, &b->ev[3].cam);
	assert_int_equal(d.action, HP_RECONNECT);
	assert_string_equal(d.cam.port, "usb:001,004");
	g_free(disk);
	g_free(cam);
	g_free(ptp);
}

static void test_several_cameras_open_picker(void **state)
{
	struct bed *b = *state;
	struct hp_policy p;
	struct picker pk;
	char *c1 = add_gphoto_cam(b, "3-1", "010");
	char *c2 = add_usb(b, "3-2", "003", "002", "ID_GPHOTO2", "1", "ID_MODEL", "Nikon_DSC_D750");

	bed_start(b);
	assert_int_equal(b->nev, 2);
	hp_policy_init(&p, false, NULL);
	for (size_t i = 0; i < b->nev; i++)
		hp_policy_added(&p, &b->ev[i].cam);
	assert_int_equal(hp_policy_start(&p).action, HP_PICK);
	picker_init(&pk);
	picker_sync(&pk, p.cams, p.ncams, NULL);
	assert_int_equal(pk.n, 2);
	assert_string_equal(pk.e[0].port, "usb:001,010");
	assert_string_equal(pk.e[1].port, "usb:003,002");
	assert_string_equal(pk.e[1].model, "Nikon DSC D750");
	picker_move(&pk, 1);
	assert_int_equal(hp_policy_choose(&p, picker_selected(&pk)->port).action, HP_CONNECT);
	assert_string_equal(p.current.syspath, c2);
	g_free(c1);
	g_free(c2);
}

static void test_no_auto_connect_only_lists(void **state)
{
	struct bed *b = *state;
	struct hp_policy p;
	struct hp_decision d;
	char *cam;

	bed_start(b);
	hp_policy_init(&p, true, NULL);
	hp_policy_start(&p);
	cam = add_gphoto_cam(b, "4-1", "007");
	umockdev_testbed_uevent(b->tb, cam, "add");
	wait_events(b, 1);
	assert_int_equal(b->nev, 1);
	d = hp_policy_added(&p, &b->ev[0].cam);
	assert_int_equal(d.action, HP_NONE);
	assert_true(d.list_changed);
	assert_int_equal(p.conn, HP_IDLE);
	g_free(cam);
}

/* Commands the link sent, "connect PORT|MODEL" or "retry". */
struct sent {
	char cmd[8][160];
	size_t n;
};

static int record_cmd(void *ud, const struct capa_command *c)
{
	struct sent *s = ud;

	if (s->n < 8)
		snprintf(s->cmd[s->n++], sizeof s->cmd[0], "%s%s%s%s%s", command_name(c->type),
			 c->port ? " " : "", c->port ? c->port : "", c->model ? "|" : "",
			 c->model ? c->model : "");
	return 0;
}

static void drop_event(void *ud, struct capa_event *ev)
{
	(void)ud;
	event_free(ev);
}

/* Feed the link a worker event of `type` (port and model may be NULL). */
static void worker_says(struct hotplug_link *l, enum capa_event_type type,
			const char *port, const char *model)
{
	struct capa_event *ev = event_new(type);

	assert_non_null(ev);
	event_set(&ev->port, port);
	event_set(&ev->model, model);
	hotplug_link_event(l, ev);
	event_free(ev);
}

/* Let the link read udev until it sent `want` commands or reached state
 * `until` (pass HP_IDLE to ignore the state), or the deadline. */
static void link_wait(struct hotplug_link *l, const struct sent *s, size_t want,
		      enum hp_conn until)
{
	long long end = now_ms() + DEADLINE_MS;
	struct pollfd pf = { .fd = hotplug_link_fd(l), .events = POLLIN };

	while (s->n < want && (until == HP_IDLE || hotplug_link_state(l) != until) &&
	       now_ms() < end)
		if (poll(&pf, 1, (int)(end - now_ms())) > 0)
			hotplug_link_udev_readable(l);
}

static void test_link_plug_unplug_replug(void **state)
{
	struct bed *b = *state;
	struct capa_options o;
	struct sent s = { .n = 0 };
	struct hotplug_link_ops ops = { record_cmd, drop_event, &s, NULL, NULL };
	struct hotplug_link *l;
	char err[256], *cam;

	options_defaults(&o);
	l = hotplug_link_new(&o, false, &ops);
	assert_non_null(l);
	assert_true(hotplug_link_open_udev(l, err, sizeof err) >= 0);
	assert_true(hotplug_link_fd(l) >= 0);
	assert_int_equal(s.n, 0);

	cam = add_gphoto_cam(b, "5-1", "011");
	umockdev_testbed_uevent(b->tb, cam, "add");
	link_wait(l, &s, 1, HP_IDLE);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.cmd[0], "connect usb:001,011");
	worker_says(l, EV_CONNECTED, "usb:001,011", "Canon EOS 5D Mark III");
	assert_int_equal(hotplug_link_state(l), HP_CONNECTED);
	assert_true(hotplug_link_picker(l)->e[0].current);

	umockdev_testbed_uevent(b->tb, cam, "remove");
	umockdev_testbed_remove_device(b->tb, cam);
	g_free(cam);
	link_wait(l, &s, 99, HP_LOST);
	assert_int_equal(hotplug_link_state(l), HP_LOST);
	assert_int_equal(hotplug_link_timeout(l), -1); /* USB: wait for udev */
	assert_int_equal(s.n, 2);
	assert_string_equal(s.cmd[1], "disconnect"); /* the worker drops it now */
	worker_says(l, EV_DISCONNECTED, NULL, NULL);

	cam = add_gphoto_cam(b, "5-1", "012");
	umockdev_testbed_uevent(b->tb, cam, "add");
	link_wait(l, &s, 3, HP_IDLE);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.cmd[2], "connect usb:001,012|Canon EOS 5D Mark III");
	worker_says(l, EV_CONNECTED, "usb:001,012", "Canon EOS 5D Mark III");
	assert_int_equal(s.n, 4);
	assert_string_equal(s.cmd[3], "retry");
	hotplug_link_free(l);
	g_free(cam);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_startup_finds_camera_not_disk,
						bed_setup, bed_teardown),
		cmocka_unit_test_setup_teardown(test_uevents_connect_disconnect_reconnect,
						bed_setup, bed_teardown),
		cmocka_unit_test_setup_teardown(test_several_cameras_open_picker,
						bed_setup, bed_teardown),
		cmocka_unit_test_setup_teardown(test_no_auto_connect_only_lists,
						bed_setup, bed_teardown),
		cmocka_unit_test_setup_teardown(test_link_plug_unplug_replug,
						bed_setup, bed_teardown),
	};
	const char *pre = getenv("LD_PRELOAD");

	if (!pre || !strstr(pre, "libumockdev-preload")) {
		fputs("hotplug-umockdev: run me under umockdev-wrapper\n", stderr);
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
