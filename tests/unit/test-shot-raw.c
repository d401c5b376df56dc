/* Unit tests for the raw-like TIFF companions of synthetic shots: a careful
 * IFD walker (like a preview extractor's) must find the embedded JPEG.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "shot-test.h"

/* What the walker found. */
struct found {
	int ifds;
	uint32_t jpeg_off, jpeg_len;      /* 0x201 / 0x202 */
	uint32_t strip_off, strip_len;    /* 0x111 / 0x117 */
	uint32_t width[2], height[2];
	char make[64], model[64];
	unsigned orientation;
};

/* Little-endian reads, bounds checked by the callers. */
static uint32_t le16(const unsigned char *b) { return (uint32_t)b[0] | (uint32_t)b[1] << 8; }
static uint32_t le32(const unsigned char *b) { return le16(b) | le16(b + 2) << 16; }

/* Copy ASCII entry `e` into `dst` if it lies inside the file. */
static int read_ascii(const unsigned char *b, size_t len, const unsigned char *e,
		      char *dst, size_t cap)
{
	uint32_t n = le32(e + 4);
	const unsigned char *v;

	if (n <= 4)
		v = e + 8;
	else if (le32(e + 8) > len || n > len - le32(e + 8))
		return -1;
	else
		v = b + le32(e + 8);
	if (n == 0 || n > cap || v[n - 1] != 0)
		return -1;
	memcpy(dst, v, n);
	return 0;
}

/* Walk every IFD of the little-endian TIFF `b`.  Returns 0, or -1 on
 * anything malformed (out-of-bounds offsets, loops, bad types). */
static int walk(const unsigned char *b, size_t len, struct found *f)
{
	uint32_t off;
	uint32_t seen[8];

	memset(f, 0, sizeof(*f));
	if (len < 8 || memcmp(b, "II\x2a\x00", 4))
		return -1;
	off = le32(b + 4);
	while (off) {
		if (f->ifds == 8 || off & 1 || off > len - 2)
			return -1;
		for (int i = 0; i < f->ifds; i++)
			if (seen[i] == off)
				return -1;
		seen[f->ifds] = off;
		uint32_t n = le16(b + off);
		if (n == 0 || (size_t)off + 2 + 12 * n + 4 > len)
			return -1;
		uint32_t prev = 0;
		for (uint32_t i = 0; i < n; i++) {
			const unsigned char *e = b + off + 2 + 12 * i;
			uint32_t tag = le16(e), type = le16(e + 2), v = le32(e + 8);
			if (tag <= prev || type < 1 || type > 12)
				return -1; /* entries must be sorted, types known */
			prev = tag;
			if (type == 3 && le32(e + 4) == 1)
				v = le16(e + 8);
			int k = f->ifds < 2 ? f->ifds : 1;
			switch (tag) {
			case 0x100: f->width[k] = v; break;
			case 0x101: f->height[k] = v; break;
			case 0x111: f->strip_off = v; break;
			case 0x117: f->strip_len = v; break;
			case 0x112: f->orientation = v; break;
			case 0x201: f->jpeg_off = v; break;
			case 0x202: f->jpeg_len = v; break;
			case 0x10F:
				if (read_ascii(b, len, e, f->make, sizeof(f->make)) < 0)
					return -1;
				break;
			case 0x110:
				if (read_ascii(b, len, e, f->model, sizeof(f->model)) < 0)
					return -1;
				break;
			}
		}
		f->ifds++;
		off = le32(b + off + 2 + 12 * n);
	}
	return 0;
}

/* Wrap a fresh shot of `p` in a raw container and walk it. */
static void check_raw(const struct shot_params *p)
{
	unsigned char *jpeg = NULL, *raw = NULL;
	size_t jlen = 0, rlen = 0;
	struct found f;
	struct decoded d;

	assert_int_equal(shot_jpeg(p, &jpeg, &jlen), 0);
	assert_int_equal(shot_raw(p, jpeg, jlen, &raw, &rlen), 0);
	assert_int_equal(walk(raw, rlen, &f), 0);
	assert_int_equal(f.ifds, 2);
	assert_string_equal(f.make, p->make);
	assert_string_equal(f.model, p->model);
	assert_int_equal(f.orientation, p->orientation);
	assert_int_equal(f.width[0], p->width);
	assert_int_equal(f.height[0], p->height);
	/* The preview: in bounds, byte-identical, decodable. */
	assert_int_equal(f.jpeg_len, jlen);
	assert_true(f.jpeg_off >= 8 && f.jpeg_off <= rlen - jlen);
	assert_memory_equal(raw + f.jpeg_off, jpeg, jlen);
	assert_int_equal(decode(raw + f.jpeg_off, f.jpeg_len, 1, &d), 0);
	assert_int_equal(d.width, p->width);
	decoded_free(&d);
	/* The sensor strip: 16-bit samples, ends the file, not flat. */
	assert_int_equal(f.strip_len, f.width[1] * f.height[1] * 2);
	assert_int_equal((size_t)f.strip_off + f.strip_len, rlen);
	assert_true(f.strip_off >= f.jpeg_off + jlen);
	unsigned lo = 4096, hi = 0;
	for (uint32_t i = 0; i < f.strip_len; i += 2) {
		unsigned v = le16(raw + f.strip_off + i);
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	assert_true(hi <= 4095);
	assert_true(hi - lo > 1000);
	free(jpeg);
	free(raw);
}

/* The walker finds the JPEG preview and the sensor data. */
static void test_raw_layout(void **state)
{
	struct shot_params p = test_params();

	(void)state;
	check_raw(&p);
	p.make = "Sim";  /* short strings are stored inline in the entry */
	p.model = "X";
	p.width = 333;
	p.height = 17;
	p.orientation = 3;
	check_raw(&p);
}

/* The extension is a raw-like one, and bad arguments are refused. */
static void test_raw_invalid(void **state)
{
	struct shot_params p = test_params();
	unsigned char byte = 0xff, *out = NULL;
	size_t len = 0;

	(void)state;
	assert_string_equal(shot_raw_extension(), "NEF");
	errno = 0;
	assert_int_equal(shot_raw(&p, NULL, 10, &out, &len), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(shot_raw(&p, &byte, 0, &out, &len), -1);
	assert_int_equal(shot_raw(NULL, &byte, 1, &out, &len), -1);
	p.orientation = 0;
	assert_int_equal(shot_raw(&p, &byte, 1, &out, &len), -1);
	assert_null(out);
	/* Walker sanity: a truncated container is refused, not over-read. */
	p = test_params();
	assert_int_equal(shot_raw(&p, &byte, 1, &out, &len), 0);
	struct found f;
	assert_int_equal(walk(out, 100, &f), -1);
	assert_int_equal(walk(out, len, &f), 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_raw_layout),
		cmocka_unit_test(test_raw_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
