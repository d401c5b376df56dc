/* The camera picker's model: the cameras on offer and the selection.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Curses-free list state; the UI draws it (one row per entry, from
 * picker_row()) and feeds it keys as picker_move() calls.  Entries are
 * identified by a stable id (the udev syspath), so re-syncing after a
 * hotplug event keeps the cursor on the same camera.  Main thread only. */
#ifndef CAPA_PICKER_H
#define CAPA_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "hotplug-props.h"

#define PICKER_MAX 16

struct picker_entry {
	char id[HOTPLUG_SYSPATH_MAX];     /* stable identity (syspath) */
	char model[2 * HOTPLUG_TEXT_MAX]; /* display text, already cleaned */
	char port[HOTPLUG_PORT_MAX];      /* "usb:001,005" */
	bool current;                     /* the camera capa is connected to */
};

struct picker {
	struct picker_entry e[PICKER_MAX];
	size_t n;
	size_t sel;   /* index of the selected entry; 0 when empty */
	bool open;    /* shown on screen (the UI's flag, kept here for tests) */
};

/* Start empty and closed. */
void picker_init(struct picker *pk);

/* Replace the entries by `cams` (sorted by port, so the order does not
 * depend on plug order), marking the one whose port is `current_port`
 * (may be NULL).  The selected camera stays selected when still present;
 * otherwise the selection moves to the nearest row. */
void picker_sync(struct picker *pk, const struct hotplug_camera *cams, size_t n,
		 const char *current_port);

/* Move the selection by delta rows, clamped to the list. */
void picker_move(struct picker *pk, int delta);

/* The selected entry, or NULL when the list is empty. */
const struct picker_entry *picker_selected(const struct picker *pk);

/* Select the entry with this port.  Returns 0, or -1 when absent. */
int picker_select_port(struct picker *pk, const char *port);

/* Format one row: "MODEL  PORT" plus "  (connected)" for the current one.
 * Returns buf. */
char *picker_row(const struct picker_entry *e, char *buf, size_t len);

#endif
