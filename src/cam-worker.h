/* The camera worker: the one thread that makes libgphoto2 calls.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commands go in through cam_worker_send() (any thread, never blocks on the
 * camera); events come out through a mutex-protected queue whose readiness is
 * signalled on a file descriptor (an eventfd) for the main loop's poll().
 *
 * Between commands the worker monitors the camera (tethered mode): every new
 * object (a capture, a shot taken on the body, RAW+JPEG pairs) is downloaded
 * into the session directory, journaled, and then deleted from the camera
 * unless --keep.  Objects whose download failed stay on the camera and are
 * "owed": CMD_RETRY (e.g. after a reconnect) downloads them again.
 *
 * The worker blocks every signal.  It never exits by itself: only
 * cam_worker_stop() ends it.  Failures become EV_ERROR / EV_FILE_FAILED /
 * EV_DISCONNECTED events; the worker keeps running. */
#ifndef CAPA_CAM_WORKER_H
#define CAPA_CAM_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "command.h"
#include "event.h"
#include "options.h"

struct cam_worker;

/* Start the worker for `opts` (camera, port, session, filename, keep,
 * no_auto_connect, camera_process are used; strings are copied; the hook
 * script is the front end's, cam-proc.h).  The session
 * directory is created and its journal opened before this returns.  Unless
 * opts->no_auto_connect, a CMD_CONNECT with opts->camera/opts->port is queued.
 * Returns NULL with a message in err on failure (e.g. session dir unusable,
 * hook script refused at ACTION=init). */
struct cam_worker *cam_worker_start(const struct capa_options *opts,
				    char *err, size_t errlen);

/* The fd to poll for POLLIN: readable while events are queued.  Stays valid
 * until cam_worker_stop(). */
int cam_worker_fd(const struct cam_worker *w);

/* Take the next event (caller frees with event_free()), or NULL when none is
 * queued.  Drain until NULL after each POLLIN.  Main thread only. */
struct capa_event *cam_worker_next_event(struct cam_worker *w);

/* Queue a copy of `cmd`.  Returns 0, or -1 (ENOMEM, or the worker quit). */
int cam_worker_send(struct cam_worker *w, const struct capa_command *cmd);

/* Parse `line` (command.h syntax) and queue it.  Returns 0, or -1 with err. */
int cam_worker_send_line(struct cam_worker *w, const char *line, char *err, size_t errlen);

/* Ask the worker to stop after the current operation (a download in progress
 * is abandoned safely: its temp file is removed, nothing carries a final
 * name), join it, free everything.  Events not yet taken are freed. */
void cam_worker_stop(struct cam_worker *w);

/* The same, waiting at most ms (-1: for ever) for the operation in
 * progress: libgphoto2 finishes a transfer it was told to cancel (a large
 * file on a slow link: tens of seconds).  On time out the shot stays on
 * the camera and in the session's owed ledger (the next capa on the
 * session fetches it), its temp file is removed, the worker is left
 * running and not freed, and -1 is returned: the process must then end
 * with _exit (see cam_worker_left_running), not exit. */
int cam_worker_stop_within(struct cam_worker *w, int ms);

/* Stop and join the worker as cam_worker_stop_within does, without
 * freeing it: its last events (what stays owed, quit) can still be taken
 * with cam_worker_next_event.  Returns 0, or -1 when it was left running
 * in a transfer (then as cam_worker_stop_within).  Free it with
 * cam_worker_stop afterwards (it does not wait again). */
int cam_worker_halt(struct cam_worker *w, int ms);

/* How long the worker thread has been inside one operation without a
 * sign of life (an event or a turn of its loop), in ms; 0 while it waits
 * idle for a command.  Any thread.  The front end kills a camera process
 * stuck longer than its limit (a libgphoto2 call that never returns). */
int64_t cam_worker_stuck_ms(struct cam_worker *w);

/* Was a worker left running by cam_worker_stop_within? */
bool cam_worker_left_running(void);

#endif
