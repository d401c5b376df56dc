/* Local file names: gphoto2 --filename patterns and collision-free naming.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no I/O except session_name_free_in), any thread. */
#ifndef CAPA_SESSION_NAME_H
#define CAPA_SESSION_NAME_H

#include <stddef.h>
#include <time.h>

struct name_vars {
	const char *camera_name; /* object name on the camera (untrusted) */
	const char *folder;      /* camera folder, e.g. "/store_00010001/DCIM" */
	time_t when;             /* camera file time, else capture time */
	unsigned number;         /* session's running number (%n), from 1 */
	int camera;              /* %c: the camera's number among several, from
				  * 1 (0 with one camera: %c gives 1) */
};

/* Expand a gphoto2-style pattern into out:
 *   %a %A %b %B %d %H %j %m %M %S %y %Y  date/time of `when` (local time,
 *                                         C-locale names)
 *   %n  number; %Nn / %0Nn pad to N (1..9) with spaces / zeros
 *   %f  camera name without its suffix    %C  suffix without the dot
 *   %F  camera folder without the leading '/'
 *   %c  the camera's number (1, 2, ... with several --port; 1 with one)
 *   %%  a percent sign
 * NULL or "" pattern keeps the camera name.  The expansion is then made safe
 * with sanitize_filename (so '/' from %F or the pattern becomes '_').
 * Returns 0, or -1 with err for an unknown code or a dangling '%'. */
int session_name_expand(const char *pattern, const struct name_vars *v,
			char *out, size_t outlen, char *err, size_t errlen);

/* Check a pattern without expanding it for real. Returns 0 or -1 with err. */
int session_name_check(const char *pattern, char *err, size_t errlen);

/* The k-th alternative of `name` for collisions: k = 0 gives name itself,
 * k >= 1 gives "stem-k.ext"; the stem is shortened (at a UTF-8 boundary)
 * so the result fits min(outlen - 1, SANITIZE_NAME_MAX), outlen >= 16.
 * Returns out. */
char *session_name_variant(const char *name, unsigned k, char *out, size_t outlen);

#endif
