/* Events from the camera worker to the main loop: pure data.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An event owns every string and the config tree it points to (all copied,
 * never pointers into libgphoto2).  Strings that came from the camera are NOT
 * sanitised for display: the receiver passes them through sanitize_text()
 * before they reach a terminal (event_to_json() escapes them itself).
 * Any thread may create or free an event; one event is used by one thread at
 * a time (the worker hands it over through cam_worker_next_event()). */
#ifndef CAPA_EVENT_H
#define CAPA_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cam-config.h"

enum capa_event_type {
	EV_CONNECTED,        /* model, port, serial (may be NULL), message = library version */
	EV_DISCONNECTED,     /* message = reason */
	EV_CONFIG_TREE,      /* config = the whole widget tree (owned by the event) */
	EV_CONFIG_CHANGED,   /* key, value: a set succeeded or the camera changed it */
	EV_VALUE,            /* key, value: answer to a `get` */
	EV_CAPTURE_STARTED,  /* a capture command is being executed */
	EV_CAPTURE_DONE,     /* the capture and the event drain after it are over */
	EV_FILE_ADDED,       /* id, folder, name: the camera has a new object */
	EV_PROGRESS,         /* id, done, total (bytes; total is the camera's claim) */
	EV_FILE_SAVED,       /* id, folder, name, path, bytes, sha256, exif; deleted_on_camera */
	EV_FILE_FAILED,      /* id, folder, name, message (+ hint); the object is owed */
	EV_LOG,              /* level, message */
	EV_BATTERY,          /* value = the camera's battery text, e.g. "75%" */
	EV_STORAGE,          /* free_bytes, free_shots (-1 when unknown) */
	EV_ERROR,            /* what (short tag), message, hint: what to do about it */
	EV_CAPTURE_STOPPED,  /* `stop` ended a capture sequence: done = shots
			      * taken, total = shots asked, bytes = queued
			      * shots dropped; message says so */
	EV_QUIT,             /* the worker has stopped; no event follows */
	EV_TYPE_COUNT
};

enum capa_log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR };

/* What capa read from a saved file's EXIF; 0 / "" when absent. */
struct capa_exif {
	double exposure_s;  /* ExposureTime in seconds */
	double fnumber;     /* FNumber */
	int iso;            /* ISOSpeedRatings */
	double focal_mm;    /* FocalLength */
	char lens[96];      /* LensModel (raw bytes from the file, NUL-terminated) */
	int width, height;  /* PixelX/YDimension, else the JPEG frame size */
};

struct capa_event {
	enum capa_event_type type;
	uint64_t id;               /* file id (file-*, progress); unique per worker */
	char *model, *port, *serial;
	char *key, *value;
	char *folder, *name;       /* camera folder and object name (untrusted) */
	char *path;                /* local path of a saved file */
	char *what, *message, *hint;
	enum capa_log_level level;
	uint64_t done, total, bytes;
	char sha256[65];           /* lowercase hex, "" when not computed */
	struct capa_exif exif;
	bool deleted_on_camera;    /* file-saved: the camera copy was deleted */
	bool unjournaled;          /* file-saved: on disk but not (yet) in the
				    * journal; `retry` sends another file-saved */
	uint64_t elapsed_ms;       /* file-saved: download until durable, in ms */
	int64_t free_bytes, free_shots;
	struct cam_config *config; /* EV_CONFIG_TREE */
	int camera;                /* which camera (1, 2, ...) when capa drives
				    * several (--port given more than once);
				    * 0 with one */
	int64_t trigger_us;        /* file-saved of a capture: when its capture
				    * operation was sent (Unix time, µs); 0 for
				    * a shot taken on the body */
};

/* A new zeroed event of `type`; NULL on ENOMEM. */
struct capa_event *event_new(enum capa_event_type type);

/* Free an event and everything it owns; NULL is fine. */
void event_free(struct capa_event *ev);

/* Replace *field with a copy of s (NULL allowed).  Returns 0 or -1 (ENOMEM). */
int event_set(char **field, const char *s);

/* The stable JSON name of a type: "connected", "file-saved", ...
 * ("unknown" out of range). */
const char *event_type_name(enum capa_event_type type);

/* The type named `name` (event_type_name's inverse), or -1. */
int event_type_from_name(const char *name);

/* A level's name: "debug", "info", "warn", "error"; NULL out of range. */
const char *event_level_name(enum capa_log_level level);

/* The level named `name` (event_level_name's inverse), or -1. */
int event_level_from_name(const char *name);

/* One JSON object (no newline) describing `ev`, e.g.
 * {"event":"file-saved","id":3,"folder":"/store_00010001/DCIM/100CANON",
 *  "name":"IMG_0001.JPG","path":"/home/u/Pictures/capa/2026-11-26/IMG_0001.JPG",
 *  "bytes":123,"sha256":"..","exif":{...},"deleted":true}
 * Only fields meaningful for the type appear.  Malloc'd; NULL on ENOMEM. */
char *event_to_json(const struct capa_event *ev);

/* Append "exif":{exposure, fnumber, iso, focal, lens, width, height} to j
 * (the journal's and file-saved's EXIF summary). */
struct json_buf;
void event_exif_json(struct json_buf *j, const struct capa_exif *x);

#endif
