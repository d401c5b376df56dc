/* Camera worker events turned into the UI's view model.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-set.h"
#include "command.h"
#include "event.h"
#include "hotplug-link.h"
#include "loop.h"
#include "ui-state.h"
#include "ui-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ui_events_read(void *ud, int fd, short revents);

/* Copy untrusted text into a fixed field, clean. */
static void set_clean(char *dst, size_t len, const char *src)
{
	ui_text_clean(src ? src : "", dst, len);
}

/* A shot row for file `id`, created when missing. */
static struct log_row *shot_row(struct ui *ui, const struct capa_event *ev)
{
	struct log_row *r = ui_log_find(ui, ev->camera, ev->id);
	if (!r) {
		r = ui_log_add(ui, LK_SHOT);
		r->id = ev->id;
		r->camera = ev->camera;
		set_clean(r->name, sizeof r->name, ev->name);
	}
	return r;
}

/* The file is on disk: fill in its row and show it. */
static void file_saved(struct ui *ui, const struct capa_event *ev)
{
	struct log_row *r = shot_row(ui, ev);
	const char *base = ev->path ? strrchr(ev->path, '/') : NULL;
	free(r->path);
	r->path = ev->path ? strdup(ev->path) : NULL;
	if (base)
		set_clean(r->name, sizeof r->name, base + 1);
	r->saved = true;
	r->failed = false;
	r->text[0] = 0;
	r->bytes = ev->bytes;
	r->exposure_s = ev->exif.exposure_s;
	r->fnumber = ev->exif.fnumber;
	r->iso = ev->exif.iso;
	r->focal_mm = ev->exif.focal_mm;
	ui_log_saved(ui, r);
}

#define INFLIGHT_MS 3000 /* after this a confirmation is trusted again */

/* Remember that `key` was just set to `value`. */
void ui_inflight_add(struct ui *ui, const char *key, const char *value)
{
	int i;
	for (i = 0; i < ui->n_inflight && strcmp(ui->inflight[i].key, key); i++)
		;
	if (i == ui->n_inflight) {
		if (ui->n_inflight == (int)(sizeof ui->inflight / sizeof ui->inflight[0]))
			i = 0; /* full: reuse the oldest slot */
		else
			ui->n_inflight++;
	}
	snprintf(ui->inflight[i].key, sizeof ui->inflight[i].key, "%s", key);
	snprintf(ui->inflight[i].value, sizeof ui->inflight[i].value, "%s", value);
	ui->inflight[i].when = loop_now_ms();
	ui->inflight[i].contested = ui->inflight[i].resync = false;
}

/* Forget `key`'s in-flight entry. */
static void inflight_drop(struct ui *ui, int i)
{
	ui->inflight[i] = ui->inflight[--ui->n_inflight];
}

/* Is `value` the one slot i sent?  (A long one is kept cut short.) */
static bool inflight_same(const struct ui *ui, int i, const char *value)
{
	return value && strncmp(ui->inflight[i].value, value, sizeof ui->inflight[i].value - 1) == 0;
}

/* Ask the camera for slot i's value; its answer (EV_VALUE) ends the slot. */
static void inflight_resync(struct ui *ui, int i)
{
	struct capa_command get = { .type = CMD_GET, .key = ui->inflight[i].key };
	if (ui->inflight[i].resync)
		return;
	if (!ui->worker) {
		inflight_drop(ui, i);
		return;
	}
	ui->inflight[i].resync = true;
	cam_set_send(ui->worker, &get);
}

static int inflight_expire(void *ud);

/* Arm the timer for the oldest contested slot, unless one is pending
 * (one timer in all: a held arrow key must not fill the loop's table). */
static void inflight_arm(struct ui *ui)
{
	int64_t oldest = -1;

	if (!ui->loop || ui->inflight_timer)
		return;
	for (int i = 0; i < ui->n_inflight; i++)
		if (ui->inflight[i].contested && !ui->inflight[i].resync &&
		    (oldest < 0 || ui->inflight[i].when < oldest))
			oldest = ui->inflight[i].when;
	if (oldest >= 0) {
		int64_t due = oldest + INFLIGHT_MS + 50 - loop_now_ms();
		ui->inflight_timer = loop_timer_add(ui->loop, due > 0 ? (int)due : 0,
						    inflight_expire, ui);
	}
}

/* Timer: a contested setting whose value never came back is read again. */
static int inflight_expire(void *ud)
{
	struct ui *ui = ud;
	ui->inflight_timer = 0;
	for (int i = ui->n_inflight - 1; i >= 0; i--)
		if (ui->inflight[i].contested && loop_now_ms() - ui->inflight[i].when > INFLIGHT_MS)
			inflight_resync(ui, i);
	inflight_arm(ui);
	return 0;
}

/* Should a camera report of key=value be shown?  Not while a newer value
 * we sent for the key is still on its way (unless it is that value).  A
 * report ignored that way is checked again once the wait is over: the
 * camera may have kept its value without an error. */
static bool inflight_accept(struct ui *ui, const char *key, const char *value)
{
	for (int i = 0; key && i < ui->n_inflight; i++) {
		if (strcmp(ui->inflight[i].key, key) != 0)
			continue;
		if (ui->inflight[i].resync)
			return true;
		int64_t age = loop_now_ms() - ui->inflight[i].when;
		if (inflight_same(ui, i, value) || age > INFLIGHT_MS) {
			inflight_drop(ui, i);
			return true;
		}
		ui->inflight[i].contested = true;
		inflight_arm(ui);
		return false;
	}
	return true;
}

/* A value read back: says so, and whether the camera kept another value
 * than the one we sent. */
static void value_event(struct ui *ui, const struct capa_event *ev)
{
	char a[200], b[200], c[200];
	ui_tree_value_changed(ui, ev->key, ev->value);
	set_clean(a, sizeof a, ev->key);
	set_clean(b, sizeof b, ev->value);
	for (int i = 0; ev->key && i < ui->n_inflight; i++) {
		if (strcmp(ui->inflight[i].key, ev->key) != 0 || !ui->inflight[i].resync)
			continue;
		bool same = inflight_same(ui, i, ev->value);
		set_clean(c, sizeof c, ui->inflight[i].value);
		inflight_drop(ui, i);
		if (!same) {
			ui_message(ui, true, "the camera kept %s = %s, not %s", a, b, c);
			return;
		}
		break;
	}
	ui_message(ui, false, "%s = %s", a, b);
}

/* Show a blip's progress on the message line (cleared when it ends). */
static void blip_message(struct ui *ui, bool error, const char *clean)
{
	ui_message(ui, error, "%s", clean);
	ui->msg_blip = true;
}

/* An error: log it; a refused setting gets the camera's value back. */
static void error_event(struct ui *ui, const struct capa_event *ev)
{
	char a[200], b[200], h[300];
	set_clean(a, sizeof a, ev->message);
	if (ui->blip && !ui->connected) { /* a reconnect attempt failed */
		blip_message(ui, true, a);
		return;
	}
	set_clean(b, sizeof b, ui_tree_error_hint(ui, ev->what, ev->key, ev->hint, h, sizeof h));
	struct log_row *r = ui_log_text(ui, LK_ERROR, "%s%s%s", a, b[0] ? " - " : "", b);
	/* The connection failing: a disconnect right after says it better. */
	r->noise = ui->connected && ev->what &&
		   (!strcmp(ev->what, "disconnected") || !strcmp(ev->what, "camera"));
	/* The camera refused a set (the error names no setting): read back
	 * whatever we sent and is not confirmed yet. */
	for (int i = ui->n_inflight - 1; !ev->key && i >= 0; i--)
		inflight_resync(ui, i);
	/* A refused value the tree shows already is read back, once: only a
	 * key we set from the tree, never one the camera does not have (the
	 * answer would be this error again, for ever). */
	bool shown = false;
	for (int i = 0; ev->key && i < ui->n_inflight; i++)
		if (strcmp(ui->inflight[i].key, ev->key) == 0) {
			inflight_drop(ui, i);
			shown = true;
		}
	if (shown && ui->worker && !(ev->what && !strcmp(ev->what, "unknown-setting"))) {
		struct capa_command get = { .type = CMD_GET, .key = ev->key };
		cam_set_send(ui->worker, &get);
	}
}

/* Connected: "reconnected" when a blip brought the same camera back. */
static void connected_event(struct ui *ui, const struct capa_event *ev)
{
	char port[sizeof ui->port];
	set_clean(port, sizeof port, ev->port);
	bool back = ui->blip && !strcmp(port, ui->port);
	ui->connected = true;
	set_clean(ui->model, sizeof ui->model, ev->model);
	snprintf(ui->port, sizeof ui->port, "%s", port);
	snprintf(ui->state, sizeof ui->state, "connected");
	ui_fav_load(ui);
	ui_layout_load(ui);
	ui_log_text(ui, LK_INFO, "%s to %s on %s", back ? "reconnected" : "connected", ui->model,
		    ui->port);
	ui_send(ui, "config");
}

/* Disconnected: one row, in place of the errors the failing connection
 * wrote just before (ui_link_event adds what happens next). */
static void disconnected_event(struct ui *ui, const struct capa_event *ev)
{
	char a[200];

	ui->connected = false;
	ui->n_inflight = 0; /* nothing sent will be confirmed now */
	snprintf(ui->state, sizeof ui->state, "disconnected");
	set_clean(a, sizeof a, ev->message);
	while (ui->n_log && ui->log[ui->n_log - 1].noise &&
	       ui->log[ui->n_log - 1].when + 2 >= time(NULL))
		ui_log_drop_last(ui);
	ui_log_text(ui, LK_ERROR, "disconnected: %s", a);
	ui->loss_seq = ui->log_seq;
}

void ui_events_stderr(struct ui *ui, const char *line)
{
	char clean[200];
	if (ui->blip) {
		blip_message(ui, false, ui_text_clean(line, clean, sizeof clean));
		return;
	}
	/* libgphoto2 says why a transfer broke: a disconnect will say it */
	ui_log_text(ui, LK_INFO, "%s", line)->noise = ui->connected;
}

/* A log line from the worker.  The answers to a key that found nothing
 * to do (r, Esc) are no events: on the message line, not in the log;
 * nowhere when it answers the link's own retry after a reconnect. */
static void log_event(struct ui *ui, const struct capa_event *ev)
{
	static const char *const nothing[] = { "nothing to retry",
					       "stop: no capture sequence is running" };
	char a[200];
	set_clean(a, sizeof a, ev->message);
	for (size_t i = 0; ev->message && i < sizeof nothing / sizeof nothing[0]; i++)
		if (!strcmp(ev->message, nothing[i])) {
			if (!(ui->auto_retry && i == 0))
				ui_message(ui, false, "%s", a);
			ui->auto_retry &= i != 0;
			return;
		}
	ui_log_text(ui, ev->level >= LOG_LVL_WARN ? LK_ERROR : LK_INFO, "%s", a);
}

/* Apply one event (the caller frees it). */
void ui_events_apply(struct ui *ui, struct capa_event *ev)
{
	struct log_row *r;
	char a[200];

	switch (ev->type) {
	case EV_CONNECTED:
		connected_event(ui, ev);
		break;
	case EV_DISCONNECTED:
		disconnected_event(ui, ev);
		break;
	case EV_CONFIG_TREE:
		ui->n_inflight = 0;
		ui_tree_set_config(ui, ev->config);
		ev->config = NULL;
		break;
	case EV_CONFIG_CHANGED:
		if (inflight_accept(ui, ev->key, ev->value))
			ui_tree_value_changed(ui, ev->key, ev->value);
		break;
	case EV_VALUE:
		value_event(ui, ev);
		break;
	case EV_CAPTURE_STARTED:
		snprintf(ui->state, sizeof ui->state, "capturing");
		break;
	case EV_CAPTURE_DONE:
		snprintf(ui->state, sizeof ui->state, ui->connected ? "connected" : "disconnected");
		break;
	case EV_CAPTURE_STOPPED:
		set_clean(a, sizeof a, ev->message);
		ui_log_text(ui, LK_INFO, "%s", a);
		ui_message(ui, false, "%s", a);
		break;
	case EV_FILE_ADDED:
		shot_row(ui, ev);
		break;
	case EV_PROGRESS:
		r = shot_row(ui, ev);
		r->done = ev->done;
		r->total = ev->total;
		ui_mark(ui, PANE_LOG);
		break;
	case EV_FILE_SAVED:
		file_saved(ui, ev);
		break;
	case EV_FILE_FAILED:
		r = shot_row(ui, ev);
		r->failed = true;
		set_clean(r->text, sizeof r->text, ev->message);
		break;
	case EV_LOG:
		log_event(ui, ev);
		break;
	case EV_BATTERY:
		set_clean(ui->battery, sizeof ui->battery, ev->value);
		break;
	case EV_STORAGE:
		ui->free_bytes = ev->free_bytes;
		ui->free_shots = ev->free_shots;
		break;
	case EV_ERROR:
		error_event(ui, ev);
		break;
	default:
		break;
	}
}

/* Shots the camera announced that are neither saved nor failed yet. */
size_t ui_downloads_pending(const struct ui *ui)
{
	size_t n = 0;
	for (size_t i = 0; i < ui->n_log; i++)
		if (ui->log[i].kind == LK_SHOT && !ui->log[i].saved && !ui->log[i].failed)
			n++;
	return n;
}

/* Several cameras: an event of a camera other than the selected one
 * changes neither the settings pane nor the status (its connection and
 * log lines still show, named by camera); the hotplug link follows the
 * selected camera only. */
static bool other_camera(const struct ui *ui, const struct capa_event *ev)
{
	return ev->camera && ev->camera != cam_set_selected(ui->worker);
}

static bool status_event(enum capa_event_type t)
{
	return t == EV_CONFIG_TREE || t == EV_CONFIG_CHANGED || t == EV_VALUE ||
	       t == EV_BATTERY || t == EV_STORAGE || t == EV_CONNECTED || t == EV_DISCONNECTED;
}

/* Another camera's connection change, as one log line. */
static void other_connection(struct ui *ui, const struct capa_event *ev)
{
	char m[160];

	bool *seen = ev->camera <= CAPA_MAX_CAMERAS ? &ui->camera_seen[ev->camera - 1] : NULL;

	if (ev->type == EV_CONNECTED || ev->type == EV_DISCONNECTED)
		ui_log_text(ui, ev->type == EV_CONNECTED ? LK_INFO : LK_ERROR, "camera %d: %s %s",
			    ev->camera, ev->type == EV_DISCONNECTED ? "disconnected:" :
			    seen && *seen ? "reconnected," : "connected,",
			    ui_text_clean(ev->type == EV_CONNECTED ? ev->model : ev->message, m,
					  sizeof m));
	if (ev->type == EV_CONNECTED && seen)
		*seen = true;
}

/* Loop callback: drain the worker's event queue. */
int ui_events_read(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	struct capa_event *ev;
	(void)fd; (void)revents;
	int r = LOOP_REDRAW;
	while ((ev = cam_set_next_event(ui->worker))) {
		bool was_connected = ui->connected;
		ui_link_more_event(ui, ev); /* cameras 2..N: their links */
		if (other_camera(ui, ev) && status_event(ev->type)) {
			other_connection(ui, ev);
			event_free(ev);
			continue;
		}
		ui_events_apply(ui, ev);
		/* camera 1's link: auto-connect, reconnect, the picker */
		if (ev->camera <= 1 && ui_link_event(ui, ev, was_connected))
			hotplug_link_picker(ui->link)->open = true;
		event_free(ev);
	}
	ui->pending = ui_downloads_pending(ui);
	return r;
}
