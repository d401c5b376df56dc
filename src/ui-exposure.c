/* Exposure figures as a camera prints them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-exposure.h"

#include <stdio.h>
#include <string.h>

/* Format an exposure time as 1/125 or 2.5s; unknown (0) is blank. */
void ui_fmt_shutter(double s, char *out, size_t len)
{
	if (s <= 0)
		snprintf(out, len, "%s", "");
	else if (s < 0.3)
		snprintf(out, len, "1/%.0f", 1.0 / s);
	else
		snprintf(out, len, "%.1fs", s);
}

/* Format an aperture as a camera shows it; unknown (0) is blank. */
void ui_fmt_fnumber(double f, char *out, size_t len)
{
	double tenths = (double)(long)(f * 10 + 0.5);

	if (f <= 0)
		snprintf(out, len, "%s", "");
	else if (tenths >= 100 && (long)tenths % 10 == 0)
		snprintf(out, len, "f/%.0f", tenths / 10);
	else
		snprintf(out, len, "f/%.1f", tenths / 10);
}

/* Append word to out (after a space when out is not empty). */
static void add(char *out, size_t len, const char *word)
{
	size_t o = strlen(out);

	if (word[0] && o + 1 < len)
		snprintf(out + o, len - o, "%s%s", o ? " " : "", word);
}

/* The known exposure figures, single-spaced. */
void ui_fmt_exposure(double s, double f, int iso, double focal_mm, char *out, size_t len)
{
	char w[32];

	if (!len)
		return;
	out[0] = 0;
	ui_fmt_shutter(s, w, sizeof w);
	add(out, len, w);
	ui_fmt_fnumber(f, w, sizeof w);
	add(out, len, w);
	w[0] = 0;
	if (iso > 0)
		snprintf(w, sizeof w, "ISO%d", iso);
	add(out, len, w);
	w[0] = 0;
	if (focal_mm > 0)
		snprintf(w, sizeof w, "%.0fmm", focal_mm);
	add(out, len, w);
}
