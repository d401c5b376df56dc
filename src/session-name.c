/* Local file names: gphoto2 --filename patterns and collision variants.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session-name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

static const char *const wday_abbr[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const wday_full[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					 "Thursday", "Friday", "Saturday" };
static const char *const mon_abbr[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const mon_full[] = { "January", "February", "March", "April", "May",
					"June", "July", "August", "September", "October",
					"November", "December" };

/* A bounded string builder. */
struct sb {
	char *p;
	size_t len, cap;
};

/* Append n bytes, silently truncating (the result is capped later anyway). */
static void sb_put(struct sb *b, const char *s, size_t n)
{
	if (n >= b->cap - b->len)
		n = b->cap - 1 - b->len;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

/* Append a number formatted with printf. */
static void sb_num(struct sb *b, const char *fmt, int width, long v)
{
	char t[32];
	int n = width ? snprintf(t, sizeof(t), fmt, width, v) : snprintf(t, sizeof(t), fmt, v);
	if (n > 0)
		sb_put(b, t, (size_t)n < sizeof(t) ? (size_t)n : sizeof(t) - 1);
}

/* Expand one date code c; returns 0, or -1 when c is not a date code. */
static int date_code(struct sb *b, char c, const struct tm *tm)
{
	switch (c) {
	case 'a': sb_str(b, wday_abbr[tm->tm_wday % 7]); break;
	case 'A': sb_str(b, wday_full[tm->tm_wday % 7]); break;
	case 'b': sb_str(b, mon_abbr[tm->tm_mon % 12]); break;
	case 'B': sb_str(b, mon_full[tm->tm_mon % 12]); break;
	case 'd': sb_num(b, "%02ld", 0, tm->tm_mday); break;
	case 'H': sb_num(b, "%02ld", 0, tm->tm_hour); break;
	case 'j': sb_num(b, "%03ld", 0, tm->tm_yday + 1); break;
	case 'm': sb_num(b, "%02ld", 0, tm->tm_mon + 1); break;
	case 'M': sb_num(b, "%02ld", 0, tm->tm_min); break;
	case 'S': sb_num(b, "%02ld", 0, tm->tm_sec); break;
	case 'y': sb_num(b, "%02ld", 0, (tm->tm_year + 1900L) % 100); break;
	case 'Y': sb_num(b, "%04ld", 0, tm->tm_year + 1900L); break;
	default: return -1;
	}
	return 0;
}

/* Expand one name code (f, C, F); returns 0, or -1 when unknown. */
static int name_code(struct sb *b, char c, const struct name_vars *v)
{
	const char *name = v && v->camera_name ? v->camera_name : "";
	const char *dot = strrchr(name, '.');
	const char *folder = v && v->folder ? v->folder : "";

	switch (c) {
	case 'f': sb_put(b, name, dot ? (size_t)(dot - name) : strlen(name)); break;
	case 'C': if (dot) sb_str(b, dot + 1); break;
	case 'F': sb_str(b, folder + (*folder == '/')); break;
	case 'c': sb_num(b, "%ld", 0, v && v->camera > 0 ? (long)v->camera : 1L); break;
	default: return -1;
	}
	return 0;
}

/* Expand pattern into b (no sanitising); v may be NULL for a dry run. */
static int expand(const char *pat, const struct name_vars *v, struct sb *b,
		  char *err, size_t errlen)
{
	struct tm tm = { 0 };
	time_t when = v ? v->when : 0;

	localtime_r(&when, &tm);
	for (const char *p = pat; *p; p++) {
		if (*p != '%') {
			sb_put(b, p, 1);
			continue;
		}
		const char *start = p++;
		int zero = *p == '0', width = 0;
		/* stop counting past 9: a long run of digits must not overflow */
		for (; *p >= '0' && *p <= '9'; p++)
			if (width <= 9)
				width = width * 10 + (*p - '0');
		if (p - start > 1 && *p != 'n') {
			snprintf(err, errlen, "filename pattern: padding is only for %%n (at \"%.8s\")", start);
			return -1;
		}
		if (width > 9) {
			snprintf(err, errlen, "filename pattern: %%n pads to 1..9 digits (at \"%.12s\")", start);
			return -1;
		}
		if (*p == 'n')
			sb_num(b, zero ? "%0*ld" : "%*ld", width ? width : 1, v ? (long)v->number : 0);
		else if (*p == '%')
			sb_put(b, "%", 1);
		else if (*p == '\0') {
			snprintf(err, errlen, "filename pattern ends with a lone %%");
			return -1;
		} else if (date_code(b, *p, &tm) < 0 && name_code(b, *p, v) < 0) {
			snprintf(err, errlen, "filename pattern: unknown code %%%c", *p);
			return -1;
		}
	}
	return 0;
}

int session_name_expand(const char *pattern, const struct name_vars *v,
			char *out, size_t outlen, char *err, size_t errlen)
{
	char buf[1024];
	struct sb b = { buf, 0, sizeof(buf) };

	buf[0] = '\0';
	if (!pattern || !*pattern)
		sb_str(&b, v && v->camera_name ? v->camera_name : "");
	else if (expand(pattern, v, &b, err, errlen) < 0)
		return -1;
	sanitize_filename(buf, b.len, out, outlen);
	return 0;
}

int session_name_check(const char *pattern, char *err, size_t errlen)
{
	char buf[1024];
	struct sb b = { buf, 0, sizeof(buf) };

	if (!pattern || !*pattern)
		return 0;
	return expand(pattern, NULL, &b, err, errlen);
}

char *session_name_variant(const char *name, unsigned k, char *out, size_t outlen)
{
	char suffix[16];
	const char *dot;
	size_t ext, stem, max, sl;

	/* k = 0 is the name itself, cut like the others when it is too long
	 * (at a UTF-8 boundary, keeping the extension) */
	dot = strrchr(name, '.');
	ext = dot && dot != name ? strlen(dot) : 0;
	sl = k ? (size_t)snprintf(suffix, sizeof(suffix), "-%u", k) : 0;
	suffix[sl] = '\0';
	max = (outlen - 1 < SANITIZE_NAME_MAX ? outlen - 1 : SANITIZE_NAME_MAX);
	if (ext + sl + 1 > max)
		ext = 0;
	stem = strlen(name) - ext;
	if (stem + sl + ext > max) {
		stem = max - sl - ext;
		while (stem > 0 && ((unsigned char)name[stem] & 0xC0) == 0x80)
			stem--;
	}
	snprintf(out, outlen, "%.*s%s%s", (int)stem, name, suffix, ext ? name + strlen(name) - ext : "");
	return out;
}
