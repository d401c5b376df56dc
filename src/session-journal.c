/* The session journal: .capa/journal.jsonl, one fsynced JSON object a line.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "json.h"

int session_journal_append(struct session *s, const char *json, char *err, size_t errlen)
{
	size_t n = strlen(json), lead = s->journal_torn ? 1 : 0, len = lead + n + 1;
	char *line = malloc(len);
	ssize_t w;
	int e;

	if (!line) {
		snprintf(err, errlen, "out of memory");
		errno = ENOMEM;
		return -1;
	}
	line[0] = '\n'; /* ends a torn line; overwritten when there is none */
	memcpy(line + lead, json, n);
	line[lead + n] = '\n';
	/* one write() of the whole line: O_APPEND keeps lines whole */
	w = write(s->journal_fd, line, len);
	e = errno;
	free(line);
	if (w > 0 && (size_t)w < len)
		s->journal_torn = true;
	else if (w == (ssize_t)len)
		s->journal_torn = false;
	if (w != (ssize_t)len || fsync(s->journal_fd) < 0) {
		if (w >= 0 && w != (ssize_t)len)
			e = ENOSPC;
		else if (w == (ssize_t)len)
			e = errno;
		snprintf(err, errlen, "cannot write the journal in %s: %s", s->dir, strerror(e));
		errno = e;
		return -1;
	}
	return 0;
}

char *session_journal_line(const struct shot_record *r)
{
	struct json_buf j;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_init(&j);
	json_open(&j, '{');
	json_kv_uint(&j, "n", r->n);
	json_kv_str(&j, "time", when);
	json_kv_str(&j, "status", "saved");
	json_kv_str(&j, "folder", r->folder);
	json_kv_str(&j, "name", r->name);
	json_kv_str(&j, "path", r->path);
	json_kv_uint(&j, "bytes", r->bytes);
	json_kv_str(&j, "sha256", r->sha256);
	event_exif_json(&j, r->exif);
	if (r->camera)
		json_kv_int(&j, "camera", r->camera);
	if (r->trigger_us)
		json_kv_int(&j, "trigger_us", r->trigger_us);
	json_kv_bool(&j, "keep", r->keep); /* last: whole_line looks for it */
	json_close(&j, '}');
	return json_finish(&j);
}

time_t session_started(struct session *s)
{
	char head[512], *t;
	struct tm tm = { 0 };
	ssize_t n = pread(s->journal_fd, head, sizeof head - 1, 0);

	if (n <= 0)
		return 0;
	head[n] = '\0';
	/* the first line's "time":"YYYY-MM-DDTHH:MM:SSZ" (UTC) */
	t = strstr(head, "\"time\":\"");
	if (!t || (t - head) > 200 || !strptime(t + 8, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return timegm(&tm);
}

unsigned session_journal_max_number(const char *text, size_t len)
{
	unsigned max = 0;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		if (!nl)
			break; /* torn last line: ignore */
		size_t ll = (size_t)(nl - (text + i));
		if (ll > 6 && strncmp(text + i, "{\"n\":", 5) == 0) {
			/* digits of this line only: strtoul would skip blanks and
			 * newlines into the next line, and past len */
			unsigned long v = 0;
			for (size_t k = i + 5; k < i + ll && text[k] >= '0' && text[k] <= '9' &&
			     v < 100000000UL; k++)
				v = v * 10 + (unsigned long)(text[k] - '0');
			if (v > max && v < 100000000UL)
				max = (unsigned)v;
		}
		i += ll + 1;
	}
	return max;
}

/* Is text[0..len) a whole journal line numbered n: it starts with that
 * number and ends its object (a line torn by a full disk does not)? */
static bool whole_line(const char *text, size_t len, unsigned n)
{
	char head[32];
	int hl = snprintf(head, sizeof(head), "{\"n\":%u,", n);

	return len > (size_t)hl && memcmp(text, head, (size_t)hl) == 0 &&
	       text[len - 1] == '}' && memmem(text, len, "\"keep\":", 7);
}

bool session_journal_has(struct session *s, unsigned n)
{
	struct stat st;
	size_t want, i = 0;
	char *text;
	bool found = false;
	ssize_t got;

	if (fstat(s->journal_fd, &st) < 0 || st.st_size <= 0)
		return false;
	want = st.st_size > SESSION_JOURNAL_TAIL ? SESSION_JOURNAL_TAIL : (size_t)st.st_size;
	text = malloc(want);
	if (!text)
		return false;
	got = pread(s->journal_fd, text, want, st.st_size - (off_t)want);
	while (got > 0 && i < (size_t)got && !found) {
		const char *nl = memchr(text + i, '\n', (size_t)got - i);
		if (!nl)
			break;
		found = whole_line(text + i, (size_t)(nl - text) - i, n);
		i = (size_t)(nl - text) + 1;
	}
	free(text);
	return found;
}

int session_journal_sync(struct session *s, char *err, size_t errlen)
{
	if (fsync(s->journal_fd) == 0)
		return 0;
	int e = errno;
	snprintf(err, errlen, "cannot write the journal in %s: %s", s->dir, strerror(e));
	errno = e;
	return -1;
}
