/* Events from the camera worker: construction, freeing, JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"

static const char *const names[EV_TYPE_COUNT] = {
	[EV_CONNECTED] = "connected",
	[EV_DISCONNECTED] = "disconnected",
	[EV_CONFIG_TREE] = "config-tree",
	[EV_CONFIG_CHANGED] = "config-changed",
	[EV_VALUE] = "value",
	[EV_CAPTURE_STARTED] = "capture-started",
	[EV_CAPTURE_DONE] = "capture-done",
	[EV_FILE_ADDED] = "file-added",
	[EV_PROGRESS] = "progress",
	[EV_FILE_SAVED] = "file-saved",
	[EV_FILE_FAILED] = "file-failed",
	[EV_LOG] = "log",
	[EV_BATTERY] = "battery",
	[EV_STORAGE] = "storage",
	[EV_ERROR] = "error",
	[EV_CAPTURE_STOPPED] = "capture-stopped",
	[EV_QUIT] = "quit",
};

static const char *const levels[] = { "debug", "info", "warn", "error" };

const char *event_type_name(enum capa_event_type type)
{
	return (unsigned)type < EV_TYPE_COUNT ? names[type] : "unknown";
}

int event_type_from_name(const char *name)
{
	for (int t = 0; t < EV_TYPE_COUNT; t++)
		if (strcmp(names[t], name) == 0)
			return t;
	return -1;
}

const char *event_level_name(enum capa_log_level level)
{
	return (unsigned)level < sizeof(levels) / sizeof(levels[0]) ? levels[level] : NULL;
}

int event_level_from_name(const char *name)
{
	for (size_t l = 0; l < sizeof(levels) / sizeof(levels[0]); l++)
		if (strcmp(levels[l], name) == 0)
			return (int)l;
	return -1;
}

struct capa_event *event_new(enum capa_event_type type)
{
	struct capa_event *ev = calloc(1, sizeof(*ev));
	if (ev)
		ev->type = type;
	return ev;
}

void event_free(struct capa_event *ev)
{
	if (!ev)
		return;
	free(ev->model);
	free(ev->port);
	free(ev->serial);
	free(ev->key);
	free(ev->value);
	free(ev->folder);
	free(ev->name);
	free(ev->path);
	free(ev->what);
	free(ev->message);
	free(ev->hint);
	cam_config_free(ev->config);
	free(ev);
}

int event_set(char **field, const char *s)
{
	char *d = NULL;
	if (s && !(d = strdup(s)))
		return -1;
	free(*field);
	*field = d;
	return 0;
}

/* Write "key":"value" only when the string is set. */
static void opt_str(struct json_buf *j, const char *k, const char *v)
{
	if (v)
		json_kv_str(j, k, v);
}

void event_exif_json(struct json_buf *j, const struct capa_exif *x)
{
	json_key(j, "exif");
	json_open(j, '{');
	json_kv_double(j, "exposure", x->exposure_s);
	json_kv_double(j, "fnumber", x->fnumber);
	json_kv_int(j, "iso", x->iso);
	json_kv_double(j, "focal", x->focal_mm);
	json_kv_str(j, "lens", x->lens);
	json_kv_int(j, "width", x->width);
	json_kv_int(j, "height", x->height);
	json_close(j, '}');
}

/* Fields of the file-related events. */
static void file_json(struct json_buf *j, const struct capa_event *ev)
{
	json_kv_uint(j, "id", ev->id);
	opt_str(j, "folder", ev->folder);
	opt_str(j, "name", ev->name);
	if (ev->type == EV_PROGRESS) {
		json_kv_uint(j, "done", ev->done);
		json_kv_uint(j, "total", ev->total);
	}
	if (ev->type == EV_FILE_SAVED) {
		json_kv_str(j, "path", ev->path);
		json_kv_uint(j, "bytes", ev->bytes);
		json_kv_str(j, "sha256", ev->sha256);
		event_exif_json(j, &ev->exif);
		json_kv_bool(j, "deleted", ev->deleted_on_camera);
		json_kv_bool(j, "journaled", !ev->unjournaled);
		json_kv_uint(j, "ms", ev->elapsed_ms);
		if (ev->trigger_us)
			json_kv_int(j, "trigger_us", ev->trigger_us);
	}
}

char *event_to_json(const struct capa_event *ev)
{
	struct json_buf j;

	json_init(&j);
	json_open(&j, '{');
	json_kv_str(&j, "event", event_type_name(ev->type));
	if (ev->camera) /* several cameras: which one */
		json_kv_int(&j, "camera", ev->camera);
	switch (ev->type) {
	case EV_FILE_ADDED:
	case EV_PROGRESS:
	case EV_FILE_SAVED:
	case EV_FILE_FAILED:
		file_json(&j, ev);
		break;
	case EV_STORAGE:
		json_kv_int(&j, "free_bytes", ev->free_bytes);
		json_kv_int(&j, "free_shots", ev->free_shots);
		break;
	case EV_CAPTURE_STOPPED:
		json_kv_uint(&j, "taken", ev->done);
		json_kv_uint(&j, "count", ev->total);
		json_kv_uint(&j, "dropped", ev->bytes);
		break;
	case EV_LOG:
		json_kv_str(&j, "level", levels[ev->level <= LOG_LVL_ERROR ? ev->level : 0]);
		break;
	case EV_CONFIG_TREE:
		if (ev->config) {
			json_key(&j, "tree");
			cam_widget_to_json(&j, &ev->config->root);
		}
		break;
	default:
		break;
	}
	opt_str(&j, "model", ev->model);
	opt_str(&j, "port", ev->port);
	opt_str(&j, "serial", ev->serial);
	opt_str(&j, "key", ev->key);
	opt_str(&j, "value", ev->value);
	opt_str(&j, "what", ev->what);
	opt_str(&j, "message", ev->message);
	opt_str(&j, "hint", ev->hint);
	json_close(&j, '}');
	return json_finish(&j);
}
