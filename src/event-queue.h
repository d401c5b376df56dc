/* A queue of events between threads, its readiness on an eventfd.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The camera worker hands its events to its process's main thread through
 * one, the front end's supervisor hands them to the loop through another:
 * any thread pushes, one thread pops, and the fd is readable (POLLIN)
 * exactly while events are queued. */
#ifndef CAPA_EVENT_QUEUE_H
#define CAPA_EVENT_QUEUE_H

#include <pthread.h>

#include "event.h"

struct event_node;

struct event_queue {
	pthread_mutex_t lock;
	struct event_node *head, *tail;
	int fd; /* eventfd: readable while events are queued */
};

/* Set up q.  Returns 0, or -1 with errno (no eventfd). */
int event_queue_init(struct event_queue *q);

/* Free the queued events, close the fd. */
void event_queue_destroy(struct event_queue *q);

/* Queue ev (taken; NULL is ignored, an event that cannot be queued is
 * freed).  Any thread. */
void event_queue_push(struct event_queue *q, struct capa_event *ev);

/* The oldest event (the caller frees it), NULL when none. */
struct capa_event *event_queue_pop(struct event_queue *q);

/* Wake the fd (an eventfd) of another kind of queue; EINTR retried. */
void efd_raise(int fd);

/* Take the fd's wake-up (non-blocking). */
void efd_clear(int fd);

#endif
