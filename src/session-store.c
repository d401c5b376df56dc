/* Durable, collision-free saving of downloads into the session directory.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <dirent.h>
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

/* Bytes of name before its suffix (a leading dot starts no suffix). */
static size_t stem_len(const char *name)
{
	const char *base = strrchr(name, '/');
	const char *dot;

	base = base ? base + 1 : name;
	dot = strrchr(base, '.');
	return dot && dot != base ? (size_t)(dot - name) : strlen(name);
}

/* Does a file of the directory have the stem name[0..n), with any suffix
 * or none?  (A catalogue groups such files as one shot.) */
static bool stem_taken(int dirfd, const char *name, size_t n)
{
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	bool taken = false;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return false; /* rename_noreplace still never replaces */
	}
	rewinddir(d);
	while (!taken && (e = readdir(d)))
		taken = strncmp(e->d_name, name, n) == 0 &&
			(e->d_name[n] == '\0' || e->d_name[n] == '.');
	closedir(d);
	return taken;
}

/* "|SUF|" for the suffix of name ("||" for none). */
static void suffix_tag(const char *name, char *tag, size_t len)
{
	size_t n = stem_len(name);
	snprintf(tag, len, "|%s|", name[n] ? name + n + 1 : "");
}

/* The recent shot whose companion the file `camera` (wanted as `wanted`)
 * is: same camera stem, same wanted stem, a suffix not saved yet.  NULL
 * when none. */
static struct session_shot *companion_of(struct session *s, const char *camera, const char *wanted)
{
	size_t cn = stem_len(camera), wn = stem_len(wanted);
	char tag[SANITIZE_NAME_MAX + 4];

	suffix_tag(wanted, tag, sizeof(tag));
	for (unsigned i = 1; i <= SESSION_SHOTS; i++) {
		struct session_shot *sh = &s->shots[(s->next_shot - i) % SESSION_SHOTS];
		if (sh->local[0] && strlen(sh->camera) == cn && !strncmp(sh->camera, camera, cn) &&
		    strlen(sh->wanted) == wn && !strncmp(sh->wanted, wanted, wn) && !strstr(sh->exts, tag))
			return sh;
	}
	return NULL;
}

/* Remember that the file `camera` (wanted as `wanted`) was saved as
 * `final`: with its shot `sh` when it joined it, else as a new shot. */
static void remember(struct session *s, struct session_shot *sh, const char *camera,
		     const char *wanted, const char *final)
{
	char tag[SANITIZE_NAME_MAX + 4];
	size_t fn = stem_len(final);

	if (!sh || strlen(sh->local) != fn || strncmp(sh->local, final, fn)) {
		sh = &s->shots[s->next_shot++ % SESSION_SHOTS];
		snprintf(sh->camera, sizeof(sh->camera), "%.*s", (int)stem_len(camera), camera);
		snprintf(sh->wanted, sizeof(sh->wanted), "%.*s", (int)stem_len(wanted), wanted);
		snprintf(sh->local, sizeof(sh->local), "%.*s", (int)fn, final);
		sh->exts[0] = '\0';
	}
	suffix_tag(final, tag, sizeof(tag));
	if (strlen(sh->exts) + strlen(tag) < sizeof(sh->exts))
		strcat(sh->exts, tag + (sh->exts[0] ? 1 : 0));
}

/* The part has its name: fsync the directory, close, report the name.
 * Returns 0, or 1 when the directory fsync failed. */
static int named(struct session *s, struct session_part *p, const char *name,
		 char *final, size_t finallen, char *err, size_t errlen)
{
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

/* Give the part its shot's name (the companion's stem), else the first
 * free variant of wanted.  Returns 0 with name set, or -1 with errno. */
static int place(struct session *s, struct session_part *p, struct session_shot *sh,
		 const char *wanted, char *name)
{
	size_t wn = stem_len(wanted), ln = sh ? strlen(sh->local) : 0, en = strlen(wanted + wn);

	if (sh && ln + en <= SANITIZE_NAME_MAX) {
		memcpy(name, sh->local, ln);
		memcpy(name + ln, wanted + wn, en + 1);
		if (rename_noreplace(s->dirfd, p->tmpname, name) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	for (unsigned k = 0; k < 100000; k++) {
		session_name_variant(wanted, k, name, SANITIZE_NAME_MAX + 1);
		/* a stem of another shot, any suffix: the next (up to a point) */
		if (k < 100 && stem_taken(s->dirfd, name, stem_len(name)))
			continue;
		if (rename_noreplace(s->dirfd, p->tmpname, name) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

int session_part_commit(struct session *s, struct session_part *p, const char *wanted,
			const char *camera, char *final, size_t finallen, char *err,
			size_t errlen)
{
	char name[SANITIZE_NAME_MAX + 1];
	struct session_shot *sh = camera ? companion_of(s, camera, wanted) : NULL;
	int e;

	if (fsync(p->fd) < 0) {
		e = errno;
		snprintf(err, errlen, "cannot write to %s: %s", s->dir, strerror(e));
		errno = e;
		return -1;
	}
	if (place(s, p, sh, wanted, name) == 0) {
		if (camera)
			remember(s, sh, camera, wanted, name);
		return named(s, p, name, final, finallen, err, errlen);
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
