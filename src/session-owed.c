/* The owed ledger: shots a camera announced that are not in the journal yet.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LEDGER ".capa/owed"
#define LEDGER_TMP ".capa/owed.tmp"

/* Can s go into a ledger field (no tab, no newline, not empty)? */
static bool field_ok(const char *s)
{
	return s && *s && !strpbrk(s, "\t\n");
}

/* The whole of an open ledger, NUL-terminated (NULL when fd < 0 or out
 * of memory); closes fd. */
static char *read_fd(int fd)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;

	if (fd < 0)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *b = realloc(buf, cap = (len + 4096 + 1) * 2);
			if (!b)
				break;
			buf = b;
		}
		n = read(fd, buf + len, cap - len - 1);
		len += n > 0 ? (size_t)n : 0;
	} while (n > 0 || (n < 0 && errno == EINTR));
	close(fd);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* The whole ledger, NUL-terminated (NULL when absent or unreadable). */
static char *read_ledger(struct session *s)
{
	return read_fd(openat(s->dirfd, LEDGER, O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
}

/* Split one ledger line in place into its three fields; false if bad. */
static bool split_line(char *l, char **cam, char **folder, char **name)
{
	*cam = l;
	*folder = strchr(l, '\t');
	if (!*folder)
		return false;
	*(*folder)++ = '\0';
	*name = strchr(*folder, '\t');
	if (!*name)
		return false;
	*(*name)++ = '\0';
	return **cam && **folder && **name;
}

/* Is this entry in the ledger text already? */
static bool listed(const char *text, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, line, n))
			return true;
	return false;
}

int session_owed_add(struct session *s, const char *camera, const char *folder, const char *name)
{
	char line[1600];
	if (!field_ok(camera) || !field_ok(folder) || !field_ok(name))
		return -1;
	snprintf(line, sizeof line, "%s\t%s\t%s\n", camera, folder, name);
	char *text = read_ledger(s);
	bool have = listed(text, line);
	free(text);
	if (have)
		return 0;
	int fd = openat(s->dirfd, LEDGER, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, line, strlen(line));
	int r = n == (ssize_t)strlen(line) && fdatasync(fd) == 0 ? 0 : -1;
	close(fd);
	return r;
}

/* Write text as the new ledger (temp file, fsync, rename). */
static int write_ledger(struct session *s, const char *text)
{
	int fd = openat(s->dirfd, LEDGER_TMP, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -1;
	size_t len = strlen(text);
	ssize_t n = write(fd, text, len);
	int r = n == (ssize_t)len && fsync(fd) == 0 ? 0 : -1;
	close(fd);
	if (r == 0)
		r = renameat(s->dirfd, LEDGER_TMP, s->dirfd, LEDGER);
	return r;
}

void session_owed_remove(struct session *s, const char *camera, const char *folder, const char *name)
{
	char line[1600];
	char *text = read_ledger(s), *out;
	size_t n, k = 0;

	if (!text || !field_ok(camera) || !field_ok(folder) || !field_ok(name)) {
		free(text);
		return;
	}
	snprintf(line, sizeof line, "%s\t%s\t%s\n", camera, folder, name);
	n = strlen(line);
	out = malloc(strlen(text) + 1);
	for (char *p = text; out && *p;) {
		char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) + 1 : strlen(p);
		if (l != n || strncmp(p, line, n)) {
			memcpy(out + k, p, l);
			k += l;
		}
		p += l;
	}
	if (out) {
		out[k] = '\0';
		if (k + n == strlen(text)) /* it was there */
			write_ledger(s, out);
	}
	free(out);
	free(text);
}

int session_owed_each(struct session *s, const char *camera, session_owed_fn *fn, void *ud)
{
	char *text = read_ledger(s), *save = NULL;
	int count = 0;

	for (char *l = text ? strtok_r(text, "\n", &save) : NULL; l; l = strtok_r(NULL, "\n", &save)) {
		char *cam, *folder, *name;
		if (split_line(l, &cam, &folder, &name) && camera && !strcmp(cam, camera)) {
			fn(ud, folder, name);
			count++;
		}
	}
	free(text);
	return count;
}

/* Append ", " (unless first) and name to out (len bytes, NUL kept);
 * false once out is full. */
static bool add_name(char *out, size_t len, const char *name, bool first)
{
	size_t k = strlen(out);
	char clean[512];

	sanitize_text_into(name, strlen(name), clean, sizeof(clean));
	if (k + strlen(clean) + 8 >= len) {
		if (k + 5 < len)
			strcpy(out + k, ", ...");
		return false;
	}
	snprintf(out + k, len - k, "%s%s", first ? "" : ", ", clean);
	return true;
}

int session_owed_names(const char *dir, char *out, size_t len)
{
	char path[4200];
	int fd, count = 0;
	bool room = true;

	if (len)
		out[0] = '\0';
	snprintf(path, sizeof(path), "%s/" LEDGER, dir);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char *text = read_fd(fd), *save = NULL;
	for (char *l = text ? strtok_r(text, "\n", &save) : NULL; l; l = strtok_r(NULL, "\n", &save)) {
		char *cam, *folder, *name;
		if (!split_line(l, &cam, &folder, &name))
			continue;
		if (room && len)
			room = add_name(out, len, name, count == 0);
		count++;
	}
	free(text);
	return count;
}

int session_owed_text(const char *dir, char *msg, size_t len)
{
	char names[1024];
	int n = session_owed_names(dir, names, sizeof names);

	if (n == 0)
		snprintf(msg, len, "nothing is owed: every shot announced is in the journal");
	else
		snprintf(msg, len, "%d shot%s stay%s on the camera, owed to this session (the "
			 "next capa on it fetches %s from that camera): %s", n, n == 1 ? "" : "s",
			 n == 1 ? "s" : "", n == 1 ? "it" : "them", names);
	return n;
}
