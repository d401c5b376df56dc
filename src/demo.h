/* `capa --demo`: run capa against a capa-simcam started for the purpose.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_DEMO_H
#define CAPA_DEMO_H

#include <stddef.h>
#include <sys/types.h>

#include "options.h"

struct demo {
	pid_t pid;          /* capa-simcam, 0 when not running */
	char port[64];      /* "ptpip:127.0.0.1:PORT:PORT" */
	char session[4096]; /* the demo's own session, unless --session */
};

/* Find capa-simcam (opts->simcam, else beside /proc/self/exe, else $PATH),
 * start it on port 0, read its `listening 127.0.0.1:PORT` line (5 s
 * deadline) and point opts->camera/opts->port at it.  Returns 0, or -1 with
 * a message in err. */
int demo_start(struct demo *d, struct capa_options *opts, char *err, size_t errlen);

/* Stop capa-simcam (SIGTERM, then wait). */
void demo_stop(struct demo *d);

/* Start the simulator, run the UI (or headless mode with --headless) in a
 * session of the demo's own ($XDG_PICTURES_DIR/capa/demo unless
 * --session), stop it, say where the shots are.  Returns the exit status. */
int demo_main(struct capa_options *opts);

#endif
