/* A synthetic landscape rendered one scanline at a time, in sRGB.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scene is defined in normalised coordinates, so rendering it at the
 * full size and at thumbnail size gives the same picture.  Only per-column
 * tables (a few floats per column) are kept; rows are computed on demand. */
#ifndef SIMCAM_SHOT_SCENE_H
#define SIMCAM_SHOT_SCENE_H

#include <stdint.h>

#include <lcms2.h>

#define SHOT_SCENE_HILLS   3 /* layers of hills, far to near */
#define SHOT_SCENE_PATCHES 6 /* saturated colour patches: R, G, B, C, M, Y */

#define SHOT_SCENE_TREES 12 /* at most, on the middle hills */

/* A tree: round canopy at (cx, cy) of radius r over a trunk down to `base`. */
struct shot_tree {
	float cx, cy, r, trunk_w, base;
};

/* A house on the near field: wall, pitched roof, two windows and a door. */
struct shot_house {
	float x0, x1, wall_top, base, roof_top, overhang;
	float wall[3];
};

struct shot_scene {
	unsigned width, height;
	uint32_t seed;        /* derived from seq: everything random comes from it */
	float grain;          /* amplitude of per-pixel noise in 8-bit levels */
	float sun_x, sun_y, sun_r;  /* normalised sun position and radius */
	float sky_top[3], sky_low[3]; /* sky gradient ends (linear-ish 0..255) */
	float hill_rgb[SHOT_SCENE_HILLS][3];
	float *horizon;       /* [SHOT_SCENE_HILLS * width]: hill top row (pixels) per column */
	float fence_top, fence_bot; /* rows (pixels) of the fence band */
	float *post;          /* [width]: fence post coverage per column, 0 = none */
	float *noise;         /* [5 * ((width + 1) / 2)]: per-row scratch */
	int16_t *grain_tab;   /* [3 * SHOT_GRAIN_N]: grain offsets, or NULL */
	float sky_end;        /* no sky at or below this row */
	float hill_start;     /* no hill or tree above this row */
	int16_t *row16;       /* [3 * width]: the row before grain and clamping */
	cmsHTRANSFORM xform;  /* sRGB -> output encoding (TYPE_RGB_8), or NULL */
	unsigned char *row8;  /* [6 * ((width + 1) / 2)]: half-width bytes */
	unsigned char patch_col[SHOT_SCENE_PATCHES][3]; /* in the output encoding */
	unsigned char fence_col[3];
	struct shot_tree tree[SHOT_SCENE_TREES];
	unsigned ntrees;
	signed char *tree_col; /* [width]: tree covering the column, or -1 */
	struct shot_house house;
};

/* Entries in the grain table; each row reads it from a random start. */
#define SHOT_GRAIN_N 65536u /* > the widest image (8192) */

/* Index of the saturated green patch among shot_scene_patch_rect's patches. */
#define SHOT_SCENE_PATCH_GREEN 1

/* Prepare scene `seq` at width×height (1..32768 × 1..65536); `iso` scales
 * the grain (0: none).  Returns 0, or -1 with errno EINVAL or ENOMEM. */
int shot_scene_init(struct shot_scene *s, unsigned seq, unsigned width, unsigned height,
	       unsigned iso);

/* Encode every following row through `x` (TYPE_RGB_8 in and out; not owned;
 * NULL: plain sRGB).  The smooth part, the fence and the patches go through
 * it; the grain is added afterwards, in the output encoding. */
void shot_scene_set_transform(struct shot_scene *s, cmsHTRANSFORM x);

/* Render row `y` (0 = top) into `rgb` (3 × width bytes, sRGB).  Uses the
 * scene's scratch space, hence not const. */
void shot_scene_row(struct shot_scene *s, unsigned y, unsigned char *rgb);

/* Pixel rectangle [x0,x1)×[y0,y1) of colour patch `i` (0..SHOT_SCENE_PATCHES-1);
 * its colour is flat there apart from the grain. */
void shot_scene_patch_rect(const struct shot_scene *s, unsigned i, unsigned *x0, unsigned *y0,
		      unsigned *x1, unsigned *y1);

/* Free the tables of `s` (safe on a zeroed or already freed scene). */
void shot_scene_free(struct shot_scene *s);

#endif
