/* `capa --render FILE`: one preview to stdout through the UI's pipeline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Main thread, before (or instead of) curses: it may probe the terminal on
 * /dev/tty for up to opts->probe_timeout ms. Errors go to stderr with the
 * file name made safe for a terminal. */
#ifndef CAPA_IMG_RENDER_H
#define CAPA_IMG_RENDER_H

#include "options.h"

/* Render opts->render to stdout (sixel, half blocks or a placeholder per
 * --graphics and the terminal probe). Returns the process exit status:
 * 0 ok, 1 the image could not be shown (reason on stderr). */
int render_main(const struct capa_options *opts);

#endif
