/* Unit tests for the event loop: fds, signals, timers, one redraw per turn.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "loop.h"

static int redraws, last_reactions, fd_calls, timer_calls, last_signal;

static void on_redraw(void *ud, int r)
{
	(void)ud;
	redraws++;
	last_reactions = r;
}

static int on_fd(void *ud, int fd, short ev)
{
	char c;
	(void)ud; (void)ev;
	fd_calls++;
	return read(fd, &c, 1) == 1 && c == 'q' ? LOOP_QUIT : LOOP_REDRAW;
}

static int on_timer(void *ud)
{
	(void)ud;
	timer_calls++;
	return LOOP_RESIZE;
}

static int on_sig(void *ud, int signo)
{
	(void)ud;
	last_signal = signo;
	return LOOP_REDRAW;
}

static void test_idle_has_no_timeout(void **state)
{
	struct loop *l = loop_new();
	(void)state;
	assert_non_null(l);
	assert_int_equal(loop_next_timeout(l), -1);
	unsigned a = loop_timer_add(l, 5000, on_timer, NULL);
	loop_timer_add(l, 100, on_timer, NULL);
	int t = loop_next_timeout(l);
	assert_true(t > 50 && t <= 100);
	loop_timer_cancel(l, a);
	loop_free(l);
}

static void test_one_redraw_per_turn(void **state)
{
	struct loop *l = loop_new();
	int p1[2], p2[2];
	(void)state;
	assert_int_equal(pipe(p1), 0);
	assert_int_equal(pipe(p2), 0);
	loop_add_fd(l, p1[0], POLLIN, on_fd, NULL);
	loop_add_fd(l, p2[0], POLLIN, on_fd, NULL);
	loop_on_redraw(l, on_redraw, NULL);
	loop_timer_add(l, 0, on_timer, NULL);
	assert_int_equal(write(p1[1], "a", 1), 1);
	assert_int_equal(write(p2[1], "b", 1), 1);
	redraws = fd_calls = timer_calls = 0;
	int r = loop_turn(l, 1000);
	assert_int_equal(fd_calls, 2);
	assert_int_equal(timer_calls, 1);
	assert_int_equal(redraws, 1);
	assert_int_equal(r & (LOOP_REDRAW | LOOP_RESIZE), LOOP_REDRAW | LOOP_RESIZE);
	assert_int_equal(last_reactions, r);
	/* Nothing pending: a turn with a short timeout does nothing. */
	redraws = 0;
	assert_int_equal(loop_turn(l, 10), 0);
	assert_int_equal(redraws, 0);
	assert_int_equal(write(p1[1], "q", 1), 1);
	assert_int_equal(loop_run(l), 0); /* returns on LOOP_QUIT */
	loop_free(l);
	close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]);
}

static void test_signals_arrive_through_the_loop(void **state)
{
	struct loop *l = loop_new();
	(void)state;
	loop_on_signal(l, on_sig, NULL);
	last_signal = 0;
	raise(SIGWINCH);
	loop_turn(l, 1000);
	assert_int_equal(last_signal, SIGWINCH);
	loop_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_has_no_timeout),
		cmocka_unit_test(test_one_redraw_per_turn),
		cmocka_unit_test(test_signals_arrive_through_the_loop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
