/* Close matches for a setting name nobody has: "did you mean f-number?".
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over the settings model (cam-config.h): no libgphoto2, no
 * curses; any thread that owns the tree may call them. */
#ifndef CAPA_CAM_SUGGEST_H
#define CAPA_CAM_SUGGEST_H

#include <stddef.h>

#include "cam-config.h"

/* Write up to three names of settings in cfg close to `key` into out,
 * best first, joined by " or " ("f-number", "iso or isoauto").  A setting
 * matches by its name or its label: the same letters and digits once case
 * and punctuation are ignored, a common synonym (aperture: f-number,
 * shutter: shutterspeed ...), one inside the other, or a small edit
 * distance.  Returns how many names were written (0: out is ""). */
int cam_config_suggest(const struct cam_config *cfg, const char *key, char *out, size_t outlen);

#endif
