/* Device properties of the simulated camera: values, forms, validation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numeric properties hold PTP raw units (FNumber ×100, ExposureTime ×10000 s,
 * FocalLength ×100 mm, ExposureBias ×1000 EV).  Not thread-safe; one
 * instance lives in struct simcam. */
#ifndef SIMCAM_PROPS_H
#define SIMCAM_PROPS_H

#include "simcam/buf.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct prop;

struct props {
	struct prop *v;
	size_t n;
	long date_offset;     /* seconds added to the host clock for DateTime */
	int hostile;          /* escape sequences in string properties */
};

/* Set up every property; `w`×`h` becomes the current ImageSize. */
void props_init(struct props *ps, unsigned w, unsigned h);
void props_free(struct props *ps);
/* The supported property codes (for DeviceInfo); returns how many. */
size_t props_codes(const struct props *ps, uint16_t *out, size_t max);
/* Pack a DevicePropDesc / the current value. Returns a PTP response code. */
uint16_t props_pack_desc(const struct props *ps, uint16_t code, struct buf *out);
uint16_t props_pack_value(const struct props *ps, uint16_t code, struct buf *out);
/* Apply a SetDevicePropValue data phase (untrusted). Returns a response code;
 * *changed tells whether the value differs from before. */
uint16_t props_set_data(struct props *ps, uint16_t code, const unsigned char *d,
			size_t n, int *changed);
/* Set from the control interface: `value` is a number in raw units, or the
 * string for string properties. Returns a response code. */
uint16_t props_set_text(struct props *ps, uint16_t code, const char *value);
/* The current value of a numeric property (0 when unknown). */
int64_t props_num(const struct props *ps, uint16_t code);
/* Force a numeric value (no validation), e.g. the draining battery. */
void props_force(struct props *ps, uint16_t code, int64_t v);
/* The current ImageSize as width and height (falls back to 1920×1280). */
void props_image_size(const struct props *ps, unsigned *w, unsigned *h);
/* The camera's clock. */
time_t props_now(const struct props *ps);
/* Look up a property code by short name (iso, f-number, …) or hex code;
 * 0 if unknown. */
uint16_t props_lookup(const char *name);

#endif
