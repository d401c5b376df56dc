/* The curses terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "term.h"
#include "term-noscroll.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static SCREEN *scr;
static bool active;
static int tty_in = -1, tty_out = -1; /* private copies of fds 0 and 1 */
static FILE *f_in, *f_out;
static char note[192];

/* newterm() on the user's TERM, or with TERM_NOSCROLL on a private copy of
 * its entry without scrolling (term-noscroll.h); a copy that cannot be made
 * leaves a note and the user's entry. */
static SCREEN *start_screen(int flags)
{
	const char *term = getenv("TERM");
	char dir[4096], why[128], *old = NULL;
	SCREEN *s;

	note[0] = '\0';
	if (!(flags & TERM_NOSCROLL))
		return newterm(NULL, f_out, f_in);
	if (term_noscroll_build(term, dir, sizeof dir, why, sizeof why) < 0) {
		snprintf(note, sizeof note, "images may move when a pane scrolls (Ctrl-L repairs): %s", why);
		return newterm(NULL, f_out, f_in);
	}
	if (getenv("TERMINFO"))
		old = strdup(getenv("TERMINFO"));
	setenv("TERMINFO", dir, 1);
	s = newterm("capa-noscroll", f_out, f_in);
	if (old)
		setenv("TERMINFO", old, 1);
	else
		unsetenv("TERMINFO");
	free(old);
	term_noscroll_remove(dir);
	if (!s) {
		snprintf(note, sizeof note, "images may move when a pane scrolls (Ctrl-L repairs): "
			 "curses refused the entry without scrolling");
		s = newterm(NULL, f_out, f_in);
	}
	return s;
}

/* Point fd at /dev/null. */
static void to_null(int fd)
{
	int n = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (n >= 0) {
		dup2(n, fd);
		close(n);
	}
}

int term_start(int flags, char *err, size_t errlen)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "the interactive UI needs a terminal (try --headless)");
		return -1;
	}
	/* Only the character type: numbers keep the C locale's decimal point. */
	setlocale(LC_CTYPE, "");
	/* Curses gets private copies of the terminal: libgphoto2 2.5.30's
	 * PTP/IP disconnect closes fd 0, and nothing a library prints on fd 1
	 * may land on the screen.  Fds 0 and 1 point at /dev/null meanwhile. */
	tty_in = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 10);
	tty_out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 10);
	f_in = tty_in >= 0 ? fdopen(tty_in, "r") : NULL;
	f_out = tty_out >= 0 ? fdopen(tty_out, "w") : NULL;
	scr = f_in && f_out ? start_screen(flags) : NULL;
	if (!scr) {
		const char *t = getenv("TERM");
		snprintf(err, errlen, "cannot start curses on TERM=%s", t ? t : "(unset)");
		if (f_in) fclose(f_in); else if (tty_in >= 0) close(tty_in);
		if (f_out) fclose(f_out); else if (tty_out >= 0) close(tty_out);
		f_in = f_out = NULL;
		tty_in = tty_out = -1;
		return -1;
	}
	fflush(stdout);
	to_null(STDIN_FILENO);
	to_null(STDOUT_FILENO);
	set_term(scr);
	active = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	/* Pending terminal replies must not cut doupdate() short. */
	typeahead(-1);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	return 0;
}

void term_stop(void)
{
	if (!active)
		return;
	active = false;
	curs_set(1);
	endwin();
	delscreen(scr);
	scr = NULL;
	fflush(f_out);
	dup2(tty_in, STDIN_FILENO);
	dup2(tty_out, STDOUT_FILENO);
	fclose(f_in);
	fclose(f_out);
	f_in = f_out = NULL;
	tty_in = tty_out = -1;
}

bool term_active(void)
{
	return active;
}

void term_resize(void)
{
	struct winsize ws;
	if (ioctl(tty_out, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

void term_write_at(int row, int col, const void *bytes, size_t len)
{
	char pos[32];
	int cy, cx;
	const char *p = bytes;

	fflush(f_out);
	int n = snprintf(pos, sizeof pos, "\033[%d;%dH", row + 1, col + 1);
	if (write(tty_out, pos, (size_t)n) < 0)
		return;
	while (len > 0) {
		ssize_t w = write(tty_out, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		len -= (size_t)w;
	}
	/* Put the cursor back where curses thinks it is. */
	getyx(curscr, cy, cx);
	n = snprintf(pos, sizeof pos, "\033[%d;%dH", cy + 1, cx + 1);
	if (write(tty_out, pos, (size_t)n) < 0)
		return;
}

const char *term_note(void)
{
	return note;
}

int term_fd(void)
{
	return tty_in;
}
