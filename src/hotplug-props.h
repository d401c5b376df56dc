/* Which udev devices are cameras, and what capa needs to know about them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no I/O, no globals): they read udev properties through a
 * getter, so they are testable without udev.  Property values come from the
 * device's USB descriptors and are untrusted: every text field of
 * `struct hotplug_camera` is cleaned (no control bytes, no ESC, valid UTF-8,
 * bounded) and the port is built only from validated decimal numbers. */
#ifndef CAPA_HOTPLUG_PROPS_H
#define CAPA_HOTPLUG_PROPS_H

#include <stdbool.h>
#include <stddef.h>

#define HOTPLUG_SYSPATH_MAX 256
#define HOTPLUG_PORT_MAX    128  /* "usb:BBB,DDD", or a ptpip: path */
#define HOTPLUG_TEXT_MAX    64

/* One USB camera as udev describes it. */
struct hotplug_camera {
	char syspath[HOTPLUG_SYSPATH_MAX]; /* stable id while plugged in */
	char port[HOTPLUG_PORT_MAX];       /* libgphoto2 port, "usb:001,005" */
	char vendor[HOTPLUG_TEXT_MAX];     /* "Canon Inc." (display text) */
	char product[HOTPLUG_TEXT_MAX];    /* "EOS 5D Mark III" (display text) */
	char model[2 * HOTPLUG_TEXT_MAX];  /* what the picker shows */
	char serial[HOTPLUG_TEXT_MAX];     /* ID_SERIAL_SHORT, "" when none */
	unsigned vid, pid;                 /* USB ids, 0 when unknown */
};

/* Returns the value of udev property `key` of one device, or NULL. */
typedef const char *(*hotplug_getprop)(void *ctx, const char *key);

/* True when the properties describe a camera: ID_GPHOTO2=1, or the
 * still-image interface class 06/01/01 in ID_USB_INTERFACES. */
bool hotplug_is_camera(hotplug_getprop get, void *ctx);

/* Build "usb:BBB,DDD" from BUSNUM and DEVNUM (decimal, 1..999).
 * Returns 0, or -1 when either is missing or not a plain number. */
int hotplug_port_from(char *buf, size_t len, const char *busnum, const char *devnum);

/* Fill `cam` from a device's syspath and properties.  Returns 1 for a
 * camera, 0 for any other device, -1 for a camera whose port cannot be
 * built (missing or malformed BUSNUM/DEVNUM). */
int hotplug_camera_from_props(struct hotplug_camera *cam, const char *syspath,
			      hotplug_getprop get, void *ctx);

/* Copy untrusted text for display: decode udev's "\xNN" escapes when
 * `unescape`, turn '_' into ' ' when `underscores`, replace control bytes,
 * DEL and invalid UTF-8 by '?', trim spaces, truncate on a character
 * boundary.  `dst` is always NUL-terminated (len > 0). */
void hotplug_text_clean(char *dst, size_t len, const char *src,
			bool unescape, bool underscores);

#endif
