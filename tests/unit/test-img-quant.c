/* Unit tests for the sixel palette (img-quant.c, Wu's quantiser).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "img-quant.h"

#define W 64
#define H 48

/* Squared error a channel of the pixels mapped through q. */
static double mapped_mse(const unsigned char *px, const unsigned char *idx, size_t n,
			 const struct img_quant *q)
{
	double se = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(idx[i] < q->n);
		for (int c = 0; c < 3; c++) {
			double d = (double)q->palette[idx[i] * 3 + c] - px[i * 3 + c];
			se += d * d;
		}
	}
	return se / ((double)n * 3);
}

/* A smooth two-way gradient with some texture: many colours. */
static void gradient(unsigned char *px)
{
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			unsigned char *p = px + ((size_t)y * W + x) * 3;
			p[0] = (unsigned char)(x * 4);
			p[1] = (unsigned char)(y * 5);
			p[2] = (unsigned char)((x * 7 + y * 3) % 256);
		}
}

/* Few colours: each gets its own entry, exactly, and no error. */
static void test_quant_exact(void **state)
{
	static const unsigned char c[5][3] = { { 250, 0, 0 }, { 0, 120, 0 }, { 10, 20, 240 },
					       { 200, 200, 200 }, { 0, 0, 0 } };
	unsigned char px[W * H * 3], idx[W * H];
	struct img_quant q;
	(void)state;
	for (int i = 0; i < W * H; i++)
		memcpy(px + i * 3, c[(i % W) * 5 / W], 3);
	assert_int_equal(img_quantize(px, W * H, 16, 1, 0, &q, idx), 0);
	assert_int_equal(q.n, 5);
	assert_true(q.mse == 0);
	assert_true(mapped_mse(px, idx, W * H, &q) == 0);
	/* Fewer registers than colours: every one used, some error. */
	assert_int_equal(img_quantize(px, W * H, 4, 1, 0, &q, idx), 0);
	assert_int_equal(q.n, 4);
	assert_true(q.mse > 0);
}

/* The error it reports is the error of its mapping, and each entry is the
 * mean of its pixels. */
static void test_quant_error(void **state)
{
	unsigned char px[W * H * 3], idx[W * H];
	struct img_quant q;
	(void)state;
	gradient(px);
	assert_int_equal(img_quantize(px, W * H, 256, 1, 0, &q, idx), 0);
	assert_int_equal(q.n, 256);
	double mse = mapped_mse(px, idx, W * H, &q);
	/* The entries are rounded to integers: ≤ 0.25 more a channel. */
	assert_true(mse >= q.mse - 1e-6 && mse <= q.mse + 0.25);
	for (unsigned k = 0; k < q.n; k++) {
		double sum[3] = { 0, 0, 0 }, n = 0;
		for (int i = 0; i < W * H; i++)
			if (idx[i] == k) {
				n++;
				for (int c = 0; c < 3; c++)
					sum[c] += px[i * 3 + c];
			}
		assert_true(n > 0); /* no empty entry */
		for (int c = 0; c < 3; c++)
			assert_true(abs(q.palette[k * 3 + c] - (int)(sum[c] / n + 0.5)) <= 1);
	}
}

/* Slack: the fewest entries within slack × the error of all of them;
 * good_mse: stop once the error is that low. */
static void test_quant_trim(void **state)
{
	unsigned char px[W * H * 3], idx[W * H];
	struct img_quant all, q;
	(void)state;
	gradient(px);
	assert_int_equal(img_quantize(px, W * H, 128, 1, 0, &all, idx), 0);
	assert_int_equal(img_quantize(px, W * H, 128, 2, 0, &q, idx), 0);
	assert_true(q.n < all.n);
	assert_true(q.mse <= 2 * all.mse + 1e-9);
	struct img_quant fewer;
	assert_int_equal(img_quantize(px, W * H, q.n - 1, 1, 0, &fewer, idx), 0);
	assert_true(fewer.mse > 2 * all.mse); /* one entry fewer would not do */
	assert_int_equal(img_quantize(px, W * H, 128, 1, 1e9, &q, idx), 0);
	assert_int_equal(q.n, 1); /* anything is good enough: the mean alone */
	assert_int_equal(img_quantize(px, W * H, 128, 1, 300, &q, idx), 0);
	assert_true(q.mse <= 300 && q.n > 16 && q.n <= 32); /* 16: 597, 32: 270 */
	assert_int_equal(img_quantize(px, 0, 16, 1, 0, &q, idx), -1);
	assert_int_equal(img_quantize(NULL, 5, 16, 1, 0, &q, idx), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quant_exact),
		cmocka_unit_test(test_quant_error),
		cmocka_unit_test(test_quant_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
