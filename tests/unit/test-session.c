/* Unit tests for the session: default dir, durable parts, journal, hash.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libexif/exif-data.h>

#include "session.h"

static char dir[4096], err[512];

/* A fresh directory under $TEST_TMP (or /tmp). */
static int setup(void **state)
{
	const char *t = getenv("TEST_TMP");
	(void)state;
	snprintf(dir, sizeof(dir), "%s/sess.XXXXXX", t ? t : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[4200];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Read a file of the session into a static buffer. */
static const char *slurp(const char *name)
{
	static char buf[8192];
	char p[4400];
	FILE *f;
	size_t n;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "r");
	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Save `data` under `wanted`; returns the final name in a static buffer. */
static const char *save(struct session *s, const char *wanted, const char *data)
{
	static char final[256];
	struct session_part p;
	assert_int_equal(session_part_open(s, &p, err, sizeof(err)), 0);
	assert_int_equal(write(p.fd, data, strlen(data)), (ssize_t)strlen(data));
	assert_int_equal(session_part_commit(s, &p, wanted, NULL, final, sizeof(final), err, sizeof(err)), 0);
	return final;
}

static void test_default_dir(void **state)
{
	char out[4096], cfg[4400];
	FILE *f;
	time_t t = 1772874000; /* 2026-03-07 UTC */
	struct tm tm;
	char day[16];
	(void)state;
	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(session_default_dir(out, sizeof(out), t), 0);
	snprintf(cfg, sizeof(cfg), "%s/Pictures/capa/%s", dir, day);
	assert_string_equal(out, cfg);
	snprintf(cfg, sizeof(cfg), "%s/user-dirs.dirs", dir);
	f = fopen(cfg, "w");
	fputs("# comment\nXDG_PICTURES_DIR=\"$HOME/Bilder\"\n", f);
	fclose(f);
	assert_int_equal(session_default_dir(out, sizeof(out), t), 0);
	snprintf(cfg, sizeof(cfg), "%s/Bilder/capa/%s", dir, day);
	assert_string_equal(out, cfg);
	unsetenv("HOME");
	assert_int_equal(session_default_dir(out, sizeof(out), t), -1);
}

static void test_never_overwrite(void **state)
{
	struct session *s = session_open(dir, NULL, err, sizeof(err));
	(void)state;
	assert_non_null(s);
	assert_string_equal(save(s, "A.JPG", "one"), "A.JPG");
	assert_string_equal(save(s, "A.JPG", "two"), "A-1.JPG");
	assert_string_equal(save(s, "A.JPG", "three"), "A-2.JPG");
	assert_string_equal(slurp("A.JPG"), "one");
	assert_string_equal(slurp("A-1.JPG"), "two");
	/* a symlink in the way is not followed nor replaced */
	char p[4400];
	snprintf(p, sizeof(p), "%s/B.JPG", dir);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	assert_string_equal(save(s, "B.JPG", "b"), "B-1.JPG");
	session_close(s);
}

static void test_abort_leaves_nothing(void **state)
{
	struct session *s = session_open(dir, NULL, err, sizeof(err));
	struct session_part p;
	char path[4400];
	(void)state;
	assert_int_equal(session_part_open(s, &p, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, p.tmpname);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(p.tmpname[0], '.');
	session_part_abort(s, &p);
	assert_int_equal(access(path, F_OK), -1);
	/* stale parts from a killed run are removed on open */
	assert_int_equal(session_part_open(s, &p, err, sizeof(err)), 0);
	close(p.fd);
	session_close(s);
	s = session_open(dir, NULL, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/%s", dir, p.tmpname);
	assert_int_equal(access(path, F_OK), -1);
	session_close(s);
}

static void test_journal_numbering(void **state)
{
	struct session *s = session_open(dir, "%04n.%C", err, sizeof(err));
	struct capa_event *ev = event_new(EV_FILE_SAVED);
	char *line;
	(void)state;
	assert_int_equal(s->next_number, 1);
	event_set(&ev->name, "X.JPG");
	event_set(&ev->path, "/p/X.JPG");
	struct shot_record rec = { 0, NULL, "X.JPG", "/p/X.JPG", 0, "", &ev->exif, 0, 0, false };
	for (unsigned n = 1; n <= 3; n++) {
		rec.n = n;
		line = session_journal_line(&rec);
		assert_int_equal(session_journal_append(s, line, err, sizeof(err)), 0);
		free(line);
	}
	session_close(s);
	/* a torn line (crash mid-write) is ignored and does not glue on */
	char p[4400];
	snprintf(p, sizeof(p), "%s/.capa/journal.jsonl", dir);
	FILE *f = fopen(p, "a");
	fputs("{\"n\":99,\"ti", f);
	fclose(f);
	s = session_open(dir, "%04n.%C", err, sizeof(err));
	assert_int_equal(s->next_number, 4);
	rec.n = 4;
	rec.keep = true;
	line = session_journal_line(&rec);
	session_journal_append(s, line, err, sizeof(err));
	free(line);
	session_close(s);
	const char *j = slurp(".capa/journal.jsonl");
	assert_non_null(strstr(j, "\"ti\n{\"n\":4,"));
	assert_non_null(strstr(j, "\"keep\":true}\n"));
	event_free(ev);
	assert_null(session_open(dir, "%Q", err, sizeof(err)));
}

/* A journal of any length opens (only its tail is read; it used to refuse
 * one over 64 MiB): a sparse 100 MiB file, numbering from its last whole
 * line. */
static void test_journal_long(void **state)
{
	struct session *s = session_open(dir, NULL, err, sizeof(err));
	char p[4400];
	const char *tail = "x\":1}\n{\"n\":40,\"time\":\"t\"}\n{\"n\":41,\"time\":\"t\"}";
	int fd;
	(void)state;
	assert_non_null(s);
	session_close(s);
	snprintf(p, sizeof(p), "%s/.capa/journal.jsonl", dir);
	fd = open(p, O_WRONLY);
	assert_int_equal(ftruncate(fd, 100 << 20), 0);
	assert_int_equal(pwrite(fd, tail, strlen(tail), 100 << 20), (ssize_t)strlen(tail));
	close(fd);
	s = session_open(dir, NULL, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(s->next_number, 41);
	assert_true(s->journal_torn); /* the last line, torn, does not count */
	session_close(s);
}

/* A short journal write (disk full; here a file size limit) leaves a torn
 * line: the next line must start on a line of its own. */
static void test_journal_short_write(void **state)
{
	struct session *s = session_open(dir, NULL, err, sizeof(err));
	struct rlimit old, lim;
	struct stat st;
	(void)state;
	assert_non_null(s);
	assert_int_equal(session_journal_append(s, "{\"n\":1}", err, sizeof(err)), 0);
	assert_int_equal(fstat(s->journal_fd, &st), 0);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = (rlim_t)st.st_size + 4;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(session_journal_append(s, "{\"n\":2,\"long\":1}", err, sizeof(err)), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_true(s->journal_torn);
	assert_int_equal(session_journal_append(s, "{\"n\":3}", err, sizeof(err)), 0);
	assert_false(s->journal_torn);
	assert_int_equal(session_journal_append(s, "{\"n\":4}", err, sizeof(err)), 0);
	session_close(s);
	assert_string_equal(slurp(".capa/journal.jsonl"), "{\"n\":1}\n{\"n\"\n{\"n\":3}\n{\"n\":4}\n");
}

/* Parts of another running capa (same directory, other camera) are kept;
 * parts of a process that is gone are removed on open. */
static void test_live_parts_kept(void **state)
{
	char live[4400], dead[4400];
	struct session *s;
	pid_t child = fork();
	(void)state;
	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	snprintf(live, sizeof(live), "%s/.capa-part-%ld-7", dir, (long)child);
	snprintf(dead, sizeof(dead), "%s/.capa-part-999999999-7", dir);
	close(open(live, O_CREAT | O_WRONLY, 0644));
	close(open(dead, O_CREAT | O_WRONLY, 0644));
	s = session_open(dir, NULL, err, sizeof(err));
	assert_non_null(s);
	session_close(s);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(dead, F_OK), -1);
	s = session_open(dir, NULL, err, sizeof(err));
	session_close(s);
	assert_int_equal(access(live, F_OK), -1);
}

/* Add a LONG entry with value v to ifd of ed. */
static void put_long(ExifData *ed, ExifIfd ifd, ExifTag tag, uint32_t v)
{
	ExifEntry *e = exif_entry_new();
	exif_content_add_entry(ed->ifd[ifd], e);
	exif_entry_initialize(e, tag);
	e->format = EXIF_FORMAT_LONG;
	e->components = 1;
	free(e->data);
	e->data = calloc(1, 4);
	e->size = 4;
	exif_set_long(e->data, exif_data_get_byte_order(ed), v);
	exif_entry_unref(e);
}

/* Hostile EXIF numbers (0xFFFFFFFF pixels, an ISO rational of 4e9) give 0,
 * not an undefined double-to-int cast. */
static void test_exif_hostile(void **state)
{
	ExifData *ed = exif_data_new();
	unsigned char *blob = NULL;
	unsigned int bn = 0;
	struct capa_exif x;
	char p[4400];
	int fd;
	(void)state;
	put_long(ed, EXIF_IFD_EXIF, EXIF_TAG_PIXEL_X_DIMENSION, 0xFFFFFFFFu);
	put_long(ed, EXIF_IFD_EXIF, EXIF_TAG_PIXEL_Y_DIMENSION, 0x80000000u);
	ExifEntry *e = exif_entry_new();
	exif_content_add_entry(ed->ifd[EXIF_IFD_EXIF], e);
	exif_entry_initialize(e, EXIF_TAG_ISO_SPEED_RATINGS);
	e->format = EXIF_FORMAT_RATIONAL;
	free(e->data);
	e->data = calloc(1, 8);
	e->size = 8;
	exif_set_rational(e->data, exif_data_get_byte_order(ed), (ExifRational){ 0xFFFFFFFFu, 1 });
	exif_entry_unref(e);
	exif_data_save_data(ed, &blob, &bn);
	exif_data_unref(ed);
	assert_non_null(blob);
	snprintf(p, sizeof(p), "%s/x.jpg", dir);
	fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0644);
	unsigned char head[6] = { 0xFF, 0xD8, 0xFF, 0xE1, (unsigned char)((bn + 2) >> 8),
				  (unsigned char)(bn + 2) };
	assert_int_equal(write(fd, head, 6), 6);
	assert_int_equal(write(fd, blob, bn), (ssize_t)bn);
	assert_int_equal(write(fd, "\xff\xd9", 2), 2);
	free(blob);
	session_exif_fd(fd, &x);
	close(fd);
	assert_int_equal(x.width, 0);
	assert_int_equal(x.height, 0);
	assert_int_equal(x.iso, 0);
}

static void test_sha256(void **state)
{
	char hex[65];
	int fd;
	char p[4400];
	(void)state;
	snprintf(p, sizeof(p), "%s/h", dir);
	fd = open(p, O_RDWR | O_CREAT, 0644);
	assert_int_equal(write(fd, "abc", 3), 3);
	assert_int_equal(session_sha256_fd(fd, hex), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* the background hasher fed in pieces gives the same digest */
	char big[100000], hex2[65];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 31);
	assert_int_equal(ftruncate(fd, 0), 0);
	struct session_hasher *h = session_hasher_start(fd);
	assert_non_null(h);
	for (size_t off = 0; off < sizeof(big); off += 30000) {
		size_t n = sizeof(big) - off < 30000 ? sizeof(big) - off : 30000;
		assert_int_equal(pwrite(fd, big + off, n, (off_t)off), (ssize_t)n);
		session_hasher_feed(h, off + n);
	}
	assert_int_equal(session_hasher_finish(h, hex2), 0);
	assert_int_equal(session_sha256_fd(fd, hex), 0);
	assert_string_equal(hex, hex2);
	close(fd);
}

/* The highest number is read from each line's own digits: a blank after
 * {"n": must not make strtoul run on into the next line (or past the end
 * of a buffer without a NUL). */
static void test_journal_max_number_bounded(void **state)
{
	static const char two[] = "{\"n\":  \n77,\"x\":1}\n{\"n\":5,\"k\":1}\n";
	char *exact;
	(void)state;
	assert_int_equal(session_journal_max_number(two, sizeof two - 1), 5);
	assert_int_equal(session_journal_max_number("{\"n\":12}\n{\"n\":-9}\n", 18), 12);
	assert_int_equal(session_journal_max_number("{\"n\":123456789}\n", 17), 0);
	/* a buffer of exactly the journal's bytes: nothing read past them */
	exact = malloc(9);
	assert_non_null(exact);
	memcpy(exact, "{\"n\": \t \n", 9);
	assert_int_equal(session_journal_max_number(exact, 9), 0);
	free(exact);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_never_overwrite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_numbering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_short_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_parts_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exif_hostile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sha256, setup, teardown),
		cmocka_unit_test(test_journal_max_number_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
