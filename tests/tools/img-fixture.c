/* Make image fixtures for the preview tests; no binary fixture is committed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: img-fixture KIND OUT [ARGS]
 *   upright OUT.ppm          the reference picture, upright (64×48)
 *   orient N OUT.jpg         that picture stored for EXIF orientation N
 *   patches OUT.ppm          the colour-patch grid (6×4 patches of 32 px)
 *   adobe OUT.jpg            the patches tagged Adobe RGB (ColorSpace+R03)
 *   icc OUT.jpg [CHUNK]      the patches with a wide-gamut ICC in APP2
 *   icc-fpxr OUT.jpg         the same after 70 non-ICC APP2 segments
 *   app-flood N OUT.jpg      a small picture after N APP2 segments of 65000 bytes
 *   adobe-profile OUT.icc    the Adobe RGB profile (for jpgicc -i)
 *   wide-profile OUT.icc     the wide-gamut profile embedded by `icc`
 *   photo W H OUT.jpg [Q]    a photo-like scene, streamed (any size)
 *   progressive W H OUT.jpg  the same, progressive
 *   many-scans W H OUT.jpg   the same, progressive in 569 valid scans
 *   thumb OUT.jpg            a grey photo whose EXIF thumbnail is red
 *   raw OUT.nef              a TIFF raw: small and large JPEG previews
 *   corrupt|truncated|huge|big-header|bogus-exif|bad-icc|icc-missing OUT.jpg
 */
#include <stdio.h> /* before jpeglib.h */

#include <jpeglib.h>
#include <lcms2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "img-colour.h"

#define UW 64
#define UH 48

static bool progressive; /* the `progressive` kind: encode progressively */
static bool many_scans;  /* the `many-scans` kind: one scan per coefficient bit */

struct bytes {
	unsigned char *d;
	size_t n;
};

/* Die with a message. */
static void die(const char *what)
{
	fprintf(stderr, "img-fixture: %s\n", what);
	exit(1);
}

/* Write n bytes to a file. */
static void save(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(d, 1, n, f) != n || fclose(f) != 0)
		die("cannot write the output");
}

/* Write w×h RGB as binary PPM. */
static void save_ppm(const char *path, const unsigned char *rgb, unsigned w, unsigned h)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		die("cannot write the output");
	fprintf(f, "P6\n%u %u\n255\n", w, h);
	fwrite(rgb, 3, (size_t)w * h, f);
	fclose(f);
}

/* The upright reference: four 32×24 quadrants and an 8×8 white mark at the
 * top left, all aligned to 8×8 blocks so JPEG keeps them exact. */
static unsigned char *upright(void)
{
	static const unsigned char q[4][3] = { { 200, 30, 30 }, { 30, 170, 60 },
					       { 40, 60, 200 }, { 230, 210, 40 } };
	unsigned char *p = malloc(UW * UH * 3);
	for (unsigned y = 0; y < UH; y++)
		for (unsigned x = 0; x < UW; x++) {
			const unsigned char *c = q[(y >= 24) * 2 + (x >= 32)];
			if (x >= 8 && x < 16 && y >= 8 && y < 16)
				c = (const unsigned char *)"\xf0\xf0\xf0";
			memcpy(p + (y * UW + x) * 3, c, 3);
		}
	return p;
}

/* Store the upright picture so that a viewer applying orientation n shows it
 * upright: the inverse of the display operation, from plain rotations. */
static unsigned char *stored_for(int n, const unsigned char *u, unsigned *w, unsigned *h)
{
	bool swap = n >= 5;
	unsigned sw = swap ? UH : UW, sh = swap ? UW : UH;
	unsigned char *s = malloc((size_t)sw * sh * 3);
	for (unsigned y = 0; y < sh; y++)
		for (unsigned x = 0; x < sw; x++) {
			unsigned ux, uy;
			switch (n) {
			case 2: ux = UW - 1 - x; uy = y; break;          /* mirror */
			case 3: ux = UW - 1 - x; uy = UH - 1 - y; break; /* rotate 180 */
			case 4: ux = x; uy = UH - 1 - y; break;          /* flip */
			case 5: ux = y; uy = x; break;                   /* transpose */
			case 6: ux = UW - 1 - y; uy = x; break;          /* rotate 90 ccw */
			case 7: ux = UW - 1 - y; uy = UH - 1 - x; break; /* transverse */
			case 8: ux = y; uy = UH - 1 - x; break;          /* rotate 90 cw */
			default: ux = x; uy = y; break;
			}
			memcpy(s + ((size_t)y * sw + x) * 3, u + ((size_t)uy * UW + ux) * 3, 3);
		}
	*w = sw, *h = sh;
	return s;
}

/* Little-endian writers for the EXIF/TIFF builder. */
static void le16(unsigned char *p, unsigned v) { p[0] = v & 255; p[1] = v >> 8 & 255; }
static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}

/* Append one 12-byte IFD entry at p. */
static unsigned char *entry(unsigned char *p, unsigned tag, unsigned type, uint32_t cnt,
			    uint32_t val)
{
	le16(p, tag);
	le16(p + 2, type);
	le32(p + 4, cnt);
	if (type == 3 && cnt == 1) {
		le16(p + 8, val);
		le16(p + 10, 0);
	} else
		le32(p + 8, val);
	return p + 12;
}

/* Build an APP1 EXIF payload: orientation (0 = none), Adobe tags, thumb. */
static struct bytes exif_build(int orient, bool adobe, const struct bytes *thumb)
{
	struct bytes b;
	b.n = 6 + 8 + 3 * 30 + 54 + (thumb ? thumb->n : 0);
	b.d = calloc(1, b.n);
	unsigned char *t = b.d + 6, *p;
	memcpy(b.d, "Exif\0\0", 6);
	memcpy(t, "II*\0", 4);
	le32(t + 4, 8);
	/* IFD0 at 8 (2 entries max), Exif IFD at 38, Interop at 68, IFD1 at 98. */
	p = t + 8;
	le16(p, (unsigned)(orient > 0) + adobe);
	p += 2;
	if (orient > 0)
		p = entry(p, 0x0112, 3, 1, (uint32_t)orient);
	if (adobe)
		p = entry(p, 0x8769, 4, 1, 38);
	le32(p, thumb ? 98 : 0);
	p = t + 38;
	le16(p, 2);
	p = entry(p + 2, 0xa001, 3, 1, 0xffff);
	p = entry(p, 0xa005, 4, 1, 68);
	le32(p, 0);
	p = t + 68;
	le16(p, 1);
	p = entry(p + 2, 0x0001, 2, 4, 0);
	memcpy(p - 4, "R03", 4);
	le32(p, 0);
	if (thumb) {
		p = t + 98;
		le16(p, 3);
		p = entry(p + 2, 0x0103, 3, 1, 6);
		p = entry(p, 0x0201, 4, 1, 98 + 42 + 12);
		p = entry(p, 0x0202, 4, 1, (uint32_t)thumb->n);
		le32(p, 0);
		memcpy(t + 98 + 42 + 12, thumb->d, thumb->n);
		b.n = 6 + 98 + 42 + 12 + thumb->n;
	}
	return b;
}

/* Pixel source for the encoder: a buffer, or a photo-like generator. */
struct source {
	const unsigned char *rgb; /* NULL: generate */
	unsigned w, h;
};

/* One row of the photo-like scene: sky gradient, hills, texture, noise. */
static void photo_row(unsigned w, unsigned h, unsigned y, unsigned char *row)
{
	uint32_t seed = y * 2654435761u;
	for (unsigned x = 0; x < w; x++) {
		double fx = (double)x / w, fy = (double)y / h;
		double hill = 0.55 + 0.1 * __builtin_sin(fx * 9.0) + 0.05 * __builtin_sin(fx * 31.0);
		double r, g, b;
		if (fy < hill) {
			r = 90 + 100 * fy, g = 140 + 80 * fy, b = 230 - 40 * fy;
		} else {
			double t = __builtin_sin(fx * 200.0) * __builtin_sin(fy * 150.0);
			r = 70 + 50 * t + 60 * fx, g = 110 + 40 * t, b = 40 + 20 * fy;
		}
		seed = seed * 1103515245u + 12345u;
		int n = (int)(seed >> 27) - 16;
		unsigned char *px = row + x * 3;
		px[0] = (unsigned char)(r + n < 0 ? 0 : r + n > 255 ? 255 : r + n);
		px[1] = (unsigned char)(g + n < 0 ? 0 : g + n > 255 ? 255 : g + n);
		px[2] = (unsigned char)(b + n < 0 ? 0 : b + n > 255 ? 255 : b + n);
	}
}

/* A valid progression of 569 scans: DC in two, then every AC coefficient
 * of every component on its own, first at Al=2, then refined twice. */
static void set_many_scans(struct jpeg_compress_struct *c)
{
	static jpeg_scan_info scans[2 + 3 * 63 * 3];
	int n = 0;

	for (int ah = 0; ah <= 1; ah++)
		scans[n++] = (jpeg_scan_info){ 3, { 0, 1, 2, 0 }, 0, 0, ah, 1 - ah };
	for (int comp = 0; comp < 3; comp++)
		for (int k = 1; k < 64; k++)
			for (int ah = 0; ah <= 2; ah++)
				scans[n++] = (jpeg_scan_info){ 1, { comp, 0, 0, 0 }, k, k,
							       ah ? 3 - ah : 0, ah ? 2 - ah : 2 };
	c->scan_info = scans;
	c->num_scans = n;
}

/* Encode a source as JPEG with the given markers. */
static struct bytes encode(const struct source *s, int quality, bool full_chroma,
			   const struct bytes *app1, const struct bytes *app2, size_t napp2)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *mem = NULL;
	unsigned long len = 0;
	unsigned char *row = malloc((size_t)s->w * 3);

	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &mem, &len);
	c.image_width = s->w, c.image_height = s->h;
	c.input_components = 3, c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	if (full_chroma)
		for (int i = 0; i < 3; i++)
			c.comp_info[i].h_samp_factor = c.comp_info[i].v_samp_factor = 1;
	c.write_JFIF_header = !app1;
	if (progressive)
		jpeg_simple_progression(&c);
	if (many_scans)
		set_many_scans(&c);
	jpeg_start_compress(&c, TRUE);
	if (app1)
		jpeg_write_marker(&c, JPEG_APP0 + 1, app1->d, (unsigned)app1->n);
	for (size_t i = 0; i < napp2; i++)
		jpeg_write_marker(&c, JPEG_APP0 + 2, app2[i].d, (unsigned)app2[i].n);
	while (c.next_scanline < c.image_height) {
		if (s->rgb)
			memcpy(row, s->rgb + (size_t)c.next_scanline * s->w * 3, (size_t)s->w * 3);
		else
			photo_row(s->w, s->h, c.next_scanline, row);
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return (struct bytes){ mem, len };
}

/* The 6×4 grid of 32-px patches. */
static unsigned char *patches(unsigned *w, unsigned *h)
{
	static const unsigned char pc[24][3] = {
		{ 115, 82, 68 }, { 194, 150, 130 }, { 98, 122, 157 }, { 87, 108, 67 },
		{ 133, 128, 177 }, { 103, 189, 170 }, { 214, 126, 44 }, { 80, 91, 166 },
		{ 193, 90, 99 }, { 94, 60, 108 }, { 157, 188, 64 }, { 224, 163, 46 },
		{ 56, 61, 150 }, { 70, 148, 73 }, { 175, 54, 60 }, { 231, 199, 31 },
		{ 187, 86, 149 }, { 8, 133, 161 }, { 243, 243, 242 }, { 200, 200, 200 },
		{ 160, 160, 160 }, { 122, 122, 121 }, { 85, 85, 85 }, { 52, 52, 52 },
	};
	*w = 6 * 32, *h = 4 * 32;
	unsigned char *p = malloc((size_t)*w * *h * 3);
	for (unsigned y = 0; y < *h; y++)
		for (unsigned x = 0; x < *w; x++)
			memcpy(p + ((size_t)y * *w + x) * 3, pc[(y / 32) * 6 + x / 32], 3);
	return p;
}

/* A wide-gamut RGB profile (D50, ProPhoto-like primaries, gamma 1.8). */
static cmsHPROFILE wide_profile(void)
{
	cmsCIExyY white = { 0.3457, 0.3585, 1.0 };
	cmsCIExyYTRIPLE prim = { { 0.7347, 0.2653, 1.0 }, { 0.1596, 0.8404, 1.0 },
				 { 0.0366, 0.0001, 1.0 } };
	cmsToneCurve *g = cmsBuildGamma(NULL, 1.8);
	cmsToneCurve *curves[3] = { g, g, g };
	cmsHPROFILE p = cmsCreateRGBProfile(&white, &prim, curves);
	cmsFreeToneCurve(g);
	return p;
}

/* Serialise a profile. */
static struct bytes profile_bytes(cmsHPROFILE p)
{
	cmsUInt32Number n = 0;
	struct bytes b;
	cmsSaveProfileToMem(p, NULL, &n);
	b.d = malloc(n);
	b.n = n;
	cmsSaveProfileToMem(p, b.d, &n);
	cmsCloseProfile(p);
	return b;
}

/* Split a profile into APP2 ICC_PROFILE payloads of at most `chunk` bytes. */
static size_t icc_segments(const struct bytes *icc, size_t chunk, struct bytes *segs,
			   size_t max)
{
	size_t count = (icc->n + chunk - 1) / chunk;
	if (count > max || count > 255)
		die("profile too large for the chunk size");
	for (size_t i = 0; i < count; i++) {
		size_t off = i * chunk, n = icc->n - off < chunk ? icc->n - off : chunk;
		segs[i].n = 14 + n;
		segs[i].d = malloc(segs[i].n);
		memcpy(segs[i].d, "ICC_PROFILE", 12);
		segs[i].d[12] = (unsigned char)(i + 1);
		segs[i].d[13] = (unsigned char)count;
		memcpy(segs[i].d + 14, icc->d + off, n);
	}
	return count;
}

/* Encode the patch grid with a profile split into chunks (one chunk dropped
 * when `drop`, the tag table overwritten when `garbage`), after `fpxr`
 * other APP2 segments (FlashPix data, as some cameras write). */
static void make_icc(const char *out, size_t chunk, bool drop, bool garbage, size_t fpxr)
{
	struct bytes segs[255], icc = profile_bytes(wide_profile());
	struct source s;
	unsigned char *p = patches(&s.w, &s.h);
	s.rgb = p;
	if (garbage)
		memset(icc.d + 128, 0xee, icc.n - 128); /* tag table destroyed */
	for (size_t i = 0; i < fpxr && i < 128; i++)
		segs[i] = (struct bytes){ (unsigned char *)strdup("FPXR"), 5 };
	fpxr = fpxr < 128 ? fpxr : 128;
	size_t n = fpxr + icc_segments(&icc, chunk, segs + fpxr, 255 - fpxr);
	if (drop && n > 1) {
		free(segs[n - 2].d);
		segs[n - 2] = segs[n - 1];
		n--;
	}
	struct bytes j = encode(&s, 95, true, NULL, segs, n);
	save(out, j.d, j.n);
	for (size_t i = 0; i < n; i++)
		free(segs[i].d);
	free(icc.d);
	free(j.d);
	free(p);
}

/* A 64×48 picture behind n FlashPix-like APP2 segments of 65000 bytes. */
static void make_app_flood(const char *out, size_t n)
{
	struct bytes *segs = calloc(n ? n : 1, sizeof *segs);
	unsigned char *u = upright();
	struct source s = { u, UW, UH };

	for (size_t i = 0; i < n; i++) {
		segs[i].n = 65000;
		segs[i].d = calloc(1, segs[i].n);
		memcpy(segs[i].d, "FPXR", 5);
	}
	struct bytes j = encode(&s, 90, false, NULL, segs, n);
	save(out, j.d, j.n);
	for (size_t i = 0; i < n; i++)
		free(segs[i].d);
	free(segs);
	free(u);
	free(j.d);
}

/* A TIFF raw container: IFD0 with a small JPEG, a SubIFD with a large one. */
static void make_raw(const char *out)
{
	struct source s = { NULL, 640, 424 };
	struct bytes big = encode(&s, 90, false, NULL, NULL, 0);
	s.w = 160, s.h = 106;
	struct bytes small = encode(&s, 80, false, NULL, NULL, 0);
	size_t sensor = 4096, head = 8 + 2 + 12 * 4 + 4 + 2 + 12 * 3 + 4;
	size_t n = head + small.n + sensor + big.n;
	unsigned char *t = calloc(1, n), *p;
	uint32_t small_off = (uint32_t)head, big_off = (uint32_t)(head + small.n + sensor);
	memcpy(t, "II*\0", 4);
	le32(t + 4, 8);
	p = t + 8;
	le16(p, 4);
	p = entry(p + 2, 0x0112, 3, 1, 6);                  /* Orientation: rotate */
	p = entry(p, 0x014a, 4, 1, 8 + 2 + 48 + 4);        /* SubIFDs */
	p = entry(p, 0x0201, 4, 1, small_off);
	p = entry(p, 0x0202, 4, 1, (uint32_t)small.n);
	le32(p, 0);
	p += 4;
	le16(p, 3);
	p = entry(p + 2, 0x0103, 3, 1, 6);
	p = entry(p, 0x0201, 4, 1, big_off);
	p = entry(p, 0x0202, 4, 1, (uint32_t)big.n);
	le32(p, 8); /* a loop back to IFD0: the walker must not spin */
	memcpy(t + small_off, small.d, small.n);
	memset(t + small_off + small.n, 0x5a, sensor);
	memcpy(t + big_off, big.d, big.n);
	save(out, t, n);
	free(t);
	free(big.d);
	free(small.d);
}

/* A flat-colour JPEG of w×h, optionally with EXIF. */
static struct bytes flat(unsigned w, unsigned h, const unsigned char rgb[3],
			 const struct bytes *app1, int quality)
{
	unsigned char *p = malloc((size_t)w * h * 3);
	for (size_t i = 0; i < (size_t)w * h; i++)
		memcpy(p + i * 3, rgb, 3);
	struct source s = { p, w, h };
	struct bytes j = encode(&s, quality, false, app1, NULL, 0);
	free(p);
	return j;
}

/* Broken files: each must give a clear error, never a crash. */
static int make_broken(const char *kind, const char *out)
{
	struct source s = { NULL, 256, 160 };
	struct bytes j = encode(&s, 85, false, NULL, NULL, 0);
	if (strcmp(kind, "truncated") == 0) {
		save(out, j.d, j.n / 2);
	} else if (strcmp(kind, "corrupt") == 0) {
		for (size_t i = j.n / 3; i < j.n / 3 + 600 && i < j.n - 2; i++)
			j.d[i] = (unsigned char)(i * 37);
		save(out, j.d, j.n);
	} else if (strcmp(kind, "huge") == 0 || strcmp(kind, "big-header") == 0) {
		/* Patch the frame header to claim 65535×65535 (beyond libjpeg's
		 * limit) or 60000×40000 (within it, beyond ours). */
		bool huge = kind[0] == 'h';
		for (size_t i = 2; i + 9 < j.n; i++)
			if (j.d[i] == 0xff && (j.d[i + 1] == 0xc0 || j.d[i + 1] == 0xc2)) {
				j.d[i + 5] = huge ? 0xff : 0x9c, j.d[i + 6] = huge ? 0xff : 0x40;
				j.d[i + 7] = huge ? 0xff : 0xea, j.d[i + 8] = huge ? 0xff : 0x60;
				break;
			}
		save(out, j.d, j.n);
	} else if (strcmp(kind, "bogus-exif") == 0) {
		struct bytes e = exif_build(6, true, NULL);
		for (size_t i = 14; i + 4 <= e.n; i += 7)
			e.d[i] ^= 0xa5; /* scramble counts and offsets */
		le32(e.d + 6 + 4, 0xfffffff0u);
		free(j.d);
		j = flat(64, 48, (const unsigned char *)"\x50\x80\xb0", &e, 90);
		free(e.d);
		save(out, j.d, j.n);
	} else {
		free(j.d);
		return -1;
	}
	free(j.d);
	return 0;
}

/* Dispatch on the kind of fixture. */
int main(int argc, char **argv)
{
	if (argc < 3)
		die("usage: img-fixture KIND [ARGS] OUT (see the source)");
	const char *k = argv[1];
	if (strcmp(k, "upright") == 0) {
		unsigned char *u = upright();
		save_ppm(argv[2], u, UW, UH);
		free(u);
	} else if (strcmp(k, "orient") == 0 && argc >= 4) {
		unsigned char *u = upright();
		struct source s;
		unsigned char *st = stored_for(atoi(argv[2]), u, &s.w, &s.h);
		s.rgb = st;
		struct bytes e = exif_build(atoi(argv[2]), false, NULL);
		struct bytes j = encode(&s, 100, true, &e, NULL, 0);
		save(argv[3], j.d, j.n);
		free(u), free(st), free(e.d), free(j.d);
	} else if (strcmp(k, "patches") == 0) {
		unsigned w, h;
		unsigned char *p = patches(&w, &h);
		save_ppm(argv[2], p, w, h);
		free(p);
	} else if (strcmp(k, "adobe") == 0) {
		struct source s;
		unsigned char *p = patches(&s.w, &s.h);
		s.rgb = p;
		struct bytes e = exif_build(1, true, NULL);
		struct bytes j = encode(&s, 95, true, &e, NULL, 0);
		save(argv[2], j.d, j.n);
		free(p), free(e.d), free(j.d);
	} else if (strcmp(k, "icc") == 0) {
		make_icc(argv[2], argc > 3 ? (size_t)atoi(argv[3]) : 60000, false, false, 0);
	} else if (strcmp(k, "icc-fpxr") == 0) {
		make_icc(argv[2], 300, false, false, 70);
	} else if (strcmp(k, "app-flood") == 0 && argc >= 4) {
		make_app_flood(argv[3], (size_t)atoi(argv[2]));
	} else if (strcmp(k, "icc-missing") == 0) {
		make_icc(argv[2], 100, true, false, 0);
	} else if (strcmp(k, "bad-icc") == 0) {
		make_icc(argv[2], 60000, false, true, 0);
	} else if (strcmp(k, "adobe-profile") == 0 || strcmp(k, "wide-profile") == 0) {
		struct bytes b = profile_bytes(k[0] == 'a' ? img_adobe_rgb_profile() : wide_profile());
		save(argv[2], b.d, b.n);
		free(b.d);
	} else if ((strcmp(k, "photo") == 0 || strcmp(k, "progressive") == 0 ||
		    strcmp(k, "many-scans") == 0) && argc >= 5) {
		progressive = k[1] == 'r';
		many_scans = k[0] == 'm';
		struct source s = { NULL, (unsigned)atoi(argv[2]), (unsigned)atoi(argv[3]) };
		struct bytes j = encode(&s, argc > 5 ? atoi(argv[5]) : 90, false, NULL, NULL, 0);
		save(argv[4], j.d, j.n);
		free(j.d);
	} else if (strcmp(k, "thumb") == 0) {
		struct bytes t = flat(160, 120, (const unsigned char *)"\xe0\x20\x20", NULL, 90);
		struct bytes e = exif_build(1, false, &t);
		struct bytes j = flat(640, 480, (const unsigned char *)"\x80\x80\x80", &e, 90);
		save(argv[2], j.d, j.n);
		free(t.d), free(e.d), free(j.d);
	} else if (strcmp(k, "raw") == 0) {
		make_raw(argv[2]);
	} else if (make_broken(k, argv[2]) < 0) {
		die("unknown kind");
	}
	return 0;
}
