/* The camera settings model: tree helpers and value validation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-config.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "datetime.h"
#include "json.h"
#include "sanitize.h"

static const char *const type_names[] = {
	"window", "section", "text", "range", "toggle", "radio", "menu", "button", "date"
};

const char *cam_widget_type_name(enum cam_widget_type t)
{
	return (unsigned)t < sizeof(type_names) / sizeof(type_names[0]) ? type_names[t] : "?";
}

int cam_widget_type_from_name(const char *name)
{
	for (size_t t = 0; t < sizeof(type_names) / sizeof(type_names[0]); t++)
		if (strcmp(type_names[t], name) == 0)
			return (int)t;
	return -1;
}

/* Free what a widget owns (not the widget itself). */
void cam_widget_clear(struct cam_widget *w)
{
	free(w->name);
	free(w->label);
	free(w->path);
	free(w->section);
	free(w->value);
	for (size_t i = 0; i < w->n_choices; i++)
		free(w->choices[i]);
	free(w->choices);
	for (size_t i = 0; i < w->n_children; i++)
		cam_widget_clear(&w->children[i]);
	free(w->children);
	memset(w, 0, sizeof(*w));
}

void cam_config_free(struct cam_config *cfg)
{
	if (!cfg)
		return;
	cam_widget_clear(&cfg->root);
	free(cfg);
}

/* strdup that keeps NULL and reports failure through *ok. */
static char *dup_or(const char *s, int *ok)
{
	char *d;
	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*ok = 0;
	return d;
}

/* Deep-copy src into dst (zeroed).  Returns 0 or -1. */
static int widget_copy(struct cam_widget *dst, const struct cam_widget *src)
{
	int ok = 1;

	*dst = *src;
	dst->name = dup_or(src->name, &ok);
	dst->label = dup_or(src->label, &ok);
	dst->path = dup_or(src->path, &ok);
	dst->section = dup_or(src->section, &ok);
	dst->value = dup_or(src->value, &ok);
	dst->choices = NULL;
	dst->children = NULL;
	dst->n_choices = dst->n_children = 0;
	if (src->n_choices) {
		dst->choices = calloc(src->n_choices, sizeof(char *));
		if (!dst->choices)
			return -1;
		for (; dst->n_choices < src->n_choices; dst->n_choices++)
			dst->choices[dst->n_choices] = dup_or(src->choices[dst->n_choices], &ok);
	}
	if (src->n_children) {
		dst->children = calloc(src->n_children, sizeof(*dst->children));
		if (!dst->children)
			return -1;
		for (; dst->n_children < src->n_children; dst->n_children++)
			if (widget_copy(&dst->children[dst->n_children],
					&src->children[dst->n_children]) < 0) {
				dst->n_children++;
				return -1;
			}
	}
	return ok ? 0 : -1;
}

struct cam_config *cam_config_dup(const struct cam_config *cfg)
{
	struct cam_config *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	if (widget_copy(&c->root, &cfg->root) < 0) {
		cam_config_free(c);
		return NULL;
	}
	return c;
}

/* Depth-first search for a leaf by name or path. */
static struct cam_widget *find(struct cam_widget *w, const char *key)
{
	if (w->type != CW_WINDOW && w->type != CW_SECTION &&
	    ((w->name && strcmp(w->name, key) == 0) || (w->path && strcmp(w->path, key) == 0)))
		return w;
	for (size_t i = 0; i < w->n_children; i++) {
		struct cam_widget *r = find(&w->children[i], key);
		if (r)
			return r;
	}
	return NULL;
}

struct cam_widget *cam_config_find(struct cam_config *cfg, const char *key)
{
	return cfg && key ? find(&cfg->root, key) : NULL;
}

/* Validate a RANGE value: number within bounds, snapped to step. */
static int validate_range(const struct cam_widget *w, const char *v, char *out,
			  size_t outlen, char *err, size_t errlen)
{
	char *end;
	double d;

	if (!isfinite(w->min) || !isfinite(w->max) || w->min > w->max) {
		/* the range comes from the camera: NaN would let anything through */
		snprintf(err, errlen, "%s: the camera gives no valid range", w->name);
		return -1;
	}
	errno = 0;
	d = strtod(v, &end);
	if (errno || end == v || *end || !isfinite(d)) {
		snprintf(err, errlen, "%s: \"%s\" is not a number", w->name, v);
		return -1;
	}
	if (d < w->min - 1e-6 || d > w->max + 1e-6) {
		snprintf(err, errlen, "%s: %g is outside %g..%g", w->name, d, w->min, w->max);
		return -1;
	}
	if (w->step > 0)
		d = w->min + round((d - w->min) / w->step) * w->step;
	if (d > w->max)
		d = w->max;
	snprintf(out, outlen, "%g", d);
	return 0;
}

/* Validate a TOGGLE value. */
static int validate_toggle(const struct cam_widget *w, const char *v, char *out,
			   size_t outlen, char *err, size_t errlen)
{
	static const char *const on[] = { "1", "on", "yes", "true" };
	static const char *const off[] = { "0", "off", "no", "false" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, on[i]) == 0) {
			snprintf(out, outlen, "1");
			return 0;
		}
		if (strcasecmp(v, off[i]) == 0) {
			snprintf(out, outlen, "0");
			return 0;
		}
	}
	snprintf(err, errlen, "%s: \"%s\" is not on/off", w->name, v);
	return -1;
}

/* Do any of the choices parse as a plain integer? */
static int choices_numeric(const struct cam_widget *w)
{
	for (size_t i = 0; i < w->n_choices; i++) {
		char *end;
		strtol(w->choices[i], &end, 10);
		if (end != w->choices[i] && *end == '\0')
			return 1;
	}
	return 0;
}

/* Validate a RADIO/MENU value: exact, case-insensitive, index, raw (menu). */
static int validate_choice(const struct cam_widget *w, const char *v, char *out,
			   size_t outlen, char *err, size_t errlen)
{
	const char *idx = v[0] == '#' ? v + 1 : (choices_numeric(w) ? NULL : v);
	for (size_t i = 0; i < w->n_choices; i++)
		if (strcmp(w->choices[i], v) == 0)
			goto found_s;
	for (size_t i = 0; i < w->n_choices; i++)
		if (strcasecmp(w->choices[i], v) == 0) {
			v = w->choices[i];
			goto found_s;
		}
	if (idx && *idx) {
		char *end;
		long n = strtol(idx, &end, 10);
		if (*end == '\0' && n >= 0 && (size_t)n < w->n_choices) {
			v = w->choices[n];
			goto found_s;
		}
	}
	if (w->type == CW_MENU)
		goto found_s;
	snprintf(err, errlen, "%s: \"%s\" is not one of its %zu choices", w->name, v,
		 w->n_choices);
	return -1;
found_s:
	snprintf(out, outlen, "%s", v);
	return 0;
}

/* Characters of text a camera string takes through libgphoto2 2.5.30: a
 * PTP string holds 255 UCS-2 units with the NUL, and libgphoto2 sends a
 * stray byte for 255 characters. */
#define TEXT_MAX 254

/* Can libgphoto2 turn v (in the locale's charset, as it assumes) into
 * UCS-2?  It sends an EMPTY string when it cannot (erasing the camera's
 * value): characters beyond U+FFFF, or any non-ASCII in a C locale. */
static bool text_convertible(const char *v, size_t len)
{
	iconv_t cd = iconv_open("UCS-2LE", nl_langinfo(CODESET));
	char buf[2 * (TEXT_MAX + 1)], *in = (char *)v, *outp = buf;
	size_t inleft = len, outleft = sizeof(buf);
	bool ok;

	if (cd == (iconv_t)-1)
		return false;
	ok = iconv(cd, &in, &inleft, &outp, &outleft) != (size_t)-1 && inleft == 0;
	iconv_close(cd);
	return ok;
}

/* A text value: valid UTF-8, no control characters, at most TEXT_MAX
 * characters that libgphoto2 can convert. */
static int validate_text(const struct cam_widget *w, const char *v, char *out, size_t outlen,
			 char *err, size_t errlen)
{
	size_t len = strlen(v), chars = 0;

	if (!utf8_valid(v, len)) {
		snprintf(err, errlen, "%s: the text is not valid UTF-8", w->name);
		return -1;
	}
	for (size_t i = 0; i < len; chars++) {
		size_t n = utf8_seq_len((const unsigned char *)v + i, len - i);
		if (utf8_is_control((const unsigned char *)v + i, n)) {
			snprintf(err, errlen, "%s: the text has control characters", w->name);
			return -1;
		}
		i += n;
	}
	if (chars > TEXT_MAX || len >= outlen) {
		snprintf(err, errlen, "%s: %zu characters of text, a camera string holds at most %d",
			 w->name, chars, TEXT_MAX);
		return -1;
	}
	if (!text_convertible(v, len)) {
		snprintf(err, errlen, "%s: libgphoto2 cannot send this text in the %s character set "
			 "(only characters up to U+FFFF, and a UTF-8 locale for non-ASCII)", w->name,
			 nl_langinfo(CODESET));
		return -1;
	}
	snprintf(out, outlen, "%s", v);
	return 0;
}

/* Validate a DATE value (any form date_parse takes) that fits libgphoto2's
 * int (a larger number would wrap, 2^32 to 1970). */
static int validate_date(const struct cam_widget *w, const char *v, char *out,
			 size_t outlen, char *err, size_t errlen)
{
	long long t;

	if (!date_parse(v, &t)) {
		snprintf(err, errlen, "%s: \"%s\" is not a date: " DATE_FORMS, w->name, v);
		return -1;
	}
	if (t < INT_MIN || t > INT_MAX) {
		snprintf(err, errlen, "%s: %s is outside the camera's date range (%d to %d seconds)",
			 w->name, v, INT_MIN, INT_MAX);
		return -1;
	}
	snprintf(out, outlen, "%lld", t);
	return 0;
}

/* Check a new value against a widget and give its canonical form. */
int cam_config_validate(const struct cam_widget *w, const char *value,
			char *out, size_t outlen, char *err, size_t errlen)
{
	if (w->readonly) {
		snprintf(err, errlen, "%s is read-only", w->name);
		return -1;
	}
	switch (w->type) {
	case CW_TEXT:
		return validate_text(w, value, out, outlen, err, errlen);
	case CW_RANGE:
		return validate_range(w, value, out, outlen, err, errlen);
	case CW_TOGGLE:
		return validate_toggle(w, value, out, outlen, err, errlen);
	case CW_RADIO:
	case CW_MENU:
		return validate_choice(w, value, out, outlen, err, errlen);
	case CW_DATE:
		return validate_date(w, value, out, outlen, err, errlen);
	case CW_BUTTON:
		snprintf(out, outlen, "1");
		return 0;
	default:
		snprintf(err, errlen, "%s is a %s, not a setting", w->name,
			 cam_widget_type_name(w->type));
		return -1;
	}
}

/* "one of: A, B, …" for a list of choices, cut to outlen (the ellipsis
 * only ever whole). */
static void accepts_choices(const struct cam_widget *w, char *out, size_t outlen)
{
	static const char more[] = ", \u2026";
	size_t o = (size_t)snprintf(out, outlen, "one of: ");

	if (o + sizeof more > outlen) {
		out[0] = '\0';
		return;
	}
	for (size_t i = 0; i < w->n_choices; i++) {
		size_t need = strlen(w->choices[i]) + (i ? 2 : 0);
		if (o + need + (i + 1 < w->n_choices ? sizeof more : 1) > outlen) {
			snprintf(out + o, outlen - o, "%s", i ? more : more + 2);
			return;
		}
		o += (size_t)snprintf(out + o, outlen - o, "%s%s", i ? ", " : "", w->choices[i]);
	}
}

void cam_config_accepts(const struct cam_widget *w, char *out, size_t outlen)
{
	if (!outlen)
		return;
	out[0] = '\0';
	if (w->readonly)
		return;
	switch (w->type) {
	case CW_RANGE:
		if (!isfinite(w->min) || !isfinite(w->max) || w->min > w->max)
			return;
		if (w->step > 0)
			snprintf(out, outlen, "%g..%g step %g", w->min, w->max, w->step);
		else
			snprintf(out, outlen, "%g..%g", w->min, w->max);
		return;
	case CW_TOGGLE:
		snprintf(out, outlen, "on or off");
		return;
	case CW_RADIO:
	case CW_MENU:
		accepts_choices(w, out, outlen);
		return;
	case CW_DATE:
		snprintf(out, outlen, "%s", DATE_FORMS);
		return;
	case CW_TEXT:
		snprintf(out, outlen, "text of at most %d characters", TEXT_MAX);
		return;
	default:
		return;
	}
}

/* Append a widget subtree as JSON. */
void cam_widget_to_json(struct json_buf *j, const struct cam_widget *w)
{
	json_open(j, '{');
	json_kv_str(j, "name", w->name);
	json_kv_str(j, "label", w->label);
	json_kv_str(j, "path", w->path);
	json_kv_str(j, "section", w->section);
	json_kv_str(j, "type", cam_widget_type_name(w->type));
	if (w->type != CW_WINDOW && w->type != CW_SECTION) {
		json_kv_str(j, "value", w->value);
		json_kv_bool(j, "readonly", w->readonly);
	}
	if (w->type == CW_RANGE) {
		json_kv_double(j, "min", w->min);
		json_kv_double(j, "max", w->max);
		json_kv_double(j, "step", w->step);
	}
	if (w->type == CW_RADIO || w->type == CW_MENU) {
		json_key(j, "choices");
		json_open(j, '[');
		for (size_t i = 0; i < w->n_choices; i++)
			json_str(j, w->choices[i]);
		json_close(j, ']');
	}
	if (w->n_children) {
		json_key(j, "children");
		json_open(j, '[');
		for (size_t i = 0; i < w->n_children; i++)
			cam_widget_to_json(j, &w->children[i]);
		json_close(j, ']');
	}
	json_close(j, '}');
}
