/* Tethered download: stream to a temp file, make it durable, journal it,
 * then (unless --keep) delete the camera copy.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "cam-internal.h"
#include "sanitize.h"
#include "session-name.h"

/* Progress events: at most one per PROGRESS_MS while a file transfers,
 * plus one on completion. */
#define PROGRESS_MS 100

/* Where the camera's bytes go: our temp file, with progress and errors. */
struct sink {
	struct cam_worker *w;
	int fd;
	uint64_t id, done, total;
	uint64_t last_ms;         /* monotonic time of the last progress event */
	uint64_t sent;            /* `done` of the last progress event */
	int err;                  /* errno of a failed local write */
	struct session_hasher *hasher; /* hashes what is written, in parallel */
};

/* Milliseconds on the monotonic clock. */
static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Post a progress event (done/total bytes; total is the camera's untrusted
 * size, for display only). */
static void progress(struct sink *s, uint64_t now)
{
	struct capa_event *ev = event_new(EV_PROGRESS);
	if (!ev)
		return;
	ev->id = s->id;
	ev->done = s->done;
	ev->total = s->total;
	s->last_ms = now;
	s->sent = s->done;
	cam_post(s->w, ev);
}

/* CameraFileHandler write: append to the temp file.  A local write error
 * is remembered and the rest of the object is read and dropped, so the
 * PTP transaction ends in step and the camera stays usable. */
static int sink_write(void *priv, unsigned char *data, uint64_t *len)
{
	struct sink *s = priv;
	uint64_t off = 0;

	if (s->err)
		return GP_OK;
	while (off < *len) {
		ssize_t n = write(s->fd, data + off, *len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->err = n < 0 ? errno : ENOSPC;
			return GP_OK;
		}
		off += (uint64_t)n;
	}
	/* start writeback now so the fsync before the rename has little left */
	sync_file_range(s->fd, (off64_t)s->done, (off64_t)off, SYNC_FILE_RANGE_WRITE);
	s->done += off;
	if (s->hasher)
		session_hasher_feed(s->hasher, s->done);
	uint64_t now = mono_ms();
	if (now - s->last_ms >= PROGRESS_MS)
		progress(s, now);
	return atomic_load(&s->w->stop) ? GP_ERROR_CANCEL : GP_OK;
}

/* CameraFileHandler size: bytes written so far. */
static int sink_size(void *priv, uint64_t *size)
{
	*size = ((struct sink *)priv)->done;
	return GP_OK;
}

/* CameraFileHandler read: not used for downloads. */
static int sink_read(void *priv, unsigned char *data, uint64_t *len)
{
	(void)priv;
	(void)data;
	*len = 0;
	return GP_ERROR_NOT_SUPPORTED;
}

/* Record a failed object: owed, file-failed event. */
/* Keep an object for `retry`, with no event (the caller has reported). */
static void push_owed(struct cam_worker *w, struct cam_object *o)
{
	o->next = w->owed;
	w->owed = o;
}

static void owe(struct cam_worker *w, struct cam_object *o, const char *msg)
{
	struct capa_event *ev = event_new(EV_FILE_FAILED);
	if (ev) {
		ev->id = o->id;
		event_set(&ev->folder, o->folder);
		event_set(&ev->name, o->name);
		event_set(&ev->message, msg);
		cam_post(w, ev);
	}
	push_owed(w, o);
}

/* ev->path = the session directory / name. */
static void set_path(struct cam_worker *w, struct capa_event *ev, const char *name)
{
	char path[4400];

	snprintf(path, sizeof(path), "%s/%s", w->session->dir, name);
	event_set(&ev->path, path);
}

/* Fetch the object's bytes into the part.  Returns a gp result; s->err
 * holds a local errno. */
static int fetch(struct cam_worker *w, struct cam_object *o, struct sink *s)
{
	CameraFileHandler h = { sink_size, sink_read, sink_write };
	CameraFile *f = NULL;
	int r = gp_file_new_from_handler(&f, &h, s);

	if (r < GP_OK)
		return r;
	w->progress_id = o->id;
	s->last_ms = mono_ms();
	CAM_RETRY_BUSY(w, r, gp_camera_file_get(w->cam, o->folder, o->name,
						GP_FILE_TYPE_NORMAL, f, w->ctx));
	gp_file_unref(f);
	if (r >= GP_OK && s->err)
		r = GP_ERROR_IO_WRITE;
	if (r >= GP_OK && s->total && s->done != s->total) {
		cam_log(w, LOG_LVL_WARN, "%s: got %llu bytes, the camera announced %llu: "
			"keeping it on the camera too", o->name,
			(unsigned long long)s->done, (unsigned long long)s->total);
	}
	if (r >= GP_OK && (s->sent != s->done || !s->done))
		progress(s, mono_ms()); /* completion, unless just reported */
	return r;
}

_Static_assert(SANITIZE_NAME_MAX < sizeof(((struct cam_object *)0)->saved),
	       "a final name fits cam_object.saved");

/* Is errno e a full disk or a limit (then a later retry can be trusted),
 * rather than an I/O error (after which Linux may report a later fsync as
 * fine although the data is lost)? */
static bool no_room(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG || e == ENOMEM;
}

/* Report a journal write that failed with errno e (err: its words, or
 * NULL).  Returns 1; an I/O error sets o->disk_unsure. */
static int journal_failed(struct cam_worker *w, struct cam_object *o, int e, const char *err)
{
	cam_error_local(w, e, "writing the journal", err);
	o->disk_unsure |= !no_room(e);
	return 1;
}

/* Write and fsync the journal line of a saved file; on a retry, when
 * the line is there already (only its fsync failed), fsync it: its number
 * stays unique.  Returns 0, or 1 with an error posted and o->disk_unsure
 * set for an I/O error. */
static int journal(struct cam_worker *w, struct cam_object *o, const struct capa_event *ev,
		   bool retry)
{
	struct session *ss = w->session;
	char err[512], *line;
	int e;

	if (retry && session_journal_has(ss, o->number)) {
		if (session_journal_sync(ss, err, sizeof(err)) == 0)
			return 0;
		return journal_failed(w, o, errno, err);
	}
	struct shot_record rec = { o->number, ev->folder, ev->name, ev->path, ev->bytes,
				   ev->sha256, &ev->exif, w->camera, o->trigger_us, w->keep };
	line = session_journal_line(&rec);
	if (!line)
		return journal_failed(w, o, ENOMEM, NULL);
	if (session_journal_append(ss, line, err, sizeof(err)) < 0) {
		e = errno;
		free(line);
		return journal_failed(w, o, e, err);
	}
	free(line);
	session_owed_remove(ss, cam_ledger_key(w), o->folder, o->name);
	return 0;
}

/* Tell cam_worker_stop which temp file a transfer writes (NULL: none). */
static void set_part(struct cam_worker *w, const struct session_part *p)
{
	pthread_mutex_lock(&w->lock);
	snprintf(w->part_name, sizeof(w->part_name), "%s", p ? p->tmpname : "");
	pthread_mutex_unlock(&w->lock);
}

/* EXIF summary and sha256 of a downloaded part into ev.  Returns 0, or
 * -1 with an error posted. */
static int summarise(struct cam_worker *w, struct cam_object *o, struct session_part *p,
		     struct sink *sk, struct capa_event *ev)
{
	int hr;

	session_exif_fd(p->fd, &ev->exif);
	errno = 0;
	hr = sk->hasher ? session_hasher_finish(sk->hasher, ev->sha256)
			: session_sha256_fd(p->fd, ev->sha256);
	sk->hasher = NULL;
	if (hr < 0) {
		cam_error_local(w, errno ? errno : EIO, "reading back", o->name);
		return -1;
	}
	return 0;
}

/* Name, commit and journal a summarised part.  Returns 0 when the file
 * is durable and journaled, 1 when saved but not durable or not journaled
 * (o->saved then names it), -1 when not saved (error posted). */
static int store(struct cam_worker *w, struct cam_object *o, struct session_part *p,
		 time_t when, struct capa_event *ev)
{
	struct session *ss = w->session;
	/* taken before naming: other camera processes share the session */
	unsigned number = session_take_number(ss);
	struct name_vars v = { o->name, o->folder, when, number, w->camera };
	char wanted[SANITIZE_NAME_MAX + 1], final[SANITIZE_NAME_MAX + 1], err[512];
	char camera[sizeof(o->folder) + sizeof(o->name) + 2];
	int rc;

	if (session_name_expand(ss->pattern, &v, wanted, sizeof(wanted), err, sizeof(err)) < 0) {
		cam_error_local(w, errno ? errno : EINVAL, "saving", o->name);
		return -1;
	}
	/* the files of one shot (RAW+JPEG) share one base name */
	snprintf(camera, sizeof(camera), "%s/%s", o->folder, o->name);
	rc = session_part_commit(ss, p, wanted, camera, final, sizeof(final), err, sizeof(err));
	if (rc < 0) {
		cam_error_local(w, errno, "saving", err);
		return -1;
	}
	set_path(w, ev, final);
	o->number = number;
	snprintf(o->saved, sizeof(o->saved), "%s", final);
	if (rc > 0) {
		cam_error_local(w, EIO, "saving", err);
		o->disk_unsure = true; /* a failed directory fsync */
		return 1;
	}
	if (journal(w, o, ev, false))
		return 1;
	o->saved[0] = '\0';
	return 0;
}

/* The camera's time for the file, else when capa saw it. */
static time_t file_time(struct cam_worker *w, struct cam_object *o, uint64_t *size)
{
	CameraFileInfo info;

	memset(&info, 0, sizeof(info));
	*size = 0;
	if (gp_camera_file_get_info(w->cam, o->folder, o->name, &info, w->ctx) < GP_OK)
		return o->seen;
	if (info.file.fields & GP_FILE_INFO_SIZE)
		*size = info.file.size;
	return info.file.fields & GP_FILE_INFO_MTIME && info.file.mtime > 0 ? info.file.mtime
									     : o->seen;
}

/* Stop the hasher of a download that is not kept. */
static void drop_hasher(struct sink *s)
{
	char dummy[65];

	if (s->hasher)
		session_hasher_finish(s->hasher, dummy);
	s->hasher = NULL;
}

/* The fetch failed (r): remove the part, report, keep the object owed.
 * Returns -1 when the camera went away. */
static int fetch_failed(struct cam_worker *w, struct cam_object *o, struct session_part *p,
			struct sink *s, int r)
{
	char err[512];

	drop_hasher(s);
	session_part_abort(w->session, p);
	if (s->err) {
		cam_error_local(w, s->err, "saving", o->name);
		snprintf(err, sizeof(err), "%s", strerror(s->err));
	} else {
		/* a dropped link often shows as a plain GP_ERROR: ask */
		if (!cam_result_disconnected(r) && r != GP_ERROR_CANCEL && cam_probe(w) < GP_OK)
			r = GP_ERROR_IO;
		cam_error(w, r, "downloading");
		snprintf(err, sizeof(err), "%s", gp_result_as_string(r));
	}
	owe(w, o, err);
	return cam_result_disconnected(r) && !s->err ? -1 : 0;
}

/* The file is durable and journaled: delete the camera copy unless
 * --keep.  A size that differs from the announced one may be a cut
 * transfer: then the camera copy is the only sure one and stays. */
static void delete_on_camera(struct cam_worker *w, struct cam_object *o, const struct sink *s,
			     struct capa_event *ev)
{
	int r;

	if (w->keep || (s->total && s->done != s->total))
		return;
	if (session_dir_moved(w->session)) {
		/* moved during the transfer: the file is not at ev->path */
		cam_log(w, LOG_LVL_WARN, "the session directory %s was moved or deleted while "
			"%s was saved: it stays on the camera too", w->session->dir, o->name);
		return;
	}
	CAM_RETRY_BUSY(w, r, gp_camera_file_delete(w->cam, o->folder, o->name, w->ctx));
	if (r < GP_OK)
		cam_log(w, LOG_LVL_WARN, "saved %s but could not delete it on the camera: %s",
			ev->path ? ev->path : o->name, gp_result_as_string(r));
	ev->deleted_on_camera = r >= GP_OK;
}

/* `retry` of a file saved under its final name whose directory fsync or
 * journal line failed, step one: make the local file durable and journal
 * it (from the file on disk).  The camera copy is deleted only once a new
 * download proves it holds the same bytes (download_one, o->same_as): by
 * now the camera may be another one, or its card another card, with
 * another file of that name.  After an I/O error the camera copy stays.
 * Returns 1 when the object is finished (freed), 0 when it goes on to a
 * download, -1 when it stays owed. */
static int finish_saved(struct cam_worker *w, struct cam_object *o)
{
	struct session *ss = w->session;
	struct capa_event *ev = event_new(EV_FILE_SAVED);
	int fd = openat(ss->dirfd, o->saved, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (ev) { /* the journal line names them (before cam_post would) */
		ev->trigger_us = o->trigger_us;
		ev->camera = w->camera;
	}
	struct stat st;

	if (fd < 0 && errno == ENOENT) {
		cam_log(w, LOG_LVL_WARN, "%s is no longer in the session: downloading %s again",
			o->saved, o->name);
		o->saved[0] = '\0';
		event_free(ev);
		return 0;
	}
	if (!ev || fd < 0 || fstat(fd, &st) < 0 || fsync(fd) < 0 || fsync(ss->dirfd) < 0 ||
	    session_sha256_fd(fd, ev->sha256) < 0) {
		cam_error_local(w, !ev ? ENOMEM : errno ? errno : EIO, "finishing", o->saved);
		goto owed;
	}
	session_exif_fd(fd, &ev->exif);
	ev->id = o->id;
	ev->bytes = (uint64_t)st.st_size;
	event_set(&ev->folder, o->folder);
	event_set(&ev->name, o->name);
	set_path(w, ev, o->saved);
	if (journal(w, o, ev, true))
		goto owed;
	close(fd);
	cam_log(w, LOG_LVL_INFO, "%s is now durable and in the journal", o->saved);
	if (w->keep || o->disk_unsure) {
		if (o->disk_unsure)
			cam_log(w, LOG_LVL_WARN, "%s stays on the camera too: the disk reported "
				"an I/O error while saving it", o->name);
		cam_post(w, ev);
		free(o);
		return 1;
	}
	/* a download compares the camera's bytes with the file's */
	snprintf(o->same_as, sizeof(o->same_as), "%s", o->saved);
	snprintf(o->same_sha, sizeof(o->same_sha), "%s", ev->sha256);
	o->saved[0] = '\0';
	event_free(ev);
	return 0;
owed:
	if (fd >= 0)
		close(fd);
	event_free(ev);
	push_owed(w, o);
	return -1;
}

/* The camera's copy turned out to be the journaled file o->same_as: drop
 * the part, delete the camera copy, report the file saved. */
static void same_bytes(struct cam_worker *w, struct cam_object *o, struct session_part *p,
		       const struct sink *s, struct capa_event *ev)
{
	session_part_abort(w->session, p);
	set_path(w, ev, o->same_as);
	cam_log(w, LOG_LVL_INFO, "%s on the camera is %s, byte for byte", o->name, o->same_as);
	delete_on_camera(w, o, s, ev);
	cam_post(w, ev);
	free(o);
}

/* Is there room on the session's disk for `size` bytes (the camera's
 * announced size)?  Asked before a transfer, so a shot that cannot fit
 * is not moved over the cable only to fail at its end.  Unknown sizes
 * and statvfs failures say yes: the write itself then decides. */
static bool room_for(struct cam_worker *w, struct cam_object *o, uint64_t size)
{
	struct statvfs v;
	char detail[512];

	if (!size || fstatvfs(w->session->dirfd, &v) < 0)
		return true;
	/* root may use the blocks reserved for it */
	uint64_t avail = (uint64_t)(geteuid() == 0 ? v.f_bfree : v.f_bavail) * v.f_frsize;
	if (avail >= size + 4096) /* + a page for its metadata */
		return true;
	snprintf(detail, sizeof(detail), "%s needs %llu kB, the session's disk has %llu kB free",
		 o->name, (unsigned long long)(size + 1023) / 1024,
		 (unsigned long long)avail / 1024);
	cam_error_local(w, ENOSPC, "saving", detail);
	owe(w, o, detail);
	return false;
}

/* Is the session's directory where its path says?  Moved or deleted and
 * made again: save into the new one (said in the log).  Nothing there:
 * the object stays owed, with a clear error.  Returns false then. */
static bool session_here(struct cam_worker *w, struct cam_object *o)
{
	char msg[1024];
	int rc = session_check_dir(w->session, msg, sizeof(msg));

	if (rc > 0)
		cam_log(w, LOG_LVL_WARN, "%s", msg);
	if (rc >= 0)
		return true;
	cam_error_local(w, errno, "saving", msg);
	owe(w, o, msg);
	return false;
}

/* Download one object.  Returns -1 when the camera went away. */
static int download_one(struct cam_worker *w, struct cam_object *o)
{
	uint64_t t0 = mono_ms();
	struct session_part p;
	struct sink s = { .w = w, .id = o->id };
	struct capa_event *ev;
	char err[512];
	time_t when;
	int r, rc;

	if (!session_here(w, o))
		return 0;
	if (o->saved[0] && finish_saved(w, o) != 0)
		return 0;
	when = file_time(w, o, &s.total);
	if (!room_for(w, o, s.total))
		return 0;

	if (session_part_open(w->session, &p, err, sizeof(err)) < 0) {
		cam_error_local(w, errno, "saving", err);
		owe(w, o, err);
		return 0;
	}
	s.fd = p.fd;
	s.hasher = session_hasher_start(p.fd);
	set_part(w, &p);
	r = fetch(w, o, &s);
	set_part(w, NULL);
	if (r < GP_OK)
		return fetch_failed(w, o, &p, &s, r);
	ev = event_new(EV_FILE_SAVED);
	if (ev) { /* the journal line names them (before cam_post would) */
		ev->trigger_us = o->trigger_us;
		ev->camera = w->camera;
	}
	if (!ev) {
		drop_hasher(&s);
		session_part_abort(w->session, &p);
		owe(w, o, "out of memory");
		return 0;
	}
	ev->id = o->id;
	ev->bytes = s.done;
	event_set(&ev->folder, o->folder);
	event_set(&ev->name, o->name);
	rc = summarise(w, o, &p, &s, ev);
	if (rc == 0 && o->same_as[0] && strcmp(ev->sha256, o->same_sha) == 0) {
		ev->elapsed_ms = mono_ms() - t0;
		same_bytes(w, o, &p, &s, ev);
		return 0;
	}
	if (rc == 0)
		rc = store(w, o, &p, when, ev); /* a new file, even if it has that name */
	ev->elapsed_ms = mono_ms() - t0;
	if (rc < 0) {
		session_part_abort(w->session, &p);
		event_free(ev);
		owe(w, o, "could not be saved");
		return 0;
	}
	if (rc == 0)
		delete_on_camera(w, o, &s, ev);
	ev->unjournaled = rc > 0;
	cam_post(w, ev);
	if (rc > 0)
		push_owed(w, o); /* the error said: `retry` finishes it */
	else
		free(o);
	return 0;
}

int cam_download_all(struct cam_worker *w)
{
	while (w->todo && !atomic_load(&w->stop)) {
		struct cam_object *o = w->todo;
		w->todo = o->next;
		o->next = NULL;
		if (!w->cam) {
			owe(w, o, "no camera connected");
			continue;
		}
		if (download_one(w, o) < 0)
			return -1;
	}
	return 0;
}

void cam_retry_owed(struct cam_worker *w)
{
	struct cam_object *list = w->owed;

	w->owed = NULL;
	/* oldest first: owed is kept newest first */
	while (list) {
		struct cam_object *o = list;
		list = o->next;
		/* insert at the head: that restores the original order */
		o->next = w->todo;
		w->todo = o;
	}
	if (!w->todo)
		cam_log(w, LOG_LVL_INFO, "nothing to retry");
}

void cam_report_owed(struct cam_worker *w)
{
	unsigned n = 0;

	for (const struct cam_object *o = w->owed; o; o = o->next) {
		n++;
		if (o->saved[0])
			cam_log(w, LOG_LVL_WARN, "%s is in the session but not in its journal; "
				"%s stays on the camera", o->saved, o->name);
	}
	if (n)
		cam_log(w, LOG_LVL_WARN, "%u shot%s not finished and stay%s on the camera: "
			"capa fetches %s when it next opens this session with that camera",
			n, n == 1 ? " is" : "s are", n == 1 ? "s" : "", n == 1 ? "it" : "them");
}
