/* The card sets: the files a session has seen on each camera's card.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The bounds of a card file read: a card walk stops at 100000 files. */
#define CARD_MAX_BYTES (64u * 1024 * 1024)

/* ".capa/card-CAMERA" (the camera's name made a safe file name). */
static void card_path(const char *camera, char *out, size_t len, const char *suffix)
{
	char safe[SANITIZE_NAME_MAX + 1];

	sanitize_filename(camera, strlen(camera), safe, sizeof(safe));
	snprintf(out, len, ".capa/card-%s%s", safe, suffix);
}

bool session_card_read(struct session *s, const char *camera, session_card_fn *fn, void *ud)
{
	char path[300], *buf, *save = NULL;
	int fd;
	ssize_t n;
	size_t len = 0, cap = 65536;

	card_path(camera, path, sizeof(path), "");
	fd = openat(s->dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	buf = malloc(cap);
	while (buf && (n = read(fd, buf + len, cap - len - 1)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
		if (len + 1 == cap) {
			char *b = cap < CARD_MAX_BYTES ? realloc(buf, cap * 2) : NULL;
			if (!b)
				break;
			buf = b;
			cap *= 2;
		}
	}
	close(fd);
	if (!buf)
		return false;
	buf[len] = '\0';
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		fn(ud, l);
	free(buf);
	return true;
}

int session_card_write(struct session *s, const char *camera, char *const *keys, size_t n)
{
	char path[300], tmp[320];
	FILE *f;
	int fd, r;

	card_path(camera, path, sizeof(path), "");
	card_path(camera, tmp, sizeof(tmp), ".tmp");
	fd = openat(s->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!strchr(keys[i], '\n'))
			fprintf(f, "%s\n", keys[i]);
	r = fflush(f) == 0 && fdatasync(fd) == 0 ? 0 : -1;
	if (fclose(f) != 0)
		r = -1;
	if (r == 0)
		r = renameat(s->dirfd, tmp, s->dirfd, path);
	return r;
}

void session_card_append(struct session *s, const char *camera, const char *key)
{
	char path[300];
	int fd;

	if (strchr(key, '\n'))
		return;
	card_path(camera, path, sizeof(path), "");
	fd = openat(s->dirfd, path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return;
	size_t len = strlen(key);
	char *line = malloc(len + 2);
	if (line) {
		memcpy(line, key, len);
		line[len] = '\n';
		/* one write: lines never interleave; not fsynced (a hint: the
		 * owed ledger is what keeps a shot) */
		(void)!write(fd, line, len + 1);
		free(line);
	}
	close(fd);
}
