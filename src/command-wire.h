/* Commands across the process boundary: one JSON line each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The front end sends every command to a camera process as a JSON object
 * that keeps each field exactly (a setting's value with blanks at its
 * ends, a key with a blank in it): the text syntax of command.h trims and
 * splits, which is right for people, not for a copy. */
#ifndef CAPA_COMMAND_WIRE_H
#define CAPA_COMMAND_WIRE_H

#include <stddef.h>

#include "command.h"

/* {"cmd":"set","key":"iso","value":"400"} (no newline); malloc'd, NULL on
 * ENOMEM. */
char *command_wire_encode(const struct capa_command *cmd);

/* Decode one line made by command_wire_encode into out.  Returns 0, or -1
 * with err for anything else (unknown verb, wrong types, a string holding
 * a NUL or a line break, a count outside 1..9999). */
int command_wire_decode(const char *line, size_t len, struct capa_command *out,
			char *err, size_t errlen);

#endif
