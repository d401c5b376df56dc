/* Confinement of a camera process: Landlock (files) and seccomp (syscalls).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <sched.h>
#include <seccomp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/landlock.h>
#include <linux/magic.h>

extern char **environ;

/* LeakSanitizer stops the threads with ptrace at exit. */
#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif

/* Rights newer than the userspace headers (Debian bookworm's stop at ABI 2);
 * the values are the kernel's ABI. */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif

#define LL_SCOPE_SIGNAL (1ULL << 1) /* LANDLOCK_SCOPE_SIGNAL, ABI 6 */

/* The ruleset attribute as of ABI 6 (the headers may be older).  The
 * kernel takes a longer struct than it knows when the rest is zero. */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

#define LL_ABI1_ALL ((LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1) /* bits 0..12 */

/* The only rights a rule on a file (not a directory) may carry. */
#define LL_FILE                                                                           \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |                    \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |                    \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV)

#define LL_RO (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)

/* Read-write is everything but executing and making devices, fifos and
 * symlinks: photos, part files, the journal and its lock are regular files
 * and directories; /dev/bus/usb needs IOCTL_DEV for usbfs; a umockdev test
 * bed binds its event sockets (MAKE_SOCK: a socket file grants nothing by
 * itself). */
#define LL_RW                                                                             \
	(LL_RO | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |         \
	 LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR |                  \
	 LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |                    \
	 LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_TRUNCATE |                        \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV)

/* Append "; text" (or text) to msg, cut to fit. */
__attribute__((format(printf, 3, 4))) static void note(char *msg, size_t len, const char *fmt,
						       ...)
{
	size_t used = strnlen(msg, len);
	va_list ap;

	if (len == 0 || used + 1 >= len)
		return;
	if (used > 0) {
		snprintf(msg + used, len - used, "; ");
		used = strnlen(msg, len);
	}
	va_start(ap, fmt);
	vsnprintf(msg + used, len - used, fmt, ap);
	va_end(ap);
}

int sandbox_landlock_abi(void)
{
	return (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
}

/* The rights this ABI knows (and so restricts), as in the kernel's
 * documentation: each ABI adds rights; older kernels refuse unknown bits. */
static uint64_t ll_handled(int abi)
{
	uint64_t fs = LL_ABI1_ALL;

	if (abi >= 2)
		fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return fs;
}

/* Is fd on procfs? */
static int on_procfs(int fd)
{
	struct statfs sf;

	return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

/* Allow `access` beneath path.  A missing path is skipped silently. */
static void ll_allow(int ruleset, const char *path, uint64_t access, uint64_t handled,
		     char *msg, size_t len)
{
	struct landlock_path_beneath_attr pb = { 0 };
	struct stat st;
	int fd = open(path, O_PATH | O_CLOEXEC);

	if (fd < 0) {
		if (errno != ENOENT)
			note(msg, len, "Landlock: %s left out (%s)", path, strerror(errno));
		return;
	}
	pb.parent_fd = fd;
	pb.allowed_access = access & handled;
	if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		pb.allowed_access &= LL_FILE;
	if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) < 0)
		note(msg, len, "Landlock: %s left out (%s)", path, strerror(errno));
	/* A rule binds an inode, and procfs makes a new inode for /proc/PID
	 * when its dentry was dropped from the cache: held open, the dentry
	 * and so the rule stay for the life of the process (one O_PATH fd). */
	else if (on_procfs(fd))
		return;
	close(fd);
}

/* Threads besides the caller, which Landlock does not bind; -1 unknown. */
static int other_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;
}

/* Say why Landlock is missing. */
static void ll_missing(int err, char *msg, size_t len)
{
	if (err == ENOSYS)
		note(msg, len, "Landlock: not in this kernel (ENOSYS): files unconfined");
	else if (err == EOPNOTSUPP)
		note(msg, len, "Landlock: disabled at boot (EOPNOTSUPP): files unconfined");
	else
		note(msg, len, "Landlock: unavailable (%s): files unconfined", strerror(err));
}

/* Build and enforce the file system rules.  Returns 0 when in force. */
static int landlock_enter(const struct sandbox_paths *p, char *msg, size_t len)
{
	/* handled_access_net stays 0: PTP/IP must connect.  From ABI 6 on,
	 * signals to processes outside the sandbox (the front end, the user's
	 * shell) are refused; abstract sockets are left to seccomp. */
	struct ll_ruleset_attr attr = { 0 };
	int abi = sandbox_landlock_abi(), fd, threads;

	if (abi < 0) {
		ll_missing(errno, msg, len);
		return -1;
	}
	attr.handled_access_fs = ll_handled(abi);
	if (abi >= 6)
		attr.scoped = LL_SCOPE_SIGNAL;
	fd = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
	if (fd < 0) {
		ll_missing(errno, msg, len);
		return -1;
	}
	for (size_t i = 0; i < SANDBOX_RW_MAX; i++)
		if (p->rw[i])
			ll_allow(fd, p->rw[i], LL_RW, attr.handled_access_fs, msg, len);
	for (size_t i = 0; i < SANDBOX_RO_MAX; i++)
		if (p->ro[i])
			ll_allow(fd, p->ro[i], LL_RO, attr.handled_access_fs, msg, len);
	threads = other_threads();
	if (syscall(SYS_landlock_restrict_self, fd, 0) < 0) {
		note(msg, len, "Landlock: not enforced (%s): files unconfined", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (threads > 0)
		note(msg, len, "Landlock: %d thread(s) started before it run unconfined", threads);
	return 0;
}

/* System calls that fail with EPERM: running programs, reading or
 * writing other processes, changing mounts or namespaces, loading kernel
 * code (modules, kexec, BPF), perf, the keyrings, personality (it can turn
 * off address space randomisation), userfaultfd (a tool for widening kernel
 * races), open_by_handle_at (it opens files by inode, past Landlock) and
 * io_uring (its operations make sockets past this filter). */
static const char *const denied[] = {
	"execve", "execveat",
#ifndef SANDBOX_ASAN
	"ptrace",
#endif
	"process_vm_readv", "process_vm_writev", "mount", "umount2", "mount_setattr",
	"move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick", "pivot_root",
	"chroot", "setns", "unshare", "kexec_load", "kexec_file_load", "init_module",
	"finit_module", "delete_module", "bpf", "perf_event_open", "keyctl", "add_key",
	"request_key", "personality", "userfaultfd", "open_by_handle_at", "name_to_handle_at",
	"io_uring_setup", "io_uring_enter", "io_uring_register",
};

/* A test of system call argument `arg`: (arg & mask) == want.  (libseccomp's
 * SCMP_A0 macros leave a field to the compiler, which clang warns about.) */
static struct scmp_arg_cmp arg_is(unsigned arg, uint64_t mask, uint64_t want)
{
	struct scmp_arg_cmp c = {
		.arg = arg, .op = SCMP_CMP_MASKED_EQ, .datum_a = mask, .datum_b = want
	};
	return c;
}

/* clone flags that make namespaces: unshare's work done through clone. */
static const uint64_t clone_ns[] = {
	CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
	CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
};

/* Refuse clone with a namespace flag; clone3 says ENOSYS, so that glibc
 * falls back to clone, whose flags a filter can see (clone3 passes them in
 * memory).  Threads and fork stay allowed.  Returns 0 or a libseccomp error. */
static int deny_clone_ns(scmp_filter_ctx ctx)
{
	int r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);

	/* flags are clone's first argument except on s390 */
#if !defined(__s390__) && !defined(__s390x__)
	for (size_t i = 0; r == 0 && i < sizeof clone_ns / sizeof clone_ns[0]; i++)
		r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
				     arg_is(0, clone_ns[i], clone_ns[i]));
#endif
	return r;
}

/* Refuse what Landlock cannot see: AF_UNIX sockets (connect() to a path
 * is not a file access for Landlock, and the user's D-Bus session bus,
 * ssh-agent or X server each run programs on request), and typing into an
 * inherited terminal (TIOCSTI, TIOCLINUX).  socketpair stays allowed.
 * Returns 0 or a libseccomp error. */
static int deny_side_doors(scmp_filter_ctx ctx, int unix_sockets)
{
	int r = 0;

	if (!unix_sockets)
		r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
				     arg_is(0, 0xffffffffu, AF_UNIX));
	/* the kernel reads ioctl's request as 32 bits */
	if (r == 0)
		r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
				     arg_is(1, 0xffffffffu, TIOCSTI));
	if (r == 0)
		r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
				     arg_is(1, 0xffffffffu, TIOCLINUX));
	return r;
}

/* Load the system call filter.  Returns 0 when in force. */
static int seccomp_enter(int unix_sockets, char *msg, size_t len)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int r = 0;

	if (!ctx) {
		note(msg, len, "seccomp: libseccomp could not start: system calls unfiltered");
		return -1;
	}
	/* Default-allow filters are for the native ABI only: a call through
	 * another ABI (int 0x80, x32) would bypass them, so it kills. */
	r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (r == 0)
		r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	for (size_t i = 0; r == 0 && i < sizeof denied / sizeof denied[0]; i++) {
		int nr = seccomp_syscall_resolve_name(denied[i]);
		if (nr != __NR_SCMP_ERROR)
			r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0);
	}
	if (r == 0)
		r = deny_clone_ns(ctx);
	if (r == 0)
		r = deny_side_doors(ctx, unix_sockets);
	if (r == 0)
		r = seccomp_load(ctx);
	seccomp_release(ctx);
	if (r != 0) {
		note(msg, len, "seccomp: not loaded (%s): system calls unfiltered", strerror(-r));
		return -1;
	}
	return 0;
}

int sandbox_enter(const struct sandbox_paths *p, char *msg, size_t len)
{
	int in_force = 0;

	if (len > 0)
		msg[0] = '\0';
	/* Both need it without CAP_SYS_ADMIN; it also keeps set-uid programs
	 * from gaining anything should an exec get through. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		note(msg, len, "no_new_privs refused (%s): unconfined", strerror(errno));
		return 0;
	}
	if (landlock_enter(p, msg, len) == 0)
		in_force |= SANDBOX_LANDLOCK;
	if (seccomp_enter(p->unix_sockets, msg, len) == 0)
		in_force |= SANDBOX_SECCOMP;
	return in_force;
}

/* Put in store the directory that holds dir: realpath'd when dir exists,
 * else dir as written; "." for a bare relative name. */
static void parent_of(char *store, size_t len, const char *dir)
{
	char *real = realpath(dir, NULL);
	char *slash;
	size_t n;

	snprintf(store, len, "%s", real ? real : dir);
	free(real);
	n = strlen(store);
	while (n > 1 && store[n - 1] == '/')
		store[--n] = '\0';
	slash = strrchr(store, '/');
	if (!slash)
		snprintf(store, len, ".");
	else if (slash == store)
		store[1] = '\0';
	else
		*slash = '\0';
}

void sandbox_camera_paths(struct sandbox_paths *p, const char *session_dir)
{
	static const char *const ro[] = {
		"/usr", "/lib", "/lib64", "/lib32", "/libx32", /* libraries, iconv, locales */
		"/etc",          /* ld.so.cache, localtime, nsswitch */
		"/sys",          /* libusb and libudev walk /sys/bus/usb and /sys/devices */
		"/run/udev",     /* libudev's device database */
		"/proc/self",    /* this process only (mountinfo for libudev, maps for
				    glibc and sanitizers); all of /proc would show other
				    processes' environment and command line */
		"/dev/urandom",
	};
	size_t nrw = 0, nro = 0;
	const char *bed = getenv("UMOCKDEV_DIR"), *home = getenv("HOME");

	memset(p, 0, sizeof *p);
	/* The session's parent, not the session itself: a Landlock rule binds
	 * the directory (inode) open when the rule is made.  A session
	 * directory deleted and made again at its path is a new directory,
	 * which capa re-resolves (session_check_dir) and must still write;
	 * beneath the parent, it is covered. */
	parent_of(p->parent, sizeof p->parent, session_dir);
	p->rw[nrw++] = p->parent;
	p->rw[nrw++] = "/dev/null";
	/* A umockdev test bed redirects /sys and /dev into its directory (and
	 * its preload library takes the open of /dev/bus/usb for a device's). */
	if (bed && bed[0] == '/') {
		p->rw[nrw++] = bed;
		p->unix_sockets = 1; /* the bed's ioctl and event sockets */
	} else
		p->rw[nrw++] = "/dev/bus/usb"; /* usbfs; the node changes on reconnect */
	for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++)
		p->ro[nro++] = ro[i];
	/* Read only: libgphoto2 parses it with strcpy into 256-byte fields, so
	 * a file written from in here could overflow the next gphoto2 run,
	 * which is not confined. */
	if (home && home[0] == '/' &&
	    (size_t)snprintf(p->gp_settings, sizeof p->gp_settings, "%s/.gphoto/settings",
			     home) < sizeof p->gp_settings)
		p->ro[nro++] = p->gp_settings;
#ifdef SANDBOX_ASAN
	/* LeakSanitizer reads its suppressions at the leak check, at exit */
	const char *lo = getenv("LSAN_OPTIONS"), *sp = lo;
	/* the option itself, not print_suppressions= */
	while (sp && (sp = strstr(sp, "suppressions=")) && sp != lo && sp[-1] != ':')
		sp++;
	if (sp) {
		sp += strlen("suppressions=");
		snprintf(p->lsan_supp, sizeof p->lsan_supp, "%.*s", (int)strcspn(sp, ":"), sp);
		if (p->lsan_supp[0] == '/')
			p->ro[nro++] = p->lsan_supp;
	}
#endif
}

/* Describe one attempt's outcome; returns 1 when it was not refused. */
static int outcome(char *msg, size_t len, const char *what, int err)
{
	if (err == 0) {
		note(msg, len, "%s: allowed", what);
		return 1;
	}
	if (err == EACCES || err == EPERM) {
		note(msg, len, "%s: refused (%s)", what, strerror(err));
		return 0;
	}
	note(msg, len, "%s: failed, not refused (%s)", what, strerror(err));
	return 1;
}

/* Run /bin/sh -c "exit 0"; 0 when it ran, else the errno that stopped it. */
static int try_exec(void)
{
	char *const argv[] = { (char *)"sh", (char *)"-c", (char *)"exit 0", NULL };
	pid_t pid;
	int st, r = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);

	if (r != 0)
		return r;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 0; /* it was started all the same */
	return 0;
}

int sandbox_probe(const char *path, char *msg, size_t len)
{
	char what[PATH_MAX + 8];
	int fd, n;

	if (len > 0)
		msg[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(what, sizeof what, "open %s", path);
	n = outcome(msg, len, what, fd >= 0 ? 0 : errno);
	if (fd >= 0)
		close(fd);
	return n + outcome(msg, len, "exec /bin/sh", try_exec());
}
