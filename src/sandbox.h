/* Confinement of a camera process: Landlock (files) and seccomp (syscalls).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why: the camera process feeds bytes from the camera to libgphoto2, whose
 * PTP parsers have had out-of-bounds reads and an overflow that aborts the
 * process.  Should one of them ever be exploitable, the process can then
 * read and write only where it saves photos, cannot run programs and cannot
 * reach the kernel's riskier interfaces.  The network is left open:
 * PTP/IP must connect to the camera.
 *
 * Contract: sandbox_enter is for good (nothing undoes it) and binds the
 * calling process and every child it makes later.  Call it
 *   - after what the process reads outside these paths (its config) and
 *     after gp_abilities_list_load and gp_port_info_list_load (slow: they
 *     scan every camlib).  gp_camera_init dlopens the camlib, the iolib and
 *     libusb again, and iconv its converters: /usr stays readable for them;
 *   - before the process starts threads: Landlock binds only the calling
 *     thread and the threads it starts afterwards (seccomp is synchronised
 *     onto all threads; the message names threads that escape Landlock);
 *   - from a process that has no business running programs: a hook script
 *     must be started by the front end, never by the confined process;
 *   - with its channels to the front end already open (inherited fds or
 *     socketpair): it cannot make AF_UNIX sockets (seccomp), and children
 *     it forks cannot read their own /proc/self (the rule is this pid's).
 * Never fails hard: what could not be applied is reported, and the process
 * runs on with what could. */
#ifndef CAPA_SANDBOX_H
#define CAPA_SANDBOX_H

#include <limits.h>
#include <stddef.h>

#define SANDBOX_LANDLOCK 1 /* the file system rules are in force */
#define SANDBOX_SECCOMP 2  /* the system call filter is in force */

#define SANDBOX_RW_MAX 8
#define SANDBOX_RO_MAX 16

/* What stays reachable.  Unused slots are NULL.  A directory covers
 * everything beneath it; a path that does not exist is skipped (not an
 * error).  Paths are resolved (symlinks followed) when sandbox_enter runs. */
struct sandbox_paths {
	const char *rw[SANDBOX_RW_MAX]; /* read, write, create, delete, rename */
	const char *ro[SANDBOX_RO_MAX]; /* read files, list directories */
	int unix_sockets;               /* may make AF_UNIX sockets (a umockdev bed) */
	char parent[PATH_MAX];          /* storage for sandbox_camera_paths */
	char gp_settings[PATH_MAX];
	char lsan_supp[PATH_MAX];       /* sanitizer builds: LSAN_OPTIONS' suppressions */
};

/* The path set of a camera process whose session directory is session_dir
 * (best made absolute by the caller; it need not exist yet).  Reads the
 * environment (HOME, UMOCKDEV_DIR).  p must outlive its use in
 * sandbox_enter.  libgphoto2's settings file (~/.gphoto/settings) is
 * readable, not writable: it holds the PTP/IP host GUID, which a front end
 * that wants it kept across runs must store before starting the process. */
void sandbox_camera_paths(struct sandbox_paths *p, const char *session_dir);

/* Confine the calling process for good: PR_SET_NO_NEW_PRIVS, then
 * Landlock with p's paths (nothing else of the file system stays reachable,
 * and no file may be executed), then a seccomp filter that fails
 * execve/execveat, ptrace, mount, module, kexec, bpf, perf, keyring,
 * namespace, io_uring, AF_UNIX socket and TIOCSTI calls with EPERM.
 * A rule on procfs (/proc/self) keeps one O_PATH descriptor open.
 * Returns SANDBOX_LANDLOCK | SANDBOX_SECCOMP for what is in force; msg
 * gets one log line saying what could not be applied and why, "" when all
 * was.  In a build with AddressSanitizer, ptrace stays allowed (LeakSanitizer
 * stops the threads with it at exit). */
int sandbox_enter(const struct sandbox_paths *p, char *msg, size_t len);

/* The Landlock ABI version of the running kernel, or -1 with errno
 * (ENOSYS: not built in; EOPNOTSUPP: disabled at boot). */
int sandbox_landlock_abi(void);

/* Test probe: try to open path for reading and to run /bin/sh (in a child,
 * so a success does not replace the caller); msg gets what happened, e.g.
 * "open /x: refused (Permission denied); exec /bin/sh: refused (Operation
 * not permitted)".  Returns how many of the two attempts were NOT refused
 * (an error other than EACCES/EPERM, such as ENOENT, is no refusal). */
int sandbox_probe(const char *path, char *msg, size_t len);

#endif
