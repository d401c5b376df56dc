/* Commands across the process boundary: one JSON line each.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "command-wire.h"

#include <json-c/json_object.h>
#include <json-c/json_tokener.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Add the string member key = s when s is set; -1 on ENOMEM. */
static int add(struct json_object *o, const char *key, const char *s)
{
	struct json_object *v;

	if (!s)
		return 0;
	v = json_object_new_string(s);
	return v && json_object_object_add(o, key, v) == 0 ? 0 : -1;
}

char *command_wire_encode(const struct capa_command *cmd)
{
	struct json_object *o = json_object_new_object();
	char *line = NULL;

	if (o && add(o, "cmd", command_name(cmd->type)) == 0 && add(o, "model", cmd->model) == 0 &&
	    add(o, "port", cmd->port) == 0 && add(o, "key", cmd->key) == 0 &&
	    add(o, "value", cmd->value) == 0 &&
	    (!cmd->count || json_object_object_add(o, "count",
						    json_object_new_int64(cmd->count)) == 0) &&
	    (!cmd->at_us || json_object_object_add(o, "at_us",
						    json_object_new_int64(cmd->at_us)) == 0))
		line = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return line;
}

/* Copy the string member `key` of o into *out (absent: NULL).  -1 when it
 * is not a string, holds a NUL or a line break, or is over 4 KiB. */
static int member(struct json_object *o, const char *key, char **out)
{
	struct json_object *v;
	const char *s;
	size_t n;

	*out = NULL;
	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -1;
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	if (n > 4096 || strlen(s) != n || strpbrk(s, "\r\n"))
		return -1;
	*out = strdup(s);
	return *out ? 0 : -1;
}

/* The verb named s, or CMD_TYPE_COUNT. */
static enum capa_command_type verb(const char *s)
{
	for (int i = 0; i < CMD_TYPE_COUNT; i++)
		if (s && strcmp(s, command_name((enum capa_command_type)i)) == 0)
			return (enum capa_command_type)i;
	return CMD_TYPE_COUNT;
}

/* Fill c from the parsed object; -1 on anything out of place. */
static int fill(struct json_object *o, struct capa_command *c)
{
	struct json_object *v;
	char *name = NULL;

	if (!json_object_is_type(o, json_type_object) || member(o, "cmd", &name) < 0)
		return -1;
	c->type = verb(name);
	free(name);
	if (c->type == CMD_TYPE_COUNT)
		return -1;
	if (member(o, "model", &c->model) < 0 || member(o, "port", &c->port) < 0 ||
	    member(o, "key", &c->key) < 0 || member(o, "value", &c->value) < 0)
		return -1;
	if (json_object_object_get_ex(o, "count", &v)) {
		int64_t n = json_object_get_int64(v);
		if (!json_object_is_type(v, json_type_int) || n < 1 || n > 9999)
			return -1;
		c->count = (unsigned)n;
	}
	if (json_object_object_get_ex(o, "at_us", &v)) {
		if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) <= 0)
			return -1;
		c->at_us = json_object_get_int64(v);
	}
	if (c->type == CMD_CAPTURE && !c->count)
		return -1;
	if ((c->type == CMD_SET && (!c->key || !c->value)) || (c->type == CMD_GET && !c->key))
		return -1;
	return 0;
}

int command_wire_decode(const char *line, size_t len, struct capa_command *out,
			char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new_ex(4);
	struct json_object *o = NULL;
	struct capa_command c = { 0 };

	if (tok && len < 65536) {
		o = json_tokener_parse_ex(tok, line, (int)len);
		if (json_tokener_get_error(tok) != json_tokener_success ||
		    json_tokener_get_parse_end(tok) != len) {
			json_object_put(o);
			o = NULL;
		}
	}
	if (tok)
		json_tokener_free(tok);
	if (!o || fill(o, &c) < 0) {
		json_object_put(o);
		command_free(&c);
		snprintf(err, errlen, "malformed command line from the front end");
		return -1;
	}
	json_object_put(o);
	*out = c;
	return 0;
}
