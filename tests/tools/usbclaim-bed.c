/* A USB PTP camera that another program holds: a umockdev test bed with one
 * PTP-class (still image, 6/1/1) device at usb:001,002 whose usbfs node
 * refuses USBDEVFS_CLAIMINTERFACE with EBUSY, as the kernel does while gvfs
 * (or any other process) has claimed the interface.  The real libusb and
 * libgphoto2 of the command run against it; nothing of theirs is stubbed.
 *
 * Usage: usbclaim-bed [-a] [-l LOG] -- COMMAND [ARG...]
 *   -a      let the claim succeed (the control case: no "busy" interface)
 *   -l LOG  append one line per ioctl on the node to LOG
 * Runs COMMAND in the bed (stdin/stdout/stderr inherited) and exits with its
 * status (128 + signal if it was killed).  SIGTERM, SIGINT and SIGHUP are
 * passed on to COMMAND.  Must itself run under `umockdev-wrapper` (the
 * LD_PRELOAD of libumockdev-preload), which tests/integration/engine-usbclaim.sh
 * does; exits 77 otherwise.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h> /* before linux/usbdevice_fs.h: its _IOR needs it */
#include <sys/wait.h>
#include <linux/usbdevice_fs.h>
#include <unistd.h>
#include <umockdev.h>

#define NODE "/dev/bus/usb/001/002"

/* The device's descriptors: what usbfs reads and sysfs `descriptors` hold.
 * 1209:0001 is pid.codes' test id, in no camera list of libgphoto2, so the
 * camera is found by its interface class alone ("USB PTP Class Camera"). */
#define DESCRIPTORS                                                          \
	"120100020000004009120100000101020301" /* device: USB 2.0, ep0 64,    \
						  1209:0001, 1 config */     \
	"09022700010100C001"                   /* config 1: 39 bytes, 1 if */ \
	"090400000306010100"                   /* if 0: 3 eps, class 6/1/1 */ \
	"07058102000200"                       /* ep 0x81 bulk in 512 */      \
	"07050202000200"                       /* ep 0x02 bulk out 512 */     \
	"07058303080009"                       /* ep 0x83 interrupt in 8 */

/* The device in umockdev's text format: path, node, udev properties (as
 * libgphoto2's udev rules would tag it), sysfs attributes. */
static const char device_text[] =
	"P: /devices/pci0000:00/0000:00:14.0/usb1/1-1\n"
	"N: bus/usb/001/002=" DESCRIPTORS "\n"
	"E: SUBSYSTEM=usb\n"
	"E: DEVTYPE=usb_device\n"
	"E: DEVNAME=" NODE "\n"
	"E: BUSNUM=001\n"
	"E: DEVNUM=002\n"
	"E: MAJOR=189\n"
	"E: MINOR=1\n"
	"E: PRODUCT=1209/1/100\n"
	"E: TYPE=0/0/0\n"
	"E: ID_VENDOR_ID=1209\n"
	"E: ID_MODEL_ID=0001\n"
	"E: ID_USB_INTERFACES=:060101:\n"
	"E: ID_GPHOTO2=1\n"
	"E: GPHOTO2_DRIVER=PTP\n"
	"A: busnum=1\\n\n"
	"A: devnum=2\\n\n"
	"A: dev=189:1\\n\n"
	"A: idVendor=1209\\n\n"
	"A: idProduct=0001\\n\n"
	"A: bcdDevice=0100\\n\n"
	"A: bDeviceClass=00\\n\n"
	"A: bNumConfigurations=1\\n\n"
	"A: bConfigurationValue=1\\n\n"
	"A: bNumInterfaces= 1\\n\n"
	"A: speed=480\\n\n"
	"A: devpath=1\\n\n"
	"A: manufacturer=capa tests\\n\n"
	"A: product=Claimed PTP camera\\n\n"
	"A: serial=USBCLAIM0001\\n\n"
	"H: descriptors=" DESCRIPTORS "\n"
	"\n";

static bool allow_claim;
static FILE *ioctl_log;
static volatile sig_atomic_t child_pid;

/* A name for the usbfs requests libusb makes while opening a device. */
static const char *request_name(unsigned long r)
{
	static const struct {
		unsigned long r;
		const char *name;
	} names[] = {
		{ USBDEVFS_CLAIMINTERFACE, "USBDEVFS_CLAIMINTERFACE" },
		{ USBDEVFS_RELEASEINTERFACE, "USBDEVFS_RELEASEINTERFACE" },
		{ USBDEVFS_GETDRIVER, "USBDEVFS_GETDRIVER" },
		{ USBDEVFS_GET_CAPABILITIES, "USBDEVFS_GET_CAPABILITIES" },
		{ USBDEVFS_SUBMITURB, "USBDEVFS_SUBMITURB" },
		{ USBDEVFS_DISCARDURB, "USBDEVFS_DISCARDURB" },
		{ USBDEVFS_REAPURBNDELAY, "USBDEVFS_REAPURBNDELAY" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].r == r)
			return names[i].name;
	return "other";
}

/* handle-ioctl on the camera's node (umockdev's worker thread): refuse the
 * claim; no URB ever completes (EAGAIN, as usbfs says); anything else goes
 * to umockdev's own emulation (GETDRIVER: no kernel driver,
 * RELEASEINTERFACE: success, SUBMITURB: ENOTTY, ...). */
static gboolean on_ioctl(UMockdevIoctlBase *h, UMockdevIoctlClient *c, gpointer ud)
{
	unsigned long r = umockdev_ioctl_client_get_request(c);
	int err = 0;

	(void)h;
	(void)ud;
	if (r == USBDEVFS_CLAIMINTERFACE && !allow_claim)
		err = EBUSY;
	else if (r == USBDEVFS_REAPURBNDELAY)
		err = EAGAIN;
	if (ioctl_log) {
		fprintf(ioctl_log, "%s 0x%lx%s\n", request_name(r), r,
			err == EBUSY ? " refused EBUSY" : err == EAGAIN ? " EAGAIN" : "");
		fflush(ioctl_log);
	}
	if (!err)
		return FALSE;
	umockdev_ioctl_client_complete(c, -1, err);
	return TRUE;
}

/* Pass a termination signal on to the command. */
static void forward(int sig)
{
	if (child_pid > 0)
		kill((pid_t)child_pid, sig);
}

/* Start argv in the bed, wait for it; its exit status. */
static int run(char **argv)
{
	struct sigaction sa = { .sa_handler = forward };
	int st;
	pid_t pid;

	sigemptyset(&sa.sa_mask);
	pid = fork();
	if (pid < 0) {
		perror("usbclaim-bed: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "usbclaim-bed: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	child_pid = pid;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			perror("usbclaim-bed: waitpid");
			return 1;
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	GError *err = NULL;
	UMockdevTestbed *tb;
	UMockdevIoctlBase *h;
	int opt, rc;

	while ((opt = getopt(argc, argv, "al:")) != -1) {
		if (opt == 'a') {
			allow_claim = true;
		} else if (opt == 'l') {
			ioctl_log = fopen(optarg, "a");
			if (!ioctl_log) {
				perror(optarg);
				return 2;
			}
		} else {
			fprintf(stderr, "usage: usbclaim-bed [-a] [-l LOG] -- COMMAND [ARG...]\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: usbclaim-bed [-a] [-l LOG] -- COMMAND [ARG...]\n");
		return 2;
	}
	tb = umockdev_testbed_new();
	/* true once the preload redirects /sys into the new bed */
	if (!umockdev_in_mock_environment()) {
		fprintf(stderr, "usbclaim-bed: run me under umockdev-wrapper\n");
		g_object_unref(tb);
		return 77;
	}
	h = umockdev_ioctl_base_new();
	g_signal_connect(h, "handle-ioctl", G_CALLBACK(on_ioctl), NULL);
	if (!umockdev_testbed_add_from_string(tb, device_text, &err) ||
	    !umockdev_testbed_attach_ioctl(tb, NODE, h, &err)) {
		fprintf(stderr, "usbclaim-bed: %s\n", err->message);
		g_error_free(err);
		g_object_unref(h);
		g_object_unref(tb);
		return 1;
	}
	rc = run(argv + optind);
	umockdev_testbed_detach_ioctl(tb, NODE, NULL);
	g_object_unref(h);
	g_object_unref(tb);
	if (ioctl_log)
		fclose(ioctl_log);
	return rc;
}
