/* Headless mode: commands on stdin, one JSON event per line on stdout.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "headless.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cam-set.h"
#include "command.h"
#include "command-table.h"
#include "config.h"
#include "event.h"
#include "cam-reconnect.h"
#include "hotplug-link.h"
#include "loop.h"

struct headless {
	struct cam_set *w;
	struct hotplug_link *link[CAPA_MAX_CAMERAS]; /* one per camera: each
				   * reconnects its lost camera by itself */
	struct link_target { struct cam_set *set; int camera; } target[CAPA_MAX_CAMERAS];
	int n_links;
	int in;                    /* stdin, shielded from libgphoto2 */
	char buf[8192];
	size_t len;
	bool eof, quit_sent, done;
	bool skip;               /* dropping the rest of a too long line */
	int64_t wait_until;      /* ms, 0 = not waiting */
	struct loop *loop;       /* loop.c, as the UI's */
	bool stdin_watched;
	unsigned timer;          /* the wait's or a link's deadline */
	int signo;               /* the signal that ends capa, 0 */
};

/* Milliseconds on the monotonic clock. */
static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Print one event as a JSON line. */
static void print_event(const struct capa_event *ev)
{
	char *j = event_to_json(ev);
	if (j) {
		fputs(j, stdout);
		fputc('\n', stdout);
		fflush(stdout);
		free(j);
	}
}

/* Report a bad input line. */
static void print_error(const char *what, const char *msg)
{
	struct capa_event *ev = event_new(EV_ERROR);
	if (!ev)
		return;
	event_set(&ev->what, what);
	event_set(&ev->message, msg);
	print_event(ev);
	event_free(ev);
}

/* hotplug_link_ops.send: to the link's own camera. */
static int link_send(void *ud, const struct capa_command *cmd)
{
	const struct link_target *t = ud;
	return cam_set_send_to(t->set, t->camera, cmd);
}

/* Let the links see a command: a camera's link the commands for it. */
static void link_command(struct headless *h, const struct capa_command *c)
{
	for (int i = 0; i < h->n_links; i++)
		if (!c->target || !strcmp(c->target, "all") || atoi(c->target) == i + 1 ||
		    (!strncmp(c->target, "cam", 3) && atoi(c->target + 3) == i + 1))
			hotplug_link_command(h->link[i], c);
}

static void link_emit(void *ud, struct capa_event *ev);

/* A link per camera, each on its camera's port.  0, or -1 (ENOMEM). */
static int start_links(struct headless *h, const struct capa_options *opts)
{
	int n = cam_set_count(h->w);

	for (int i = 0; i < n; i++) {
		struct capa_options o = *opts;
		if (n > 1)
			o.port = opts->ports[i];
		h->target[i] = (struct link_target){ h->w, i + 1 };
		struct hotplug_link_ops ops = { link_send, link_emit, &h->target[i], NULL, NULL };
		h->link[i] = hotplug_link_new(&o, !opts->no_auto_connect, &ops);
		if (!h->link[i])
			return -1;
		h->n_links = i + 1;
	}
	return 0;
}

/* Parse and send one worker command; only an accepted quit ends input. */
static void send_command(struct headless *h, const char *l)
{
	struct capa_command c;
	char err[512];
	int r = command_parse(l, &c, err, sizeof(err));

	if (r < 0)
		print_error("command", err);
	if (r != 0)
		return;
	if (cam_set_send_why(h->w, &c, err, sizeof err) < 0) {
		print_error("command", err);
	} else {
		link_command(h, &c);
		if (c.type == CMD_QUIT)
			h->quit_sent = true;
	}
	command_free(&c);
}

/* Handle one input line: a wait, or a worker command; the command table
 * says which verbs headless mode takes (not theme, bind or q). */
static void line(struct headless *h, const char *l)
{
	const struct cmd_entry *e = cmd_table_verb(l);
	char err[128];
	double s;

	if (e && cmd_refused(e, CF_HEADLESS, err, sizeof err)) {
		print_error("command", err);
		return;
	}
	if (!e || e->run != CR_WAIT) {
		send_command(h, l);
		return;
	}
	if (command_parse_wait(l, &s, err, sizeof err) != 0)
		print_error("command", "usage: wait SECONDS (0 to 86400)");
	else
		h->wait_until = now_ms() + (int64_t)(s * 1000);
}

/* Run the n bytes at the start of the buffer as one line (NUL-terminated
 * at n); a line holding a NUL byte is refused, not cut short there. */
static void run_line(struct headless *h, size_t n)
{
	h->buf[n] = '\0';
	if (memchr(h->buf, '\0', n))
		print_error("command", "input line holds a NUL byte");
	else
		line(h, h->buf);
}

/* Run buffered lines until a wait starts or the buffer is empty. */
static void run_lines(struct headless *h)
{
	char *nl;

	while (!h->quit_sent && !h->wait_until && (nl = memchr(h->buf, '\n', h->len))) {
		if (!h->skip)
			run_line(h, (size_t)(nl - h->buf));
		h->skip = false;
		size_t used = (size_t)(nl - h->buf) + 1;
		memmove(h->buf, nl + 1, h->len - used);
		h->len -= used;
	}
	/* read_stdin keeps a byte for the NUL: a full buffer is a line too
	 * long, whose tail must not run as a command of its own */
	if (h->len == sizeof(h->buf) - 1) {
		if (!h->skip)
			print_error("command", "input line too long");
		h->skip = true;
		h->len = 0;
	}
	if (h->eof && !h->quit_sent && !h->wait_until) {
		if (h->len && !h->skip) { /* a last line without newline */
			size_t n = h->len;
			h->len = 0;
			run_line(h, n);
			if (h->wait_until)
				return;
		}
		if (!h->quit_sent) {
			struct capa_command q = { .type = CMD_QUIT };
			cam_set_send(h->w, &q);
			link_command(h, &q);
			h->quit_sent = true;
		}
	}
}

/* Read what stdin has. */
static void read_stdin(struct headless *h)
{
	ssize_t n = read(h->in, h->buf + h->len, sizeof(h->buf) - 1 - h->len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0)
		h->eof = true;
	else
		h->len += (size_t)n;
}

/* Print every queued event; note the end. */
static void drain_events(struct headless *h)
{
	struct capa_event *ev;
	while ((ev = cam_set_next_event(h->w))) {
		print_event(ev);
		/* each camera's link sees that camera's events */
		int i = ev->camera ? ev->camera - 1 : 0;
		if (i < h->n_links)
			hotplug_link_event(h->link[i], ev);
		if (ev->type == EV_QUIT)
			h->done = true;
		event_free(ev);
	}
}

/* hotplug_link_ops.emit: print the link's own events. */
static void link_emit(void *ud, struct capa_event *ev)
{
	(void)ud;
	print_event(ev);
	event_free(ev);
}

/* loop.c: the cameras' events; EV_QUIT ends the loop. */
static int on_events(void *ud, int fd, short revents)
{
	struct headless *h = ud;

	(void)fd;
	(void)revents;
	if (h->signo)
		return LOOP_QUIT;
	drain_events(h);
	return h->done ? LOOP_QUIT : 0;
}

/* loop.c: SIGTERM, SIGINT, SIGHUP end capa at once (stopped_by_signal). */
static int on_signal(void *ud, int signo)
{
	struct headless *h = ud;

	if (signo == SIGWINCH || signo == SIGCHLD)
		return 0;
	h->signo = signo;
	return LOOP_QUIT;
}

/* loop.c: stdin has bytes (watched only while lines may run). */
static int on_stdin(void *ud, int fd, short revents)
{
	struct headless *h = ud;

	(void)fd;
	(void)revents;
	if (!h->signo)
		read_stdin(h);
	return 0;
}

/* loop.c timer: only wakes the loop; the turn does the work. */
static int on_timer(void *ud)
{
	((struct headless *)ud)->timer = 0;
	return 0;
}

/* Watch stdin while lines may run: not during a wait, after EOF or quit. */
static void watch_stdin(struct headless *h)
{
	bool want = !(h->eof || h->wait_until || h->quit_sent);

	if (want == h->stdin_watched)
		return;
	if (want)
		loop_add_fd(h->loop, h->in, POLLIN, on_stdin, h);
	else
		loop_remove_fd(h->loop, h->in);
	h->stdin_watched = want;
}

/* The next deadline: the running wait's end, or a link's reconnect. */
static void arm_timer(struct headless *h)
{
	int timeout = -1;

	if (h->wait_until) {
		int64_t left = h->wait_until - now_ms();
		timeout = left > 0 ? (int)left : 0;
	}
	for (int i = 0; i < h->n_links; i++) {
		int lt = hotplug_link_timeout(h->link[i]);
		if (lt >= 0 && (timeout < 0 || lt < timeout))
			timeout = lt;
	}
	if (h->timer)
		loop_timer_cancel(h->loop, h->timer);
	h->timer = timeout >= 0 ? loop_timer_add(h->loop, timeout, on_timer, h) : 0;
}

/* loop.c: the end of every turn: links, the wait, the next lines. */
static int on_turn(void *ud)
{
	struct headless *h = ud;

	if (h->signo || h->done)
		return LOOP_QUIT;
	for (int i = 0; i < h->n_links; i++)
		hotplug_link_tick(h->link[i]);
	if (h->wait_until && now_ms() >= h->wait_until)
		h->wait_until = 0;
	run_lines(h);
	watch_stdin(h);
	arm_timer(h);
	return 0;
}

/* The event loop (loop.c).  Returns the exit status. */
static int loop(struct headless *h)
{
	loop_add_fd(h->loop, cam_set_fd(h->w), POLLIN, on_events, h);
	loop_on_signal(h->loop, on_signal, h);
	loop_on_turn(h->loop, on_turn, h);
	on_turn(h); /* lines already buffered, the first watch and timer */
	loop_run(h->loop);
	return h->signo ? 128 + h->signo : 0;
}

/* A signal ends capa at once, even during a long transfer: say so, let
 * the worker end (800 ms at most), print its last events, then what
 * stays owed in the session (the shots still on the camera), and quit. */
static void stopped_by_signal(struct headless *h, int signo)
{
	struct capa_event *ev = event_new(EV_LOG);
	char msg[1400], owed[1200];

	if (ev) {
		ev->level = LOG_LVL_WARN;
		snprintf(msg, sizeof(msg), "stopped by SIG%s", sigabbrev_np(signo));
		event_set(&ev->message, msg);
		print_event(ev);
		event_free(ev);
	}
	cam_set_halt(h->w, 800);
	while ((ev = cam_set_next_event(h->w))) {
		if (ev->type != EV_QUIT) /* ours comes last */
			print_event(ev);
		event_free(ev);
	}
	cam_set_owed_text(h->w, owed, sizeof(owed));
	ev = event_new(EV_LOG);
	if (ev) {
		ev->level = LOG_LVL_WARN;
		snprintf(msg, sizeof(msg), "SIG%s: %s", sigabbrev_np(signo), owed);
		event_set(&ev->message, msg);
		print_event(ev);
		event_free(ev);
	}
	ev = event_new(EV_QUIT);
	if (ev) {
		snprintf(msg, sizeof(msg), "SIG%s", sigabbrev_np(signo));
		event_set(&ev->message, msg);
		print_event(ev);
		event_free(ev);
	}
}

/* config_log_fn: a config file mistake is an error event. */
static void config_error(void *ud, const char *msg)
{
	(void)ud;
	print_error("config", msg);
}

int headless_main(const struct capa_options *cmdline)
{
	struct capa_options o = *cmdline, *opts = &o;
	struct config cfg = { 0 };
	struct headless h = { 0 };
	char err[1024];
	int rc;

	/* as in the UI: libgphoto2 converts camera names to the locale's
	 * charset, and the C locale turns every non-ASCII letter into '?' */
	setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);
	/* the signals go to the loop's signalfd from here on */
	h.loop = loop_new();
	if (!h.loop) {
		fprintf(stderr, "capa: cannot set up the event loop: %s\n", strerror(errno));
		return 1;
	}
	/* the same options as the UI's (UI-only ones are not used here) */
	config_load_options(&cfg, opts, config_error, NULL);
	h.in = reconnect_shield_stdin();
	h.w = cam_set_start(opts, err, sizeof(err));
	if (!h.w) {
		print_error("start", err);
		fprintf(stderr, "capa: %s\n", err);
		config_free(&cfg);
		loop_free(h.loop);
		return 1;
	}
	rc = start_links(&h, opts) == 0 ? loop(&h) : 1;
	if (rc > 128)
		stopped_by_signal(&h, rc - 128);
	cam_set_stop_within(h.w, rc ? 800 : -1); /* halted already after a signal */
	for (int i = 0; i < h.n_links; i++)
		hotplug_link_free(h.link[i]);
	if (h.in > 0)
		close(h.in);
	if (rc == 0)
		fflush(stdout);
	loop_free(h.loop);
	config_free(&cfg);
	return rc;
}
