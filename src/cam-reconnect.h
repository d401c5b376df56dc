/* Reconnect policy: which body is "the same camera", and when to try again.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure logic, no I/O, no clock of its own: callers pass a monotonic time in
 * milliseconds.  Used on the main thread by whoever drives the camera worker
 * (interactive loop or headless mode).
 *
 * Backoff: after a loss the first attempt comes RECONNECT_FIRST_MS later;
 * each failed attempt doubles the wait (0.5, 1, 2, 4, 8 s …) up to
 * RECONNECT_CAP_MS.  Only one attempt is in flight at a time. */
#ifndef CAPA_CAM_RECONNECT_H
#define CAPA_CAM_RECONNECT_H

#include <stdbool.h>
#include <stddef.h>

#define RECONNECT_FIRST_MS 500
#define RECONNECT_CAP_MS   8000

/* What identifies a camera body across unplug/replug (the USB device number
 * changes, these do not). */
struct cam_body {
	char serial[64]; /* "" when the camera reports none */
	unsigned vid, pid;
};

/* True when `got` is the body `want`: equal serial numbers when both have
 * one (and equal ids when both are known), else equal, known VID:PID. */
bool cam_body_matches(const struct cam_body *want, const struct cam_body *got);

struct reconnect {
	bool active;        /* a lost camera is being brought back */
	bool in_flight;     /* an attempt was started and has not ended */
	unsigned attempts;  /* attempts started since the loss */
	long long due_ms;   /* when the next attempt may start */
};

/* The wait before attempt number `n` (0-based): 500 ms << n, capped. */
long long reconnect_delay_ms(unsigned n);

/* The camera was lost at `now`: schedule the first attempt.  Does nothing
 * when already active. */
void reconnect_start(struct reconnect *r, long long now_ms);

/* True when an attempt should start now (active, none in flight, due). */
bool reconnect_due(const struct reconnect *r, long long now_ms);

/* Poll timeout until the next attempt: -1 when none is pending, else
 * 0..delay ms. */
int reconnect_timeout_ms(const struct reconnect *r, long long now_ms);

/* An attempt starts now. */
void reconnect_begin(struct reconnect *r);

/* The attempt failed at `now`: schedule the next one with a longer wait. */
void reconnect_failed(struct reconnect *r, long long now_ms);

/* Connected again, or the user gave up: back to idle. */
void reconnect_reset(struct reconnect *r);

/* Write the user-facing text for libgphoto2's "USB device claimed by
 * another program" error (GP_ERROR_IO_USB_CLAIM, -53): what happened, the
 * fix, and how to retry (`retry_how`, e.g. "press r").  Returns buf. */
char *reconnect_claim_hint(char *buf, size_t len, const char *retry_how);

/* Protect standard input from libgphoto2's PTP/IP disconnect, which closes
 * fd 0 on every camera exit (it never initialises the Fuji jpgfd, 0, and
 * closes it along with the sockets; still so in libgphoto2 master).  Returns
 * a duplicate of fd 0 to read stdin (or the tty) from, and puts /dev/null on
 * fd 0 as the harmless victim.  Call on the main thread before any camera
 * is opened.  Returns 0 (plain stdin) when it cannot. */
int reconnect_shield_stdin(void);

#endif
