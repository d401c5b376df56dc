/* A gp_log_data() that does not hex-dump data nobody asked to see.
 *
 * libgphoto2 up to 2.5.30 (Debian 12's) formats a full hex dump of every
 * buffer passed to gp_log_data(), even when no log function listens; only
 * then is the dump thrown away (newer releases return early when no
 * logger is registered at GP_LOG_DATA).  The PTP/IP and USB read paths call it on
 * every chunk of every download, so it cost more CPU than the
 * transfer itself: 3 MB took 27 ms in gp_camera_file_get with it, 7 ms
 * without (tests/bench/download-throughput.sh).
 *
 * capa defines the function in the executable and exports it (the
 * Makefile passes --export-dynamic-symbol), so the dynamic linker binds
 * libgphoto2's and its camlibs' calls here: the executable comes first in
 * the lookup order, and an unversioned definition satisfies their
 * versioned reference.  capa registers no gp_log function at all, so
 * doing nothing is exactly what the fixed library does.  If capa ever registers one at
 * GP_LOG_DATA, this must forward instead.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gphoto2/gphoto2-port-log.h>

void gp_log_data(const char *domain, const char *data, unsigned int size,
		 const char *format, ...)
{
	(void)domain;
	(void)data;
	(void)size;
	(void)format;
}
