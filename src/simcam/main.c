/* capa-simcam: a simulated PTP/IP camera for capa's tests and demos.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/capture.h"
#include "simcam/control.h"
#include "simcam/net.h"
#include "simcam/ptp.h"
#include "simcam/simcam.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>


void simcam_event(struct simcam *sc, uint16_t code, uint32_t param)
{
	simcam_log(sc, "event %04x(%08x)", code, param);
	net_event(sc->net, code, param);
}

int64_t simcam_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void simcam_log(const struct simcam *sc, const char *fmt, ...)
{
	if (!sc->verbose)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("capa-simcam: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static const char usage[] =
	"usage: capa-simcam [OPTION]...\n"
	"       capa-simcam ctl SOCKET COMMAND [ARG]...\n"
	"A simulated camera speaking PTP/IP on 127.0.0.1.  Use it with\n"
	"  gphoto2 --camera \"PTP/IP Camera\" --port ptpip:127.0.0.1:PORT ...\n"
	"When ready it prints \"listening 127.0.0.1:PORT\".\n\n"
	"  -p, --port N             TCP port (default 15740; 0 picks a free one)\n"
	"  -c, --control PATH       accept line commands on the Unix socket PATH\n"
	"      --size WxH           image size (default 1920x1280, up to 8192x8192)\n"
	"      --store DIR          keep the card's files in DIR (must exist; files\n"
	"                           already there are on the card at start)\n"
	"      --capacity MB        card size in MiB (default 8192)\n"
	"      --raw                shoot RAW+JPEG pairs\n"
	"      --colour KIND        srgb, adobe-exif or adobe-icc (default srgb)\n"
	"      --quality N          JPEG quality 1..100 (default: from image quality)\n"
	"      --battery N          initial battery level in percent (default 100)\n"
	"      --battery-drain S    lose 1% of battery every S seconds (default 300; 0: never)\n"
	"      --capture-delay MS   time from InitiateCapture to the shot (default 0)\n"
	"      --serial S           the camera's serial number (default SIM000001)\n"
	"faults:\n"
	"      --busy N             answer DeviceBusy to the next N operations\n"
	"      --drop-after B[:T]   drop the connection after B bytes of the next T\n"
	"                           object transfers (default T=1)\n"
	"      --throttle BPS       send at most BPS bytes per second\n"
	"      --card-full          report a full memory card\n"
	"      --hostile-names      give shots hostile file names\n"
	"      --hostile-strings    put escape sequences in the camera's strings\n"
	"      --corrupt KIND       truncated, garbage or huge (65535x65535) JPEGs\n"
	"  -v, --verbose            log every operation on stderr\n"
	"  -h, --help               show this help\n"
	"      --version            show the version\n\n"
	"control commands (see capa-simcam(1)): shoot [N], name NAME, delete HANDLE, unplug,\n"
	"power on|off, capture-delay MS, raw-delay MS,\n"
	"busy N, drop-after B [T], throttle BPS, card-full on|off,\n"
	"hostile-names on|off, hostile-strings on|off,\n"
	"corrupt off|truncated|garbage|huge, raw on|off,\n"
	"colour srgb|adobe-exif|adobe-icc, set PROP VALUE, get PROP,\n"
	"battery N, list, status, quit, help\n";

struct settings {
	int port;
	const char *control, *store;
	unsigned w, h;
	unsigned long long capacity_mb;
	char *commands[32];         /* option-given faults, as control commands */
	int ncommands;
};

/* Remember an option as a control command to run at start. */
static int add_command(struct settings *s, const char *fmt, const char *arg)
{
	if (s->ncommands == 32 || asprintf(&s->commands[s->ncommands], fmt, arg) < 0)
		return -1;
	s->ncommands++;
	return 0;
}

/* Parse the command line.  Returns -1 on a usage error, 1 when done (help). */
static int parse_args(struct simcam *sc, struct settings *s, int argc, char **argv)
{
	enum { O_SIZE = 256, O_STORE, O_CAP, O_RAW, O_COLOUR, O_QUALITY, O_BATTERY, O_DRAIN,
	       O_BUSY, O_DROP, O_THROTTLE, O_FULL, O_HNAMES, O_HSTRINGS, O_CORRUPT, O_VERSION,
	       O_DELAY, O_SERIAL };
	static const struct option lo[] = {
		{ "port", 1, 0, 'p' }, { "control", 1, 0, 'c' }, { "size", 1, 0, O_SIZE },
		{ "store", 1, 0, O_STORE }, { "capacity", 1, 0, O_CAP }, { "raw", 0, 0, O_RAW },
		{ "colour", 1, 0, O_COLOUR }, { "color", 1, 0, O_COLOUR },
		{ "quality", 1, 0, O_QUALITY }, { "battery", 1, 0, O_BATTERY },
		{ "battery-drain", 1, 0, O_DRAIN }, { "busy", 1, 0, O_BUSY },
		{ "drop-after", 1, 0, O_DROP }, { "throttle", 1, 0, O_THROTTLE },
		{ "card-full", 0, 0, O_FULL }, { "hostile-names", 0, 0, O_HNAMES },
		{ "hostile-strings", 0, 0, O_HSTRINGS }, { "corrupt", 1, 0, O_CORRUPT },
		{ "capture-delay", 1, 0, O_DELAY }, { "serial", 1, 0, O_SERIAL }, { "verbose", 0, 0, 'v' }, { "help", 0, 0, 'h' }, { "version", 0, 0, O_VERSION },
		{ 0, 0, 0, 0 },
	};
	int o, err = 0;
	char *end;
	while ((o = getopt_long(argc, argv, "p:c:vh", lo, NULL)) != -1) {
		switch (o) {
		case 'p':
			s->port = (int)strtol(optarg, &end, 10);
			err |= *end || s->port < 0 || s->port > 65535;
			break;
		case 'c': s->control = optarg; break;
		case O_SIZE:
			err |= sscanf(optarg, "%ux%u", &s->w, &s->h) != 2 || s->w < 16 ||
			       s->h < 16 || s->w > 8192 || s->h > 8192;
			break;
		case O_STORE: s->store = optarg; break;
		case O_CAP:
			s->capacity_mb = strtoull(optarg, &end, 10);
			err |= *end || !s->capacity_mb;
			break;
		case O_RAW: sc->raw = 1; break;
		case O_COLOUR: err |= add_command(s, "colour %s", optarg); break;
		case O_QUALITY:
			sc->quality = (int)strtol(optarg, &end, 10);
			err |= *end || sc->quality < 1 || sc->quality > 100;
			break;
		case O_BATTERY: err |= add_command(s, "battery %s", optarg); break;
		case O_DRAIN:
			sc->battery_drain_s = (unsigned)strtoul(optarg, &end, 10);
			err |= *end != 0;
			break;
		case O_BUSY: err |= add_command(s, "busy %s", optarg); break;
		case O_DROP:
			err |= add_command(s, "drop-after %s", optarg);
			if (strchr(s->commands[s->ncommands - 1], ':'))
				*strchr(s->commands[s->ncommands - 1], ':') = ' ';
			break;
		case O_THROTTLE: err |= add_command(s, "throttle %s", optarg); break;
		case O_FULL: sc->f.card_full = 1; break;
		case O_HNAMES: sc->f.hostile_names = 1; break;
		case O_HSTRINGS: sc->props.hostile = 1; break;
		case O_CORRUPT: err |= add_command(s, "corrupt %s", optarg); break;
		case O_SERIAL:
			err |= strlen(optarg) >= sizeof sc->serial || !*optarg;
			snprintf(sc->serial, sizeof sc->serial, "%s", optarg);
			break;
		case O_DELAY: err |= add_command(s, "capture-delay %s", optarg); break;
		case 'v': sc->verbose = 1; break;
		case 'h': fputs(usage, stdout); return 1;
		case O_VERSION: printf("capa-simcam %s\n", CAPA_VERSION); return 1;
		default: err = 1; break;
		}
		if (err) {
			if (o != '?')
				fprintf(stderr, "capa-simcam: bad value for --%s: %s\n",
					o == 'p' ? "port" : o == O_SIZE ? "size" : "option",
					optarg ? optarg : "");
			fputs("Try 'capa-simcam --help'.\n", stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "capa-simcam: unexpected argument: %s\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* Lose one percent of battery when it is time. */
static void drain_battery(struct simcam *sc, time_t *last)
{
	time_t now = time(NULL);
	if (!sc->battery_drain_s || now - *last < (time_t)sc->battery_drain_s)
		return;
	*last = now;
	int64_t b = props_num(&sc->props, DPC_BatteryLevel);
	if (b > 0) {
		props_force(&sc->props, DPC_BatteryLevel, b - 1);
		simcam_event(sc, EC_DevicePropChanged, DPC_BatteryLevel);
	}
}

/* The poll loop: signals, control socket, PTP/IP, pending shots, battery. */
static void run(struct simcam *sc, struct control *ctl, int sfd)
{
	struct pollfd fds[64];
	time_t last_drain = time(NULL);
	while (!sc->quit) {
		int n = 0;
		fds[n++] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		int cn = control_fill(ctl, fds + n, 64 - n);
		n += cn;
		int nn = net_fill(sc->net, fds + n, 64 - n);
		int timeout = 1000, nt = net_timeout(sc->net), ct = capture_wait(sc);
		if (nt >= 0 && nt < timeout)
			timeout = nt;
		if (ct >= 0 && ct < timeout)
			timeout = ct;
		if (poll(fds, (nfds_t)(n + nn), timeout) < 0)
			continue;
		if (fds[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) > 0)
				sc->quit = 1;
		}
		control_handle(sc, ctl, fds + 1, cn);
		net_handle(sc, fds + 1 + cn, nn);
		net_flush(sc);
		if (capture_wait(sc) == 0) {
			capture_step(sc);
			net_flush(sc);
			control_progress(sc, ctl);
		}
		drain_battery(sc, &last_drain);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "ctl"))
		return control_client(argv[2], argc - 3, argv + 3);
	static struct simcam sc;
	struct settings s = { .port = 15740, .w = 1920, .h = 1280, .capacity_mb = 8192 };
	sc.battery_drain_s = 300;
	int rc = parse_args(&sc, &s, argc, argv);
	int hostile = sc.props.hostile;
	props_init(&sc.props, s.w, s.h);
	sc.props.hostile = hostile;
	store_init(&sc.store, s.store, (uint64_t)s.capacity_mb << 20);
	if (rc == 0) {
		int top = store_load(&sc.store);
		if (top < 0) {
			fprintf(stderr, "capa-simcam: cannot read --store %s: %s\n", s.store,
				strerror(errno));
			rc = -1;
		}
		sc.shot_seq = top > 0 ? (unsigned)top : 0;
	}
	for (int i = 0; rc == 0 && i < s.ncommands; i++) {
		char out[256];
		if (control_command(&sc, s.commands[i], out, sizeof(out)) < 0) {
			fprintf(stderr, "capa-simcam: %s: %s\n", s.commands[i], out + 6);
			rc = -1;
		}
	}
	for (int i = 0; i < s.ncommands; i++)
		free(s.commands[i]);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	int port = 0, sfd = rc ? -1 : signalfd(-1, &set, SFD_CLOEXEC);
	struct control *ctl = NULL;
	if (rc == 0 && (sfd < 0 || !(sc.net = net_open(s.port, &port)) ||
			(s.control && !(ctl = control_open(s.control)))))
		rc = -1;
	if (rc == 0) {
		printf("listening 127.0.0.1:%d\n", port);
		fflush(stdout);
		run(&sc, ctl, sfd);
	}
	control_free(ctl);
	net_free(sc.net);
	if (sfd >= 0)
		close(sfd);
	store_free(&sc.store);
	for (unsigned i = 0; i < sc.f.n_names; i++)
		free(sc.f.names[i]);
	props_free(&sc.props);
	return rc < 0 ? 2 : 0;
}
