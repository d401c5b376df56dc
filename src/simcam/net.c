/* The PTP/IP transport (CIPA DC-005) of capa-simcam.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/net.h"

#include "simcam/ops.h"
#include "simcam/ptp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNS 16
#define MAX_PACKET (1u << 20)      /* longest packet we accept from a host */
#define DATA_CHUNK 65536u          /* payload per data packet we send */

enum role { ROLE_NEW, ROLE_CMD, ROLE_EVT };

struct conn {
	int fd;
	enum role role;
	struct buf in, out;
	size_t out_off;
	int closing;               /* close once `out` is sent */
};

struct net {
	int lfd;
	struct conn *c[MAX_CONNS];
	struct conn *cmd, *evt;    /* the session's channels */
	uint32_t conn_number;
	struct ptp_session ss;
	int din_active;            /* waiting for the host's data phase */
	uint64_t din_total;
	struct ptp_req din_req;
	struct buf din;
	int64_t next_write_ms;     /* throttle: earliest next write */
};

struct net *net_open(int port, int *bound)
{
	struct net *n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	n->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t al = sizeof(a);
	if (n->lfd < 0 || setsockopt(n->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(n->lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(n->lfd, 8) < 0 ||
	    getsockname(n->lfd, (struct sockaddr *)&a, &al) < 0) {
		fprintf(stderr, "capa-simcam: cannot listen on 127.0.0.1:%d: %s\n", port,
			strerror(errno));
		if (n->lfd >= 0)
			close(n->lfd);
		free(n);
		return NULL;
	}
	*bound = ntohs(a.sin_port);
	return n;
}

/* Close one connection; ending either channel ends the session. */
static void conn_close(struct net *n, struct conn *c)
{
	for (int i = 0; i < MAX_CONNS; i++)
		if (n->c[i] == c)
			n->c[i] = NULL;
	if (c == n->cmd || c == n->evt) {
		struct conn *other = c == n->cmd ? n->evt : n->cmd;
		n->cmd = n->evt = NULL;
		n->ss.open = 0;
		n->din_active = 0;
		if (other)
			conn_close(n, other);
	}
	close(c->fd);
	buf_free(&c->in);
	buf_free(&c->out);
	free(c);
}

void net_unplug(struct net *n)
{
	for (int i = 0; i < MAX_CONNS; i++)
		if (n->c[i])
			conn_close(n, n->c[i]);
}

void net_free(struct net *n)
{
	if (!n)
		return;
	net_unplug(n);
	close(n->lfd);
	buf_free(&n->din);
	free(n);
}

int net_state(const struct net *n)
{
	return n->cmd && n->evt ? 1 + n->ss.open : 0;
}

/* Start a packet of `type` whose payload is `plen` bytes. */
static void pkt_head(struct buf *b, uint32_t type, size_t plen)
{
	buf_u32(b, (uint32_t)(8 + plen));
	buf_u32(b, type);
}

void net_event(struct net *n, uint16_t code, uint32_t param)
{
	if (!n || !n->evt || n->evt->closing)
		return;
	struct buf *b = &n->evt->out;
	pkt_head(b, PTPIP_EVENT, 10);
	buf_u16(b, code);
	buf_u32(b, 0xffffffffu);
	buf_u32(b, param);
}

/* Frame a data phase; with a drop fault, cut it after `limit` payload
 * bytes (returns 1 when cut). */
static int frame_data(struct buf *b, uint32_t tid, const struct buf *d, uint64_t limit)
{
	pkt_head(b, PTPIP_START_DATA, 12);
	buf_u32(b, tid);
	buf_u64(b, d->len);
	size_t off = 0;
	do {
		size_t k = d->len - off > DATA_CHUNK ? DATA_CHUNK : d->len - off;
		int last = off + k == d->len;
		pkt_head(b, last ? PTPIP_END_DATA : PTPIP_DATA, 4 + k);
		buf_u32(b, tid);
		if (off + k > limit) {
			buf_put(b, d->p + off, (size_t)(limit - off));
			return 1;
		}
		buf_put(b, d->p + off, k);
		off += k;
	} while (off < d->len);
	return 0;
}

/* Run one operation and queue its data phase and response. */
static void run_op(struct simcam *sc, struct net *n, const struct ptp_req *rq,
		   const unsigned char *din, size_t dlen)
{
	struct ptp_resp rs = { 0 };
	ops_run(sc, &n->ss, rq, din, dlen, &rs);
	struct conn *c = n->cmd;
	if (!c) {
		buf_free(&rs.data);
		return;
	}
	if (rs.has_data) {
		uint64_t limit = UINT64_MAX;
		if (rs.is_object && sc->f.drop_count) {
			limit = sc->f.drop_after;
			sc->f.drop_count--;
		}
		if (frame_data(&c->out, rq->tid, &rs.data, limit)) {
			simcam_log(sc, "fault: dropping the connection after %llu object bytes",
				   (unsigned long long)limit);
			c->closing = 1;
			buf_free(&rs.data);
			return;
		}
	}
	buf_free(&rs.data);
	pkt_head(&c->out, PTPIP_CMD_RESP, 6 + 4 * rs.np);
	buf_u16(&c->out, rs.code);
	buf_u32(&c->out, rq->tid);
	for (unsigned i = 0; i < rs.np; i++)
		buf_u32(&c->out, rs.p[i]);
}

/* Handle an Init Command Request on a new connection. */
static void init_command(struct simcam *sc, struct net *n, struct conn *c)
{
	if (n->cmd || sc->f.powered_off) {
		pkt_head(&c->out, PTPIP_INIT_FAIL, 4);
		buf_u32(&c->out, 2);           /* busy */
		c->closing = 1;
		simcam_log(sc, "init: refused (%s)", n->cmd ? "busy" : "powered off");
		return;
	}
	static const char name[] = "SimCam";
	static const unsigned char guid[16] = { 'c', 'a', 'p', 'a', '-', 's', 'i', 'm',
						'c', 'a', 'm', 0, 0, 0, 0, 1 };
	c->role = ROLE_CMD;
	n->cmd = c;
	n->ss.open = 0;
	n->conn_number++;
	pkt_head(&c->out, PTPIP_INIT_CMD_ACK, 4 + 16 + 2 * sizeof(name) + 4);
	buf_u32(&c->out, n->conn_number);
	buf_put(&c->out, guid, 16);
	for (size_t i = 0; i < sizeof(name); i++)
		buf_u16(&c->out, (uint16_t)name[i]);
	buf_u32(&c->out, 0x00010000);
	simcam_log(sc, "init: command channel, connection %u", n->conn_number);
}

/* Handle an Init Event Request on a new connection. */
static void init_event(struct simcam *sc, struct net *n, struct conn *c,
		       const unsigned char *p, size_t len)
{
	if (!n->cmd || n->evt || len < 4 || get_u32(p) != n->conn_number) {
		pkt_head(&c->out, PTPIP_INIT_FAIL, 4);
		buf_u32(&c->out, 1);           /* rejected */
		c->closing = 1;
		return;
	}
	c->role = ROLE_EVT;
	n->evt = c;
	pkt_head(&c->out, PTPIP_INIT_EVT_ACK, 0);
	simcam_log(sc, "init: event channel");
}

/* Handle a packet on the command channel. */
static void command_packet(struct simcam *sc, struct net *n, uint32_t type,
			   const unsigned char *p, size_t len)
{
	if (type == PTPIP_CMD_REQ && len >= 10) {
		struct ptp_req rq = { .code = get_u16(p + 4), .tid = get_u32(p + 6) };
		rq.np = (unsigned)((len - 10) / 4);
		if (rq.np > 5)
			rq.np = 5;
		for (unsigned i = 0; i < rq.np; i++)
			rq.p[i] = get_u32(p + 10 + 4 * i);
		if (get_u32(p) == 2) {         /* the host will send data */
			n->din_active = 1;
			n->din_req = rq;
			n->din_total = UINT64_MAX;
			n->din.len = 0;
			return;
		}
		run_op(sc, n, &rq, NULL, 0);
	} else if (type == PTPIP_START_DATA && len >= 12 && n->din_active) {
		n->din_total = get_u64(p + 4);
		n->din.len = 0;
		if (n->din_total == 0) {
			n->din_active = 0;
			run_op(sc, n, &n->din_req, n->din.p, 0);
		}
	} else if ((type == PTPIP_DATA || type == PTPIP_END_DATA) && len >= 4 && n->din_active) {
		if (n->din.len + len - 4 <= MAX_PACKET)
			buf_put(&n->din, p + 4, len - 4);
		if (type == PTPIP_END_DATA || n->din.len >= n->din_total) {
			n->din_active = 0;
			run_op(sc, n, &n->din_req, n->din.p, n->din.len);
		}
	} else if (type == PTPIP_CANCEL) {
		n->din_active = 0;
	}
}

/* Dispatch one complete packet from connection c. */
static void packet(struct simcam *sc, struct net *n, struct conn *c, uint32_t type,
		   const unsigned char *p, size_t len)
{
	if (type == PTPIP_PROBE_REQ) {
		pkt_head(&c->out, PTPIP_PROBE_RESP, 0);
	} else if (c->role == ROLE_NEW && type == PTPIP_INIT_CMD_REQ) {
		init_command(sc, n, c);
	} else if (c->role == ROLE_NEW && type == PTPIP_INIT_EVT_REQ) {
		init_event(sc, n, c, p, len);
	} else if (c->role == ROLE_CMD) {
		command_packet(sc, n, type, p, len);
	} else if (c->role == ROLE_NEW) {
		c->closing = 1;
	}
}

/* Read what a connection sent and process whole packets.  Returns -1 when
 * the connection must be closed. */
static int conn_read(struct simcam *sc, struct net *n, struct conn *c)
{
	buf_reserve(&c->in, 65536);
	ssize_t k = recv(c->fd, c->in.p + c->in.len, 65536, 0);
	if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR))
		return -1;
	if (k < 0)
		return 0;
	c->in.len += (size_t)k;
	while (c->in.len >= 8 && !c->closing) {
		uint32_t len = get_u32(c->in.p), type = get_u32(c->in.p + 4);
		if (len < 8 || len > MAX_PACKET + 12) {
			simcam_log(sc, "bad packet length %u: closing", len);
			return -1;
		}
		if (c->in.len < len)
			break;
		packet(sc, n, c, type, c->in.p + 8, len - 8);
		buf_consume(&c->in, len);
	}
	return 0;
}

/* Send what we can of c's output.  Returns -1 when c must be closed. */
static int conn_write(struct simcam *sc, struct net *n, struct conn *c)
{
	size_t left = c->out.len - c->out_off;
	int throttled = sc->f.throttle && c->role == ROLE_CMD;
	if (throttled) {
		int64_t t = simcam_now_ms();
		if (t < n->next_write_ms)
			return 0;
		uint64_t chunk = sc->f.throttle / 20 ? sc->f.throttle / 20 : 1;
		if (left > chunk)
			left = (size_t)chunk;
	}
	while (left) {
		ssize_t k = send(c->fd, c->out.p + c->out_off, left, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (k < 0)
			return -1;
		c->out_off += (size_t)k;
		left -= (size_t)k;
		if (throttled)
			n->next_write_ms = simcam_now_ms() + (int64_t)((uint64_t)k * 1000 / sc->f.throttle);
	}
	if (c->out_off == c->out.len) {
		c->out.len = c->out_off = 0;
		if (c->closing)
			return -1;
	}
	return 0;
}

int net_fill(struct net *n, struct pollfd *fds, int max)
{
	int k = 0;
	if (max < 1 + MAX_CONNS)
		return 0;
	fds[k++] = (struct pollfd){ .fd = n->lfd, .events = POLLIN };
	int64_t t = simcam_now_ms();
	for (int i = 0; i < MAX_CONNS; i++) {
		struct conn *c = n->c[i];
		short ev = POLLIN;
		if (c && c->out.len > c->out_off && (c->role != ROLE_CMD || t >= n->next_write_ms))
			ev |= POLLOUT;
		fds[k++] = (struct pollfd){ .fd = c ? c->fd : -1, .events = ev };
	}
	return k;
}

int net_timeout(struct net *n)
{
	if (!n->cmd || n->cmd->out.len == n->cmd->out_off)
		return -1;
	int64_t d = n->next_write_ms - simcam_now_ms();
	return d < 0 ? 0 : d > 1000 ? 1000 : (int)d;
}

/* Accept a new connection (or refuse it when full). */
static void accept_one(struct simcam *sc, struct net *n)
{
	int fd = accept4(n->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	int i = 0;
	while (i < MAX_CONNS && n->c[i])
		i++;
	struct conn *c = i < MAX_CONNS ? calloc(1, sizeof(*c)) : NULL;
	if (!c || sc->f.powered_off) {
		simcam_log(sc, "refusing a connection (%s)", c ? "powered off" : "too many");
		free(c);
		close(fd);
		return;
	}
	c->fd = fd;
	n->c[i] = c;
}

void net_handle(struct simcam *sc, struct pollfd *fds, int nfds)
{
	struct net *n = sc->net;
	if (nfds < 1 + MAX_CONNS)
		return;
	if (fds[0].revents & POLLIN)
		accept_one(sc, n);
	for (int i = 0; i < MAX_CONNS; i++) {
		struct conn *c = n->c[i];
		short re = fds[1 + i].revents;
		if (!c || fds[1 + i].fd != c->fd || !re)
			continue;
		if ((re & (POLLIN | POLLHUP | POLLERR)) && conn_read(sc, n, c) < 0) {
			simcam_log(sc, "connection closed");
			conn_close(n, c);
			continue;
		}
		if (n->c[i] == c && (re & POLLOUT) && conn_write(sc, n, c) < 0)
			conn_close(n, c);
	}
}

void net_flush(struct simcam *sc)
{
	struct net *n = sc->net;
	for (int i = 0; i < MAX_CONNS; i++) {
		struct conn *c = n->c[i];
		if (c && c->out.len > c->out_off && conn_write(sc, n, c) < 0)
			conn_close(n, c);
	}
}
