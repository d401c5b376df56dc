/* The files capa knows on the camera's card, and finding the ones whose
 * announcement got lost.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libgphoto2 reads the object info of every ObjectAdded inside
 * gp_camera_wait_for_event; when the camera answers DeviceBusy it drops
 * the object from its cache and returns GP_ERROR_CAMERA_BUSY: the shot
 * is never announced, and the open session will not list it either.  So
 * capa lists the card at each connect (the files it does not want), adds
 * every file it queues, and after such a loss reopens the camera and
 * queues each file it does not know.
 *
 * The names are kept in the session too (its card set for that camera):
 * a capa started again on the session (after SIGKILL: the ObjectAdded of
 * shots made during its last download were never read), or connecting
 * again after the camera was away (shots made meanwhile were announced
 * to nobody), queues the files the card has gained since. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cam-internal.h"

/* Bounds of a card walk: folders deep, files in all. */
#define SCAN_DEPTH 8
#define SCAN_MAX 100000

/* "folder/name" into a new string. */
static char *key(const char *folder, const char *name)
{
	size_t fl = strlen(folder), nl = strlen(name);
	char *k = malloc(fl + nl + 2);

	if (k) {
		memcpy(k, folder, fl);
		k[fl] = '/';
		memcpy(k + fl + 1, name, nl + 1);
	}
	return k;
}

/* qsort/bsearch order of keys. */
static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Forget every name. */
static void names_clear(struct cam_names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Is folder/name in the set? */
static bool names_has(struct cam_names *s, const char *folder, const char *name)
{
	char *k = key(folder, name);
	bool found;

	if (!k)
		return false;
	if (!s->sorted && s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_key);
	s->sorted = true;
	found = s->n && bsearch(&k, s->v, s->n, sizeof(*s->v), cmp_key);
	free(k);
	return found;
}

/* Add a key (taken) to a set; false when out of memory. */
static bool names_put(struct cam_names *s, char *k)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof(*v));
		if (!v) {
			free(k);
			return false;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = k;
	s->sorted = false;
	return true;
}

/* session_card_fn: one saved key into a set. */
static void saved_key(void *ud, const char *key)
{
	char *k = strdup(key);

	if (k)
		names_put(ud, k);
}

void cam_known_add(struct cam_worker *w, const char *folder, const char *name)
{
	char *k = key(folder, name);

	if (k && names_put(&w->known, k) && w->card_saved)
		session_card_append(w->session, cam_ledger_key(w), k);
}

/* What a card walk wants: every unknown file (announcements lost), or
 * those not in the session's saved card set (a capa before this one saw
 * the card), or none. */
struct scan {
	bool lost;
	struct cam_names *saved; /* NULL: no saved set */
	size_t shared;           /* files of the saved set still on the card */
	struct cam_names since;  /* files not in the saved set: decided after
				  * the walk (another card, or shots since) */
};

/* A file found on the card: known (added), or queued when announcements
 * were lost; one not in the saved set waits in sc->since.  Returns 1 when
 * queued. */
static int found(struct cam_worker *w, const char *folder, const char *name,
		 struct scan *sc)
{
	if (names_has(&w->known, folder, name))
		return 0;
	if (sc->lost) {
		cam_log(w, LOG_LVL_INFO, "%s/%s was not announced: downloading it", folder, name);
	} else if (sc->saved && !names_has(sc->saved, folder, name) && !strchr(folder, '\n') &&
		   !strchr(name, '\n')) {
		char *k = key(folder, name);
		if (k)
			names_put(&sc->since, k);
		return 0;
	} else {
		if (sc->saved)
			sc->shared++;
		cam_known_add(w, folder, name);
		return 0;
	}
	cam_queue_object(w, folder, name); /* adds it to the known names */
	return 1;
}

/* The camera's time of folder/name (CaptureDate, else ModificationDate),
 * 0 when unknown. */
static time_t file_time(struct cam_worker *w, const char *folder, const char *name)
{
	CameraFileInfo info;

	if (gp_camera_file_get_info(w->cam, folder, name, &info, w->ctx) < GP_OK ||
	    !(info.file.fields & GP_FILE_INFO_MTIME))
		return 0;
	return info.file.mtime;
}

/* Queue the files the card gained since the saved set.  A card that has
 * none of the saved set's files is another card (swapped, or formatted):
 * of its files only those made during this session's life come down (an
 * hour of slack for the camera's clock); older ones stay on it, said
 * once.  Returns the files queued. */
static int queue_since(struct cam_worker *w, struct scan *sc)
{
	time_t born = session_started(w->session), newest_old = 0;
	bool other_card = sc->saved && sc->saved->n && !sc->shared && born > 0;
	int queued = 0, old = 0;

	for (size_t i = 0; i < sc->since.n; i++) {
		char *k = sc->since.v[i], *slash = strrchr(k, '/');
		*slash = '\0';
		const char *folder = *k ? k : "/", *name = slash + 1;
		time_t t = other_card ? file_time(w, folder, name) : 0;
		if (other_card && t > 0 && t < born - 3600) {
			old++;
			newest_old = t > newest_old ? t : newest_old;
			cam_known_add(w, folder, name);
		} else {
			cam_log(w, LOG_LVL_INFO, "%s/%s came after the last capa on this session saw "
				"the card (or while the camera was away): downloading it", folder, name);
			cam_queue_object(w, folder, name);
			queued++;
		}
		*slash = '/';
	}
	if (old) {
		char when[32];
		struct tm tm;
		localtime_r(&newest_old, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		cam_log(w, LOG_LVL_WARN, "another card: %d file%s on it %s older than this session "
			"(the newest from %s): left on the card, not downloaded", old,
			old == 1 ? "" : "s", old == 1 ? "is" : "are", when);
	}
	return queued;
}

/* Walk folder: each file through found(), then each subfolder.  *budget
 * counts down the files a walk may look at.  Returns files queued. */
static int walk(struct cam_worker *w, const char *folder, int depth, struct scan *lost,
		long *budget)
{
	CameraList *l;
	int queued = 0, n;

	if (depth > SCAN_DEPTH || *budget <= 0 || gp_list_new(&l) < GP_OK)
		return 0;
	n = gp_camera_folder_list_files(w->cam, folder, l, w->ctx) < GP_OK ? 0 : gp_list_count(l);
	for (int i = 0; i < n && (*budget)-- > 0; i++) {
		const char *x = NULL;
		if (gp_list_get_name(l, i, &x) >= GP_OK && x)
			queued += found(w, folder, x, lost);
	}
	gp_list_reset(l);
	n = gp_camera_folder_list_folders(w->cam, folder, l, w->ctx) < GP_OK ? 0 : gp_list_count(l);
	for (int i = 0; i < n; i++) {
		const char *x = NULL;
		char sub[2048];
		if (gp_list_get_name(l, i, &x) < GP_OK || !x)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", strcmp(folder, "/") ? folder : "", x);
		queued += walk(w, sub, depth + 1, lost, budget);
	}
	gp_list_free(l);
	return queued;
}

void cam_scan_connected(struct cam_worker *w)
{
	long budget = SCAN_MAX;
	struct cam_names saved = { 0 };
	struct scan sc = { .lost = w->events_lost };
	const char *cam = cam_ledger_key(w);

	/* another camera (port): another card */
	if (!w->known_port || !w->cam_port || strcmp(w->known_port, w->cam_port) != 0) {
		names_clear(&w->known);
		free(w->known_port);
		w->known_port = w->cam_port ? strdup(w->cam_port) : NULL;
		sc.lost = false;
	}
	/* the session may have seen this card: a file it lacks came since
	 * (while capa was away from the camera, or before it started) */
	if (cam && session_card_read(w->session, cam, saved_key, &saved))
		sc.saved = &saved;
	w->events_lost = false;
	w->card_saved = false; /* the walk's names go in one write below */
	int n = walk(w, "/", 0, &sc, &budget);
	n += queue_since(w, &sc);
	names_clear(&sc.since);
	names_clear(&saved);
	if (sc.lost)
		cam_log(w, LOG_LVL_INFO, "%d file%s found that the camera announced while busy",
			n, n == 1 ? "" : "s");
	if (cam && budget > 0 && session_card_write(w->session, cam, w->known.v, w->known.n) == 0)
		w->card_saved = true;
}

void cam_rescan(struct cam_worker *w)
{
	char model[128], port[600];

	if (!w->events_lost || !w->cam || !w->cam_model || !w->cam_port)
		return;
	snprintf(model, sizeof(model), "%s", w->cam_model);
	snprintf(port, sizeof(port), "%s", w->cam_port);
	cam_log(w, LOG_LVL_WARN, "the camera was busy while announcing an event: reopening it "
		"to look for files it did not announce");
	cam_close(w);
	/* cam_connect lists the card (cam_scan_connected) and queues them */
	if (cam_connect(w, model, port) < 0)
		cam_post_disconnected(w, "the camera did not come back after a lost event");
}

void cam_known_free(struct cam_worker *w)
{
	names_clear(&w->known);
	free(w->known_port);
	w->known_port = NULL;
}
