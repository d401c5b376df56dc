/* sha256 of a saved file (nettle).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <unistd.h>

int session_sha256_fd(int fd, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t buf[65536], digest[SHA256_DIGEST_SIZE];
	off_t off = 0;
	ssize_t n;

	sha256_init(&ctx);
	while ((n = pread(fd, buf, sizeof(buf), off)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			hex[0] = '\0';
			return -1;
		}
		sha256_update(&ctx, (size_t)n, buf);
		off += n;
	}
	sha256_digest(&ctx, sizeof(digest), digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

struct session_hasher {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int fd;
	uint64_t avail;      /* bytes the writer has put in place */
	bool done;           /* no more feed() calls */
	bool failed;
	struct sha256_ctx ctx;
};

/* Hash [from, to) of the file; false on a read error. */
static bool hash_range(struct session_hasher *h, uint64_t from, uint64_t to)
{
	static __thread uint8_t buf[262144];

	while (from < to) {
		size_t want = to - from < sizeof(buf) ? (size_t)(to - from) : sizeof(buf);
		ssize_t n = pread(h->fd, buf, want, (off_t)from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		sha256_update(&h->ctx, (size_t)n, buf);
		from += (uint64_t)n;
	}
	return true;
}

/* The hasher thread: hash whatever has been fed until done. */
static void *hasher_main(void *arg)
{
	struct session_hasher *h = arg;
	uint64_t hashed = 0;

	pthread_mutex_lock(&h->lock);
	for (;;) {
		while (hashed == h->avail && !h->done)
			pthread_cond_wait(&h->cond, &h->lock);
		if (hashed == h->avail && h->done)
			break;
		uint64_t to = h->avail;
		pthread_mutex_unlock(&h->lock);
		bool ok = hash_range(h, hashed, to);
		pthread_mutex_lock(&h->lock);
		if (!ok) {
			h->failed = true;
			break;
		}
		hashed = to;
	}
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

struct session_hasher *session_hasher_start(int fd)
{
	struct session_hasher *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->fd = fd;
	sha256_init(&h->ctx);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->cond, NULL);
	if (pthread_create(&h->thread, NULL, hasher_main, h) != 0) {
		pthread_mutex_destroy(&h->lock);
		pthread_cond_destroy(&h->cond);
		free(h);
		return NULL;
	}
	return h;
}

void session_hasher_feed(struct session_hasher *h, uint64_t written)
{
	pthread_mutex_lock(&h->lock);
	h->avail = written;
	pthread_cond_signal(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

int session_hasher_finish(struct session_hasher *h, char hex[65])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	int rc;

	pthread_mutex_lock(&h->lock);
	h->done = true;
	pthread_cond_signal(&h->cond);
	pthread_mutex_unlock(&h->lock);
	pthread_join(h->thread, NULL);
	rc = h->failed ? -1 : 0;
	hex[0] = '\0';
	if (!h->failed) {
		sha256_digest(&h->ctx, sizeof(digest), digest);
		for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
			snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	}
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->cond);
	free(h);
	return rc;
}
