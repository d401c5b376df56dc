/* A session: the directory shots are saved into, its journal and numbering.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout:  DIR/NAME.JPG ...            final files (never overwritten)
 *          DIR/.capa-part-*            downloads in progress (removed on open)
 *          DIR/.capa/journal.jsonl     one JSON object per line, fsynced
 *          DIR/.capa/lock              flock()ed by the one capa writing the
 *                                      session: "PID SINCE" (Unix time)
 * Used by the camera worker only (one thread); no libgphoto2 here. */
#ifndef CAPA_SESSION_H
#define CAPA_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "event.h"
#include "sanitize.h"

#define SESSION_LOCK ".capa/lock"

/* The local stem given to a recent shot, for its companion files (the
 * RAW of a RAW+JPEG pair): files of one shot share one base name. */
struct session_shot {
	char camera[512];   /* camera folder + "/" + name without its suffix */
	char wanted[SANITIZE_NAME_MAX + 1]; /* the wanted stem (pattern expansion) */
	char local[SANITIZE_NAME_MAX + 1];  /* the stem it was saved under */
	char exts[64];      /* "|JPG|NEF|": suffixes saved so far */
};

#define SESSION_SHOTS 8 /* shots remembered; a pair arrives within a few files */

struct session {
	char *dir;          /* absolute path */
	int dirfd;          /* O_DIRECTORY fd of dir */
	int journal_fd;     /* O_APPEND fd of .capa/journal.jsonl */
	int lock_fd;        /* .capa/lock, flock()ed while the session is open */
	char *pattern;      /* --filename, NULL = camera name */
	unsigned next_number; /* %n of the next saved file */
	bool journal_torn;  /* a short write left a line without its newline */
	bool shared;        /* opened by a camera process: the front end holds
			     * the lock, numbers come from .capa/number */
	struct session_shot shots[SESSION_SHOTS]; /* recent shots, a ring */
	unsigned next_shot; /* slot the next new shot takes */
};

/* The default session directory for `now`: $XDG_PICTURES_DIR (from
 * $XDG_CONFIG_HOME/user-dirs.dirs, else ~/.config/user-dirs.dirs) or
 * ~/Pictures, + "/capa/YYYY-MM-DD".  Returns 0, or -1 when HOME is unset. */
int session_default_dir(char *out, size_t outlen, time_t now);

/* The session directory called `name` beside the dated ones:
 * $XDG_PICTURES_DIR/capa/NAME (e.g. "demo").  0, or -1 without HOME. */
int session_named_dir(char *out, size_t outlen, const char *name);

/* Open (creating with parents, mode 0755) the session `dir` (NULL = default),
 * take its lock (another capa holding it: fails with errno EWOULDBLOCK and
 * err naming that capa's pid and since when), remove stale .capa-part-*
 * files, open the journal and continue its numbering.  `pattern` is
 * checked.  Returns NULL with err on failure. */
struct session *session_open(const char *dir, const char *pattern, char *err, size_t errlen);

/* The same for a camera process whose front end holds the session's lock
 * (it takes none).  Several camera processes share one session: each
 * takes its numbers with session_take_number. */
struct session *session_open_shared(const char *dir, const char *pattern, char *err,
				    size_t errlen);

/* The number (%n, the journal's n) for the next saved file, unique among
 * every process writing the session: kept in .capa/number under flock,
 * never below the journal's highest + 1.  A number taken by a file that
 * then failed to save is not reused (a gap, never a twice). */
unsigned session_take_number(struct session *s);

/* Is the session `dir` (NULL = default) locked by another capa?  Then 1
 * with msg saying which (pid, since when); else 0.  Creates nothing: for a
 * front end to refuse early (session_open takes the lock for real). */
int session_lock_holder(const char *dir, char *msg, size_t len);

/* Is the directory at the session's path still the one it holds open
 * (st_dev and st_ino)?  True when it was moved or deleted. */
bool session_dir_moved(const struct session *s);

/* Before saving: when the session's path names another directory than
 * the one held open (moved or deleted, then made again), open that one
 * and its journal instead.  Returns 0 (unchanged), 1 (reopened: msg says
 * so), or -1 with errno and msg (nothing at the path, ENOENT; or it
 * cannot be opened). */
int session_check_dir(struct session *s, char *msg, size_t len);

/* Remove the .capa-part-PID-* files of processes that are gone (a camera
 * process killed in a transfer). */
void session_remove_stale_parts(struct session *s);

/* When this session began: the time of its journal's first line, 0 when
 * it has none (or it cannot be read). */
time_t session_started(struct session *s);

/* Close and free; NULL is fine. */
void session_close(struct session *s);

/* A download in progress: a temp file inside the session directory. */
struct session_part {
	int fd;             /* O_RDWR, owned by the part */
	char tmpname[64];   /* relative to the session dir */
};

/* Create a fresh temp file (O_EXCL).  Returns 0, or -1 with errno and err. */
int session_part_open(struct session *s, struct session_part *p, char *err, size_t errlen);

/* fsync the part, give it a name without ever replacing a file
 * (renameat2 RENAME_NOREPLACE, else link+unlink), fsync the directory and
 * close.  The name: a companion of a recent shot (`camera`, the camera's
 * folder + "/" + name, has the same folder and stem as a file saved
 * lately with another suffix, and `wanted` the same stem as that file's)
 * takes that file's local stem, so both files of a RAW+JPEG pair share one
 * base name.  Otherwise the first of `wanted`, "stem-1.ext", "stem-2.ext",
 * ... whose stem no file of the session has with any suffix (a catalogue
 * would group them).  camera may be NULL.  final receives the chosen name.
 * Returns 0; 1 when the file got its name but the directory fsync failed
 * (err says so: do not delete the camera copy); or -1 with errno and err
 * (the part is then still open: call session_part_abort). */
int session_part_commit(struct session *s, struct session_part *p, const char *wanted,
			const char *camera, char *final, size_t finallen, char *err,
			size_t errlen);

/* Close and remove an unfinished part (no-op if already committed). */
void session_part_abort(struct session *s, struct session_part *p);

/* Append one journal line (a JSON object, newline added) and fsync it.
 * After a short write (disk full) the next line starts on a line of its
 * own.  Returns 0, or -1 with errno and err. */
int session_journal_append(struct session *s, const char *json, char *err, size_t errlen);

/* One saved shot as the session keeps it: the journal's record, apart
 * from the event that reports it to a front end.  Strings are borrowed. */
struct shot_record {
	unsigned n;               /* its number: session_take_number */
	const char *folder, *name; /* on the camera (untrusted) */
	const char *path;         /* where it is saved */
	uint64_t bytes;
	const char *sha256;       /* lowercase hex */
	const struct capa_exif *exif;
	int camera;               /* its camera's number among several, 0: one */
	int64_t trigger_us;       /* its capture was sent (Unix µs), 0: body shot */
	bool keep;                /* the camera copy stays (--keep) */
};

/* The journal line of a saved shot (malloc'd JSON, no newline): n, time,
 * status "saved", folder, name, path, bytes, sha256, exif, [camera],
 * [trigger_us], keep (last: a whole line ends with it). */
char *session_journal_line(const struct shot_record *r);

/* How much of the journal's end is read for its numbers: they only grow,
 * so the last lines hold the highest, however long the journal has become. */
#define SESSION_JOURNAL_TAIL (1024 * 1024)

/* Does the journal's last SESSION_JOURNAL_TAIL bytes hold a whole line
 * numbered n (written earlier, its fsync maybe failed)? */
bool session_journal_has(struct session *s, unsigned n);

/* fsync the journal.  Returns 0, or -1 with errno and err. */
int session_journal_sync(struct session *s, char *err, size_t errlen);

/* Highest "n" in a journal's text (lines ending in '\n' only); 0 if none. */
unsigned session_journal_max_number(const char *text, size_t len);

/* sha256 of an open file from offset 0, as lowercase hex.  Returns 0 or -1. */
int session_sha256_fd(int fd, char hex[65]);

/* A background sha256 of a file being written: a thread reads (pread) and
 * hashes what the writer reports as written, overlapping the hash with the
 * next transfer.  One writer thread uses it; start/feed/finish in order. */
struct session_hasher;

/* Start hashing fd from offset 0.  NULL on failure (then hash afterwards
 * with session_sha256_fd). */
struct session_hasher *session_hasher_start(int fd);

/* Report that bytes [0, written) of the file are in place. */
void session_hasher_feed(struct session_hasher *h, uint64_t written);

/* Wait for the hash of everything fed, write it as hex, free h.  Returns 0,
 * or -1 when a read failed (hex is then ""). */
int session_hasher_finish(struct session_hasher *h, char hex[65]);

/* Read the EXIF summary (and JPEG size as fallback) from an open file.
 * Reads at most the first 256 KiB.  Missing fields stay 0/"".  Any thread. */
void session_exif_fd(int fd, struct capa_exif *x);

/* The owed ledger (SESSION/.capa/owed): the shots a camera announced
 * that are not in the journal yet, one "CAMERA\tFOLDER\tNAME" line each
 * (CAMERA: its serial number, else its model), so that a capa that stopped
 * during a download fetches them when it meets that camera again.
 * Fields holding a tab or newline are not recorded.  Worker thread only. */
int session_owed_add(struct session *s, const char *camera, const char *folder, const char *name);
/* Drop an entry (a no-op when absent). */
void session_owed_remove(struct session *s, const char *camera, const char *folder, const char *name);
typedef void session_owed_fn(void *ud, const char *folder, const char *name);
/* Call fn for each entry of `camera`; returns how many. */
int session_owed_each(struct session *s, const char *camera, session_owed_fn *fn, void *ud);
/* The card sets (SESSION/.capa/card-CAMERA): the files ("FOLDER/NAME",
 * one a line) the session has seen on each camera's card, so that a capa
 * started again on the session (after a crash, SIGKILL, a camera that
 * came back) fetches the files that came since: announced while it was
 * not reading, or taken while it was not running.  Worker thread only. */
typedef void session_card_fn(void *ud, const char *key);
/* Call fn for each key of camera's set; false when the session has none. */
bool session_card_read(struct session *s, const char *camera, session_card_fn *fn, void *ud);
/* Replace camera's set with keys[0..n) (temp file, fdatasync, rename). */
int session_card_write(struct session *s, const char *camera, char *const *keys, size_t n);
/* Add one key to camera's set, when it has one (not fsynced). */
void session_card_append(struct session *s, const char *camera, const char *key);

/* The names of every shot the ledger of the session directory `dir` lists
 * (any camera), made inert for a terminal and joined by ", " into out
 * (cut with ", ..." when full); returns how many.  Reads by path, opens
 * no session: any thread may call it. */
int session_owed_names(const char *dir, char *out, size_t len);

/* What stays owed in the session `dir`, in words: "N shot(s) stay(s) on
 * the camera ...: NAME, NAME" or "nothing is owed ..." into msg (safe for
 * a terminal).  Returns how many. */
int session_owed_text(const char *dir, char *msg, size_t len);

#endif
