/* The curses terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "term.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static SCREEN *scr;
static bool active;

int term_start(char *err, size_t errlen)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "the interactive UI needs a terminal (try --headless)");
		return -1;
	}
	/* Only the character type: numbers keep the C locale's decimal point. */
	setlocale(LC_CTYPE, "");
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		const char *t = getenv("TERM");
		snprintf(err, errlen, "cannot start curses on TERM=%s", t ? t : "(unset)");
		return -1;
	}
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
	fflush(stdout);
}

bool term_active(void)
{
	return active;
}

void term_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

void term_write_at(int row, int col, const void *bytes, size_t len)
{
	char pos[32];
	int cy, cx;
	const char *p = bytes;

	fflush(stdout);
	int n = snprintf(pos, sizeof pos, "\033[%d;%dH", row + 1, col + 1);
	if (write(STDOUT_FILENO, pos, (size_t)n) < 0)
		return;
	while (len > 0) {
		ssize_t w = write(STDOUT_FILENO, p, len);
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
	if (write(STDOUT_FILENO, pos, (size_t)n) < 0)
		return;
}

int term_fd(void)
{
	return STDIN_FILENO;
}
