/* Command-line and config options, declared once in a table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table in options.c drives getopt, `--help`, the config-file parser and
 * the OPTIONS section of doc/capa.1 (`capa --man-options` prints it).
 * Not thread-safe: parse on the main thread before starting anything else. */
#ifndef CAPA_OPTIONS_H
#define CAPA_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum opt_type {
	OPT_FLAG,   /* boolean, no argument; "yes/no/true/false/1/0" in config */
	OPT_STRING, /* any string */
	OPT_INT,    /* integer within [min, max] */
	OPT_ENUM,   /* one of the '|'-separated words in `choices` */
};

struct capa_options {
	bool help, version, man_options, man_commands;
	bool headless, demo, keep, no_auto_connect;
	const char *camera;          /* libgphoto2 model name */
	const char *port;            /* libgphoto2 port path, e.g. ptpip:127.0.0.1:15740 */
	const char *ports[8];        /* every --port given: one camera each */
	int n_ports;
	const char *session;         /* session directory */
	const char *filename;        /* gphoto2-style filename pattern */
	const char *hook_script;
	const char *render;          /* file to render to stdout */
	int width, height;           /* render box in pixels (0: default) */
	const char *graphics;        /* auto|sixel|halfblock|none */
	int colors;                  /* sixel palette size */
	const char *display_profile; /* ICC file of the terminal, NULL = sRGB */
	const char *intent;          /* perceptual|relative|saturation|absolute */
	const char *theme;
	const char *config;          /* config file path, NULL = XDG default */
	int probe_timeout;           /* terminal probe deadline, ms */
	const char *simcam;          /* capa-simcam binary for --demo */
	int camera_index;            /* not an option: the camera's number among
				      * several (cam-set.c), 0 with one */
	bool camera_process;         /* not an option: set in the worker role
				      * (cam-child.c), which shares the session
				      * its front end has locked */
};

#define CAPA_MAX_CAMERAS 8 /* sizeof ports */

struct option_def {
	const char *name;    /* long name without "--" */
	char short_name;     /* 0 when none */
	enum opt_type type;
	const char *arg;     /* metavar shown in help, NULL for flags */
	const char *def;     /* default as text, NULL when none */
	long min, max;       /* OPT_INT range */
	const char *choices; /* OPT_ENUM words, '|'-separated */
	bool config_ok;      /* may appear in the config file */
	const char *help;    /* one line */
	size_t offset;       /* field in struct capa_options */
};

/* The table, terminated by an entry with name == NULL. */
extern const struct option_def option_table[];

/* Fill `o` with every default. */
void options_defaults(struct capa_options *o);

/* Find an option by long name; NULL when unknown. */
const struct option_def *option_find(const char *name);

/* Set one option from text.  Returns 0, or -1 with a message in err. The
 * string is kept by pointer: it must outlive `o`. */
int option_set(struct capa_options *o, const struct option_def *d,
	       const char *value, char *err, size_t errlen);

/* Parse argv.  Returns 0 on success, -1 after printing a usage error. */
int options_parse(struct capa_options *o, int argc, char **argv);

/* Print `--help` text. */
void options_print_help(FILE *out);

/* Print the man page OPTIONS section body (troff). */
void options_print_man(FILE *out);

#endif
