/* Commands to the camera worker, and their one-line text syntax.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same text commands drive headless mode (stdin), the UI's `:` prompt,
 * key bindings and tests:
 *   connect [PORT [MODEL]]   open a camera: autodetect without arguments, else
 *                            PORT (e.g. usb:001,004, ptpip:127.0.0.1:15740)
 *                            with MODEL (rest of the line, may hold spaces;
 *                            default: "PTP/IP Camera" for ptpip: ports, else
 *                            the model autodetected at PORT).  A ptpip path
 *                            without an event port gets PORT as event port.
 *   disconnect               close it
 *   capture [N]              fire the shutter N times (default 1)
 *   set KEY VALUE            change a setting (value may contain spaces)
 *   get KEY                  answer with an EV_VALUE event
 *   config                   answer with an EV_CONFIG_TREE event
 *   retry                    download again every object still owed
 *   stop                     end the running capture sequence after the
 *                            shot in progress and drop queued captures; it
 *                            acts at once, never waits in the queue
 *   quit                     finish pending downloads, then stop the worker
 * (`wait SECONDS` is handled by the headless front end, not the worker.)
 * The verbs, their synopsis and which front ends take them are declared
 * once in command-table.c.
 * With several cameras a line may begin with `@CAMERA`: the camera's
 * number (1, 2, ...), its label, or `all`.  Without it, `capture` and
 * `stop` go to every camera, other commands to the selected one.
 * A command owns its strings; command_free() releases them. */
#ifndef CAPA_COMMAND_H
#define CAPA_COMMAND_H

#include <stddef.h>
#include <stdint.h>

enum capa_command_type {
	CMD_CONNECT,
	CMD_DISCONNECT,
	CMD_CAPTURE,
	CMD_SET,
	CMD_GET,
	CMD_CONFIG,
	CMD_RETRY,
	CMD_QUIT,
	CMD_STOP,
	CMD_TYPE_COUNT
};

struct capa_command {
	enum capa_command_type type;
	char *model, *port;   /* CMD_CONNECT; NULL = autodetect / worker default */
	char *key, *value;    /* CMD_SET, CMD_GET */
	unsigned count;       /* CMD_CAPTURE: number of shots (>= 1) */
	int64_t at_us;        /* CMD_CAPTURE: fire the first shot at this
			       * CLOCK_MONOTONIC time (µs), not before; 0: at
			       * once.  cam-set.c sets it for several cameras,
			       * so their shutters fire together */
	char *target;         /* "@CAMERA" without the '@', NULL when none:
			       * for the front end (cam-set.h), never sent */
};

/* Parse one line (without or with its trailing newline) into `out`.
 * Returns 0; 1 for an empty or comment (#) line (out untouched); -1 with a
 * message in err for an unknown or malformed command. */
int command_parse(const char *line, struct capa_command *out, char *err, size_t errlen);

/* Parse headless mode's `wait SECONDS` (0 to 86400, blanks and a trailing
 * CR allowed).  Returns 0 with *seconds; 1 when the line is not a wait
 * (another command); -1 with a message in err for a malformed wait. */
int command_parse_wait(const char *line, double *seconds, char *err, size_t errlen);

/* Deep-copy `src` into `dst`.  Returns 0 or -1 (ENOMEM). */
int command_copy(struct capa_command *dst, const struct capa_command *src);

/* Release the strings of `cmd` (not cmd itself) and zero it. */
void command_free(struct capa_command *cmd);

/* The command's verb, e.g. "capture". */
const char *command_name(enum capa_command_type type);

#endif
