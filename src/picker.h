/* The camera picker's model: the cameras on offer and the selection.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Curses-free list state; the UI draws it (one row per entry, from
 * picker_row(), then the "address…" row) and feeds it keys.  The entries
 * are, in this order: the USB cameras udev knows (sorted by port), the
 * camera connected now when udev does not list it (a PTP/IP camera, say),
 * and the cameras used before (most recent first; see picker-recent.h),
 * without repeating the connected one.  Entries are identified by a
 * stable id (the udev syspath, else the port), so re-syncing after a
 * hotplug event keeps the cursor on the same camera.  The row after the
 * entries (index n) is "address…": Enter there lets the user type a Wi-Fi
 * camera's address (picker_addr_*).  Main thread only. */
#ifndef CAPA_PICKER_H
#define CAPA_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "hotplug-props.h"

#define PICKER_RECENT_MAX 8  /* cameras used before, remembered */
#define PICKER_MAX        32 /* entries shown (USB + connected + recent) */
#define PICKER_ADDR_MAX   64 /* bytes the user may type as an address */
#define PICKER_MODEL_MAX  (2 * HOTPLUG_TEXT_MAX)
#define PICKER_PTPIP_MODEL "PTP/IP Camera" /* libgphoto2's model for any ptpip: port */

enum picker_kind {
	PICKER_USB,       /* listed by udev */
	PICKER_CONNECTED, /* connected now, not listed by udev */
	PICKER_RECENT,    /* used before; port "usb:" for a USB body */
};

struct picker_entry {
	char id[HOTPLUG_SYSPATH_MAX];     /* stable identity (syspath, else port) */
	char model[PICKER_MODEL_MAX];     /* display text, already cleaned */
	char port[HOTPLUG_PORT_MAX];      /* "usb:001,005", "ptpip:…", "usb:" */
	enum picker_kind kind;
	bool current;                     /* the camera capa is connected to */
};

/* A camera by port and libgphoto2 model (cleaned text). */
struct picker_known {
	char port[HOTPLUG_PORT_MAX];
	char model[PICKER_MODEL_MAX];
};

struct picker {
	struct picker_entry e[PICKER_MAX];
	size_t n;
	size_t sel;   /* selected row, 0..n (n: "address…"); 0 when empty */
	bool open;    /* shown on screen (the UI's flag, kept here for tests) */
	char current_model[PICKER_MODEL_MAX]; /* model of the connected camera */
	struct picker_known recent[PICKER_RECENT_MAX]; /* most recent first */
	size_t nrecent;
	bool typing;                  /* the address line is open */
	char addr[PICKER_ADDR_MAX];   /* what the user typed (printable ASCII) */
	char addr_err[160];           /* why the last address was refused, or "" */
};

/* Start empty and closed. */
void picker_init(struct picker *pk);

/* Rebuild the entries from the USB cameras `cams` (sorted by port, so the
 * order does not depend on plug order), the connected camera's port
 * `current_port` (may be NULL; its model is pk->current_model) and the
 * recent list.  The selected camera stays selected when still present;
 * otherwise the selection moves to the nearest row. */
void picker_sync(struct picker *pk, const struct hotplug_camera *cams, size_t n,
		 const char *current_port);

/* Move the selection by delta rows, clamped to the list ("address…" last). */
void picker_move(struct picker *pk, int delta);

/* The selected entry, or NULL when the list is empty or "address…" is
 * selected. */
const struct picker_entry *picker_selected(const struct picker *pk);

/* True when the "address…" row is selected. */
bool picker_on_address(const struct picker *pk);

/* Select the entry with this port.  Returns 0, or -1 when absent. */
int picker_select_port(struct picker *pk, const char *port);

/* Format one row: "MODEL  PORT" plus "  (connected)" for the current one,
 * "  (used before)" for a recent one; a PTP/IP port in its short form
 * (picker_address_parse), "usb:" as "USB".  Returns buf. */
char *picker_row(const struct picker_entry *e, char *buf, size_t len);

/* Remember a camera just connected at `port` with libgphoto2 `model` as
 * the most recent (moved to the front; the oldest beyond
 * PICKER_RECENT_MAX is dropped).  A PTP/IP port is kept in its short
 * form, a USB one as "usb:" (device numbers change on every plug); other
 * ports are not remembered.  Untrusted text is cleaned.  Returns true
 * when the list changed. */
bool picker_recent_add(struct picker *pk, const char *port, const char *model);

/* Parse a Wi-Fi camera address typed by the user or read from a file:
 * "[ptpip:]IPV4[:PORT[:EVENTPORT]]", ports 1..65535 (default 15740; the
 * event port defaults to PORT, as capa connects).  Writes the short form
 * ("ptpip:IP", "ptpip:IP:PORT" or "ptpip:IP:PORT:EVENTPORT") into out.
 * Returns 0, or -1 with a one-line reason for the user in err. */
int picker_address_parse(const char *text, char *out, size_t outlen, char *err, size_t errlen);

/* Open the address line on the "address…" row (empty, no error). */
void picker_addr_begin(struct picker *pk);

/* Type key `ch` into the address line: printable ASCII is added (up to
 * PICKER_ADDR_MAX - 1 bytes), Backspace (KEY_BACKSPACE, DEL, ^H: pass
 * `backspace` true) removes the last.  Returns true when taken. */
bool picker_addr_key(struct picker *pk, int ch, bool backspace);

/* Close the address line (and forget its error). */
void picker_addr_end(struct picker *pk);

#endif
