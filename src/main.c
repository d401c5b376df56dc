/* capa: tethered photography in the terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cam-child.h"
#include "command-table.h"
#include "demo.h"
#include "headless.h"
#include "img-render.h"
#include "options.h"
#include "session.h"
#include "ui-main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct capa_options opts;
	char msg[4600];

	if (argc > 1 && strcmp(argv[1], CAM_CHILD_FLAG) == 0)
		return cam_child_main(argc, argv);
	options_defaults(&opts);
	if (options_parse(&opts, argc, argv) < 0)
		return 2;
	if (opts.help) {
		options_print_help(stdout);
		return 0;
	}
	if (opts.version) {
		printf("capa %s\n", CAPA_VERSION);
		return 0;
	}
	if (opts.man_options) {
		options_print_man(stdout);
		return 0;
	}
	if (opts.man_commands) {
		cmd_table_print_man(stdout);
		return 0;
	}
	if (opts.render)
		return render_main(&opts);
	/* the UI would find out only after taking the terminal */
	if (!opts.demo && !opts.headless && session_lock_holder(opts.session, msg, sizeof(msg))) {
		fprintf(stderr, "capa: %s\n", msg);
		return 1;
	}
	return opts.demo ? demo_main(&opts) : opts.headless ? headless_main(&opts) : ui_main(&opts);
}
