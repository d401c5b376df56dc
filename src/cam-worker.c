/* The camera worker thread: queues, the loop, start and stop.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-worker.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "cam-internal.h"

/* Monotonic milliseconds. */
static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void cam_beat(struct cam_worker *w)
{
	atomic_store(&w->beat_ms, now_ms());
}

int64_t cam_worker_stuck_ms(struct cam_worker *w)
{
	long long beat = atomic_load(&w->beat_ms);
	return beat ? now_ms() - beat : 0;
}

void cam_post(struct cam_worker *w, struct capa_event *ev)
{
	if (!ev)
		return;
	ev->camera = w->camera;
	cam_beat(w);
	event_queue_push(&w->events, ev);
}

void cam_log(struct cam_worker *w, enum capa_log_level lvl, const char *fmt, ...)
{
	struct capa_event *ev = event_new(EV_LOG);
	va_list ap;
	char buf[1024];

	if (!ev)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ev->level = lvl;
	event_set(&ev->message, buf);
	cam_post(w, ev);
}

struct capa_event *cam_worker_next_event(struct cam_worker *w)
{
	return event_queue_pop(&w->events);
}

int cam_worker_fd(const struct cam_worker *w)
{
	return w->events.fd;
}

/* Take a `stop` at once (never queued behind the command it must end):
 * queued captures go now, the running sequence ends after its shot in
 * progress (capture_sequence), an idle worker says there is nothing. */
static void request_stop(struct cam_worker *w)
{
	struct cmd_node **pp, *last = NULL;

	pthread_mutex_lock(&w->lock);
	for (pp = &w->cmd_head; *pp;) {
		struct cmd_node *n = *pp;
		if (n->cmd.type != CMD_CAPTURE) {
			last = n;
			pp = &n->next;
			continue;
		}
		*pp = n->next;
		w->stop_dropped += n->cmd.count;
		command_free(&n->cmd);
		free(n);
	}
	w->cmd_tail = last;
	w->stop_asked = true;
	efd_raise(w->cmd_efd);
	pthread_mutex_unlock(&w->lock);
}

/* Take a pending stop request, with the queued shots it dropped. */
static bool take_stop(struct cam_worker *w, unsigned *dropped)
{
	bool asked;

	pthread_mutex_lock(&w->lock);
	asked = w->stop_asked;
	*dropped = w->stop_dropped;
	w->stop_asked = false;
	w->stop_dropped = 0;
	pthread_mutex_unlock(&w->lock);
	return asked;
}

int cam_worker_send(struct cam_worker *w, const struct capa_command *cmd)
{
	if (cmd->type == CMD_STOP) {
		request_stop(w);
		return 0;
	}
	struct cmd_node *n = calloc(1, sizeof(*n));

	if (!n || command_copy(&n->cmd, cmd) < 0) {
		free(n);
		return -1;
	}
	pthread_mutex_lock(&w->lock);
	if (w->cmd_tail)
		w->cmd_tail->next = n;
	else
		w->cmd_head = n;
	w->cmd_tail = n;
	efd_raise(w->cmd_efd);
	pthread_mutex_unlock(&w->lock);
	return 0;
}

int cam_worker_send_line(struct cam_worker *w, const char *line, char *err, size_t errlen)
{
	struct capa_command c;
	int r = command_parse(line, &c, err, errlen);

	if (r != 0)
		return r < 0 ? -1 : 0;
	r = cam_worker_send(w, &c);
	if (r < 0)
		snprintf(err, errlen, "out of memory");
	command_free(&c);
	return r;
}

/* Take the next command, or NULL. */
static struct cmd_node *next_command(struct cam_worker *w)
{
	struct cmd_node *n;

	pthread_mutex_lock(&w->lock);
	n = w->cmd_head;
	if (n) {
		w->cmd_head = n->next;
		if (!w->cmd_head)
			w->cmd_tail = NULL;
	}
	if (!w->cmd_head)
		efd_clear(w->cmd_efd);
	pthread_mutex_unlock(&w->lock);
	return n;
}

bool cam_command_waiting(struct cam_worker *w)
{
	bool r;
	pthread_mutex_lock(&w->lock);
	r = w->cmd_head != NULL || w->stop_asked;
	pthread_mutex_unlock(&w->lock);
	return r || atomic_load(&w->stop);
}

void cam_pause(struct cam_worker *w, int ms)
{
	struct pollfd p = { .fd = w->cmd_efd, .events = POLLIN };
	if (ms > 0)
		poll(&p, 1, ms);
}

/* Say that a stop ended a sequence after `taken` of `count` shots. */
static void post_stopped(struct cam_worker *w, unsigned taken, unsigned count, unsigned dropped)
{
	char msg[160];
	struct capa_event *ev = event_new(EV_CAPTURE_STOPPED);

	if (!ev)
		return;
	ev->done = taken;
	ev->total = count;
	ev->bytes = dropped;
	if (count)
		snprintf(msg, sizeof msg, "stopped after %u of %u shots", taken, count);
	else
		snprintf(msg, sizeof msg, "stopped before the shots began");
	if (dropped)
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
			 "; %u queued shot%s dropped", dropped, dropped == 1 ? "" : "s");
	event_set(&ev->message, msg);
	cam_post(w, ev);
}

/* Fire `count` shots, each downloaded before the next; a stop request
 * ends the sequence after the shot in progress. */
static void capture_sequence(struct cam_worker *w, unsigned count, int64_t at_us)
{
	unsigned i, dropped;

	for (i = 0; i < count && !atomic_load(&w->stop); i++) {
		if (take_stop(w, &dropped)) {
			post_stopped(w, i, count, dropped);
			return;
		}
		if (cam_capture(w, i == 0 ? at_us : 0) < 0 || cam_download_all(w) < 0)
			break;
	}
	/* a stop during the last shot still gets its answer */
	if (take_stop(w, &dropped))
		post_stopped(w, i, count, dropped);
}

/* A stop came while no sequence ran: it dropped queued shots, or there
 * was nothing to stop. */
static void idle_stop(struct cam_worker *w)
{
	unsigned dropped;

	if (!take_stop(w, &dropped))
		return;
	if (dropped)
		post_stopped(w, 0, 0, dropped);
	else
		cam_log(w, LOG_LVL_INFO, "stop: no capture sequence is running");
}

/* Carry out one command. */
static void handle(struct cam_worker *w, const struct capa_command *c)
{
	w->gp_error[0] = '\0'; /* words of an earlier failure are not this one's */
	if (!w->cam && (c->type == CMD_CAPTURE || c->type == CMD_SET || c->type == CMD_GET ||
			c->type == CMD_CONFIG)) {
		struct capa_event *ev = event_new(EV_ERROR);
		if (ev) {
			event_set(&ev->what, "no-camera");
			event_set(&ev->message, "no camera is connected");
			event_set(&ev->hint, "connect one (command: connect [PORT [MODEL]])");
			cam_post(w, ev);
		}
		return;
	}
	switch (c->type) {
	case CMD_CONNECT:
		cam_disconnect(w, "reconnecting");
		if (cam_connect(w, c->model ? c->model : (c->port ? NULL : w->model),
				c->port ? c->port : w->port) == 0) {
			cam_report_status(w);
			cam_queue_ledger(w);
		}
		break;
	case CMD_DISCONNECT:
		cam_disconnect(w, "asked to disconnect");
		break;
	case CMD_CAPTURE:
		capture_sequence(w, c->count, c->at_us);
		break;
	case CMD_SET:
		cam_config_set(w, c->key, c->value);
		break;
	case CMD_GET:
		cam_config_get(w, c->key);
		break;
	case CMD_CONFIG:
		cam_config_dump(w);
		break;
	case CMD_RETRY:
		cam_retry_owed(w);
		break;
	case CMD_QUIT:
		w->quitting = true;
		break;
	default:
		break;
	}
}

/* Monitor the camera (or idle) until a command comes. */
static void idle(struct cam_worker *w)
{
	if (!w->cam) {
		struct pollfd p = { .fd = w->cmd_efd, .events = POLLIN };
		atomic_store(&w->beat_ms, 0); /* waiting is not being stuck */
		poll(&p, 1, -1);
		cam_beat(w);
		return;
	}
	if (cam_drain(w, 250) < 0)
		cam_disconnect(w, "the camera stopped answering");
	else if (w->events_lost)
		cam_rescan(w);
	else if (w->config_dirty)
		cam_config_refresh(w);
}

/* The worker thread. */
static void *worker_main(void *arg)
{
	struct cam_worker *w = arg;
	struct cmd_node *n;

	while (!atomic_load(&w->stop)) {
		cam_beat(w);
		idle_stop(w);
		if (!w->quitting && (n = next_command(w))) {
			handle(w, &n->cmd);
			command_free(&n->cmd);
			free(n);
			continue;
		}
		if (w->todo) {
			if (cam_download_all(w) < 0)
				cam_disconnect(w, "the camera went away during a download");
			continue;
		}
		if (w->quitting)
			break;
		idle(w);
	}
	cam_report_owed(w);
	cam_disconnect(w, "capa is stopping");
	cam_post(w, event_new(EV_QUIT));
	return NULL;
}

/* Copy the options the worker needs. */
static int copy_options(struct cam_worker *w, const struct capa_options *o)
{
	w->keep = o->keep;
	w->camera = o->camera_index;
	w->model = o->camera ? strdup(o->camera) : NULL;
	w->port = o->port ? strdup(o->port) : NULL;
	return (o->camera && !w->model) || (o->port && !w->port) ? -1 : 0;
}

/* Free everything a worker owns (thread already joined or never started). */
static void worker_free(struct cam_worker *w)
{
	struct cmd_node *n;

	event_queue_destroy(&w->events);
	while ((n = next_command(w))) {
		command_free(&n->cmd);
		free(n);
	}
	for (struct cam_object *o = w->todo, *x; o; o = x) {
		x = o->next;
		free(o);
	}
	for (struct cam_object *o = w->owed, *x; o; o = x) {
		x = o->next;
		free(o);
	}
	if (w->abilities)
		gp_abilities_list_free(w->abilities);
	if (w->ctx)
		gp_context_unref(w->ctx);
	cam_config_free(w->config);
	cam_known_free(w);
	session_close(w->session);
	if (w->cmd_efd >= 0)
		close(w->cmd_efd);
	pthread_mutex_destroy(&w->lock);
	free(w->model);
	free(w->port);
	free(w->cam_model);
	free(w->cam_port);
	free(w->cam_serial);
	free(w);
}

/* Make the context: cancel follows the stop flag. */
static GPContextFeedback cancel_func(GPContext *ctx, void *data)
{
	struct cam_worker *w = data;
	(void)ctx;
	return atomic_load(&w->stop) ? GP_CONTEXT_FEEDBACK_CANCEL : GP_CONTEXT_FEEDBACK_OK;
}

/* libgphoto2's own words for a failure ("PTP Device Prop Not Supported",
 * "Could not claim interface 0 ..."): kept, on one line, for the next
 * error event (cam_error).  Camera-made text: the event's consumers clean
 * it (JSON escapes, the UI's set_clean). */
static void error_func(GPContext *ctx, const char *text, void *data)
{
	struct cam_worker *w = data;
	size_t n = 0;

	(void)ctx;
	for (const char *p = text ? text : ""; *p && n + 1 < sizeof(w->gp_error); p++) {
		bool space = *p == '\n' || *p == '\r' || *p == '\t' || *p == ' ';
		if (space && (n == 0 || w->gp_error[n - 1] == ' '))
			continue;
		w->gp_error[n++] = space ? ' ' : *p;
	}
	while (n && w->gp_error[n - 1] == ' ')
		n--;
	w->gp_error[n] = '\0';
}

struct cam_worker *cam_worker_start(const struct capa_options *opts, char *err, size_t errlen)
{
	struct cam_worker *w = calloc(1, sizeof(*w));
	sigset_t all, old;
	int rc;

	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	w->events.fd = -1; /* not set up yet: worker_free leaves it */
	/* libgphoto2 allocates and frees a 1 MiB buffer per GetPartialObject
	 * chunk: with glibc's default thresholds each one is a fresh mmap or
	 * a trimmed heap, ~40 % of the page faults of a download.  Fixed, modest thresholds keep them in
	 * the arena (+10-15 % throughput; RSS grows by at most a few MiB). */
	mallopt(M_MMAP_THRESHOLD, 2 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
	pthread_mutex_init(&w->lock, NULL);
	w->cmd_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	w->ctx = gp_context_new();
	if (w->cmd_efd < 0 || event_queue_init(&w->events) < 0 || !w->ctx ||
	    copy_options(w, opts) < 0) {
		snprintf(err, errlen, "cannot start the camera worker: %s", strerror(errno));
		goto fail;
	}
	gp_context_set_cancel_func(w->ctx, cancel_func, w);
	gp_context_set_error_func(w->ctx, error_func, w);
	/* a camera process shares the session its front end has locked */
	w->session = opts->camera_process
		? session_open_shared(opts->session, opts->filename, err, errlen)
		: session_open(opts->session, opts->filename, err, errlen);
	if (!w->session)
		goto fail;
	if (!opts->no_auto_connect) {
		struct capa_command c = { .type = CMD_CONNECT };
		if (cam_worker_send(w, &c) < 0)
			goto fail;
	}
	/* the worker inherits this mask: it never takes a signal */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->thread, NULL, worker_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errlen, "cannot start the camera worker: %s", strerror(rc));
		goto fail;
	}
	w->started = true;
	return w;
fail:
	worker_free(w);
	return NULL;
}

static atomic_bool left_running; /* a worker was left in a transfer */

/* Wait up to ms for the thread to end; false when it did not. */
static bool join_within(struct cam_worker *w, int ms)
{
	struct timespec t;

	if (ms < 0)
		return pthread_join(w->thread, NULL) == 0;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return pthread_timedjoin_np(w->thread, NULL, &t) == 0;
}

/* The worker is stuck in a transfer that libgphoto2 does not cancel: the
 * shot stays on the camera (the session's ledger has it) and its temp
 * file goes now; the thread ends with the process. */
static void abandon(struct cam_worker *w)
{
	pthread_mutex_lock(&w->lock);
	if (w->part_name[0])
		unlinkat(w->session->dirfd, w->part_name, 0);
	w->part_name[0] = '\0';
	pthread_mutex_unlock(&w->lock);
	atomic_store(&left_running, true);
}

int cam_worker_halt(struct cam_worker *w, int ms)
{
	if (!w || !w->started)
		return 0;
	if (w->abandoned)
		return -1;
	atomic_store(&w->stop, true);
	efd_raise(w->cmd_efd);
	if (!join_within(w, ms)) {
		abandon(w);
		w->abandoned = true;
		return -1;
	}
	w->started = false; /* joined */
	return 0;
}

int cam_worker_stop_within(struct cam_worker *w, int ms)
{
	if (!w)
		return 0;
	if (cam_worker_halt(w, ms) < 0)
		return -1;
	worker_free(w);
	return 0;
}

void cam_worker_stop(struct cam_worker *w)
{
	cam_worker_stop_within(w, -1);
}

bool cam_worker_left_running(void)
{
	return atomic_load(&left_running);
}
