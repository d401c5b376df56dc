/* Commands to the camera worker and their text syntax.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "command.h"

#include "command-table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *command_name(enum capa_command_type type)
{
	const struct cmd_entry *e = cmd_table_camera(type);
	return e ? e->name : "?";
}

/* Skip blanks. */
static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Copy the next blank-delimited word of *s (advancing it); NULL if none. */
static char *word(const char **s)
{
	const char *b = skip_ws(*s), *e = b;
	char *w;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	*s = e;
	if (e == b)
		return NULL;
	w = strndup(b, (size_t)(e - b));
	return w;
}

/* Copy the rest of the line, trimmed; NULL if empty. */
static char *rest(const char *s)
{
	const char *b = skip_ws(s);
	size_t n = strlen(b);
	while (n && (b[n - 1] == ' ' || b[n - 1] == '\t'))
		n--;
	return n ? strndup(b, n) : NULL;
}

/* Parse the arguments of a known verb into c. */
static int parse_args(struct capa_command *c, const char *p, char *err, size_t errlen)
{
	switch (c->type) {
	case CMD_CONNECT:
		c->port = word(&p);
		c->model = rest(p);
		return 0;
	case CMD_CAPTURE: {
		char *n = rest(p), *end;
		long v = n ? strtol(n, &end, 10) : 1;
		if (n && (*end || v < 1 || v > 9999)) {
			snprintf(err, errlen, "capture: \"%s\" is not a count from 1 to 9999", n);
			free(n);
			return -1;
		}
		free(n);
		c->count = (unsigned)v;
		return 0;
	}
	case CMD_SET:
	case CMD_GET:
		c->key = word(&p);
		if (c->type == CMD_SET)
			c->value = rest(p);
		if (!c->key || (c->type == CMD_SET && !c->value)) {
			snprintf(err, errlen, "usage: %s", c->type == CMD_SET ? "set KEY VALUE" : "get KEY");
			return -1;
		}
		if (c->type == CMD_GET && *skip_ws(p)) {
			snprintf(err, errlen, "usage: get KEY");
			return -1;
		}
		return 0;
	default:
		if (*skip_ws(p)) {
			snprintf(err, errlen, "%s takes no argument", command_name(c->type));
			return -1;
		}
		return 0;
	}
}

int command_parse(const char *line, struct capa_command *out, char *err, size_t errlen)
{
	char buf[4096];
	const char *p;
	char *verb;
	struct capa_command c = { 0 };
	size_t n = strcspn(line, "\r\n");

	if (n >= sizeof(buf)) {
		snprintf(err, errlen, "command line too long");
		return -1;
	}
	memcpy(buf, line, n);
	buf[n] = '\0';
	p = skip_ws(buf);
	if (*p == '\0' || *p == '#')
		return 1;
	if (*p == '@') { /* a camera: @2, @cam1, @all */
		p++;
		c.target = word(&p);
		if (!c.target) {
			snprintf(err, errlen, "@ needs a camera: @1, @LABEL or @all");
			return -1;
		}
		p = skip_ws(p);
	}
	verb = word(&p);
	if (!verb) {
		if (c.target) {
			snprintf(err, errlen, "@%.40s: which command?", c.target);
			free(c.target);
			return -1;
		}
		return 1;
	}
	/* the table's verbs that a camera runs; the front ends' own (wait,
	 * theme, bind) are no camera command */
	const struct cmd_entry *e = cmd_table_find(verb);
	c.type = e ? e->type : CMD_TYPE_COUNT;
	if (c.type == CMD_TYPE_COUNT) {
		snprintf(err, errlen, "unknown command \"%.40s\"", verb);
		free(verb);
		free(c.target);
		return -1;
	}
	free(verb);
	p = skip_ws(p);
	if (*p == '@' && !c.target) { /* capture @2, set @all iso 400 */
		p++;
		c.target = word(&p);
		if (!c.target) {
			snprintf(err, errlen, "@ needs a camera: @1, @LABEL or @all");
			return -1;
		}
	}
	if (parse_args(&c, p, err, errlen) < 0) {
		command_free(&c);
		return -1;
	}
	*out = c;
	return 0;
}

int command_parse_wait(const char *line, double *seconds, char *err, size_t errlen)
{
	const char *p = skip_ws(line);
	char *end;
	double s;

	if (strncmp(p, "wait", 4) != 0 || (p[4] != ' ' && p[4] != '\t' && p[4] != '\0'))
		return 1;
	s = strtod(p + 4, &end);
	while (*end == ' ' || *end == '\t' || *end == '\r')
		end++;
	if (!isfinite(s) || s < 0 || s > 86400 || *end || end == p + 4) {
		snprintf(err, errlen, "usage: wait SECONDS (0 to 86400)");
		return -1;
	}
	*seconds = s;
	return 0;
}

int command_copy(struct capa_command *dst, const struct capa_command *src)
{
	*dst = *src;
	dst->model = src->model ? strdup(src->model) : NULL;
	dst->port = src->port ? strdup(src->port) : NULL;
	dst->key = src->key ? strdup(src->key) : NULL;
	dst->value = src->value ? strdup(src->value) : NULL;
	dst->target = src->target ? strdup(src->target) : NULL;
	if ((src->model && !dst->model) || (src->port && !dst->port) ||
	    (src->key && !dst->key) || (src->value && !dst->value) ||
	    (src->target && !dst->target)) {
		command_free(dst);
		return -1;
	}
	return 0;
}

void command_free(struct capa_command *cmd)
{
	free(cmd->model);
	free(cmd->port);
	free(cmd->key);
	free(cmd->value);
	free(cmd->target);
	memset(cmd, 0, sizeof(*cmd));
}
