/* Unit tests for the connection lifecycle (reconnect with backoff, retry of
 * owed downloads), with the worker replaced by a command recorder and the
 * clock by a counter.  The udev side is tested in hotplug-udev.sh.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "hotplug-link.h"

static long long fake_now;

static long long fake_clock(void)
{
	return fake_now;
}

/* What the link sent and said. */
struct rec {
	char cmds[16][160]; /* "connect PORT|MODEL", "retry", ... */
	size_t ncmds;
	size_t nlogs;
	char last_log[512];
};

static int rec_send(void *ud, const struct capa_command *c)
{
	struct rec *r = ud;

	if (r->ncmds < 16)
		snprintf(r->cmds[r->ncmds++], sizeof r->cmds[0], "%s%s%s%s%s", command_name(c->type),
			 c->port ? " " : "", c->port ? c->port : "", c->model ? "|" : "",
			 c->model ? c->model : "");
	return 0;
}

static void rec_emit(void *ud, struct capa_event *ev)
{
	struct rec *r = ud;

	assert_int_equal(ev->type, EV_LOG);
	snprintf(r->last_log, sizeof r->last_log, "%s", ev->message);
	r->nlogs++;
	event_free(ev);
}

/* Feed an event of `type` with optional port/model/what. */
static int feed(struct hotplug_link *l, enum capa_event_type type, const char *port,
		const char *model, const char *what)
{
	struct capa_event *ev = event_new(type);
	int r;

	assert_non_null(ev);
	event_set(&ev->port, port);
	event_set(&ev->model, model);
	event_set(&ev->what, what);
	r = hotplug_link_event(l, ev);
	event_free(ev);
	return r;
}

static struct hotplug_link *make(struct rec *r, const char *port, bool adopt)
{
	struct capa_options o;
	struct hotplug_link_ops ops = { rec_send, rec_emit, r, r, fake_clock };

	memset(r, 0, sizeof *r);
	fake_now = 100000;
	options_defaults(&o);
	o.port = port;
	o.camera = port && strncmp(port, "ptpip:", 6) == 0 ? "PTP/IP Camera" : NULL;
	return hotplug_link_new(&o, adopt, &ops);
}

/* A listening socket stands in for a PTP/IP camera that is on (the link
 * probes with a TCP connect before asking the worker to connect). */
static char PORT[64], CONNECT_CMD[128];
static int listener = -1;

/* Listen on a free loopback port; *port_out gets "ptpip:127.0.0.1:N". */
static int listen_loopback(char *port_out, size_t len)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 64) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &sl) < 0)
		return -1;
	snprintf(port_out, len, "ptpip:127.0.0.1:%d", ntohs(sa.sin_port));
	return fd;
}

static int group_setup(void **state)
{
	(void)state;
	listener = listen_loopback(PORT, sizeof PORT);
	snprintf(CONNECT_CMD, sizeof CONNECT_CMD, "connect %s|PTP/IP Camera", PORT);
	return listener < 0 ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	close(listener);
	return 0;
}

/* Tick until the link has sent `want` commands (its TCP probe completes in
 * the background), with a deadline of 2 s of real time. */
static void tick_until_sent(struct hotplug_link *l, const struct rec *r, size_t want)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		hotplug_link_tick(l);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (r->ncmds >= want || t.tv_sec - t0.tv_sec >= 2)
			break;
		poll(NULL, 0, 1);
	}
	assert_int_equal(r->ncmds, want);
}

static void test_ptpip_backoff_and_retry(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, true);
	const int waits[] = { 500, 1000, 2000 };
	(void)state;
	assert_int_equal(hotplug_link_state(l), HP_CONNECTING);
	assert_int_equal(r.ncmds, 0); /* the worker connects by itself */
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	assert_int_equal(hotplug_link_state(l), HP_CONNECTED);
	assert_int_equal(hotplug_link_timeout(l), -1);

	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	assert_int_equal(hotplug_link_state(l), HP_LOST);
	assert_non_null(strstr(r.last_log, "reconnecting by itself"));
	for (int i = 0; i < 3; i++) {
		assert_int_equal(hotplug_link_timeout(l), waits[i]);
		fake_now += waits[i] - 1;
		assert_int_equal(hotplug_link_tick(l), 0);
		fake_now += 1;
		tick_until_sent(l, &r, (size_t)i + 1);
		assert_string_equal(r.cmds[i], CONNECT_CMD);
		assert_int_equal(hotplug_link_state(l), HP_CONNECTING);
		assert_int_equal(hotplug_link_timeout(l), -1); /* one attempt at a time */
		if (i < 2)
			feed(l, EV_ERROR, NULL, NULL, "camera"); /* refused: still down */
	}
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL); /* "reconnecting" from the worker: ignored */
	assert_int_equal(hotplug_link_state(l), HP_CONNECTING);
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	assert_int_equal(hotplug_link_state(l), HP_CONNECTED);
	assert_int_equal(r.ncmds, 4);
	assert_string_equal(r.cmds[3], "retry"); /* owed downloads */
	assert_int_equal(hotplug_link_timeout(l), -1);
	hotplug_link_free(l);
}

static void test_error_disconnected_counts_once(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, true);
	(void)state;
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	feed(l, EV_ERROR, NULL, NULL, "disconnected");
	assert_int_equal(hotplug_link_state(l), HP_LOST);
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	assert_int_equal(hotplug_link_timeout(l), 500);
	feed(l, EV_ERROR, NULL, NULL, "busy"); /* not a connect failure */
	assert_int_equal(hotplug_link_timeout(l), 500);
	hotplug_link_free(l);
}

static void test_user_disconnect_is_not_a_loss(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, true);
	(void)state;
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	assert_int_equal(hotplug_link_command_line(l, "bogus words"), 0);
	hotplug_link_command_line(l, "disconnect\n");
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	assert_int_equal(hotplug_link_state(l), HP_IDLE);
	assert_int_equal(hotplug_link_timeout(l), -1);
	fake_now += 60000;
	assert_int_equal(hotplug_link_tick(l), 0);
	assert_int_equal(r.ncmds, 0);
	hotplug_link_free(l);
}

static void test_user_connect_after_loss_retries(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, true);
	struct capa_command c = { .type = CMD_CONNECT };
	char port[64];
	(void)state;
	snprintf(port, sizeof port, "%s", PORT);
	c.port = port;
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	hotplug_link_command(l, &c);
	assert_int_equal(hotplug_link_state(l), HP_CONNECTING);
	assert_int_equal(hotplug_link_timeout(l), -1);
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	assert_int_equal(r.ncmds, 1);
	assert_string_equal(r.cmds[0], "retry");
	hotplug_link_free(l);
}

static void test_quit_stops_reconnecting(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, true);
	struct capa_command c = { .type = CMD_QUIT };
	(void)state;
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	hotplug_link_command(l, &c);
	fake_now += 60000;
	assert_int_equal(hotplug_link_tick(l), 0);
	assert_int_equal(hotplug_link_timeout(l), -1);
	assert_int_equal(r.ncmds, 0);
	hotplug_link_free(l);
}

static void test_not_adopted_connects_and_waits_for_camera(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, false);
	char buf[128];
	(void)state;
	/* Explicit network port: connect at once, without udev. */
	assert_int_equal(r.ncmds, 1);
	assert_string_equal(r.cmds[0], CONNECT_CMD);
	/* The camera is not on yet: keep trying with backoff. */
	feed(l, EV_ERROR, NULL, NULL, "camera");
	assert_int_equal(hotplug_link_state(l), HP_LOST);
	assert_int_equal(hotplug_link_timeout(l), 500);
	assert_string_equal(hotplug_link_status(l, buf, sizeof buf),
			    "disconnected: reconnecting in 1 s");
	fake_now += 500;
	tick_until_sent(l, &r, 2);
	assert_string_equal(hotplug_link_status(l, buf, sizeof buf), "connecting");
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	assert_string_equal(hotplug_link_status(l, buf, sizeof buf), "connected");
	hotplug_link_free(l);
}

static void test_autodetect_adopted_learns_port(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, NULL, true);
	char buf[128];
	(void)state;
	assert_int_equal(hotplug_link_state(l), HP_CONNECTING);
	feed(l, EV_CONNECTED, "usb:001,004", "Canon EOS 5D", NULL);
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	/* A USB camera unknown to udev: retried on its port with backoff. */
	assert_int_equal(hotplug_link_timeout(l), 500);
	fake_now += 500;
	tick_until_sent(l, &r, 1);
	assert_string_equal(r.cmds[0], "connect usb:001,004|Canon EOS 5D");
	hotplug_link_free(l);
	/* Without any camera and without udev: waiting. */
	l = make(&r, NULL, false);
	assert_string_equal(hotplug_link_status(l, buf, sizeof buf), "waiting for a camera");
	assert_false(hotplug_link_picker(l)->open);
	hotplug_link_free(l);
}

static void test_retry_key(void **state)
{
	struct rec r;
	struct hotplug_link *l = make(&r, PORT, true);
	(void)state;
	/* Connect failed (say, claimed by gvfs): the key connects again now. */
	feed(l, EV_ERROR, NULL, NULL, "usb-claimed");
	hotplug_link_retry(l);
	assert_int_equal(r.ncmds, 1);
	assert_string_equal(r.cmds[0], CONNECT_CMD);
	assert_int_equal(hotplug_link_state(l), HP_CONNECTING);
	assert_int_equal(hotplug_link_timeout(l), -1); /* no backoff attempt on top */
	feed(l, EV_CONNECTED, PORT, "PTP/IP Camera", NULL);
	assert_int_equal(r.ncmds, 1); /* never connected before: nothing owed */
	/* Connected: the key retries owed downloads. */
	hotplug_link_retry(l);
	assert_int_equal(r.ncmds, 2);
	assert_string_equal(r.cmds[1], "retry");
	hotplug_link_free(l);
}

static void test_camera_still_off_is_not_asked(void **state)
{
	struct rec r;
	char off[64];
	int fd = listen_loopback(off, sizeof off);
	struct hotplug_link *l;
	(void)state;
	close(fd); /* nothing listens there any more */
	l = make(&r, off, true);
	feed(l, EV_CONNECTED, off, "PTP/IP Camera", NULL);
	feed(l, EV_DISCONNECTED, NULL, NULL, NULL);
	fake_now += 500;
	hotplug_link_tick(l);
	for (int i = 0; i < 50 && hotplug_link_timeout(l) <= 100; i++) {
		poll(NULL, 0, 2);
		hotplug_link_tick(l);
	}
	/* Refused: no connect (a failed libgphoto2 init leaks), next in 1 s. */
	assert_int_equal(r.ncmds, 0);
	assert_int_equal(hotplug_link_state(l), HP_LOST);
	assert_int_equal(hotplug_link_timeout(l), 1000);
	hotplug_link_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ptpip_backoff_and_retry),
		cmocka_unit_test(test_error_disconnected_counts_once),
		cmocka_unit_test(test_user_disconnect_is_not_a_loss),
		cmocka_unit_test(test_user_connect_after_loss_retries),
		cmocka_unit_test(test_quit_stops_reconnecting),
		cmocka_unit_test(test_not_adopted_connects_and_waits_for_camera),
		cmocka_unit_test(test_autodetect_adopted_learns_port),
		cmocka_unit_test(test_retry_key),
		cmocka_unit_test(test_camera_still_off_is_not_asked),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
