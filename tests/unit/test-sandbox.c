/* Unit tests for the sandbox: a child confines itself with the camera
 * process's path set and tries what a camera process does (write in the
 * session, also after the session was deleted and made again) and what it
 * must not (read a "home" outside the session's parent, exec, make a
 * namespace).  Refusals are checked by their effect and errno.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sandbox.h"

#define CHILD_TIMEOUT_MS 30000

/* base/parent/session, base/parent/sibling, base/home/secret,
 * base/home/.gphoto/settings (HOME is base/home) */
static char base[4096], parent[4200], session[4300], sibling[4300], home[4200],
	secret[4300], gphoto[4300], settings[4400];

/* What the confined child saw: 0 = it worked, else its errno. */
struct seen {
	int mask;
	char msg[512];
	int abi;
	int session_write, session_rename, recreated_write, sibling_write;
	int home_read, home_list, settings_read, settings_write, usr_read, devnull_write, parent_environ, self_status;
	int unshare_user, clone_user, thread, fork_child;
	int unix_socket, inet_socket, pair, tiocsti;
	int signal_parent, signal_self;
	int probe;
	char probe_msg[1024];
	int exec; /* read apart: the child's last act */
};

static struct seen seen;
static int seen_ok; /* the child reported everything */

/* errno of writing a small file at dir/name (0 on success). */
static int try_write(const char *dir, const char *name)
{
	char path[4400];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	if (write(fd, "x\n", 2) != 2) {
		int e = errno;
		close(fd);
		return e ? e : EIO;
	}
	return close(fd) == 0 ? 0 : errno;
}

/* errno of opening path for reading (0 on success). */
static int try_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void *thread_main(void *arg)
{
	return arg;
}

/* errno of making a socket of this family. */
static int try_socket(int family)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* errno of starting and joining a thread. */
static int try_thread(void)
{
	pthread_t t;
	int r = pthread_create(&t, NULL, thread_main, NULL);

	return r ? r : pthread_join(t, NULL);
}

/* errno of forking a child that exits at once, reaped. */
static int try_fork(void)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? 0 : ECHILD;
}

/* errno of clone with CLONE_NEWUSER (fork-like, no stack given). */
static int try_clone_user(void)
{
	int st;
	long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, 0);

	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	waitpid((pid_t)pid, &st, 0);
	return 0;
}

/* Be the confined process: report what worked to fd, then try to exec. */
static void child(int fd)
{
	struct sandbox_paths p;
	char path[4400], final[4400];
	DIR *d;

	memset(&seen, 0, sizeof seen);
	seen.abi = sandbox_landlock_abi();
	sandbox_camera_paths(&p, session);
	seen.mask = sandbox_enter(&p, seen.msg, sizeof seen.msg);

	seen.session_write = try_write(session, "part");
	snprintf(path, sizeof path, "%s/part", session);
	snprintf(final, sizeof final, "%s/photo.jpg", session);
	seen.session_rename = rename(path, final) == 0 ? 0 : errno;
	/* the session deleted and made again (capa re-resolves its path) */
	unlink(final);
	if (rmdir(session) == 0 && mkdir(session, 0755) == 0)
		seen.recreated_write = try_write(session, "again");
	else
		seen.recreated_write = errno;
	seen.sibling_write = try_write(sibling, "other");

	seen.home_read = try_read(secret);
	seen.settings_read = try_read(settings);
	seen.settings_write = try_write(gphoto, "settings");
	d = opendir(home);
	seen.home_list = d ? 0 : errno;
	if (d)
		closedir(d);
	seen.usr_read = try_read("/usr/lib/os-release");
	seen.devnull_write = try_write("/dev", "null");
	snprintf(path, sizeof path, "/proc/%ld/environ", (long)getppid());
	seen.parent_environ = try_read(path);
	seen.self_status = try_read("/proc/self/status");
	seen.signal_parent = kill(getppid(), 0) == 0 ? 0 : errno;
	seen.signal_self = kill(getpid(), 0) == 0 ? 0 : errno;

	seen.unix_socket = try_socket(AF_UNIX);
	seen.inet_socket = try_socket(AF_INET);
	int sv[2];
	seen.pair = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0 ? 0 : errno;
	if (seen.pair == 0) {
		close(sv[0]);
		close(sv[1]);
	}
	/* on no descriptor (EBADF unless filtered): never type into a terminal */
	char c = 'x';
	seen.tiocsti = ioctl(-1, TIOCSTI, &c) == 0 ? 0 : errno;

	seen.unshare_user = unshare(CLONE_NEWUSER) == 0 ? 0 : errno;
	seen.clone_user = try_clone_user();
	seen.thread = try_thread();
	seen.fork_child = try_fork();
	seen.probe = sandbox_probe(secret, seen.probe_msg, sizeof seen.probe_msg);

	if (write(fd, &seen, offsetof(struct seen, exec)) < 0)
		_exit(2);
	char *const argv[] = { (char *)"sh", (char *)"-c", (char *)"exit 3", NULL };
	execve("/bin/sh", argv, (char *[]){ NULL });
	seen.exec = errno;
	if (write(fd, &seen.exec, sizeof seen.exec) < 0)
		_exit(2);
	_exit(0);
}

/* Read exactly n bytes from fd before the deadline; returns bytes read. */
static size_t read_all(int fd, void *buf, size_t n, long long deadline_ms)
{
	size_t got = 0;

	while (got < n) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		long long left = deadline_ms - (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
		struct pollfd pfd = { fd, POLLIN, 0 };
		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			break;
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Make the directories, run the confined child once, keep what it saw. */
static int group_setup(void **state)
{
	const char *t = getenv("TEST_TMP");
	struct timespec ts;
	int fds[2], st;
	pid_t pid;
	FILE *f;

	(void)state;
	snprintf(base, sizeof base, "%s/sandbox.XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(base))
		return -1;
	snprintf(parent, sizeof parent, "%s/parent", base);
	snprintf(session, sizeof session, "%s/session", parent);
	snprintf(sibling, sizeof sibling, "%s/sibling", parent);
	snprintf(home, sizeof home, "%s/home", base);
	snprintf(secret, sizeof secret, "%s/secret", home);
	snprintf(gphoto, sizeof gphoto, "%s/.gphoto", home);
	snprintf(settings, sizeof settings, "%s/settings", gphoto);
	if (mkdir(parent, 0755) || mkdir(session, 0755) || mkdir(sibling, 0755) ||
	    mkdir(home, 0755) || mkdir(gphoto, 0755) || !(f = fopen(secret, "w")))
		return -1;
	fputs("not for the camera\n", f);
	fclose(f);
	if (!(f = fopen(settings, "w")))
		return -1;
	fputs("ptp2_ip=guid=00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff\n", f);
	fclose(f);
	setenv("HOME", home, 1);

	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		child(fds[1]);
	}
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long deadline = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 + CHILD_TIMEOUT_MS;
	size_t head = offsetof(struct seen, exec);
	seen_ok = read_all(fds[0], &seen, head, deadline) == head;
	if (read_all(fds[0], &seen.exec, sizeof seen.exec, deadline) != sizeof seen.exec)
		seen.exec = 0; /* nothing came back: the exec went through */
	close(fds[0]);
	if (!seen_ok)
		kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return 0;
}

static int group_teardown(void **state)
{
	const char *files[] = { "session/again", "session/part", "session/photo.jpg",
				"sibling/other" };
	char path[4400];

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", parent, files[i]);
		unlink(path);
	}
	unlink(secret);
	unlink(settings);
	rmdir(gphoto);
	rmdir(session);
	rmdir(sibling);
	rmdir(parent);
	rmdir(home);
	rmdir(base);
	return 0;
}

/* The child ran and said what is in force, and why not all is. */
static void test_enter_reports(void **state)
{
	(void)state;
	assert_true(seen_ok);
	print_message("# Landlock ABI %d, in force:%s%s, message \"%s\"\n", seen.abi,
		      seen.mask & SANDBOX_LANDLOCK ? " landlock" : "",
		      seen.mask & SANDBOX_SECCOMP ? " seccomp" : "", seen.msg);
	if (seen.abi > 0)
		assert_true(seen.mask & SANDBOX_LANDLOCK);
	else
		assert_non_null(strstr(seen.msg, "Landlock"));
	if (seen.mask == (SANDBOX_LANDLOCK | SANDBOX_SECCOMP))
		assert_string_equal(seen.msg, "");
	else
		assert_string_not_equal(seen.msg, "");
}

/* Writing, renaming, a re-made session, a sibling of it: all allowed. */
static void test_session_writable(void **state)
{
	(void)state;
	assert_true(seen_ok);
	assert_int_equal(seen.session_write, 0);
	assert_int_equal(seen.session_rename, 0);
	assert_int_equal(seen.recreated_write, 0);
	assert_int_equal(seen.sibling_write, 0);
	assert_int_equal(seen.devnull_write, 0);
	assert_int_equal(seen.usr_read, 0);
	assert_int_equal(seen.self_status, 0);
	assert_int_equal(seen.inet_socket, 0); /* PTP/IP */
	assert_int_equal(seen.pair, 0);
	assert_int_equal(seen.thread, 0);
	assert_int_equal(seen.fork_child, 0);
}

/* Outside the session's parent nothing can be read; nor can the
 * unconfined parent's /proc files; it cannot be signalled (ABI 6). */
static void test_outside_refused(void **state)
{
	(void)state;
	assert_true(seen_ok);
	/* the control: unconfined, the file reads */
	assert_int_equal(try_read(secret), 0);
	if (!(seen.mask & SANDBOX_LANDLOCK)) {
		print_message("# no Landlock here: %s\n", seen.msg);
		skip();
	}
	assert_int_equal(seen.home_read, EACCES);
	assert_int_equal(seen.home_list, EACCES);
	/* libgphoto2's settings (the PTP/IP GUID): read, never written */
	assert_int_equal(seen.settings_read, 0);
	assert_int_equal(seen.settings_write, EACCES);
	assert_int_equal(seen.parent_environ, EACCES);
	assert_int_equal(seen.signal_self, 0);
	if (seen.abi >= 6)
		assert_int_equal(seen.signal_parent, EPERM);
}

/* exec fails with EPERM (seccomp), namespaces, AF_UNIX sockets and
 * typed-in input cannot be made. */
static void test_exec_refused(void **state)
{
	(void)state;
	assert_true(seen_ok);
	if (!(seen.mask & SANDBOX_SECCOMP)) {
		print_message("# no seccomp here: %s\n", seen.msg);
		skip();
	}
	assert_int_equal(seen.exec, EPERM);
	assert_int_equal(seen.unshare_user, EPERM);
	assert_int_equal(seen.clone_user, EPERM);
	assert_int_equal(seen.unix_socket, EPERM);
	assert_int_equal(seen.tiocsti, EPERM);
}

/* The probe finds both attempts refused, and says so. */
static void test_probe(void **state)
{
	(void)state;
	assert_true(seen_ok);
	if (seen.mask != (SANDBOX_LANDLOCK | SANDBOX_SECCOMP))
		skip();
	assert_int_equal(seen.probe, 0);
	assert_non_null(strstr(seen.probe_msg, ": refused (Permission denied); exec /bin/sh: "
						"refused (Operation not permitted)"));
}

/* Unconfined, the probe counts both attempts. */
static void test_probe_unconfined(void **state)
{
	char msg[1024];

	(void)state;
	assert_int_equal(sandbox_probe(secret, msg, sizeof msg), 2);
	assert_non_null(strstr(msg, ": allowed; exec /bin/sh: allowed"));
	assert_int_equal(sandbox_probe("/nonexistent/x", msg, sizeof msg), 2);
	assert_non_null(strstr(msg, "not refused (No such file or directory)"));
}

/* The path set: the session's parent read-write, whatever its spelling. */
static void test_camera_paths(void **state)
{
	struct sandbox_paths p;
	char want[4300];

	(void)state;
	unsetenv("UMOCKDEV_DIR");
	snprintf(want, sizeof want, "%s//session//", parent);
	sandbox_camera_paths(&p, want);
	assert_string_equal(p.rw[0], parent);
	sandbox_camera_paths(&p, "/nowhere/at/all/");
	assert_string_equal(p.rw[0], "/nowhere/at");
	sandbox_camera_paths(&p, "/top");
	assert_string_equal(p.rw[0], "/");
	sandbox_camera_paths(&p, "bare");
	assert_string_equal(p.rw[0], ".");
	assert_string_equal(p.rw[2], "/dev/bus/usb");
	assert_null(p.rw[3]);
	setenv("UMOCKDEV_DIR", "/tmp/umockdev.bed", 1);
	sandbox_camera_paths(&p, session);
	assert_string_equal(p.rw[2], "/tmp/umockdev.bed");
	assert_null(p.rw[3]);
	unsetenv("UMOCKDEV_DIR");
	assert_string_equal(p.ro[0], "/usr");
	/* libgphoto2's settings under HOME are read-only (in a sanitizer
	 * build LeakSanitizer's suppressions file may follow them) */
	bool found = false;
	for (size_t n = 0; n < SANDBOX_RO_MAX && p.ro[n]; n++)
		found |= strcmp(p.ro[n], settings) == 0;
	assert_true(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enter_reports),   cmocka_unit_test(test_session_writable),
		cmocka_unit_test(test_outside_refused), cmocka_unit_test(test_exec_refused),
		cmocka_unit_test(test_probe),           cmocka_unit_test(test_probe_unconfined),
		cmocka_unit_test(test_camera_paths),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
