/* Internals shared by the cam-*.c files of the camera worker.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is used on the worker thread only, except the queues
 * (under `lock`) and `stop`. */
#ifndef CAPA_CAM_INTERNAL_H
#define CAPA_CAM_INTERNAL_H

#include <gphoto2/gphoto2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "cam-config.h"
#include "command.h"
#include "event.h"
#include "event-queue.h"
#include "session.h"

/* One queued command. */
struct cmd_node {
	struct capa_command cmd;
	struct cmd_node *next;
};

/* An object on the camera that capa must download. */
struct cam_object {
	uint64_t id;
	char folder[1024];
	char name[256];
	time_t seen;              /* when capa learnt of it (capture time) */
	char saved[256];          /* "" or its final name in the session: saved,
				   * but not made durable or not journaled yet */
	unsigned number;          /* the session number that name took */
	int64_t trigger_us;       /* the capture that made it: when it was
				   * sent (Unix µs); 0 for a body shot */
	bool disk_unsure;         /* saving it met an I/O error: this disk's word
				   * is not enough to delete the camera copy */
	char same_as[256];        /* "" or a journaled local file that may hold
				   * these bytes (set by a retry of `saved`) */
	char same_sha[65];        /* that file's sha256 */
	struct cam_object *next;
};

/* A set of "folder/name" strings (cam-scan.c). */
struct cam_names {
	char **v;
	size_t n, cap;
	bool sorted;
};

struct cam_worker {
	pthread_t thread;
	bool started;             /* the thread runs (or ran and is not joined) */
	bool abandoned;           /* left running in a transfer (cam_worker_halt) */
	pthread_mutex_t lock;
	struct cmd_node *cmd_head, *cmd_tail;
	struct event_queue events; /* to the main thread (cam_worker_fd) */
	int cmd_efd;              /* wakes the worker: commands queued */
	atomic_bool stop;         /* abandon everything, exit */
	bool quitting;            /* a quit command is being honoured */
	bool stop_asked;          /* under lock: a `stop` not taken yet */
	char part_name[64];       /* under lock: the temp file being fetched
				   * into, "" when none (removed by a stop
				   * that cannot wait for the transfer) */
	unsigned stop_dropped;    /* under lock: queued shots it dropped */

	/* worker thread only */
	char *model, *port;       /* default connect target (options) */
	bool keep;
	atomic_llong beat_ms;     /* any thread: when the worker thread last
				   * showed life (monotonic ms), 0 while it
				   * waits idle for a command */
	struct session *session;
	int camera;               /* its number among capa's cameras, 0: one */
	int64_t trigger_us;       /* the capture being made: when it was sent */
	GPContext *ctx;
	char gp_error[300];       /* libgphoto2's last error text (its context's
				   * error callback), one line; "" when used */
	Camera *cam;
	CameraAbilitiesList *abilities;
	char *cam_model, *cam_port;
	char *cam_serial;         /* NULL when the camera gives none */
	struct cam_config *config; /* last known settings model */
	bool config_dirty;        /* a property-changed event came in */
	struct cam_object *todo;  /* to download, in order */
	struct cam_object *owed;  /* failed downloads, for CMD_RETRY */
	uint64_t next_id;
	char capture_folder[1024]; /* folder of the latest new object */
	bool pairs_seen;          /* a capture brought more than one file */
	struct cam_names known;   /* files on the card capa has seen (cam-scan.c) */
	char *known_port;         /* the camera they are on */
	bool card_saved;          /* known names go to the session's card set */
	bool events_lost;         /* wait_for_event answered busy: an ObjectAdded
				   * may be lost (cam_rescan finds it) */
	uint64_t progress_id;     /* object being downloaded (progress events) */
	uint64_t progress_last;
};

/* cam-worker.c: post an event (takes ownership; NULL is ignored). */
void cam_post(struct cam_worker *w, struct capa_event *ev);

/* The worker thread shows life (cam_worker_stuck_ms): each turn of its
 * loop and each event it posts. */
void cam_beat(struct cam_worker *w);

/* cam-worker.c: post an EV_LOG. */
void cam_log(struct cam_worker *w, enum capa_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* cam-worker.c: true when a command is queued (the worker should return to
 * its loop soon). */
bool cam_command_waiting(struct cam_worker *w);

/* cam-worker.c: block up to ms on the command fd (pacing). */
void cam_pause(struct cam_worker *w, int ms);

/* cam-errors.c: post EV_ERROR for a libgphoto2 result while `doing`. */
void cam_error(struct cam_worker *w, int gp_result, const char *doing);

/* cam-errors.c: post EV_ERROR for a local errno while `doing` (path). */
void cam_error_local(struct cam_worker *w, int err, const char *doing, const char *detail);

/* cam-errors.c: is this result a sign the camera is gone? */
bool cam_result_disconnected(int gp_result);

/* cam-errors.c: run `call` again while it returns GP_ERROR_CAMERA_BUSY, with
 * bounded backoff (about 6 s in all). */
#define CAM_RETRY_BUSY(w, res, call) do { \
		for (int try_ = 0;; try_++) { \
			(w)->gp_error[0] = '\0'; /* this call's words only */ \
			(res) = (call); \
			if ((res) != GP_ERROR_CAMERA_BUSY || try_ >= 9 || atomic_load(&(w)->stop)) \
				break; \
			cam_busy_backoff((w), try_); \
		} \
	} while (0)
void cam_busy_backoff(struct cam_worker *w, int attempt);

/* cam-conn.c: open a camera; posts connected or error.  Returns 0 or -1. */
int cam_connect(struct cam_worker *w, const char *model, const char *port);

/* cam-conn.c: close the camera (if open); posts disconnected with reason. */
void cam_disconnect(struct cam_worker *w, const char *reason);

/* cam-conn.c: close the camera (if open) without an event: for a reopen
 * that is not a loss.  A front end acting on `disconnected` (the hotplug
 * link tells the worker to disconnect) would otherwise race the reopen. */
void cam_close(struct cam_worker *w);

/* cam-conn.c: post a disconnected event for the last camera's port. */
void cam_post_disconnected(struct cam_worker *w, const char *reason);

/* cam-conn.c: post storage and battery events (best effort). */
void cam_report_status(struct cam_worker *w);

/* cam-conn.c: post a storage event (free space; best effort). */
void cam_report_storage(struct cam_worker *w);

/* cam-monitor.c: drain camera events for up to ms (0: until the queue is
 * empty), queueing new objects.  Returns 0, or -1 if the camera went away. */
int cam_drain(struct cam_worker *w, int ms);

/* cam-monitor.c: one short wait_for_event (any event is handled): is the
 * camera still there?  Returns a gp result. */
int cam_probe(struct cam_worker *w);

/* cam-monitor.c: fire the shutter once (drain before, capture, drain
 * after).  Returns 0 or -1. */
int cam_capture(struct cam_worker *w, int64_t at_us);

/* cam-monitor.c: queue an object for download (deduplicated) and record
 * it in the session's owed ledger. */
void cam_queue_object(struct cam_worker *w, const char *folder, const char *name);

/* cam-scan.c: after a connect, list the card: its files are known (not to
 * download); after lost events (w->events_lost, same port) the unknown
 * ones are queued instead. */
void cam_scan_connected(struct cam_worker *w);
/* cam-scan.c: when events were lost, reopen the camera so the files they
 * announced are found and queued. */
void cam_rescan(struct cam_worker *w);
/* cam-scan.c: remember a file on the card (queued or already there). */
void cam_known_add(struct cam_worker *w, const char *folder, const char *name);
/* cam-scan.c: free the known names. */
void cam_known_free(struct cam_worker *w);

/* The longest camera file name libgphoto2 2.5.30 survives: 128+ bytes
 * overflow CameraFilePath.name (cam-namecut.c). */
#define CAM_NAME_MAX (sizeof(((CameraFilePath *)0)->name) - 1)

/* cam-namecut.c: did a libgphoto2 call on this thread cut a camera file
 * name since the last take?  Then full receives the whole name and *len
 * its length.  Clears the mark. */
bool cam_namecut_take(char *full, size_t fulllen, size_t *len);
/* cam-namecut.c: post the error for a file whose name is too long for
 * libgphoto2 (it stays on the card). */
void cam_name_too_long(struct cam_worker *w, const char *folder, const char *name, size_t len);

/* cam-monitor.c: the camera's name in the owed ledger (serial, else model). */
const char *cam_ledger_key(const struct cam_worker *w);

/* cam-monitor.c: queue the ledger's shots of the camera just connected
 * that are still on it (a capa that quit during their download); entries
 * the camera no longer has are dropped. */
void cam_queue_ledger(struct cam_worker *w);

/* cam-download.c: download every queued object.  Returns -1 if the camera
 * went away, else 0. */
int cam_download_all(struct cam_worker *w);

/* cam-download.c: move owed objects back to the download queue. */
void cam_retry_owed(struct cam_worker *w);
/* At exit: say which shots stay owed (on the camera, or saved but not in
 * the journal), so nothing is left behind silently. */
void cam_report_owed(struct cam_worker *w);

/* cam-settings.c: the settings commands. */
void cam_config_dump(struct cam_worker *w);
void cam_config_get(struct cam_worker *w, const char *key);
void cam_config_set(struct cam_worker *w, const char *key, const char *value);
/* Re-read the tree and post config-changed for values that differ; false
 * when the tree could not be read (the old one is kept). */
bool cam_config_refresh(struct cam_worker *w);
/* Set capturetarget to the memory card when the camera has one. */
void cam_config_capturetarget(struct cam_worker *w);

/* cam-config-gp.c: build the model from a libgphoto2 widget tree. */
struct cam_config *cam_config_from_gp(CameraWidget *root);
/* cam-config-gp.c: one widget (no children) into dst; 0 or -1. */
int cam_widget_from_gp(struct cam_widget *dst, CameraWidget *w, const char *path,
		       const char *section);
/* cam-config-gp.c: store canonical text `value` into a libgphoto2 widget. */
int cam_widget_set_gp(CameraWidget *w, const char *value);


#endif
