/* Hotplug decisions: what to do when a camera appears or disappears.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure state machine (no I/O, no clock): it is told about udev events (from
 * hotplug.c), about the worker's connection results, and about the user's
 * choices, and answers with one decision each time.  The caller carries the
 * decision out (send a connect command, open the picker, mark the session
 * "disconnected", start the backoff of cam-reconnect.h).  Main thread only.
 *
 * Rules:
 *  - Cameras found at start-up are collected first; hp_policy_start() then
 *    decides once: none → WAIT, one → CONNECT, several → PICK.
 *  - An explicit --port wins: a usb:BBB,DDD port connects when that device
 *    is (or becomes) present; any other port (ptpip:…) connects at start.
 *  - --no-auto-connect: cameras are listed (for the picker) but never
 *    connected unless chosen (--port included), except that a lost body
 *    coming back is.
 *  - When the connected camera goes (udev remove or the worker's I/O error)
 *    the state turns LOST and the answer is DISCONNECTED.  The next add of
 *    the same body (serial, else VID:PID; see cam_body_matches) answers
 *    RECONNECT with its new port. */
#ifndef CAPA_HOTPLUG_POLICY_H
#define CAPA_HOTPLUG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "cam-reconnect.h"
#include "hotplug-props.h"

#define HP_MAX_CAMERAS 16
#define HP_PORT_MAX    HOTPLUG_PORT_MAX

enum hp_conn {
	HP_IDLE,       /* no camera connected, none asked for */
	HP_CONNECTING, /* a connect request is out */
	HP_CONNECTED,
	HP_LOST,       /* the camera went away; waiting for the same body */
};

enum hp_action {
	HP_NONE,         /* nothing to do (but see list_changed) */
	HP_CONNECT,      /* connect to cam.port */
	HP_RECONNECT,    /* the lost body is back at cam.port: connect, then
			  * retry the downloads it still owes */
	HP_PICK,         /* several cameras, none chosen: open the picker */
	HP_WAIT,         /* no camera: show "waiting for a camera" */
	HP_DISCONNECTED, /* the camera is gone: mark disconnected, cancel its
			  * pending work, keep the session (idempotent) */
};

struct hp_decision {
	enum hp_action action;
	bool list_changed; /* the camera list changed: refresh the picker */
	bool backoff;      /* with DISCONNECTED: retry cam.port with backoff
			    * (PTP/IP, or a USB device still present); false:
			    * stop any backoff and wait for udev */
	struct hotplug_camera cam; /* the camera concerned; for a non-USB
				    * camera only port (and model) are set */
};

struct hp_policy {
	bool no_auto_connect;
	bool started;                   /* hp_policy_start() was called */
	bool udev;                      /* udev reports cameras (set by the caller) */
	char explicit_port[HP_PORT_MAX]; /* --port, "" when none */
	enum hp_conn conn;
	struct hotplug_camera current;  /* connected, connecting or lost */
	struct cam_body body;           /* its body, for matching on return */
	bool body_valid;                /* body was connected at least once */
	struct hotplug_camera cams[HP_MAX_CAMERAS]; /* USB cameras present */
	size_t ncams;
};

/* Start empty.  `explicit_port` (may be NULL) is --port; "usb:" alone
 * counts as none. */
void hp_policy_init(struct hp_policy *p, bool no_auto_connect, const char *explicit_port);

/* A USB camera appeared (or was found by the start-up enumeration). */
struct hp_decision hp_policy_added(struct hp_policy *p, const struct hotplug_camera *cam);

/* The start-up enumeration is over: decide the first connection. */
struct hp_decision hp_policy_start(struct hp_policy *p);

/* The camera with this syspath went away. */
struct hp_decision hp_policy_removed(struct hp_policy *p, const char *syspath);

/* The user picked the camera at `port` (picker or command). */
struct hp_decision hp_policy_choose(struct hp_policy *p, const char *port);

/* The worker reports the connection is up. */
void hp_policy_connected(struct hp_policy *p);

/* A connection was asked for outside the policy (the worker's own
 * start-up connect, a user's `connect`, a backoff attempt): CONNECTING to
 * `port` (NULL or "": autodetect, port not known yet). */
void hp_policy_adopt(struct hp_policy *p, const char *port);

/* The worker reports the connection is up at `port` (the camera it chose,
 * when the port was not known); NULL keeps the current one. */
void hp_policy_connected_to(struct hp_policy *p, const char *port);

/* The worker could not connect.  A network camera, or a USB body that
 * was connected before, stays awaited (LOST, DISCONNECTED with backoff as
 * for hp_policy_lost); a first USB connection goes back to IDLE. */
struct hp_decision hp_policy_connect_failed(struct hp_policy *p);

/* The worker reports the camera gone (device-gone or I/O error). */
struct hp_decision hp_policy_lost(struct hp_policy *p);

/* The user disconnected on purpose: forget the body, do not reconnect. */
void hp_policy_user_disconnect(struct hp_policy *p);

/* Name of an action, for logs and JSON ("connect", "disconnected", …). */
const char *hp_action_name(enum hp_action a);

/* Name of a connection state ("idle", "connecting", …). */
const char *hp_conn_name(enum hp_conn c);

#endif
