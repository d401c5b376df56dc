/* The one event loop: poll() over fds, a signalfd and timers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handlers never draw: they return a reaction bitmask; after each turn the
 * loop calls the redraw callback once with the union of the reactions.
 * Timers are one-shot; the poll timeout is the nearest deadline, so an idle
 * loop with no timers sleeps in poll() indefinitely.
 * Main thread only.  loop_new() blocks SIGWINCH, SIGTERM, SIGINT, SIGHUP and
 * SIGCHLD for the calling thread (threads started later inherit the mask)
 * and delivers them through a signalfd. */
#ifndef CAPA_LOOP_H
#define CAPA_LOOP_H

#include <stdint.h>

enum {
	LOOP_REDRAW = 1, /* some pane is dirty */
	LOOP_RESIZE = 2, /* the terminal changed size */
	LOOP_QUIT = 4,   /* leave loop_run() after this turn */
	LOOP_FULL = 8,   /* repaint everything (C-l) */
};

struct loop;
typedef int loop_fd_fn(void *ud, int fd, short revents);
typedef int loop_signal_fn(void *ud, int signo);
typedef int loop_timer_fn(void *ud);
typedef void loop_redraw_fn(void *ud, int reactions);

/* A new loop; NULL on failure (errno set). */
struct loop *loop_new(void);

/* Free the loop and restore the signal mask. */
void loop_free(struct loop *l);

/* Watch fd for `events` (POLLIN ...).  Returns 0 or -1. */
int loop_add_fd(struct loop *l, int fd, short events, loop_fd_fn *fn, void *ud);

/* Stop watching fd. */
void loop_remove_fd(struct loop *l, int fd);

/* Set the handler for the blocked signals. */
void loop_on_signal(struct loop *l, loop_signal_fn *fn, void *ud);

/* Set the per-turn redraw callback. */
void loop_on_redraw(struct loop *l, loop_redraw_fn *fn, void *ud);

/* Set a callback run at the end of every turn, before the redraw; its
 * reactions join the turn's (e.g. to re-arm a timer from another module). */
void loop_on_turn(struct loop *l, int (*fn)(void *ud), void *ud);

/* Call fn after `ms` milliseconds.  Returns a timer id (> 0) or 0. */
unsigned loop_timer_add(struct loop *l, int ms, loop_timer_fn *fn, void *ud);

/* Cancel a timer (0 and expired ids are fine). */
void loop_timer_cancel(struct loop *l, unsigned id);

/* Milliseconds until the nearest timer, -1 when none (exposed for tests). */
int loop_next_timeout(struct loop *l);

/* Run one turn (waiting at most timeout_ms, -1 = until something happens)
 * and return its reactions (redraw already done). */
int loop_turn(struct loop *l, int timeout_ms);

/* Run until a handler returns LOOP_QUIT.  Returns 0. */
int loop_run(struct loop *l);

/* Monotonic milliseconds. */
int64_t loop_now_ms(void);

#endif
