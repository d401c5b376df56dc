/* The front end's cameras: one supervised camera process each.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-set.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "cam-guid.h"
#include "cam-hook.h"
#include "cam-proc.h"
#include "session.h"

/* A capture for several cameras fires this long after it is sent: time
 * for every camera process to wake, take its camera's events and list the
 * capture folder, so that all shutters are released at one moment (40 ms
 * was too short for 4 cameras on 2 busy cores; a camera still not ready
 * then says so in the log).  One camera fires at once. */
#define SYNC_LEAD_US 100000

/* CLOCK_MONOTONIC in µs: the clock of a capture's at_us, shared by every
 * process of the machine. */
static int64_t now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

struct cam_set {
	struct session *session; /* opened and locked here, shared by all */
	char *hook;
	struct cam_proc *cam[CAPA_MAX_CAMERAS];
	int n, selected, next;   /* next: where next_event looks first */
	bool quit[CAPA_MAX_CAMERAS]; /* that camera's process has ended */
	bool quit_posted;
	int epfd;                /* every camera's event fd */
	bool halted, cut_short;
};

int cam_set_count(const struct cam_set *s)
{
	return s->n;
}

void cam_set_select(struct cam_set *s, int camera)
{
	if (camera >= 1 && camera <= s->n)
		s->selected = camera;
}

int cam_set_selected(const struct cam_set *s)
{
	return s->selected;
}

int cam_set_fd(const struct cam_set *s)
{
	return s->epfd;
}

struct capa_event *cam_set_next_event(struct cam_set *s)
{
	/* round robin: a busy camera does not starve the others */
	for (int k = 0; k < s->n; k++) {
		int i = (s->next + k) % s->n;
		struct capa_event *ev = cam_proc_next_event(s->cam[i]);
		if (ev && ev->type == EV_QUIT) { /* one quit: when all have */
			s->quit[i] = true;
			event_free(ev);
			k = -1; /* look again: another may have one */
			continue;
		}
		if (ev) {
			s->next = (i + 1) % s->n;
			return ev;
		}
	}
	for (int i = 0; i < s->n; i++)
		if (!s->quit[i])
			return NULL;
	if (s->quit_posted)
		return NULL;
	s->quit_posted = true;
	return event_new(EV_QUIT);
}

/* The camera a target names: 1..N, 0 for all, -1 for none. */
static int resolve(const struct cam_set *s, const char *t)
{
	char *end;
	long v;

	if (!strcmp(t, "all"))
		return 0;
	if (!strncmp(t, "cam", 3))
		t += 3;
	v = strtol(t, &end, 10);
	return *t && !*end && v >= 1 && v <= s->n ? (int)v : -1;
}

/* Do commands of this type go to every camera when none is named? */
static bool for_all(enum capa_command_type t)
{
	return t == CMD_CAPTURE || t == CMD_STOP || t == CMD_RETRY || t == CMD_DISCONNECT ||
	       t == CMD_QUIT;
}

int cam_set_send_to(struct cam_set *s, int n, const struct capa_command *cmd)
{
	if (n < 1 || n > s->n) {
		errno = EINVAL;
		return -1;
	}
	return cam_proc_send(s->cam[n - 1], cmd);
}

int cam_set_send(struct cam_set *s, const struct capa_command *cmd)
{
	int n = cmd->target ? resolve(s, cmd->target) : for_all(cmd->type) ? 0 : s->selected;
	int rc = 0;

	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	if (n > 0)
		return cam_set_send_to(s, n, cmd);
	struct capa_command c = *cmd; /* shares cmd's strings: not freed */
	if (c.type == CMD_CAPTURE && s->n > 1 && !c.at_us)
		c.at_us = now_us() + SYNC_LEAD_US;
	for (int i = 0; i < s->n; i++)
		if (cam_proc_send(s->cam[i], &c) < 0)
			rc = -1;
	return rc;
}

int cam_set_send_why(struct cam_set *s, const struct capa_command *cmd, char *err,
		     size_t errlen)
{
	int r = cam_set_send(s, cmd);

	if (r < 0 && errno == EINVAL)
		snprintf(err, errlen, "no camera \"%.40s\": there %s %d (@1%s, @all)",
			 cmd->target ? cmd->target : "", s->n == 1 ? "is" : "are", s->n,
			 s->n > 1 ? "..@N" : "");
	else if (r < 0)
		snprintf(err, errlen, "the camera process has ended");
	return r;
}

int cam_set_send_line(struct cam_set *s, const char *line, char *err, size_t errlen)
{
	struct capa_command c;
	int r = command_parse(line, &c, err, errlen);

	if (r != 0)
		return r < 0 ? -1 : 0;
	r = cam_set_send_why(s, &c, err, errlen);
	command_free(&c);
	return r;
}

/* The options of camera i: its own port, auto-connect as asked. */
static struct capa_options camera_options(const struct capa_options *o, int i)
{
	struct capa_options c = *o;

	if (o->n_ports > 1)
		c.port = o->ports[i];
	return c;
}

/* Free everything (every camera halted or never started). */
static void set_free(struct cam_set *s)
{
	for (int i = 0; i < s->n; i++)
		cam_proc_stop_within(s->cam[i], 0);
	if (s->epfd >= 0)
		close(s->epfd);
	session_close(s->session);
	free(s->hook);
	free(s);
}

/* Start camera i and watch its events. */
static int start_camera(struct cam_set *s, const struct capa_options *o, int i, char *err,
			size_t errlen)
{
	struct capa_options c = camera_options(o, i);
	struct epoll_event e = { .events = EPOLLIN };

	s->cam[i] = cam_proc_start(&c, s->session, o->n_ports > 1 ? i + 1 : 0, err, errlen);
	if (!s->cam[i])
		return -1;
	s->n = i + 1;
	e.data.u32 = (uint32_t)i;
	if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, cam_proc_fd(s->cam[i]), &e) < 0) {
		snprintf(err, errlen, "cannot watch the camera process: %s", strerror(errno));
		return -1;
	}
	return 0;
}

struct cam_set *cam_set_start(const struct capa_options *opts, char *err, size_t errlen)
{
	struct cam_set *s = calloc(1, sizeof *s);
	int n = opts->n_ports > 1 ? opts->n_ports : 1, rc;

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->selected = 1;
	s->epfd = epoll_create1(EPOLL_CLOEXEC);
	s->hook = opts->hook_script && *opts->hook_script ? strdup(opts->hook_script) : NULL;
	if (s->epfd < 0 || (opts->hook_script && *opts->hook_script && !s->hook)) {
		snprintf(err, errlen, "cannot start the cameras: %s", strerror(errno));
		goto fail;
	}
	s->session = session_open(opts->session, opts->filename, err, errlen);
	if (!s->session)
		goto fail;
	rc = cam_hook_run(s->hook, "init", NULL);
	if (rc != 0) {
		snprintf(err, errlen, "hook script %s %s at init", s->hook,
			 rc < 0 ? "could not run" : "failed");
		goto fail;
	}
	cam_guid_ensure();
	for (int i = 0; i < n; i++)
		if (start_camera(s, opts, i, err, errlen) < 0)
			goto fail;
	cam_hook_run(s->hook, "start", NULL);
	return s;
fail:
	set_free(s);
	return NULL;
}

int cam_set_halt(struct cam_set *s, int ms)
{
	if (!s || s->halted)
		return s && s->cut_short ? -1 : 0;
	/* all are told at once; each then waits out its own grace */
	for (int i = 0; i < s->n; i++)
		cam_proc_halt_ask(s->cam[i], ms);
	for (int i = 0; i < s->n; i++)
		if (cam_proc_halt(s->cam[i], ms) < 0)
			s->cut_short = true;
	s->halted = true;
	cam_hook_run(s->hook, "stop", NULL);
	return s->cut_short ? -1 : 0;
}

void cam_set_stop_within(struct cam_set *s, int ms)
{
	if (!s)
		return;
	cam_set_halt(s, ms);
	set_free(s);
}

int cam_set_owed_text(const struct cam_set *s, char *msg, size_t len)
{
	return cam_proc_owed_text(s->cam[0], msg, len);
}
