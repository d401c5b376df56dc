/* The PTP/IP host GUID, kept by the front end for its camera processes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-guid.h"

#include <gphoto2/gphoto2-setting.h>
#include <gphoto2/gphoto2-result.h>
#include <stdio.h>
#include <sys/random.h>

void cam_guid_ensure(void)
{
	/* libgphoto2 takes non-const names */
	char id[] = "ptp2_ip", key[] = "guid", guid[256] = "";
	unsigned char b[16];
	size_t n = 0;

	if (gp_setting_get(id, key, guid) >= GP_OK && guid[0])
		return;
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return;
	/* the form libgphoto2's ptpip writes: 16 bytes, hex, ':' between */
	for (size_t i = 0; i < sizeof b; i++)
		n += (size_t)snprintf(guid + n, sizeof guid - n, i ? ":%02x" : "%02x", b[i]);
	gp_setting_set(id, key, guid);
}
