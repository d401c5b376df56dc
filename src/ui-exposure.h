/* Exposure figures as a camera prints them, for the log rows and the review.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unknown values (0 or less) come out blank.  Curses-free; any thread. */
#ifndef CAPA_UI_EXPOSURE_H
#define CAPA_UI_EXPOSURE_H

#include <stddef.h>

/* An exposure time as 1/125 or 2.5s. */
void ui_fmt_shutter(double s, char *out, size_t len);

/* An aperture as f/2.8, f/5.6, f/22 (at most one decimal, none for a whole
 * number from 10). */
void ui_fmt_fnumber(double f, char *out, size_t len);

/* "1/125 f/5.6 ISO400 50mm": the known ones, single-spaced. */
void ui_fmt_exposure(double s, double f, int iso, double focal_mm, char *out, size_t len);

#endif
