/* The cameras used before, kept between runs for the camera picker.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "picker-recent.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "textfile.h"

#define RECENT_FILE "recent-cameras"

int picker_recent_path(char *out, size_t len)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	/* The spec: a relative $XDG_STATE_HOME is invalid and ignored. */
	if (xdg && xdg[0] == '/')
		n = snprintf(out, len, "%s/capa/" RECENT_FILE, xdg);
	else
		n = snprintf(out, len, "%s/.local/state/capa/" RECENT_FILE,
			     home && home[0] ? home : ".");
	return n > 0 && (size_t)n < len ? 0 : -1;
}

/* Split one line into port and model (at the first tab); false when it is
 * blank, a comment or has no tab. */
static bool split_line(char *line, const char **port, const char **model)
{
	char *tab = strchr(line, '\t');

	if (!line[0] || line[0] == '#' || !tab)
		return false;
	*tab = '\0';
	*port = line;
	*model = tab + 1;
	return true;
}

int picker_recent_load(struct picker *pk, const char *path, char *err, size_t errlen)
{
	struct picker_known got[PICKER_RECENT_MAX];
	struct textfile f;
	enum textfile_line t;
	char line[512];
	size_t n = 0;
	int bad = 0;

	pk->nrecent = 0;
	if (textfile_open(&f, path, PICKER_RECENT_FILE_MAX, err, errlen) < 0)
		return errno == ENOENT ? 0 : -1;
	while (n < PICKER_RECENT_MAX && (t = textfile_next(&f, line, sizeof line)) != TEXTFILE_END) {
		const char *port, *model;
		if (t != TEXTFILE_OK || !split_line(line, &port, &model) ||
		    strlen(port) >= sizeof got[n].port) {
			bad += t != TEXTFILE_OK || (line[0] && line[0] != '#');
			continue;
		}
		memcpy(got[n].port, port, strlen(port) + 1);
		snprintf(got[n].model, sizeof got[n].model, "%.*s", (int)sizeof got[n].model - 1, model);
		n++;
	}
	textfile_close(&f);
	/* Oldest first, so the first line ends up the most recent. */
	while (n-- > 0)
		if (!picker_recent_add(pk, got[n].port, got[n].model))
			bad++;
	return bad;
}

/* Make path's directory and its parent (mode 0700) when missing. */
static void make_dirs(const char *path)
{
	char dir[1024];
	char *s;

	snprintf(dir, sizeof dir, "%s", path);
	if (!(s = strrchr(dir, '/')) || s == dir)
		return;
	*s = '\0';
	for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	mkdir(dir, 0700);
}

/* Write the list to the open temporary file f and close it.  Returns 0 or -1. */
static int write_list(const struct picker *pk, FILE *f)
{
	int bad = fprintf(f, "# capa: cameras used before, most recent first (PORT<TAB>MODEL)\n") < 0;

	for (size_t i = 0; i < pk->nrecent; i++)
		bad |= fprintf(f, "%s\t%s\n", pk->recent[i].port, pk->recent[i].model) < 0;
	bad |= fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	return bad ? -1 : 0;
}

int picker_recent_save(const struct picker *pk, const char *path, char *err, size_t errlen)
{
	char tmp[1100];
	FILE *f;
	int fd;

	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(err, errlen, "path too long");
		return -1;
	}
	make_dirs(path);
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		snprintf(err, errlen, "%s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	if (write_list(pk, f) < 0 || rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
		unlink(tmp);
		return -1;
	}
	return 0;
}
