/* The udev monitor: notices USB cameras being plugged in and pulled out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens on udev's netlink source ("udev", i.e. after udevd has applied its
 * rules, so ID_GPHOTO2 is set) for `usb`/`usb_device` uevents.  Its fd goes
 * into the main loop's poll set (POLLIN); when readable, call
 * hotplug_dispatch().  Devices that are not cameras (see hotplug-props.h) are
 * ignored.  A removal is matched by the syspath remembered at its add, since
 * a remove uevent may carry no properties.
 *
 * Main thread only; never blocks.  Failure to open (no udev, no /sys, e.g.
 * in a container) is not fatal for capa: it just gets no hotplug. */
#ifndef CAPA_HOTPLUG_H
#define CAPA_HOTPLUG_H

#include <stddef.h>

#include "hotplug-props.h"

enum hotplug_kind {
	HOTPLUG_ADDED,   /* a camera appeared (or was found at start-up) */
	HOTPLUG_REMOVED, /* a camera seen before went away; only syspath is set */
};

struct hotplug_event {
	enum hotplug_kind kind;
	struct hotplug_camera cam;
};

/* Receives one event; `ev` is valid only during the call. */
typedef void (*hotplug_cb)(const struct hotplug_event *ev, void *ud);

struct hotplug;

/* Open the monitor and start receiving.  Returns NULL with a message in
 * `err` when udev is unavailable. */
struct hotplug *hotplug_open(char *err, size_t errlen);

/* The fd to poll for POLLIN. */
int hotplug_fd(const struct hotplug *hp);

/* Report every camera already plugged in as HOTPLUG_ADDED, in syspath
 * order.  Call once after hotplug_open(), before the first dispatch.
 * Returns the number of cameras found, or -1 on a udev error. */
int hotplug_enumerate(struct hotplug *hp, hotplug_cb cb, void *ud);

/* Read every pending uevent and report the camera ones.  Returns the
 * number of events reported. */
int hotplug_dispatch(struct hotplug *hp, hotplug_cb cb, void *ud);

/* Close the monitor; NULL is accepted. */
void hotplug_close(struct hotplug *hp);

#endif
