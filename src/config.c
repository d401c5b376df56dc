/* The config file parser.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command-table.h"
#include "keys.h"
#include "textfile.h"

void config_default_path(char *out, size_t outlen)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(out, outlen, "%s/capa/config", xdg);
	else
		snprintf(out, outlen, "%s/.config/capa/config", home ? home : ".");
}

/* Keep a copy of s for the options to point into. */
static const char *keep(struct config *c, const char *s)
{
	char **n = realloc(c->strings, (c->n + 1) * sizeof *n);
	if (!n)
		return NULL;
	c->strings = n;
	n[c->n] = strdup(s);
	return n[c->n] ? n[c->n++] : NULL;
}

/* Report one problem. */
static int complain(config_log_fn *log, void *ud, const char *where, const char *msg)
{
	char buf[512];
	snprintf(buf, sizeof buf, "config %s: %s", where, msg);
	log(ud, buf);
	return -1;
}

/* Trim spaces at both ends in place. */
static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

/* Split "NAME VALUE", "NAME = VALUE", "set NAME=VALUE" into name and value. */
static void split(char *line, char **name, char **value)
{
	if (strncmp(line, "set ", 4) == 0)
		line = trim(line + 4);
	char *p = line;
	while (*p && !isspace((unsigned char)*p) && *p != '=')
		p++;
	*name = line;
	if (!*p) {
		*value = NULL;
		return;
	}
	char sep = *p;
	*p++ = 0;
	p = trim(p);
	if (sep != '=' && *p == '=')
		p = trim(p + 1);
	*value = *p ? p : NULL;
	/* Strip one level of double quotes. */
	size_t n = *value ? strlen(*value) : 0;
	if (n >= 2 && (*value)[0] == '"' && (*value)[n - 1] == '"') {
		(*value)[n - 1] = 0;
		(*value)++;
	}
}

int config_apply_line(struct config *c, struct capa_options *o, const char *text,
		      const char *where, config_log_fn *log, void *ud)
{
	char buf[1024], err[300], *name, *value;

	if (strlen(text) >= sizeof buf)
		return complain(log, ud, where, "line too long");
	snprintf(buf, sizeof buf, "%s", text);
	char *line = trim(buf);
	if (!*line || *line == '#')
		return 0;
	split(line, &name, &value);
	/* a command of the table that the config file takes (bind), else an
	 * option of the option table */
	const struct cmd_entry *e = cmd_table_find(name);
	if (e && (e->fronts & CF_CONFIG) && e->run == CR_BIND) {
		char *key = value ? value : (char *)"", *cmd = key;
		while (*cmd && !isspace((unsigned char)*cmd))
			cmd++;
		if (*cmd)
			*cmd++ = 0;
		cmd = trim(cmd);
		if (!*key || !*cmd)
			return complain(log, ud, where, "want: bind KEY COMMAND");
		if (keys_bind(key, cmd, err, sizeof err) < 0)
			return complain(log, ud, where, err);
		return 0;
	}
	const struct option_def *d = option_find(name);
	if (!d && e && cmd_refused(e, CF_CONFIG, err, sizeof err))
		return complain(log, ud, where, err);
	if (!d) {
		snprintf(err, sizeof err, "unknown setting \"%.60s\"", name);
		return complain(log, ud, where, err);
	}
	if (!d->config_ok) {
		snprintf(err, sizeof err, "\"%s\" works on the command line only", name);
		return complain(log, ud, where, err);
	}
	if (!value && d->type != OPT_FLAG) {
		snprintf(err, sizeof err, "\"%s\" needs a value", name);
		return complain(log, ud, where, err);
	}
	const char *kept = value ? keep(c, value) : NULL;
	if (value && !kept)
		return complain(log, ud, where, "out of memory");
	if (option_set(o, d, kept, err, sizeof err) < 0)
		return complain(log, ud, where, err);
	return 0;
}

/* Report a line the reader skipped; returns -1. */
static int skipped(config_log_fn *log, void *ud, const char *where, enum textfile_line r)
{
	return complain(log, ud, where, r == TEXTFILE_NUL ? "line holds a NUL byte" : "line too long");
}

int config_load(struct config *c, struct capa_options *o, const char *path,
		bool must_exist, config_log_fn *log, void *ud)
{
	char line[1100], where[300], msg[520], err[128];
	int bad = 0, lineno = 0;
	enum textfile_line r;
	struct textfile f;

	if (textfile_open(&f, path, TEXTFILE_MAX, err, sizeof err) < 0) {
		if (!must_exist && errno == ENOENT)
			return 0;
		snprintf(msg, sizeof msg, "config: cannot read %.250s: %s; using the defaults", path, err);
		log(ud, msg);
		return -1;
	}
	while ((r = textfile_next(&f, line, sizeof line)) != TEXTFILE_END) {
		snprintf(where, sizeof where, "line %d", ++lineno);
		if (r != TEXTFILE_OK ? skipped(log, ud, where, r) < 0
				     : config_apply_line(c, o, line, where, log, ud) < 0)
			bad++;
	}
	textfile_close(&f);
	return bad;
}

/* Is option d's value the same in a and b? */
static bool same_value(const struct option_def *d, const struct capa_options *a,
		       const struct capa_options *b)
{
	const char *pa = (const char *)a + d->offset, *pb = (const char *)b + d->offset;
	switch (d->type) {
	case OPT_FLAG: return *(const bool *)pa == *(const bool *)pb;
	case OPT_INT: return *(const int *)pa == *(const int *)pb;
	default: {
		const char *sa = *(const char *const *)pa, *sb = *(const char *const *)pb;
		return sa == sb || (sa && sb && !strcmp(sa, sb));
	}
	}
}

/* The size of option d's field. */
static size_t option_size(const struct option_def *d)
{
	return d->type == OPT_FLAG ? sizeof(bool) : d->type == OPT_INT ? sizeof(int) : sizeof(char *);
}

int config_load_options(struct config *c, struct capa_options *opts,
			config_log_fn *log, void *ud)
{
	struct capa_options def, file;
	char path[1024];
	int r;

	options_defaults(&def);
	file = def;
	if (opts->config)
		snprintf(path, sizeof path, "%s", opts->config);
	else
		config_default_path(path, sizeof path);
	r = config_load(c, &file, path, opts->config != NULL, log, ud);
	if (r < 0)
		return r;
	for (const struct option_def *d = option_table; d->name; d++)
		if (d->config_ok && same_value(d, opts, &def))
			memcpy((char *)opts + d->offset, (char *)&file + d->offset, option_size(d));
	return r;
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->strings[i]);
	free(c->strings);
	c->strings = NULL;
	c->n = 0;
}
