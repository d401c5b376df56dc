/* The front end's cameras: one supervised camera process each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the UI and headless mode talk to.  One camera (no --port, or one)
 * behaves as before.  With --port given N times, N camera processes save
 * into one session: every event carries its camera's number (1..N), and
 * so does every journal line, with the moment its capture was sent.
 *
 * Commands are routed (command.h): `@N`, `@camN` or `@all` after the verb
 * (or before it) picks cameras; without it, `capture`, `stop`, `retry`,
 * `disconnect` and `quit` go to every camera, `connect`, `set`, `get` and
 * `config` to the selected one (cam_set_select).  A capture for every
 * camera is written to each camera process before any of them is woken
 * again, so their shutters fire within a few milliseconds (`make bench`
 * prints the spread).
 *
 * The set opens and locks the session, and runs the hook script's init,
 * start and stop; each camera's downloads run ACTION=download.
 * Main thread only. */
#ifndef CAPA_CAM_SET_H
#define CAPA_CAM_SET_H

#include <stddef.h>

#include "command.h"
#include "event.h"
#include "options.h"

struct cam_set;

/* Open the session, run the hook's init, start a camera process for each
 * --port (or one for opts->port/autodetect).  NULL with err on failure. */
struct cam_set *cam_set_start(const struct capa_options *opts, char *err, size_t errlen);

/* How many cameras. */
int cam_set_count(const struct cam_set *s);

/* The camera that commands without `@` address (1..N; 1 at start). */
void cam_set_select(struct cam_set *s, int camera);
int cam_set_selected(const struct cam_set *s);

/* One fd to poll for POLLIN while any camera has events. */
int cam_set_fd(const struct cam_set *s);

/* The next event of any camera (ev->camera says which, with several);
 * NULL when none.  Free with event_free. */
struct capa_event *cam_set_next_event(struct cam_set *s);

/* Route a command (see above).  0, or -1 with errno (EINVAL: no such
 * camera; the message for it from cam_set_send_line). */
int cam_set_send(struct cam_set *s, const struct capa_command *cmd);

/* cam_set_send, with the reason for a refusal in err. */
int cam_set_send_why(struct cam_set *s, const struct capa_command *cmd, char *err,
		     size_t errlen);

/* Send a command to camera n (1..N) only. */
int cam_set_send_to(struct cam_set *s, int n, const struct capa_command *cmd);

/* Parse `line` (command.h) and route it.  0, or -1 with err. */
int cam_set_send_line(struct cam_set *s, const char *line, char *err, size_t errlen);

/* Halt every camera process (cam_proc_halt), then run the hook's stop.
 * Returns -1 when one had to be killed in a transfer, else 0. */
int cam_set_halt(struct cam_set *s, int ms);

/* Halt (if not yet) and free; NULL is fine. */
void cam_set_stop_within(struct cam_set *s, int ms);

/* What stays owed in the session (cam_proc_owed_text). */
int cam_set_owed_text(const struct cam_set *s, char *msg, size_t len);

#endif
