/* Image previews: decode, orient, colour-manage and size one picture.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline (curses-free, used by the UI and by `capa --render`):
 *   file (JPEG, or a TIFF-based raw: NEF/CR2/ARW/DNG → its embedded JPEG)
 *   → libjpeg-turbo decode with DCT scaling to the smallest size not below
 *     the target → streaming area resample to the exact box (aspect kept)
 *   → EXIF Orientation 1–8 applied
 *   → lcms2: source = embedded ICC (APP2 reassembled + validated), else
 *     Adobe RGB (EXIF ColorSpace 0xFFFF + Interop "R03"), else sRGB;
 *     destination = sRGB or opts->display_profile; cached transforms
 *   → RGB888 buffer + histogram.
 *
 * Everything read is untrusted: sizes are bounded (IMG_MAX_PIXELS,
 * IMG_MAX_FILE), libjpeg's memory is capped, errors come back as text.
 * Thread safety: every function may be called from any thread; the
 * transform cache is internally locked.  Nothing here blocks except on the
 * file being read. */
#ifndef CAPA_IMG_PREVIEW_H
#define CAPA_IMG_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMG_MAX_PIXELS  (200u * 1000u * 1000u) /* source pixels accepted */
#define IMG_MAX_SIDE    65000u                 /* source side accepted */
#define IMG_MAX_BOX     4096u                  /* preview side produced (≤ 48 MiB a buffer; two while orienting) */
#define IMG_MAX_FILE    ((size_t)256 << 20)    /* bytes of one JPEG read */

enum img_intent {
	IMG_INTENT_PERCEPTUAL = 0, /* lcms2 INTENT_* values */
	IMG_INTENT_RELATIVE = 1,
	IMG_INTENT_SATURATION = 2,
	IMG_INTENT_ABSOLUTE = 3,
};

/* Where the colours of the source came from. */
enum img_colour_source {
	IMG_SRC_SRGB,       /* no tag: assumed sRGB */
	IMG_SRC_ADOBE_EXIF, /* EXIF ColorSpace=Uncalibrated + Interop R03 */
	IMG_SRC_ICC,        /* a valid embedded ICC profile */
};

struct img_opts {
	unsigned box_w, box_h;       /* fit inside this box (pixels, ≥ 1) */
	bool upscale;                /* grow images smaller than the box */
	const char *display_profile; /* ICC file of the display; NULL = sRGB */
	enum img_intent intent;
	bool source_values;          /* keep the file's own values (no colour
				      * transform): what the camera recorded */
	bool clip_mask;              /* also make img_preview.clip */
	bool skip_histogram;         /* leave img_preview.hist zero (nothing
				      * shows it, e.g. capa --render) */
};

struct img_histogram {
	uint32_t luma[256], r[256], g[256], b[256]; /* luma: Rec.709 weights */
	double clipped_high_pct; /* % of pixels with any channel at 255 */
	double clipped_low_pct;  /* % of pixels with every channel at 0 */
};

struct img_info {
	unsigned src_w, src_h;  /* stored (unrotated) size of the decoded JPEG */
	int orientation;        /* EXIF orientation applied, 1..8 */
	enum img_colour_source colour;
	bool from_thumbnail;    /* pixels came from the EXIF thumbnail */
	bool from_raw;          /* the JPEG was embedded in a raw container */
	bool icc_rejected;      /* an embedded profile was present but invalid */
};

/* A preview: w×h RGB888 pixels, rows packed (stride 3*w), malloc'd. */
struct img_preview {
	unsigned w, h;
	unsigned char *rgb;
	unsigned char *clip;    /* w×h IMG_CLIP_* of the file's own values
				 * (before colour management); NULL unless
				 * img_opts.clip_mask */
	struct img_histogram hist;
	struct img_info info;
};

/* Fill `o` with defaults: 640×480 box, no upscale, sRGB, perceptual. */
void img_opts_default(struct img_opts *o);

/* Parse "perceptual|relative|saturation|absolute"; -1 when unknown. */
int img_intent_parse(const char *name);

/* Defaults, then the user's display profile (NULL: sRGB) and intent name
 * (NULL or unknown: perceptual) — what --display-profile/--intent ask for. */
void img_opts_for(struct img_opts *o, const char *display_profile, const char *intent);

/* Load the full-quality preview of the file at `path`.  Returns 0 and fills
 * *out (free with img_preview_free), or -1 with a one-line reason in `err`
 * (without the path: callers prefix it). */
int img_load_preview(const char *path, const struct img_opts *opts,
		     struct img_preview *out, char *err, size_t errlen);

/* The same from bytes in memory (`data` is only read during the call). */
int img_load_preview_mem(const unsigned char *data, size_t len,
			 const struct img_opts *opts, struct img_preview *out,
			 char *err, size_t errlen);

/* Load only the EXIF thumbnail (milliseconds; show it first, then replace it
 * with img_load_preview's result); for a raw file without one, its smallest
 * embedded JPEG.  -1 when the file has none. */
int img_load_thumbnail(const char *path, const struct img_opts *opts,
		       struct img_preview *out, char *err, size_t errlen);
int img_load_thumbnail_mem(const unsigned char *data, size_t len,
			   const struct img_opts *opts, struct img_preview *out,
			   char *err, size_t errlen);

/* Free the pixels of `p` (safe on a zeroed or already freed preview). */
void img_preview_free(struct img_preview *p);

/* Compute the histogram of w×h RGB888 pixels into *h. */
void img_histogram_compute(const unsigned char *rgb, unsigned w, unsigned h,
			   struct img_histogram *hist);

#endif
