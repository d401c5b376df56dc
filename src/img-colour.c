/* Colour management of previews with lcms2, with a cache of transforms.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-colour.h"

#include <lcms2.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SIZE 8
#define SHA256_DIGEST_SIZE 32

struct cached {
	cmsHTRANSFORM xf;
	enum img_colour_source src;
	uint8_t icc_hash[SHA256_DIGEST_SIZE]; /* the profile comes from the file:
					       * a weak hash could be collided */
	size_t icc_len;
	char *display;          /* NULL = sRGB */
	enum img_intent intent;
	unsigned long used;     /* LRU clock */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached cache[CACHE_SIZE];
static unsigned long cache_clock;
static unsigned created;

/* SHA-256 of the profile bytes (zeros when there is no profile).  False
 * when libcrypto fails (out of memory). */
static bool hash_bytes(const unsigned char *p, size_t n, uint8_t h[SHA256_DIGEST_SIZE])
{
	memset(h, 0, SHA256_DIGEST_SIZE);
	return !p || EVP_Digest(p, n, h, NULL, EVP_sha256(), NULL) == 1;
}

/* A new Adobe RGB (1998) profile. */
void *img_adobe_rgb_profile(void)
{
	cmsCIExyY white = { 0.3127, 0.3290, 1.0 };
	cmsCIExyYTRIPLE prim = { { 0.64, 0.33, 1.0 }, { 0.21, 0.71, 1.0 },
				 { 0.15, 0.06, 1.0 } };
	cmsToneCurve *g = cmsBuildGamma(NULL, 563.0 / 256.0);
	cmsToneCurve *curves[3] = { g, g, g };
	cmsHPROFILE p = g ? cmsCreateRGBProfile(&white, &prim, curves) : NULL;

	cmsFreeToneCurve(g);
	return p;
}

/* Open the source profile for a transform. */
static cmsHPROFILE open_source(enum img_colour_source src, const unsigned char *icc,
			       size_t len)
{
	switch (src) {
	case IMG_SRC_ICC: return cmsOpenProfileFromMem(icc, (cmsUInt32Number)len);
	case IMG_SRC_ADOBE_EXIF: return img_adobe_rgb_profile();
	default: return cmsCreate_sRGBProfile();
	}
}

/* Build a transform; NULL with err filled on failure. */
static cmsHTRANSFORM build(enum img_colour_source src, const unsigned char *icc,
			   size_t len, const char *display, enum img_intent intent,
			   char *err, size_t errlen)
{
	cmsHPROFILE in = open_source(src, icc, len);
	cmsHPROFILE out = display ? cmsOpenProfileFromFile(display, "r")
				  : cmsCreate_sRGBProfile();
	cmsHTRANSFORM xf = NULL;

	if (!in)
		snprintf(err, errlen, "colour: cannot open the source profile");
	else if (!out)
		snprintf(err, errlen, "colour: cannot read display profile %s", display);
	else if (cmsGetColorSpace(out) != cmsSigRgbData)
		snprintf(err, errlen, "colour: display profile %s is not RGB", display);
	else {
		xf = cmsCreateTransform(in, TYPE_RGB_8, out, TYPE_RGB_8,
					(cmsUInt32Number)intent, cmsFLAGS_NOCACHE);
		if (!xf)
			snprintf(err, errlen, "colour: lcms2 cannot build the transform");
	}
	if (in)
		cmsCloseProfile(in);
	if (out)
		cmsCloseProfile(out);
	return xf;
}

/* True when slot c matches the request. */
static bool matches(const struct cached *c, enum img_colour_source src, const uint8_t *h,
		    size_t len, const char *display, enum img_intent intent)
{
	if (!c->xf || c->src != src || c->intent != intent)
		return false;
	if (src == IMG_SRC_ICC &&
	    (c->icc_len != len || memcmp(c->icc_hash, h, SHA256_DIGEST_SIZE) != 0))
		return false;
	if (!display || !c->display)
		return !display && !c->display;
	return strcmp(display, c->display) == 0;
}

/* Find or build the transform (cache_lock held). */
static cmsHTRANSFORM lookup(enum img_colour_source src, const unsigned char *icc,
			    size_t len, const char *display, enum img_intent intent,
			    char *err, size_t errlen)
{
	uint8_t h[SHA256_DIGEST_SIZE];
	struct cached *victim = &cache[0];

	if (!hash_bytes(src == IMG_SRC_ICC ? icc : NULL, len, h)) {
		snprintf(err, errlen, "out of memory hashing the colour profile");
		return NULL;
	}
	for (int i = 0; i < CACHE_SIZE; i++) {
		if (matches(&cache[i], src, h, len, display, intent)) {
			cache[i].used = ++cache_clock;
			return cache[i].xf;
		}
		if (cache[i].used < victim->used)
			victim = &cache[i];
	}
	cmsHTRANSFORM xf = build(src, icc, len, display, intent, err, errlen);
	char *dcopy = display ? strdup(display) : NULL;
	if (!xf || (display && !dcopy)) {
		if (xf)
			cmsDeleteTransform(xf);
		free(dcopy);
		return NULL;
	}
	created++;
	if (victim->xf)
		cmsDeleteTransform(victim->xf);
	free(victim->display);
	*victim = (struct cached){ .xf = xf, .src = src, .icc_len = len, .display = dcopy,
				   .intent = intent, .used = ++cache_clock };
	memcpy(victim->icc_hash, h, sizeof h);
	return xf;
}

/* Convert n RGB888 pixels in place. */
int img_colour_apply(unsigned char *rgb, size_t n, enum img_colour_source src,
		     const unsigned char *icc, size_t icc_len,
		     const char *display_profile, enum img_intent intent,
		     char *err, size_t errlen)
{
	if (src == IMG_SRC_SRGB && !display_profile)
		return 0; /* sRGB to sRGB: nothing to do */
	/* The transform runs under the lock so that no other thread can evict
	 * it meanwhile; a preview-sized conversion takes about a millisecond. */
	pthread_mutex_lock(&cache_lock);
	cmsHTRANSFORM xf = lookup(src, icc, icc_len, display_profile, intent, err, errlen);
	while (xf && n > 0) {
		cmsUInt32Number chunk = n > (1u << 30) ? (1u << 30) : (cmsUInt32Number)n;
		cmsDoTransform(xf, rgb, rgb, chunk);
		rgb += (size_t)chunk * 3;
		n -= chunk;
	}
	pthread_mutex_unlock(&cache_lock);
	if (!xf)
		return -1;
	return 0;
}

/* Number of transforms created so far. */
unsigned img_colour_transforms_created(void)
{
	pthread_mutex_lock(&cache_lock);
	unsigned n = created;
	pthread_mutex_unlock(&cache_lock);
	return n;
}

/* Drop every cached transform. */
void img_colour_cache_clear(void)
{
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < CACHE_SIZE; i++) {
		if (cache[i].xf)
			cmsDeleteTransform(cache[i].xf);
		free(cache[i].display);
		memset(&cache[i], 0, sizeof cache[i]);
	}
	pthread_mutex_unlock(&cache_lock);
}
