/* capa-simcam: the state of the simulated camera, shared by its modules.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One struct simcam lives in main(); every module gets a pointer to it.
 * Single-threaded: everything runs from the poll loop in main.c. */
#ifndef SIMCAM_SIMCAM_H
#define SIMCAM_SIMCAM_H

#include "simcam/props.h"
#include "simcam/shot.h"
#include "simcam/store.h"

#include <stdint.h>

enum corrupt_kind { CORRUPT_OFF, CORRUPT_TRUNCATED, CORRUPT_GARBAGE, CORRUPT_HUGE };

/* Faults injected on purpose (options and control commands). */
struct faults {
	unsigned busy;              /* answer DeviceBusy to this many operations */
	uint64_t drop_after;        /* drop after this many object bytes ... */
	unsigned drop_count;        /* ... in this many transfers (0: off) */
	uint64_t throttle;          /* bytes per second on the command channel (0: off) */
	int card_full;              /* report a full card */
	int hostile_names;          /* give new shots hostile names */
	char *names[16];            /* exact names for the next shots (`name`) */
	unsigned n_names;
	unsigned hostile_seq;
	enum corrupt_kind corrupt;  /* damage new JPEGs */
	int powered_off;            /* refuse new connections */
};

struct net;

struct simcam {
	struct props props;
	struct store store;
	struct faults f;
	struct net *net;
	int raw;                    /* RAW+JPEG pairs */
	enum shot_colour colour;
	int quality;
	unsigned shot_seq;          /* shots taken so far (names, scenes) */
	unsigned pending_shots;     /* body shots waiting to be made */
	unsigned long body_done;    /* body shots made (or refused) so far */
	unsigned pending_captures;  /* InitiateCaptures waiting for their shot */
	unsigned capture_delay_ms;  /* time from InitiateCapture to the shot */
	int64_t capture_due_ms;     /* when the first pending capture is due */
	unsigned raw_delay_ms;      /* RAW companions announced this late */
	uint32_t late_raw[8];       /* companions not announced yet */
	unsigned n_late_raw;
	int64_t late_raw_due_ms;    /* when late_raw are announced */
	unsigned battery_drain_s;   /* seconds per percent (0: never) */
	char serial[32];            /* DeviceInfo's SerialNumber (--serial) */
	int verbose;
	volatile int quit;
};

/* Queue a PTP event for the connected client (dropped when none). */
void simcam_event(struct simcam *sc, uint16_t code, uint32_t param);
/* Monotonic clock in milliseconds. */
int64_t simcam_now_ms(void);
/* Log a line on stderr when --verbose. */
void simcam_log(const struct simcam *sc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
