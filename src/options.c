/* Command-line and config options, declared once.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define OFF(f) offsetof(struct capa_options, f)

const struct option_def option_table[] = {
	{ "help", 'h', OPT_FLAG, NULL, NULL, 0, 0, NULL, false,
	  "show this help and exit", OFF(help) },
	{ "version", 'V', OPT_FLAG, NULL, NULL, 0, 0, NULL, false,
	  "show the version and exit", OFF(version) },
	{ "headless", 0, OPT_FLAG, NULL, NULL, 0, 0, NULL, false,
	  "no UI: read commands on stdin, write JSON events on stdout", OFF(headless) },
	{ "demo", 0, OPT_FLAG, NULL, NULL, 0, 0, NULL, false,
	  "start capa-simcam on a free port and connect to it; shots go to "
	  "$XDG_PICTURES_DIR/capa/demo unless --session", OFF(demo) },
	{ "camera", 0, OPT_STRING, "MODEL", NULL, 0, 0, NULL, true,
	  "camera model as libgphoto2 names it (e.g. \"PTP/IP Camera\")", OFF(camera) },
	{ "port", 0, OPT_STRING, "PATH", NULL, 0, 0, NULL, true,
	  "camera port: usb:BUS,DEV or ptpip:IP[:PORT]; give it again for each further camera", OFF(port) },
	{ "no-auto-connect", 0, OPT_FLAG, NULL, NULL, 0, 0, NULL, true,
	  "never connect or reconnect by itself; only on command", OFF(no_auto_connect) },
	{ "session", 0, OPT_STRING, "DIR", NULL, 0, 0, NULL, true,
	  "session directory (default $XDG_PICTURES_DIR/capa/YYYY-MM-DD)", OFF(session) },
	{ "filename", 0, OPT_STRING, "PATTERN", NULL, 0, 0, NULL, true,
	  "local file names, gphoto2 codes (%Y %m %d %H %M %S %n %f %C ...)", OFF(filename) },
	{ "keep", 0, OPT_FLAG, NULL, NULL, 0, 0, NULL, true,
	  "keep shots on the camera after download", OFF(keep) },
	{ "hook-script", 0, OPT_STRING, "FILE", NULL, 0, 0, NULL, true,
	  "run FILE with ACTION=init|start|download|stop (gphoto2-compatible)", OFF(hook_script) },
	{ "render", 0, OPT_STRING, "FILE", NULL, 0, 0, NULL, false,
	  "write FILE's preview to stdout and exit", OFF(render) },
	{ "width", 0, OPT_INT, "PX", "0", 0, 16384, NULL, false,
	  "--render box width in pixels (0: fit the terminal)", OFF(width) },
	{ "height", 0, OPT_INT, "PX", "0", 0, 16384, NULL, false,
	  "--render box height in pixels (0: fit the terminal)", OFF(height) },
	{ "graphics", 0, OPT_ENUM, "MODE", "auto", 0, 0, "auto|sixel|halfblock|none", true,
	  "how to draw images: auto, sixel, halfblock or none", OFF(graphics) },
	{ "colors", 0, OPT_INT, "N", "256", 2, 256, NULL, true,
	  "sixel palette size (fewer is faster over slow links)", OFF(colors) },
	{ "display-profile", 0, OPT_STRING, "FILE", NULL, 0, 0, NULL, true,
	  "ICC profile of the terminal's display (default sRGB)", OFF(display_profile) },
	{ "intent", 0, OPT_ENUM, "INTENT", "perceptual", 0, 0,
	  "perceptual|relative|saturation|absolute", true,
	  "colour rendering intent", OFF(intent) },
	{ "probe-timeout", 0, OPT_INT, "MS", "2000", 50, 30000, NULL, true,
	  "how long to wait for the terminal to answer its probes", OFF(probe_timeout) },
	{ "theme", 0, OPT_STRING, "NAME", "default", 0, 0, NULL, true,
	  "colour theme (a file in themes/ or a path)", OFF(theme) },
	{ "config", 0, OPT_STRING, "FILE", NULL, 0, 0, NULL, false,
	  "config file (default $XDG_CONFIG_HOME/capa/config)", OFF(config) },
	{ "simcam", 0, OPT_STRING, "FILE", NULL, 0, 0, NULL, true,
	  "capa-simcam program used by --demo", OFF(simcam) },
	{ "man-options", 0, OPT_FLAG, NULL, NULL, 0, 0, NULL, false,
	  "print the man page's OPTIONS section and exit", OFF(man_options) },
	{ "man-commands", 0, OPT_FLAG, NULL, NULL, 0, 0, NULL, false,
	  "print the man page's COMMANDS section and exit", OFF(man_commands) },
	{ NULL, 0, 0, NULL, NULL, 0, 0, NULL, false, NULL, 0 },
};

/* Fill `o` with every default. */
void options_defaults(struct capa_options *o)
{
	memset(o, 0, sizeof *o);
	for (const struct option_def *d = option_table; d->name; d++)
		if (d->def)
			option_set(o, d, d->def, NULL, 0);
}

/* Find an option by long name. */
const struct option_def *option_find(const char *name)
{
	for (const struct option_def *d = option_table; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

/* Is `word` one of the '|'-separated choices? */
static bool enum_has(const char *choices, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = choices; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, word, n) == 0)
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* Parse a boolean word as config files write them. */
static int parse_bool(const char *v, bool *out)
{
	if (!v || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off"))
		*out = false;
	else
		return -1;
	return 0;
}

/* Set one option from text. */
int option_set(struct capa_options *o, const struct option_def *d,
	       const char *value, char *err, size_t errlen)
{
	char *field = (char *)o + d->offset;
	char *end;
	long n;

	switch (d->type) {
	case OPT_FLAG:
		if (parse_bool(value, (bool *)field) < 0)
			goto bad;
		return 0;
	case OPT_STRING:
		*(const char **)field = value;
		return 0;
	case OPT_INT:
		errno = 0;
		n = value ? strtol(value, &end, 10) : 0;
		if (!value || errno || end == value || *end || n < d->min || n > d->max) {
			if (err)
				snprintf(err, errlen, "--%s wants a whole number from %ld to %ld, not \"%s\"",
					 d->name, d->min, d->max, value ? value : "");
			return -1;
		}
		*(int *)field = (int)n;
		return 0;
	case OPT_ENUM:
		if (!value || !enum_has(d->choices, value)) {
			if (err)
				snprintf(err, errlen, "--%s wants one of %s, not \"%s\"",
					 d->name, d->choices, value ? value : "");
			return -1;
		}
		*(const char **)field = value;
		return 0;
	}
bad:
	if (err)
		snprintf(err, errlen, "--%s wants yes or no, not \"%s\"", d->name, value ? value : "");
	return -1;
}

/* Parse argv. */
/* Keep one more --port: each is a camera of its own (cam-set.h). */
static int add_port(struct capa_options *o, const char *port)
{
	if (o->n_ports == CAPA_MAX_CAMERAS) {
		fprintf(stderr, "capa: at most %d cameras (--port given more often)\n",
			CAPA_MAX_CAMERAS);
		return -1;
	}
	o->ports[o->n_ports++] = port;
	o->port = o->ports[0]; /* the first is the camera of one-camera code */
	return 0;
}

int options_parse(struct capa_options *o, int argc, char **argv)
{
	enum { NOPTS = sizeof option_table / sizeof option_table[0] };
	struct option longs[NOPTS];
	char shorts[2 * NOPTS + 2] = ":";
	size_t ns = 1, i = 0;

	for (const struct option_def *d = option_table; d->name; d++, i++) {
		longs[i] = (struct option){ d->name,
			d->type == OPT_FLAG ? no_argument : required_argument, NULL, 0x100 + (int)i };
		if (d->short_name) {
			shorts[ns++] = d->short_name;
			if (d->type != OPT_FLAG)
				shorts[ns++] = ':';
		}
	}
	longs[i] = (struct option){ 0, 0, 0, 0 };
	shorts[ns] = 0;

	opterr = 0;
	for (;;) {
		int c = getopt_long(argc, argv, shorts, longs, NULL);
		const struct option_def *d = NULL;
		char err[256];

		if (c == -1)
			break;
		if (c == '?' || c == ':') {
			fprintf(stderr, "capa: %s option %s; try capa --help\n",
				c == ':' ? "missing value for" : "unknown",
				argv[optind - 1]);
			return -1;
		}
		if (c >= 0x100)
			d = &option_table[c - 0x100];
		else
			for (d = option_table; d->name && d->short_name != c; d++)
				;
		if (option_set(o, d, d->type == OPT_FLAG ? NULL : optarg, err, sizeof err) < 0) {
			fprintf(stderr, "capa: %s\n", err);
			return -1;
		}
		if (d->offset == offsetof(struct capa_options, port) && add_port(o, optarg) < 0)
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "capa: unexpected argument \"%s\"; try capa --help\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* Format "-h, --help" or "    --port PATH" into buf. */
static void option_synopsis(const struct option_def *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s%c%s--%s%s%s",
		 d->short_name ? "-" : " ", d->short_name ? d->short_name : ' ',
		 d->short_name ? ", " : "  ", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
}

/* Print `--help` text. */
void options_print_help(FILE *out)
{
	fputs("Usage: capa [OPTION]...\n"
	      "Tethered photography in the terminal: capture, download every shot\n"
	      "safely, preview it and change camera settings.\n\nOptions:\n", out);
	for (const struct option_def *d = option_table; d->name; d++) {
		char syn[64];
		option_synopsis(d, syn, sizeof syn);
		fprintf(out, "  %-28s %s", syn, d->help);
		if (d->def && d->type != OPT_FLAG)
			fprintf(out, " [%s]", d->def);
		fputc('\n', out);
	}
	fputs("\nKeys, configuration and files: see man capa.\n", out);
}

/* Write s escaping troff specials (backslash, leading dot/quote, hyphens). */
static void troff_puts(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

/* Print the man page OPTIONS section body (troff). */
void options_print_man(FILE *out)
{
	for (const struct option_def *d = option_table; d->name; d++) {
		fputs(".TP\n", out);
		if (d->short_name)
			fprintf(out, "\\fB\\-%c\\fR, ", d->short_name);
		fputs("\\fB\\-\\-", out);
		troff_puts(out, d->name);
		fputs("\\fR", out);
		if (d->arg)
			fprintf(out, " \\fI%s\\fR", d->arg);
		fputc('\n', out);
		troff_puts(out, d->help);
		if (d->def && d->type != OPT_FLAG) {
			fputs(" (default: ", out);
			troff_puts(out, d->def);
			fputc(')', out);
		}
		fputs(d->config_ok ? ".\n" : "; command line only.\n", out);
	}
}
