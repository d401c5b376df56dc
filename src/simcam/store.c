/* The simulated memory card: folders and objects, in memory or in --store DIR.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/store.h"

#include "simcam/ptp.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <libexif/exif-data.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Append an object to the list. */
static struct sc_object *append(struct store *st, uint32_t parent, const char *name,
				uint16_t format)
{
	struct sc_object **v = realloc(st->obj, (st->n + 1) * sizeof(*v));
	struct sc_object *o = calloc(1, sizeof(*o));
	if (!v || !o || !(o->name = strdup(name))) {
		free(o);
		if (v)
			st->obj = v;
		return NULL;
	}
	st->obj = v;
	o->handle = st->next_handle++;
	o->parent = parent;
	o->format = format;
	o->when = time(NULL);
	st->obj[st->n++] = o;
	return o;
}

void store_init(struct store *st, const char *dir, uint64_t capacity)
{
	memset(st, 0, sizeof(*st));
	st->next_handle = STORE_DCIM;
	st->capacity = capacity;
	st->dir = dir ? strdup(dir) : NULL;
	append(st, 0, "DCIM", OFC_Association);
	append(st, STORE_DCIM, "100SIMCM", OFC_Association);
}

/* Free one object and its file-independent memory. */
static void free_obj(struct sc_object *o)
{
	free(o->name);
	free(o->data);
	free(o->path);
	free(o->thumb);
	free(o);
}

void store_free(struct store *st)
{
	for (size_t i = 0; i < st->n; i++)
		free_obj(st->obj[i]);
	free(st->obj);
	free(st->dir);
	memset(st, 0, sizeof(*st));
}

/* Take the EXIF thumbnail (IFD1 JPEG) of a JPEG, if it has one. */
static void extract_thumb(struct sc_object *o, const unsigned char *d, size_t n)
{
	if (n < 4 || d[0] != 0xff || d[1] != 0xd8)
		return;
	ExifData *ed = exif_data_new_from_data(d, (unsigned int)n);
	if (!ed)
		return;
	if (ed->data && ed->size && (o->thumb = malloc(ed->size))) {
		memcpy(o->thumb, ed->data, ed->size);
		o->thumb_size = ed->size;
		o->thumb_w = 160;
		o->thumb_h = 120;
	}
	exif_data_unref(ed);
}

/* Read width and height from a JPEG's first SOF marker (0 if none). */
static void jpeg_dims(const unsigned char *d, size_t n, unsigned *w, unsigned *h)
{
	size_t i = 2;
	*w = *h = 0;
	while (i + 9 < n && d[i] == 0xff) {
		unsigned m = d[i + 1], len = (unsigned)(d[i + 2] << 8 | d[i + 3]);
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			*h = (unsigned)(d[i + 5] << 8 | d[i + 6]);
			*w = (unsigned)(d[i + 7] << 8 | d[i + 8]);
			return;
		}
		i += 2 + len;
	}
}

/* A name safe to create in the store directory: the camera's name when it
 * is plain, else one made from the handle. */
static void safe_name(const struct sc_object *o, char *out, size_t max)
{
	int plain = o->name[0] && o->name[0] != '.' && strlen(o->name) < 100;
	for (const char *s = o->name; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			plain = 0;
	if (plain)
		snprintf(out, max, "%s", o->name);
	else
		snprintf(out, max, "object-%08x", o->handle);
}

/* Create a new file for o in the store dir under its safe name, or with
 * -1, -2, ... after it when that file exists (an object-HANDLE file a
 * previous run left: handles start again at each start); *path gets its
 * path.  Returns the fd, -1 on failure. */
static int create_file(const struct store *st, const struct sc_object *o, char **path)
{
	char name[128];
	int fd = -1;

	safe_name(o, name, sizeof(name));
	for (unsigned i = 0; fd < 0 && i < 1000; i++) {
		int r = i ? asprintf(path, "%s/%s-%u", st->dir, name, i)
			  : asprintf(path, "%s/%s", st->dir, name);
		if (r < 0) {
			*path = NULL;
			return -1;
		}
		fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
		if (fd < 0) {
			free(*path);
			*path = NULL;
		}
	}
	return fd;
}

/* Write the object's data to a new file in the store dir; keep the path. */
static int write_file(struct store *st, struct sc_object *o)
{
	char *path = NULL;
	int fd = create_file(st, o, &path);
	if (fd < 0) {
		if (path)
			fprintf(stderr, "capa-simcam: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	size_t done = 0;
	while (done < o->size) {
		ssize_t k = write(fd, o->data + done, o->size - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			unlink(path);
			free(path);
			return -1;
		}
		done += (size_t)k;
	}
	close(fd);
	o->path = path;
	free(o->data);
	o->data = NULL;
	return 0;
}

struct sc_object *store_add(struct store *st, const char *name, uint16_t format,
			    unsigned char *data, size_t size, time_t when)
{
	struct sc_object *o = append(st, STORE_FOLDER, name, format);
	if (!o) {
		free(data);
		return NULL;
	}
	o->data = data;
	o->size = size;
	o->when = when;
	jpeg_dims(data, size, &o->width, &o->height);
	extract_thumb(o, data, size);
	if (st->dir && write_file(st, o) < 0) {
		store_delete(st, o->handle);
		return NULL;
	}
	return o;
}

struct sc_object *store_find(const struct store *st, uint32_t handle)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->obj[i]->handle == handle)
			return st->obj[i];
	return NULL;
}

int store_delete(struct store *st, uint32_t handle)
{
	for (size_t i = 0; i < st->n; i++) {
		struct sc_object *o = st->obj[i];
		if (o->handle != handle)
			continue;
		if (o->format == OFC_Association)
			return -1;
		if (o->path)
			unlink(o->path);
		free_obj(o);
		memmove(st->obj + i, st->obj + i + 1, (st->n - i - 1) * sizeof(*st->obj));
		st->n--;
		return 0;
	}
	return -1;
}

long store_read(const struct sc_object *o, uint64_t off, size_t len, struct buf *out)
{
	if (off >= o->size)
		return 0;
	if (len > o->size - off)
		len = (size_t)(o->size - off);
	if (o->data) {
		buf_put(out, o->data + off, len);
		return (long)len;
	}
	int fd = o->path ? open(o->path, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return -1;
	buf_reserve(out, len);
	size_t done = 0;
	while (done < len) {
		ssize_t k = pread(fd, out->p + out->len + done, len - done, (off_t)(off + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	close(fd);
	out->len += done;
	return done == len ? (long)len : -1;
}

uint64_t store_used(const struct store *st)
{
	uint64_t n = 0;
	for (size_t i = 0; i < st->n; i++)
		n += st->obj[i]->size;
	return n;
}

/* Read a whole regular file of at most `max` bytes; NULL on error. */
static unsigned char *slurp(int dfd, const char *name, size_t max, size_t *len, time_t *mtime)
{
	struct stat sb;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	unsigned char *d = NULL;
	size_t done = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > max ||
	    !(d = malloc(sb.st_size ? (size_t)sb.st_size : 1)))
		goto out;
	while (done < (size_t)sb.st_size) {
		ssize_t k = read(fd, d + done, (size_t)sb.st_size - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	*len = done;
	*mtime = sb.st_mtime;
out:
	close(fd);
	return d;
}

/* Is `name` a JPEG by its extension? */
static int jpeg_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"));
}

/* Put one file already in the directory on the card. */
static void load_one(struct store *st, int dfd, const char *name)
{
	size_t len = 0;
	time_t when = 0;
	unsigned char *d = slurp(dfd, name, (size_t)256 << 20, &len, &when);
	struct sc_object *o;

	if (!d)
		return;
	o = append(st, STORE_FOLDER, name, jpeg_name(name) ? OFC_EXIF_JPEG : OFC_Undefined);
	if (!o || asprintf(&o->path, "%s/%s", st->dir, name) < 0) {
		if (o)
			store_delete(st, o->handle);
		free(d);
		return;
	}
	o->size = len;
	o->when = when;
	jpeg_dims(d, len, &o->width, &o->height);
	extract_thumb(o, d, len);
	free(d);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int store_load(struct store *st)
{
	struct dirent **names;
	int n, dfd, top = 0;

	if (!st->dir)
		return 0;
	dfd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	n = dfd < 0 ? -1 : scandir(st->dir, &names, NULL, by_name);
	if (n < 0) {
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		unsigned num;
		if (name[0] != '.') {
			load_one(st, dfd, name);
			if (sscanf(name, "SIM_%4u.", &num) == 1 && (int)num > top)
				top = (int)num;
		}
		free(names[i]);
	}
	free(names);
	close(dfd);
	return top;
}
