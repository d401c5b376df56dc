/* Session numbers shared by every process writing one session.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

/* The next number .capa/number holds (0 when none or unreadable). */
static unsigned read_next(int fd)
{
	char buf[16];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	unsigned long v;
	char *end;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	v = strtoul(buf, &end, 10);
	return (end == buf || v > 0x7fffffffUL) ? 0 : (unsigned)v;
}

unsigned session_take_number(struct session *s)
{
	int fd = openat(s->dirfd, ".capa/number", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	unsigned got, next;
	char buf[16];
	int n;

	if (fd < 0) /* numbers stay unique within this process */
		return s->next_number++;
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
	next = read_next(fd);
	if (next > s->next_number)
		s->next_number = next;
	got = s->next_number++;
	/* not fsynced: after a crash the journal's highest + 1 is the floor */
	n = snprintf(buf, sizeof buf, "%u\n", s->next_number);
	if (pwrite(fd, buf, (size_t)n, 0) == n)
		(void)!ftruncate(fd, n);
	close(fd); /* drops the flock */
	return got;
}
