/* The front end's handle on one camera: a supervised camera process.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cam_proc_start re-executes capa in the worker role (cam-child.h), one
 * process per camera, which alone calls libgphoto2; a supervisor thread
 * here speaks the line protocol with it (doc/process-model.md).  For the
 * front end it is what the worker thread was: commands go in without
 * blocking, events come out of a queue whose readiness is an eventfd.
 *
 * The supervisor
 *  - runs the hook script's ACTION=download for each saved file (a camera
 *    process may not exec; cam-set.c runs init, start and stop);
 *  - pings the process each second; one that stops answering (stopped,
 *    deadlocked), that stays inside one camera call too long (a capture
 *    that never completes), or that dies (a crash, an abort inside
 *    libgphoto2, a kill) is killed and started again, with one log line
 *    saying why; the new one reconnects to the same camera, and its card
 *    listing fetches what the session is owed.  Nothing is lost: a file
 *    in flight was a temp file (removed), the shot is still on the card.
 *    Three deaths within a minute: it is not reconnected again by itself.
 * Main thread only, except as noted. */
#ifndef CAPA_CAM_PROC_H
#define CAPA_CAM_PROC_H

#include <stddef.h>

#include "command.h"
#include "event.h"
#include "options.h"

struct cam_proc;

struct session;

/* Start the camera process for opts->camera/opts->port (auto-connecting
 * unless opts->no_auto_connect), saving into `session` (cam-set.c opened
 * and locked it; it must outlive the handle).  `index` is the camera's
 * number among several (events and journal lines carry it), 0 when it is
 * the only one.  NULL with err on failure. */
struct cam_proc *cam_proc_start(const struct capa_options *opts, struct session *session,
				int index, char *err, size_t errlen);

/* The fd to poll for POLLIN while events are queued (stable across
 * restarts of the process). */
int cam_proc_fd(const struct cam_proc *p);

/* Take the next event (free with event_free), NULL when none. */
struct capa_event *cam_proc_next_event(struct cam_proc *p);

/* Queue a command (a `stop` overtakes queued ones in the process).
 * Returns 0, or -1 (ENOMEM, or the camera process has ended for good). */
int cam_proc_send(struct cam_proc *p, const struct capa_command *cmd);

/* Parse `line` (command.h syntax) and queue it.  0, or -1 with err. */
int cam_proc_send_line(struct cam_proc *p, const char *line, char *err, size_t errlen);

/* Ask the process to stop now (the operation in progress is abandoned
 * safely) and wait at most ms for it, then kill it: its temp file goes,
 * the shot stays on the camera and in the session's owed ledger.  Its
 * last events can still be taken; an EV_QUIT comes last.  Returns 0, or
 * -1 when it had to be killed at the deadline (it was in a transfer). */
int cam_proc_halt(struct cam_proc *p, int ms);

/* Only ask for the halt (cam_proc_halt then waits): several cameras are
 * told at once. */
void cam_proc_halt_ask(struct cam_proc *p, int ms);

/* Halt (if not yet) within ms and free everything; NULL is fine. */
void cam_proc_stop_within(struct cam_proc *p, int ms);

/* Wait for the process to end by itself (after a `quit`), then free. */
void cam_proc_stop(struct cam_proc *p);

/* What stays owed in the session (session_owed_text). */
int cam_proc_owed_text(const struct cam_proc *p, char *msg, size_t len);

#endif
