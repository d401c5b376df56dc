/* Camera file names of 128+ bytes: cut inside libgphoto2, not an abort.
 *
 * libgphoto2 up to 2.5.30 (Debian 12's) copies the camera's name of a
 * new file with strcpy() into the 128-byte CameraFilePath.name
 * (add_object_to_fs_and_path() and the capture functions of
 * camlibs/ptp2/library.c), inside gp_camera_capture() and
 * gp_camera_wait_for_event(): the object info is read and copied in one
 * call, with no callback between, so capa never sees the name before the
 * copy.  Built with _FORTIFY_SOURCE, the copy is __strcpy_chk(), whose
 * overflow check aborts the whole process (exit 134).
 *
 * capa defines __strcpy_chk in the executable and exports it (Makefile,
 * --export-dynamic-symbol), so the dynamic linker binds the camlibs'
 * calls here, as for gp_log_data (cam-gplog.c).  It does what glibc's
 * does, except for the one case that is libgphoto2's bug: a source that
 * does not fit a destination of sizeof(CameraFilePath.name) bytes, called
 * from a libgphoto2 object.  That copy is cut (127 bytes and a NUL, as a
 * struct field must end) and remembered for the worker, which then skips
 * the file with an error naming the whole name (cam_namecut_take).
 * Every other overflow still ends in __chk_fail(), glibc's abort.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <dlfcn.h>
#include <gphoto2/gphoto2-version.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cam-internal.h"

#define NAME_SIZE (CAM_NAME_MAX + 1)

/* The last cut name of this thread (libgphoto2 runs on the worker only). */
static _Thread_local char cut_name[1024];
static _Thread_local size_t cut_len;
static _Thread_local bool cut_pending;

/* glibc's fortify failure: prints "buffer overflow detected", aborts. */
extern void __chk_fail(void) __attribute__((noreturn));

char *__strcpy_chk(char *dest, const char *src, size_t destlen);

/* Is the code at address pc in a libgphoto2 library or camlib? */
static bool in_gphoto(const void *pc)
{
	Dl_info info;

	return dladdr(pc, &info) && info.dli_fname && strstr(info.dli_fname, "libgphoto2");
}

/* glibc's __strcpy_chk, except that a camera name too long for
 * CameraFilePath.name is cut and remembered instead of aborting. */
char *__strcpy_chk(char *dest, const char *src, size_t destlen)
{
	size_t n = strlen(src);

	if (n < destlen)
		return memcpy(dest, src, n + 1);
	/* CAPA_TEST_NAMECUT=off: glibc's abort, for the test that a camera
	 * process dying inside libgphoto2 does not take capa down */
	const char *test = getenv("CAPA_TEST_NAMECUT");
	if (destlen != NAME_SIZE || !in_gphoto(__builtin_return_address(0)) ||
	    (test && !strcmp(test, "off")))
		__chk_fail();
	memcpy(dest, src, destlen - 1);
	dest[destlen - 1] = '\0';
	cut_len = n;
	snprintf(cut_name, sizeof(cut_name), "%s", src);
	cut_pending = true;
	return dest;
}

bool cam_namecut_take(char *full, size_t fulllen, size_t *len)
{
	bool was = cut_pending;

	if (was) {
		snprintf(full, fulllen, "%s", cut_name);
		*len = cut_len;
	}
	cut_pending = false;
	return was;
}

void cam_name_too_long(struct cam_worker *w, const char *folder, const char *name, size_t len)
{
	struct capa_event *ev = event_new(EV_ERROR);
	char msg[1600];

	if (!ev)
		return;
	snprintf(msg, sizeof(msg), "%s%s%s: the camera's file name is %zu bytes; libgphoto2 %s "
		 "takes names of at most %zu bytes: it stays on the card", folder,
		 strcmp(folder, "/") ? "/" : "", name, len, gp_library_version(GP_VERSION_SHORT)[0],
		 NAME_SIZE - 1);
	event_set(&ev->what, "name-too-long");
	event_set(&ev->message, msg);
	event_set(&ev->hint, "copy it with a card reader, or rename it on the camera");
	cam_post(w, ev);
}
