/* The PTP/IP host GUID, kept by the front end for its camera processes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_CAM_GUID_H
#define CAPA_CAM_GUID_H

/* Make sure libgphoto2's settings (~/.gphoto/settings) hold a PTP/IP host
 * GUID.  libgphoto2 makes one at the first PTP/IP connect and stores it;
 * a sandboxed camera process may only read that file (sandbox.c), so it
 * would make a new GUID each time, and a Wi-Fi camera that pairs by GUID
 * would ask to pair again.  Called by the front end before it starts
 * camera processes.  Failures are silent: the GUID is a convenience. */
void cam_guid_ensure(void);

#endif
