/* Run a file through the preview pipeline (img_load_preview) to a PPM.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * usage: img-topnm IN OUT.ppm [-w W] [-h H] [-u] [-t] [-p PROFILE] [-i INTENT]
 *   -u upscale to the box, -t EXIF thumbnail only.
 * Prints "w h orientation colour from_thumbnail from_raw icc_rejected
 * clipped_high%" on success; the error on stderr and status 1 otherwise. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "img-preview.h"
#include "img-ppm.h"

int main(int argc, char **argv)
{
	struct img_opts o;
	struct img_preview p;
	char err[256];
	int c, thumb = 0;

	img_opts_default(&o);
	while ((c = getopt(argc, argv, "w:h:utp:i:")) != -1) {
		switch (c) {
		case 'w': o.box_w = (unsigned)atoi(optarg); break;
		case 'h': o.box_h = (unsigned)atoi(optarg); break;
		case 'u': o.upscale = true; break;
		case 't': thumb = 1; break;
		case 'p': o.display_profile = optarg; break;
		case 'i': o.intent = (enum img_intent)img_intent_parse(optarg); break;
		default: return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: img-topnm IN OUT.ppm [options]\n");
		return 2;
	}
	int rc = thumb ? img_load_thumbnail(argv[optind], &o, &p, err, sizeof err)
		       : img_load_preview(argv[optind], &o, &p, err, sizeof err);
	if (rc < 0) {
		fprintf(stderr, "img-topnm: %s\n", err);
		return 1;
	}
	static const char *const src[] = { "srgb", "adobe", "icc" };
	printf("%u %u %d %s %d %d %d %.2f\n", p.w, p.h, p.info.orientation,
	       src[p.info.colour], p.info.from_thumbnail, p.info.from_raw,
	       p.info.icc_rejected, p.hist.clipped_high_pct);
	rc = ppm_write(argv[optind + 1], p.rgb, p.w, p.h);
	img_preview_free(&p);
	return rc < 0;
}
