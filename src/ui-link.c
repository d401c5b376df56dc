/* The connection lifecycle in the UI: the hotplug link's udev fd, its
 * reconnect timer, its log events and status text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-set.h"
#include "event.h"
#include "hotplug-link.h"
#include "loop.h"
#include "picker-recent.h"
#include "ui-state.h"
#include "ui-text.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>

/* hotplug_link_ops.emit: the link's own log events.  What it says while
 * it reacts to a loss, or brings the camera back by itself (attempts,
 * probes), goes to the message line, not the log; errors stay in the log. */
static void link_emit(void *ud, struct capa_event *ev)
{
	struct ui *ui = ud;
	if (ev->type == EV_LOG && ev->level < LOG_LVL_ERROR && (ui->blip || ui->link_sees_loss)) {
		char clean[200];
		ui_message(ui, false, "%s", ui_text_clean(ev->message ? ev->message : "", clean,
							  sizeof clean));
		ui->msg_blip = true;
	} else {
		ui_events_apply(ui, ev);
	}
	event_free(ev);
}

/* The link has seen the loss: say on the loss's row what happens next,
 * and start the blip when it brings the camera back by itself. */
static void loss_next(struct ui *ui)
{
	struct log_row *r = ui_log_seq(ui, ui->loss_seq);
	char keys[64], next[128], raw[340];

	if (hotplug_link_state(ui->link) != HP_LOST)
		return;
	ui->blip = !ui->opts->no_auto_connect;
	if (hotplug_link_timeout(ui->link) >= 0)
		snprintf(next, sizeof next, "reconnecting by itself");
	else if (ui->blip)
		snprintf(next, sizeof next, "reconnecting when it comes back");
	else if (keys_for_cmd(UC_RETRY, keys, sizeof keys)[0])
		snprintf(next, sizeof next, "press %s (or :connect) to connect again", keys);
	else
		snprintf(next, sizeof next, ":connect to connect again");
	if (!r)
		return;
	snprintf(raw, sizeof raw, "%s; %s", r->text, next);
	ui_text_clean(raw, r->text, sizeof r->text);
	ui_mark(ui, PANE_LOG);
}

/* The blip is over: clear its progress from the message line. */
static void blip_end(struct ui *ui)
{
	if (ui->msg_blip)
		ui->msg[0] = 0;
	ui->blip = ui->msg_blip = false;
}

bool ui_link_event(struct ui *ui, const struct capa_event *ev, bool was_connected)
{
	bool loss = ev->type == EV_DISCONNECTED ||
		    (ev->type == EV_ERROR && ev->what && !strcmp(ev->what, "disconnected"));
	bool blip = ui->blip;
	int r;

	if (!ui->link)
		return false;
	ui->link_sees_loss = loss && was_connected;
	r = hotplug_link_event(ui->link, ev);
	ui->link_sees_loss = false;
	if (ev->type == EV_DISCONNECTED && was_connected)
		loss_next(ui);
	else if (ev->type == EV_CONNECTED) {
		ui->auto_retry = blip; /* the link asked for the owed files */
		blip_end(ui);
	}
	return r & HOTPLUG_LINK_PICK;
}

/* Loop callback: udev has news. */
static int on_udev(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	(void)fd; (void)revents;
	if (hotplug_link_udev_readable(ui->link) & HOTPLUG_LINK_PICK)
		hotplug_link_picker(ui->link)->open = true;
	return LOOP_REDRAW | LOOP_FULL;
}

/* Timer: only wakes the loop; the turn hook ticks the link. */
static int link_wake(void *ud)
{
	((struct ui *)ud)->link_timer = 0;
	return 0;
}

/* Tick cameras 2..N's links; the nearest deadline of theirs (-1: none). */
static int more_tick(struct ui *ui)
{
	int next = -1;

	for (int i = 1; i < CAPA_MAX_CAMERAS; i++) {
		if (!ui->more_links[i])
			continue;
		hotplug_link_tick(ui->more_links[i]);
		int t = hotplug_link_timeout(ui->more_links[i]);
		if (t >= 0 && (next < 0 || t < next))
			next = t;
	}
	return next;
}

/* End of every turn: let the link start due reconnects, re-arm its timer,
 * and show its connection state. */
static int on_turn(void *ud)
{
	struct ui *ui = ud;
	int r = 0;
	if (!ui->link)
		return 0;
	int lr = hotplug_link_tick(ui->link);
	if (lr & HOTPLUG_LINK_PICK)
		hotplug_link_picker(ui->link)->open = true;
	if (lr)
		r |= LOOP_REDRAW;
	if (ui->link_timer)
		loop_timer_cancel(ui->loop, ui->link_timer);
	ui->link_timer = 0;
	int t = hotplug_link_timeout(ui->link), more = more_tick(ui);
	if (more >= 0 && (t < 0 || more < t))
		t = more;
	if (t >= 0)
		ui->link_timer = loop_timer_add(ui->loop, t, link_wake, ui);
	if (ui->blip && hotplug_link_state(ui->link) == HP_IDLE)
		blip_end(ui); /* the user disconnected meanwhile */
	if (strcmp(ui->state, "capturing") != 0) {
		char st[64];
		hotplug_link_status(ui->link, st, sizeof st);
		if (strcmp(st, ui->state)) {
			snprintf(ui->state, sizeof ui->state, "%s", st);
			r |= LOOP_REDRAW;
		}
	}
	return r;
}

/* hotplug_link_ops.send: to the link's own camera (not the selected one). */
static int send_to_camera(void *ud, const struct capa_command *cmd)
{
	const struct ui_link_target *t = ud;
	return t->ui->worker ? cam_set_send_to(t->ui->worker, t->camera, cmd) : -1;
}

/* hotplug_link_ops.emit of cameras 2..N: their log lines. */
static void more_emit(void *ud, struct capa_event *ev)
{
	ui_events_apply(ud, ev);
	event_free(ev);
}

/* Cameras 2..N: a link each that brings its camera back by itself (no
 * udev, no picker: those are camera 1's). */
static void more_links(struct ui *ui)
{
	int n = cam_set_count(ui->worker);

	for (int i = 1; i < n && i < CAPA_MAX_CAMERAS; i++) {
		struct capa_options o = *ui->opts;
		o.port = ui->opts->ports[i];
		ui->link_target[i] = (struct ui_link_target){ ui, i + 1 };
		struct hotplug_link_ops ops = { send_to_camera, more_emit, &ui->link_target[i], ui,
						NULL };
		ui->more_links[i] = hotplug_link_new(&o, !ui->opts->no_auto_connect, &ops);
	}
}

void ui_link_more_event(struct ui *ui, const struct capa_event *ev)
{
	if (ev->camera > 1 && ev->camera <= CAPA_MAX_CAMERAS && ui->more_links[ev->camera - 1])
		hotplug_link_event(ui->more_links[ev->camera - 1], ev);
}

void ui_link_free(struct ui *ui)
{
	hotplug_link_free(ui->link);
	ui->link = NULL;
	for (int i = 0; i < CAPA_MAX_CAMERAS; i++) {
		hotplug_link_free(ui->more_links[i]);
		ui->more_links[i] = NULL;
	}
}

/* The connection lifecycle: udev, auto-connect, reconnect, picker. */
void ui_link_start(struct ui *ui)
{
	ui->link_target[0] = (struct ui_link_target){ ui, 1 };
	struct hotplug_link_ops ops = { send_to_camera, link_emit, &ui->link_target[0], ui, NULL };
	char err[256];
	ui->link = hotplug_link_new(ui->opts, !ui->opts->no_auto_connect, &ops);
	if (!ui->link)
		return;
	more_links(ui);
	/* The demo's camera lives on a new port each run: not worth keeping. */
	char recent[1024];
	if (!ui->opts->demo && picker_recent_path(recent, sizeof recent) == 0)
		hotplug_link_remember(ui->link, recent);
	int r = hotplug_link_open_udev(ui->link, err, sizeof err);
	if (r < 0)
		ui_log_text(ui, LK_INFO, "no hotplug: %s", err);
	else if (hotplug_link_fd(ui->link) >= 0)
		loop_add_fd(ui->loop, hotplug_link_fd(ui->link), POLLIN, on_udev, ui);
	if (r > 0 && (r & HOTPLUG_LINK_PICK))
		hotplug_link_picker(ui->link)->open = true;
	loop_on_turn(ui->loop, on_turn, ui);
}
