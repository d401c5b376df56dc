/* Tethered monitoring: camera events, captures, the download queue.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cam-internal.h"

/* After a capture, how long the worker waits for more of its files
 * before a waiting command may run (see cam_capture); longer once this
 * camera has shown that a capture makes several files (RAW+JPEG). */
#define AFTER_CAPTURE_MS 100
#define AFTER_PAIR_MS 300

/* Milliseconds on the monotonic clock. */
static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Is this object already queued? */
static bool queued(const struct cam_object *o, const char *folder, const char *name)
{
	for (; o; o = o->next)
		if (strcmp(o->folder, folder) == 0 && strcmp(o->name, name) == 0)
			return true;
	return false;
}

const char *cam_ledger_key(const struct cam_worker *w)
{
	return w->cam_serial ? w->cam_serial : w->cam_model;
}

/* session_owed_fn: queue one ledger entry if the camera still has it. */
static void ledger_entry(void *ud, const char *folder, const char *name)
{
	struct cam_worker *w = ud;
	CameraFileInfo info;

	if (queued(w->todo, folder, name) || queued(w->owed, folder, name))
		return;
	if (gp_camera_file_get_info(w->cam, folder, name, &info, w->ctx) < GP_OK) {
		session_owed_remove(w->session, cam_ledger_key(w), folder, name);
		return;
	}
	cam_log(w, LOG_LVL_INFO, "%s%s%s was not downloaded last time: fetching it",
		folder, strcmp(folder, "/") ? "/" : "", name);
	cam_queue_object(w, folder, name);
}

void cam_queue_ledger(struct cam_worker *w)
{
	if (w->cam)
		session_owed_each(w->session, cam_ledger_key(w), ledger_entry, w);
}

void cam_queue_object(struct cam_worker *w, const char *folder, const char *name)
{
	struct cam_object *o, **tail;
	struct capa_event *ev;

	if (queued(w->todo, folder, name))
		return;
	if (strnlen(name, CAM_NAME_MAX + 1) > CAM_NAME_MAX) {
		/* libgphoto2 2.5.30 aborts on it (cam-namecut.c): never fetched */
		cam_known_add(w, folder, name);
		cam_name_too_long(w, folder, name, strlen(name));
		return;
	}
	o = calloc(1, sizeof(*o));
	if (!o) {
		cam_log(w, LOG_LVL_ERROR, "out of memory: a new file stays on the camera");
		return;
	}
	o->id = ++w->next_id;
	/* names of 128+ bytes may lack their NUL: bounded copies */
	snprintf(o->folder, sizeof(o->folder), "%.*s", (int)strnlen(folder, 1023), folder);
	snprintf(o->name, sizeof(o->name), "%.*s", (int)strnlen(name, 255), name);
	o->seen = time(NULL);
	o->trigger_us = w->trigger_us;
	cam_known_add(w, o->folder, o->name);
	snprintf(w->capture_folder, sizeof(w->capture_folder), "%s", o->folder);
	for (tail = &w->todo; *tail; tail = &(*tail)->next)
		;
	*tail = o;
	session_owed_add(w->session, cam_ledger_key(w), o->folder, o->name);
	ev = event_new(EV_FILE_ADDED);
	if (ev) {
		ev->id = o->id;
		event_set(&ev->folder, o->folder);
		event_set(&ev->name, o->name);
		cam_post(w, ev);
	}
}

/* Copy a CameraFilePath from libgphoto2 into NUL-terminated buffers of
 * sizeof(p->folder) + 1 and sizeof(p->name) + 1 bytes: a field that fills
 * its array (a name of 128+ bytes, libgphoto2 2.5.31+) has no NUL.
 * Writing a NUL into the last byte instead would cut a 128-byte name to
 * a different name. */
static void path_copy(const CameraFilePath *p, char *folder, char *name)
{
	size_t fl = strnlen(p->folder, sizeof(p->folder)), nl = strnlen(p->name, sizeof(p->name));

	memcpy(folder, p->folder, fl);
	folder[fl] = '\0';
	memcpy(name, p->name, nl);
	name[nl] = '\0';
}

/* Queue the file a libgphoto2 call named.  When that call cut its name
 * (cam-namecut.c), the whole name is queued instead: cam_queue_object
 * then skips it with an error. */
static void queue_path(struct cam_worker *w, const char *folder, const char *name)
{
	char full[1024];
	size_t len;

	if (cam_namecut_take(full, sizeof(full), &len) && strncmp(full, name, strlen(name)) == 0)
		name = full;
	if (name[0])
		cam_queue_object(w, folder, name);
}

/* Handle one camera event.  Returns true when it was a file. */
static bool on_event(struct cam_worker *w, CameraEventType t, void *data)
{
	if ((t == GP_EVENT_FILE_ADDED || t == GP_EVENT_FILE_CHANGED) && data) {
		CameraFilePath *p = data;
		char folder[sizeof(p->folder) + 1], name[sizeof(p->name) + 1];
		path_copy(p, folder, name);
		queue_path(w, folder, name);
		return true;
	}
	if (t == GP_EVENT_UNKNOWN && data && strstr(data, "PTP Property") &&
	    strstr(data, "changed"))
		w->config_dirty = true;
	return false;
}

/* Drain events for up to ms; return early when a file is queued.  For
 * the first patient_ms stay even when a command waits (right after a
 * capture, for a RAW+JPEG pair's second FILE_ADDED: the next
 * gp_camera_capture would swallow it); after that return when one does. */
static int drain(struct cam_worker *w, int ms, int patient_ms)
{
	int64_t start = now_ms(), deadline = start + ms;

	while (w->cam && !atomic_load(&w->stop)) {
		CameraEventType t;
		void *data = NULL;
		int64_t left = deadline - now_ms();
		int r = gp_camera_wait_for_event(w->cam, ms ? (int)(left > 100 ? 100 : left > 0 ? left : 1) : 1,
						 &t, &data, w->ctx);
		if (r < GP_OK) {
			free(data);
			if (r == GP_ERROR_CAMERA_BUSY) {
				/* maybe an ObjectAdded whose info read was refused */
				w->events_lost = true;
				continue;
			}
			if (cam_result_disconnected(r) || r == GP_ERROR) {
				cam_error(w, r, "watching the camera");
				return -1;
			}
			cam_log(w, LOG_LVL_WARN, "waiting for camera events: %s", gp_result_as_string(r));
			return 0;
		}
		on_event(w, t, data);
		free(data);
		if (t != GP_EVENT_TIMEOUT)
			continue;
		/* queue empty: stop, or pace (PTP/IP returns after ~1 ms whatever
		 * timeout we pass) by waiting on the command fd */
		left = deadline - now_ms();
		if (ms == 0 || left <= 0)
			return 0;
		bool patient = now_ms() - start < patient_ms;
		if (w->todo || (!patient && cam_command_waiting(w)))
			return 0;
		if (patient) {
			struct timespec ts = { 0, 10 * 1000000L };
			nanosleep(&ts, NULL);
		} else {
			cam_pause(w, left > 50 ? 50 : (int)left);
		}
	}
	return w->cam ? 0 : -1;
}

int cam_probe(struct cam_worker *w)
{
	CameraEventType t;
	void *data = NULL;
	int r;

	if (!w->cam)
		return GP_ERROR_IO;
	r = gp_camera_wait_for_event(w->cam, 1, &t, &data, w->ctx);
	if (r >= GP_OK)
		on_event(w, t, data);
	free(data);
	if (r == GP_ERROR_CAMERA_BUSY)
		w->events_lost = true; /* see drain() */
	return r == GP_ERROR_CAMERA_BUSY ? GP_OK : r;
}

int cam_drain(struct cam_worker *w, int ms)
{
	return drain(w, ms, 0);
}

/* The files of a camera folder (NULL when unknown or on error). */
static CameraList *list_folder(struct cam_worker *w, const char *folder)
{
	CameraList *l;

	if (!folder[0] || gp_list_new(&l) < GP_OK)
		return NULL;
	if (gp_camera_folder_list_files(w->cam, folder, l, w->ctx) < GP_OK) {
		gp_list_free(l);
		return NULL;
	}
	return l;
}

/* Is `name` in the list? */
static bool listed(CameraList *l, const char *name)
{
	int n = gp_list_count(l);
	for (int i = 0; i < n; i++) {
		const char *x = NULL;
		if (gp_list_get_name(l, i, &x) >= GP_OK && x && strcmp(x, name) == 0)
			return true;
	}
	return false;
}

/* A capture failed after the shutter may have fired (e.g. DeviceBusy on
 * the object info that follows ObjectAdded: libgphoto2 then drops the
 * event).  Reopen the camera so its object list is fresh, and queue every
 * file of the capture folder that was not there before.  Returns the
 * number found. */
static int recover(struct cam_worker *w, CameraList *before)
{
	char folder[sizeof(w->capture_folder)], model[128], port[600];
	CameraList *after;
	int found = 0;

	if (!w->cam_model || !w->cam_port)
		return 0;
	snprintf(folder, sizeof(folder), "%s", w->capture_folder);
	snprintf(model, sizeof(model), "%s", w->cam_model);
	snprintf(port, sizeof(port), "%s", w->cam_port);
	cam_log(w, LOG_LVL_WARN, "the capture reported an error: reopening the camera to look "
		"for the shot in %s", folder);
	cam_close(w);
	if (cam_connect(w, model, port) < 0) {
		cam_post_disconnected(w, "the camera did not come back after a failed capture");
		return 0;
	}
	after = list_folder(w, folder);
	for (int i = 0, n = after ? gp_list_count(after) : 0; i < n; i++) {
		const char *x = NULL;
		if (gp_list_get_name(after, i, &x) >= GP_OK && x && !listed(before, x)) {
			cam_queue_object(w, folder, x);
			found++;
		}
	}
	if (after)
		gp_list_free(after);
	return found;
}

/* A capture of several cameras found this one not ready at the common
 * moment: say so (its shutter fires later than the others'). */
static void late_notice(struct cam_worker *w, int64_t at_us)
{
	struct timespec now;
	int64_t late;

	if (at_us <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	late = (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000 - at_us;
	if (late > 1000)
		cam_log(w, LOG_LVL_WARN, "camera %d was not ready at the common moment of the "
			"capture: its shutter fires %lld ms after the others'", w->camera,
			(long long)(late / 1000));
}

/* Fire the shutter, download the shot and any companion; folder and
 * name (CameraFilePath sizes) receive the shot's.  Returns 0, or -1 when
 * the capture failed (error posted) or the camera went away. */
static int shoot(struct cam_worker *w, char *folder, char *name, int64_t at_us)
{
	CameraFilePath path;
	int r;

	CameraList *before = list_folder(w, w->capture_folder);
	memset(&path, 0, sizeof(path));
	struct timespec t = { (time_t)(at_us / 1000000), (long)(at_us % 1000000) * 1000 };
	/* several cameras: all are ready (drained, listed), now fire together */
	late_notice(w, at_us);
	while (at_us > 0 && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
		;
	clock_gettime(CLOCK_REALTIME, &t);
	/* the trigger: the journal keeps it (the spread across cameras) */
	w->trigger_us = (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
	CAM_RETRY_BUSY(w, r, gp_camera_capture(w->cam, GP_CAPTURE_IMAGE, &path, w->ctx));
	/* the PTP driver reports StoreFull as GP_ERROR_NO_MEMORY */
	if (r == GP_ERROR_NO_MEMORY)
		r = GP_ERROR_NO_SPACE;
	if (r < GP_OK && r != GP_ERROR_NO_SPACE && before && !cam_result_disconnected(r) && cam_probe(w) >= GP_OK &&
	    recover(w, before) > 0)
		r = GP_OK; /* the shot was taken; only its report got lost */
	if (before)
		gp_list_free(before);
	if (r < GP_OK) {
		cam_error(w, r, "capturing");
		if (cam_result_disconnected(r))
			cam_disconnect(w, "the camera went away during a capture");
		return -1;
	}
	path_copy(&path, folder, name);
	queue_path(w, folder, name);
	w->trigger_us = 0; /* companions come as events: their own shot's */
	/* download the shot at once (the preview waits for it); events that
	 * come meanwhile stay queued in the camera link */
	if (cam_download_all(w) < 0)
		return -1;
	/* RAW+JPEG: the second file comes as a later event; wait a little
	 * for it, download it at once, and wait again while files keep
	 * coming.  A command (the next Space) ends a wait once
	 * AFTER_CAPTURE_MS have passed since the last download (gphoto2 also
	 * waits 100 ms after CaptureComplete, and ours follows a download),
	 * or AFTER_PAIR_MS once captures have brought pairs. */
	for (int i = 0; i < 10 && !atomic_load(&w->stop); i++) {
		if (drain(w, 300, w->pairs_seen ? AFTER_PAIR_MS : AFTER_CAPTURE_MS) < 0)
			return -1;
		if (!w->todo)
			break;
		w->pairs_seen = true;
		if (cam_download_all(w) < 0)
			return -1;
	}
	return 0;
}

int cam_capture(struct cam_worker *w, int64_t at_us)
{
	char folder[sizeof(((CameraFilePath *)0)->folder) + 1] = "";
	char name[sizeof(((CameraFilePath *)0)->name) + 1] = "";
	struct capa_event *ev;
	int rc;

	if (!w->cam)
		return -1;
	/* gp_camera_capture discards queued events: take them first */
	if (cam_drain(w, 0) < 0)
		return -1;
	cam_post(w, event_new(EV_CAPTURE_STARTED));
	rc = shoot(w, folder, name, at_us);
	/* a failed capture ends too: the front end leaves "capturing" */
	ev = event_new(EV_CAPTURE_DONE);
	if (ev) {
		event_set(&ev->folder, folder);
		event_set(&ev->name, name);
		cam_post(w, ev);
	}
	/* shots left, as the camera counts them (a full card: none) */
	cam_report_storage(w);
	return rc;
}
