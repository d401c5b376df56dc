/* The camera picker's model: the cameras on offer and the selection.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void picker_init(struct picker *pk)
{
	memset(pk, 0, sizeof *pk);
}

/* qsort order of entries: by port ("usb:001,005" sorts numerically). */
static int entry_cmp(const void *a, const void *b)
{
	const struct picker_entry *x = a, *y = b;
	int c = strcmp(x->port, y->port);

	return c ? c : strcmp(x->id, y->id);
}

void picker_sync(struct picker *pk, const struct hotplug_camera *cams, size_t n,
		 const char *current_port)
{
	char keep[HOTPLUG_SYSPATH_MAX] = "";
	size_t old_sel = pk->sel;

	if (pk->n > 0)
		memcpy(keep, pk->e[pk->sel].id, sizeof keep);
	if (n > PICKER_MAX)
		n = PICKER_MAX;
	for (size_t i = 0; i < n; i++) {
		struct picker_entry *e = &pk->e[i];
		snprintf(e->id, sizeof e->id, "%s", cams[i].syspath);
		snprintf(e->model, sizeof e->model, "%s", cams[i].model);
		snprintf(e->port, sizeof e->port, "%s", cams[i].port);
		e->current = current_port && strcmp(current_port, cams[i].port) == 0;
	}
	pk->n = n;
	qsort(pk->e, n, sizeof pk->e[0], entry_cmp);
	pk->sel = 0;
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (keep[0] && strcmp(pk->e[i].id, keep) == 0) {
			pk->sel = i;
			return;
		}
	pk->sel = old_sel < n ? old_sel : n - 1;
}

void picker_move(struct picker *pk, int delta)
{
	long s = (long)pk->sel + delta;

	if (pk->n == 0) {
		pk->sel = 0;
		return;
	}
	if (s < 0)
		s = 0;
	if (s >= (long)pk->n)
		s = (long)pk->n - 1;
	pk->sel = (size_t)s;
}

const struct picker_entry *picker_selected(const struct picker *pk)
{
	return pk->n ? &pk->e[pk->sel] : NULL;
}

int picker_select_port(struct picker *pk, const char *port)
{
	for (size_t i = 0; i < pk->n; i++)
		if (strcmp(pk->e[i].port, port) == 0) {
			pk->sel = i;
			return 0;
		}
	return -1;
}

char *picker_row(const struct picker_entry *e, char *buf, size_t len)
{
	snprintf(buf, len, "%s  %s%s", e->model, e->port, e->current ? "  (connected)" : "");
	return buf;
}
