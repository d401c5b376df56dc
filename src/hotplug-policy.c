/* Hotplug decisions: what to do when a camera appears or disappears.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hotplug-policy.h"

#include <stdio.h>
#include <string.h>

/* True for a complete USB port path "usb:BBB,DDD". */
static bool is_usb_device_port(const char *port)
{
	return strncmp(port, "usb:", 4) == 0 && strchr(port + 4, ',') != NULL;
}

void hp_policy_init(struct hp_policy *p, bool no_auto_connect, const char *explicit_port)
{
	memset(p, 0, sizeof *p);
	p->no_auto_connect = no_auto_connect;
	if (explicit_port && strcmp(explicit_port, "usb:") != 0 && strcmp(explicit_port, "usb") != 0)
		snprintf(p->explicit_port, sizeof p->explicit_port, "%s", explicit_port);
}

/* Index of the camera with this syspath (or port when by_port), or -1. */
static int find_cam(const struct hp_policy *p, const char *key, bool by_port)
{
	for (size_t i = 0; i < p->ncams; i++)
		if (strcmp(by_port ? p->cams[i].port : p->cams[i].syspath, key) == 0)
			return (int)i;
	return -1;
}

/* The body a udev camera stands for. */
static struct cam_body body_of(const struct hotplug_camera *cam)
{
	struct cam_body b = { .vid = cam->vid, .pid = cam->pid };

	snprintf(b.serial, sizeof b.serial, "%s", cam->serial);
	return b;
}

/* Ask for a connection to cam; `again` when it is the lost body's return. */
static struct hp_decision connect_to(struct hp_policy *p, const struct hotplug_camera *cam,
				     bool again)
{
	struct hp_decision d = { .action = again ? HP_RECONNECT : HP_CONNECT };

	p->conn = HP_CONNECTING;
	p->current = *cam;
	if (cam->syspath[0])
		p->body = body_of(cam);
	d.cam = *cam;
	return d;
}

/* The decision for an idle policy, given the cameras present. */
static struct hp_decision decide_idle(struct hp_policy *p, bool at_start)
{
	struct hp_decision d = { .action = HP_NONE };
	int i;

	if (p->no_auto_connect) {
		d.action = p->ncams == 0 ? HP_WAIT : HP_NONE;
		return d;
	}
	if (p->explicit_port[0]) {
		if (!is_usb_device_port(p->explicit_port)) {
			struct hotplug_camera c = { 0 };
			if (!at_start)
				return d;
			snprintf(c.port, sizeof c.port, "%s", p->explicit_port);
			return connect_to(p, &c, false);
		}
		i = find_cam(p, p->explicit_port, true);
		if (i >= 0)
			return connect_to(p, &p->cams[i], false);
		d.action = at_start ? HP_WAIT : HP_NONE;
		return d;
	}
	if (p->ncams == 0)
		d.action = HP_WAIT;
	else if (p->ncams == 1)
		return connect_to(p, &p->cams[0], false);
	else
		d.action = HP_PICK;
	return d;
}

struct hp_decision hp_policy_added(struct hp_policy *p, const struct hotplug_camera *cam)
{
	struct hp_decision d = { .action = HP_NONE };
	struct cam_body b = body_of(cam);

	if (find_cam(p, cam->syspath, false) >= 0 || p->ncams >= HP_MAX_CAMERAS)
		return d;
	p->cams[p->ncams++] = *cam;
	d.list_changed = true;
	if (!p->started)
		return d;
	if (p->conn == HP_LOST && p->body_valid && cam_body_matches(&p->body, &b)) {
		d = connect_to(p, cam, true);
	} else if (p->conn == HP_IDLE) {
		d = decide_idle(p, false);
	}
	d.list_changed = true;
	return d;
}

struct hp_decision hp_policy_start(struct hp_policy *p)
{
	struct hp_decision d;

	p->started = true;
	if (p->conn != HP_IDLE) { /* a connection was adopted already */
		d = (struct hp_decision){ .action = HP_NONE };
		d.list_changed = p->ncams > 0;
		return d;
	}
	d = decide_idle(p, true);
	d.list_changed = p->ncams > 0;
	return d;
}

struct hp_decision hp_policy_removed(struct hp_policy *p, const char *syspath)
{
	struct hp_decision d = { .action = HP_NONE };
	int i = find_cam(p, syspath, false);

	if (i < 0)
		return d;
	p->cams[i] = p->cams[--p->ncams]; /* order does not matter: the picker keeps its own */
	d.list_changed = true;
	if (p->conn != HP_IDLE && strcmp(p->current.syspath, syspath) == 0) {
		/* Gone for good from this port: wait for udev, no backoff.  A
		 * camera that never connected is not waited for. */
		p->conn = p->body_valid ? HP_LOST : HP_IDLE;
		d.action = HP_DISCONNECTED;
		d.cam = p->current;
	}
	return d;
}

struct hp_decision hp_policy_choose(struct hp_policy *p, const char *port)
{
	struct hp_decision d = { .action = HP_NONE };
	int i = find_cam(p, port, true);

	if (i < 0)
		return d;
	return connect_to(p, &p->cams[i], false);
}

void hp_policy_connected(struct hp_policy *p)
{
	p->conn = HP_CONNECTED;
	p->body_valid = p->current.syspath[0] != '\0';
	if (p->body_valid)
		p->body = body_of(&p->current);
}

/* Make `port` the current camera: the USB one listed there, else bare. */
static void set_current_port(struct hp_policy *p, const char *port)
{
	int i = find_cam(p, port, true);

	if (i >= 0) {
		p->current = p->cams[i];
		return;
	}
	memset(&p->current, 0, sizeof p->current);
	snprintf(p->current.port, sizeof p->current.port, "%s", port);
}

void hp_policy_adopt(struct hp_policy *p, const char *port)
{
	if (!port)
		port = "";
	p->conn = HP_CONNECTING;
	if (strcmp(port, p->current.port) != 0) {
		p->body_valid = false;
		set_current_port(p, port);
	}
}

void hp_policy_connected_to(struct hp_policy *p, const char *port)
{
	if (port && strcmp(port, p->current.port) != 0)
		set_current_port(p, port);
	hp_policy_connected(p);
}

struct hp_decision hp_policy_connect_failed(struct hp_policy *p)
{
	struct hp_decision d = { .action = HP_NONE };
	bool usb = p->current.syspath[0] != '\0';

	if (p->conn != HP_CONNECTING)
		return d;
	if (!usb && !p->current.port[0] && p->udev) {
		/* Autodetect found nothing, and udev will tell when a camera comes. */
		p->conn = HP_IDLE;
		d.action = p->ncams == 0 ? HP_WAIT : HP_NONE;
		return d;
	}
	if (!usb || p->body_valid) {
		/* A network camera, or a body we had: keep trying / waiting. */
		p->conn = HP_LOST;
		d.action = HP_DISCONNECTED;
		d.cam = p->current;
		d.backoff = !usb || find_cam(p, p->current.syspath, false) >= 0;
		return d;
	}
	p->conn = HP_IDLE;
	if (p->ncams == 0)
		d.action = HP_WAIT;
	return d;
}

struct hp_decision hp_policy_lost(struct hp_policy *p)
{
	struct hp_decision d = { .action = HP_NONE };

	if (p->conn == HP_CONNECTING)
		return hp_policy_connect_failed(p);
	if (p->conn != HP_CONNECTED)
		return d;
	p->conn = HP_LOST;
	d.action = HP_DISCONNECTED;
	d.cam = p->current;
	/* No udev for network cameras; a USB device still present may just
	 * have hiccuped: both are retried on a timer — unless the user said
	 * capa must never connect by itself. */
	d.backoff = !p->no_auto_connect &&
		    (!p->current.syspath[0] || find_cam(p, p->current.syspath, false) >= 0);
	return d;
}

void hp_policy_user_disconnect(struct hp_policy *p)
{
	p->conn = HP_IDLE;
	p->body_valid = false;
	memset(&p->current, 0, sizeof p->current);
	memset(&p->body, 0, sizeof p->body);
}

const char *hp_action_name(enum hp_action a)
{
	static const char *const names[] = {
		[HP_NONE] = "none", [HP_CONNECT] = "connect", [HP_RECONNECT] = "reconnect",
		[HP_PICK] = "pick", [HP_WAIT] = "wait", [HP_DISCONNECTED] = "disconnected",
	};
	return (unsigned)a < sizeof names / sizeof names[0] ? names[a] : "?";
}

const char *hp_conn_name(enum hp_conn c)
{
	static const char *const names[] = {
		[HP_IDLE] = "idle", [HP_CONNECTING] = "connecting",
		[HP_CONNECTED] = "connected", [HP_LOST] = "lost",
	};
	return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "?";
}
