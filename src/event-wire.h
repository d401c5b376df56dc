/* Events across the worker process boundary: one JSON line each, lossless.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * event_wire_encode() writes every field of a struct capa_event and
 * event_wire_decode() gives back an event equal to it field by field:
 * strings byte for byte (NULL apart from ""), integers in full, doubles and
 * floats bit for bit (a NaN keeps its sign, not its payload), the whole
 * config tree.  This is not event_to_json()'s headless output, which shows
 * only what a type means and is free to change for readers; this one is
 * read only by event_wire_decode() of the same build.
 *
 * The line is a JSON object; a member at its default (NULL, 0, +0.0,
 * false, "", no exif, no tree) is left out, and "event" always comes:
 *   {"event":"file-saved","id":3,"folder":"/store_00010001/DCIM/100CANON",
 *    "name":"IMG_0001.JPG","path":"/home/u/IMG_0001.JPG","bytes":123,
 *    "sha256":"9f86...","exif":{"exposure":0.004,"iso":400},"ms":42}
 * Members, after struct capa_event: event (event_type_name), id, done,
 * total, bytes, ms (elapsed_ms): integers 0..2^64-1; free_bytes,
 * free_shots: signed 64-bit; level: "debug".."error"; deleted
 * (deleted_on_camera), unjournaled: booleans; model, port, serial, key,
 * value, folder, name, path, what, message, hint: strings; sha256: "" or
 * 64 lowercase hex digits; exif: {exposure (exposure_s), fnumber, iso,
 * focal (focal_mm), lens, width, height}; config: the root widget
 * {name, label, path, section, type (cam_widget_type_name), value,
 * readonly, min, max, step, choices: [string or null...], children: [...]}.
 * Strings: a string that is not valid UTF-8 (raw camera bytes), or that
 * starts with DEL (0x7F), goes as DEL then its bytes in lowercase hex, so
 * that json.c's U+FFFD never replaces a byte.  Numbers: doubles and floats
 * with as many digits as give them back (json_double_exact: 15 to 17); NaN
 * and the infinities as the strings "nan", "-nan", "inf", "-inf".  An enum
 * out of its range (a sender's bug) makes a line the decoder refuses.
 *
 * The decoder takes untrusted bytes (the worker process may be compromised,
 * or die mid-line) and refuses, with a reason, anything it would not have
 * written: bad JSON, bytes after the object, a NUL byte (raw, \u0000 or in
 * hex), invalid UTF-8, an unknown event type, member or name, a member of
 * the wrong type or range, an integer beyond 64 bits, and the limits below.
 * Its memory is bounded: before json-c builds its tree (~750 bytes an
 * object), the line's objects, arrays and separators are counted against
 * what an event with a tree within the limits can need.  Measured: the
 * worst line within the limits costs ~260 MiB for 0.3 s; a camera's tree
 * of 150 widgets (50 KB) ~1 ms.
 * Pure functions, any thread. */
#ifndef CAPA_EVENT_WIRE_H
#define CAPA_EVENT_WIRE_H

#include <stddef.h>

#include "event.h"

#define EVENT_WIRE_MAX (16u << 20)    /* bytes in a line, without its newline */
#define EVENT_WIRE_STR_MAX (64u << 10) /* bytes in one string, once decoded */
#define EVENT_WIRE_DEPTH 16           /* levels of a config tree, the root's is 1 */
#define EVENT_WIRE_WIDGETS 10000      /* widgets in a config tree */
#define EVENT_WIRE_CHOICES 10000      /* choices in all of a tree's widgets */

/* One line (no newline) encoding every field of ev; malloc'd, NULL on
 * ENOMEM. */
char *event_wire_encode(const struct capa_event *ev);

/* Decode line[0..len) (no NUL needed; white space after the object, such
 * as the line's newline, is ignored).
 * Returns a new event (event_free it), or NULL with a reason in err (one
 * line, at most errlen bytes, inert on a terminal) when the line is
 * malformed or memory runs out. */
struct capa_event *event_wire_decode(const char *line, size_t len, char *err, size_t errlen);

#endif
