/* Is a PTP/IP camera listening again?  A TCP connect probe, without libgphoto2.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-reconnect-probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void probe_init(struct tcp_probe *p)
{
	p->fd = -1;
	p->deadline_ms = 0;
}

/* Parse "ptpip:IP[:PORT[:EVENTPORT]]" into sa.  Returns 0 or -1. */
static int parse_ptpip(const char *port, struct sockaddr_in *sa)
{
	char ip[64];
	const char *s, *colon;
	size_t n;
	long num = 15740;

	if (strncmp(port, "ptpip:", 6) != 0)
		return -1;
	s = port + 6;
	colon = strchr(s, ':');
	n = colon ? (size_t)(colon - s) : strlen(s);
	if (n == 0 || n >= sizeof ip)
		return -1;
	memcpy(ip, s, n);
	ip[n] = '\0';
	if (colon) {
		char *end;
		errno = 0;
		num = strtol(colon + 1, &end, 10);
		if (errno || end == colon + 1 || (*end && *end != ':') || num < 1 || num > 65535)
			return -1;
	}
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)num);
	return inet_pton(AF_INET, ip, &sa->sin_addr) == 1 ? 0 : -1;
}

int probe_start(struct tcp_probe *p, const char *port, long long now_ms)
{
	struct sockaddr_in sa;

	probe_cancel(p);
	if (parse_ptpip(port, &sa) < 0)
		return 0;
	p->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (p->fd < 0)
		return -1;
	p->deadline_ms = now_ms + PROBE_TIMEOUT_MS;
	if (connect(p->fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS) {
		/* Refused at once (localhost): remember it as closed. */
		close(p->fd);
		p->fd = -2;
	}
	return 1;
}

enum probe_state probe_check(struct tcp_probe *p, long long now_ms)
{
	struct pollfd pf = { .fd = p->fd, .events = POLLOUT };
	int err = 0;
	socklen_t len = sizeof err;

	if (p->fd == -2) {
		p->fd = -1;
		return PROBE_CLOSED;
	}
	if (p->fd < 0)
		return PROBE_CLOSED;
	if (poll(&pf, 1, 0) <= 0) {
		if (now_ms < p->deadline_ms)
			return PROBE_PENDING;
		probe_cancel(p);
		return PROBE_CLOSED;
	}
	if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	probe_cancel(p);
	return err == 0 ? PROBE_OPEN : PROBE_CLOSED;
}

int probe_active(const struct tcp_probe *p)
{
	return p->fd != -1;
}

void probe_cancel(struct tcp_probe *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}
