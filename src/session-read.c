/* Reading a session's journal back (json-c), bounded, for the UI's log.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session-read.h"

#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json_object.h>
#include <json-c/json_tokener.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JSON_DEPTH 8 /* a journal line nests two levels */

/* A number member of o in [0, max], else 0 (absent, not a number,
 * negative, NaN or absurd: a hostile journal must not make odd rows). */
static double num(struct json_object *o, const char *key, double max)
{
	struct json_object *v;
	double d;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)))
		return 0;
	d = json_object_get_double(v);
	return isfinite(d) && d >= 0 && d <= max ? d : 0;
}

/* A string member of o without NUL bytes, or NULL. */
static const char *str(struct json_object *o, const char *key, size_t *len)
{
	struct json_object *v;
	const char *s;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	*len = (size_t)json_object_get_string_len(v);
	return memchr(s, 0, *len) ? NULL : s;
}

/* The "exif" object of a line into x; false when the line has none. */
static bool read_exif(struct json_object *o, struct capa_exif *x)
{
	struct json_object *e;
	const char *lens;
	size_t n = 0;

	memset(x, 0, sizeof *x);
	if (!json_object_object_get_ex(o, "exif", &e) || !json_object_is_type(e, json_type_object))
		return false;
	x->exposure_s = num(e, "exposure", 1e6);
	x->fnumber = num(e, "fnumber", 1e3);
	x->iso = (int)num(e, "iso", 1e7);
	x->focal_mm = num(e, "focal", 1e5);
	x->width = (int)num(e, "width", 1e6);
	x->height = (int)num(e, "height", 1e6);
	if ((lens = str(e, "lens", &n)))
		snprintf(x->lens, sizeof x->lens, "%.*s", (int)(n < sizeof x->lens ? n : sizeof x->lens - 1), lens);
	return true;
}

/* The journal's UTC time "YYYY-MM-DDTHH:MM:SSZ" as a time_t; 0 if not that. */
static time_t read_time(struct json_object *o)
{
	struct tm tm = { 0 };
	size_t n = 0;
	const char *s = str(o, "time", &n), *end;

	if (!s || n > 40)
		return 0;
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return 0;
	time_t t = timegm(&tm);
	return t > 0 ? t : 0;
}

/* The base name of the line's "path" into e->name; false when unusable. */
static bool read_name(struct json_object *o, struct session_entry *e, char *why, size_t whylen)
{
	size_t n = 0;
	const char *p = str(o, "path", &n), *base;

	if (!p) {
		snprintf(why, whylen, "no \"path\"");
		return false;
	}
	base = memrchr(p, '/', n);
	base = base ? base + 1 : p;
	n -= (size_t)(base - p);
	if (n == 0 || n >= sizeof e->name || !strcmp(base, ".") || !strcmp(base, "..")) {
		snprintf(why, whylen, "\"path\" names no file");
		return false;
	}
	memcpy(e->name, base, n);
	e->name[n] = 0;
	return true;
}

/* Fill e from a parsed line; false (why set) when it is not a saved shot. */
static bool read_object(struct json_object *o, struct session_entry *e, char *why, size_t whylen)
{
	size_t n = 0;
	const char *status = str(o, "status", &n);

	if (!json_object_is_type(o, json_type_object)) {
		snprintf(why, whylen, "not a JSON object");
		return false;
	}
	if (status && strcmp(status, "saved") != 0) {
		snprintf(why, whylen, "status is not \"saved\"");
		return false;
	}
	if (!read_name(o, e, why, whylen))
		return false;
	e->when = read_time(o);
	e->bytes = (uint64_t)num(o, "bytes", 1e15);
	e->exif_known = read_exif(o, &e->exif);
	return true;
}

int session_read_line(const char *line, size_t len, struct session_entry *e, char *why,
		      size_t whylen)
{
	struct json_tokener *tok;
	struct json_object *o;
	size_t end;
	int rc = -1;

	memset(e, 0, sizeof *e);
	if (len > SESSION_READ_LINE) {
		snprintf(why, whylen, "longer than %u KiB", SESSION_READ_LINE / 1024);
		return -1;
	}
	tok = json_tokener_new_ex(JSON_DEPTH);
	if (!tok) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, line, (int)len);
	end = json_tokener_get_parse_end(tok);
	while (o && end < len && strchr(" \t\r", line[end]))
		end++;
	if (!o)
		snprintf(why, whylen, "not JSON (%s)",
			 json_tokener_get_error(tok) == json_tokener_continue
				 ? "cut short" : json_tokener_error_desc(json_tokener_get_error(tok)));
	else if (end < len)
		snprintf(why, whylen, "text after the JSON object");
	else if (read_object(o, e, why, whylen))
		rc = 0;
	json_object_put(o);
	json_tokener_free(tok);
	return rc;
}

/* Read the journal's last SESSION_READ_TAIL bytes; *cut when there is more
 * before them (the partial line they start with is then dropped). */
static char *read_tail(int fd, size_t *len, bool *cut, char *err, size_t errlen)
{
	struct stat st;
	size_t want, got = 0;
	char *buf;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "the journal is not a file");
		return NULL;
	}
	*cut = (uint64_t)st.st_size > SESSION_READ_TAIL;
	want = *cut ? SESSION_READ_TAIL : (size_t)st.st_size;
	buf = malloc(want + 1);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	while (got < want) {
		ssize_t n = pread(fd, buf + got, want - got, st.st_size - (off_t)want + (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "cannot read the journal: %s", strerror(errno));
			free(buf);
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*len = got;
	return buf;
}

/* Note a skipped line (lines are met newest first: the last noted is the
 * first in the file). */
static void note_bad(struct session_listing *l, size_t lineno, const char *why)
{
	l->bad++;
	l->bad_line = lineno;
	snprintf(l->bad_why, sizeof l->bad_why, "%s", why);
}

/* Add a parsed entry (newest first while reading); false on ENOMEM. */
static bool push(struct session_listing *l, size_t *cap, const struct session_entry *e)
{
	if (l->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		if (nc > SESSION_READ_ROWS)
			nc = SESSION_READ_ROWS;
		struct session_entry *v = realloc(l->v, nc * sizeof *v);
		if (!v)
			return false;
		l->v = v;
		*cap = nc;
	}
	l->v[l->n++] = *e;
	return true;
}

/* Is buf[0..n) only blanks? */
static bool blank(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r", buf[i]))
			return false;
	return true;
}

/* Walk the lines of buf from the end, keeping the newest SESSION_READ_ROWS
 * shots (and giving up after as many bad lines).  Line numbers are known
 * only when the whole journal was read. */
void session_read_parse(const char *buf, size_t len, bool numbered, struct session_listing *l)
{
	size_t cap = 0, lineno = 1, end = len;
	struct session_entry e;
	char why[96];

	for (size_t i = 0; i < len; i++)
		lineno += buf[i] == '\n';
	for (;;) {
		const char *nl = end ? memrchr(buf, '\n', end) : NULL;
		size_t start = nl ? (size_t)(nl - buf) + 1 : 0;

		if (!blank(buf + start, end - start)) {
			if (l->n == SESSION_READ_ROWS || l->bad == SESSION_READ_ROWS) {
				l->cut = true;
				break;
			}
			if (end == len) /* text after the last newline */
				note_bad(l, numbered ? lineno : 0, "cut short (no end of line)");
			else if (session_read_line(buf + start, end - start, &e, why, sizeof why) < 0)
				note_bad(l, numbered ? lineno : 0, why);
			else if (!push(l, &cap, &e)) {
				l->cut = true;
				break;
			}
		}
		if (!nl)
			break;
		end = (size_t)(nl - buf);
		lineno--;
	}
}

/* Put the entries oldest first. */
static void reverse(struct session_listing *l)
{
	for (size_t i = 0; i < l->n / 2; i++) {
		struct session_entry t = l->v[i];
		l->v[i] = l->v[l->n - 1 - i];
		l->v[l->n - 1 - i] = t;
	}
}

/* Look each entry's file up: path, missing, size; EXIF for the newest
 * few the journal says nothing of. */
static int check_files(int dirfd, const char *dir, struct session_listing *l)
{
	size_t exif_reads = 0;

	for (size_t k = l->n; k-- > 0;) {
		struct session_entry *e = &l->v[k];
		struct stat st;

		if (asprintf(&e->path, "%s/%s", dir, e->name) < 0) {
			e->path = NULL;
			return -1;
		}
		e->missing = fstatat(dirfd, e->name, &st, 0) < 0 || !S_ISREG(st.st_mode);
		l->missing += e->missing;
		if (e->missing)
			continue;
		if (!e->bytes)
			e->bytes = (uint64_t)st.st_size;
		if (!e->exif_known && exif_reads < SESSION_READ_EXIF) {
			int fd = openat(dirfd, e->name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
			exif_reads++;
			if (fd >= 0) {
				session_exif_fd(fd, &e->exif);
				close(fd);
			}
		}
	}
	return 0;
}

/* Open the session's journal; -1 with errno (ENOENT: no session or none yet). */
static int open_journal(const char *dir, int *dirfd)
{
	int fd;

	*dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*dirfd < 0)
		return -1;
	fd = openat(*dirfd, ".capa/journal.jsonl", O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		close(*dirfd);
		*dirfd = -1;
		errno = e;
	}
	return fd;
}

int session_read(const char *dir, struct session_listing *out, char *err, size_t errlen)
{
	int dirfd, fd = open_journal(dir, &dirfd), rc = 0;
	char *buf, *abs;
	size_t len = 0;
	bool cut = false;

	memset(out, 0, sizeof *out);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot open the journal of %s: %s", dir, strerror(errno));
		return -1;
	}
	buf = read_tail(fd, &len, &cut, err, errlen);
	close(fd);
	if (!buf) {
		close(dirfd);
		return -1;
	}
	size_t skip = 0;
	if (cut) { /* the tail starts inside a line: that part is not a line */
		char *nl = memchr(buf, '\n', len);
		skip = nl ? (size_t)(nl - buf) + 1 : len;
	}
	session_read_parse(buf + skip, len - skip, !cut, out);
	out->cut |= cut;
	free(buf);
	reverse(out);
	abs = realpath(dir, NULL);
	if (check_files(dirfd, abs ? abs : dir, out) < 0) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	free(abs);
	close(dirfd);
	return rc;
}

void session_listing_free(struct session_listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof *l);
}
