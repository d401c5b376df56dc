/* Close matches for an unknown setting name.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define NORM_MAX 64
#define MAX_PICKS 3
#define NO_MATCH 1000

/* Words people type for the settings cameras name otherwise (both sides
 * normalised: lower case, letters and digits only). */
static const struct {
	const char *typed, *named;
} synonyms[] = {
	{ "aperture", "fnumber" }, { "fstop", "fnumber" }, { "f", "fnumber" },
	{ "fnumber", "aperture" }, { "fstop", "aperture" },
	{ "shutter", "shutterspeed" }, { "exposure", "shutterspeed" },
	{ "exposuretime", "shutterspeed" }, { "speed", "shutterspeed" },
	{ "tv", "shutterspeed" }, { "av", "fnumber" }, { "av", "aperture" },
	{ "wb", "whitebalance" }, { "ev", "exposurecompensation" },
	{ "exposurebias", "exposurecompensation" }, { "zoom", "focallength" },
	{ "focal", "focallength" }, { "quality", "imagequality" },
	{ "size", "imagesize" }, { "resolution", "imagesize" },
	{ "program", "expprogram" },
	{ "drive", "capturemode" }, { "flash", "flashmode" },
	{ "af", "focusmode" }, { "focus", "focusmode" },
	{ "battery", "batterylevel" }, { "iso", "isospeed" },
};

/* One candidate: its name, how close (lower is better). */
struct pick {
	const char *name;
	char label[NORM_MAX];
	int score;
};

/* Lower-case letters and digits of s into out. */
static void normalise(const char *s, char *out)
{
	size_t n = 0;
	for (; s && *s && n + 1 < NORM_MAX; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

/* Levenshtein distance of a and b (both shorter than NORM_MAX). */
static int distance(const char *a, const char *b)
{
	int row[NORM_MAX + 1];
	size_t la = strlen(a), lb = strlen(b);
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* Is `named` a synonym of what was typed? */
static int synonym(const char *typed, const char *named)
{
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (!strcmp(typed, synonyms[i].typed) && !strcmp(named, synonyms[i].named))
			return 1;
	return 0;
}

/* How close typed is to one normalised word of a setting; NO_MATCH if not. */
static int closeness(const char *typed, const char *word)
{
	size_t lt = strlen(typed), lw = strlen(word);
	if (!lw)
		return NO_MATCH;
	if (!strcmp(typed, word) || synonym(typed, word))
		return 0;
	if ((lt >= 3 && strstr(word, typed)) || (lw >= 3 && strstr(typed, word)))
		return 1;
	int d = distance(typed, word), allowed = (int)(lt > lw ? lt : lw) / 3;
	return d <= (allowed < 1 ? 1 : allowed) ? 1 + d : NO_MATCH;
}

/* Keep candidate w in picks (best first, ties in tree order) unless one
 * with the same label is kept already (a camera lists some twice). */
static void consider(struct pick *picks, int *n, const struct cam_widget *w, int score, const char *label)
{
	int at = 0;
	for (int i = 0; i < *n; i++)
		if (!strcmp(picks[i].label, label) || !strcmp(picks[i].name, w->name))
			return;
	while (at < *n && picks[at].score <= score)
		at++;
	if (at >= MAX_PICKS)
		return;
	for (int i = (*n < MAX_PICKS ? *n : MAX_PICKS - 1); i > at; i--)
		picks[i] = picks[i - 1];
	picks[at].name = w->name;
	picks[at].score = score;
	snprintf(picks[at].label, sizeof picks[at].label, "%s", label);
	if (*n < MAX_PICKS)
		(*n)++;
}

/* Walk the tree in order, scoring every leaf that has a value. */
static void walk(const struct cam_widget *w, const char *typed, struct pick *picks, int *n)
{
	if (w->type != CW_WINDOW && w->type != CW_SECTION && w->name && w->value) {
		char name[NORM_MAX], label[NORM_MAX];
		normalise(w->name, name);
		normalise(w->label, label);
		int a = closeness(typed, name), b = closeness(typed, label);
		int s = a < b ? a : b;
		if (s < NO_MATCH)
			consider(picks, n, w, s, label[0] ? label : name);
	}
	for (size_t i = 0; i < w->n_children; i++)
		walk(&w->children[i], typed, picks, n);
}

int cam_config_suggest(const struct cam_config *cfg, const char *key, char *out, size_t outlen)
{
	struct pick picks[MAX_PICKS];
	char typed[NORM_MAX];
	int n = 0;
	size_t used = 0;

	if (outlen)
		out[0] = '\0';
	normalise(key, typed);
	if (!cfg || !typed[0] || !outlen)
		return 0;
	walk(&cfg->root, typed, picks, &n);
	for (int i = 0; i < n && used < outlen; i++) {
		int w = snprintf(out + used, outlen - used, "%s%s", i ? " or " : "", picks[i].name);
		used += w > 0 ? (size_t)w : 0;
	}
	return n;
}
