/* Small text files read whole and split into bounded lines.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Read fd to its end into a new NUL-terminated buffer; NULL with errno
 * EFBIG once more than max bytes came (the file grew since fstat). */
static char *read_all(int fd, size_t max, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;
	ssize_t r;
	int e;

	for (;;) {
		if (n + 1 >= cap) { /* room for one byte past max, and the NUL */
			size_t c = cap ? cap * 2 : 4096;
			char *b = realloc(buf, cap = c < max + 2 ? c : max + 2);
			if (!b)
				goto fail;
			buf = b;
		}
		r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	e = errno;
	free(buf);
	errno = e;
	return NULL;
}

/* Describe a failed open or read in err. */
static int fail(char *err, size_t errlen, int e, size_t max)
{
	if (e == EINVAL)
		snprintf(err, errlen, "not a regular file");
	else if (e == EFBIG)
		snprintf(err, errlen, "larger than %zu KiB", max / 1024);
	else
		snprintf(err, errlen, "%s", strerror(e));
	errno = e;
	return -1;
}

int textfile_open(struct textfile *f, const char *path, size_t max, char *err, size_t errlen)
{
	struct stat st;
	int fd, e = 0;

	memset(f, 0, sizeof *f);
	/* O_NONBLOCK: a FIFO must not block the open; regular files ignore it. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return fail(err, errlen, errno, max);
	if (fstat(fd, &st) < 0)
		e = errno;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL;
	else if ((unsigned long long)st.st_size > max)
		e = EFBIG;
	else if (!(f->data = read_all(fd, max, &f->len)))
		e = errno;
	close(fd);
	return e ? fail(err, errlen, e, max) : 0;
}

enum textfile_line textfile_next(struct textfile *f, char *line, size_t linemax)
{
	const char *s = f->data + f->pos, *nl;
	size_t n;

	if (!f->data || f->pos >= f->len)
		return TEXTFILE_END;
	nl = memchr(s, '\n', f->len - f->pos);
	n = nl ? (size_t)(nl - s) : f->len - f->pos;
	f->pos += n + (nl != NULL);
	if (memchr(s, '\0', n))
		return TEXTFILE_NUL;
	if (n >= linemax)
		return TEXTFILE_LONG;
	memcpy(line, s, n);
	line[n] = '\0';
	return TEXTFILE_OK;
}

void textfile_close(struct textfile *f)
{
	free(f->data);
	memset(f, 0, sizeof *f);
}
