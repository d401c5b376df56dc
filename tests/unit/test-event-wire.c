/* Unit tests for event-wire.c / event-wire-read.c: every event type and
 * field across the process line and back, and malformed lines refused.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event-wire.h"
#include "sanitize.h"

static char err[512];

/* ---- building events ---- */

/* Bytes a camera may give: C0 and C1 controls, a bidi override, an
 * escape sequence, invalid UTF-8, a quote and a backslash. */
static const char nasty[] = "a\x01\x1b[2J\t\n\r\"\\\x7f\xc2\x9b\xe2\x80\xae" "b\xff\xc3(\xed\xa0\x80z";
static const char utf8[] = "Bl\xc3\xa4ttchen \xe2\x80\x94 \xf0\x9f\x93\xb7 \xe6\xa0\xa1";

static char *dup(const char *s)
{
	char *d = s ? strdup(s) : NULL;
	assert_true(!s || d);
	return d;
}

/* Fill leaf w of type t under path/section; every member set. */
static void leaf(struct cam_widget *w, enum cam_widget_type t, const char *name, const char *sec)
{
	char path[128];

	snprintf(path, sizeof path, "/main/%s/%s", sec, name);
	w->type = t;
	w->name = dup(name);
	w->label = dup(t == CW_TEXT ? nasty : utf8);
	w->path = dup(path);
	w->section = dup(sec);
	w->readonly = t == CW_DATE;
	switch (t) {
	case CW_TEXT:
		w->value = dup(nasty);
		break;
	case CW_RANGE:
		w->value = dup("0.1");
		w->min = -0.0f;
		w->max = FLT_MAX;
		w->step = 0.1f;
		break;
	case CW_TOGGLE:
		w->value = dup("2");
		break;
	case CW_RADIO:
	case CW_MENU:
		w->value = dup("");
		w->n_choices = 5;
		w->choices = calloc(5, sizeof(char *));
		assert_non_null(w->choices);
		w->choices[0] = dup("Auto");
		w->choices[1] = dup("");
		w->choices[2] = dup(nasty);
		w->choices[3] = NULL;
		w->choices[4] = dup("\x7f starts with DEL");
		break;
	case CW_DATE:
		w->value = dup("-2147483648");
		break;
	default:
		break; /* BUTTON, WINDOW, SECTION: no value (NULL) */
	}
}

/* A 3-level tree: the window, two sections, leaves of every type; a range
 * with NaN and infinite bounds, a leaf with NULL strings. */
static struct cam_config *tree(void)
{
	struct cam_config *c = calloc(1, sizeof(*c));
	struct cam_widget *s;

	assert_non_null(c);
	c->root.type = CW_WINDOW;
	c->root.name = dup("main");
	c->root.label = dup("Camera and Driver Configuration");
	c->root.path = dup("/main");
	c->root.section = dup("");
	c->root.n_children = 2;
	c->root.children = s = calloc(2, sizeof(*s));
	assert_non_null(s);
	s[0].type = s[1].type = CW_SECTION;
	s[0].name = dup("settings");
	s[1].name = dup(nasty);
	s[0].path = dup("/main/settings");
	s[0].section = dup("");
	s[0].n_children = CW_DATE - CW_TEXT + 1;
	s[0].children = calloc(s[0].n_children, sizeof(struct cam_widget));
	assert_non_null(s[0].children);
	for (int t = CW_TEXT; t <= CW_DATE; t++)
		leaf(&s[0].children[t - CW_TEXT], t, cam_widget_type_name(t), "settings");
	s[1].n_children = 3;
	s[1].children = calloc(3, sizeof(struct cam_widget));
	assert_non_null(s[1].children);
	leaf(&s[1].children[0], CW_RANGE, "nanrange", "odd");
	s[1].children[0].min = NAN;
	s[1].children[0].max = INFINITY;
	s[1].children[0].step = -INFINITY;
	s[1].children[1].type = CW_TEXT; /* every string NULL */
	leaf(&s[1].children[2], CW_WINDOW, "window-in-a-section", "odd");
	return c;
}

/* An event of type t with every field set to something unusual. */
static struct capa_event *full(enum capa_event_type t)
{
	struct capa_event *ev = event_new(t);

	assert_non_null(ev);
	ev->id = UINT64_MAX;
	ev->model = dup(utf8);
	ev->port = dup("ptpip:127.0.0.1:15740");
	ev->serial = dup("");
	ev->key = dup(nasty);
	ev->value = dup("\x7f");
	ev->folder = dup("/store_00010001/DCIM/100\xff");
	ev->name = dup("IMG_0001.JPG");
	ev->path = dup("/home/u/Pictures/capa/IMG_0001.JPG");
	ev->what = dup("usb-claimed");
	ev->message = dup(utf8);
	ev->hint = dup(nasty);
	ev->level = LOG_LVL_ERROR;
	ev->done = UINT64_MAX - 1;
	ev->total = (uint64_t)INT64_MAX + 1;
	ev->bytes = 123456789012345ull;
	strcpy(ev->sha256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	ev->exif.exposure_s = 1.0 / 3;
	ev->exif.fnumber = 5.6;
	ev->exif.iso = INT_MAX;
	ev->exif.focal_mm = DBL_TRUE_MIN;
	strcpy(ev->exif.lens, "EF24-70mm f/2.8L \xff\x01\x1b");
	ev->exif.width = INT_MIN;
	ev->exif.height = -1;
	ev->deleted_on_camera = true;
	ev->unjournaled = true;
	ev->elapsed_ms = UINT64_MAX;
	ev->free_bytes = INT64_MIN;
	ev->free_shots = -1;
	ev->camera = INT_MAX;
	ev->trigger_us = INT64_MIN + 1;
	ev->config = tree();
	return ev;
}

/* ---- comparing events ---- */

static void same_str(const char *a, const char *b)
{
	assert_true((a == NULL) == (b == NULL));
	if (a)
		assert_string_equal(a, b);
}

/* Bit for bit, but any NaN equals a NaN of the same sign. */
static void same_double(double a, double b)
{
	if (isnan(a)) {
		assert_true(isnan(b));
		assert_int_equal(!!signbit(a), !!signbit(b));
	} else {
		assert_memory_equal(&a, &b, sizeof a);
	}
}

static void same_float(float a, float b)
{
	if (isnan(a)) {
		assert_true(isnan(b));
		assert_int_equal(!!signbit(a), !!signbit(b));
	} else {
		assert_memory_equal(&a, &b, sizeof a);
	}
}

static void same_widget(const struct cam_widget *a, const struct cam_widget *b)
{
	same_str(a->name, b->name);
	same_str(a->label, b->label);
	same_str(a->path, b->path);
	same_str(a->section, b->section);
	assert_int_equal(a->type, b->type);
	same_str(a->value, b->value);
	same_float(a->min, b->min);
	same_float(a->max, b->max);
	same_float(a->step, b->step);
	assert_int_equal(a->readonly, b->readonly);
	assert_int_equal(a->n_choices, b->n_choices);
	for (size_t i = 0; i < a->n_choices; i++)
		same_str(a->choices[i], b->choices[i]);
	assert_int_equal(a->n_children, b->n_children);
	for (size_t i = 0; i < a->n_children; i++)
		same_widget(&a->children[i], &b->children[i]);
}

/* Every field of struct capa_event, one by one. */
static void same_event(const struct capa_event *a, const struct capa_event *b)
{
	assert_int_equal(a->type, b->type);
	assert_true(a->id == b->id);
	same_str(a->model, b->model);
	same_str(a->port, b->port);
	same_str(a->serial, b->serial);
	same_str(a->key, b->key);
	same_str(a->value, b->value);
	same_str(a->folder, b->folder);
	same_str(a->name, b->name);
	same_str(a->path, b->path);
	same_str(a->what, b->what);
	same_str(a->message, b->message);
	same_str(a->hint, b->hint);
	assert_int_equal(a->level, b->level);
	assert_true(a->done == b->done);
	assert_true(a->total == b->total);
	assert_true(a->bytes == b->bytes);
	assert_string_equal(a->sha256, b->sha256);
	same_double(a->exif.exposure_s, b->exif.exposure_s);
	same_double(a->exif.fnumber, b->exif.fnumber);
	assert_int_equal(a->exif.iso, b->exif.iso);
	same_double(a->exif.focal_mm, b->exif.focal_mm);
	assert_string_equal(a->exif.lens, b->exif.lens);
	assert_int_equal(a->exif.width, b->exif.width);
	assert_int_equal(a->exif.height, b->exif.height);
	assert_int_equal(a->deleted_on_camera, b->deleted_on_camera);
	assert_int_equal(a->unjournaled, b->unjournaled);
	assert_true(a->elapsed_ms == b->elapsed_ms);
	assert_true(a->free_bytes == b->free_bytes);
	assert_true(a->free_shots == b->free_shots);
	assert_int_equal(a->camera, b->camera);
	assert_true(a->trigger_us == b->trigger_us);
	assert_true((a->config == NULL) == (b->config == NULL));
	if (a->config)
		same_widget(&a->config->root, &b->config->root);
}

/* Encode ev, check the line, decode it, compare; the decoded event encodes
 * to the same line.  Frees ev. */
static void round_trip(struct capa_event *ev)
{
	char *line = event_wire_encode(ev), *again;
	struct capa_event *back;

	assert_non_null(line);
	assert_null(strchr(line, '\n'));
	back = event_wire_decode(line, strlen(line), err, sizeof err);
	if (!back)
		fail_msg("decode: %s\nline: %s", err, line);
	same_event(ev, back);
	again = event_wire_encode(back);
	assert_string_equal(line, again);
	free(again);
	free(line);
	event_free(back);
	event_free(ev);
}

/* ---- round trips ---- */

/* Every type with every field set, the whole tree included. */
static void test_every_type_full(void **state)
{
	(void)state;
	for (int t = 0; t < EV_TYPE_COUNT; t++)
		round_trip(full(t));
}

/* Every type at its defaults: NULL strings stay NULL, zeros zero. */
static void test_every_type_empty(void **state)
{
	(void)state;
	for (int t = 0; t < EV_TYPE_COUNT; t++)
		round_trip(event_new(t));
}

/* "" is not NULL, and a default member is left out. */
static void test_empty_strings(void **state)
{
	struct capa_event *ev = event_new(EV_STORAGE);
	char *line;
	(void)state;
	ev->free_bytes = 5;
	ev->free_shots = -1;
	event_set(&ev->message, "");
	line = event_wire_encode(ev);
	assert_string_equal(line, "{\"event\":\"storage\",\"message\":\"\",\"free_bytes\":5,"
				  "\"free_shots\":-1}");
	free(line);
	round_trip(ev);
}

/* Doubles and floats bit for bit at the edges, integers at theirs. */
static void test_numbers(void **state)
{
	static const double d[] = {
		0.0, -0.0, 0.1, 1.0 / 3, -2.5, 1e17, 12345678901234567.0, 9007199254740993.0,
		1e300, -1e-300, DBL_MAX, -DBL_MAX, DBL_MIN, DBL_TRUE_MIN, 1e23, 5e-324,
		NAN, -NAN, INFINITY, -INFINITY, 100, 4.35, 1.0 / 8000,
	};
	static const float f[] = {
		0.0f, -0.0f, 0.1f, 1.0f / 3, FLT_MAX, -FLT_MAX, FLT_MIN, FLT_TRUE_MIN,
		16777217.0f, 1e-30f, NAN, INFINITY, -INFINITY, 250.0f, 0.333333343f,
	};
	static const int64_t i64[] = { 0, -1, 1, INT64_MIN, INT64_MAX, INT64_MIN + 1 };
	static const uint64_t u64[] = { 0, 1, UINT64_MAX, (uint64_t)INT64_MAX, (uint64_t)INT64_MAX + 1 };
	(void)state;
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		struct capa_event *ev = event_new(EV_FILE_SAVED);
		ev->exif.exposure_s = d[i];
		ev->exif.fnumber = -d[i];
		ev->exif.focal_mm = d[i] * 3;
		round_trip(ev);
	}
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		struct capa_event *ev = full(EV_CONFIG_TREE);
		struct cam_widget *r = &ev->config->root.children[0].children[CW_RANGE - CW_TEXT];
		r->min = f[i];
		r->max = -f[i];
		r->step = f[i] / 3;
		round_trip(ev);
	}
	for (size_t i = 0; i < sizeof i64 / sizeof i64[0]; i++) {
		struct capa_event *ev = event_new(EV_STORAGE);
		ev->free_bytes = i64[i];
		ev->free_shots = i64[i] == INT64_MIN ? INT64_MAX : -i64[i];
		ev->exif.iso = (int)(i64[i] & 0x7fffffff);
		round_trip(ev);
	}
	for (size_t i = 0; i < sizeof u64 / sizeof u64[0]; i++) {
		struct capa_event *ev = event_new(EV_PROGRESS);
		ev->id = ev->done = ev->total = ev->bytes = ev->elapsed_ms = u64[i];
		round_trip(ev);
	}
}

/* Strings byte for byte: every byte value, the longest one allowed, a
 * lens of 95 bytes; a string with DEL first goes as hex and comes back. */
static void test_strings(void **state)
{
	char all[256], *big;
	struct capa_event *ev = event_new(EV_LOG);
	(void)state;
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	ev->message = dup(all);
	ev->hint = dup(all + 126); /* DEL first, then high bytes */
	ev->what = dup(all + 127); /* 0x80 first */
	memset(ev->exif.lens, '\xe9', sizeof ev->exif.lens - 1);
	big = malloc(EVENT_WIRE_STR_MAX + 1);
	memset(big, 'x', EVENT_WIRE_STR_MAX);
	big[EVENT_WIRE_STR_MAX] = '\0';
	ev->path = big;
	ev->folder = dup(utf8);
	round_trip(ev);
}

/* The line is valid UTF-8 JSON with no raw control byte, whatever the
 * strings hold; white space after it (its newline) is fine. */
static void test_line_shape(void **state)
{
	struct capa_event *ev = full(EV_CONFIG_TREE), *back;
	char *line = event_wire_encode(ev), *nl;
	size_t n = strlen(line);
	(void)state;
	assert_true(utf8_valid(line, n));
	for (size_t i = 0; i < n; i++)
		assert_true((unsigned char)line[i] >= 0x20 && line[i] != 0x7f);
	nl = malloc(n + 2);
	memcpy(nl, line, n);
	memcpy(nl + n, "\n", 2);
	back = event_wire_decode(nl, n + 1, err, sizeof err);
	assert_non_null(back);
	same_event(ev, back);
	free(nl);
	free(line);
	event_free(back);
	event_free(ev);
}

/* A new field in these structs must go into event-wire.c's tables (and
 * into same_event above): their sizes on x86-64 are pinned here. */
static void test_struct_sizes(void **state)
{
	(void)state;
#if defined(__x86_64__) && defined(__LP64__)
	assert_int_equal(sizeof(struct capa_event), 400);
	assert_int_equal(sizeof(struct capa_exif), 136);
	assert_int_equal(sizeof(struct cam_widget), 104);
#else
	skip();
#endif
}

/* ---- malformed lines ---- */

/* Decoding line[0..len) must fail with a reason holding `why`, inert. */
static void refused_n(const char *line, size_t len, const char *why)
{
	struct capa_event *ev;

	memset(err, 'Z', sizeof err);
	ev = event_wire_decode(line, len, err, sizeof err);
	if (ev) {
		event_free(ev);
		fail_msg("accepted: %.200s", line);
	}
	assert_non_null(memchr(err, 0, sizeof err));
	assert_true(err[0] != '\0');
	for (const char *p = err; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
	if (why && !strstr(err, why))
		fail_msg("%.200s: reason \"%s\" lacks \"%s\"", line, err, why);
}

static void refused(const char *line, const char *why)
{
	refused_n(line, strlen(line), why);
}

static void accepted(const char *line)
{
	struct capa_event *ev = event_wire_decode(line, strlen(line), err, sizeof err);
	if (!ev)
		fail_msg("refused (%s): %.200s", err, line);
	event_free(ev);
}

/* Every proper prefix of a full line is refused (a worker dying mid-line). */
static void test_truncated(void **state)
{
	struct capa_event *ev = full(EV_CONFIG_TREE);
	char *line = event_wire_encode(ev);
	size_t n = strlen(line);
	(void)state;
	for (size_t i = 0; i < n; i++) {
		char *cut = malloc(i ? i : 1);
		memcpy(cut, line, i);
		refused_n(cut, i, NULL);
		free(cut);
	}
	refused("", "cut off");
	refused("{\"event\":\"log\"", "cut off");
	free(line);
	event_free(ev);
}

/* Bad JSON, unknown names, members of the wrong type or range. */
static void test_wrong_types(void **state)
{
	(void)state;
	refused("not json", "not JSON");
	refused("{\"event\":\"log\"}x", NULL);
	refused("{\"event\":\"log\"}{}", NULL);
	refused("{'event':'log'}", "not JSON");
	refused("[1]", "not a JSON object");
	refused("\"log\"", "not a JSON object");
	refused("{\"id\":1}", "no \"event\"");
	refused("{\"event\":\"party\"}", "event: not a known name");
	refused("{\"event\":3}", "event: not a known name");
	refused("{\"event\":\"log\",\"bogus\":1}", "unknown member \"bogus\"");
	refused("{\"event\":\"log\",\"\x1b[2J\":1}", "unknown member \"[2J\"");
	refused("{\"event\":\"log\",\"id\":\"3\"}", "id: not an unsigned integer");
	refused("{\"event\":\"log\",\"id\":-1}", "id: not an unsigned integer");
	refused("{\"event\":\"log\",\"id\":1.5}", "id: not an unsigned integer");
	refused("{\"event\":\"log\",\"id\":null}", "id: not an unsigned integer");
	refused("{\"event\":\"log\",\"free_shots\":\"-1\"}", "free_shots: not an integer");
	refused("{\"event\":\"log\",\"deleted\":1}", "deleted: not a boolean");
	refused("{\"event\":\"log\",\"message\":5}", "message: not a string");
	refused("{\"event\":\"log\",\"message\":[\"a\"]}", "message: not a string");
	refused("{\"event\":\"log\",\"level\":\"loud\"}", "level: not a known name");
	refused("{\"event\":\"log\",\"level\":3}", "level: not a known name");
	refused("{\"event\":\"log\",\"exif\":[]}", "exif: not an object");
	refused("{\"event\":\"log\",\"exif\":{\"iso\":1e3}}", "iso: not an integer");
	refused("{\"event\":\"log\",\"exif\":{\"iso\":2147483648}}", "iso: beyond an int");
	refused("{\"event\":\"log\",\"exif\":{\"width\":-2147483649}}", "width: beyond an int");
	refused("{\"event\":\"log\",\"exif\":{\"fnumber\":\"5.6\"}}", "fnumber: not a number");
	refused("{\"event\":\"log\",\"exif\":{\"fnumber\":\"NaN\"}}", "fnumber: not a number");
	refused("{\"event\":\"log\",\"exif\":{\"fnumber\":NaN}}", NULL);
	refused("{\"event\":\"log\",\"exif\":{\"fnumber\":1e400}}", "fnumber: not a finite number");
	refused("{\"event\":\"log\",\"exif\":{\"lens\":null}}", "lens: not a string");
	refused("{\"event\":\"log\",\"exif\":{\"bogus\":1}}", "unknown member");
	refused("{\"event\":\"log\",\"sha256\":\"ABC\"}", "sha256: not 64 lowercase hex");
	refused("{\"event\":\"log\",\"sha256\":\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"}",
		"sha256: not 64 lowercase hex");
	refused("{\"event\":\"log\",\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08a\"}",
		"sha256");
	refused("{\"event\":\"config-tree\",\"config\":[]}", "config: a widget is not an object");
	refused("{\"event\":\"config-tree\",\"config\":{\"type\":\"slider\"}}", "type: not a known name");
	refused("{\"event\":\"config-tree\",\"config\":{\"children\":[1]}}", "a widget is not an object");
	refused("{\"event\":\"config-tree\",\"config\":{\"children\":{}}}", "children: not an array");
	refused("{\"event\":\"config-tree\",\"config\":{\"choices\":\"a\"}}", "choices: not an array");
	refused("{\"event\":\"config-tree\",\"config\":{\"choices\":[1]}}", "choices: not a string");
	refused("{\"event\":\"config-tree\",\"config\":{\"readonly\":\"no\"}}", "readonly: not a boolean");
	refused("{\"event\":\"config-tree\",\"config\":{\"min\":1e39}}", "min: beyond a float");
	refused("{\"event\":\"config-tree\",\"config\":{\"max\":-1e39}}", "max: beyond a float");
	accepted("{\"event\":\"config-tree\",\"config\":{\"min\":3.4028234663852886e+38}}");
	accepted("{ \"event\" : \"log\" , \"exif\" : { } }\r\n");
	accepted("{\"event\":\"log\",\"message\":null}");
}

/* Integers beyond 64 bits, which json-c would clamp, are refused. */
static void test_huge_numbers(void **state)
{
	(void)state;
	accepted("{\"event\":\"log\",\"id\":18446744073709551615}");
	refused("{\"event\":\"log\",\"id\":18446744073709551616}", "beyond 64 bits");
	refused("{\"event\":\"log\",\"id\":99999999999999999999999999999999999}", "beyond 64 bits");
	accepted("{\"event\":\"log\",\"free_bytes\":-9223372036854775808}");
	refused("{\"event\":\"log\",\"free_bytes\":-9223372036854775809}", "beyond 64 bits");
	refused("{\"event\":\"log\",\"free_bytes\":9223372036854775808}",
		"free_bytes: beyond a signed 64-bit");
	accepted("{\"event\":\"log\",\"exif\":{\"fnumber\":1e308}}");
	/* the encoder writes such a double as 1.2345678901234568e+29 */
	refused("{\"event\":\"log\",\"exif\":{\"fnumber\":123456789012345678901234567890}}",
		"beyond 64 bits");
	refused("{\"event\":\"log\",\"exif\":{\"iso\":123456789012345678901234567890}}",
		"beyond 64 bits");
}

/* A NUL can't hide in a string: raw, escaped, in a key, or in hex. */
static void test_nul(void **state)
{
	static const char raw[] = "{\"event\":\"log\",\"message\":\"a\0b\"}";
	(void)state;
	refused_n(raw, sizeof raw - 1, "NUL");
	refused_n(raw, 30, "NUL");
	refused("{\"event\":\"log\",\"message\":\"a\\u0000b\"}", "NUL");
	refused("{\"event\":\"log\\u0000x\"}", "NUL");
	refused("{\"event\\u0000\":\"log\"}", "NUL");
	refused("{\"event\":\"log\",\"message\":\"\\u007f4100\"}", "message: a NUL byte");
	refused("{\"event\":\"log\",\"message\":\"\\u007f00\"}", "message: a NUL byte");
	/* an escaped backslash before u0000 is text, not a NUL */
	accepted("{\"event\":\"log\",\"message\":\"a\\\\u0000b\"}");
}

/* Hex strings: well formed or refused; raw invalid UTF-8 is not JSON. */
static void test_hex_and_utf8(void **state)
{
	(void)state;
	accepted("{\"event\":\"log\",\"message\":\"\\u007f41ff\"}");
	accepted("{\"event\":\"log\",\"message\":\"\\u007f\"}");
	refused("{\"event\":\"log\",\"message\":\"\\u007f4\"}", "odd length");
	refused("{\"event\":\"log\",\"message\":\"\\u007fzz\"}", "bad hex");
	refused("{\"event\":\"log\",\"message\":\"\\u007fAB\"}", "bad hex");
	refused("{\"event\":\"log\",\"message\":\"\xff\"}", "not JSON");
	/* json-c lets a UTF-8 surrogate through; it is refused all the same */
	refused("{\"event\":\"log\",\"message\":\"\xed\xa0\x80\"}", "not valid UTF-8");
	refused("{\"event\":\"log\",\"message\":\"\xc0\xaf\"}", NULL);
}

/* Strings, the line and the tree beyond their bounds. */
static void test_bounds(void **state)
{
	size_t n = EVENT_WIRE_STR_MAX + 64;
	char *l = malloc(n + 2 * EVENT_WIRE_STR_MAX + 64);
	(void)state;
	/* a string one byte over, plain and in hex */
	n = (size_t)sprintf(l, "{\"event\":\"log\",\"message\":\"");
	memset(l + n, 'x', EVENT_WIRE_STR_MAX + 1);
	strcpy(l + n + EVENT_WIRE_STR_MAX + 1, "\"}");
	refused(l, "message: a string too long");
	n = (size_t)sprintf(l, "{\"event\":\"log\",\"message\":\"\\u007f");
	memset(l + n, 'f', 2 * EVENT_WIRE_STR_MAX + 2);
	strcpy(l + n + 2 * EVENT_WIRE_STR_MAX + 2, "\"}");
	refused(l, "message: a string too long");
	/* a lens of 96 bytes does not fit its 95 */
	n = (size_t)sprintf(l, "{\"event\":\"log\",\"exif\":{\"lens\":\"");
	memset(l + n, 'L', 96);
	strcpy(l + n + 96, "\"}}");
	refused(l, "lens: a string too long");
	free(l);

	/* a line one byte over the limit, refused before it is looked at */
	l = malloc(EVENT_WIRE_MAX + 1);
	memset(l, ' ', EVENT_WIRE_MAX + 1);
	refused_n(l, EVENT_WIRE_MAX + 1, "more than");
	free(l);
}

/* A line of `n` widgets in a flat tree (the root and n - 1 children),
 * each with `c` null choices. */
static char *flat(size_t n, size_t c)
{
	size_t cap = 64 + n * (20 + 5 * c), o;
	char *l = malloc(cap);
	assert_non_null(l);
	o = (size_t)sprintf(l, "{\"event\":\"config-tree\",\"config\":{\"children\":[");
	for (size_t i = 1; i < n; i++) {
		o += (size_t)sprintf(l + o, "%s{\"choices\":[", i > 1 ? "," : "");
		for (size_t k = 0; k < c; k++)
			o += (size_t)sprintf(l + o, "%snull", k ? "," : "");
		o += (size_t)sprintf(l + o, "]}");
	}
	strcpy(l + o, "]}}");
	return l;
}

/* A chain of `levels` widgets, each the only child of the one above. */
static char *chain(int levels)
{
	char *l = malloc(64 + (size_t)levels * 40);
	size_t o = (size_t)sprintf(l, "{\"event\":\"config-tree\",\"config\":");
	assert_non_null(l);
	for (int i = 0; i < levels; i++)
		o += (size_t)sprintf(l + o, "{\"type\":\"section\"%s", i + 1 < levels ? ",\"children\":[" : "");
	for (int i = 0; i < levels; i++)
		o += (size_t)sprintf(l + o, "%s", i ? "]}" : "}");
	strcpy(l + o, "}");
	return l;
}

/* Depth, widget and choice limits of the tree; JSON nested deep. */
static void test_tree_limits(void **state)
{
	char *l;
	(void)state;
	accepted(l = chain(EVENT_WIRE_DEPTH));
	free(l);
	refused(l = chain(EVENT_WIRE_DEPTH + 1), "deeper than 16 levels");
	free(l);
	refused(l = chain(1000), "nesting too deep");
	free(l);
	l = malloc(200001);
	memset(l, '[', 200000);
	l[200000] = '\0';
	refused(l, NULL);
	free(l);

	accepted(l = flat(EVENT_WIRE_WIDGETS, 0));
	free(l);
	refused(l = flat(EVENT_WIRE_WIDGETS + 1, 0), "more than 10000 widgets");
	free(l);
	accepted(l = flat(2, EVENT_WIRE_CHOICES));
	free(l);
	refused(l = flat(2, EVENT_WIRE_CHOICES + 1), "more than 10000 choices");
	free(l);
	refused(l = flat(3, EVENT_WIRE_CHOICES / 2 + 1), "more than 10000 choices");
	free(l);
}

/* A line that would make json-c allocate gigabytes is refused first. */
static void test_memory_bomb(void **state)
{
	size_t n = EVENT_WIRE_MAX - 64, o;
	char *l = malloc(EVENT_WIRE_MAX);
	(void)state;
	o = (size_t)sprintf(l, "{\"event\":\"log\",\"x\":[");
	while (o + 8 < n)
		o += (size_t)sprintf(l + o, "{},");
	strcpy(l + o, "{}]}");
	refused(l, "more JSON values");
	o = (size_t)sprintf(l, "{\"event\":\"log\",\"x\":[");
	while (o + 8 < n)
		o += (size_t)sprintf(l + o, "0,");
	strcpy(l + o, "0]}");
	refused(l, "more JSON values");
	free(l);
}

/* No err buffer, or a tiny one, is fine. */
static void test_small_err(void **state)
{
	char one[1] = { 'x' };
	(void)state;
	assert_null(event_wire_decode("x", 1, NULL, 0));
	assert_null(event_wire_decode("x", 1, one, 1));
	assert_int_equal(one[0], '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_full),
		cmocka_unit_test(test_every_type_empty),
		cmocka_unit_test(test_empty_strings),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_line_shape),
		cmocka_unit_test(test_struct_sizes),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_hex_and_utf8),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_tree_limits),
		cmocka_unit_test(test_memory_bomb),
		cmocka_unit_test(test_small_err),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
