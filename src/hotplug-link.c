/* The connection lifecycle: hotplug, auto-connect, reconnect, the picker.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hotplug-link.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cam-reconnect-probe.h"
#include "cam-reconnect.h"
#include "cam-set.h"
#include "hotplug.h"
#include "picker-recent.h"

struct hotplug_link {
	struct hotplug_link_ops ops;
	struct hp_policy pol;
	struct reconnect rc;
	struct tcp_probe probe;    /* is the PTP/IP camera listening yet? */
	struct picker pk;
	struct hotplug *hp;        /* NULL when not watching udev */
	char model[128];           /* libgphoto2 model of the camera, for reconnects */
	char recent_path[1024];    /* the picker's recent-cameras file, "" when none */
	bool retry_after_connect;  /* send `retry` at the next connected event */
	bool quitting;             /* `quit` was sent: bring nothing back */
	bool was_connected;        /* a camera was connected at least once */
	int reactions;             /* collected by the udev callback */
};

/* Monotonic milliseconds from ops.now_ms or CLOCK_MONOTONIC. */
static long long link_now(const struct hotplug_link *l)
{
	struct timespec ts;

	if (l->ops.now_ms)
		return l->ops.now_ms();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Tell the front end something through an EV_LOG event. */
__attribute__((format(printf, 3, 4)))
static void link_log(struct hotplug_link *l, enum capa_log_level lvl, const char *fmt, ...)
{
	struct capa_event *ev;
	char msg[512];
	va_list ap;

	if (!l->ops.emit || !(ev = event_new(EV_LOG)))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ev->level = lvl;
	if (event_set(&ev->message, msg) < 0) {
		event_free(ev);
		return;
	}
	l->ops.emit(l->ops.emit_ud, ev);
}

/* Send one command without arguments, or `connect PORT [MODEL]`. */
static void link_send(struct hotplug_link *l, enum capa_command_type type,
		      const char *port, const char *model)
{
	char p[HOTPLUG_PORT_MAX], m[sizeof l->model];
	struct capa_command c = { .type = type, .count = 1 };

	if (port && port[0]) {
		snprintf(p, sizeof p, "%s", port);
		c.port = p;
	}
	if (model && model[0]) {
		snprintf(m, sizeof m, "%s", model);
		c.model = m;
	}
	if (l->ops.send && l->ops.send(l->ops.send_ud, &c) < 0)
		link_log(l, LOG_LVL_ERROR, "could not send `%s` to the camera worker",
			 command_name(type));
}

/* Rebuild the picker from the cameras present. */
static void link_sync_picker(struct hotplug_link *l)
{
	const char *cur = l->pol.conn == HP_CONNECTED ? l->pol.current.port : NULL;

	hotplug_text_clean(l->pk.current_model, sizeof l->pk.current_model, l->model,
			   false, false);
	picker_sync(&l->pk, l->pol.cams, l->pol.ncams, cur);
}

/* Remember the camera just connected among the picker's recent ones. */
static void link_remember(struct hotplug_link *l, const char *port)
{
	char err[256];

	if (!l->recent_path[0] || !picker_recent_add(&l->pk, port, l->model))
		return;
	if (picker_recent_save(&l->pk, l->recent_path, err, sizeof err) < 0)
		link_log(l, LOG_LVL_WARN, "cannot keep the recent cameras in %s: %s",
			 l->recent_path, err);
}

/* Stop bringing a camera back (connected, given up, or quitting). */
static void link_stop_retry(struct hotplug_link *l)
{
	reconnect_reset(&l->rc);
	probe_cancel(&l->probe);
}

/* The camera is gone (or not there yet): keep retrying its port on a
 * timer, or wait for udev. */
static void link_lost(struct hotplug_link *l, const struct hp_decision *d)
{
	const char *where = d->cam.port[0] ? d->cam.port : "(autodetect)";

	l->retry_after_connect = l->was_connected;
	if (!d->backoff || l->quitting) {
		link_stop_retry(l);
		if (!l->was_connected || l->quitting)
			return;
		if (l->pol.no_auto_connect)
			link_log(l, LOG_LVL_WARN, "camera at %s disconnected; the session goes "
				 "on (--no-auto-connect: reconnect with `connect`)", where);
		else
			link_log(l, LOG_LVL_WARN, "camera at %s disconnected; the session goes "
				 "on, waiting for it to come back", where);
		/* A USB device that udev removed is gone for good (it comes back
		 * as a new one): the worker drops it and its work now. */
		if (d->cam.syspath[0])
			link_send(l, CMD_DISCONNECT, NULL, NULL);
		return;
	}
	if (l->rc.active) {
		reconnect_failed(&l->rc, link_now(l));
		return;
	}
	reconnect_start(&l->rc, link_now(l));
	if (l->was_connected)
		link_log(l, LOG_LVL_WARN, "camera at %s disconnected; the session goes on, "
			 "reconnecting by itself", where);
	else
		link_log(l, LOG_LVL_INFO, "no camera answers at %s yet; trying again by itself",
			 where);
}

/* Carry out one policy decision.  Returns reactions. */
static int link_apply(struct hotplug_link *l, const struct hp_decision *d)
{
	int r = d->list_changed ? HOTPLUG_LINK_REDRAW : 0;

	link_sync_picker(l); /* the list, or which camera is connected */
	switch (d->action) {
	case HP_NONE:
		return r;
	case HP_CONNECT:
		link_stop_retry(l);
		l->retry_after_connect = false;
		link_log(l, LOG_LVL_INFO, "connecting to %s at %s",
			 d->cam.model[0] ? d->cam.model : "the camera", d->cam.port);
		link_send(l, CMD_CONNECT, d->cam.port, d->cam.syspath[0] ? NULL : l->model);
		l->pk.open = false;
		break;
	case HP_RECONNECT:
		link_stop_retry(l);
		l->retry_after_connect = true;
		link_log(l, LOG_LVL_INFO, "the camera is back at %s: reconnecting", d->cam.port);
		link_send(l, CMD_CONNECT, d->cam.port, l->model);
		break;
	case HP_PICK:
		l->pk.open = true;
		r |= HOTPLUG_LINK_PICK;
		link_log(l, LOG_LVL_INFO, "%zu cameras found: choose one in the camera picker",
			 l->pol.ncams);
		break;
	case HP_WAIT:
		link_log(l, LOG_LVL_INFO, "waiting for a camera");
		break;
	case HP_DISCONNECTED:
		link_lost(l, d);
		break;
	}
	return r | HOTPLUG_LINK_REDRAW;
}

struct hotplug_link *hotplug_link_new(const struct capa_options *opts, bool adopt,
				      const struct hotplug_link_ops *ops)
{
	struct hotplug_link *l = calloc(1, sizeof *l);

	if (!l)
		return NULL;
	l->ops = *ops;
	probe_init(&l->probe);
	hp_policy_init(&l->pol, opts->no_auto_connect, opts->port);
	picker_init(&l->pk);
	if (opts->camera)
		snprintf(l->model, sizeof l->model, "%s", opts->camera);
	if (adopt) {
		hp_policy_adopt(&l->pol, l->pol.explicit_port);
	} else if (l->pol.explicit_port[0] && strncmp(l->pol.explicit_port, "usb:", 4) != 0) {
		/* A network camera needs no udev: connect now. */
		struct hp_decision d = hp_policy_start(&l->pol);
		link_apply(l, &d);
	}
	return l;
}

void hotplug_link_free(struct hotplug_link *l)
{
	if (!l)
		return;
	hotplug_close(l->hp);
	probe_cancel(&l->probe);
	free(l);
}

/* hotplug_cb: feed a udev camera event to the policy. */
static void link_udev_event(const struct hotplug_event *ev, void *ud)
{
	struct hotplug_link *l = ud;
	struct hp_decision d;

	if (ev->kind == HOTPLUG_ADDED) {
		if (l->pol.started)
			link_log(l, LOG_LVL_INFO, "camera plugged in: %s at %s",
				 ev->cam.model, ev->cam.port);
		d = hp_policy_added(&l->pol, &ev->cam);
	} else {
		d = hp_policy_removed(&l->pol, ev->cam.syspath);
	}
	l->reactions |= link_apply(l, &d);
}

int hotplug_link_open_udev(struct hotplug_link *l, char *err, size_t errlen)
{
	struct hp_decision d;
	bool failed = false;

	if (!l->hp) {
		l->hp = hotplug_open(err, errlen);
		failed = !l->hp;
		if (l->hp && hotplug_enumerate(l->hp, link_udev_event, l) < 0)
			snprintf(err, errlen, "hotplug: cannot list the USB devices");
	}
	l->pol.udev = l->hp != NULL;
	l->reactions = 0;
	if (!l->pol.started) {
		d = hp_policy_start(&l->pol);
		if (failed && d.action == HP_WAIT && !l->pol.no_auto_connect &&
		    !l->pol.explicit_port[0]) {
			/* No udev to wait for: look for a camera by autodetect,
			 * retried with backoff while none answers. */
			struct capa_command c = { .type = CMD_CONNECT };
			hotplug_link_command(l, &c);
			link_send(l, CMD_CONNECT, NULL, NULL);
			d.action = HP_NONE;
		}
		l->reactions |= link_apply(l, &d);
	}
	return failed ? -1 : l->reactions;
}

int hotplug_link_fd(const struct hotplug_link *l)
{
	return l->hp ? hotplug_fd(l->hp) : -1;
}

int hotplug_link_udev_readable(struct hotplug_link *l)
{
	l->reactions = 0;
	if (l->hp)
		hotplug_dispatch(l->hp, link_udev_event, l);
	return l->reactions;
}

/* The worker is connected: note the camera, retry what a drop left owed. */
static int link_connected(struct hotplug_link *l, const struct capa_event *ev)
{
	if (ev->model)
		snprintf(l->model, sizeof l->model, "%s", ev->model);
	hp_policy_connected_to(&l->pol, ev->port);
	l->was_connected = true;
	link_stop_retry(l);
	link_remember(l, l->pol.current.port);
	if (l->retry_after_connect) {
		l->retry_after_connect = false;
		link_log(l, LOG_LVL_INFO, "reconnected at %s: downloading what the camera "
			 "still owes", l->pol.current.port);
		link_send(l, CMD_RETRY, NULL, NULL);
	}
	link_sync_picker(l);
	return HOTPLUG_LINK_REDRAW;
}

int hotplug_link_event(struct hotplug_link *l, const struct capa_event *ev)
{
	struct hp_decision d;
	bool gone = ev->type == EV_DISCONNECTED ||
		    (ev->type == EV_ERROR && ev->what && strcmp(ev->what, "disconnected") == 0);

	if (l->quitting) { /* capa is stopping: the worker closes the camera */
		if (ev->type == EV_DISCONNECTED)
			hp_policy_user_disconnect(&l->pol);
		return 0;
	}
	switch (ev->type) {
	case EV_CONNECTED:
		return link_connected(l, ev);
	case EV_QUIT:
		l->quitting = true;
		link_stop_retry(l);
		return 0;
	default:
		break;
	}
	if (l->pol.conn == HP_CONNECTING && ev->type == EV_ERROR)
		d = hp_policy_connect_failed(&l->pol);
	else if (l->pol.conn == HP_CONNECTED && gone)
		d = hp_policy_lost(&l->pol);
	else
		return 0;
	return link_apply(l, &d);
}

int hotplug_link_command(struct hotplug_link *l, const struct capa_command *cmd)
{
	switch (cmd->type) {
	case CMD_CONNECT:
		/* After a loss the user's own connect also gets the owed files. */
		if (l->pol.conn == HP_LOST)
			l->retry_after_connect = l->was_connected;
		link_stop_retry(l);
		hp_policy_adopt(&l->pol, cmd->port);
		if (cmd->model)
			snprintf(l->model, sizeof l->model, "%s", cmd->model);
		link_sync_picker(l);
		return HOTPLUG_LINK_REDRAW;
	case CMD_DISCONNECT:
		link_stop_retry(l);
		l->retry_after_connect = false;
		hp_policy_user_disconnect(&l->pol);
		link_sync_picker(l);
		return HOTPLUG_LINK_REDRAW;
	case CMD_QUIT:
		l->quitting = true;
		link_stop_retry(l);
		return 0;
	default:
		return 0;
	}
}

int hotplug_link_command_line(struct hotplug_link *l, const char *line)
{
	struct capa_command c;
	char err[256];
	int r;

	if (command_parse(line, &c, err, sizeof err) != 0)
		return 0;
	r = hotplug_link_command(l, &c);
	command_free(&c);
	return r;
}

int hotplug_link_timeout(const struct hotplug_link *l)
{
	long long now = link_now(l), left;

	if (!probe_active(&l->probe))
		return reconnect_timeout_ms(&l->rc, now);
	/* The probe's connect completes in the background: look every 100 ms. */
	left = l->probe.deadline_ms - now;
	return left < 0 ? 0 : left < 100 ? (int)left : 100;
}

/* Ask the worker to connect to the lost camera now. */
static int link_attempt(struct hotplug_link *l)
{
	const char *port = l->pol.current.port;

	hp_policy_adopt(&l->pol, port);
	link_send(l, CMD_CONNECT, port, l->model);
	return HOTPLUG_LINK_REDRAW;
}

int hotplug_link_tick(struct hotplug_link *l)
{
	const char *port = l->pol.current.port;
	long long now = link_now(l);

	if (l->quitting)
		return 0;
	if (probe_active(&l->probe)) {
		switch (probe_check(&l->probe, now)) {
		case PROBE_PENDING:
			return 0;
		case PROBE_OPEN:
			link_log(l, LOG_LVL_INFO, "the camera answers at %s: connecting", port);
			return link_attempt(l);
		case PROBE_CLOSED:
			reconnect_failed(&l->rc, now); /* quietly: it is still away */
			return 0;
		}
	}
	if (!reconnect_due(&l->rc, now))
		return 0;
	reconnect_begin(&l->rc);
	link_log(l, LOG_LVL_INFO, "reconnecting to %s (attempt %u)",
		 port[0] ? port : "the camera", l->rc.attempts);
	/* PTP/IP: only when something listens (see cam-reconnect-probe.h). */
	if (probe_start(&l->probe, port, now) == 1)
		return hotplug_link_tick(l) | HOTPLUG_LINK_REDRAW;
	return link_attempt(l);
}

int hotplug_link_choose(struct hotplug_link *l, const char *port)
{
	struct hp_decision d = hp_policy_choose(&l->pol, port);

	l->pk.open = false;
	return link_apply(l, &d) | HOTPLUG_LINK_REDRAW;
}

int hotplug_link_retry(struct hotplug_link *l)
{
	const struct picker_entry *e = picker_selected(&l->pk);
	const char *port = l->pol.current.port;
	struct capa_command c = { .type = CMD_CONNECT };
	char p[HOTPLUG_PORT_MAX], m[sizeof l->model];

	if (l->pol.conn == HP_CONNECTED) {
		link_send(l, CMD_RETRY, NULL, NULL);
		return 0;
	}
	if (!port[0] && e)
		port = e->port;
	snprintf(p, sizeof p, "%s", port);
	snprintf(m, sizeof m, "%s", l->model);
	c.port = p[0] ? p : NULL;
	c.model = m[0] && !(e && port == e->port) ? m : NULL;
	link_log(l, LOG_LVL_INFO, "connecting again%s%s", p[0] ? " to " : "", p);
	hotplug_link_command(l, &c);
	link_send(l, CMD_CONNECT, c.port, c.model);
	return HOTPLUG_LINK_REDRAW;
}

int hotplug_link_connect(struct hotplug_link *l, const char *port, const char *model)
{
	char p[HOTPLUG_PORT_MAX], m[sizeof l->model];
	struct capa_command c = { .type = CMD_CONNECT };

	snprintf(p, sizeof p, "%s", port ? port : "");
	snprintf(m, sizeof m, "%s", model ? model : "");
	c.port = p[0] ? p : NULL;
	c.model = m[0] ? m : NULL;
	l->pk.open = false;
	link_log(l, LOG_LVL_INFO, "connecting to %s at %s", m[0] ? m : "the camera",
		 p[0] ? p : "any USB port");
	hotplug_link_command(l, &c);
	link_send(l, CMD_CONNECT, c.port, c.model);
	return HOTPLUG_LINK_REDRAW;
}

int hotplug_link_remember(struct hotplug_link *l, const char *path)
{
	char err[256];
	int bad;

	snprintf(l->recent_path, sizeof l->recent_path, "%s", path ? path : "");
	if (!l->recent_path[0])
		return 0;
	bad = picker_recent_load(&l->pk, l->recent_path, err, sizeof err);
	if (bad < 0)
		link_log(l, LOG_LVL_WARN, "recent cameras not read from %s: %s", l->recent_path, err);
	else if (bad > 0)
		link_log(l, LOG_LVL_WARN, "recent cameras: %d malformed line(s) in %s skipped",
			 bad, l->recent_path);
	link_sync_picker(l);
	return HOTPLUG_LINK_REDRAW;
}

struct picker *hotplug_link_picker(struct hotplug_link *l)
{
	return &l->pk;
}

enum hp_conn hotplug_link_state(const struct hotplug_link *l)
{
	return l->pol.conn;
}

const char *hotplug_link_status(const struct hotplug_link *l, char *buf, size_t len)
{
	int t;

	switch (l->pol.conn) {
	case HP_CONNECTED:
		snprintf(buf, len, "connected");
		break;
	case HP_CONNECTING:
		snprintf(buf, len, "connecting");
		break;
	case HP_LOST:
		t = reconnect_timeout_ms(&l->rc, link_now(l));
		if (!l->rc.active)
			snprintf(buf, len, "disconnected: waiting for the camera to come back");
		else if (t < 0)
			snprintf(buf, len, "disconnected: reconnecting");
		else
			snprintf(buf, len, "disconnected: reconnecting in %d s", (t + 999) / 1000);
		break;
	default:
		if (l->pol.ncams == 0)
			snprintf(buf, len, "waiting for a camera");
		else
			snprintf(buf, len, "no camera connected: %zu available", l->pol.ncams);
		break;
	}
	return buf;
}

int hotplug_link_send_worker(void *worker, const struct capa_command *cmd)
{
	return cam_set_send(worker, cmd);
}
