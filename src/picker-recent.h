/* The cameras used before, kept between runs for the camera picker.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small state file, $XDG_STATE_HOME/capa/recent-cameras (default
 * ~/.local/state/capa/recent-cameras), one camera a line, most recent
 * first: "PORT<TAB>MODEL" (PORT a PTP/IP address, or "usb:" for a USB
 * body found again by its model).  It is written whole through a
 * temporary file and rename(), and read as untrusted: only a regular
 * file of at most PICKER_RECENT_FILE_MAX bytes, at most
 * PICKER_RECENT_MAX entries, lines with a malformed port are skipped and
 * models are cleaned for display.  Blocking file I/O on the caller's
 * (main) thread; the file is tiny. */
#ifndef CAPA_PICKER_RECENT_H
#define CAPA_PICKER_RECENT_H

#include <stddef.h>

#include "picker.h"

#define PICKER_RECENT_FILE_MAX 16384

/* The state file's path into out.  Returns 0, or -1 when it does not fit. */
int picker_recent_path(char *out, size_t len);

/* Read the file at path into pk's recent list (replacing it).  A missing
 * file is an empty list.  Returns the number of lines skipped as
 * malformed, or -1 with a reason in err when the file cannot be read. */
int picker_recent_load(struct picker *pk, const char *path, char *err, size_t errlen);

/* Write pk's recent list to path (creating its directory, mode 0700).
 * Returns 0, or -1 with a reason in err; the old file stays on failure. */
int picker_recent_save(const struct picker *pk, const char *path, char *err, size_t errlen);

#endif
