/* mkshot: write a synthetic capa-simcam shot (JPEG, optionally raw) to files,
 * so tests can make fixtures instead of committing binary images.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: mkshot [--size WxH] [--seq N] [--iso N] [--orientation 1..8]
 *               [--colour srgb|adobe-exif|adobe-icc] [--exposure S]
 *               [--fnumber F] [--focal MM] [--bias EV] [--when EPOCH]
 *               [--make S] [--model S] [--quality Q] [--raw RAWOUT] OUT.jpg
 * Prints nothing on success; exits 2 on bad usage, 1 on failure. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Unit tests and tools link only capa's objects, so the simulator's shot
 * code is compiled in here. */
#include "simcam/shot.c"
#include "simcam/shot-colour.c"
#include "simcam/shot-exif.c"
#include "simcam/shot-raw.c"
#include "simcam/shot-scene.c"

/* Write `len` bytes to `path`.  Returns 0 or -1. */
static int write_file(const char *path, const unsigned char *b, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (fwrite(b, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

/* Print the usage line to `f`. */
static void usage(FILE *f)
{
	fputs("usage: mkshot [--size WxH] [--seq N] [--iso N] [--orientation 1..8]\n"
	      "  [--colour srgb|adobe-exif|adobe-icc] [--exposure S] [--fnumber F]\n"
	      "  [--focal MM] [--bias EV] [--when EPOCH] [--make S] [--model S]\n"
	      "  [--quality Q] [--raw RAWOUT] OUT.jpg\n", f);
}

/* Parse one option into `p` (or `raw`).  Returns 0, or -1 on a bad value. */
static int parse_opt(int c, const char *arg, struct shot_params *p, const char **raw)
{
	char *end = NULL;

	errno = 0;
	switch (c) {
	case 's': return sscanf(arg, "%ux%u", &p->width, &p->height) == 2 ? 0 : -1;
	case 'n': p->seq = (unsigned)strtoul(arg, &end, 10); break;
	case 'i': p->iso = (unsigned)strtoul(arg, &end, 10); break;
	case 'o': p->orientation = (int)strtol(arg, &end, 10); break;
	case 'e': p->exposure_s = strtod(arg, &end); break;
	case 'f': p->fnumber = strtod(arg, &end); break;
	case 'l': p->focal_mm = strtod(arg, &end); break;
	case 'b': p->bias_ev = strtod(arg, &end); break;
	case 'w': p->when = (time_t)strtoll(arg, &end, 10); break;
	case 'q': p->quality = (int)strtol(arg, &end, 10); break;
	case 'M': p->make = arg; return 0;
	case 'm': p->model = arg; return 0;
	case 'r': *raw = arg; return 0;
	case 'c':
		if (!strcmp(arg, "srgb"))
			p->colour = SHOT_SRGB;
		else if (!strcmp(arg, "adobe-exif"))
			p->colour = SHOT_ADOBE_EXIF;
		else if (!strcmp(arg, "adobe-icc"))
			p->colour = SHOT_ADOBE_ICC;
		else
			return -1;
		return 0;
	default: return -1;
	}
	return errno || !end || *end || end == arg ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", 1, NULL, 's' }, { "seq", 1, NULL, 'n' }, { "iso", 1, NULL, 'i' },
		{ "orientation", 1, NULL, 'o' }, { "colour", 1, NULL, 'c' },
		{ "color", 1, NULL, 'c' }, { "exposure", 1, NULL, 'e' },
		{ "fnumber", 1, NULL, 'f' }, { "focal", 1, NULL, 'l' },
		{ "bias", 1, NULL, 'b' }, { "when", 1, NULL, 'w' }, { "make", 1, NULL, 'M' },
		{ "model", 1, NULL, 'm' }, { "quality", 1, NULL, 'q' },
		{ "raw", 1, NULL, 'r' }, { "help", 0, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct shot_params p = {
		.width = 640, .height = 480, .seq = 1, .exposure_s = 1.0 / 125,
		.fnumber = 5.6, .iso = 200, .focal_mm = 35, .bias_ev = 0,
		.when = 1700000000, .orientation = 1, .colour = SHOT_SRGB,
		.make = "Capa", .model = "SimCam 1", .quality = 0,
	};
	const char *raw = NULL;
	unsigned char *jpeg = NULL, *rawb = NULL;
	size_t jlen = 0, rlen = 0;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		if (c == '?' || parse_opt(c, optarg, &p, &raw) < 0) {
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (shot_jpeg(&p, &jpeg, &jlen) < 0) {
		fprintf(stderr, "mkshot: shot_jpeg: %s\n", strerror(errno));
		return 1;
	}
	if (write_file(argv[optind], jpeg, jlen) < 0) {
		fprintf(stderr, "mkshot: %s: %s\n", argv[optind], strerror(errno));
		free(jpeg);
		return 1;
	}
	if (raw && (shot_raw(&p, jpeg, jlen, &rawb, &rlen) < 0 ||
		    write_file(raw, rawb, rlen) < 0)) {
		fprintf(stderr, "mkshot: %s: %s\n", raw, strerror(errno));
		free(jpeg);
		free(rawb);
		return 1;
	}
	free(jpeg);
	free(rawb);
	return 0;
}
