/* Taking pictures: host captures (InitiateCapture) and body shots.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/capture.h"

#include "simcam/ptp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names a hostile (or buggy) camera gives its files. */
static const char *hostile_name(unsigned i, char *buf, size_t max)
{
	static const char *const names[] = {
		"../../x.jpg", "\x1b[31mred\x1b[0m\x1b]0;title\x07.JPG",
		"bell\x07\r\nline.JPG", "bad\xff\xfe\xc3utf8.JPG", NULL,
	};
	const char *n = names[i % 5];
	if (n)
		return n;
	memset(buf, 'A', max - 1);
	snprintf(buf + 196, max - 196, ".JPG");   /* 200 bytes in all */
	return buf;
}

/* Damage a JPEG the way the corrupt fault asks. */
static void corrupt(enum corrupt_kind k, unsigned char *d, size_t *n)
{
	if (k == CORRUPT_TRUNCATED) {
		*n = *n * 6 / 10;
	} else if (k == CORRUPT_GARBAGE) {
		uint32_t x = 0x9e3779b9u;
		for (size_t i = *n * 4 / 10; i < *n * 6 / 10; i++) {
			x = x * 1664525u + 1013904223u;
			d[i] = (unsigned char)(x >> 24);
		}
	} else if (k == CORRUPT_HUGE) {
		for (size_t i = 2; i + 9 < *n && d[i] == 0xff;) {
			unsigned m = d[i + 1];
			if (m == 0xc0 || m == 0xc1 || m == 0xc2) {
				d[i + 5] = d[i + 6] = d[i + 7] = d[i + 8] = 0xff;
				return;
			}
			i += 2 + (size_t)(d[i + 2] << 8 | d[i + 3]);
		}
	}
}

/* Fill shot parameters from the current properties. */
static void params_from_props(const struct simcam *sc, struct shot_params *p)
{
	memset(p, 0, sizeof(*p));
	props_image_size(&sc->props, &p->width, &p->height);
	p->seq = sc->shot_seq;
	p->exposure_s = (double)props_num(&sc->props, DPC_ExposureTime) / 10000.0;
	p->fnumber = (double)props_num(&sc->props, DPC_FNumber) / 100.0;
	p->iso = (unsigned)props_num(&sc->props, DPC_ExposureIndex);
	p->focal_mm = (double)props_num(&sc->props, DPC_FocalLength) / 100.0;
	p->bias_ev = (double)(int16_t)props_num(&sc->props, DPC_ExposureBiasCompensation) / 1000.0;
	p->when = props_now(&sc->props);
	p->orientation = 1;
	p->colour = sc->colour;
	p->make = "capa";
	p->model = "SimCam";
	static const int q[] = { 60, 80, 92 };
	int64_t c = props_num(&sc->props, DPC_CompressionSetting);
	p->quality = sc->quality ? sc->quality : q[c >= 0 && c <= 2 ? c : 2];
}

/* Announce a full card. */
static int card_full(struct simcam *sc)
{
	simcam_log(sc, "card full: no shot");
	simcam_event(sc, EC_StoreFull, SIM_STORAGE_ID);
	return 0;
}

/* Add the raw companion of a JPEG shot; returns its handle, 0 if none. */
static uint32_t add_raw(struct simcam *sc, const struct shot_params *p, const unsigned char *jpeg,
			size_t jlen, const struct sc_object *jo, const char *stem)
{
	unsigned char *raw;
	size_t rlen;
	if (shot_raw(p, jpeg, jlen, &raw, &rlen) < 0)
		return 0;
	char name[64];
	snprintf(name, sizeof(name), "%s.%s", stem, shot_raw_extension());
	struct sc_object *ro = store_add(&sc->store, name, OFC_Undefined, raw, rlen, p->when);
	if (!ro)
		return 0;
	ro->width = p->width;
	ro->height = p->height;
	if (jo->thumb && (ro->thumb = malloc(jo->thumb_size))) {
		memcpy(ro->thumb, jo->thumb, jo->thumb_size);
		ro->thumb_size = jo->thumb_size;
		ro->thumb_w = jo->thumb_w;
		ro->thumb_h = jo->thumb_h;
	}
	return ro->handle;
}

int capture_shot(struct simcam *sc, uint32_t *companion)
{
	struct shot_params p;
	params_from_props(sc, &p);
	if (sc->f.card_full || store_used(&sc->store) >= sc->store.capacity)
		return card_full(sc);
	unsigned char *jpeg;
	size_t jlen;
	if (shot_jpeg(&p, &jpeg, &jlen) < 0) {
		fprintf(stderr, "capa-simcam: cannot make a %ux%u shot\n", p.width, p.height);
		return 0;
	}
	unsigned seq = ++sc->shot_seq;
	char stem[32], name[64], hbuf[201];
	snprintf(stem, sizeof(stem), "SIM_%04u", seq % 10000);
	snprintf(name, sizeof(name), "%s.JPG", stem);
	char *given = NULL;
	if (sc->f.n_names) {
		given = sc->f.names[0];
		memmove(sc->f.names, sc->f.names + 1, --sc->f.n_names * sizeof(char *));
	}
	const char *jname = given ? given
		: sc->f.hostile_names ? hostile_name(sc->f.hostile_seq++, hbuf, sizeof(hbuf)) : name;
	unsigned char *raw_src = NULL;
	size_t raw_len = jlen;
	if (sc->raw && (raw_src = malloc(jlen)))
		memcpy(raw_src, jpeg, jlen);
	corrupt(sc->f.corrupt, jpeg, &jlen);
	struct sc_object *jo = store_add(&sc->store, jname, OFC_EXIF_JPEG, jpeg, jlen, p.when);
	free(given);
	if (!jo) {
		free(raw_src);
		return 0;
	}
	if (!jo->width) {
		jo->width = p.width;
		jo->height = p.height;
	}
	simcam_log(sc, "shot %u: handle %u, %zu bytes", seq, jo->handle, jlen);
	simcam_event(sc, EC_ObjectAdded, jo->handle);
	int n = 1;
	uint32_t raw = raw_src ? add_raw(sc, &p, raw_src, raw_len, jo, stem) : 0;
	free(raw_src);
	if (raw && companion)
		*companion = raw;
	else if (raw)
		simcam_event(sc, EC_ObjectAdded, raw);
	return n + (raw != 0);
}

/* Milliseconds until `due` (0 when past, at most a minute). */
static int until(int64_t due)
{
	int64_t d = due - simcam_now_ms();
	return d <= 0 ? 0 : d > 60000 ? 60000 : (int)d;
}

int capture_wait(const struct simcam *sc)
{
	int w = -1;

	if (sc->pending_shots)
		return 0;
	if (sc->pending_captures)
		w = until(sc->capture_due_ms);
	if (sc->n_late_raw && (w < 0 || until(sc->late_raw_due_ms) < w))
		w = until(sc->late_raw_due_ms);
	return w;
}

/* Announce the RAW companions of a capture: now, or raw_delay_ms later
 * (some bodies write the raw file well after CaptureComplete). */
static void announce_raw(struct simcam *sc, const uint32_t *raw, int n)
{
	if (!sc->n_late_raw) /* earlier ones keep their time */
		sc->late_raw_due_ms = simcam_now_ms() + sc->raw_delay_ms;
	for (int i = 0; i < n; i++) {
		if (!raw[i])
			continue;
		if (!sc->raw_delay_ms)
			simcam_event(sc, EC_ObjectAdded, raw[i]);
		else if (sc->n_late_raw < sizeof(sc->late_raw) / sizeof(sc->late_raw[0]))
			sc->late_raw[sc->n_late_raw++] = raw[i];
	}
}

/* Announce late companions whose time has come. */
static void late_raw_step(struct simcam *sc)
{
	if (!sc->n_late_raw || sc->late_raw_due_ms > simcam_now_ms())
		return;
	for (unsigned i = 0; i < sc->n_late_raw; i++)
		simcam_event(sc, EC_ObjectAdded, sc->late_raw[i]);
	sc->n_late_raw = 0;
}

void capture_step(struct simcam *sc)
{
	late_raw_step(sc);
	if (sc->pending_captures && capture_wait(sc) == 0 &&
	    sc->capture_due_ms <= simcam_now_ms()) {
		sc->pending_captures--;
		sc->capture_due_ms = simcam_now_ms() + sc->capture_delay_ms;
		int burst = props_num(&sc->props, DPC_StillCaptureMode) == 2 ? 3 : 1;
		int made = 0;
		uint32_t raw[3] = { 0 };
		for (int i = 0; i < burst; i++)
			made += capture_shot(sc, &raw[i]);
		if (made)
			simcam_event(sc, EC_CaptureComplete, 0);
		/* Companions come after CaptureComplete, as on many bodies: a
		 * generic libgphoto2 capture returns the JPEG, and the raw file
		 * arrives as a later FILE_ADDED event. */
		announce_raw(sc, raw, burst);
	} else if (sc->pending_shots) {
		sc->pending_shots--;
		capture_shot(sc, NULL);
		sc->body_done++;
	}
}
