/* Reconnect policy: which body is "the same camera", and when to try again.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-reconnect.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool cam_body_matches(const struct cam_body *want, const struct cam_body *got)
{
	bool ids_known = want->vid && want->pid && got->vid && got->pid;

	if (want->serial[0] && got->serial[0]) {
		if (strcmp(want->serial, got->serial) != 0)
			return false;
		return !ids_known || (want->vid == got->vid && want->pid == got->pid);
	}
	return ids_known && want->vid == got->vid && want->pid == got->pid;
}

long long reconnect_delay_ms(unsigned n)
{
	long long d = RECONNECT_FIRST_MS;

	while (n-- > 0 && d < RECONNECT_CAP_MS)
		d *= 2;
	return d < RECONNECT_CAP_MS ? d : RECONNECT_CAP_MS;
}

void reconnect_start(struct reconnect *r, long long now_ms)
{
	if (r->active)
		return;
	r->active = true;
	r->in_flight = false;
	r->attempts = 0;
	r->due_ms = now_ms + reconnect_delay_ms(0);
}

bool reconnect_due(const struct reconnect *r, long long now_ms)
{
	return r->active && !r->in_flight && now_ms >= r->due_ms;
}

int reconnect_timeout_ms(const struct reconnect *r, long long now_ms)
{
	long long left;

	if (!r->active || r->in_flight)
		return -1;
	left = r->due_ms - now_ms;
	if (left < 0)
		return 0;
	return left > RECONNECT_CAP_MS ? RECONNECT_CAP_MS : (int)left;
}

void reconnect_begin(struct reconnect *r)
{
	r->in_flight = true;
	r->attempts++;
}

void reconnect_failed(struct reconnect *r, long long now_ms)
{
	if (!r->active)
		return;
	r->in_flight = false;
	r->due_ms = now_ms + reconnect_delay_ms(r->attempts);
}

void reconnect_reset(struct reconnect *r)
{
	memset(r, 0, sizeof *r);
}

char *reconnect_claim_hint(char *buf, size_t len, const char *retry_how)
{
	snprintf(buf, len, "the camera is in use by another program (usually the "
		 "desktop's gvfs, which mounts cameras): run `gio mount -s gphoto2` or "
		 "close the file manager showing it, then %s to retry", retry_how);
	return buf;
}

int reconnect_shield_stdin(void)
{
	int in = fcntl(0, F_DUPFD_CLOEXEC, 3);
	int null;

	if (in < 0)
		return 0;
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, 0) < 0) {
		if (null >= 0)
			close(null);
		close(in);
		return 0;
	}
	close(null);
	return in;
}
