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

/* Prepare scene `seq` at width×height with grain for `iso`. */
int shot_scene_init(struct shot_scene *s, unsigned seq, unsigned width, unsigned height,
	       unsigned iso)
{
	uint32_t st;

	memset(s, 0, sizeof(*s));
	if (width == 0 || height == 0) {
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
	s->noise = malloc(sizeof(float) * 2 * width);
	if (!s->horizon || !s->post || !s->noise) {
		shot_scene_free(s);
		errno = ENOMEM;
		return -1;
	}
	scene_columns(s, st);
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
	if (k == SHOT_SCENE_HILLS - 1 && fmodf(sqrtf(depth) * 3.0f, 1.0f) < 0.18f)
		for (int i = 0; i < 3; i++)
			c[i] *= 0.8f;
}

/* Clamp `v` to a byte. */
static unsigned char to_byte(float v)
{
	return v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)(v + 0.5f);
}

/* Overlay the fence: posts (per column) and two wires (per row). */
static void fence_pixel(const struct shot_scene *s, unsigned x, float y, float *c)
{
	float cov = 0;
	float wire = (s->fence_bot - s->fence_top) / 3.0f;
	float lw = (float)s->height / 2000.0f + 0.5f;

	if (y < s->fence_top || y >= s->fence_bot)
		return;
	cov = s->post[x];
	for (int j = 1; j <= 2; j++)
		if (fabsf(y - s->fence_top - wire * (float)j) < lw)
			cov = 1;
	for (int i = 0; i < 3; i++)
		c[i] += (40.0f + 10.0f * (float)i - c[i]) * cov;
}

/* Render row `y` into `rgb`. */
void shot_scene_row(struct shot_scene *s, unsigned y, unsigned char *rgb)
{
	unsigned w = s->width, px0, py0, px1, py1;
	float fy = (float)y, v = fy / (float)s->height;
	float *cloud = s->noise, *tex = s->noise + w;
	uint32_t rowseed = mix32(s->seed ^ (y * 0x85ebca6bU));

	memset(s->noise, 0, sizeof(float) * 2 * w);
	noise_row(s->seed, 7, v * 12, 0.65f, cloud, w);
	noise_row(s->seed + 1, 23, v * 40, 0.35f, cloud, w);
	noise_row(s->seed + 2, 40, v * 60, 0.6f, tex, w);
	noise_row(s->seed + 3, 160, v * 240, 0.4f, tex, w);
	shot_scene_patch_rect(s, 0, &px0, &py0, &px1, &py1);
	for (unsigned x = 0; x < w; x++) {
		float c[3], u = (float)x / (float)w;
		int k;

		for (k = SHOT_SCENE_HILLS - 1; k >= 0; k--)
			if (fy >= s->horizon[(unsigned)k * w + x])
				break;
		if (k < 0)
			sky_pixel(s, u, v, s->horizon[x] / (float)s->height, cloud[x], c);
		else
			hill_pixel(s, (unsigned)k, fy - s->horizon[(unsigned)k * w + x],
				   tex[x], c);
		fence_pixel(s, x, fy, c);
		if (y >= py0 && y < py1) {
			for (unsigned i = 0; i < SHOT_SCENE_PATCHES; i++) {
				unsigned a, b, d, e;
				shot_scene_patch_rect(s, i, &a, &d, &b, &e);
				if (x >= a && x < b)
					for (int j = 0; j < 3; j++)
						c[j] = patch_rgb[i][j];
			}
		}
		uint32_t g = mix32(rowseed ^ x);
		float lum = ((float)(g & 0xff) - 127.5f) / 127.5f * s->grain;
		for (int j = 0; j < 3; j++) {
			float chroma = ((float)((g >> (8 + 8 * j)) & 0xff) - 127.5f) / 255.0f;
			rgb[3 * x + (unsigned)j] = to_byte(c[j] + lum + chroma * s->grain);
		}
	}
}

/* Free the tables of `s`. */
void shot_scene_free(struct shot_scene *s)
{
	free(s->horizon);
	free(s->post);
	free(s->noise);
	s->horizon = s->post = s->noise = NULL;
}
