/* Is a PTP/IP camera listening again?  A TCP connect probe, without libgphoto2.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why: every failed gp_camera_init on a PTP/IP port leaks the camlib's
 * private data and its iconv descriptors (about 33 KiB; libgphoto2 issue
 * #772, still open), so retrying a camera that is switched off every few
 * seconds would grow capa for hours.  The reconnect loop therefore first
 * checks, with a non-blocking TCP connect, that something listens on the
 * camera's address, and only then asks the worker to connect.
 *
 * Main thread; never blocks (the connect completes in the background and
 * probe_check() looks at it).  IPv4 literals only, like libgphoto2's ptpip. */
#ifndef CAPA_CAM_RECONNECT_PROBE_H
#define CAPA_CAM_RECONNECT_PROBE_H

#define PROBE_TIMEOUT_MS 2500 /* libgphoto2's own PTP/IP connect timeout */

enum probe_state {
	PROBE_PENDING, /* no answer yet */
	PROBE_OPEN,    /* something accepted the connection */
	PROBE_CLOSED,  /* refused, unreachable or timed out */
};

struct tcp_probe {
	int fd;               /* -1 when idle */
	long long deadline_ms;
};

/* Idle probe. */
void probe_init(struct tcp_probe *p);

/* Start probing the command port of `port` ("ptpip:IP[:PORT[:EVENTPORT]]",
 * default port 15740).  Returns 1 when started, 0 when the port is not a
 * PTP/IP IPv4 address (nothing to probe: connect directly), -1 when the
 * socket could not be made. */
int probe_start(struct tcp_probe *p, const char *port, long long now_ms);

/* Where the probe stands; OPEN and CLOSED end it (the socket is closed). */
enum probe_state probe_check(struct tcp_probe *p, long long now_ms);

/* True while a probe is in flight. */
int probe_active(const struct tcp_probe *p);

/* Abandon a probe in flight. */
void probe_cancel(struct tcp_probe *p);

#endif
