/* Events across the worker process boundary: the decoder of untrusted
 * lines (json-c), bounded before json-c builds anything.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "event-wire.h"

#include <errno.h>
#include <float.h>
#include <json-c/json_object.h>
#include <json-c/json_object_iterator.h>
#include <json-c/json_tokener.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event-wire-table.h"
#include "sanitize.h"

/* json-c nesting: the event, then two levels (a widget, its children or
 * choices) a tree level; one level of tree too many still parses, so that
 * the refusal says why. */
#define JSON_DEPTH (2 * EVENT_WIRE_DEPTH + 4)

/* What a line within the limits holds at most: objects (the event, its
 * exif, the widgets), arrays (a widget's choices and children) and
 * separators (a widget has at most 12 members: 12 ':' and 12 ','; each
 * choice one ','; the event and exif fewer than 256).  json-c allocates
 * ~750 bytes an object, ~150 an array, ~70 a separator. */
#define MAX_OBJECTS (EVENT_WIRE_WIDGETS + 2)
#define MAX_ARRAYS (2 * EVENT_WIRE_WIDGETS)
#define MAX_SEPS (24 * EVENT_WIRE_WIDGETS + EVENT_WIRE_CHOICES + 256)

struct rd {
	char *err;
	size_t errlen;
	size_t widgets, choices; /* read so far */
};

/* Say why the line is refused; returns -1.  The first reason stays. */
__attribute__((format(printf, 2, 3)))
static int fail(struct rd *r, const char *fmt, ...)
{
	va_list ap;

	if (r->errlen && !r->err[0]) {
		va_start(ap, fmt);
		vsnprintf(r->err, r->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The index of the '"' closing the string opened at s[i], len when there is
 * none, or SIZE_MAX when the string holds an escaped NUL. */
static size_t string_end(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '"')
			return i;
		if (s[i] == '\\') {
			if (len - i > 5 && memcmp(s + i + 1, "u0000", 5) == 0)
				return SIZE_MAX;
			i++;
		}
	}
	return len;
}

/* False when the number token t[0..n) is an integer beyond 64 bits, which
 * json-c would clamp without a word. */
static bool int_fits(const char *t, size_t n)
{
	char b[32];

	if (memchr(t, '.', n) || memchr(t, 'e', n) || memchr(t, 'E', n))
		return true;
	if (n >= sizeof b)
		return false;
	memcpy(b, t, n);
	b[n] = '\0';
	errno = 0;
	if (b[0] == '-')
		(void)strtoll(b, NULL, 10);
	else
		(void)strtoull(b, NULL, 10);
	return errno != ERANGE;
}

/* Check the raw line before json-c builds its tree: its size, NUL bytes
 * (raw or escaped, which a C string would cut), integers json-c would
 * clamp, and how many objects, arrays and separators it holds, which bounds
 * what parsing allocates.  Strings are skipped as JSON delimits them; a
 * line this misreads is not JSON, and json-c refuses it. */
static int prescan(struct rd *r, const char *s, size_t len)
{
	size_t objects = 0, arrays = 0, seps = 0, e;

	if (len > EVENT_WIRE_MAX)
		return fail(r, "a line of %zu bytes, more than %u", len, EVENT_WIRE_MAX);
	if (memchr(s, 0, len))
		return fail(r, "a NUL byte in the line");
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '"') {
			if ((i = string_end(s, len, i)) == SIZE_MAX)
				return fail(r, "a NUL (\\u0000) in a string");
		} else if (c == '{') {
			objects++;
		} else if (c == '[') {
			arrays++;
		} else if (c == ',' || c == ':') {
			seps++;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			for (e = i + 1; e < len && strchr("0123456789+-.eE", s[e]); e++)
				;
			if (!int_fits(s + i, e - i))
				return fail(r, "an integer beyond 64 bits at byte %zu", i);
			i = e - 1;
		}
	}
	if (objects > MAX_OBJECTS || arrays > MAX_ARRAYS || seps > MAX_SEPS)
		return fail(r, "more JSON values (%zu objects, %zu arrays, %zu separators) than "
			    "an event with a tree of %d widgets has", objects, arrays, seps,
			    EVENT_WIRE_WIDGETS);
	return 0;
}

/* Decode hex h[0..len) (after WIRE_HEX_MARK) into a malloc'd string. */
static int unhex(struct rd *r, const char *name, const char *h, size_t len, char **out)
{
	char *b;

	if (len % 2 || len / 2 > EVENT_WIRE_STR_MAX)
		return fail(r, "%s: %s", name, len % 2 ? "a hex string of odd length"
						   : "a string too long");
	if (!(b = malloc(len / 2 + 1)))
		return fail(r, "out of memory");
	for (size_t i = 0; i < len / 2; i++) {
		const char *hi = memchr("0123456789abcdef", h[2 * i], 16);
		const char *lo = memchr("0123456789abcdef", h[2 * i + 1], 16);
		if (!hi || !lo || (*hi == '0' && *lo == '0')) {
			free(b);
			return fail(r, "%s: %s", name, hi && lo ? "a NUL byte in a string"
							    : "a bad hex string");
		}
		b[i] = (char)((hi - "0123456789abcdef") << 4 | (lo - "0123456789abcdef"));
	}
	b[len / 2] = '\0';
	*out = b;
	return 0;
}

/* A malloc'd copy of string v (hex decoded after WIRE_HEX_MARK) into *out;
 * null gives NULL. */
static int get_text(struct rd *r, const char *name, struct json_object *v, char **out)
{
	const char *s;
	size_t len;

	*out = NULL;
	if (json_object_is_type(v, json_type_null))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return fail(r, "%s: not a string", name);
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (memchr(s, 0, len))
		return fail(r, "%s: a NUL byte in a string", name);
	if (len && (unsigned char)s[0] == WIRE_HEX_MARK)
		return unhex(r, name, s + 1, len - 1, out);
	if (len > EVENT_WIRE_STR_MAX)
		return fail(r, "%s: a string too long", name);
	if (!utf8_valid(s, len))
		return fail(r, "%s: a string not valid UTF-8", name);
	if (!(*out = strndup(s, len)))
		return fail(r, "out of memory");
	return 0;
}

/* Copy string v (not null) into the char array p of cap bytes with the
 * NUL; sha256 must be "" or lowercase hex. */
static int get_array(struct rd *r, const struct wire_field *f, struct json_object *v, char *p,
		     size_t cap)
{
	char *s;
	size_t n;

	if (json_object_is_type(v, json_type_null))
		return fail(r, "%s: not a string", f->name);
	if (get_text(r, f->name, v, &s) < 0)
		return -1;
	n = strlen(s);
	if (n >= cap || (f->kind == K_SHA && n && (n != WIRE_SHA_LEN ||
						  strspn(s, "0123456789abcdef") != n))) {
		free(s);
		return fail(r, "%s: %s", f->name, f->kind == K_SHA ? "not 64 lowercase hex digits"
								  : "a string too long");
	}
	memcpy(p, s, n + 1);
	free(s);
	return 0;
}

/* An integer member that fits int64_t. */
static int get_i64(struct rd *r, const char *name, struct json_object *v, int64_t *out)
{
	if (!json_object_is_type(v, json_type_int))
		return fail(r, "%s: not an integer", name);
	*out = json_object_get_int64(v);
	if (*out >= 0 && json_object_get_uint64(v) > INT64_MAX)
		return fail(r, "%s: beyond a signed 64-bit integer", name);
	return 0;
}

/* A non-negative integer member. */
static int get_u64(struct rd *r, const char *name, struct json_object *v, uint64_t *out)
{
	if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 0)
		return fail(r, "%s: not an unsigned integer", name);
	*out = json_object_get_uint64(v);
	return 0;
}

/* A finite number, or "nan", "-nan", "inf", "-inf". */
static int get_double(struct rd *r, const char *name, struct json_object *v, double *out)
{
	static const char *const words[] = { "nan", "-nan", "inf", "-inf" };
	const double vals[] = { NAN, copysign(NAN, -1), INFINITY, -INFINITY };

	if (json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)) {
		*out = json_object_get_double(v);
		return isfinite(*out) ? 0 : fail(r, "%s: not a finite number", name);
	}
	if (json_object_is_type(v, json_type_string))
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strcmp(json_object_get_string(v), words[i]) == 0) {
				*out = vals[i];
				return 0;
			}
	return fail(r, "%s: not a number", name);
}

/* A name member mapped by from_name into *out. */
static int get_name(struct rd *r, const char *name, struct json_object *v,
		    int (*from_name)(const char *), int *out)
{
	if (!json_object_is_type(v, json_type_string) ||
	    (*out = from_name(json_object_get_string(v))) < 0)
		return fail(r, "%s: not a known name", name);
	return 0;
}

static int get_fields(struct rd *r, const struct wire_table *t, struct json_object *o,
		      void *base, int depth);

/* Read widget object v at tree level `depth` into w (zeroed). */
static int get_widget(struct rd *r, struct json_object *v, struct cam_widget *w, int depth)
{
	if (depth > EVENT_WIRE_DEPTH)
		return fail(r, "config: deeper than %d levels", EVENT_WIRE_DEPTH);
	if (!json_object_is_type(v, json_type_object))
		return fail(r, "config: a widget is not an object");
	if (++r->widgets > EVENT_WIRE_WIDGETS)
		return fail(r, "config: more than %d widgets", EVENT_WIRE_WIDGETS);
	return get_fields(r, &wire_widget, v, w, depth);
}

/* Read a widget's children array (its level is `depth`). */
static int get_children(struct rd *r, struct json_object *v, struct cam_widget *w, int depth)
{
	size_t n;

	if (!json_object_is_type(v, json_type_array))
		return fail(r, "children: not an array");
	n = json_object_array_length(v);
	if (n > EVENT_WIRE_WIDGETS - r->widgets)
		return fail(r, "config: more than %d widgets", EVENT_WIRE_WIDGETS);
	if (!n)
		return 0;
	if (!(w->children = calloc(n, sizeof(*w->children))))
		return fail(r, "out of memory");
	w->n_children = n;
	for (size_t i = 0; i < n; i++)
		if (get_widget(r, json_object_array_get_idx(v, i), &w->children[i], depth + 1) < 0)
			return -1;
	return 0;
}

/* Read a widget's choices array (strings or null). */
static int get_choices(struct rd *r, struct json_object *v, struct cam_widget *w)
{
	size_t n;

	if (!json_object_is_type(v, json_type_array))
		return fail(r, "choices: not an array");
	n = json_object_array_length(v);
	if (n > EVENT_WIRE_CHOICES - r->choices)
		return fail(r, "config: more than %d choices", EVENT_WIRE_CHOICES);
	r->choices += n;
	if (!n)
		return 0;
	if (!(w->choices = calloc(n, sizeof(*w->choices))))
		return fail(r, "out of memory");
	w->n_choices = n;
	for (size_t i = 0; i < n; i++)
		if (get_text(r, "choices", json_object_array_get_idx(v, i), &w->choices[i]) < 0)
			return -1;
	return 0;
}

/* Read the config member: a tree whose root is level 1. */
static int get_config(struct rd *r, struct json_object *v, struct cam_config **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return fail(r, "out of memory");
	return get_widget(r, v, &(*out)->root, 1);
}

/* Read one member's value v into base (a struct of the member's table;
 * `depth` is the tree level of a widget's members).  json-c keeps one
 * value per key, so no member comes twice. */
static int get_value(struct rd *r, const struct wire_field *f, struct json_object *v, void *base,
		     int depth)
{
	char *p = (char *)base + f->off;
	int64_t i;
	double d;
	int t = -1;

	switch (f->kind) {
	case K_EVTYPE:
	case K_WTYPE:
	case K_LEVEL:
		if (get_name(r, f->name, v, f->kind == K_EVTYPE ? event_type_from_name :
				f->kind == K_WTYPE ? cam_widget_type_from_name : event_level_from_name,
			     &t) < 0)
			return -1;
		if (f->kind == K_EVTYPE)
			*(enum capa_event_type *)p = (enum capa_event_type)t;
		else if (f->kind == K_WTYPE)
			*(enum cam_widget_type *)p = (enum cam_widget_type)t;
		else
			*(enum capa_log_level *)p = (enum capa_log_level)t;
		return 0;
	case K_STR:
		return get_text(r, f->name, v, (char **)p);
	case K_U64:
		return get_u64(r, f->name, v, (uint64_t *)p);
	case K_I64:
		return get_i64(r, f->name, v, (int64_t *)p);
	case K_INT:
		if (get_i64(r, f->name, v, &i) < 0)
			return -1;
		if (i < INT_MIN || i > INT_MAX)
			return fail(r, "%s: beyond an int", f->name);
		*(int *)p = (int)i;
		return 0;
	case K_BOOL:
		if (!json_object_is_type(v, json_type_boolean))
			return fail(r, "%s: not a boolean", f->name);
		*(bool *)p = json_object_get_boolean(v);
		return 0;
	case K_DOUBLE:
		return get_double(r, f->name, v, (double *)p);
	case K_FLOAT:
		if (get_double(r, f->name, v, &d) < 0)
			return -1;
		if (isfinite(d) && fabs(d) > FLT_MAX)
			return fail(r, "%s: beyond a float", f->name);
		*(float *)p = (float)d;
		return 0;
	case K_SHA:
		return get_array(r, f, v, p, WIRE_SHA_LEN + 1);
	case K_LENS:
		return get_array(r, f, v, p, WIRE_LENS_LEN + 1);
	case K_EXIF:
		if (!json_object_is_type(v, json_type_object))
			return fail(r, "%s: not an object", f->name);
		return get_fields(r, &wire_exif, v, p, depth);
	case K_CONFIG:
		return get_config(r, v, (struct cam_config **)p);
	case K_CHOICES:
		return get_choices(r, v, base);
	case K_CHILDREN:
		return get_children(r, v, base, depth);
	}
	return fail(r, "%s: cannot be read", f->name);
}

/* Read every member of object o into base, by the table t. */
static int get_fields(struct rd *r, const struct wire_table *t, struct json_object *o,
		      void *base, int depth)
{
	struct json_object_iterator it = json_object_iter_begin(o);
	struct json_object_iterator end = json_object_iter_end(o);

	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		const char *key = json_object_iter_peek_name(&it);
		size_t k = 0;
		char shown[48];

		while (k < t->n && strcmp(t->f[k].name, key) != 0)
			k++;
		if (k == t->n)
			return fail(r, "an unknown member \"%s\"",
				    sanitize_text_into(key, strlen(key), shown, sizeof shown));
		if (get_value(r, &t->f[k], json_object_iter_peek_value(&it), base, depth) < 0)
			return -1;
	}
	return 0;
}

/* Read the parsed line o into a new event. */
static struct capa_event *get_event(struct rd *r, struct json_object *o)
{
	struct capa_event *ev;

	if (!json_object_is_type(o, json_type_object)) {
		fail(r, "not a JSON object");
		return NULL;
	}
	if (!(ev = event_new(EV_TYPE_COUNT))) {
		fail(r, "out of memory");
		return NULL;
	}
	if (get_fields(r, &wire_event, o, ev, 0) < 0 ||
	    (ev->type == EV_TYPE_COUNT && fail(r, "no \"event\" member") < 0)) {
		event_free(ev);
		return NULL;
	}
	return ev;
}

struct capa_event *event_wire_decode(const char *line, size_t len, char *err, size_t errlen)
{
	struct rd r = { .err = err, .errlen = errlen };
	struct json_tokener *tok;
	struct json_object *o;
	struct capa_event *ev = NULL;
	enum json_tokener_error e;

	if (errlen)
		err[0] = '\0';
	if (prescan(&r, line, len) < 0)
		return NULL;
	if (!(tok = json_tokener_new_ex(JSON_DEPTH))) {
		fail(&r, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, line, (int)len);
	e = json_tokener_get_error(tok);
	if (!o && e == json_tokener_continue)
		fail(&r, "the line ends inside its JSON (cut off)");
	else if (!o)
		fail(&r, "not JSON: %s at byte %zu", json_tokener_error_desc(e),
		     json_tokener_get_parse_end(tok));
	else if (json_tokener_get_parse_end(tok) != len)
		fail(&r, "bytes after the JSON object, at byte %zu", json_tokener_get_parse_end(tok));
	else
		ev = get_event(&r, o);
	json_object_put(o);
	json_tokener_free(tok);
	return ev;
}
