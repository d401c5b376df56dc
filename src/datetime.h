/* Dates as a photographer types them: the tree's own form, ISO 8601,
 * epoch seconds, now.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (libc's strptime, mktime, timegm); any thread. */
#ifndef CAPA_DATETIME_H
#define CAPA_DATETIME_H

#include <stdbool.h>

/* The forms date_parse takes, short enough for an 80-column edit line
 * (epoch seconds are taken too, for scripts). */
#define DATE_FORMS "YYYY-MM-DD HH:MM:SS (local), 2026-12-06T10:20:30[Z|+01:00] or now"

/* Parse s into seconds since the epoch: "now"; epoch seconds (an optional
 * sign and digits); "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]" in
 * local time, or in UTC with "Z", or at an offset "+01:00" / "-0530" /
 * "+01" (a blank may come before the offset).  Impossible calendar dates
 * (February 30) are refused.  Returns false when s is none of these; an
 * epoch number too large for *out gives LLONG_MAX or LLONG_MIN. */
bool date_parse(const char *s, long long *out);

#endif
