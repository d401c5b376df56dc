/* The settings commands: config dump, get, set, refresh, capturetarget.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cam-internal.h"
#include "cam-suggest.h"

/* Read the whole tree into w->config.  Returns a gp result. */
static int load_tree(struct cam_worker *w)
{
	CameraWidget *root = NULL;
	struct cam_config *c;
	int r;

	CAM_RETRY_BUSY(w, r, gp_camera_get_config(w->cam, &root, w->ctx));
	if (r < GP_OK)
		return r;
	c = cam_config_from_gp(root);
	gp_widget_free(root);
	if (!c)
		return GP_ERROR_NO_MEMORY;
	cam_config_free(w->config);
	w->config = c;
	w->config_dirty = false;
	return GP_OK;
}

/* Post an event carrying key and value. */
static void post_kv(struct cam_worker *w, enum capa_event_type t, const char *k, const char *v)
{
	struct capa_event *ev = event_new(t);
	if (!ev)
		return;
	event_set(&ev->key, k);
	event_set(&ev->value, v);
	cam_post(w, ev);
}

/* Post a refusal of a settings command; the hint says what x takes (in
 * words every front end can use: no command to run). */
static void refuse(struct cam_worker *w, const char *key, const struct cam_widget *x,
		   const char *msg)
{
	char takes[400], hint[480];
	struct capa_event *ev = event_new(EV_ERROR);
	if (!ev)
		return;
	cam_config_accepts(x, takes, sizeof takes);
	snprintf(hint, sizeof hint, "%s takes %s", x->name ? x->name : key, takes);
	event_set(&ev->what, "setting");
	event_set(&ev->key, key);
	event_set(&ev->message, msg);
	event_set(&ev->hint, takes[0] && x->name ? hint : NULL);
	cam_post(w, ev);
}

/* Refuse a setting the camera does not have, naming close matches:
 * what "unknown-setting", one event per command (front ends must not
 * answer it with another command about the same key). */
static void refuse_unknown(struct cam_worker *w, const char *key)
{
	char near[200], msg[300], hint[300];
	struct capa_event *ev = event_new(EV_ERROR);
	if (!ev)
		return;
	snprintf(msg, sizeof msg, "no such setting \"%.200s\"", key);
	if (cam_config_suggest(w->config, key, near, sizeof near) > 0)
		snprintf(hint, sizeof hint, "did you mean %s? (`config` lists every setting)", near);
	else
		snprintf(hint, sizeof hint, "`config` lists every setting");
	event_set(&ev->what, "unknown-setting");
	event_set(&ev->key, key);
	event_set(&ev->message, msg);
	event_set(&ev->hint, hint);
	cam_post(w, ev);
}

/* Load the settings tree for a command; false (error posted) when there
 * is no camera or it cannot be read. */
static bool tree_ready(struct cam_worker *w)
{
	int r;

	if (!w->cam)
		return false;
	r = load_tree(w);
	if (r < GP_OK) {
		cam_error(w, r, "reading the settings");
		return false;
	}
	return true;
}

void cam_config_dump(struct cam_worker *w)
{
	struct capa_event *ev;

	if (!tree_ready(w))
		return;
	ev = event_new(EV_CONFIG_TREE);
	if (!ev)
		return;
	ev->config = cam_config_dup(w->config);
	cam_post(w, ev);
}

void cam_config_get(struct cam_worker *w, const char *key)
{
	struct cam_widget *x;

	if (!tree_ready(w))
		return;
	x = cam_config_find(w->config, key);
	if (!x)
		refuse_unknown(w, key);
	else
		post_kv(w, EV_VALUE, x->name, x->value);
}

/* Post the refusal of a text the camera did not take: libgphoto2 2.5.30
 * reports success for a generic property (e.g. 501e) the camera refused. */
static void text_kept(struct cam_worker *w, const char *key, const char *sent, const char *kept)
{
	struct capa_event *ev = event_new(EV_ERROR);
	char msg[2400];

	if (!ev)
		return;
	/* the UI's own words for a value read back that is not the one sent */
	snprintf(msg, sizeof(msg), "the camera kept %.255s %s%.1000s, not %.1023s", key,
		 *kept ? "= " : "empty", kept, sent);
	event_set(&ev->what, "setting");
	event_set(&ev->key, key);
	event_set(&ev->message, msg);
	event_set(&ev->hint, "the camera refused this text (too long or not allowed)");
	cam_post(w, ev);
}

void cam_config_set(struct cam_worker *w, const char *key, const char *value)
{
	CameraWidget *gw = NULL;
	struct cam_widget model = { 0 };
	char canon[1024], err[512], doing[1400], k[256];
	int r;

	if (!w->cam)
		return;
	if (!w->config && load_tree(w) < GP_OK) {
		cam_error(w, GP_ERROR, "reading the settings");
		return;
	}
	struct cam_widget *x = cam_config_find(w->config, key);
	snprintf(k, sizeof(k), "%s", x ? x->name : key); /* a path is accepted too */
	CAM_RETRY_BUSY(w, r, gp_camera_get_single_config(w->cam, k, &gw, w->ctx));
	if (r < GP_OK && !x) {
		refuse_unknown(w, key);
		return;
	}
	if (r < GP_OK) {
		cam_error(w, r, "reading the setting");
		return;
	}
	if (cam_widget_from_gp(&model, gw, "", "") < 0 ||
	    cam_config_validate(&model, value, canon, sizeof(canon), err, sizeof(err)) < 0 ||
	    cam_widget_set_gp(gw, canon) < GP_OK) {
		refuse(w, key, &model, model.name ? err : "out of memory");
		goto out;
	}
	CAM_RETRY_BUSY(w, r, gp_camera_set_single_config(w->cam, k, gw, w->ctx));
	if (r < GP_OK) {
		snprintf(doing, sizeof(doing), "setting %s to %s", k, canon);
		cam_error(w, r, doing);
		goto out;
	}
	w->config_dirty = true;
	bool fresh = cam_config_refresh(w);
	x = cam_config_find(w->config, k);
	if (fresh && model.type == CW_TEXT && x && x->value && strcmp(x->value, canon) != 0)
		text_kept(w, k, canon, x->value);
	else /* say so even when the text set is the one the camera had */
		post_kv(w, EV_CONFIG_CHANGED, k, x && x->value ? x->value : canon);
out:
	if (gw)
		gp_widget_free(gw);
	cam_widget_clear(&model);
}

/* Post config-changed for every leaf of `now` whose value differs in `old`. */
static void diff(struct cam_worker *w, struct cam_config *old, const struct cam_widget *n)
{
	for (size_t i = 0; i < n->n_children; i++)
		diff(w, old, &n->children[i]);
	if (!n->value || !n->name || n->type == CW_DATE) /* the clock ticks */
		return;
	struct cam_widget *o = cam_config_find(old, n->path);
	if (o && o->value && strcmp(o->value, n->value) != 0)
		post_kv(w, EV_CONFIG_CHANGED, n->name, n->value);
}

bool cam_config_refresh(struct cam_worker *w)
{
	struct cam_config *old = w->config;
	int r;

	if (!w->cam)
		return false;
	w->config = NULL;
	r = load_tree(w);
	if (r < GP_OK) {
		w->config = old;
		w->config_dirty = false;
		return false;
	}
	if (old)
		diff(w, old, &w->config->root);
	cam_config_free(old);
	return true;
}

void cam_config_capturetarget(struct cam_worker *w)
{
	struct cam_widget *t;

	if (load_tree(w) < GP_OK)
		return;
	t = cam_config_find(w->config, "capturetarget");
	if (!t || t->readonly)
		return;
	for (size_t i = 0; i < t->n_choices; i++) {
		if (strcasestr(t->choices[i], "card")) {
			char c[256];
			snprintf(c, sizeof(c), "%s", t->choices[i]);
			cam_config_set(w, "capturetarget", c);
			return;
		}
	}
}
