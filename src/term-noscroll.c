/* A terminfo entry without scrolling (see term-noscroll.h for why).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "term-noscroll.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Scroll region, index/reverse index and insert/delete line: every way
 * ncurses can move lines on the terminal. */
const char term_noscroll_caps[] = "csr@, ind@, ri@, indn@, rin@, il@, il1@, dl@, dl1@";

/* True when `term` can stand in a terminfo source's use= clause. */
static int plain_name(const char *term)
{
	size_t n = strlen(term);
	if (n == 0 || n > 64)
		return 0;
	return strspn(term, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+-") == n;
}

/* Write the entry's source to path. */
static int write_source(const char *path, const char *term)
{
	FILE *f = fopen(path, "wx");
	if (!f)
		return -1;
	fprintf(f, "capa-noscroll|%s without scrolling (capa),\n\t%s, use=%s,\n",
		term, term_noscroll_caps, term);
	return fclose(f);
}

/* Run tic -x -o dir src with no terminal output; returns its exit status. */
static int run_tic(const char *dir, const char *src)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = -1;
	char tic[] = "tic", x[] = "-x", o[] = "-o";
	char *argv[] = { tic, x, o, (char *)dir, (char *)src, NULL };

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	int rc = posix_spawnp(&pid, "tic", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int term_noscroll_build(const char *term, char *dir, size_t dirlen, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	char src[4096];

	if (!term || !plain_name(term)) {
		snprintf(err, errlen, "TERM is not a plain terminfo name");
		return -1;
	}
	if (snprintf(dir, dirlen, "%s/capa-terminfo.XXXXXX", tmp && *tmp ? tmp : "/tmp") >= (int)dirlen
	    || !mkdtemp(dir)) {
		snprintf(err, errlen, "cannot make a private directory: %s", strerror(errno));
		return -1;
	}
	snprintf(src, sizeof src, "%s/capa-noscroll.src", dir);
	int rc = write_source(src, term) < 0 ? -2 : run_tic(dir, src);
	if (rc != 0) {
		if (rc == -2)
			snprintf(err, errlen, "cannot write a terminfo source");
		else if (rc == -1)
			snprintf(err, errlen, "tic(1) could not be run");
		else
			snprintf(err, errlen, "tic(1) failed on TERM=%s", term);
		term_noscroll_remove(dir);
		return -1;
	}
	return 0;
}

/* nftw callback: remove one entry of the private directory. */
static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

void term_noscroll_remove(const char *dir)
{
	if (dir && *dir)
		nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}
