/* The control interface of capa-simcam: a Unix socket taking line commands
 * (body shots, unplugging, faults) from tests and demos, and its client.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Protocol: one command per line; each command gets zero or more data
 * lines and then exactly one line starting with "ok" or "error".  See
 * doc/capa-simcam.1 for the command set. */
#ifndef SIMCAM_CONTROL_H
#define SIMCAM_CONTROL_H

#include "simcam/simcam.h"

#include <poll.h>

struct control;

/* Listen on the Unix socket `path` (a stale socket there is replaced).
 * Returns NULL on error (message printed). */
struct control *control_open(const char *path);
/* Close every connection and remove the socket file. */
void control_free(struct control *ctl);
int control_fill(struct control *ctl, struct pollfd *fds, int max);
void control_handle(struct simcam *sc, struct control *ctl, struct pollfd *fds, int nfds);
/* Answer commands that waited for shots which are now made. */
void control_progress(struct simcam *sc, struct control *ctl);
/* Run one command line as if it came from the socket (also used for
 * command-line options); the reply goes to `out`.  Returns 0 if "ok".
 * For `shoot` the reply is "pending": the socket layer answers "ok" once
 * the shots are made (control_progress). */
int control_command(struct simcam *sc, const char *line, char *out, size_t max);
/* The `capa-simcam ctl PATH COMMAND...` client: send one command, print the
 * reply.  Returns the exit status (0 ok, 1 error, 2 cannot connect). */
int control_client(const char *path, int argc, char **argv);

#endif
