/* The connection lifecycle in the UI: the hotplug link's udev fd, its
 * reconnect timer, its log events and status text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "event.h"
#include "hotplug-link.h"
#include "loop.h"
#include "picker-recent.h"
#include "ui-state.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>

/* hotplug_link_ops.emit: the link's own log events. */
static void link_emit(void *ud, struct capa_event *ev)
{
	ui_events_apply(ud, ev);
	event_free(ev);
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
	int t = hotplug_link_timeout(ui->link);
	if (t >= 0)
		ui->link_timer = loop_timer_add(ui->loop, t, link_wake, ui);
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

/* The connection lifecycle: udev, auto-connect, reconnect, picker. */
void ui_link_start(struct ui *ui)
{
	struct hotplug_link_ops ops = { hotplug_link_send_worker, link_emit, ui->worker, ui, NULL };
	char err[256];
	ui->link = hotplug_link_new(ui->opts, !ui->opts->no_auto_connect, &ops);
	if (!ui->link)
		return;
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
