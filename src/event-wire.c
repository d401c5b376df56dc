/* Events across the worker process boundary: the member tables and the
 * encoder (the decoder is event-wire-read.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "event-wire.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event-wire-table.h"
#include "json.h"
#include "sanitize.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define EF(n, k, m) { n, k, offsetof(struct capa_event, m) }
static const struct wire_field event_fields[] = {
	EF("event", K_EVTYPE, type),
	EF("id", K_U64, id),
	EF("model", K_STR, model),
	EF("port", K_STR, port),
	EF("serial", K_STR, serial),
	EF("key", K_STR, key),
	EF("value", K_STR, value),
	EF("folder", K_STR, folder),
	EF("name", K_STR, name),
	EF("path", K_STR, path),
	EF("what", K_STR, what),
	EF("message", K_STR, message),
	EF("hint", K_STR, hint),
	EF("level", K_LEVEL, level),
	EF("done", K_U64, done),
	EF("total", K_U64, total),
	EF("bytes", K_U64, bytes),
	EF("sha256", K_SHA, sha256),
	EF("exif", K_EXIF, exif),
	EF("deleted", K_BOOL, deleted_on_camera),
	EF("unjournaled", K_BOOL, unjournaled),
	EF("ms", K_U64, elapsed_ms),
	EF("free_bytes", K_I64, free_bytes),
	EF("free_shots", K_I64, free_shots),
	EF("config", K_CONFIG, config),
	EF("camera", K_INT, camera),
	EF("trigger_us", K_I64, trigger_us),
};

#define XF(n, k, m) { n, k, offsetof(struct capa_exif, m) }
static const struct wire_field exif_fields[] = {
	XF("exposure", K_DOUBLE, exposure_s),
	XF("fnumber", K_DOUBLE, fnumber),
	XF("iso", K_INT, iso),
	XF("focal", K_DOUBLE, focal_mm),
	XF("lens", K_LENS, lens),
	XF("width", K_INT, width),
	XF("height", K_INT, height),
};

#define WF(n, k, m) { n, k, offsetof(struct cam_widget, m) }
static const struct wire_field widget_fields[] = {
	WF("name", K_STR, name),
	WF("label", K_STR, label),
	WF("path", K_STR, path),
	WF("section", K_STR, section),
	WF("type", K_WTYPE, type),
	WF("value", K_STR, value),
	WF("readonly", K_BOOL, readonly),
	WF("min", K_FLOAT, min),
	WF("max", K_FLOAT, max),
	WF("step", K_FLOAT, step),
	WF("choices", K_CHOICES, choices),
	WF("children", K_CHILDREN, children),
};

const struct wire_table wire_event = { event_fields, N(event_fields) };
const struct wire_table wire_exif = { exif_fields, N(exif_fields) };
const struct wire_table wire_widget = { widget_fields, N(widget_fields) };

/* Is the member at its default, and so left out? */
static bool at_default(const struct wire_field *f, const void *base)
{
	const char *p = (const char *)base + f->off;
	const struct cam_widget *w = base;
	double d;

	switch (f->kind) {
	case K_EVTYPE:
	case K_WTYPE:
		return false;
	case K_LEVEL:
		return *(const enum capa_log_level *)p == LOG_LVL_DEBUG;
	case K_STR:
		return !*(char *const *)p;
	case K_U64:
		return !*(const uint64_t *)p;
	case K_I64:
		return !*(const int64_t *)p;
	case K_INT:
		return !*(const int *)p;
	case K_BOOL:
		return !*(const bool *)p;
	case K_DOUBLE:
	case K_FLOAT:
		d = f->kind == K_DOUBLE ? *(const double *)p : *(const float *)p;
		return d == 0 && !signbit(d);
	case K_SHA:
	case K_LENS:
		return !*p;
	case K_EXIF:
		for (size_t i = 0; i < N(exif_fields); i++)
			if (!at_default(&exif_fields[i], p))
				return false;
		return true;
	case K_CONFIG:
		return !*(struct cam_config *const *)p;
	case K_CHOICES:
		return !w->n_choices;
	case K_CHILDREN:
		return !w->n_children;
	}
	return true;
}

/* Write s[0..n) as a string; in hex after WIRE_HEX_MARK when json.c would turn
 * bytes into U+FFFD, or when s itself starts with the mark. */
static void put_text(struct json_buf *j, const char *s, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *h;

	if (utf8_valid(s, n) && !(n && (unsigned char)s[0] == WIRE_HEX_MARK)) {
		json_strn(j, s, n);
		return;
	}
	h = malloc(2 * n + 1);
	if (!h) {
		j->failed = true;
		return;
	}
	h[0] = WIRE_HEX_MARK;
	for (size_t i = 0; i < n; i++) {
		h[1 + 2 * i] = digits[(unsigned char)s[i] >> 4];
		h[2 + 2 * i] = digits[(unsigned char)s[i] & 15];
	}
	json_strn(j, h, 2 * n + 1);
	free(h);
}

/* Write d so that it reads back bit for bit (NaN: its sign only). */
static void put_double(struct json_buf *j, double d)
{
	if (isnan(d))
		json_str(j, signbit(d) ? "-nan" : "nan");
	else if (isinf(d))
		json_str(j, d < 0 ? "-inf" : "inf");
	else
		json_double_exact(j, d);
}

static void put_fields(struct json_buf *j, const struct wire_field *f, size_t n, const void *base);

/* Write a widget and its subtree. */
static void put_widget(struct json_buf *j, const struct cam_widget *w)
{
	json_open(j, '{');
	put_fields(j, widget_fields, N(widget_fields), w);
	json_close(j, '}');
}

/* Write a widget's choices, NULL ones as null. */
static void put_choices(struct json_buf *j, const struct cam_widget *w)
{
	json_open(j, '[');
	for (size_t i = 0; i < w->n_choices; i++) {
		if (w->choices[i])
			put_text(j, w->choices[i], strlen(w->choices[i]));
		else
			json_null(j);
	}
	json_close(j, ']');
}

/* Write one member's value. */
static void put_value(struct json_buf *j, const struct wire_field *f, const void *base)
{
	const char *p = (const char *)base + f->off;
	const struct cam_widget *w = base;
	enum capa_log_level lvl;

	switch (f->kind) {
	case K_EVTYPE:
		json_str(j, event_type_name(*(const enum capa_event_type *)p));
		break;
	case K_WTYPE:
		json_str(j, cam_widget_type_name(*(const enum cam_widget_type *)p));
		break;
	case K_LEVEL:
		lvl = *(const enum capa_log_level *)p;
		if (event_level_name(lvl))
			json_str(j, event_level_name(lvl));
		else
			json_int(j, lvl); /* refused by the decoder, as it should be */
		break;
	case K_STR:
		put_text(j, *(char *const *)p, strlen(*(char *const *)p));
		break;
	case K_U64:
		json_uint(j, *(const uint64_t *)p);
		break;
	case K_I64:
		json_int(j, *(const int64_t *)p);
		break;
	case K_INT:
		json_int(j, *(const int *)p);
		break;
	case K_BOOL:
		json_bool(j, *(const bool *)p);
		break;
	case K_DOUBLE:
		put_double(j, *(const double *)p);
		break;
	case K_FLOAT:
		put_double(j, *(const float *)p);
		break;
	case K_SHA:
		json_strn(j, p, strnlen(p, WIRE_SHA_LEN));
		break;
	case K_LENS:
		put_text(j, p, strnlen(p, WIRE_LENS_LEN));
		break;
	case K_EXIF:
		json_open(j, '{');
		put_fields(j, exif_fields, N(exif_fields), p);
		json_close(j, '}');
		break;
	case K_CONFIG:
		put_widget(j, &(*(struct cam_config *const *)p)->root);
		break;
	case K_CHOICES:
		put_choices(j, w);
		break;
	case K_CHILDREN:
		json_open(j, '[');
		for (size_t i = 0; i < w->n_children; i++)
			put_widget(j, &w->children[i]);
		json_close(j, ']');
		break;
	}
}

/* Write the members of base that are not at their default. */
static void put_fields(struct json_buf *j, const struct wire_field *f, size_t n, const void *base)
{
	for (size_t i = 0; i < n; i++) {
		if (at_default(&f[i], base))
			continue;
		json_key(j, f[i].name);
		put_value(j, &f[i], base);
	}
}

char *event_wire_encode(const struct capa_event *ev)
{
	struct json_buf j;

	json_init(&j);
	json_open(&j, '{');
	put_fields(&j, event_fields, N(event_fields), ev);
	json_close(&j, '}');
	return json_finish(&j);
}
