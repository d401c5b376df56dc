/* Terminal graphics probing on the raw tty, before curses starts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "term-probe.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define PROBE_QUERY "\033[?1;1;0S" "\033[16t" "\033[c"
#define MAX_PARAMS 16

/* Defaults, plus what TIOCGWINSZ tells. */
void term_caps_default(struct term_caps *caps, int fd)
{
	struct winsize ws;
	const char *ct = getenv("COLORTERM");

	memset(caps, 0, sizeof *caps);
	caps->colour_registers = 256;
	caps->cell_w = 10, caps->cell_h = 20;
	caps->truecolor = ct && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0);
	if (fd < 0 || ioctl(fd, TIOCGWINSZ, &ws) < 0)
		return;
	caps->cols = ws.ws_col, caps->rows = ws.ws_row;
	if (ws.ws_col && ws.ws_row && ws.ws_xpixel && ws.ws_ypixel) {
		int cw = ws.ws_xpixel / ws.ws_col, ch = ws.ws_ypixel / ws.ws_row;
		if (cw >= 2 && cw <= 256 && ch >= 2 && ch <= 512) {
			caps->cell_w = cw, caps->cell_h = ch;
			caps->cell_from_winsize = true;
		}
	}
}

/* Apply one complete CSI reply. Returns true for DA1. */
static bool apply(char prefix, const int *p, int np, char final, struct term_caps *caps)
{
	if (final == 'c' && prefix == '?') {
		caps->answered = true;
		for (int i = 1; i < np; i++)
			if (p[i] == 4)
				caps->sixel = true;
		return true;
	}
	if (final == 'S' && prefix == '?' && np >= 3 && p[0] == 1 && p[1] == 0 &&
	    p[2] >= 2 && p[2] <= 65536)
		caps->colour_registers = p[2];
	if (final == 't' && prefix == 0 && np >= 3 && p[0] == 6 && !caps->cell_from_winsize &&
	    p[1] >= 2 && p[1] <= 512 && p[2] >= 2 && p[2] <= 256)
		caps->cell_h = p[1], caps->cell_w = p[2];
	return false;
}

/* Parse reply bytes into *caps. */
bool term_probe_parse(const char *buf, size_t len, struct term_caps *caps)
{
	size_t i = 0;
	bool da1 = false;

	while (i + 1 < len) {
		if (buf[i] != '\033' || buf[i + 1] != '[') {
			i++;
			continue;
		}
		size_t k = i + 2;
		char prefix = 0;
		int p[MAX_PARAMS] = { 0 }, np = 0;
		if (k < len && (buf[k] == '?' || buf[k] == '>'))
			prefix = buf[k++];
		bool digits = false;
		for (; k < len; k++) {
			char ch = buf[k];
			if (ch >= '0' && ch <= '9') {
				if (np < MAX_PARAMS && p[np] < 100000)
					p[np] = p[np] * 10 + (ch - '0');
				digits = true;
			} else if (ch == ';') {
				np += np < MAX_PARAMS;
				digits = false;
			} else
				break;
		}
		if (k >= len)
			break; /* incomplete: wait for more bytes */
		if (digits || np > 0)
			np += np < MAX_PARAMS;
		if (buf[k] >= 0x40 && buf[k] <= 0x7e && apply(prefix, p, np, buf[k], caps))
			da1 = true;
		i = k + 1;
	}
	return da1;
}

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read replies until DA1 or the deadline. */
static bool read_replies(int fd, int timeout_ms, struct term_caps *caps)
{
	char buf[2048];
	size_t len = 0;
	long long deadline = now_ms() + timeout_ms;
	const struct term_caps base = *caps;

	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0)
			return false;
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		ssize_t n = read(fd, buf + len, sizeof buf - len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return false;
		len += (size_t)n;
		*caps = base; /* parse the whole reply so far, from the defaults */
		if (term_probe_parse(buf, len, caps))
			return true;
		if (len == sizeof buf)
			len = 0; /* garbage: start again rather than overflow */
	}
}

/* Probe the terminal on fd. */
int term_probe(int fd, int timeout_ms, struct term_caps *caps)
{
	struct termios saved, raw;

	term_caps_default(caps, fd);
	if (fd < 0 || !isatty(fd) || tcgetattr(fd, &saved) < 0)
		return -1;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) < 0)
		return -1;
	bool ok = write(fd, PROBE_QUERY, sizeof PROBE_QUERY - 1) == sizeof PROBE_QUERY - 1 &&
		  read_replies(fd, timeout_ms, caps);
	tcsetattr(fd, TCSANOW, &saved);
	return ok ? 0 : -1;
}
