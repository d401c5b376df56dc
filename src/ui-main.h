/* The interactive terminal UI.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_UI_MAIN_H
#define CAPA_UI_MAIN_H

#include "options.h"

/* Run the interactive UI until the user quits.  Reads the config file,
 * probes the terminal, starts the camera worker and curses.  Returns the
 * process exit status.  Main thread only. */
int ui_main(struct capa_options *opts);

#endif
