/* Headless mode: commands on stdin, one JSON event per line on stdout.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stdin lines: any command.h command, plus `wait SECONDS` (stop reading stdin
 * for that long while events keep flowing).  EOF means `quit` once every
 * pending download is done.  One poll() loop over stdin, the worker fd and a
 * signalfd (SIGINT/SIGTERM/SIGHUP: stop cleanly).  Replies to bad lines are
 * {"event":"error","what":"command",...}. */
#ifndef CAPA_HEADLESS_H
#define CAPA_HEADLESS_H

#include "options.h"

/* Run until quit; returns the process exit status.  Options: those of the
 * command line, then the config file's (--config FILE or the XDG one) for
 * every option the command line left alone, as in the UI; a mistake in the
 * file is an error event with what "config". */
int headless_main(const struct capa_options *opts);

#endif
