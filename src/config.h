/* The config file: options from the option table, key bindings, theme.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * $XDG_CONFIG_HOME/capa/config (or ~/.config/capa/config, or --config).
 * One setting per line, `#` comments:
 *   OPTION VALUE        any option marked config_ok (e.g. `colors 64`);
 *   OPTION = VALUE      the same;  `set OPTION=VALUE` too (cmus style);
 *   FLAG                a flag option alone means yes (`keep`);
 *   bind KEY COMMAND    see keys.h;
 *   theme NAME          the colour theme.
 * Every mistake becomes one message through the log callback; the rest of
 * the file still applies.  Main thread only. */
#ifndef CAPA_CONFIG_H
#define CAPA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/* Owns the strings the options point into after config_apply. */
struct config {
	char **strings;
	size_t n;
};

typedef void config_log_fn(void *ud, const char *msg);

/* The default config file path into out. */
void config_default_path(char *out, size_t outlen);

/* Apply one line (lineno for messages).  Returns 0 or -1 after logging. */
int config_apply_line(struct config *c, struct capa_options *o, const char *line,
		      const char *where, config_log_fn *log, void *ud);

/* Read the file at path (a missing default file is not an error) into o.
 * Returns the number of bad lines, or -1 if an explicit file is unreadable. */
int config_load(struct config *c, struct capa_options *o, const char *path,
		bool must_exist, config_log_fn *log, void *ud);

/* Read --config FILE (opts->config, which must exist) or the default file
 * into opts, for the UI and headless mode alike: an option takes the
 * file's value unless the command line set it (it differs from the
 * default).  Returns config_load's result. */
int config_load_options(struct config *c, struct capa_options *opts,
			config_log_fn *log, void *ud);

/* Free the strings. */
void config_free(struct config *c);

#endif
