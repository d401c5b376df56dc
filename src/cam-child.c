/* The camera process: capa re-executed in the worker role.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-child.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cam-worker.h"
#include "command-wire.h"
#include "event-wire.h"
#include "options.h"
#include "sandbox.h"
#include "session.h"

/* Lines from the front end are commands (a few hundred bytes): a longer
 * one is not from capa. */
#define IN_MAX 65536

struct child {
	int fd;                /* the socket to the front end */
	struct cam_worker *w;
	char in[IN_MAX];
	size_t in_len;
	bool eof, quit_seen;
	bool halt;             /* the front end asked to stop now ... */
	int halt_ms;           /* ... waiting this long (-1: for ever) */
};

/* Write all of buf (blocking); -1 when the front end is gone. */
static int put(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Send "KIND TEXT\n". */
static int say(int fd, const char *kind, const char *text)
{
	size_t k = strlen(kind), t = strlen(text);
	char *line = malloc(k + t + 2);
	int rc;

	if (!line)
		return -1;
	memcpy(line, kind, k);
	line[k] = ' ';
	memcpy(line + k + 1, text, t);
	line[k + 1 + t] = '\n';
	rc = put(fd, line, k + t + 2);
	free(line);
	return rc;
}

/* Send every queued event; note the worker's last. */
static void send_events(struct child *c)
{
	struct capa_event *ev;

	while ((ev = cam_worker_next_event(c->w))) {
		char *json = event_wire_encode(ev);
		if (ev->type == EV_QUIT)
			c->quit_seen = true;
		if (json && say(c->fd, "ev", json) < 0)
			c->eof = true;
		free(json);
		event_free(ev);
	}
}

/* One line from the front end. */
static void from_front(struct child *c, char *line, size_t len)
{
	char err[160], buf[64];
	struct capa_command cmd;

	if (len > 4 && memcmp(line, "cmd ", 4) == 0) {
		if (command_wire_decode(line + 4, len - 4, &cmd, err, sizeof err) == 0) {
			cam_worker_send(c->w, &cmd);
			command_free(&cmd);
		}
	} else if (len > 5 && memcmp(line, "ping ", 5) == 0) {
		snprintf(buf, sizeof buf, "%.20s %lld", line + 5,
			 (long long)cam_worker_stuck_ms(c->w));
		if (say(c->fd, "pong", buf) < 0)
			c->eof = true;
	} else if (len >= 4 && memcmp(line, "halt", 4) == 0) {
		c->halt = true;
		c->halt_ms = len > 5 ? atoi(line + 5) : 0;
	}
}

/* Read what the front end sent and act on each whole line. */
static void read_front(struct child *c)
{
	ssize_t n = read(c->fd, c->in + c->in_len, sizeof c->in - c->in_len);
	char *nl;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		c->eof = true;
		return;
	}
	c->in_len += (size_t)n;
	while ((nl = memchr(c->in, '\n', c->in_len))) {
		size_t used = (size_t)(nl - c->in) + 1;
		*nl = '\0';
		from_front(c, c->in, used - 1);
		memmove(c->in, nl + 1, c->in_len - used);
		c->in_len -= used;
	}
	if (c->in_len == sizeof c->in) /* no line is that long: not capa */
		c->eof = true;
}

/* Confine this process before any thread or camera exists; the
 * front end reports what could not be applied (once per capa). */
static void confine(int fd, const char *session_dir)
{
	struct sandbox_paths paths;
	char msg[512], line[600];
	const char *probe = getenv("CAPA_TEST_SANDBOX_PROBE");
	int got;

	sandbox_camera_paths(&paths, session_dir);
	got = sandbox_enter(&paths, msg, sizeof msg);
	snprintf(line, sizeof line, "%d %s", got, msg);
	say(fd, "sandbox", line);
	if (probe && *probe) { /* test only: show what the sandbox refuses */
		sandbox_probe(probe, msg, sizeof msg);
		say(fd, "probe", msg);
	}
}

/* Serve the front end until the worker has quit or the front end is gone. */
static void serve(struct child *c)
{
	while (!c->quit_seen && !c->eof && !c->halt) {
		struct pollfd p[2] = {
			{ .fd = c->fd, .events = POLLIN },
			{ .fd = cam_worker_fd(c->w), .events = POLLIN },
		};
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			send_events(c);
		if (p[0].revents)
			read_front(c);
	}
}

/* Parse the worker role's arguments into o (after FD). */
static int parse(int argc, char **argv, struct capa_options *o, int *fd)
{
	char *end;
	long v;

	if (argc < 4)
		return -1;
	v = strtol(argv[2], &end, 10);
	if (*end || v < 3 || v > 1023)
		return -1;
	*fd = (int)v;
	options_defaults(o);
	v = strtol(argv[3], &end, 10);
	if (*end || v < 0 || v > 64)
		return -1;
	o->camera_index = (int)v;
	argv[3] = argv[0]; /* getopt starts after "argv[0]" */
	return options_parse(o, argc - 3, argv + 3);
}

int cam_child_main(int argc, char **argv)
{
	struct child c = { .halt_ms = 0 };
	struct capa_options o;
	char err[1024], hello[64];

	if (parse(argc, argv, &o, &c.fd) < 0) {
		fprintf(stderr, "capa: %s is started by capa itself\n", CAM_CHILD_FLAG);
		return 2;
	}
	/* dies with the front end, as the worker thread did: a front end
	 * killed hard leaves no process holding the camera (the shot in
	 * flight stays on the card, owed; its part file is stale) */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	setlocale(LC_CTYPE, ""); /* as the front end: camera names in UTF-8 */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN); /* a Ctrl-C is the front end's to handle */
	snprintf(hello, sizeof hello, "capa-camera-process %d %ld", CAM_PROTOCOL, (long)getpid());
	if (say(c.fd, "hello", hello) < 0)
		return 1;
	confine(c.fd, o.session);
	o.hook_script = NULL; /* the front end runs it: exec is refused here */
	o.camera_process = true;  /* the front end holds the session lock */
	c.w = cam_worker_start(&o, err, sizeof err);
	if (!c.w) {
		say(c.fd, "fatal", err);
		return 1;
	}
	serve(&c);
	/* a halt, or the front end gone: end the operation in progress safely */
	if (!c.quit_seen) {
		cam_worker_halt(c.w, c.eof ? 3000 : c.halt_ms);
		send_events(&c);
	}
	if (cam_worker_left_running())
		_exit(0); /* the transfer's temp file is gone; the shot is owed */
	cam_worker_stop(c.w);
	return 0;
}
