/* libFuzzer target for the worker's event line (event-wire.c): the input
 * decoded as a line (event_wire_decode), and the input's bytes carried as
 * strings and numbers of an event that must come back unchanged.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR wire */
#include <math.h>
#include <string.h>

#include "event-wire.h"
#include "fuzz-util.h"

/* An accepted line gives an event whose own line is accepted and is a
 * fixed point: decode(encode(ev)) encodes to the same line. */
static void check_event(const struct capa_event *ev)
{
	char err[256], *line = event_wire_encode(ev), *again;
	struct capa_event *back;

	FUZZ_ASSERT(memchr(ev->sha256, 0, sizeof ev->sha256));
	FUZZ_ASSERT(!ev->sha256[0] || strlen(ev->sha256) == 64);
	FUZZ_ASSERT(memchr(ev->exif.lens, 0, sizeof ev->exif.lens));
	FUZZ_ASSERT((unsigned)ev->type < EV_TYPE_COUNT && (unsigned)ev->level <= LOG_LVL_ERROR);
	if (!line)
		return;
	FUZZ_ASSERT(!strchr(line, '\n'));
	back = event_wire_decode(line, strlen(line), err, sizeof err);
	if (!back)
		fprintf(stderr, "refused its own line (%s): %.300s\n", err, line);
	FUZZ_ASSERT(back);
	again = event_wire_encode(back);
	FUZZ_ASSERT(!again || strcmp(line, again) == 0);
	free(again);
	event_free(back);
	free(line);
}

/* Take n bytes of the input (fewer at its end) as a C string. */
static char *take(const uint8_t **p, size_t *left, size_t n)
{
	char *s;
	if (n > *left)
		n = *left;
	s = fuzz_cstr(*p, n);
	*p += n;
	*left -= n;
	return s;
}

/* Put the input's bytes into an event (strings cut at a NUL, doubles and
 * floats from raw bits): its line must decode to the same strings and
 * bits. */
static void carry(const uint8_t *data, size_t size)
{
	struct capa_event *ev = event_new(EV_CONFIG_TREE), *back;
	const uint8_t *p = data;
	size_t left = size;
	char err[256], *line;
	double d = 0;
	float f = 0;

	if (!ev)
		return;
	ev->message = take(&p, &left, left / 3);
	ev->name = take(&p, &left, left / 2);
	if (left >= sizeof d + sizeof f) {
		memcpy(&d, p, sizeof d);
		memcpy(&f, p + sizeof d, sizeof f);
	}
	ev->exif.exposure_s = d;
	ev->config = calloc(1, sizeof *ev->config);
	if (ev->config) {
		ev->config->root.min = f;
		ev->config->root.value = take(&p, &left, left);
	}
	line = event_wire_encode(ev);
	back = line ? event_wire_decode(line, strlen(line), err, sizeof err) : NULL;
	if (line && !back && strstr(err, "too long") == NULL)
		fprintf(stderr, "refused (%s): %.300s\n", err, line);
	FUZZ_ASSERT(!line || back || strstr(err, "too long"));
	if (back) {
		FUZZ_ASSERT(strcmp(ev->message, back->message) == 0);
		FUZZ_ASSERT(strcmp(ev->name, back->name) == 0);
		FUZZ_ASSERT(isnan(d) ? isnan(back->exif.exposure_s) && !signbit(d) == !signbit(back->exif.exposure_s)
				     : memcmp(&d, &back->exif.exposure_s, sizeof d) == 0);
		FUZZ_ASSERT(back->config);
		FUZZ_ASSERT(isnan(f) ? isnan(back->config->root.min)
				     : memcmp(&f, &back->config->root.min, sizeof f) == 0);
		FUZZ_ASSERT(!ev->config || strcmp(ev->config->root.value, back->config->root.value) == 0);
	}
	free(line);
	event_free(back);
	event_free(ev);
}

/* Decode the input as one line (a buffer of exactly its size, so a read
 * past the end is found), then carry its bytes through an event. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[128], *buf = fuzz_bytes(data, size);
	struct capa_event *ev;

	if (!buf)
		return 0;
	memset(err, 'Z', sizeof err);
	ev = event_wire_decode(buf, size, err, sizeof err);
	if (ev) {
		check_event(ev);
		event_free(ev);
	} else {
		FUZZ_ASSERT(memchr(err, 0, sizeof err) && *err);
		for (const char *e = err; *e; e++)
			FUZZ_ASSERT((unsigned char)*e >= 0x20 && *e != 0x7f);
	}
	free(buf);
	carry(data, size);
	return 0;
}
