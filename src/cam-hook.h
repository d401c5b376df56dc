/* The --hook-script, compatible with gphoto2's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by the front end (cam-proc.c), never by a camera process: those
 * may not exec (sandbox.h). */
#ifndef CAPA_CAM_HOOK_H
#define CAPA_CAM_HOOK_H

/* Run the hook script (if any) with ACTION and ARGUMENT in its environment
 * and wait for it.  Returns its exit status (0 when no hook), -1 when it
 * could not run. */
int cam_hook_run(const char *hook, const char *action, const char *argument);

#endif
