/* `capa --demo`.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "demo.h"

#include "headless.h"
#include "session.h"
#include "ui-main.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Find the capa-simcam program into out. */
static int find_simcam(const struct capa_options *opts, char *out, size_t len)
{
	char exe[4096];
	if (opts->simcam) {
		snprintf(out, len, "%s", opts->simcam);
		return access(out, X_OK);
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(out, len, "%s/capa-simcam", exe);
			if (access(out, X_OK) == 0)
				return 0;
		}
	}
	const char *path = getenv("PATH");
	while (path && *path) {
		const char *colon = strchr(path, ':');
		size_t l = colon ? (size_t)(colon - path) : strlen(path);
		snprintf(out, len, "%.*s/capa-simcam", (int)l, path);
		if (l && access(out, X_OK) == 0)
			return 0;
		path = colon ? colon + 1 : NULL;
	}
	return -1;
}

/* Read the `listening 127.0.0.1:PORT` line from fd within the deadline. */
static int read_port(int fd, int *port)
{
	char buf[256];
	size_t have = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long left = 5000 - ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return -1;
		ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = 0;
		char *l = strstr(buf, "listening 127.0.0.1:");
		if (l && strchr(l, '\n')) {
			*port = atoi(l + strlen("listening 127.0.0.1:"));
			return *port > 0 ? 0 : -1;
		}
		if (have == sizeof buf - 1)
			return -1;
	}
}

int demo_start(struct demo *d, struct capa_options *opts, char *err, size_t errlen)
{
	char prog[4200];
	int pipefd[2], port = 0;

	memset(d, 0, sizeof *d);
	if (find_simcam(opts, prog, sizeof prog) < 0) {
		snprintf(err, errlen, "capa-simcam not found (give it with --simcam FILE)");
		return -1;
	}
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	d->pid = fork();
	if (d->pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (d->pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(pipefd[1], STDOUT_FILENO);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDERR_FILENO);
		}
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execl(prog, prog, "--port", "0", (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	int rc = read_port(pipefd[0], &port);
	close(pipefd[0]);
	if (rc < 0) {
		snprintf(err, errlen, "%s did not say where it listens", prog);
		demo_stop(d);
		return -1;
	}
	/* libgphoto2 2.5.30 puts the event channel on 15740 unless told. */
	snprintf(d->port, sizeof d->port, "ptpip:127.0.0.1:%d:%d", port, port);
	opts->camera = "PTP/IP Camera";
	opts->port = d->port;
	return 0;
}

void demo_stop(struct demo *d)
{
	if (d->pid <= 0)
		return;
	kill(d->pid, SIGTERM);
	waitpid(d->pid, NULL, 0);
	d->pid = 0;
}

/* Keep the demo's synthetic shots out of the day's real session. */
static void demo_session(struct demo *d, struct capa_options *opts)
{
	if (opts->session || session_named_dir(d->session, sizeof d->session, "demo") < 0)
		return;
	opts->session = d->session;
}

int demo_main(struct capa_options *opts)
{
	struct demo d;
	char err[300];
	if (demo_start(&d, opts, err, sizeof err) < 0) {
		fprintf(stderr, "capa --demo: %s\n", err);
		return 1;
	}
	demo_session(&d, opts);
	int rc = opts->headless ? headless_main(opts) : ui_main(opts);
	demo_stop(&d);
	if (d.session[0])
		fprintf(opts->headless ? stderr : stdout,
			"capa --demo: the demo's shots are in %s\n", opts->session);
	return rc;
}
