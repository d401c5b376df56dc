/* The PTP/IP transport (CIPA DC-005) of capa-simcam: a TCP listener on
 * 127.0.0.1, the command and event channels of one session, framing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Non-blocking sockets driven by the caller's poll loop.  One initiator at
 * a time: a second Init Command Request gets Init Fail (busy).  A client
 * that disconnects at any point only ends its session. */
#ifndef SIMCAM_NET_H
#define SIMCAM_NET_H

#include "simcam/simcam.h"

#include <poll.h>
#include <stdint.h>

/* Listen on 127.0.0.1:port (0: any free port).  Returns NULL on error
 * (message printed); *bound receives the port. */
struct net *net_open(int port, int *bound);
void net_free(struct net *n);
/* Add this module's descriptors to `fds` (at most `max`); returns how many. */
int net_fill(struct net *n, struct pollfd *fds, int max);
/* Handle the poll results for the descriptors net_fill added. */
void net_handle(struct simcam *sc, struct pollfd *fds, int nfds);
/* Try to send pending output now (non-blocking). */
void net_flush(struct simcam *sc);
/* Milliseconds until throttled output may continue (-1: nothing waits). */
int net_timeout(struct net *n);
/* Queue an event on the event channel; dropped when no session. */
void net_event(struct net *n, uint16_t code, uint32_t param);
/* Drop every PTP/IP connection ("unplug the cable"). */
void net_unplug(struct net *n);
/* 1 if a client has both channels open, 2 if its PTP session is open too. */
int net_state(const struct net *n);

#endif
