/* Failures as events that say what happened and what to do.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cam-internal.h"

bool cam_result_disconnected(int r)
{
	switch (r) {
	case GP_ERROR_IO:
	case GP_ERROR_IO_READ:
	case GP_ERROR_IO_WRITE:
	case GP_ERROR_IO_USB_FIND:
	case GP_ERROR_IO_INIT:
	case GP_ERROR_TIMEOUT:
	case GP_ERROR_IO_USB_CLEAR_HALT:
		return true;
	default:
		return false;
	}
}

/* Post one EV_ERROR. */
static void post_error(struct cam_worker *w, const char *what, const char *msg, const char *hint)
{
	struct capa_event *ev = event_new(EV_ERROR);
	if (!ev)
		return;
	event_set(&ev->what, what);
	event_set(&ev->message, msg);
	event_set(&ev->hint, hint);
	cam_post(w, ev);
}

void cam_error(struct cam_worker *w, int r, const char *doing)
{
	char msg[512];
	const char *what = "camera", *hint = "see the log; the session goes on";

	switch (r) {
	case GP_ERROR_IO_USB_CLAIM:
		what = "usb-claimed";
		hint = "another program holds the camera (often the desktop's gvfs): run "
		       "`gio mount -s gphoto2`; capa then connects by itself (with "
		       "--no-auto-connect: the connect command, or c in the UI to pick it)";
		break;
	case GP_ERROR_CAMERA_BUSY:
		what = "busy";
		hint = "the camera stayed busy after several retries: wait for it (or half-press "
		       "the shutter to wake it) and try again";
		break;
	case GP_ERROR_NO_SPACE:
		what = "card-full";
		hint = "the camera's card is full: free space on it or set capturetarget to the "
		       "internal memory";
		break;
	case GP_ERROR_MODEL_NOT_FOUND:
		what = "no-camera";
		hint = "switch the camera on and plug it in (check with `gphoto2 --auto-detect`)";
		break;
	case GP_ERROR_CANCEL:
		what = "cancelled";
		hint = "capa is stopping";
		break;
	case GP_ERROR_NOT_SUPPORTED:
		what = "not-supported";
		hint = "this camera cannot do that";
		break;
	default:
		if (cam_result_disconnected(r)) {
			what = "disconnected";
			hint = "check the cable and that the camera is on; after reconnecting "
			       "(command: connect) run `retry` for files still on the camera";
		}
		break;
	}
	/* libgphoto2's own words, when it gave some (and they add to the code's) */
	snprintf(msg, sizeof(msg), "%s failed: %s (%d)%s%s", doing, gp_result_as_string(r), r,
		 w->gp_error[0] ? ": " : "", w->gp_error);
	w->gp_error[0] = '\0';
	post_error(w, what, msg, hint);
}

void cam_error_local(struct cam_worker *w, int err, const char *doing, const char *detail)
{
	char msg[1024];
	const char *what = "local", *hint = "the shot stays on the camera; `retry` after fixing it";

	if (err == ENOSPC || err == EDQUOT) {
		what = "disk-full";
		hint = "the disk holding the session is full: free space (the shot stays on the "
		       "camera; run `retry`), or restart with --session on another disk";
	} else if (err == EACCES || err == EPERM || err == EROFS) {
		what = "permission";
		hint = "capa may not write the session directory: fix its permissions or use "
		       "--session DIR";
	}
	snprintf(msg, sizeof(msg), "%s: %s%s%s", doing, strerror(err), detail ? ": " : "",
		 detail ? detail : "");
	post_error(w, what, msg, hint);
}

void cam_busy_backoff(struct cam_worker *w, int attempt)
{
	int ms = 50 << (attempt < 5 ? attempt : 5); /* 50, 100, 200, 400, 800, 1000 ... */
	if (ms > 1000)
		ms = 1000;
	cam_log(w, LOG_LVL_WARN, "camera busy, retrying in %d ms (attempt %d)", ms, attempt + 1);
	/* sleep without being woken by commands: they wait for the camera too */
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
