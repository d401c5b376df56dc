/* The connection lifecycle: hotplug, auto-connect, reconnect, the picker.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sits in the main loop between the camera worker and the front end
 * (interactive UI or headless mode) and ties together hotplug.c (udev),
 * hotplug-policy.c (decisions), cam-reconnect.c (backoff) and picker.c:
 *  - it sees every worker event (hotplug_link_event) and every command the
 *    user sends (hotplug_link_command), so it knows the connection state;
 *  - when the camera is lost it keeps the session and brings the camera
 *    back: a USB body when udev reports it again (new device number), a
 *    PTP/IP camera by retrying its port with backoff (0.5, 1, 2, 4, 8 s);
 *  - after a reconnect it sends `retry`, so downloads the drop interrupted
 *    (owed objects) complete;
 *  - with udev (hotplug_link_open_udev) it connects a camera plugged in
 *    while none is connected, or asks for the picker when there are several.
 * It talks to the worker only through commands (ops.send) and tells the
 * front end what it does through EV_LOG events (ops.emit).
 *
 * Main thread only; never blocks.  Connection attempts it starts are plain
 * `connect PORT [MODEL]` commands. */
#ifndef CAPA_HOTPLUG_LINK_H
#define CAPA_HOTPLUG_LINK_H

#include <stdbool.h>
#include <stddef.h>

#include "command.h"
#include "event.h"
#include "hotplug-policy.h"
#include "options.h"
#include "picker.h"

struct hotplug_link_ops {
	/* Queue a command for the worker (e.g. cam_set_send); 0 or -1. */
	int (*send)(void *send_ud, const struct capa_command *cmd);
	/* Hand an event (EV_LOG) to the front end; it takes ownership. */
	void (*emit)(void *emit_ud, struct capa_event *ev);
	void *send_ud, *emit_ud;
	/* Monotonic milliseconds; NULL: CLOCK_MONOTONIC.  (For tests.) */
	long long (*now_ms)(void);
};

/* Reactions for the front end (bitmask). */
enum {
	HOTPLUG_LINK_REDRAW = 1, /* connection state or camera list changed */
	HOTPLUG_LINK_PICK = 2,   /* open the camera picker */
};

struct hotplug_link;

/* A new link.  `adopt`: the worker was started with auto-connect (it has
 * queued its own connect to opts->camera/opts->port, or autodetect), and
 * the link follows that attempt.  Otherwise the link makes the first
 * connection itself: at once with an explicit non-USB --port, or after
 * hotplug_link_open_udev() from the cameras found.  `opts` is read here
 * only (strings are copied).  NULL on ENOMEM. */
struct hotplug_link *hotplug_link_new(const struct capa_options *opts, bool adopt,
				      const struct hotplug_link_ops *ops);

/* Free the link (closes the udev monitor); NULL is fine. */
void hotplug_link_free(struct hotplug_link *l);

/* Start watching udev: enumerate the cameras present and decide the first
 * connection (unless adopted).  Returns reactions, or -1 with a message in
 * err when udev is unavailable (the link keeps working without it). */
int hotplug_link_open_udev(struct hotplug_link *l, char *err, size_t errlen);

/* The udev monitor's fd for POLLIN, or -1 when not watching udev. */
int hotplug_link_fd(const struct hotplug_link *l);

/* The udev fd is readable.  Returns reactions. */
int hotplug_link_udev_readable(struct hotplug_link *l);

/* See one worker event (before or after the front end handles it; the
 * event stays the caller's).  Returns reactions. */
int hotplug_link_event(struct hotplug_link *l, const struct capa_event *ev);

/* See one command the user sent to the worker (connect/disconnect change
 * what the link does).  Returns reactions. */
int hotplug_link_command(struct hotplug_link *l, const struct capa_command *cmd);

/* The same for a command line (command.h syntax) that was sent to the
 * worker; lines that do not parse are ignored.  Returns reactions. */
int hotplug_link_command_line(struct hotplug_link *l, const char *line);

/* Milliseconds until hotplug_link_tick() has work, -1 when none: the front
 * end's poll timeout must not exceed it. */
int hotplug_link_timeout(const struct hotplug_link *l);

/* Start a reconnect attempt if one is due.  Call after every poll().
 * Returns reactions. */
int hotplug_link_tick(struct hotplug_link *l);

/* The user picked the camera at `port` (picker Enter).  Returns reactions. */
int hotplug_link_choose(struct hotplug_link *l, const char *port);

/* Connect to `port` (NULL: autodetect) with libgphoto2 `model` (NULL: the
 * worker's default) through a `connect PORT [MODEL]` command, as the user
 * asked in the picker (a camera used before, a typed address).  Closes
 * the picker.  Returns reactions. */
int hotplug_link_connect(struct hotplug_link *l, const char *port, const char *model);

/* Keep the picker's recent cameras in the file at `path` (see
 * picker-recent.h): read it now, rewrite it after every connection.
 * Without this call nothing is remembered.  Returns reactions. */
int hotplug_link_remember(struct hotplug_link *l, const char *path);

/* The retry key: when connected, `retry` the owed downloads; otherwise
 * connect again now (e.g. after freeing a camera gvfs had claimed), to the
 * lost camera, else the picker's selection.  Returns reactions. */
int hotplug_link_retry(struct hotplug_link *l);

/* The picker model (entries, selection, open flag) for the UI to draw. */
struct picker *hotplug_link_picker(struct hotplug_link *l);

/* Connection state, and a one-line status text for the status bar
 * ("connected", "waiting for a camera", "reconnecting in 2 s", ...). */
enum hp_conn hotplug_link_state(const struct hotplug_link *l);
const char *hotplug_link_status(const struct hotplug_link *l, char *buf, size_t len);

/* hotplug_link_ops.send for a struct cam_set * (cam_set_send). */
int hotplug_link_send_worker(void *worker, const struct capa_command *cmd);

#endif
