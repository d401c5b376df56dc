/* Dates as a photographer types them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "datetime.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Epoch seconds: an optional sign and digits only. */
static bool parse_epoch(const char *s, long long *out)
{
	const char *d = s + (*s == '-' || *s == '+');
	char *end;

	if (!isdigit((unsigned char)*d))
		return false;
	for (const char *p = d; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	*out = strtoll(s, &end, 10); /* LLONG_MAX/MIN when too large */
	return true;
}

/* Is tm a real calendar date and time (no February 30, no 25:00)? */
static bool calendar_ok(const struct tm *tm)
{
	struct tm copy = *tm, back;
	time_t t = timegm(&copy);

	if (!gmtime_r(&t, &back))
		return false;
	return back.tm_year == tm->tm_year && back.tm_mon == tm->tm_mon &&
	       back.tm_mday == tm->tm_mday && back.tm_hour == tm->tm_hour &&
	       back.tm_min == tm->tm_min && back.tm_sec == tm->tm_sec;
}

/* The zone after the time: "" (local: *local set), "Z", or an offset
 * into *gmtoff.  False when rest is anything else. */
static bool parse_zone(const char *rest, bool *local, long *gmtoff)
{
	struct tm z = { 0 };
	const char *end;

	*local = false;
	*gmtoff = 0;
	if (!*rest) {
		*local = true;
		return true;
	}
	if (*rest == ' ')
		rest++;
	if (!strcasecmp(rest, "Z"))
		return true;
	if (*rest != '+' && *rest != '-')
		return false;
	end = strptime(rest, "%z", &z);
	if (!end || *end)
		return false;
	*gmtoff = z.tm_gmtoff;
	return true;
}

/* A date and time with 'T' or a blank between, seconds optional. */
static bool parse_calendar(const char *s, long long *out)
{
	static const char *const forms[] = { "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
					     "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M" };
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct tm tm = { 0 };
		const char *rest = isdigit((unsigned char)*s) ? strptime(s, forms[i], &tm) : NULL;
		bool local;
		long off;

		if (!rest || !parse_zone(rest, &local, &off) || !calendar_ok(&tm))
			continue;
		if (local) {
			tm.tm_isdst = -1;
			*out = (long long)mktime(&tm);
		} else {
			*out = (long long)timegm(&tm) - off;
		}
		return true;
	}
	return false;
}

bool date_parse(const char *s, long long *out)
{
	if (!strcasecmp(s, "now")) {
		*out = (long long)time(NULL);
		return true;
	}
	if (parse_epoch(s, out))
		return true;
	return parse_calendar(s, out);
}
