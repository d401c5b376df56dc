/* The simulated memory card: folders and objects, in memory or in --store DIR.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handles 1 and 2 are the folders DCIM and DCIM/100SIMCM; shots get
 * increasing handles from 3.  Object names are whatever the camera reports
 * (possibly hostile); files in DIR get a sanitised name. */
#ifndef SIMCAM_STORE_H
#define SIMCAM_STORE_H

#include "simcam/buf.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define STORE_DCIM   1u
#define STORE_FOLDER 2u

struct sc_object {
	uint32_t handle, parent;   /* parent 0: root of the storage */
	uint16_t format;           /* PTP object format code */
	char *name;
	unsigned char *data;       /* contents, or NULL when kept in `path` */
	size_t size;
	char *path;                /* file in the store directory, or NULL */
	unsigned char *thumb;      /* JPEG thumbnail, or NULL */
	size_t thumb_size;
	unsigned width, height, thumb_w, thumb_h;
	time_t when;
};

struct store {
	struct sc_object **obj;
	size_t n;
	uint32_t next_handle;
	char *dir;                 /* --store DIR, or NULL */
	uint64_t capacity;         /* bytes on the simulated card */
};

/* Create the two folders; `dir` (may be NULL) is copied. */
void store_init(struct store *st, const char *dir, uint64_t capacity);
void store_free(struct store *st);
/* Put the files already in the store directory on the card, as a real card
 * keeps its files across power cycles (sorted by name; hidden files and
 * anything but regular files skipped).  Returns the highest NNNN of names
 * SIM_NNNN.* found (0 if none) so new shots do not reuse a name, or -1 if
 * the directory cannot be read. */
int store_load(struct store *st);
/* Add a file object under DCIM/100SIMCM, taking ownership of `data`
 * (malloc'd).  Writes it into the store directory when there is one.
 * Returns the object, or NULL (data freed) on error. */
struct sc_object *store_add(struct store *st, const char *name, uint16_t format,
			    unsigned char *data, size_t size, time_t when);
struct sc_object *store_find(const struct store *st, uint32_t handle);
/* Remove a file object.  Returns 0, or -1 if it is unknown or a folder. */
int store_delete(struct store *st, uint32_t handle);
/* Append `len` bytes from `off` of the object's contents to `out`
 * (fewer at the end).  Returns the number appended, or -1 on I/O error. */
long store_read(const struct sc_object *o, uint64_t off, size_t len, struct buf *out);
/* Bytes used by all objects. */
uint64_t store_used(const struct store *st);

#endif
