/* The members of the event wire line: one table per struct, written by
 * event-wire.c and read by event-wire-read.c (json.c and json-c cannot
 * share a file: both name something json_bool).  Internal to those two.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_EVENT_WIRE_TABLE_H
#define CAPA_EVENT_WIRE_TABLE_H

#include <stddef.h>

#include "event.h"

#define WIRE_HEX_MARK 0x7f /* first byte of a string sent as hex */
#define WIRE_SHA_LEN (sizeof(((struct capa_event *)0)->sha256) - 1)
#define WIRE_LENS_LEN (sizeof(((struct capa_exif *)0)->lens) - 1)

/* What a member holds. */
enum wire_kind {
	K_EVTYPE,   /* enum capa_event_type by name; always written */
	K_WTYPE,    /* enum cam_widget_type by name; always written */
	K_LEVEL,    /* enum capa_log_level by name */
	K_STR,      /* char *, NULL allowed */
	K_U64,      /* uint64_t */
	K_I64,      /* int64_t */
	K_INT,      /* int */
	K_BOOL,     /* bool */
	K_DOUBLE,   /* double */
	K_FLOAT,    /* float */
	K_SHA,      /* char[65]: "" or 64 lowercase hex digits */
	K_LENS,     /* char[96] */
	K_EXIF,     /* struct capa_exif */
	K_CONFIG,   /* struct cam_config *: its root widget */
	K_CHOICES,  /* the widget's choices, n_choices */
	K_CHILDREN, /* the widget's children, n_children */
};

/* One member: its name on the wire, what it holds, where in the struct. */
struct wire_field {
	const char *name;
	enum wire_kind kind;
	size_t off;
};

struct wire_table {
	const struct wire_field *f;
	size_t n;
};

/* The members of struct capa_event, struct capa_exif, struct cam_widget. */
extern const struct wire_table wire_event, wire_exif, wire_widget;

#endif
