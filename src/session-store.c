/* Durable, collision-free saving of downloads into the session directory.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session-name.h"
#include "sanitize.h"

int session_part_open(struct session *s, struct session_part *p, char *err, size_t errlen)
{
	static atomic_uint seq;

	for (int tries = 0; tries < 100; tries++) {
		snprintf(p->tmpname, sizeof(p->tmpname), ".capa-part-%ld-%u",
			 (long)getpid(), atomic_fetch_add(&seq, 1));
		p->fd = openat(s->dirfd, p->tmpname,
			       O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (p->fd >= 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	int e = errno;
	snprintf(err, errlen, "cannot create a file in %s: %s", s->dir, strerror(e));
	p->tmpname[0] = '\0';
	errno = e;
	return -1;
}

/* Move tmp to name unless name exists.  Returns 0, or -1 with errno. */
static int rename_noreplace(int dirfd, const char *tmp, const char *name)
{
	if (renameat2(dirfd, tmp, dirfd, name, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
	/* filesystems without RENAME_NOREPLACE: link() refuses to replace */
	if (linkat(dirfd, tmp, dirfd, name, 0) < 0)
		return -1;
	unlinkat(dirfd, tmp, 0);
	return 0;
}

int session_part_commit(struct session *s, struct session_part *p, const char *wanted,
			char *final, size_t finallen, char *err, size_t errlen)
{
	char name[SANITIZE_NAME_MAX + 1];
	int e;

	if (fsync(p->fd) < 0) {
		e = errno;
		snprintf(err, errlen, "cannot write to %s: %s", s->dir, strerror(e));
		errno = e;
		return -1;
	}
	for (unsigned k = 0; k < 100000; k++) {
		session_name_variant(wanted, k, name, sizeof(name));
		if (rename_noreplace(s->dirfd, p->tmpname, name) == 0) {
			int rc = 0;
			if (fsync(s->dirfd) < 0) {
				/* the file is complete under its name but not durable yet */
				snprintf(err, errlen, "cannot sync %s: %s", s->dir, strerror(errno));
				rc = 1;
			}
			close(p->fd);
			p->fd = -1;
			p->tmpname[0] = '\0';
			snprintf(final, finallen, "%s", name);
			return rc;
		}
		if (errno != EEXIST)
			break;
	}
	e = errno;
	snprintf(err, errlen, "cannot name %s in %s: %s", wanted, s->dir, strerror(e));
	errno = e;
	return -1;
}

void session_part_abort(struct session *s, struct session_part *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	if (p->tmpname[0])
		unlinkat(s->dirfd, p->tmpname, 0);
	p->tmpname[0] = '\0';
}
