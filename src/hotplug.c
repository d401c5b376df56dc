/* The udev monitor: notices USB cameras being plugged in and pulled out.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hotplug.h"

#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More cameras than this at once is not a tethering set-up; extra ones are
 * ignored (and so cannot be misreported as removed). */
#define HOTPLUG_MAX_KNOWN 32

struct hotplug {
	struct udev *udev;
	struct udev_monitor *mon;
	char known[HOTPLUG_MAX_KNOWN][HOTPLUG_SYSPATH_MAX]; /* syspaths seen at add */
	size_t nknown;
};

/* hotplug_getprop over a udev device. */
static const char *udev_prop(void *ctx, const char *key)
{
	return udev_device_get_property_value(ctx, key);
}

/* Index of syspath among the known cameras, or -1. */
static int known_find(const struct hotplug *hp, const char *syspath)
{
	for (size_t i = 0; i < hp->nknown; i++)
		if (strcmp(hp->known[i], syspath) == 0)
			return (int)i;
	return -1;
}

/* Remember a camera's syspath; false when the table is full. */
static bool known_add(struct hotplug *hp, const char *syspath)
{
	if (hp->nknown >= HOTPLUG_MAX_KNOWN || strlen(syspath) >= HOTPLUG_SYSPATH_MAX)
		return false;
	memcpy(hp->known[hp->nknown++], syspath, strlen(syspath) + 1);
	return true;
}

/* Forget the camera at index i. */
static void known_del(struct hotplug *hp, int i)
{
	hp->nknown--;
	if ((size_t)i != hp->nknown)
		memcpy(hp->known[i], hp->known[hp->nknown], sizeof hp->known[i]);
}

struct hotplug *hotplug_open(char *err, size_t errlen)
{
	struct hotplug *hp = calloc(1, sizeof *hp);

	if (!hp) {
		snprintf(err, errlen, "hotplug: out of memory");
		return NULL;
	}
	hp->udev = udev_new();
	if (hp->udev)
		hp->mon = udev_monitor_new_from_netlink(hp->udev, "udev");
	if (!hp->mon) {
		snprintf(err, errlen, "hotplug: cannot listen to udev (%s): cameras plugged "
			 "in later will not be noticed; use the `connect` command",
			 strerror(errno ? errno : ENODEV));
		hotplug_close(hp);
		return NULL;
	}
	if (udev_monitor_filter_add_match_subsystem_devtype(hp->mon, "usb", "usb_device") < 0 ||
	    udev_monitor_enable_receiving(hp->mon) < 0) {
		snprintf(err, errlen, "hotplug: cannot start the udev monitor");
		hotplug_close(hp);
		return NULL;
	}
	return hp;
}

int hotplug_fd(const struct hotplug *hp)
{
	return udev_monitor_get_fd(hp->mon);
}

/* Report dev as added when it is a camera not seen yet. */
static int report_add(struct hotplug *hp, struct udev_device *dev, hotplug_cb cb, void *ud)
{
	struct hotplug_event ev = { .kind = HOTPLUG_ADDED };
	const char *syspath = udev_device_get_syspath(dev);
	const char *devtype = udev_device_get_devtype(dev);

	if (!syspath || !devtype || strcmp(devtype, "usb_device") != 0)
		return 0;
	if (known_find(hp, syspath) >= 0)
		return 0;
	if (hotplug_camera_from_props(&ev.cam, syspath, udev_prop, dev) != 1)
		return 0;
	if (!known_add(hp, syspath))
		return 0;
	cb(&ev, ud);
	return 1;
}

int hotplug_enumerate(struct hotplug *hp, hotplug_cb cb, void *ud)
{
	struct udev_enumerate *en = udev_enumerate_new(hp->udev);
	struct udev_list_entry *e;
	int found = 0;

	if (!en)
		return -1;
	if (udev_enumerate_add_match_subsystem(en, "usb") < 0 ||
	    udev_enumerate_scan_devices(en) < 0) {
		udev_enumerate_unref(en);
		return -1;
	}
	udev_list_entry_foreach(e, udev_enumerate_get_list_entry(en)) {
		struct udev_device *dev =
			udev_device_new_from_syspath(hp->udev, udev_list_entry_get_name(e));
		if (!dev)
			continue;
		found += report_add(hp, dev, cb, ud);
		udev_device_unref(dev);
	}
	udev_enumerate_unref(en);
	return found;
}

/* Report the removal of a known camera. */
static int report_remove(struct hotplug *hp, const char *syspath, hotplug_cb cb, void *ud)
{
	struct hotplug_event ev = { .kind = HOTPLUG_REMOVED };
	int i = syspath ? known_find(hp, syspath) : -1;

	if (i < 0)
		return 0;
	memcpy(ev.cam.syspath, hp->known[i], sizeof ev.cam.syspath);
	known_del(hp, i);
	cb(&ev, ud);
	return 1;
}

int hotplug_dispatch(struct hotplug *hp, hotplug_cb cb, void *ud)
{
	struct udev_device *dev;
	int n = 0;

	/* The monitor socket is non-blocking: NULL means nothing is left. */
	while ((dev = udev_monitor_receive_device(hp->mon)) != NULL) {
		const char *action = udev_device_get_action(dev);

		if (action && strcmp(action, "remove") == 0)
			n += report_remove(hp, udev_device_get_syspath(dev), cb, ud);
		else if (action && (strcmp(action, "add") == 0 || strcmp(action, "change") == 0 ||
				    strcmp(action, "bind") == 0))
			/* change/bind: udev rules may tag a device after its add. */
			n += report_add(hp, dev, cb, ud);
		udev_device_unref(dev);
	}
	return n;
}

void hotplug_close(struct hotplug *hp)
{
	if (!hp)
		return;
	if (hp->mon)
		udev_monitor_unref(hp->mon);
	if (hp->udev)
		udev_unref(hp->udev);
	free(hp);
}
