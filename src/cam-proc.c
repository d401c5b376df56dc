/* The front end's handle on one camera: a supervised camera process.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cam-child.h"
#include "cam-guid.h"
#include "cam-hook.h"
#include "command-wire.h"
#include "event-queue.h"
#include "event-wire.h"
#include "session.h"

extern char **environ;

#define CRASH_WINDOW_MS 60000 /* this many deaths within it ... */
#define CRASH_LIMIT 3         /* ... and capa stops reconnecting by itself */

struct cam_proc {
	/* set at start, read-only after */
	struct session *session;  /* the set's (it holds the lock); borrowed */
	int index;                /* the camera's number, 0 when it is the only one */
	char *pattern, *model, *port, *hook;
	char exe[4096];           /* capa's own path (argv[0] of the child) */
	char index_text[16];
	bool keep, auto_connect;
	int ping_ms, dead_ms, stuck_ms;
	pthread_t thread;
	bool started;

	/* shared, under lock */
	pthread_mutex_t lock;
	struct event_queue events; /* to the front end (cam_proc_fd) */
	char *out;                /* lines for the process, not yet sent */
	size_t out_len, out_cap;
	int halt_ms;              /* -2: none asked; -1: wait for ever */
	bool ended;               /* no process will run again */
	int wake_efd;             /* wakes the supervisor: lines to send, halt */

	/* supervisor thread only */
	pid_t pid;
	int sock, errfd, pidfd;
	char *in;                 /* bytes from the process, up to a line */
	size_t in_len;
	char err_line[512];       /* its last line on stderr */
	char *conn_model, *conn_port; /* the camera it is connected to */
	bool connected, quit_sent, quit_seen, hello, halting;
	int64_t ping_sent, next_ping, halt_deadline;
	long long ping_seq, pong_seq;
	char kill_reason[240];    /* why the supervisor killed it */
	int64_t deaths[CRASH_LIMIT];
	unsigned n_deaths;
	bool sandbox_said;
	bool cut_short;           /* killed at the halt's deadline */
	uint64_t id_offset, max_id; /* file ids across restarts (forward) */
};

/* Monotonic milliseconds. */
static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A positive integer from the environment (tests shorten the limits). */
static int env_ms(const char *name, int def)
{
	const char *s = getenv(name);
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;

	return s && *s && !*end && v > 0 && v < 86400000 ? (int)v : def;
}

/* Queue an event for the front end (supervisor thread). */
static void post(struct cam_proc *p, struct capa_event *ev)
{
	event_queue_push(&p->events, ev);
}

/* Post a log line of the supervisor's own. */
static void say(struct cam_proc *p, enum capa_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct cam_proc *p, enum capa_log_level lvl, const char *fmt, ...)
{
	struct capa_event *ev = event_new(EV_LOG);
	char buf[1024];
	va_list ap;

	if (!ev)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ev->level = lvl;
	event_set(&ev->message, buf);
	post(p, ev);
}

/* Append one line for the process (any thread; lock held by caller). */
static int queue_line(struct cam_proc *p, const char *kind, const char *text)
{
	size_t k = strlen(kind), t = text ? strlen(text) : 0, need = k + 1 + t + 1;

	if (p->out_len + need > p->out_cap) {
		size_t cap = (p->out_len + need) * 2;
		char *o = realloc(p->out, cap);
		if (!o)
			return -1;
		p->out = o;
		p->out_cap = cap;
	}
	memcpy(p->out + p->out_len, kind, k);
	p->out_len += k;
	if (text) {
		p->out[p->out_len++] = ' ';
		memcpy(p->out + p->out_len, text, t);
		p->out_len += t;
	}
	p->out[p->out_len++] = '\n';
	return 0;
}

/* ---- starting a process ---------------------------------------------- */

/* argv for the worker role; strings point into p or buffers of the caller. */
static void child_argv(struct cam_proc *p, bool connect, char *fdtext, const char **argv)
{
	int n = 0;

	argv[n++] = p->exe; /* the name in ps, and in the loader's traces */
	argv[n++] = CAM_CHILD_FLAG;
	argv[n++] = fdtext;
	argv[n++] = p->index_text;
	argv[n++] = "--session";
	argv[n++] = p->session->dir;
	if (p->pattern) {
		argv[n++] = "--filename";
		argv[n++] = p->pattern;
	}
	if (p->keep)
		argv[n++] = "--keep";
	const char *model = p->conn_model ? p->conn_model : p->model;
	const char *port = p->conn_port ? p->conn_port : p->port;
	/* the default for a bare `connect` too */
	if (model) {
		argv[n++] = "--camera";
		argv[n++] = model;
	}
	if (port) {
		argv[n++] = "--port";
		argv[n++] = port;
	}
	if (!connect)
		argv[n++] = "--no-auto-connect";
	argv[n] = NULL;
}

/* The environment plus LIBC_FATAL_STDERR_=1: glibc's fortify messages
 * go to stderr (our pipe), not to the terminal behind the UI. */
static char **child_env(void)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = calloc(n + 2, sizeof *env);
	if (!env)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LIBC_FATAL_STDERR_=", 19))
			env[k++] = environ[i];
	env[k++] = (char *)"LIBC_FATAL_STDERR_=1"; /* execve's type; never written */
	env[k] = NULL;
	return env;
}

/* posix_spawn the worker role with sv as fd 3 (or 4), stderr into ep,
 * stdin and stdout on /dev/null, in its own process group (a Ctrl-C at
 * the terminal is the front end's), no signal blocked. */
static int spawn(struct cam_proc *p, bool connect, int sv, int ep)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, def;
	int target = sv == 3 ? 4 : 3, rc;
	char fdtext[16];
	const char *argv[20];
	char **env = child_env();

	if (!env)
		return ENOMEM;
	snprintf(fdtext, sizeof fdtext, "%d", target);
	child_argv(p, connect, fdtext, argv);
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, ep, 2);
	posix_spawn_file_actions_adddup2(&fa, sv, target);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
				      POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setpgroup(&at, 0);
	rc = posix_spawn(&p->pid, "/proc/self/exe", &fa, &at, (char **)argv, env);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	return rc;
}

/* Start a camera process; false (with a log line) when it cannot be. */
static bool launch(struct cam_proc *p, bool connect)
{
	int sv[2], ep[2] = { -1, -1 }, rc = 0;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		say(p, LOG_LVL_ERROR, "cannot start a camera process: %s", strerror(errno));
		return false;
	}
	if (pipe2(ep, O_CLOEXEC) < 0 || (rc = spawn(p, connect, sv[1], ep[1])) != 0) {
		say(p, LOG_LVL_ERROR, "cannot start a camera process: %s",
		    strerror(ep[0] < 0 ? errno : rc));
		close(sv[0]);
		close(sv[1]);
		if (ep[0] >= 0) {
			close(ep[0]);
			close(ep[1]);
		}
		return false;
	}
	close(sv[1]);
	close(ep[1]);
	p->sock = sv[0];
	p->errfd = ep[0];
	p->id_offset = p->max_id;
	fcntl(p->sock, F_SETFL, O_NONBLOCK);
	fcntl(p->errfd, F_SETFL, O_NONBLOCK);
	p->pidfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
	p->in_len = 0;
	p->err_line[0] = '\0';
	p->kill_reason[0] = '\0';
	p->hello = p->quit_seen = false;
	p->ping_sent = 0;
	p->next_ping = now_ms() + p->ping_ms;
	p->pong_seq = p->ping_seq;
	return true;
}

/* ---- lines from the process ------------------------------------------- */

/* Keep what a restart needs to know from an event. */
static void track(struct cam_proc *p, const struct capa_event *ev)
{
	if (ev->type == EV_CONNECTED) {
		/* a camera process of an earlier capa killed in a transfer is
		 * surely gone by now: its part file goes (a sandboxed process
		 * cannot tell whether another process lives) */
		session_remove_stale_parts(p->session);
		free(p->conn_model);
		free(p->conn_port);
		p->conn_model = ev->model ? strdup(ev->model) : NULL;
		p->conn_port = ev->port ? strdup(ev->port) : NULL;
		p->connected = true;
	} else if (ev->type == EV_DISCONNECTED) {
		p->connected = false;
	} else if (ev->type == EV_QUIT) {
		p->quit_seen = true;
	}
}

/* Hand an event on; a saved file runs the hook (after, as gphoto2 does). */
static void forward(struct cam_proc *p, struct capa_event *ev)
{
	char *path = NULL;

	/* a process started again numbers its files from 1: ids go on from
	 * the last one's, so a front end never takes a new file for an old */
	if (ev->id) {
		ev->id += p->id_offset;
		if (ev->id > p->max_id)
			p->max_id = ev->id;
	}
	track(p, ev);
	if (ev->type == EV_FILE_SAVED && ev->path && p->hook)
		path = strdup(ev->path);
	if (ev->type == EV_QUIT)
		event_free(ev); /* the supervisor's own EV_QUIT comes last */
	else
		post(p, ev);
	if (path && cam_hook_run(p->hook, "download", path) != 0)
		say(p, LOG_LVL_WARN, "hook script failed for %s", path);
	free(path);
}

/* The process said which sandbox is in force: what is missing is said
 * once per capa (a confined process is the normal case, not news). */
static void sandbox_line(struct cam_proc *p, const char *text)
{
	char *rest;

	strtol(text, &rest, 10);
	if (*rest == ' ')
		rest++;
	if (p->sandbox_said || !*rest)
		return;
	p->sandbox_said = true;
	say(p, LOG_LVL_WARN, "camera process sandbox: %s", rest);
}

/* Kill the process for `reason` (it is reaped when its pidfd fires). */
static void kill_child(struct cam_proc *p, const char *reason)
{
	if (!p->kill_reason[0])
		snprintf(p->kill_reason, sizeof p->kill_reason, "%.200s", reason);
	kill(p->pid, SIGKILL);
}

/* One whole line from the process. */
static void from_child(struct cam_proc *p, char *line, size_t len)
{
	char err[200];

	if (len > 3 && memcmp(line, "ev ", 3) == 0) {
		struct capa_event *ev = event_wire_decode(line + 3, len - 3, err, sizeof err);
		if (ev)
			forward(p, ev);
		else
			kill_child(p, "it sent a malformed event");
	} else if (len > 5 && memcmp(line, "pong ", 5) == 0) {
		char *end;
		long long seq = strtoll(line + 5, &end, 10), stuck = strtoll(end, NULL, 10);
		if (seq == p->ping_seq)
			p->ping_sent = 0;
		if (stuck > p->stuck_ms) {
			snprintf(err, sizeof err, "it was stuck in one camera call for %lld s",
				 stuck / 1000);
			kill_child(p, err);
		}
	} else if (len > 6 && memcmp(line, "hello ", 6) == 0) {
		int version = 0;
		if (sscanf(line + 6, "capa-camera-process %d", &version) != 1 ||
		    version != CAM_PROTOCOL) {
			say(p, LOG_LVL_ERROR, "the camera process speaks another protocol (%.40s); "
			    "capa was updated while running? start capa again", line + 6);
			pthread_mutex_lock(&p->lock);
			p->ended = true;
			pthread_mutex_unlock(&p->lock);
			kill_child(p, "protocol mismatch");
		}
		p->hello = true;
	} else if (len > 8 && memcmp(line, "sandbox ", 8) == 0) {
		sandbox_line(p, line + 8);
	} else if (len > 6 && memcmp(line, "probe ", 6) == 0) {
		say(p, LOG_LVL_INFO, "sandbox probe: %s", line + 6);
	} else if (len > 6 && memcmp(line, "fatal ", 6) == 0) {
		struct capa_event *ev = event_new(EV_ERROR);
		if (ev) {
			event_set(&ev->what, "camera-process");
			event_set(&ev->message, line + 6);
			post(p, ev);
		}
		pthread_mutex_lock(&p->lock);
		p->ended = true; /* it cannot start: another would not either */
		pthread_mutex_unlock(&p->lock);
	} else {
		kill_child(p, "it sent a line that is not the protocol");
	}
}

/* Read what the process wrote; act on whole lines. */
static void read_child(struct cam_proc *p, bool *eof)
{
	for (;;) {
		size_t cap = EVENT_WIRE_MAX + 64;
		if (!p->in && !(p->in = malloc(cap)))
			return;
		ssize_t n = read(p->sock, p->in + p->in_len, cap - p->in_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			*eof = true;
			return;
		}
		p->in_len += (size_t)n;
		char *start = p->in, *nl;
		while ((nl = memchr(start, '\n', p->in_len - (size_t)(start - p->in)))) {
			*nl = '\0';
			from_child(p, start, (size_t)(nl - start));
			start = nl + 1;
		}
		p->in_len -= (size_t)(start - p->in);
		memmove(p->in, start, p->in_len);
		if (p->in_len == cap) {
			kill_child(p, "it sent a line over the protocol's bound");
			p->in_len = 0;
		}
	}
}

/* Pass the process's stderr on to ours (the UI's log, or the terminal
 * in headless mode), keeping its last line for the death report. */
static void read_stderr(struct cam_proc *p)
{
	char buf[2048];
	ssize_t n;

	while ((n = read(p->errfd, buf, sizeof buf)) > 0) {
		(void)!write(STDERR_FILENO, buf, (size_t)n);
		/* the last non-empty line of this chunk */
		size_t e = (size_t)n;
		while (e && (buf[e - 1] == '\n' || buf[e - 1] == '\r'))
			e--;
		size_t b = e;
		while (b && buf[b - 1] != '\n')
			b--;
		if (e > b)
			snprintf(p->err_line, sizeof p->err_line, "%.*s", (int)(e - b), buf + b);
	}
}

/* ---- the supervisor loop ------------------------------------------------ */

/* Send queued lines, take a halt request. */
static void write_child(struct cam_proc *p)
{
	pthread_mutex_lock(&p->lock);
	if (p->halt_ms != -2 && !p->halting) {
		char ms[16];
		p->halting = true;
		p->halt_deadline = p->halt_ms < 0 ? 0 : now_ms() + p->halt_ms;
		snprintf(ms, sizeof ms, "%d", p->halt_ms);
		queue_line(p, "halt", ms);
	}
	while (p->out_len) {
		ssize_t n = send(p->sock, p->out, p->out_len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n <= 0)
			break;
		memmove(p->out, p->out + n, p->out_len - (size_t)n);
		p->out_len -= (size_t)n;
	}
	pthread_mutex_unlock(&p->lock);
}

/* Heartbeat and deadlines; returns the poll timeout. */
static int tick(struct cam_proc *p)
{
	int64_t t = now_ms(), next;
	char ping[32];

	if (p->halting && p->halt_deadline && t >= p->halt_deadline && !p->cut_short) {
		p->cut_short = true;
		kill_child(p, "it did not stop in time");
		p->halt_deadline = 0; /* killed: its pidfd ends the wait */
	}
	if (p->ping_sent && t - p->ping_sent >= p->dead_ms) {
		char why[80];
		snprintf(why, sizeof why, "it %s for %d s", p->hello ? "stopped answering" :
			 "did not start", p->dead_ms / 1000);
		kill_child(p, why);
		p->ping_sent = 0; /* killed: its pidfd ends the wait */
		p->next_ping = INT64_MAX;
	}
	if (t >= p->next_ping && !p->ping_sent) {
		snprintf(ping, sizeof ping, "%lld", ++p->ping_seq);
		pthread_mutex_lock(&p->lock);
		queue_line(p, "ping", ping);
		pthread_mutex_unlock(&p->lock);
		p->ping_sent = t;
		p->next_ping = t + p->ping_ms;
	}
	next = p->ping_sent ? p->ping_sent + p->dead_ms : p->next_ping;
	if (p->halting && p->halt_deadline && p->halt_deadline < next)
		next = p->halt_deadline;
	if (next <= t)
		return 0;
	return next - t > 60000 ? 60000 : (int)(next - t);
}

/* Serve one process until it has ended (its pidfd fired). */
static void serve(struct cam_proc *p)
{
	bool eof = false;

	for (;;) {
		int timeout = tick(p);
		write_child(p);
		pthread_mutex_lock(&p->lock);
		short out = p->out_len ? POLLOUT : 0;
		pthread_mutex_unlock(&p->lock);
		struct pollfd f[4] = {
			{ .fd = eof ? -1 : p->sock, .events = (short)(POLLIN | out) },
			{ .fd = p->errfd, .events = POLLIN },
			{ .fd = p->wake_efd, .events = POLLIN },
			{ .fd = p->pidfd, .events = POLLIN },
		};
		if (poll(f, 4, timeout) < 0 && errno != EINTR)
			break;
		if (f[2].revents)
			efd_clear(p->wake_efd);
		if (f[0].revents & (POLLIN | POLLHUP | POLLERR))
			read_child(p, &eof);
		if (f[1].revents)
			read_stderr(p);
		if (f[3].revents || (p->pidfd < 0 && eof))
			break;
	}
	read_child(p, &eof); /* what it wrote before it ended */
	read_stderr(p);
}

/* How the process ended, in words: "killed by SIGABRT (last words)". */
static void death_words(struct cam_proc *p, int st, char *out, size_t len)
{
	int n;

	if (WIFSIGNALED(st))
		n = snprintf(out, len, "killed by SIG%s", sigabbrev_np(WTERMSIG(st)) ?
			     sigabbrev_np(WTERMSIG(st)) : "?");
	else
		n = snprintf(out, len, "exit status %d", WEXITSTATUS(st));
	if (p->kill_reason[0] && n > 0 && (size_t)n < len)
		n += snprintf(out + n, len - (size_t)n, " by capa: %s", p->kill_reason);
	if (p->err_line[0] && n > 0 && (size_t)n < len)
		snprintf(out + n, len - (size_t)n, " (it said: %s)", p->err_line);
}

/* Count a death; true when there were too many in the window. */
static bool too_many_deaths(struct cam_proc *p)
{
	int64_t t = now_ms();

	memmove(p->deaths + 1, p->deaths, sizeof p->deaths - sizeof p->deaths[0]);
	p->deaths[0] = t;
	if (p->n_deaths < CRASH_LIMIT)
		p->n_deaths++;
	return p->n_deaths == CRASH_LIMIT && t - p->deaths[CRASH_LIMIT - 1] < CRASH_WINDOW_MS;
}

/* Reap the process; close its fds; remove the temp file it left. */
static int reap(struct cam_proc *p)
{
	int st = 0;

	while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR)
		;
	close(p->sock);
	close(p->errfd);
	if (p->pidfd >= 0)
		close(p->pidfd);
	p->sock = p->errfd = p->pidfd = -1;
	p->pid = 0;
	session_remove_stale_parts(p->session);
	return st;
}

/* The process died without being asked to: say why, start another. */
static bool restart(struct cam_proc *p, int st)
{
	char why[800];
	bool reconnect = p->connected || (p->auto_connect && !p->conn_port);

	death_words(p, st, why, sizeof why);
	if (too_many_deaths(p)) {
		struct capa_event *ev = event_new(EV_ERROR);
		say(p, LOG_LVL_ERROR, "camera process ended: %s", why);
		if (ev) {
			event_set(&ev->what, "camera-process");
			event_set(&ev->message, "the camera process ended 3 times within a minute; "
				  "capa does not reconnect by itself");
			event_set(&ev->hint, "check the camera, then connect again (command: connect)");
			post(p, ev);
		}
		if (p->connected) {
			struct capa_event *d = event_new(EV_DISCONNECTED);
			if (d && event_set(&d->message, "the camera process keeps ending") == 0)
				post(p, d);
			else
				event_free(d);
		}
		p->connected = false;
		reconnect = false;
		p->n_deaths = 0;
	} else {
		say(p, LOG_LVL_ERROR, "camera process ended: %s; starting it again%s", why,
		    reconnect ? ", it reconnects and fetches what is owed" : "");
	}
	return launch(p, reconnect);
}

/* The supervisor thread: one process after another until halted or quit. */
static void *supervise(void *arg)
{
	struct cam_proc *p = arg;

	for (;;) {
		serve(p);
		int st = reap(p);
		pthread_mutex_lock(&p->lock);
		bool over = p->ended || p->halting || p->quit_seen ||
			    (p->quit_sent && !p->out_len);
		pthread_mutex_unlock(&p->lock);
		if (over && p->kill_reason[0] && !p->halting) {
			char why[800];
			death_words(p, st, why, sizeof why);
			say(p, LOG_LVL_ERROR, "camera process ended: %s", why);
		}
		if (over || !restart(p, st))
			break;
	}
	pthread_mutex_lock(&p->lock);
	p->ended = true;
	pthread_mutex_unlock(&p->lock);
	post(p, event_new(EV_QUIT));
	return NULL;
}

/* ---- the front end's side ------------------------------------------------ */

/* Free everything (thread joined or never started). */
static void proc_free(struct cam_proc *p)
{
	event_queue_destroy(&p->events);
	if (p->wake_efd >= 0)
		close(p->wake_efd);
	pthread_mutex_destroy(&p->lock);
	free(p->pattern);
	free(p->model);
	free(p->port);
	free(p->hook);
	free(p->conn_model);
	free(p->conn_port);
	free(p->out);
	free(p->in);
	free(p);
}

/* Copy the options the supervisor keeps; -1 on ENOMEM. */
static int copy_options(struct cam_proc *p, const struct capa_options *o)
{
	p->keep = o->keep;
	p->auto_connect = !o->no_auto_connect;
	p->pattern = o->filename && *o->filename ? strdup(o->filename) : NULL;
	p->model = o->camera ? strdup(o->camera) : NULL;
	p->port = o->port ? strdup(o->port) : NULL;
	p->hook = o->hook_script && *o->hook_script ? strdup(o->hook_script) : NULL;
	return (o->filename && *o->filename && !p->pattern) || (o->camera && !p->model) ||
	       (o->port && !p->port) || (o->hook_script && *o->hook_script && !p->hook) ? -1 : 0;
}

struct cam_proc *cam_proc_start(const struct capa_options *opts, struct session *session,
				int index, char *err, size_t errlen)
{
	struct cam_proc *p = calloc(1, sizeof *p);
	sigset_t all, old;
	int rc;

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	p->halt_ms = -2;
	p->sock = p->errfd = p->pidfd = -1;
	p->ping_ms = env_ms("CAPA_PING_MS", 1000);
	p->dead_ms = env_ms("CAPA_DEAD_MS", 10000);
	p->stuck_ms = env_ms("CAPA_STUCK_MS", 120000);
	p->events.fd = -1;
	p->wake_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (event_queue_init(&p->events) < 0 || p->wake_efd < 0 || copy_options(p, opts) < 0) {
		snprintf(err, errlen, "cannot start the camera process: %s", strerror(errno));
		goto fail;
	}
	p->session = session;
	p->index = index;
	snprintf(p->index_text, sizeof p->index_text, "%d", index);
	ssize_t n = readlink("/proc/self/exe", p->exe, sizeof p->exe - 1);
	snprintf(p->exe + (n > 0 ? n : 0), sizeof p->exe - (size_t)(n > 0 ? n : 0), "%s",
		 n > 0 ? "" : "capa");
	if (!launch(p, p->auto_connect)) {
		snprintf(err, errlen, "cannot start the camera process");
		goto fail;
	}
	/* the supervisor takes no signal: the front end's loop does */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&p->thread, NULL, supervise, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		kill(p->pid, SIGKILL);
		reap(p);
		snprintf(err, errlen, "cannot start the camera process: %s", strerror(rc));
		goto fail;
	}
	p->started = true;
	return p;
fail:
	proc_free(p);
	return NULL;
}

int cam_proc_fd(const struct cam_proc *p)
{
	return p->events.fd;
}

struct capa_event *cam_proc_next_event(struct cam_proc *p)
{
	return event_queue_pop(&p->events);
}

int cam_proc_send(struct cam_proc *p, const struct capa_command *cmd)
{
	char *json = command_wire_encode(cmd);
	int rc = -1;

	if (!json)
		return -1;
	pthread_mutex_lock(&p->lock);
	if (!p->ended && p->halt_ms == -2) {
		rc = queue_line(p, "cmd", json);
		if (rc == 0 && cmd->type == CMD_QUIT)
			p->quit_sent = true;
	}
	pthread_mutex_unlock(&p->lock);
	free(json);
	if (rc == 0)
		efd_raise(p->wake_efd);
	return rc;
}

int cam_proc_send_line(struct cam_proc *p, const char *line, char *err, size_t errlen)
{
	struct capa_command c;
	int r = command_parse(line, &c, err, errlen);

	if (r != 0)
		return r < 0 ? -1 : 0;
	r = cam_proc_send(p, &c);
	if (r < 0)
		snprintf(err, errlen, "the camera process has ended");
	command_free(&c);
	return r;
}

void cam_proc_halt_ask(struct cam_proc *p, int ms)
{
	if (!p || !p->started)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->halt_ms == -2)
		p->halt_ms = ms;
	pthread_mutex_unlock(&p->lock);
	efd_raise(p->wake_efd);
}

int cam_proc_halt(struct cam_proc *p, int ms)
{
	if (!p || !p->started)
		return 0;
	cam_proc_halt_ask(p, ms);
	pthread_join(p->thread, NULL);
	p->started = false;
	return p->cut_short ? -1 : 0;
}

void cam_proc_stop_within(struct cam_proc *p, int ms)
{
	if (!p)
		return;
	cam_proc_halt(p, ms);
	proc_free(p);
}

void cam_proc_stop(struct cam_proc *p)
{
	cam_proc_stop_within(p, -1);
}

int cam_proc_owed_text(const struct cam_proc *p, char *msg, size_t len)
{
	return session_owed_text(p->session->dir, msg, len);
}
