/* A background decoder for the preview pane's and the review's pictures.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 24-megapixel JPEG takes ~100 ms to decode, scale, colour-manage and
 * encode as sixel: on the main thread that would freeze the keyboard each
 * time a shot arrives.  One worker thread does it instead.  There is one
 * request slot: a new request replaces one not started yet (only the
 * newest shot matters), and a result is announced through an eventfd the
 * event loop watches.  Results carry the generation they were asked with,
 * so the caller drops stale ones.  Requests and results are owned by the
 * caller's thread (the UI's main thread). */
#ifndef CAPA_UI_DECODE_H
#define CAPA_UI_DECODE_H

#include <stdbool.h>

#include "img-preview.h"
#include "img-sixel.h"

struct ui_decode;

struct ui_decode_result {
	unsigned gen;            /* as requested */
	int rc;                  /* 0, or -1 with err */
	struct img_preview img;  /* the pixels (rc == 0) */
	struct img_buf six;      /* their sixel, when asked for (may be empty) */
	char err[200];           /* raw: clean it before display */
};

/* Start the worker; NULL on failure (then decode synchronously). */
struct ui_decode *ui_decode_start(void);

/* The eventfd that becomes readable when a result is ready. */
int ui_decode_fd(const struct ui_decode *d);

/* Ask for the preview of `path` with `o` (display_profile must outlive the
 * decoder), encoded as sixel with `colors` registers when sixel is true. */
void ui_decode_request(struct ui_decode *d, unsigned gen, const char *path,
		       const struct img_opts *o, bool sixel, int colors);

/* Take the finished result, if any (clears the eventfd).  The caller owns
 * out's buffers.  False when nothing is ready. */
bool ui_decode_take(struct ui_decode *d, struct ui_decode_result *out);

/* Stop the worker (waits for a decode in progress) and free everything. */
void ui_decode_stop(struct ui_decode *d);

#endif
