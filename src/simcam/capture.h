/* Taking pictures: host captures (InitiateCapture) and body shots.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shots are made from the poll loop, one step per turn, so that pending
 * transfers keep flowing while an image is being encoded. */
#ifndef SIMCAM_CAPTURE_H
#define SIMCAM_CAPTURE_H

#include "simcam/simcam.h"

#include <stdint.h>

/* Make one shot with the current settings and faults: adds the JPEG (and
 * the raw companion) to the store and announces each with ObjectAdded —
 * except the companion when `companion` is not NULL: its handle is stored
 * there for the caller to announce later.  Returns the number of objects
 * added; 0 when the card is full (StoreFull is sent) or encoding failed. */
int capture_shot(struct simcam *sc, uint32_t *companion);
/* Milliseconds until capture_step has work (0: now, -1: nothing pending). */
int capture_wait(const struct simcam *sc);
/* Do one due capture (after --capture-delay) or one pending body shot. */
void capture_step(struct simcam *sc);

#endif
