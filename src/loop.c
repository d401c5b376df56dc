/* The event loop.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 16
#define MAX_TIMERS 32

struct watch {
	int fd;
	short events;
	loop_fd_fn *fn;
	void *ud;
};

struct timer {
	unsigned id;
	int64_t due;
	loop_timer_fn *fn;
	void *ud;
};

struct loop {
	struct watch fds[MAX_FDS];
	int nfds;
	struct timer timers[MAX_TIMERS];
	int ntimers;
	unsigned next_id;
	int sigfd;
	sigset_t oldmask;
	loop_signal_fn *on_signal;
	void *signal_ud;
	loop_redraw_fn *redraw;
	void *redraw_ud;
	int (*on_turn)(void *ud);
	void *turn_ud;
};

int64_t loop_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct loop *loop_new(void)
{
	struct loop *l = calloc(1, sizeof *l);
	sigset_t set;

	if (!l)
		return NULL;
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &set, &l->oldmask);
	l->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (l->sigfd < 0) {
		int e = errno;
		pthread_sigmask(SIG_SETMASK, &l->oldmask, NULL);
		free(l);
		errno = e;
		return NULL;
	}
	l->next_id = 1;
	return l;
}

void loop_free(struct loop *l)
{
	if (!l)
		return;
	close(l->sigfd);
	pthread_sigmask(SIG_SETMASK, &l->oldmask, NULL);
	free(l);
}

int loop_add_fd(struct loop *l, int fd, short events, loop_fd_fn *fn, void *ud)
{
	if (l->nfds == MAX_FDS || fd < 0)
		return -1;
	l->fds[l->nfds++] = (struct watch){ fd, events, fn, ud };
	return 0;
}

void loop_remove_fd(struct loop *l, int fd)
{
	for (int i = 0; i < l->nfds; i++)
		if (l->fds[i].fd == fd) {
			l->fds[i] = l->fds[--l->nfds];
			return;
		}
}

void loop_on_signal(struct loop *l, loop_signal_fn *fn, void *ud)
{
	l->on_signal = fn;
	l->signal_ud = ud;
}

void loop_on_redraw(struct loop *l, loop_redraw_fn *fn, void *ud)
{
	l->redraw = fn;
	l->redraw_ud = ud;
}

void loop_on_turn(struct loop *l, int (*fn)(void *ud), void *ud)
{
	l->on_turn = fn;
	l->turn_ud = ud;
}

unsigned loop_timer_add(struct loop *l, int ms, loop_timer_fn *fn, void *ud)
{
	if (l->ntimers == MAX_TIMERS)
		return 0;
	unsigned id = l->next_id++;
	if (l->next_id == 0)
		l->next_id = 1;
	l->timers[l->ntimers++] = (struct timer){ id, loop_now_ms() + (ms < 0 ? 0 : ms), fn, ud };
	return id;
}

void loop_timer_cancel(struct loop *l, unsigned id)
{
	for (int i = 0; i < l->ntimers; i++)
		if (l->timers[i].id == id) {
			l->timers[i] = l->timers[--l->ntimers];
			return;
		}
}

int loop_next_timeout(struct loop *l)
{
	if (l->ntimers == 0)
		return -1;
	int64_t now = loop_now_ms(), best = INT64_MAX;
	for (int i = 0; i < l->ntimers; i++)
		if (l->timers[i].due < best)
			best = l->timers[i].due;
	return best <= now ? 0 : (int)(best - now > 86400000 ? 86400000 : best - now);
}

/* Run every expired timer once; return their reactions. */
static int run_timers(struct loop *l)
{
	int64_t now = loop_now_ms();
	int r = 0;
	for (int i = 0; i < l->ntimers;) {
		if (l->timers[i].due > now) {
			i++;
			continue;
		}
		struct timer t = l->timers[i];
		l->timers[i] = l->timers[--l->ntimers];
		r |= t.fn(t.ud);
	}
	return r;
}

/* Read every pending signal and hand it to the handler. */
static int read_signals(struct loop *l)
{
	struct signalfd_siginfo si;
	int r = 0;
	while (read(l->sigfd, &si, sizeof si) == (ssize_t)sizeof si)
		if (l->on_signal)
			r |= l->on_signal(l->signal_ud, (int)si.ssi_signo);
	return r;
}

int loop_turn(struct loop *l, int timeout_ms)
{
	struct pollfd p[MAX_FDS + 1];
	struct watch w[MAX_FDS];
	int n = l->nfds, r = 0, t = loop_next_timeout(l);

	if (timeout_ms >= 0 && (t < 0 || timeout_ms < t))
		t = timeout_ms;
	memcpy(w, l->fds, sizeof w[0] * (size_t)n);
	for (int i = 0; i < n; i++)
		p[i] = (struct pollfd){ .fd = w[i].fd, .events = w[i].events };
	p[n] = (struct pollfd){ .fd = l->sigfd, .events = POLLIN };
	int got = poll(p, (nfds_t)n + 1, t);
	if (got < 0 && errno != EINTR)
		return LOOP_QUIT;
	if (got > 0) {
		if (p[n].revents & POLLIN)
			r |= read_signals(l);
		for (int i = 0; i < n; i++)
			if (p[i].revents)
				r |= w[i].fn(w[i].ud, w[i].fd, p[i].revents);
	}
	r |= run_timers(l);
	if (l->on_turn)
		r |= l->on_turn(l->turn_ud);
	if ((r & (LOOP_REDRAW | LOOP_RESIZE | LOOP_FULL)) && l->redraw)
		l->redraw(l->redraw_ud, r);
	return r;
}

int loop_run(struct loop *l)
{
	while (!(loop_turn(l, -1) & LOOP_QUIT))
		;
	return 0;
}
