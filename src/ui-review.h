/* The full-screen review's state, shared by ui-review.c (shots, decoding,
 * keys) and ui-review-draw.c (layout and drawing).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Main thread only.  Two decoder threads (ui-decode.h) serve the review:
 * one makes the picture for the screen (fitted, or the 1:1 one), the other
 * the measuring decode (img-clip.h) the histograms and clipping figures come
 * from, so those do not change with the window.  They and the `x` marks
 * setting live as long as the UI; everything else belongs to one shot. */
#ifndef CAPA_UI_REVIEW_H
#define CAPA_UI_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "img-preview.h"
#include "img-sixel.h"
#include "ui-state.h"

enum review_want { RV_NONE, RV_FIT, RV_FULL };

struct ui_review {
	struct ui_decode *dec_view, *dec_measure; /* NULL: decode here */
	bool marks;                    /* clipped pixels painted on the picture */
	unsigned serial;               /* counts the shots shown */

	char *path;                    /* raw path of the shot shown */
	uint64_t id;                   /* its log row's file id */
	bool has_id;
	struct img_preview fit, full;  /* fitted; 1:1 (zoom) */
	struct img_buf fit_six;        /* the fit's sixel, unmarked (from the decoder) */
	bool have_fit, have_full, zoom;
	enum review_want pending;      /* the view decode asked for */
	unsigned view_gen, measure_gen;
	bool have_measure;
	struct img_histogram hist;     /* of the measuring decode */
	unsigned src_w, src_h;
	unsigned px, py;               /* top-left of the 1:1 view */
	unsigned char *vpx;            /* the pixels on screen now */
	unsigned vw, vh;
	bool stale;                    /* vpx/six must be made again */
	struct img_buf six;
	bool emit;
	bool follow;                   /* Space: show the new shot when it lands */
	size_t follow_after;           /* shots in the log when Space was pressed */
	char err[200], measure_err[200]; /* clean */
};

/* ui-review.c */
/* The log row of the shot shown; NULL when it is not in the log. */
const struct log_row *review_row(const struct ui *ui);
/* After Space: move to the newest shot saved since (called before drawing). */
void review_sync(struct ui *ui);

/* ui-review-draw.c */
/* The image area in cells (below the title, above the figures). */
void review_area(const struct ui *ui, int *cols, int *rows);
/* The image area in pixels for the current graphics mode. */
void review_area_px(const struct ui *ui, unsigned *w, unsigned *h);

#endif
