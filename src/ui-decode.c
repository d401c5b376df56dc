/* A background decoder for the preview pane's and the review's pictures.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-decode.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct request {
	unsigned gen;
	char *path;
	struct img_opts opts;
	bool sixel;
	int colors;
};

struct ui_decode {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int efd;
	bool stop;
	bool have_req, have_res;
	struct request req;            /* waiting to start */
	struct ui_decode_result res;   /* finished, not taken yet */
};

/* Free a result's buffers. */
static void result_free(struct ui_decode_result *r)
{
	img_preview_free(&r->img);
	img_buf_free(&r->six);
	memset(r, 0, sizeof *r);
}

/* Decode one request into r (no lock held). */
static void decode(const struct request *q, struct ui_decode_result *r)
{
	memset(r, 0, sizeof *r);
	r->gen = q->gen;
	r->rc = img_load_preview(q->path, &q->opts, &r->img, r->err, sizeof r->err);
	if (r->rc == 0 && q->sixel &&
	    img_sixel_encode(r->img.rgb, r->img.w, r->img.h, q->colors, &r->six, r->err,
			     sizeof r->err) < 0) {
		img_buf_free(&r->six);
		memset(&r->six, 0, sizeof r->six);
	}
}

/* The worker: take the request, decode it, publish the result. */
static void *worker(void *arg)
{
	struct ui_decode *d = arg;
	uint64_t one = 1;

	pthread_mutex_lock(&d->lock);
	for (;;) {
		while (!d->have_req && !d->stop)
			pthread_cond_wait(&d->cond, &d->lock);
		if (d->stop)
			break;
		struct request q = d->req;
		d->have_req = false;
		pthread_mutex_unlock(&d->lock);
		struct ui_decode_result r;
		decode(&q, &r);
		free(q.path);
		pthread_mutex_lock(&d->lock);
		if (d->have_res)
			result_free(&d->res); /* never taken: the newer one wins */
		d->res = r;
		d->have_res = true;
		if (write(d->efd, &one, sizeof one) < 0) {
			/* only a full counter fails: the fd is readable anyway */
		}
	}
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

struct ui_decode *ui_decode_start(void)
{
	struct ui_decode *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->cond, NULL);
	if (d->efd < 0 || pthread_create(&d->thread, NULL, worker, d) != 0) {
		if (d->efd >= 0)
			close(d->efd);
		pthread_mutex_destroy(&d->lock);
		pthread_cond_destroy(&d->cond);
		free(d);
		return NULL;
	}
	return d;
}

int ui_decode_fd(const struct ui_decode *d)
{
	return d->efd;
}

void ui_decode_request(struct ui_decode *d, unsigned gen, const char *path,
		       const struct img_opts *o, bool sixel, int colors)
{
	char *copy = strdup(path);

	if (!copy)
		return;
	pthread_mutex_lock(&d->lock);
	if (d->have_req)
		free(d->req.path); /* not started: replaced */
	d->req = (struct request){ gen, copy, *o, sixel, colors };
	d->have_req = true;
	pthread_cond_signal(&d->cond);
	pthread_mutex_unlock(&d->lock);
}

bool ui_decode_take(struct ui_decode *d, struct ui_decode_result *out)
{
	uint64_t n;
	bool got;

	while (read(d->efd, &n, sizeof n) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&d->lock);
	got = d->have_res;
	if (got) {
		*out = d->res;
		memset(&d->res, 0, sizeof d->res);
		d->have_res = false;
	}
	pthread_mutex_unlock(&d->lock);
	return got;
}

void ui_decode_stop(struct ui_decode *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->lock);
	d->stop = true;
	pthread_cond_signal(&d->cond);
	pthread_mutex_unlock(&d->lock);
	pthread_join(d->thread, NULL);
	if (d->have_req)
		free(d->req.path);
	if (d->have_res)
		result_free(&d->res);
	close(d->efd);
	pthread_mutex_destroy(&d->lock);
	pthread_cond_destroy(&d->cond);
	free(d);
}
