/* libFuzzer target for the session journal read back (json-c): one line
 * (session_read_line), a whole journal (session_read_parse) and the scan
 * for the highest shot number (session_journal_max_number).
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR journal */
#include <string.h>

#include "fuzz-util.h"
#include "session-read.h"
#include "session.h"

/* A listed shot names a file of the session directory only. */
static void check_entry(const struct session_entry *e)
{
	size_t n = strnlen(e->name, sizeof e->name);
	FUZZ_ASSERT(n > 0 && n < sizeof e->name);
	FUZZ_ASSERT(!strchr(e->name, '/'));
	FUZZ_ASSERT(strcmp(e->name, ".") && strcmp(e->name, ".."));
	FUZZ_ASSERT(!e->path);
	FUZZ_ASSERT(memchr(e->exif.lens, 0, sizeof e->exif.lens));
}

/* Parse the input as one line and as a journal; the buffers have exactly
 * the input's size, so a read past the end is found. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session_listing l;
	struct session_entry e;
	char why[96], *buf = fuzz_bytes(data, size);
	size_t lines = 1;

	if (!buf)
		return 0;
	if (session_read_line(buf, size, &e, why, sizeof why) == 0)
		check_entry(&e);
	else
		FUZZ_ASSERT(memchr(why, 0, sizeof why) && *why);
	memset(&l, 0, sizeof l);
	session_read_parse(buf, size, true, &l);
	for (size_t i = 0; i < size; i++)
		lines += buf[i] == '\n';
	FUZZ_ASSERT(l.n <= SESSION_READ_ROWS && l.n + l.bad <= lines);
	FUZZ_ASSERT(l.bad_line <= lines);
	for (size_t i = 0; i < l.n; i++)
		check_entry(&l.v[i]);
	session_listing_free(&l);
	FUZZ_ASSERT(session_journal_max_number(buf, size) < 100000000u);
	free(buf);
	return 0;
}
