/* Raw-like companions of synthetic shots: a little-endian TIFF container.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exact layout written by shot_raw (all numbers little-endian, every IFD and
 * every value block starting on an even offset):
 *
 *   0       "II" 0x2A 0x00, u32 offset of IFD0 (= 8)
 *   8       IFD0: u16 count (13), 13 entries of 12 bytes sorted by tag,
 *           u32 offset of IFD1.  It describes the JPEG preview:
 *             0x00FE NewSubfileType LONG 1            (reduced resolution)
 *             0x0100 ImageWidth     LONG  p->width
 *             0x0101 ImageLength    LONG  p->height
 *             0x0103 Compression    SHORT 6           (old-style JPEG)
 *             0x010F Make           ASCII p->make
 *             0x0110 Model          ASCII p->model
 *             0x0112 Orientation    SHORT p->orientation
 *             0x011A XResolution    RATIONAL 300/1
 *             0x011B YResolution    RATIONAL 300/1
 *             0x0128 ResolutionUnit SHORT 2
 *             0x0132 DateTime       ASCII "YYYY:MM:DD HH:MM:SS"
 *             0x0201 JPEGInterchangeFormat       LONG offset of the JPEG
 *             0x0202 JPEGInterchangeFormatLength LONG jlen
 *   170     IFD0's out-of-line values (Make, Model, the rationals, DateTime)
 *   even    IFD1: u16 count (12), 12 entries, u32 0 (last IFD).  The fake
 *           sensor data, a 16-bit RGGB mosaic of the scene at a quarter of
 *           the size (sw = max(8, width/4 & ~1), sh likewise), 12-bit values:
 *             0x00FE NewSubfileType LONG 0
 *             0x0100 ImageWidth LONG sw, 0x0101 ImageLength LONG sh
 *             0x0102 BitsPerSample SHORT 16, 0x0103 Compression SHORT 1
 *             0x0106 PhotometricInterpretation SHORT 32803 (CFA)
 *             0x0111 StripOffsets LONG, 0x0115 SamplesPerPixel SHORT 1
 *             0x0116 RowsPerStrip LONG sh, 0x0117 StripByteCounts LONG
 *             0x828D CFARepeatPatternDim SHORT[2] 2 2 (inline)
 *             0x828E CFAPattern BYTE[4] 0 1 1 2 (inline)
 *   even    the JPEG, jlen bytes, byte-identical to the input
 *   even    the sensor strip, sw * sh * 2 bytes; end of file.
 *
 * A reader finds the preview by walking IFD0 for tags 0x201/0x202. */
#include "simcam/shot.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "simcam/shot-exif.h"
#include "simcam/shot-scene.h"

#define IFD0_N 13u
#define IFD1_N 12u
#define IFD_SIZE(n) (2u + 12u * (n) + 4u)

enum { T_BYTE = 1, T_ASCII = 2, T_SHORT = 3, T_LONG = 4, T_RATIONAL = 5 };

/* A growing output buffer whose size is known in advance. */
struct tiff {
	unsigned char *b;
	size_t size;
	size_t ifd_pos;  /* where the next IFD entry goes */
	size_t data_pos; /* where the next out-of-line value goes */
};

/* Store `v` as little-endian u16 / u32 at `at`. */
static void put16(unsigned char *at, unsigned v)
{
	at[0] = (unsigned char)v;
	at[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *at, uint32_t v)
{
	put16(at, v & 0xffff);
	put16(at + 2, v >> 16);
}

/* Append an IFD entry whose value fits inline (≤ 4 bytes, left-justified). */
static void entry(struct tiff *t, unsigned tag, unsigned type, uint32_t count,
		  uint32_t value)
{
	unsigned char *e = t->b + t->ifd_pos;

	put16(e, tag);
	put16(e + 2, type);
	put32(e + 4, count);
	if (type == T_SHORT && count == 1) {
		put16(e + 8, value);
		put16(e + 10, 0);
	} else {
		put32(e + 8, value);
	}
	t->ifd_pos += 12;
}

/* Append an entry whose `n` value bytes live in the data area. */
static void entry_data(struct tiff *t, unsigned tag, unsigned type, uint32_t count,
		       const void *data, size_t n)
{
	entry(t, tag, type, count, (uint32_t)t->data_pos);
	memcpy(t->b + t->data_pos, data, n);
	t->data_pos += n + (n & 1);
}

/* Append an ASCII entry (NUL included; inline when it fits). */
static void entry_ascii(struct tiff *t, unsigned tag, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n <= 4) {
		entry(t, tag, T_ASCII, (uint32_t)n, 0);
		memcpy(t->b + t->ifd_pos - 4, s, n);
		return;
	}
	entry_data(t, tag, T_ASCII, (uint32_t)n, s, n);
}

/* Bytes the out-of-line values of IFD0 need (each padded to even). */
static size_t ifd0_data_size(const struct shot_params *p)
{
	size_t m = strlen(p->make) + 1, n = strlen(p->model) + 1;

	return (m > 4 ? m + (m & 1) : 0) + (n > 4 ? n + (n & 1) : 0) + 8 + 8 + 20;
}

/* Write IFD0 (the JPEG preview) at offset 8; `next` is IFD1's offset. */
static void write_ifd0(struct tiff *t, const struct shot_params *p, const char *when,
		       uint32_t next, uint32_t jpeg_at, uint32_t jlen)
{
	unsigned char res[8];

	put32(res, 300);
	put32(res + 4, 1);
	t->ifd_pos = 8;
	t->data_pos = 8 + IFD_SIZE(IFD0_N);
	put16(t->b + t->ifd_pos, IFD0_N);
	t->ifd_pos += 2;
	entry(t, 0x00FE, T_LONG, 1, 1);
	entry(t, 0x0100, T_LONG, 1, p->width);
	entry(t, 0x0101, T_LONG, 1, p->height);
	entry(t, 0x0103, T_SHORT, 1, 6);
	entry_ascii(t, 0x010F, p->make);
	entry_ascii(t, 0x0110, p->model);
	entry(t, 0x0112, T_SHORT, 1, (unsigned)p->orientation);
	entry_data(t, 0x011A, T_RATIONAL, 1, res, 8);
	entry_data(t, 0x011B, T_RATIONAL, 1, res, 8);
	entry(t, 0x0128, T_SHORT, 1, 2);
	entry_data(t, 0x0132, T_ASCII, 20, when, 20);
	entry(t, 0x0201, T_LONG, 1, jpeg_at);
	entry(t, 0x0202, T_LONG, 1, jlen);
	put32(t->b + t->ifd_pos, next);
}

/* Write IFD1 (the sensor strip) at `at`. */
static void write_ifd1(struct tiff *t, size_t at, unsigned sw, unsigned sh,
		       uint32_t strip_at)
{
	static const unsigned char cfa[4] = { 0, 1, 1, 2 };
	uint32_t dim, pat;

	put16((unsigned char *)&dim, 2);
	put16((unsigned char *)&dim + 2, 2);
	memcpy(&pat, cfa, 4);
	t->ifd_pos = at;
	put16(t->b + t->ifd_pos, IFD1_N);
	t->ifd_pos += 2;
	entry(t, 0x00FE, T_LONG, 1, 0);
	entry(t, 0x0100, T_LONG, 1, sw);
	entry(t, 0x0101, T_LONG, 1, sh);
	entry(t, 0x0102, T_SHORT, 1, 16);
	entry(t, 0x0103, T_SHORT, 1, 1);
	entry(t, 0x0106, T_SHORT, 1, 32803);
	entry(t, 0x0111, T_LONG, 1, strip_at);
	entry(t, 0x0115, T_SHORT, 1, 1);
	entry(t, 0x0116, T_LONG, 1, sh);
	entry(t, 0x0117, T_LONG, 1, (uint32_t)sw * sh * 2);
	entry(t, 0x828D, T_SHORT, 2, 0);
	memcpy(t->b + t->ifd_pos - 4, &dim, 4);
	entry(t, 0x828E, T_BYTE, 4, 0);
	memcpy(t->b + t->ifd_pos - 4, &pat, 4);
	put32(t->b + t->ifd_pos, 0);
}

/* Linear 12-bit sensor value of an sRGB byte. */
static unsigned sensor_value(unsigned char c)
{
	float v = (float)c / 255.0f;
	v = v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
	return (unsigned)(v * 4095.0f + 0.5f);
}

/* Write the RGGB mosaic of scene `seq` at sw×sh to `at`.  Returns 0 or -1. */
static int write_sensor(unsigned char *at, const struct shot_params *p,
			unsigned sw, unsigned sh)
{
	struct shot_scene s;
	unsigned char *row = malloc(3 * (size_t)sw);
	unsigned lut[256];

	if (!row || shot_scene_init(&s, p->seq, sw, sh, p->iso) < 0) {
		free(row);
		errno = ENOMEM;
		return -1;
	}
	for (unsigned i = 0; i < 256; i++)
		lut[i] = sensor_value((unsigned char)i);
	for (unsigned y = 0; y < sh; y++) {
		shot_scene_row(&s, y, row);
		for (unsigned x = 0; x < sw; x++) {
			unsigned ch = (y & 1) + (x & 1); /* R=0, G=1, B=2 */
			put16(at, lut[row[3 * x + ch]]);
			at += 2;
		}
	}
	shot_scene_free(&s);
	free(row);
	return 0;
}

/* Wrap `jpeg` in the TIFF container described above. */
int shot_raw(const struct shot_params *p, const unsigned char *jpeg, size_t jlen,
	     unsigned char **out, size_t *len)
{
	struct tiff t;
	char when[20];
	unsigned sw, sh;
	size_t ifd1_at, jpeg_at, strip_at;

	if (!out || !len || !jpeg || jlen == 0 || jlen > 0x40000000u ||
	    !shot_params_valid(p) || shot_exif_time(p->when, when) < 0) {
		errno = EINVAL;
		return -1;
	}
	sw = (p->width / 4) & ~1u;
	sh = (p->height / 4) & ~1u;
	sw = sw < 8 ? 8 : sw;
	sh = sh < 8 ? 8 : sh;
	ifd1_at = 8 + IFD_SIZE(IFD0_N) + ifd0_data_size(p);
	jpeg_at = ifd1_at + IFD_SIZE(IFD1_N);
	strip_at = jpeg_at + jlen + (jlen & 1);
	memset(&t, 0, sizeof(t));
	t.size = strip_at + (size_t)sw * sh * 2;
	t.b = calloc(1, t.size);
	if (!t.b) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(t.b, "II\x2a\x00", 4);
	put32(t.b + 4, 8);
	write_ifd0(&t, p, when, (uint32_t)ifd1_at, (uint32_t)jpeg_at, (uint32_t)jlen);
	write_ifd1(&t, ifd1_at, sw, sh, (uint32_t)strip_at);
	memcpy(t.b + jpeg_at, jpeg, jlen);
	if (write_sensor(t.b + strip_at, p, sw, sh) < 0) {
		free(t.b);
		return -1;
	}
	*out = t.b;
	*len = t.size;
	return 0;
}

/* The raw companion's extension. */
const char *shot_raw_extension(void)
{
	return "NEF";
}
