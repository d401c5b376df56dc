/* vt-drive: run a program in a pseudo-terminal and read its screen through
 * libvterm, following a small script read from stdin.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: vt-drive [-s COLSxROWS] [-d sixel|plain|none] [-t SECONDS] [-r RAWFILE]
 *                 -- PROGRAM [ARG]...
 *
 * The child gets TERM=xterm-256color (and LANG=C.UTF-8 when no locale is set).
 * Requests for primary device attributes (ESC [ c) are answered as a VT340-ish
 * terminal with sixel (`-d sixel`: ESC [ ? 62 ; 4 ; 22 c), without it
 * (`-d plain`, the default: ESC [ ? 62 ; 22 c), or not at all (`-d none`).
 * Cursor position reports (ESC [ 6 n) are answered from libvterm's cursor.
 *
 * Script commands, one per line (arguments take C escapes \e \r \n \t \\ \xHH):
 *   wait TEXT        wait until TEXT is on the screen (deadline -t, default 10 s)
 *   waitre REGEX     wait until a screen row matches the extended REGEX
 *   gone TEXT        wait until TEXT is no longer on the screen
 *   waitat ROW COL TEXT  wait until TEXT is on the screen starting at that
 *                    0-based cell (e.g. a frame corner after a resize)
 *   has TEXT         fail unless TEXT is on the screen now
 *   hasnt TEXT       fail if TEXT is on the screen now
 *   keys TEXT        send bytes to the program
 *   key NAME         send a named key: up down left right enter tab esc space
 *                    backspace home end pgup pgdn f1
 *   resize COLSxROWS resize the terminal (the child gets SIGWINCH)
 *   dump [FILE]      write the screen text (one line per row) to stdout or FILE,
 *                    once output has paused for 100 ms (a whole frame)
 *   sixel FILE       wait for the next sixel DCS the program writes, save it
 *                    (ESC P ... ESC \) to FILE and print `sixel ROW COL BYTES`
 *                    (0-based cursor cell where the sequence began)
 *   cells ROW COL W H FILE  once output has paused, write the colours of the
 *                    W×ceil(H/2) cells at 0-based (ROW, COL) as a W×H PPM: a
 *                    cell's foreground is the upper pixel, its background the
 *                    lower one (half blocks); indexed colours as libvterm's RGB;
 *                    prints `cells RGB INDEXED DEFAULT`: how many of those
 *                    colours were 24-bit, palette indices, default colours
 *   nosixel          fail if any sixel DCS was written so far
 *   nsixel N         fail unless exactly N sixel DCS were written so far
 *   sixelsnow N      the same without first waiting for output to pause
 *   exit [CODE]      wait for the program to exit (with CODE if given); prints
 *                    `exit CODE altscreen=N cursor=N icanon=N echo=N`
 *   sh COMMAND       run COMMAND with /bin/sh; fail if it fails (the program's
 *                    pid is in $VT_CHILD_PID)
 *   # ...            comment
 * On a failed step vt-drive prints the reason and the screen on stderr, kills
 * the program and exits 1.  At the end of the script it kills the program if
 * still running and exits 0. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

enum da1_mode { DA1_PLAIN, DA1_SIXEL, DA1_NONE };

struct sixel_img {
	char *data;
	size_t len;
	int row, col;
};

struct drive {
	VTerm *vt;
	VTermScreen *screen;
	int master, slave;
	pid_t pid;
	int status;      /* wait status once exited */
	bool exited;
	int rows, cols;
	double timeout;  /* seconds per wait */
	enum da1_mode da1;
	FILE *raw;
	bool altscreen, cursor_visible;
	/* Escape scanner state. */
	int esc;         /* 0 none, 1 after ESC, 2 in CSI, 3 in DCS, 4 DCS after ESC */
	char csi[64];
	size_t csilen;
	int dcs_row, dcs_col;
	char *dcs;
	size_t dcslen, dcscap;
	char last[8];    /* last printed character (UTF-8), for REP */
	size_t lastlen;
	struct sixel_img *sixels;
	size_t nsixels, sixels_taken;
};

static void pump(struct drive *d, int ms);

/* Print a failure with the current screen and exit. */
static void fail(struct drive *d, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

/* Return monotonic time in seconds. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write all bytes to fd. */
static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/* Copy one screen row as UTF-8 text with trailing blanks removed. */
static size_t row_text(struct drive *d, int row, char *out, size_t cap)
{
	VTermRect rect = { .start_row = row, .end_row = row + 1, .start_col = 0, .end_col = d->cols };
	size_t n = vterm_screen_get_text(d->screen, out, cap - 1, rect);
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	return n;
}

/* Read output until the program has been quiet for 100 ms (at most 2 s),
 * so a dump shows a whole frame rather than half of one. */
static void settle(struct drive *d)
{
	double end = now() + 2;
	while (now() < end) {
		struct pollfd p = { .fd = d->master, .events = POLLIN };
		if (poll(&p, 1, 100) <= 0 || !(p.revents & POLLIN))
			return;
		pump(d, 0);
	}
}

/* RGB of a cell colour (indexed and default colours through libvterm);
 * counts its kind in kinds[0..2] (24-bit, indexed, default). */
static void colour_rgb(struct drive *d, VTermColor c, unsigned char out[3], unsigned kinds[3])
{
	bool deflt = VTERM_COLOR_IS_DEFAULT_FG(&c) || VTERM_COLOR_IS_DEFAULT_BG(&c);
	kinds[deflt ? 2 : VTERM_COLOR_IS_INDEXED(&c) ? 1 : 0]++;
	vterm_screen_convert_color_to_rgb(d->screen, &c);
	out[0] = c.rgb.red, out[1] = c.rgb.green, out[2] = c.rgb.blue;
}

/* The `cells` command: "ROW COL W H FILE". */
static void dump_cells(struct drive *d, const char *arg)
{
	int row, col, w, h, off = 0;
	unsigned kinds[3] = { 0, 0, 0 };
	if (sscanf(arg, "%d %d %d %d %n", &row, &col, &w, &h, &off) != 4 || !off || w < 1 ||
	    h < 1 || w > 4096 || h > 4096)
		fail(d, "usage: cells ROW COL W H FILE");
	settle(d);
	FILE *f = fopen(arg + off, "wb");
	if (!f)
		fail(d, "cannot write %s", arg + off);
	fprintf(f, "P6\n%d %d\n255\n", w, h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			VTermScreenCell cell;
			unsigned char rgb[3] = { 0, 0, 0 };
			VTermPos pos = { .row = row + y / 2, .col = col + x };
			if (vterm_screen_get_cell(d->screen, pos, &cell))
				colour_rgb(d, y % 2 ? cell.bg : cell.fg, rgb, kinds);
			fwrite(rgb, 1, 3, f);
		}
	if (fclose(f) != 0)
		fail(d, "cannot write %s", arg + off);
	printf("cells %u %u %u\n", kinds[0], kinds[1], kinds[2]);
	fflush(stdout);
}

/* Write the whole screen as text. */
static void dump_screen(struct drive *d, FILE *f)
{
	char line[4096];
	for (int r = 0; r < d->rows; r++) {
		row_text(d, r, line, sizeof line);
		fprintf(f, "%s\n", line);
	}
}

static void fail(struct drive *d, const char *fmt, ...)
{
	va_list ap;
	fputs("vt-drive: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n--- screen ---\n", stderr);
	dump_screen(d, stderr);
	fputs("--------------\n", stderr);
	if (!d->exited)
		kill(d->pid, SIGKILL);
	exit(1);
}

/* Is `text` anywhere on the screen (within one row)? */
static bool screen_has(struct drive *d, const char *text)
{
	char line[4096];
	for (int r = 0; r < d->rows; r++) {
		row_text(d, r, line, sizeof line);
		if (strstr(line, text))
			return true;
	}
	return false;
}

/* Does any screen row match the compiled regex? */
static bool screen_matches(struct drive *d, const regex_t *re)
{
	char line[4096];
	for (int r = 0; r < d->rows; r++) {
		row_text(d, r, line, sizeof line);
		if (regexec(re, line, 0, NULL, 0) == 0)
			return true;
	}
	return false;
}

/* Wait until a row matches the extended regular expression. */
static void wait_re(struct drive *d, const char *pattern)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		fail(d, "bad regular expression \"%s\"", pattern);
	double deadline = now() + d->timeout;
	while (!screen_matches(d, &re)) {
		double left = deadline - now();
		if (left <= 0) {
			regfree(&re);
			fail(d, "timeout (%.0f s) waiting for a row matching \"%s\"", d->timeout, pattern);
		}
		pump(d, left > 0.2 ? 200 : (int)(left * 1000) + 1);
	}
	regfree(&re);
}

/* Track terminal properties so `exit` can tell whether the screen was restored. */
static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct drive *d = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		d->altscreen = val->boolean;
	/* Cursor visibility is tracked from DECTCEM in answer_csi(): libvterm
	 * restores it with DECRC / mode 1049, which xterm does not. */
	return 1;
}

/* Discard what libvterm would answer: this tool answers queries itself. */
static void on_vterm_output(const char *s, size_t len, void *user)
{
	(void)s; (void)len; (void)user;
}

/* Answer a complete CSI sequence if it is a query we handle. */
static void answer_csi(struct drive *d)
{
	char final = d->csi[d->csilen - 1];
	d->csi[d->csilen - 1] = 0;
	if (final == 'c' && (d->csi[0] == 0 || strcmp(d->csi, "0") == 0)) {
		if (d->da1 == DA1_SIXEL)
			write_all(d->master, "\033[?62;4;22c", 11);
		else if (d->da1 == DA1_PLAIN)
			write_all(d->master, "\033[?62;22c", 9);
	} else if ((final == 'h' || final == 'l') && d->csi[0] == '?') {
		/* DECTCEM (?25) possibly among other private modes. */
		char *save = NULL;
		for (char *m = strtok_r(d->csi + 1, ";", &save); m; m = strtok_r(NULL, ";", &save))
			if (strcmp(m, "25") == 0)
				d->cursor_visible = final == 'h';
	} else if (final == 'n' && strcmp(d->csi, "6") == 0) {
		VTermPos pos;
		char buf[32];
		vterm_state_get_cursorpos(vterm_obtain_state(d->vt), &pos);
		int n = snprintf(buf, sizeof buf, "\033[%d;%dR", pos.row + 1, pos.col + 1);
		write_all(d->master, buf, (size_t)n);
	}
}

/* Append one byte to the DCS being collected. */
static void dcs_put(struct drive *d, char c)
{
	if (d->dcslen == d->dcscap) {
		d->dcscap = d->dcscap ? d->dcscap * 2 : 4096;
		d->dcs = realloc(d->dcs, d->dcscap);
		if (!d->dcs)
			abort();
	}
	d->dcs[d->dcslen++] = c;
}

/* Keep a finished DCS if it is sixel (ESC P [params] q ...). */
static void dcs_done(struct drive *d)
{
	size_t i = 2;
	while (i < d->dcslen && (isdigit((unsigned char)d->dcs[i]) || d->dcs[i] == ';'))
		i++;
	if (i < d->dcslen && d->dcs[i] == 'q') {
		d->sixels = realloc(d->sixels, (d->nsixels + 1) * sizeof *d->sixels);
		if (!d->sixels)
			abort();
		d->sixels[d->nsixels++] = (struct sixel_img){ d->dcs, d->dcslen, d->dcs_row, d->dcs_col };
		d->dcs = NULL;
		d->dcscap = 0;
	}
	d->dcslen = 0;
}

/* Feed program output to libvterm, scanning it for queries and sixel DCS. */
static void feed(struct drive *d, const char *buf, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		switch (d->esc) {
		case 0:
			if ((unsigned char)c >= 0x20 && c != 0x7f) {
				/* Remember the last graphic character for REP. */
				if (((unsigned char)c & 0xc0) != 0x80)
					d->lastlen = 0;
				if (d->lastlen < sizeof d->last)
					d->last[d->lastlen++] = c;
			}
			if (c == 033) {
				/* Bring libvterm up to here so its cursor is where the
				 * sequence starts. */
				vterm_input_write(d->vt, buf + run, i - run);
				run = i;
				d->esc = 1;
			}
			break;
		case 1:
			if (c == '[') {
				d->esc = 2;
				d->csilen = 0;
			} else if (c == 'P') {
				VTermPos pos;
				vterm_state_get_cursorpos(vterm_obtain_state(d->vt), &pos);
				d->dcs_row = pos.row;
				d->dcs_col = pos.col;
				d->dcslen = 0;
				dcs_put(d, 033);
				dcs_put(d, 'P');
				d->esc = 3;
			} else {
				d->esc = c == 033 ? 1 : 0;
			}
			break;
		case 2:
			if (d->csilen < sizeof d->csi - 1)
				d->csi[d->csilen++] = c;
			if (c >= 0x40 && c <= 0x7e) {
				d->csi[d->csilen] = 0;
				if (c == 'b' && (d->csilen == 1 || isdigit((unsigned char)d->csi[0]))) {
					/* libvterm 0.1.4 mishandles REP (CSI Ps b) that ends
					 * in the last column: expand it here instead. */
					int count = d->csilen > 1 ? atoi(d->csi) : 1;
					for (int k = 0; k < count && k < 10000; k++)
						vterm_input_write(d->vt, d->last, d->lastlen);
					run = i + 1;
				} else {
					answer_csi(d);
				}
				d->esc = 0;
			}
			break;
		case 3:
			dcs_put(d, c);
			if (c == 033)
				d->esc = 4;
			break;
		case 4:
			dcs_put(d, c);
			if (c == '\\') {
				dcs_done(d);
				d->esc = 0;
			} else {
				d->esc = c == 033 ? 4 : 3;
			}
			break;
		}
	}
	vterm_input_write(d->vt, buf + run, len - run);
}

/* Read what the program wrote, waiting at most `ms`; notice its exit. */
static void pump(struct drive *d, int ms)
{
	struct pollfd p = { .fd = d->master, .events = POLLIN };
	char buf[65536];

	if (!d->exited) {
		pid_t w = waitpid(d->pid, &d->status, WNOHANG);
		if (w == d->pid)
			d->exited = true;
	}
	if (poll(&p, 1, ms) <= 0)
		return;
	ssize_t n = read(d->master, buf, sizeof buf);
	if (n > 0) {
		feed(d, buf, (size_t)n);
		if (d->raw)
			fwrite(buf, 1, (size_t)n, d->raw);
	} else if (n < 0 && errno == EIO && d->exited) {
		/* Nothing more will come; avoid a busy loop. */
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
}

/* Decode C escapes in place. */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			*o++ = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 'e': *o++ = 033; break;
		case 'r': *o++ = '\r'; break;
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'x': {
			char hex[3] = { 0 };
			for (int k = 0; k < 2 && isxdigit((unsigned char)s[1]); k++)
				hex[k] = *++s;
			*o++ = (char)strtol(hex, NULL, 16);
			break;
		}
		default: *o++ = *s; break;
		}
	}
	*o = 0;
}

/* Send the bytes of a named key (application cursor mode, as ncurses asks). */
static void send_key(struct drive *d, const char *name)
{
	static const struct { const char *name, *seq; } keys[] = {
		{ "up", "\033OA" }, { "down", "\033OB" }, { "right", "\033OC" },
		{ "left", "\033OD" }, { "enter", "\r" }, { "tab", "\t" },
		{ "esc", "\033" }, { "space", " " }, { "backspace", "\177" },
		{ "home", "\033OH" }, { "end", "\033OF" }, { "pgup", "\033[5~" },
		{ "pgdn", "\033[6~" }, { "f1", "\033OP" },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0) {
			write_all(d->master, keys[i].seq, strlen(keys[i].seq));
			return;
		}
	fail(d, "unknown key name \"%s\"", name);
}

/* Wait until the screen has (want=true) or lacks (want=false) `text`. */
static void wait_text(struct drive *d, const char *text, bool want)
{
	double deadline = now() + d->timeout;
	for (;;) {
		if (screen_has(d, text) == want)
			return;
		double left = deadline - now();
		if (left <= 0)
			fail(d, "timeout (%.0f s) waiting for \"%s\" to %s", d->timeout, text,
			     want ? "appear" : "disappear");
		if (d->exited && !want)
			fail(d, "program exited while waiting for \"%s\"", text);
		pump(d, left > 0.2 ? 200 : (int)(left * 1000) + 1);
	}
}

/* Is `text` on the screen starting at (row, col)? */
static bool text_at(struct drive *d, int row, int col, const char *text)
{
	char buf[4096];
	size_t cols = 0;
	for (const char *p = text; *p; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			cols++;
	if (row < 0 || row >= d->rows || col < 0 || col + (int)cols > d->cols)
		return false;
	VTermRect rect = { .start_row = row, .end_row = row + 1, .start_col = col,
			   .end_col = col + (int)cols };
	size_t n = vterm_screen_get_text(d->screen, buf, sizeof buf - 1, rect);
	buf[n] = 0;
	return strncmp(buf, text, strlen(text)) == 0;
}

/* Wait until `text` is at (row, col). */
static void wait_at(struct drive *d, char *arg)
{
	int row, col, off = 0;
	if (sscanf(arg, "%d %d %n", &row, &col, &off) < 2 || !off)
		fail(d, "want: waitat ROW COL TEXT");
	const char *text = arg + off;
	double deadline = now() + d->timeout;
	while (!text_at(d, row, col, text)) {
		double left = deadline - now();
		if (left <= 0)
			fail(d, "timeout (%.0f s) waiting for \"%s\" at row %d col %d", d->timeout, text, row, col);
		pump(d, left > 0.2 ? 200 : (int)(left * 1000) + 1);
	}
}

/* Resize both libvterm and the pty (the kernel signals the child). */
static void resize(struct drive *d, const char *arg)
{
	int c, r;
	if (sscanf(arg, "%dx%d", &c, &r) != 2 || c < 2 || r < 2 || c > 1000 || r > 1000)
		fail(d, "bad size \"%s\"", arg);
	/* Drain pending output at the old size first. */
	pump(d, 0);
	d->cols = c;
	d->rows = r;
	vterm_set_size(d->vt, r, c);
	struct winsize ws = { .ws_row = (unsigned short)r, .ws_col = (unsigned short)c,
			      .ws_xpixel = (unsigned short)(c * 10), .ws_ypixel = (unsigned short)(r * 20) };
	ioctl(d->master, TIOCSWINSZ, &ws);
}

/* Wait for the next sixel image and save it. */
static void take_sixel(struct drive *d, const char *file)
{
	double deadline = now() + d->timeout;
	while (d->sixels_taken >= d->nsixels) {
		double left = deadline - now();
		if (left <= 0)
			fail(d, "timeout waiting for a sixel image");
		pump(d, left > 0.2 ? 200 : (int)(left * 1000) + 1);
	}
	struct sixel_img *s = &d->sixels[d->sixels_taken++];
	FILE *f = fopen(file, "wb");
	if (!f || fwrite(s->data, 1, s->len, f) != s->len || fclose(f) != 0)
		fail(d, "cannot write %s", file);
	printf("sixel %d %d %zu\n", s->row, s->col, s->len);
	fflush(stdout);
}

/* Wait for the program to exit and report how it left the terminal. */
static void wait_exit(struct drive *d, const char *arg)
{
	double deadline = now() + d->timeout;
	while (!d->exited) {
		if (now() > deadline)
			fail(d, "timeout waiting for the program to exit");
		pump(d, 100);
	}
	/* Read whatever is left in the pty. */
	for (int i = 0; i < 20; i++) {
		struct pollfd p = { .fd = d->master, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
			break;
		pump(d, 0);
	}
	int code = WIFEXITED(d->status) ? WEXITSTATUS(d->status) : 128 + WTERMSIG(d->status);
	struct termios t;
	tcgetattr(d->slave, &t);
	printf("exit %d altscreen=%d cursor=%d icanon=%d echo=%d\n", code, d->altscreen,
	       d->cursor_visible, !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO));
	fflush(stdout);
	if (*arg && atoi(arg) != code)
		fail(d, "program exited with %d, expected %s", code, arg);
}

/* Run one script line. */
static void run_line(struct drive *d, char *line)
{
	char *arg = strchr(line, ' ');
	if (arg)
		*arg++ = 0;
	else
		arg = line + strlen(line);
	if (strcmp(line, "sh") != 0 && strcmp(line, "waitre") != 0)
		unescape(arg);

	if (!strcmp(line, "wait"))
		wait_text(d, arg, true);
	else if (!strcmp(line, "waitre"))
		wait_re(d, arg);
	else if (!strcmp(line, "waitat"))
		wait_at(d, arg);
	else if (!strcmp(line, "gone"))
		wait_text(d, arg, false);
	else if (!strcmp(line, "has")) {
		pump(d, 0);
		if (!screen_has(d, arg))
			fail(d, "\"%s\" is not on the screen", arg);
	} else if (!strcmp(line, "hasnt")) {
		pump(d, 0);
		if (screen_has(d, arg))
			fail(d, "\"%s\" is on the screen", arg);
	} else if (!strcmp(line, "keys"))
		write_all(d->master, arg, strlen(arg));
	else if (!strcmp(line, "key"))
		send_key(d, arg);
	else if (!strcmp(line, "resize"))
		resize(d, arg);
	else if (!strcmp(line, "dump")) {
		settle(d);
		FILE *f = *arg ? fopen(arg, "w") : stdout;
		if (!f)
			fail(d, "cannot write %s", arg);
		dump_screen(d, f);
		if (f != stdout)
			fclose(f);
		fflush(stdout);
	} else if (!strcmp(line, "cells"))
		dump_cells(d, arg);
	else if (!strcmp(line, "sixel"))
		take_sixel(d, arg);
	else if (!strcmp(line, "nosixel")) {
		pump(d, 0);
		if (d->nsixels)
			fail(d, "%zu sixel image(s) were written", d->nsixels);
	} else if (!strcmp(line, "nsixel")) {
		settle(d);
		if (d->nsixels != (size_t)atol(arg))
			fail(d, "%zu sixel image(s) were written, not %s", d->nsixels, arg);
	} else if (!strcmp(line, "sixelsnow")) {
		pump(d, 0);
		if (d->nsixels != (size_t)atol(arg))
			fail(d, "%zu sixel image(s) were written by now, not %s", d->nsixels, arg);
	} else if (!strcmp(line, "exit"))
		wait_exit(d, arg);
	else if (!strcmp(line, "sh")) {
		fflush(stdout);
		if (system(arg) != 0)
			fail(d, "command failed: %s", arg);
	} else
		fail(d, "unknown script command \"%s\"", line);
}

/* Start the program on a new pty of the given size. */
static void spawn(struct drive *d, char **argv)
{
	struct winsize ws = { .ws_row = (unsigned short)d->rows, .ws_col = (unsigned short)d->cols,
			      .ws_xpixel = (unsigned short)(d->cols * 10),
			      .ws_ypixel = (unsigned short)(d->rows * 20) };
	if (openpty(&d->master, &d->slave, NULL, NULL, &ws) < 0) {
		perror("vt-drive: openpty");
		exit(1);
	}
	fflush(stdout);
	d->pid = fork();
	if (d->pid < 0) {
		perror("vt-drive: fork");
		exit(1);
	}
	if (d->pid == 0) {
		setsid();
		ioctl(d->slave, TIOCSCTTY, 0);
		dup2(d->slave, 0);
		dup2(d->slave, 1);
		dup2(d->slave, 2);
		close(d->master);
		if (d->slave > 2)
			close(d->slave);
		setenv("TERM", "xterm-256color", 1);
		if (!getenv("LANG") && !getenv("LC_ALL"))
			setenv("LANG", "C.UTF-8", 1);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "vt-drive: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	fcntl(d->master, F_SETFD, FD_CLOEXEC);
	fcntl(d->slave, F_SETFD, FD_CLOEXEC);
	char pid[16];
	snprintf(pid, sizeof pid, "%d", (int)d->pid);
	setenv("VT_CHILD_PID", pid, 1);
}

int main(int argc, char **argv)
{
	struct drive d = { .rows = 24, .cols = 80, .timeout = 10, .da1 = DA1_PLAIN,
			   .cursor_visible = true };
	int opt;
	static VTermScreenCallbacks cbs = { .settermprop = on_settermprop };

	while ((opt = getopt(argc, argv, "+s:d:t:r:")) != -1) {
		switch (opt) {
		case 's':
			if (sscanf(optarg, "%dx%d", &d.cols, &d.rows) != 2 || d.cols < 2 || d.rows < 2)
				return fprintf(stderr, "vt-drive: bad size %s\n", optarg), 2;
			break;
		case 'd':
			d.da1 = !strcmp(optarg, "sixel") ? DA1_SIXEL : !strcmp(optarg, "none") ? DA1_NONE : DA1_PLAIN;
			break;
		case 't':
			d.timeout = atof(optarg);
			break;
		case 'r':
			d.raw = fopen(optarg, "wb");
			if (!d.raw)
				return perror(optarg), 2;
			break;
		default:
			fprintf(stderr, "usage: vt-drive [-s COLSxROWS] [-d sixel|plain|none] [-t S] [-r RAW] -- PROGRAM...\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "vt-drive: no program given\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	d.vt = vterm_new(d.rows, d.cols);
	vterm_set_utf8(d.vt, 1);
	vterm_output_set_callback(d.vt, on_vterm_output, &d);
	d.screen = vterm_obtain_screen(d.vt);
	vterm_screen_set_callbacks(d.screen, &cbs, &d);
	vterm_screen_enable_altscreen(d.screen, 1);
	vterm_screen_reset(d.screen, 1);
	spawn(&d, argv + optind);

	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = 0;
		if (n == 0 || line[0] == '#')
			continue;
		run_line(&d, line);
	}
	free(line);
	if (!d.exited) {
		kill(d.pid, SIGTERM);
		waitpid(d.pid, NULL, 0);
	}
	if (d.raw)
		fclose(d.raw);
	for (size_t i = 0; i < d.nsixels; i++)
		free(d.sixels[i].data);
	free(d.sixels);
	free(d.dcs);
	vterm_free(d.vt);
	return 0;
}
