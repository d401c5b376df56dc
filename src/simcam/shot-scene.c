/* A synthetic landscape rendered one scanline at a time, in sRGB.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sky with a gradient, a sun and value-noise clouds; three layers of hills
 * (bluer with distance) with a field texture; a fence of thin posts and
 * wires for fine detail; a strip of saturated colour patches; sensor grain
 * that grows with the ISO.  Everything random derives from `seq`, so every
 * shot differs and the same seq always gives the same picture. */
#include "simcam/shot-scene.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Patch colours (sRGB): red, green, blue, cyan, magenta, yellow. */
static const unsigned char patch_rgb[SHOT_SCENE_PATCHES][3] = {
	{ 220, 24, 30 }, { 20, 200, 40 }, { 24, 40, 210 },
	{ 20, 200, 220 }, { 210, 30, 200 }, { 240, 220, 20 },
};

/* Mix the bits of `x` (a 32-bit integer hash). */
static uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/* Next pseudo-random number in [0,1) from the state `st`. */
static float rnd(uint32_t *st)
{
	*st = mix32(*st + 0x9e3779b9U);
	return (float)(*st >> 8) / 16777216.0f;
}

/* Hash of lattice point (ix, iy) under `seed`, in [0,1). */
static float lattice(uint32_t seed, int32_t ix, int32_t iy)
{
	uint32_t h = mix32(seed ^ mix32((uint32_t)ix * 0x27d4eb2dU ^ (uint32_t)iy));
	return (float)(h >> 8) / 16777216.0f;
}

/* Add one octave of value noise along row `fy` (lattice units) to `out`:
 * `fx` lattice cells across the width, weight `w`.  Corners are hashed once
 * per cell, then interpolated across its pixels. */
static void noise_row(uint32_t seed, float fx, float fy, float w, float *out,
		      unsigned width)
{
	int32_t iy = (int32_t)floorf(fy);
	float ty = fy - (float)iy;
	float sy = ty * ty * (3.0f - 2.0f * ty);
	float step = fx / (float)width;
	int32_t cell = -1;
	float a = 0, b = 0;

	for (unsigned x = 0; x < width; x++) {
		float px = (float)x * step;
		int32_t ix = (int32_t)px;
		if (ix != cell) {
			cell = ix;
			float c00 = lattice(seed, ix, iy), c01 = lattice(seed, ix, iy + 1);
			float c10 = lattice(seed, ix + 1, iy), c11 = lattice(seed, ix + 1, iy + 1);
			a = c00 + (c01 - c00) * sy;
			b = c10 + (c11 - c10) * sy;
		}
		float tx = px - (float)ix;
		float sx = tx * tx * (3.0f - 2.0f * tx);
		out[x] += w * (a + (b - a) * sx);
	}
}

/* Fill the per-column tables: hill outlines and fence posts. */
static void scene_columns(struct shot_scene *s, uint32_t st)
{
	unsigned w = s->width;
	float h = (float)s->height;

	for (unsigned k = 0; k < SHOT_SCENE_HILLS; k++) {
		float base = 0.42f + 0.11f * (float)k + 0.06f * rnd(&st);
		float amp[3], fr[3], ph[3];
		for (int j = 0; j < 3; j++) {
			amp[j] = (0.06f - 0.015f * (float)j) * (0.4f + rnd(&st));
			fr[j] = (1.0f + 2.5f * (float)j) * (0.6f + rnd(&st));
			ph[j] = 6.2831853f * rnd(&st);
		}
		for (unsigned x = 0; x < w; x++) {
			float u = (float)x / (float)w, t = base;
			for (int j = 0; j < 3; j++)
				t -= amp[j] * sinf(6.2831853f * fr[j] * u + ph[j]);
			s->horizon[k * w + x] = t * h;
		}
	}
	/* Row ranges where sky and hills occur, so rows skip unused noise. */
	s->sky_end = 0;
	s->hill_start = h;
	for (unsigned x = 0; x < w; x++) {
		float top = h;
		for (unsigned k = 0; k < SHOT_SCENE_HILLS; k++) {
			float r = s->horizon[k * w + x];
			top = r < top ? r : top;
		}
		s->sky_end = top > s->sky_end ? top : s->sky_end;
		s->hill_start = top < s->hill_start ? top : s->hill_start;
	}
	/* Posts: a thin post every `gap` columns; coverage fades at the edges
	 * so small renders (thumbnails) still show them softly. */
	float gap = (float)w / (30.0f + 30.0f * rnd(&st)), pw = (float)w * 0.003f;
	float off = gap * rnd(&st);
	for (unsigned x = 0; x < w; x++) {
		float d = fmodf((float)x + off, gap);
		float c = pw + 0.5f - d;
		s->post[x] = c <= 0 ? 0 : c >= 1 ? 1 : c;
	}
}

/* Is the column span [x0, x1] free of trees (and inside the image)? */
static int span_free(const struct shot_scene *s, float x0, float x1)
{
	if (x0 < 0 || x1 >= (float)s->width)
		return 0;
	for (unsigned x = (unsigned)x0; x <= (unsigned)x1; x++)
		if (s->tree_col[x] >= 0)
			return 0;
	return 1;
}

/* Put up to SHOT_SCENE_TREES non-overlapping trees on the middle hills;
 * tree_col says which one spans a column. */
static void place_trees(struct shot_scene *s, uint32_t st)
{
	unsigned w = s->width, want = 4 + (unsigned)(rnd(&st) * (SHOT_SCENE_TREES - 4));
	float h = (float)s->height;

	memset(s->tree_col, -1, w);
	s->ntrees = 0;
	for (unsigned tries = 0; tries < 4 * SHOT_SCENE_TREES && s->ntrees < want; tries++) {
		struct shot_tree *t = &s->tree[s->ntrees];
		float cx = rnd(&st) * (float)w, r = h * (0.02f + 0.03f * rnd(&st));

		if (!span_free(s, cx - r - 1, cx + r + 1))
			continue;
		t->cx = cx;
		t->r = r;
		t->base = s->horizon[1 * w + (unsigned)cx] + r * 0.4f;
		t->cy = t->base - r * 1.7f;
		t->trunk_w = r * 0.16f + 0.5f;
		if (t->cy - r < s->hill_start)
			s->hill_start = t->cy - r;
		for (unsigned x = (unsigned)(cx - r); x <= (unsigned)(cx + r); x++)
			s->tree_col[x] = (signed char)s->ntrees;
		s->ntrees++;
	}
}

/* Put a house on the near field, clear of the colour patches. */
static void place_house(struct shot_scene *s, uint32_t st)
{
	struct shot_house *hs = &s->house;
	unsigned w = s->width;
	float hw = (float)w * (0.07f + 0.04f * rnd(&st)), top = 0;

	hs->x0 = (float)w * (0.05f + 0.35f * rnd(&st));
	hs->x1 = hs->x0 + hw;
	for (unsigned x = (unsigned)hs->x0; x < (unsigned)hs->x1 && x < w; x++)
		if (s->horizon[2 * w + x] > top)
			top = s->horizon[2 * w + x];
	hs->base = top + hw * 0.1f;
	hs->wall_top = hs->base - hw * 0.5f;
	hs->roof_top = hs->wall_top - hw * 0.32f;
	hs->overhang = hw * 0.07f;
	hs->wall[0] = 200 + 40 * rnd(&st);
	hs->wall[1] = 180 + 50 * rnd(&st);
	hs->wall[2] = 150 + 60 * rnd(&st);
}

/* Fill the grain table: luminance noise plus a little chroma noise. */
static void fill_grain(struct shot_scene *s, uint32_t st)
{
	for (unsigned i = 0; i < SHOT_GRAIN_N; i++) {
		uint32_t g = mix32(st + i);
		float lum = ((float)(g & 0xff) - 127.5f) / 127.5f * s->grain;
		for (unsigned j = 0; j < 3; j++) {
			float chroma = ((float)((g >> (8 + 8 * j)) & 0xff) - 127.5f) / 255.0f;
			s->grain_tab[3 * i + j] = (int16_t)lrintf(lum + chroma * s->grain);
		}
	}
}

/* Prepare scene `seq` at width×height with grain for `iso`. */
int shot_scene_init(struct shot_scene *s, unsigned seq, unsigned width, unsigned height,
	       unsigned iso)
{
	uint32_t st;

	memset(s, 0, sizeof(*s));
	if (width == 0 || height == 0 || width > SHOT_GRAIN_N / 2 || height > 65536) {
		errno = EINVAL;
		return -1;
	}
	s->width = width;
	s->height = height;
	s->seed = mix32(seq * 0x9e3779b9U + 0x5eedU);
	st = s->seed;
	s->grain = iso ? 1.5f * sqrtf((float)iso / 100.0f) : 0.0f;
	if (s->grain > 24.0f)
		s->grain = 24.0f;
	s->sun_x = 0.1f + 0.8f * rnd(&st);
	s->sun_y = 0.06f + 0.2f * rnd(&st);
	s->sun_r = 0.025f + 0.03f * rnd(&st);
	float warm = rnd(&st); /* 0: noon blue, 1: evening */
	s->sky_top[0] = 20 + 60 * warm;  s->sky_top[1] = 70 + 20 * warm;
	s->sky_top[2] = 170 - 40 * warm;
	s->sky_low[0] = 170 + 80 * warm; s->sky_low[1] = 200 - 30 * warm;
	s->sky_low[2] = 235 - 90 * warm;
	for (unsigned k = 0; k < SHOT_SCENE_HILLS; k++) {
		float haze = (float)(SHOT_SCENE_HILLS - 1 - k) / (SHOT_SCENE_HILLS - 1);
		float g = rnd(&st);
		s->hill_rgb[k][0] = (50 + 90 * g) * (1 - haze) + 120 * haze;
		s->hill_rgb[k][1] = (110 + 40 * (1 - g)) * (1 - haze) + 150 * haze;
		s->hill_rgb[k][2] = (30 + 20 * g) * (1 - haze) + 185 * haze;
	}
	s->fence_top = (float)height * (0.70f + 0.05f * rnd(&st));
	s->fence_bot = s->fence_top + (float)height * 0.06f;
	s->horizon = malloc(sizeof(float) * SHOT_SCENE_HILLS * width);
	s->post = malloc(sizeof(float) * width);
	s->noise = malloc(sizeof(float) * 5 * ((width + 1) / 2));
	s->row16 = malloc(sizeof(int16_t) * 3 * width);
	s->row8 = malloc(6 * (size_t)((width + 1) / 2));
	s->tree_col = malloc(width);
	if (s->grain > 0)
		s->grain_tab = malloc(sizeof(int16_t) * 3 * SHOT_GRAIN_N);
	if (!s->horizon || !s->post || !s->noise || !s->row16 || !s->row8 ||
	    !s->tree_col || (s->grain > 0 && !s->grain_tab)) {
		shot_scene_free(s);
		errno = ENOMEM;
		return -1;
	}
	scene_columns(s, st);
	place_trees(s, mix32(st ^ 0x7ee5U));
	place_house(s, mix32(st ^ 0x4005eU));
	shot_scene_set_transform(s, NULL);
	if (s->grain_tab)
		fill_grain(s, st);
	return 0;
}

/* Patch rectangle `i` in pixels: a strip near the bottom right. */
void shot_scene_patch_rect(const struct shot_scene *s, unsigned i, unsigned *x0, unsigned *y0,
		      unsigned *x1, unsigned *y1)
{
	float w = (float)s->width, h = (float)s->height;
	float left = 0.56f + 0.067f * (float)i;

	*x0 = (unsigned)(w * left);
	*x1 = (unsigned)(w * (left + 0.058f));
	*y0 = (unsigned)(h * 0.83f);
	*y1 = (unsigned)(h * 0.94f);
}

/* Colour of a sky pixel at column x of row y (with clouds `cl` in 0..1). */
static void sky_pixel(const struct shot_scene *s, float u, float v, float horizon_v,
		      float cl, float *c)
{
	float t = v / horizon_v, aspect = (float)s->width / (float)s->height;
	float dx = (u - s->sun_x) * aspect, dy = v - s->sun_y;
	float d2 = (dx * dx + dy * dy) / (s->sun_r * s->sun_r);

	if (t > 1)
		t = 1;
	t = sqrtf(t);
	for (int i = 0; i < 3; i++)
		c[i] = s->sky_top[i] + (s->sky_low[i] - s->sky_top[i]) * t;
	if (d2 < 1) {
		c[0] = 255; c[1] = 248; c[2] = 225;
		return;
	}
	float glow = 90.0f / (1.0f + 0.08f * d2);
	c[0] += glow; c[1] += glow * 0.9f; c[2] += glow * 0.7f;
	cl = (cl - 0.55f) * 3.0f;  /* clouds only where the noise is high */
	if (cl > 0) {
		if (cl > 1)
			cl = 1;
		for (int i = 0; i < 3; i++)
			c[i] += (240.0f - c[i]) * cl;
	}
}

/* Colour of hill layer k at a pixel `depth` rows below its top. */
static void hill_pixel(const struct shot_scene *s, unsigned k, float depth, float tex,
		       float *c)
{
	float shade = 0.75f + 0.5f * tex;
	float rim = depth < 3.0f * (float)s->height / 1000.0f ? 1.15f : 1.0f;

	for (int i = 0; i < 3; i++)
		c[i] = s->hill_rgb[k][i] * shade * rim;
	/* Furrows in the near field: stripes whose spacing grows with depth. */
	float f = sqrtf(depth) * 3.0f;
	if (k == SHOT_SCENE_HILLS - 1 && f - (float)(int)f < 0.18f)
		for (int i = 0; i < 3; i++)
			c[i] *= 0.8f;
}

/* Blend colour (r, g, b) over the 3-sample pixel `px` with coverage 0..256. */
static void blend(int16_t *px, int r, int g, int b, int cov)
{
	px[0] = (int16_t)(px[0] + (((r - px[0]) * cov) >> 8));
	px[1] = (int16_t)(px[1] + (((g - px[1]) * cov) >> 8));
	px[2] = (int16_t)(px[2] + (((b - px[2]) * cov) >> 8));
}

/* Overlay the fence on row y: posts (per column) and two wires (whole rows). */
static void fence_row(const struct shot_scene *s, float y, int16_t *row)
{
	float wire = (s->fence_bot - s->fence_top) / 3.0f;
	float lw = (float)s->height / 2000.0f + 0.5f;
	int full = 0;

	if (y < s->fence_top || y >= s->fence_bot)
		return;
	for (int j = 1; j <= 2; j++)
		if (fabsf(y - s->fence_top - wire * (float)j) < lw)
			full = 1;
	for (unsigned x = 0; x < s->width; x++)
		if (full || s->post[x] > 0)
			blend(row + 3 * x, s->fence_col[0], s->fence_col[1], s->fence_col[2], full ? 256 : (int)(s->post[x] * 256));
}

/* Paint the colour patches over row y, where they cross it. */
static void patch_row(const struct shot_scene *s, unsigned y, int16_t *row)
{
	for (unsigned i = 0; i < SHOT_SCENE_PATCHES; i++) {
		unsigned x0, y0, x1, y1;

		shot_scene_patch_rect(s, i, &x0, &y0, &x1, &y1);
		if (y < y0 || y >= y1)
			return;
		for (unsigned x = x0; x < x1 && x < s->width; x++)
			for (unsigned j = 0; j < 3; j++)
				row[3 * x + j] = s->patch_col[i][j];
	}
}

/* Paint tree `t` at (x, y) into c if it covers it; texture `tex` 0..1. */
static void tree_pixel(const struct shot_scene *s, const struct shot_tree *t, float x,
		       float y, float tex, float *c)
{
	float dx = x - t->cx, dy = y - t->cy, d2 = dx * dx + dy * dy;

	if (d2 < t->r * t->r) {
		/* Lit from the sun's side, darker underneath, leafy texture. */
		float side = (s->sun_x * (float)s->width > t->cx ? dx : -dx) - dy;
		float shade = (0.75f + 0.3f * side / t->r) * (0.6f + 0.7f * tex);
		c[0] = 35 * shade;
		c[1] = 85 * shade;
		c[2] = 30 * shade;
	} else if (fabsf(dx) < t->trunk_w && y > t->cy && y < t->base) {
		c[0] = 75;
		c[1] = 55;
		c[2] = 40;
	}
}

/* Paint the house at (x, y) into c if it covers it: roof, wall with siding,
 * windows, door.  Sharp edges on purpose. */
static void house_pixel(const struct shot_house *hs, float x, float y, float tex, float *c)
{
	float hw = hs->x1 - hs->x0, mid = (hs->x0 + hs->x1) / 2, hh = hs->base - hs->wall_top;
	float u = (x - hs->x0) / hw, v = (y - hs->wall_top) / hh;

	if (y < hs->roof_top || y >= hs->base || x < hs->x0 - hs->overhang ||
	    x >= hs->x1 + hs->overhang)
		return;
	if (y < hs->wall_top) {
		float edge = hs->roof_top + (hs->wall_top - hs->roof_top) *
			     fabsf(x - mid) / (hw / 2 + hs->overhang);
		if (y >= edge) {
			float tile = fmodf(y - hs->roof_top, hh / 6) < 1.2f ? 0.75f : 1.0f;
			c[0] = 150 * tile;
			c[1] = 50 * tile;
			c[2] = 38 * tile;
		}
		return;
	}
	if (u < 0 || u >= 1)
		return;
	if (((u > 0.14f && u < 0.34f) || (u > 0.66f && u < 0.86f)) && v > 0.22f && v < 0.55f) {
		int frame = fabsf(u - 0.24f) < 0.008f || fabsf(u - 0.76f) < 0.008f ||
			    fabsf(v - 0.385f) < 0.015f;
		float glint = v < 0.3f ? 60 : 0;
		c[0] = frame ? 230 : 45 + glint;
		c[1] = frame ? 230 : 70 + glint;
		c[2] = frame ? 225 : 100 + glint;
	} else if (u > 0.44f && u < 0.56f && v > 0.42f) {
		c[0] = 95;
		c[1] = 60;
		c[2] = 40;
	} else {
		float siding = fmodf(y - hs->wall_top, hh / 10) < 1.0f ? 0.82f : 1.0f;
		for (int i = 0; i < 3; i++)
			c[i] = hs->wall[i] * siding * (0.94f + 0.1f * tex);
	}
}

/* Fill base[3 * ((w + 1) / 2)] with the smooth part of row y (sky, hills)
 * at every second column: it changes slowly, so odd columns interpolate. */
static void smooth_row(struct shot_scene *s, unsigned y, float *base)
{
	unsigned w = s->width, w2 = (w + 1) / 2;
	float fy = (float)y, v = fy / (float)s->height;
	float *cloud = s->noise, *tex = s->noise + w2;

	memset(s->noise, 0, sizeof(float) * 2 * w2);
	if (fy < s->sky_end) {
		noise_row(s->seed, 7, v * 12, 0.65f, cloud, w2);
		noise_row(s->seed + 1, 23, v * 40, 0.35f, cloud, w2);
	}
	if (fy + 1 >= s->hill_start) {
		noise_row(s->seed + 2, 40, v * 60, 0.6f, tex, w2);
		noise_row(s->seed + 3, 160, v * 240, 0.4f, tex, w2);
	}
	for (unsigned x2 = 0; x2 < w2; x2++) {
		unsigned x = 2 * x2;
		int k;

		for (k = SHOT_SCENE_HILLS - 1; k >= 0; k--)
			if (fy >= s->horizon[(unsigned)k * w + x])
				break;
		if (k < 0)
			sky_pixel(s, (float)x / (float)w, v, s->horizon[x] / (float)s->height,
				  cloud[x2], base + 3 * x2);
		else
			hill_pixel(s, (unsigned)k, fy - s->horizon[(unsigned)k * w + x],
				   tex[x2], base + 3 * x2);
		if (k < SHOT_SCENE_HILLS - 1 && s->tree_col[x] >= 0)
			tree_pixel(s, &s->tree[s->tree_col[x]], (float)x, fy, tex[x2],
				   base + 3 * x2);
		house_pixel(&s->house, (float)x, fy, tex[x2], base + 3 * x2);
	}
}

/* Clamp v to 0..255 without a branch (this runs for every sample). */
static inline unsigned char clamp_byte(int v)
{
	v &= ~(v >> 31);                    /* negative -> 0 */
	return (unsigned char)(v | ((255 - v) >> 31)); /* > 255 -> low byte 0xff */
}

/* Set the output encoding; recompute the flat colours in it. */
void shot_scene_set_transform(struct shot_scene *s, cmsHTRANSFORM x)
{
	static const unsigned char fence[3] = { 40, 50, 60 };

	s->xform = x;
	memcpy(s->patch_col, patch_rgb, sizeof(s->patch_col));
	memcpy(s->fence_col, fence, sizeof(s->fence_col));
	if (x) {
		cmsDoTransform(x, patch_rgb, s->patch_col, SHOT_SCENE_PATCHES);
		cmsDoTransform(x, fence, s->fence_col, 1);
	}
}

/* Render row `y` into `rgb`: the smooth part at half width, widened, then
 * fence, patches and grain at full resolution in integers. */
void shot_scene_row(struct shot_scene *s, unsigned y, unsigned char *rgb)
{
	unsigned w = s->width, w2 = (w + 1) / 2, n = 3 * w;
	float *base = s->noise + 2 * w2;
	int16_t *row = s->row16;
	unsigned char *b8 = s->row8;
	const int16_t *g;

	smooth_row(s, y, base);
	for (unsigned i = 0; i < 3 * w2; i++)
		b8[i] = clamp_byte((int)(base[i] + 0.5f));
	if (s->xform) {
		cmsDoTransform(s->xform, b8, b8 + 3 * w2, w2);
		b8 += 3 * w2;
	}
	for (unsigned x2 = 0; x2 < w2; x2++) {
		unsigned nx = x2 + 1 < w2 ? x2 + 1 : x2;
		for (unsigned j = 0; j < 3; j++) {
			int a = b8[3 * x2 + j], b = b8[3 * nx + j];
			row[6 * x2 + j] = (int16_t)a;
			if (2 * x2 + 1 < w)
				row[6 * x2 + 3 + j] = (int16_t)((a + b + 1) >> 1);
		}
	}
	fence_row(s, (float)y, row);
	patch_row(s, y, row);
	if (!s->grain_tab) {
		for (unsigned i = 0; i < n; i++)
			rgb[i] = clamp_byte(row[i]);
		return;
	}
	g = s->grain_tab + 3 * (mix32(s->seed ^ (y * 0x85ebca6bU)) % (SHOT_GRAIN_N - w + 1));
	for (unsigned i = 0; i < n; i++)
		rgb[i] = clamp_byte(row[i] + g[i]);
}

/* Free the tables of `s`. */
void shot_scene_free(struct shot_scene *s)
{
	free(s->horizon);
	free(s->post);
	free(s->noise);
	free(s->grain_tab);
	free(s->row16);
	free(s->row8);
	free(s->tree_col);
	s->tree_col = NULL;
	s->row16 = NULL;
	s->row8 = NULL;
	s->horizon = s->post = s->noise = NULL;
	s->grain_tab = NULL;
}
