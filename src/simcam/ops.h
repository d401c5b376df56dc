/* PTP operations of the simulated camera (the responder side of PIMA 15740).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transport-free: the PTP/IP layer (net.c) parses a request and any host
 * data phase, calls ops_run, then frames the response and any data. */
#ifndef SIMCAM_OPS_H
#define SIMCAM_OPS_H

#include "simcam/buf.h"
#include "simcam/simcam.h"

#include <stdint.h>

struct ptp_req {
	uint16_t code;
	uint32_t tid;
	uint32_t p[5];
	unsigned np;
};

struct ptp_resp {
	uint16_t code;
	uint32_t p[5];
	unsigned np;
	int has_data;      /* send `data` as a data phase before the response */
	int is_object;     /* the data is object contents (drop-after counts it) */
	struct buf data;
};

/* The per-connection PTP session. */
struct ptp_session {
	int open;
	uint32_t id;
};

/* Run one operation.  `din` is the host's data phase (NULL if none).
 * Fills `rs` (whose data buffer the caller frees). */
void ops_run(struct simcam *sc, struct ptp_session *ss, const struct ptp_req *rq,
	     const unsigned char *din, size_t dlen, struct ptp_resp *rs);

#endif
