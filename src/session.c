/* A session directory: default location, opening, stale parts, numbering.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session-name.h"

/* Read XDG_PICTURES_DIR from a user-dirs.dirs file into out ($HOME expanded). */
static int read_user_dirs(const char *file, const char *home, char *out, size_t outlen)
{
	FILE *f = fopen(file, "re");
	char line[1024];
	int found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *q;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "XDG_PICTURES_DIR=\"", 18) != 0)
			continue;
		p += 18;
		q = strchr(p, '"');
		if (!q)
			continue;
		*q = '\0';
		if (strncmp(p, "$HOME", 5) == 0 && (p[5] == '/' || p[5] == '\0'))
			snprintf(out, outlen, "%s%s", home, p + 5);
		else if (*p == '/')
			snprintf(out, outlen, "%s", p);
		else
			continue;
		found = 0;
	}
	fclose(f);
	return found;
}

int session_named_dir(char *out, size_t outlen, const char *name)
{
	const char *home = getenv("HOME"), *cfg = getenv("XDG_CONFIG_HOME");
	char file[4096], pics[4096];

	if (!home || !*home)
		return -1;
	if (cfg && *cfg == '/')
		snprintf(file, sizeof(file), "%s/user-dirs.dirs", cfg);
	else
		snprintf(file, sizeof(file), "%s/.config/user-dirs.dirs", home);
	if (read_user_dirs(file, home, pics, sizeof(pics)) < 0 || strcmp(pics, home) == 0)
		snprintf(pics, sizeof(pics), "%s/Pictures", home);
	snprintf(out, outlen, "%s/capa/%s", pics, name);
	return 0;
}

int session_default_dir(char *out, size_t outlen, time_t now)
{
	char day[40];
	struct tm tm;

	localtime_r(&now, &tm);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return session_named_dir(out, outlen, day);
}

/* fsync the directory that holds path (the last '/' of buf is cut). */
static void sync_parent(char *buf)
{
	char *slash = strrchr(buf, '/');
	int fd;

	if (!slash)
		return;
	*slash = '\0';
	fd = open(slash == buf ? "/" : buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	*slash = '/';
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* mkdir -p.  Each directory it creates is made durable in its parent:
 * a session directory that vanishes in a crash takes its photos along,
 * after the camera copies were deleted. */
static int mkdir_p(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);

	if (n >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0755) == 0)
			sync_parent(buf);
		else if (errno != EEXIST)
			return -1;
		*p = c;
		if (!c)
			return 0;
	}
}

/* Has process pid ended, waiting only to be reaped?  (A camera process
 * killed with its front end is a zombie until init reaps it.) */
static bool pid_is_zombie(long pid)
{
	char path[64], buf[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	const char *paren = strrchr(buf, ')'); /* the name may hold ") " */
	return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

/* Is the part file name that of a capa that is gone?  ".capa-part-PID-N":
 * another capa saving into the same directory (two cameras, same day)
 * must keep its parts. */
static bool part_is_stale(const char *name)
{
	char *end;
	long pid = strtol(name + 11, &end, 10);

	if (end == name + 11 || *end != '-' || pid <= 0)
		return true;
	if (pid == (long)getpid())
		return true; /* an earlier session of this process: never in use now */
	if (kill((pid_t)pid, 0) < 0)
		return errno == ESRCH; /* EPERM: someone else's, or we are sandboxed */
	return pid_is_zombie(pid);
}

/* Remove leftovers of downloads interrupted by a crash or kill. */
static void remove_stale_parts(int dirfd)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)))
		if (strncmp(e->d_name, ".capa-part-", 11) == 0 && part_is_stale(e->d_name))
			unlinkat(dirfd, e->d_name, 0);
	closedir(d);
}


/* Say who holds the lock whose file is fd ("pid N, since TIME"). */
static void lock_holder(int fd, char *out, size_t len)
{
	char buf[128];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid = 0;
	long long since = 0;
	char when[64] = "";

	buf[n > 0 ? n : 0] = '\0';
	if (sscanf(buf, "%ld %lld", &pid, &since) == 2 && pid > 0) {
		time_t t = (time_t)since;
		struct tm tm;
		if (localtime_r(&t, &tm))
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		snprintf(out, len, "pid %ld, since %s", pid, when[0] ? when : "?");
	} else {
		snprintf(out, len, "pid unknown");
	}
}

/* Take the session's lock (.capa/lock in dirfd, flock, held while the fd
 * is open): two capa processes must not write one session.  Returns the
 * lock's fd, or -1 with err (EWOULDBLOCK: who holds it). */
static int take_lock(int dirfd, const char *dir, char *err, size_t errlen)
{
	char holder[128], line[64];
	int fd;

	if (mkdirat(dirfd, ".capa", 0755) < 0 && errno != EEXIST)
		goto fail;
	fd = openat(dirfd, SESSION_LOCK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		goto fail;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;
		if (e == EWOULDBLOCK) {
			lock_holder(fd, holder, sizeof(holder));
			snprintf(err, errlen, "the session %s is in use by another capa (%s): "
				 "quit that one, or use --session DIR for another directory", dir, holder);
		} else {
			snprintf(err, errlen, "cannot lock the session %s: %s", dir, strerror(e));
		}
		close(fd);
		errno = e;
		return -1;
	}
	snprintf(line, sizeof(line), "%ld %lld\n", (long)getpid(), (long long)time(NULL));
	/* the holder's words are a courtesy: the flock is the lock */
	if (ftruncate(fd, 0) == 0)
		(void)!pwrite(fd, line, strlen(line), 0);
	return fd;
fail:
	snprintf(err, errlen, "cannot lock the session %s: %s", dir, strerror(errno));
	return -1;
}

int session_lock_holder(const char *dir, char *msg, size_t len)
{
	char def[4096], path[4200], holder[128];
	int fd, held;

	if (!dir) {
		if (session_default_dir(def, sizeof(def), time(NULL)) < 0)
			return 0;
		dir = def;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, SESSION_LOCK);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0; /* no session there yet, or not ours to judge */
	held = flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	if (held) {
		lock_holder(fd, holder, sizeof(holder));
		snprintf(msg, len, "the session %s is in use by another capa (%s): "
			 "quit that one, or use --session DIR for another directory", dir, holder);
	}
	close(fd); /* drops the lock if we took it */
	return held;
}

/* Read the journal's tail: the next number, and whether the last line was
 * torn by a crash (the next line then starts with a newline). */
static int read_tail(struct session *s, off_t size)
{
	size_t want = size > SESSION_JOURNAL_TAIL ? SESSION_JOURNAL_TAIL : (size_t)size, len;
	off_t off = size - (off_t)want;
	char *text = malloc(want + 1);
	const char *p;
	ssize_t n;

	if (!text)
		return -1;
	n = pread(s->journal_fd, text, want, off);
	if (n < 0) {
		free(text);
		return -1;
	}
	p = text;
	len = (size_t)n;
	if (off > 0) { /* starts inside a line: skip to the next */
		const char *nl = memchr(text, '\n', len);
		len = nl ? len - (size_t)(nl + 1 - text) : 0;
		p = nl ? nl + 1 : text;
	}
	s->next_number = session_journal_max_number(p, len) + 1;
	s->journal_torn = n > 0 && text[n - 1] != '\n';
	free(text);
	return 0;
}

/* Open the journal for appending and read its highest number. */
static int open_journal(struct session *s, char *err, size_t errlen)
{
	struct stat st;

	if (mkdirat(s->dirfd, ".capa", 0755) < 0 && errno != EEXIST)
		goto fail;
	s->journal_fd = openat(s->dirfd, ".capa/journal.jsonl",
			       O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (s->journal_fd < 0 || fstat(s->journal_fd, &st) < 0)
		goto fail;
	/* the journal's own name must outlive a crash like its lines */
	int cfd = openat(s->dirfd, ".capa", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cfd < 0 || fsync(cfd) < 0 || fsync(s->dirfd) < 0) {
		if (cfd >= 0)
			close(cfd);
		goto fail;
	}
	close(cfd);
	if (read_tail(s, st.st_size) < 0)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "cannot open the journal in %s: %s", s->dir, strerror(errno));
	return -1;
}

/* session_open, or session_open_shared when `shared`. */
static struct session *open_session(const char *dir, const char *pattern, bool shared,
				    char *err, size_t errlen)
{
	char def[4096];
	struct session *s;

	if (session_name_check(pattern, err, errlen) < 0)
		return NULL;
	if (!dir) {
		if (session_default_dir(def, sizeof(def), time(NULL)) < 0) {
			snprintf(err, errlen, "no session directory: HOME is not set; use --session DIR");
			return NULL;
		}
		dir = def;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->dirfd = s->journal_fd = s->lock_fd = -1;
	s->next_number = 1;
	s->shared = shared;
	s->dir = realpath(dir, NULL);
	if (!s->dir && (mkdir_p(dir) < 0 || !(s->dir = realpath(dir, NULL)))) {
		snprintf(err, errlen, "cannot create session directory %s: %s", dir, strerror(errno));
		goto fail;
	}
	s->dirfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd < 0) {
		snprintf(err, errlen, "cannot open session directory %s: %s", s->dir, strerror(errno));
		goto fail;
	}
	if (pattern && *pattern && !(s->pattern = strdup(pattern)))
		goto fail;
	if (!shared && (s->lock_fd = take_lock(s->dirfd, s->dir, err, errlen)) < 0)
		goto fail;
	remove_stale_parts(s->dirfd); /* only those of processes that are gone */
	if (open_journal(s, err, errlen) < 0)
		goto fail;
	return s;
fail:
	session_close(s);
	return NULL;
}

void session_remove_stale_parts(struct session *s)
{
	remove_stale_parts(s->dirfd);
}

struct session *session_open(const char *dir, const char *pattern, char *err, size_t errlen)
{
	return open_session(dir, pattern, false, err, errlen);
}

struct session *session_open_shared(const char *dir, const char *pattern, char *err,
				    size_t errlen)
{
	return open_session(dir, pattern, true, err, errlen);
}

/* Is s->dir still the directory s->dirfd holds?  Sets *gone when
 * nothing is at that path. */
static bool same_dir(const struct session *s, bool *gone)
{
	struct stat held, now;

	*gone = false;
	if (fstat(s->dirfd, &held) < 0)
		return false;
	if (stat(s->dir, &now) < 0) {
		*gone = errno == ENOENT || errno == ENOTDIR;
		return false;
	}
	return held.st_dev == now.st_dev && held.st_ino == now.st_ino;
}

bool session_dir_moved(const struct session *s)
{
	bool gone;

	return !same_dir(s, &gone);
}

/* Open the directory now at s->dir and its journal in place of the held
 * ones; numbering goes on from the higher of both journals.  Returns 0,
 * or -1 with errno (s unchanged). */
static int reopen(struct session *s, char *err, size_t errlen)
{
	int old_dir = s->dirfd, old_journal = s->journal_fd, lock = -1, e;
	unsigned old_next = s->next_number;
	bool old_torn = s->journal_torn;

	s->dirfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd >= 0 && (s->shared || (lock = take_lock(s->dirfd, s->dir, err, errlen)) >= 0) &&
	    open_journal(s, err, errlen) == 0) {
		close(old_dir);
		close(old_journal);
		if (s->lock_fd >= 0)
			close(s->lock_fd);
		s->lock_fd = lock;
		if (s->next_number < old_next)
			s->next_number = old_next;
		remove_stale_parts(s->dirfd);
		return 0;
	}
	e = errno;
	if (lock >= 0)
		close(lock);
	if (s->journal_fd >= 0 && s->journal_fd != old_journal)
		close(s->journal_fd);
	if (s->dirfd >= 0)
		close(s->dirfd);
	else
		snprintf(err, errlen, "cannot open session directory %s: %s", s->dir, strerror(e));
	s->dirfd = old_dir;
	s->journal_fd = old_journal;
	s->next_number = old_next;
	s->journal_torn = old_torn;
	errno = e;
	return -1;
}

int session_check_dir(struct session *s, char *msg, size_t len)
{
	bool gone;

	if (same_dir(s, &gone))
		return 0;
	if (gone) {
		snprintf(msg, len, "the session directory %s is gone (moved or deleted): "
			 "create it again, or restart capa with --session DIR", s->dir);
		errno = ENOENT;
		return -1;
	}
	if (reopen(s, msg, len) < 0)
		return -1;
	snprintf(msg, len, "the session directory %s was moved or deleted and is there "
		 "again: saving into the directory now at that path", s->dir);
	return 1;
}

void session_close(struct session *s)
{
	if (!s)
		return;
	if (s->journal_fd >= 0)
		close(s->journal_fd);
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->dir);
	free(s->pattern);
	free(s);
}
