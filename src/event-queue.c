/* A queue of events between threads, its readiness on an eventfd.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "event-queue.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct event_node {
	struct capa_event *ev;
	struct event_node *next;
};

void efd_raise(int fd)
{
	uint64_t one = 1;
	while (write(fd, &one, sizeof one) < 0 && errno == EINTR)
		;
}

void efd_clear(int fd)
{
	uint64_t v;
	while (read(fd, &v, sizeof v) < 0 && errno == EINTR)
		;
}

int event_queue_init(struct event_queue *q)
{
	q->head = q->tail = NULL;
	q->fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (q->fd < 0)
		return -1;
	pthread_mutex_init(&q->lock, NULL);
	return 0;
}

void event_queue_destroy(struct event_queue *q)
{
	struct capa_event *ev;

	if (q->fd < 0)
		return;
	while ((ev = event_queue_pop(q)))
		event_free(ev);
	close(q->fd);
	q->fd = -1;
	pthread_mutex_destroy(&q->lock);
}

void event_queue_push(struct event_queue *q, struct capa_event *ev)
{
	struct event_node *n;

	if (!ev)
		return;
	n = malloc(sizeof *n);
	if (!n) {
		event_free(ev);
		return;
	}
	n->ev = ev;
	n->next = NULL;
	pthread_mutex_lock(&q->lock);
	if (q->tail)
		q->tail->next = n;
	else
		q->head = n;
	q->tail = n;
	efd_raise(q->fd);
	pthread_mutex_unlock(&q->lock);
}

struct capa_event *event_queue_pop(struct event_queue *q)
{
	struct capa_event *ev = NULL;
	struct event_node *n;

	pthread_mutex_lock(&q->lock);
	n = q->head;
	if (n) {
		q->head = n->next;
		if (!q->head)
			q->tail = NULL;
		ev = n->ev;
		free(n);
	}
	if (!q->head)
		efd_clear(q->fd);
	pthread_mutex_unlock(&q->lock);
	return ev;
}
