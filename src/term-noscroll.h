/* A terminfo entry without scrolling, for screens with pixels curses
 * does not know about.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ncurses' scrolling optimisation moves whole terminal lines (a scroll
 * region and a line feed, or insert/delete line) when a pane's text
 * scrolls.  The terminal moves every pixel on those lines, sixel images
 * and 24-bit half blocks written behind curses' back included, so a
 * preview beside a scrolling pane jumps and leaves a stale strip.  ncurses
 * has no switch for the optimisation: it is on whenever the terminal's
 * entry can scroll.  So capa compiles, with tic(1), a private entry that
 * is the user's $TERM with the scrolling capabilities cancelled, and
 * starts curses on it; ncurses then repaints the lines that changed and
 * never touches the cells it keeps blank under an image.
 *
 * Main thread, before newterm(); runs tic as a child process. */
#ifndef CAPA_TERM_NOSCROLL_H
#define CAPA_TERM_NOSCROLL_H

#include <stddef.h>

/* The capabilities cancelled, as in a terminfo source ("csr@, ind@, ..."). */
extern const char term_noscroll_caps[];

/* Compile "capa-noscroll" from terminal type `term` into a new private
 * directory (under $TMPDIR or /tmp); its path goes to dir.  Returns 0, or
 * -1 with a reason in err (no tic, a name tic cannot take, tic failed). */
int term_noscroll_build(const char *term, char *dir, size_t dirlen, char *err, size_t errlen);

/* Remove what term_noscroll_build made (curses has read the entry). */
void term_noscroll_remove(const char *dir);

#endif
