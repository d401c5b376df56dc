/* Reading a session back: the shots its journal lists, for the UI's log.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal (.capa/journal.jsonl, written by session-journal.c) is
 * untrusted: each line is parsed with json-c, a line that is not a whole
 * JSON object naming a file of the session is skipped and counted.  Work
 * and memory are bounded: at most SESSION_READ_TAIL bytes from the end of
 * the journal are read and at most SESSION_READ_ROWS shots (the newest)
 * are listed.  Files are looked up in the session directory by their base
 * name only, so a journal never makes capa open a file elsewhere.  No
 * curses, no libgphoto2; any thread (not while the worker writes the same
 * journal: the UI calls it before the worker starts). */
#ifndef CAPA_SESSION_READ_H
#define CAPA_SESSION_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "event.h"
#include "sanitize.h"

#define SESSION_READ_ROWS 5000              /* newest shots listed at most */
#define SESSION_READ_TAIL (8u * 1024 * 1024) /* journal bytes read at most */
#define SESSION_READ_LINE (64u * 1024)       /* a longer line is a bad one */
#define SESSION_READ_EXIF 64 /* files read for EXIF the journal lacks, newest first */

/* One saved shot, as the journal and the directory tell it. */
struct session_entry {
	time_t when;          /* the journal's time; 0 when it has none */
	char name[256];       /* the local file's base name (raw bytes) */
	char *path;           /* session dir + "/" + name, malloc'd */
	uint64_t bytes;       /* from the journal, else the file's size */
	struct capa_exif exif;
	bool exif_known;      /* the journal gave the EXIF summary */
	bool missing;         /* no regular file of that name in the directory */
};

/* What session_read found. */
struct session_listing {
	struct session_entry *v;  /* oldest first */
	size_t n;
	size_t bad;               /* lines skipped */
	size_t bad_line;          /* 1-based number of the first bad one (0: unknown) */
	char bad_why[96];         /* what was wrong with it */
	size_t missing;           /* entries whose file is gone */
	bool cut;                 /* older shots were left out (limits above) */
};

/* List the shots of the session in `dir` (its journal missing: none).
 * Returns 0, or -1 with err when the journal exists but cannot be read. */
int session_read(const char *dir, struct session_listing *out, char *err, size_t errlen);

/* Parse one journal line into e (e->path left NULL).  Returns 0, or -1
 * with why (a short phrase) when the line is not a usable shot. */
int session_read_line(const char *line, size_t len, struct session_entry *e, char *why,
		      size_t whylen);

/* The pure part of session_read: list the shots of the journal text
 * buf[0..len) into l (zeroed by the caller), newest first, bounded as
 * above; no file is looked at (path NULL, missing false).  `numbered`:
 * buf is the whole journal, so bad lines get their line numbers. */
void session_read_parse(const char *buf, size_t len, bool numbered, struct session_listing *l);

/* Free what session_read filled in. */
void session_listing_free(struct session_listing *l);

#endif
