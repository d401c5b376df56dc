/* libFuzzer target for everything that parses untrusted image bytes:
 * JPEG decode (DCT scaling, resample, orientation), EXIF (libexif), ICC
 * reassembly and validation, the raw/TIFF IFD walk (in memory and, through a
 * memfd, the pread path), colour transforms, and terminal probe replies.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR, then OUTDIR/fuzz-img CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "img-exif.h"
#include "img-icc.h"
#include "img-preview.h"
#include "img-tiff.h"
#include "term-probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load a raw file through the file path (pread of the IFDs and previews). */
static void load_through_fd(const uint8_t *data, size_t size, const struct img_opts *o)
{
	struct img_preview p;
	char err[256], path[64];
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (img_load_preview(path, o, &p, err, sizeof err) == 0)
			img_preview_free(&p);
		if (img_load_thumbnail(path, o, &p, err, sizeof err) == 0)
			img_preview_free(&p);
	}
	close(fd);
}

/* Feed one input to each parser. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct img_opts o;
	struct img_preview p;
	struct img_tiff_jpeg t;
	struct img_exif e;
	char err[256];

	img_opts_default(&o);
	o.box_w = 48, o.box_h = 48;
	if (img_load_preview_mem(data, size, &o, &p, err, sizeof err) == 0)
		img_preview_free(&p);
	if (img_load_thumbnail_mem(data, size, &o, &p, err, sizeof err) == 0)
		img_preview_free(&p);
	img_tiff_find_jpeg(data, size, &t, err, sizeof err);
	if (img_is_tiff(data, size))
		load_through_fd(data, size, &o);
	struct term_caps caps;
	term_caps_default(&caps, -1);
	term_probe_parse((const char *)data, size, &caps);
	img_icc_validate(data, size, err, sizeof err);
	if (size < 60000) {
		unsigned char *app1 = malloc(size + 6);
		if (app1) {
			memcpy(app1, "Exif\0\0", 6);
			memcpy(app1 + 6, data, size);
			img_exif_parse(app1, size + 6, &e);
			img_exif_free(&e);
			free(app1);
		}
	}
	return 0;
}
