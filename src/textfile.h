/* Small text files read whole and split into bounded lines: the config
 * file and themes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only a regular file is read: a FIFO would block the open or the read, a
 * device (/dev/zero, /dev/urandom) would never end.  The file is opened
 * with O_NONBLOCK, checked with fstat, and read up to a size limit.  Pure
 * I/O on the calling thread; no global state. */
#ifndef CAPA_TEXTFILE_H
#define CAPA_TEXTFILE_H

#include <stddef.h>

/* The largest config or theme file read (1 MiB). */
#define TEXTFILE_MAX ((size_t)1 << 20)

struct textfile {
	char *data;     /* the file's bytes (malloc'd, NUL after the last) */
	size_t len, pos; /* size; start of the next line */
};

enum textfile_line {
	TEXTFILE_END,   /* no more lines */
	TEXTFILE_OK,    /* a line */
	TEXTFILE_LONG,  /* a line longer than the buffer: skipped whole */
	TEXTFILE_NUL,   /* a line holding a NUL byte: skipped */
};

/* Read the regular file at path, at most max bytes, into f.  Returns 0, or
 * -1 with errno (ENOENT when missing, EINVAL when not a regular file, EFBIG
 * when larger than max, else open/read's) and a one-line reason in err. */
int textfile_open(struct textfile *f, const char *path, size_t max, char *err, size_t errlen);

/* Copy the next line (without its newline) into line, NUL-terminated. */
enum textfile_line textfile_next(struct textfile *f, char *line, size_t linemax);

/* Free the bytes; f may be zeroed or already closed. */
void textfile_close(struct textfile *f);

#endif
