/* The curses terminal: set-up, teardown, resize and raw image output.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Main thread only; every ncurses call in capa happens on that thread.
 * term_stop() is safe to call twice and from the fatal-error path. */
#ifndef CAPA_TERM_H
#define CAPA_TERM_H

#include <stdbool.h>
#include <stddef.h>

/* term_start flags. */
enum {
	/* capa writes pixels behind curses' back (sixel, 24-bit half blocks):
	 * curses must never move terminal lines (term-noscroll.h). */
	TERM_NOSCROLL = 1,
};

/* Start curses on the controlling terminal (stdin/stdout).  Returns 0, or
 * -1 with a message in err (not a terminal, unknown TERM). */
int term_start(int flags, char *err, size_t errlen);

/* What term_start could not do as asked, for the log ("" when nothing). */
const char *term_note(void);

/* Leave curses and restore the terminal as it was. */
void term_stop(void);

/* True between term_start and term_stop. */
bool term_active(void);

/* Read the new size from the tty and resize curses.  */
void term_resize(void);

/* After doupdate(): write raw bytes (a sixel image) with the cursor at
 * (row, col), then put the cursor back where curses believes it is. */
void term_write_at(int row, int col, const void *bytes, size_t len);

/* The tty fd to poll for input. */
int term_fd(void);

#endif
