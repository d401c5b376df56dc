/* A scripted terminal for probe tests: runs a command in a pty, answers its
 * DA1 query with a canned reply, and copies everything the command writes
 * to stdout.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * usage: img-fake-term REPLY CMD [ARG]...   (REPLY may use \e for ESC;
 *        an empty REPLY never answers). Exits with CMD's status. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* Turn "\e" into ESC in place. */
static size_t unescape(char *s)
{
	size_t o = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1] == 'e') {
			s[o++] = '\033';
			i++;
		} else
			s[o++] = s[i];
	}
	return o;
}

/* Copy the child's output, answering DA1 once; 10 s deadline. */
static void pump(int m, const char *reply, size_t rlen)
{
	char buf[65536], tail[4] = "";
	bool answered = rlen == 0;
	time_t end = time(NULL) + 10;

	while (time(NULL) < end) {
		struct pollfd p = { .fd = m, .events = POLLIN };
		if (poll(&p, 1, 1000) <= 0)
			continue;
		ssize_t n = read(m, buf, sizeof buf);
		if (n <= 0)
			return; /* EIO: the child closed the pty */
		fwrite(buf, 1, (size_t)n, stdout);
		if (!answered) {
			/* Look for ESC [ c, also across reads. */
			char scan[sizeof tail + sizeof buf];
			size_t tl = strlen(tail);
			memcpy(scan, tail, tl);
			memcpy(scan + tl, buf, (size_t)n);
			if (memmem(scan, tl + (size_t)n, "\033[c", 3)) {
				if (write(m, reply, rlen) == (ssize_t)rlen)
					answered = true;
			}
			size_t keep = (size_t)n < 2 ? (size_t)n : 2;
			memcpy(tail, buf + n - keep, keep);
			tail[keep] = '\0';
		}
	}
}

int main(int argc, char **argv)
{
	int m;

	if (argc < 3) {
		fprintf(stderr, "usage: img-fake-term REPLY CMD [ARG]...\n");
		return 2;
	}
	size_t rlen = unescape(argv[1]);
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct termios raw;
	memset(&raw, 0, sizeof raw);
	cfmakeraw(&raw); /* no CR insertion: the output is compared byte for byte */
	pid_t pid = forkpty(&m, NULL, &raw, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	pump(m, argv[1], rlen);
	int st;
	waitpid(pid, &st, 0);
	fflush(stdout);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
