/* The control socket of capa-simcam (server side and the `ctl` client).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/control.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_CTL 8
#define LINE_MAX_LEN 1024

struct ctl_conn {
	int fd;
	struct buf in, out;
	unsigned long wait_body;   /* reply "ok" when body_done reaches this */
	int waiting;
	int closing;
};

struct control {
	int lfd;
	char *path;
	struct ctl_conn *c[MAX_CTL];
};

struct control *control_open(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(a.sun_path)) {
		fprintf(stderr, "capa-simcam: control path too long: %s\n", path);
		return NULL;
	}
	strcpy(a.sun_path, path);
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);
	struct control *ctl = calloc(1, sizeof(*ctl));
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (!ctl || fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 8) < 0) {
		fprintf(stderr, "capa-simcam: control socket %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(ctl);
		return NULL;
	}
	ctl->lfd = fd;
	ctl->path = strdup(path);
	return ctl;
}

/* Close one control connection. */
static void ctl_close(struct control *ctl, int i)
{
	close(ctl->c[i]->fd);
	buf_free(&ctl->c[i]->in);
	buf_free(&ctl->c[i]->out);
	free(ctl->c[i]);
	ctl->c[i] = NULL;
}

void control_free(struct control *ctl)
{
	if (!ctl)
		return;
	for (int i = 0; i < MAX_CTL; i++)
		if (ctl->c[i])
			ctl_close(ctl, i);
	close(ctl->lfd);
	unlink(ctl->path);
	free(ctl->path);
	free(ctl);
}

int control_fill(struct control *ctl, struct pollfd *fds, int max)
{
	if (!ctl || max < 1 + MAX_CTL)
		return 0;
	fds[0] = (struct pollfd){ .fd = ctl->lfd, .events = POLLIN };
	for (int i = 0; i < MAX_CTL; i++) {
		struct ctl_conn *c = ctl->c[i];
		fds[1 + i] = (struct pollfd){ .fd = c ? c->fd : -1,
					      .events = (short)(POLLIN | (c && c->out.len ? POLLOUT : 0)) };
	}
	return 1 + MAX_CTL;
}

/* Queue a reply line (a newline is added). */
static void reply(struct ctl_conn *c, const char *s)
{
	buf_put(&c->out, s, strlen(s));
	buf_u8(&c->out, '\n');
}

/* Run every complete line a control client sent (stops while a shoot waits). */
static void run_lines(struct simcam *sc, struct ctl_conn *c)
{
	static char out[1 << 20];
	while (!c->waiting) {
		unsigned char *nl = memchr(c->in.p, '\n', c->in.len);
		if (!nl) {
			if (c->in.len > LINE_MAX_LEN) {
				reply(c, "error line too long");
				c->closing = 1;
			}
			return;
		}
		*nl = 0;
		int rc = control_command(sc, (char *)c->in.p, out, sizeof(out));
		buf_consume(&c->in, (size_t)(nl - c->in.p) + 1);
		if (rc == 0 && !strcmp(out, "pending")) {
			c->waiting = 1;
			c->wait_body = sc->body_done + sc->pending_shots;
		} else {
			reply(c, out);
		}
	}
}

void control_progress(struct simcam *sc, struct control *ctl)
{
	for (int i = 0; ctl && i < MAX_CTL; i++) {
		struct ctl_conn *c = ctl->c[i];
		if (c && c->waiting && sc->body_done >= c->wait_body) {
			c->waiting = 0;
			reply(c, "ok");
			run_lines(sc, c);
		}
	}
}

/* Read from one control client; returns -1 when it is gone. */
static int ctl_read(struct simcam *sc, struct ctl_conn *c)
{
	buf_reserve(&c->in, 4096);
	ssize_t k = recv(c->fd, c->in.p + c->in.len, 4096, 0);
	if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR))
		return -1;
	if (k > 0) {
		c->in.len += (size_t)k;
		run_lines(sc, c);
	}
	return 0;
}

/* Write pending replies; returns -1 when the client must be closed. */
static int ctl_write(struct ctl_conn *c)
{
	while (c->out.len) {
		ssize_t k = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN)
			return 0;
		if (k <= 0)
			return -1;
		buf_consume(&c->out, (size_t)k);
	}
	return c->closing ? -1 : 0;
}

void control_handle(struct simcam *sc, struct control *ctl, struct pollfd *fds, int nfds)
{
	if (!ctl || nfds < 1 + MAX_CTL)
		return;
	if (fds[0].revents & POLLIN) {
		int fd = accept4(ctl->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		int i = 0;
		while (fd >= 0 && i < MAX_CTL && ctl->c[i])
			i++;
		if (fd >= 0 && (i == MAX_CTL || !(ctl->c[i] = calloc(1, sizeof(struct ctl_conn)))))
			close(fd);
		else if (fd >= 0)
			ctl->c[i]->fd = fd;
	}
	for (int i = 0; i < MAX_CTL; i++) {
		struct ctl_conn *c = ctl->c[i];
		short re = fds[1 + i].revents;
		if (!c || fds[1 + i].fd != c->fd)
			continue;
		if ((re & (POLLIN | POLLHUP | POLLERR)) && ctl_read(sc, c) < 0) {
			ctl_close(ctl, i);
			continue;
		}
		if (c->out.len && ctl_write(c) < 0)
			ctl_close(ctl, i);
	}
}

/* Send all of s to fd (blocking socket). */
static int send_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t k = send(fd, s, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int control_client(const char *path, int argc, char **argv)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (strlen(path) >= sizeof(a.sun_path) || fd < 0)
		return 2;
	strcpy(a.sun_path, path);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		fprintf(stderr, "capa-simcam ctl: %s: %s\n", path, strerror(errno));
		close(fd);
		return 2;
	}
	struct buf line = { 0 };
	for (int i = 0; i < argc; i++) {
		if (i)
			buf_u8(&line, ' ');
		buf_put(&line, argv[i], strlen(argv[i]));
	}
	buf_u8(&line, '\n');
	int rc = send_all(fd, (char *)line.p, line.len) < 0 ? 2 : 1, done = rc == 2;
	buf_free(&line);
	/* Print the reply up to and including the line that starts with ok/error. */
	char b[4096];
	size_t have = 0;
	while (!done) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 120000) <= 0)
			break;
		ssize_t k = recv(fd, b + have, sizeof(b) - 1 - have, 0);
		if (k <= 0)
			break;
		have += (size_t)k;
		char *nl;
		while ((nl = memchr(b, '\n', have))) {
			*nl = 0;
			puts(b);
			int last = !strncmp(b, "ok", 2) || !strncmp(b, "error", 5);
			if (last) {
				rc = b[0] == 'o' ? 0 : 1;
				done = 1;
			}
			have -= (size_t)(nl + 1 - b);
			memmove(b, nl + 1, have);
			if (last)
				break;
		}
		if (have == sizeof(b) - 1)
			have = 0;
	}
	close(fd);
	return rc;
}
