/* The preview modules' "any thread" claims: sixel encodes, colour
 * transforms (with cache evictions) and whole previews run at once on
 * several threads give exactly the bytes a single thread gives.
 * (Races show reliably under -fsanitize=thread; without it wrong bytes
 * are the symptom this test looks for.)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <lcms2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "img-colour.h"
#include "img-preview.h"
#include "img-sixel.h"

#define THREADS 4
#define ROUNDS 6
#define W 61
#define H 37
#define NCOMBOS 12 /* more than the transform cache holds: evictions race */

static unsigned char pixels[W * H * 3];
static unsigned char *profiles[2];
static size_t profile_len[2];

/* A deterministic picture with many colours (so median cut has work). */
static void make_pixels(void)
{
	uint32_t seed = 12345;

	for (size_t i = 0; i < sizeof pixels; i++) {
		seed = seed * 1103515245u + 12345u;
		pixels[i] = (unsigned char)((i * 7 / 3) % 256 ^ (seed >> 28));
	}
}

/* Save an lcms2 profile to a malloc'd buffer. */
static unsigned char *save_profile(cmsHPROFILE p, size_t *len)
{
	cmsUInt32Number n = 0;

	assert_true(cmsSaveProfileToMem(p, NULL, &n));
	unsigned char *b = malloc(n);
	assert_non_null(b);
	assert_true(cmsSaveProfileToMem(p, b, &n));
	cmsCloseProfile(p);
	*len = n;
	return b;
}

/* Convert `pixels` with colour combination k (source × intent); 0 or -1.
 * No cmocka asserts here: they may not be used off the main thread. */
static int convert(int k, unsigned char *out)
{
	char err[128];
	enum img_colour_source src = k < 4 ? IMG_SRC_ADOBE_EXIF : IMG_SRC_ICC;
	int prof = k >= 8;

	memcpy(out, pixels, sizeof pixels);
	return img_colour_apply(out, W * H, src, profiles[prof], profile_len[prof], NULL,
				(enum img_intent)(k % 4), err, sizeof err);
}

/* What one thread does; its reference results are in `want`. */
struct job {
	unsigned char (*colour_want)[W * H * 3];
	const struct img_buf *sixel_want;
	int bad; /* mismatches seen */
};

/* Encode and convert ROUNDS times, counting results unlike the references. */
static void *worker(void *arg)
{
	struct job *j = arg;
	static unsigned char buf[THREADS][W * H * 3];
	static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
	static int next_slot;
	char err[128];

	pthread_mutex_lock(&slot_lock);
	unsigned char *px = buf[next_slot++];
	pthread_mutex_unlock(&slot_lock);
	for (int r = 0; r < ROUNDS; r++)
		for (int k = 0; k < NCOMBOS; k++) {
			struct img_buf out = { 0 };
			j->bad += convert((k + r) % NCOMBOS, px) < 0 ||
				  memcmp(px, j->colour_want[(k + r) % NCOMBOS], sizeof pixels) != 0;
			if (img_sixel_encode(pixels, W, H, 64, &out, err, sizeof err) < 0 ||
			    out.len != j->sixel_want->len ||
			    memcmp(out.data, j->sixel_want->data, out.len) != 0)
				j->bad++;
			img_buf_free(&out);
		}
	return NULL;
}

/* THREADS threads at once give the single-thread bytes. */
static void test_concurrent_encode_and_colour(void **state)
{
	static unsigned char want[NCOMBOS][W * H * 3];
	struct img_buf sixel_want = { 0 };
	struct job jobs[THREADS];
	pthread_t t[THREADS];
	char err[128];
	(void)state;
	make_pixels();
	profiles[0] = save_profile(img_adobe_rgb_profile(), &profile_len[0]);
	profiles[1] = save_profile(cmsCreate_sRGBProfile(), &profile_len[1]);
	img_colour_cache_clear();
	for (int k = 0; k < NCOMBOS; k++)
		assert_int_equal(convert(k, want[k]), 0);
	assert_true(memcmp(want[0], want[8], sizeof pixels) != 0); /* combos differ */
	assert_int_equal(img_sixel_encode(pixels, W, H, 64, &sixel_want, err, sizeof err), 0);
	for (int i = 0; i < THREADS; i++) {
		jobs[i] = (struct job){ want, &sixel_want, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, worker, &jobs[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
	img_buf_free(&sixel_want);
	img_colour_cache_clear();
	free(profiles[0]);
	free(profiles[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_encode_and_colour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
