/* Time the worker's event line (event-wire.c): encode + decode round trips
 * of a config tree and of a file-saved event.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   wire-bench check FILE   FILE holds one wire line (a config tree, e.g.
 *                           the simulator's, from headless `config` through
 *                           jq '{event, config: .tree}'): decode it, round
 *                           trip it, print its widget count; exit 1 if lost
 *   wire-bench time [FILE]  microseconds per round trip of FILE's event (if
 *                           given), of a built ~150-widget tree and of a
 *                           file-saved event */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event-wire.h"

/* Widgets in a subtree. */
static size_t count(const struct cam_widget *w)
{
	size_t n = 1;
	for (size_t i = 0; i < w->n_children; i++)
		n += count(&w->children[i]);
	return n;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d) {
		perror("wire-bench");
		exit(2);
	}
	return d;
}

/* A leaf of a built tree, like a DSLR's: radios of 30 choices, menus of
 * 10, ranges, texts, toggles. */
static void leaf(struct cam_widget *w, const char *sec, int i)
{
	char b[160];
	static const enum cam_widget_type types[] = { CW_RADIO, CW_RADIO, CW_MENU, CW_RANGE,
						      CW_TEXT, CW_TOGGLE };
	w->type = types[i % 6];
	snprintf(b, sizeof b, "setting%d", i);
	w->name = xstrdup(b);
	snprintf(b, sizeof b, "Setting number %d \xe2\x80\x94 %s", i, sec);
	w->label = xstrdup(b);
	snprintf(b, sizeof b, "/main/%s/setting%d", sec, i);
	w->path = xstrdup(b);
	w->section = xstrdup(sec);
	w->value = xstrdup(w->type == CW_RANGE ? "0.333333" : "Auto");
	w->min = -3.0f;
	w->max = 3.0f;
	w->step = 1.0f / 3;
	w->readonly = i % 7 == 0;
	if (w->type == CW_RADIO || w->type == CW_MENU) {
		w->n_choices = w->type == CW_RADIO ? 30 : 10;
		w->choices = calloc(w->n_choices, sizeof(char *));
		for (size_t k = 0; k < w->n_choices; k++) {
			snprintf(b, sizeof b, "Choice %zu", k);
			w->choices[k] = xstrdup(b);
		}
	}
}

/* The window, 6 sections of 25 leaves: 157 widgets. */
static struct capa_event *built_tree(void)
{
	static const char *const secs[] = { "actions", "settings", "status", "imgsettings",
					    "capturesettings", "other" };
	struct capa_event *ev = event_new(EV_CONFIG_TREE);
	struct cam_widget *root;

	ev->config = calloc(1, sizeof(*ev->config));
	root = &ev->config->root;
	root->name = xstrdup("main");
	root->label = xstrdup("Camera and Driver Configuration");
	root->path = xstrdup("/main");
	root->section = xstrdup("");
	root->n_children = 6;
	root->children = calloc(6, sizeof(struct cam_widget));
	for (int s = 0; s < 6; s++) {
		struct cam_widget *sw = &root->children[s];
		char b[64];
		sw->type = CW_SECTION;
		sw->name = xstrdup(secs[s]);
		sw->label = xstrdup(secs[s]);
		snprintf(b, sizeof b, "/main/%s", secs[s]);
		sw->path = xstrdup(b);
		sw->section = xstrdup("");
		sw->n_children = 25;
		sw->children = calloc(25, sizeof(struct cam_widget));
		for (int i = 0; i < 25; i++)
			leaf(&sw->children[i], secs[s], s * 25 + i);
	}
	return ev;
}

/* A file-saved event as the worker posts one. */
static struct capa_event *file_saved(void)
{
	struct capa_event *ev = event_new(EV_FILE_SAVED);
	ev->id = 1234;
	ev->folder = xstrdup("/store_00010001/DCIM/100CANON");
	ev->name = xstrdup("IMG_1234.CR3");
	ev->path = xstrdup("/home/user/Pictures/capa/2026-11-26/IMG_1234.CR3");
	ev->bytes = 31457280;
	strcpy(ev->sha256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	ev->exif.exposure_s = 1.0 / 250;
	ev->exif.fnumber = 5.6;
	ev->exif.iso = 400;
	ev->exif.focal_mm = 35;
	strcpy(ev->exif.lens, "RF24-70mm F2.8 L IS USM");
	ev->exif.width = 6000;
	ev->exif.height = 4000;
	ev->elapsed_ms = 412;
	return ev;
}

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Round trip ev for about half a second; print the figures. */
static int time_event(const char *what, const struct capa_event *ev)
{
	char err[256], *line = event_wire_encode(ev);
	size_t len = line ? strlen(line) : 0, n = 0;
	double enc = 0, dec = 0, t0 = now_us();

	if (!line)
		return 1;
	free(line);
	while (now_us() - t0 < 500000) {
		double a = now_us(), b, c;
		struct capa_event *back;
		line = event_wire_encode(ev);
		b = now_us();
		back = event_wire_decode(line, len, err, sizeof err);
		c = now_us();
		if (!back) {
			fprintf(stderr, "%s: refused: %s\n", what, err);
			return 1;
		}
		event_free(back);
		free(line);
		enc += b - a;
		dec += c - b;
		n++;
	}
	printf("%-22s %7zu bytes  encode %8.1f us  decode %8.1f us  round trip %8.1f us  (%zu runs)\n",
	       what, len, enc / n, dec / n, (enc + dec) / n, n);
	return 0;
}

/* The event of FILE's line, or NULL with a message. */
static struct capa_event *read_line(const char *path)
{
	static char buf[EVENT_WIRE_MAX + 2];
	char err[256];
	FILE *f = fopen(path, "r");
	size_t n;
	struct capa_event *ev;

	if (!f) {
		perror(path);
		return NULL;
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	ev = event_wire_decode(buf, n, err, sizeof err);
	if (!ev)
		fprintf(stderr, "%s: refused: %s\n", path, err);
	return ev;
}

/* Decode, encode, decode again: the two lines must be the same. */
static int check(const char *path)
{
	struct capa_event *ev = read_line(path), *back;
	char err[256], *a, *b;
	int rc;

	if (!ev)
		return 1;
	a = event_wire_encode(ev);
	back = a ? event_wire_decode(a, strlen(a), err, sizeof err) : NULL;
	b = back ? event_wire_encode(back) : NULL;
	rc = !(b && strcmp(a, b) == 0);
	printf("%s: %s, %zu widgets, %zu bytes on the wire%s\n", path, event_type_name(ev->type),
	       ev->config ? count(&ev->config->root) : 0, a ? strlen(a) : 0,
	       rc ? ": LOST in a round trip" : ", round trip exact");
	free(a);
	free(b);
	event_free(back);
	event_free(ev);
	return rc;
}

int main(int argc, char **argv)
{
	struct capa_event *ev;
	char what[64];
	int rc = 0;

	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return check(argv[2]);
	if (argc < 2 || strcmp(argv[1], "time") != 0 || argc > 3) {
		fprintf(stderr, "usage: wire-bench check FILE | wire-bench time [FILE]\n");
		return 2;
	}
	if (argc == 3) {
		if (!(ev = read_line(argv[2])))
			return 1;
		snprintf(what, sizeof what, "given line (%zu widgets)",
			 ev->config ? count(&ev->config->root) : 0);
		rc |= time_event(what, ev);
		event_free(ev);
	}
	ev = built_tree();
	snprintf(what, sizeof what, "tree (%zu widgets)", count(&ev->config->root));
	rc |= time_event(what, ev);
	event_free(ev);
	ev = file_saved();
	rc |= time_event("file-saved", ev);
	event_free(ev);
	return rc;
}
