/* Unit tests for the terminal graphics probe (parser and a real pty).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "term-probe.h"

/* Parse `s` from defaults (no tty). */
static bool parse(const char *s, struct term_caps *c)
{
	term_caps_default(c, -1);
	return term_probe_parse(s, strlen(s), c);
}

static void test_parse_full_reply(void **state)
{
	struct term_caps c;
	(void)state;
	assert_true(parse("\033[?1;0;1024S\033[6;18;9t\033[?62;4;22c", &c));
	assert_true(c.answered);
	assert_true(c.sixel);
	assert_int_equal(c.colour_registers, 1024);
	assert_int_equal(c.cell_w, 9);
	assert_int_equal(c.cell_h, 18);
}

/* Sixel needs the exact parameter 4 after the first one. */
static void test_parse_da1_exact(void **state)
{
	struct term_caps c;
	(void)state;
	assert_true(parse("\033[?4;6c", &c)); /* a VT132, not sixel */
	assert_false(c.sixel);
	assert_true(parse("\033[?62;44;14c", &c));
	assert_false(c.sixel);
	assert_true(parse("junk\033[?65;1;9;4c", &c));
	assert_true(c.sixel);
	assert_false(parse("\033[?62;4", &c)); /* incomplete */
	assert_false(c.answered);
}

/* Failed XTSMGRAPHICS and absurd cell sizes leave the defaults. */
static void test_parse_defaults(void **state)
{
	struct term_caps c;
	(void)state;
	assert_true(parse("\033[?1;3;0S\033[6;0;99999t\033[?1;2c", &c));
	assert_false(c.sixel);
	assert_int_equal(c.colour_registers, 256);
	assert_int_equal(c.cell_w, 10);
	assert_int_equal(c.cell_h, 20);
}

/* Open a pty pair with the slave in raw mode. */
static void open_pty(int *master, int *slave)
{
	struct termios t;
	*master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(*master >= 0);
	assert_int_equal(grantpt(*master), 0);
	assert_int_equal(unlockpt(*master), 0);
	*slave = open(ptsname(*master), O_RDWR | O_NOCTTY);
	assert_true(*slave >= 0);
	tcgetattr(*slave, &t);
	cfmakeraw(&t);
	tcsetattr(*slave, TCSANOW, &t);
}

/* Milliseconds on the monotonic clock. */
static long long ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The probe writes its queries (DA1 last) and reads the answers. */
static void test_pty_answer(void **state)
{
	int m, s;
	struct term_caps c;
	char q[128];
	static const char reply[] = "\033[?1;0;64S\033[6;16;8t\033[?62;4c";
	(void)state;
	open_pty(&m, &s);
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	ioctl(m, TIOCSWINSZ, &ws);
	assert_int_equal(write(m, reply, sizeof reply - 1), (ssize_t)sizeof reply - 1);
	assert_int_equal(term_probe(s, 2000, &c), 0);
	assert_true(c.sixel);
	assert_int_equal(c.colour_registers, 64);
	assert_int_equal(c.cell_w, 8);
	assert_int_equal(c.cell_h, 16);
	assert_int_equal(c.cols, 100);
	assert_int_equal(c.rows, 30);
	ssize_t n = read(m, q, sizeof q - 1);
	assert_true(n > 3);
	q[n] = '\0';
	assert_non_null(strstr(q, "\033[?1;1;0S"));
	assert_non_null(strstr(q, "\033[16t"));
	assert_string_equal(q + n - 3, "\033[c");
	close(s);
	close(m);
}

/* TIOCGWINSZ pixel sizes win over CSI 16 t. */
static void test_pty_winsize_pixels(void **state)
{
	int m, s;
	struct term_caps c;
	static const char reply[] = "\033[6;16;8t\033[?62;22c";
	(void)state;
	open_pty(&m, &s);
	struct winsize ws = { .ws_row = 25, .ws_col = 80, .ws_xpixel = 960, .ws_ypixel = 600 };
	ioctl(m, TIOCSWINSZ, &ws);
	assert_int_equal(write(m, reply, sizeof reply - 1), (ssize_t)sizeof reply - 1);
	assert_int_equal(term_probe(s, 2000, &c), 0);
	assert_false(c.sixel);
	assert_int_equal(c.cell_w, 12);
	assert_int_equal(c.cell_h, 24);
	close(s);
	close(m);
}

/* A silent terminal: the deadline is honoured and defaults come back. */
static void test_pty_silent(void **state)
{
	int m, s;
	struct term_caps c;
	struct termios before, after;
	(void)state;
	open_pty(&m, &s);
	/* Cooked mode, as a shell leaves it: the probe must put it back (in raw
	 * mode, which the probe also sets, a missing restore would not show). */
	tcgetattr(s, &before);
	before.c_lflag |= ICANON | ECHO;
	tcsetattr(s, TCSANOW, &before);
	tcgetattr(s, &before);
	long long t0 = ms();
	assert_int_equal(term_probe(s, 150, &c), -1);
	long long dt = ms() - t0;
	assert_in_range(dt, 140, 2000);
	assert_false(c.answered);
	assert_false(c.sixel);
	assert_int_equal(c.colour_registers, 256);
	tcgetattr(s, &after);
	assert_true(before.c_lflag & ICANON);
	assert_int_equal(after.c_lflag, before.c_lflag);
	close(s);
	close(m);
	assert_int_equal(term_probe(-1, 100, &c), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_full_reply),
		cmocka_unit_test(test_parse_da1_exact),
		cmocka_unit_test(test_parse_defaults),
		cmocka_unit_test(test_pty_answer),
		cmocka_unit_test(test_pty_winsize_pixels),
		cmocka_unit_test(test_pty_silent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
