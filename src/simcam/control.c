/* The control interface of capa-simcam: line commands on a Unix socket.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/control.h"

#include "simcam/net.h"
#include "simcam/ptp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse "on"/"off" (also 1/0). Returns -1 if neither. */
static int on_off(const char *s)
{
	if (!s)
		return 1;
	if (!strcmp(s, "on") || !strcmp(s, "1"))
		return 1;
	if (!strcmp(s, "off") || !strcmp(s, "0"))
		return 0;
	return -1;
}

/* Parse an unsigned number; -1 on error. */
static long long number(const char *s)
{
	char *end;
	if (!s || !*s)
		return -1;
	long long v = strtoll(s, &end, 10);
	return *end || v < 0 ? -1 : v;
}

/* Append a name with every byte that is not printable ASCII as \xHH. */
static void escape_name(const char *s, char *out, size_t max)
{
	size_t o = 0;
	for (; *s && o + 5 < max; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch > 0x20 && ch < 0x7f && ch != '\\')
			out[o++] = (char)ch;
		else
			o += (size_t)snprintf(out + o, max - o, "\\x%02x", ch);
	}
	out[o] = 0;
}

/* The `list` command: one line per file object. */
static void cmd_list(struct simcam *sc, char *out, size_t max)
{
	size_t o = 0, n = 0;
	out[0] = 0;
	for (size_t i = 0; i < sc->store.n; i++) {
		const struct sc_object *ob = sc->store.obj[i];
		if (ob->format == OFC_Association)
			continue;
		char name[1024];
		escape_name(ob->name, name, sizeof(name));
		int k = snprintf(out + o, max - o, "object %u %zu %s %s\n", ob->handle, ob->size,
				 ob->path ? ob->path : "-", name);
		if (k < 0 || (size_t)k + 32 >= max - o)
			break;          /* keep room for the closing "ok N" */
		o += (size_t)k;
		n++;
	}
	snprintf(out + o, max - o, "ok %zu", n);
}

/* The `name` command: queue the exact name (\xHH and \\ unescaped) of
 * the next shot. */
static int cmd_name(struct simcam *sc, const char *line, char *out, size_t max)
{
	const char *s = line + strspn(line, " \t");
	s += 4;                             /* "name" */
	s += strspn(s, " \t");
	char name[256];
	size_t o = 0;
	while (*s && *s != '\n' && *s != '\r' && o + 1 < sizeof(name)) {
		unsigned v;
		if (s[0] == '\\' && s[1] == 'x' && sscanf(s + 2, "%2x", &v) == 1 && v) {
			name[o++] = (char)v;
			s += 4;
		} else if (s[0] == '\\' && s[1] == '\\') {
			name[o++] = '\\';
			s += 2;
		} else {
			name[o++] = *s++;
		}
	}
	name[o] = 0;
	if (!o || sc->f.n_names == 16)
		return snprintf(out, max, "error usage: name NAME (at most 16 queued)"), -1;
	if (!(sc->f.names[sc->f.n_names] = strdup(name)))
		return snprintf(out, max, "error out of memory"), -1;
	sc->f.n_names++;
	return snprintf(out, max, "ok"), 0;
}

/* Settings that only switch a fault or option: name, field. */
static int *flag_field(struct simcam *sc, const char *name)
{
	if (!strcmp(name, "card-full"))
		return &sc->f.card_full;
	if (!strcmp(name, "hostile-names"))
		return &sc->f.hostile_names;
	if (!strcmp(name, "hostile-strings"))
		return &sc->props.hostile;
	if (!strcmp(name, "raw"))
		return &sc->raw;
	return NULL;
}

/* Run the commands that change properties. */
static int cmd_prop(struct simcam *sc, const char *cmd, const char *a1, const char *a2,
		    char *out, size_t max)
{
	uint16_t code = props_lookup(a1 ? a1 : "");
	if (!strcmp(cmd, "battery")) {
		long long v = number(a1);
		if (v < 0 || v > 100)
			return snprintf(out, max, "error battery takes 0..100"), -1;
		props_force(&sc->props, DPC_BatteryLevel, v);
		simcam_event(sc, EC_DevicePropChanged, DPC_BatteryLevel);
		return snprintf(out, max, "ok"), 0;
	}
	if (!code)
		return snprintf(out, max, "error unknown property"), -1;
	if (!strcmp(cmd, "get")) {
		snprintf(out, max, "ok %lld", (long long)props_num(&sc->props, code));
		return 0;
	}
	if (!a2)
		return snprintf(out, max, "error usage: set PROPERTY VALUE"), -1;
	uint16_t rc = props_set_text(&sc->props, code, a2);
	if (rc != RC_OK)
		return snprintf(out, max, "error invalid value (PTP 0x%04x)", rc), -1;
	simcam_event(sc, EC_DevicePropChanged, code);
	return snprintf(out, max, "ok"), 0;
}

/* Run the fault commands that take a number or a word. */
static int cmd_fault(struct simcam *sc, const char *cmd, const char *a1, const char *a2,
		     char *out, size_t max)
{
	long long v = number(a1);
	if (!strcmp(cmd, "busy") && v >= 0) {
		sc->f.busy = (unsigned)v;
	} else if (!strcmp(cmd, "drop-after") && v >= 0) {
		long long count = a2 ? number(a2) : 1;
		if (count < 0)
			return snprintf(out, max, "error usage: drop-after BYTES [TRANSFERS]"), -1;
		sc->f.drop_after = (uint64_t)v;
		sc->f.drop_count = (unsigned)count;
	} else if (!strcmp(cmd, "capture-delay") && v >= 0 && v <= 60000) {
		sc->capture_delay_ms = (unsigned)v;
	} else if (!strcmp(cmd, "raw-delay") && v >= 0 && v <= 60000) {
		sc->raw_delay_ms = (unsigned)v;
	} else if (!strcmp(cmd, "delete") && a1) {
		unsigned long h = strtoul(a1, NULL, 0);
		if (store_delete(&sc->store, (uint32_t)h) < 0)
			return snprintf(out, max, "error no such file object"), -1;
		simcam_event(sc, EC_ObjectRemoved, (uint32_t)h);
	} else if (!strcmp(cmd, "throttle") && v >= 0) {
		sc->f.throttle = (uint64_t)v;
	} else if (!strcmp(cmd, "corrupt") && a1) {
		static const char *const k[] = { "off", "truncated", "garbage", "huge" };
		size_t i = 0;
		while (i < 4 && strcmp(k[i], a1))
			i++;
		if (i == 4)
			return snprintf(out, max, "error corrupt takes off|truncated|garbage|huge"), -1;
		sc->f.corrupt = (enum corrupt_kind)i;
	} else if (!strcmp(cmd, "colour") || !strcmp(cmd, "color")) {
		static const char *const k[] = { "srgb", "adobe-exif", "adobe-icc" };
		size_t i = 0;
		while (a1 && i < 3 && strcmp(k[i], a1))
			i++;
		if (!a1 || i == 3)
			return snprintf(out, max, "error colour takes srgb|adobe-exif|adobe-icc"), -1;
		sc->colour = (enum shot_colour)i;
	} else if (!strcmp(cmd, "power") && a1 && on_off(a1) >= 0) {
		sc->f.powered_off = !on_off(a1);
		if (sc->f.powered_off)
			net_unplug(sc->net);
	} else {
		return snprintf(out, max, "error bad arguments for %s (try help)", cmd), -1;
	}
	return snprintf(out, max, "ok"), 0;
}

static const char help_text[] =
	"commands: shoot [N] | name NAME | delete HANDLE | unplug | power on|off\n"
	"  capture-delay MS | raw-delay MS\n"
	"  busy N | drop-after BYTES [TRANSFERS]\n"
	"  throttle BYTES_PER_S | card-full on|off | hostile-names on|off\n"
	"  hostile-strings on|off | corrupt off|truncated|garbage|huge | raw on|off\n"
	"  colour srgb|adobe-exif|adobe-icc | set PROPERTY VALUE | get PROPERTY\n"
	"  battery PERCENT | list | status | quit | help\n";

int control_command(struct simcam *sc, const char *line, char *out, size_t max)
{
	char buf[1024], *save = NULL;
	snprintf(buf, sizeof(buf), "%s", line);
	char *cmd = strtok_r(buf, " \t\r\n", &save);
	char *a1 = strtok_r(NULL, " \t\r\n", &save), *a2 = strtok_r(NULL, " \t\r\n", &save);
	int *flag;
	if (!cmd)
		return snprintf(out, max, "error empty command"), -1;
	simcam_log(sc, "control: %s", line);
	if (!strcmp(cmd, "shoot")) {
		long long n = a1 ? number(a1) : 1;
		if (n < 1 || n > 1000)
			return snprintf(out, max, "error shoot takes 1..1000"), -1;
		sc->pending_shots += (unsigned)n;
		return snprintf(out, max, "pending"), 0;
	} else if (!strcmp(cmd, "name")) {
		return cmd_name(sc, line, out, max);
	} else if (!strcmp(cmd, "unplug")) {
		net_unplug(sc->net);
	} else if ((flag = flag_field(sc, cmd))) {
		if (on_off(a1) < 0)
			return snprintf(out, max, "error %s takes on|off", cmd), -1;
		*flag = on_off(a1);
	} else if (!strcmp(cmd, "set") || !strcmp(cmd, "get") || !strcmp(cmd, "battery")) {
		return cmd_prop(sc, cmd, a1, a2, out, max);
	} else if (!strcmp(cmd, "list")) {
		cmd_list(sc, out, max);
		return 0;
	} else if (!strcmp(cmd, "status")) {
		snprintf(out, max, "ok connected=%d session=%d objects=%zu shots=%u battery=%lld "
			 "pending=%u", net_state(sc->net) > 0, net_state(sc->net) > 1,
			 sc->store.n - 2, sc->shot_seq,
			 (long long)props_num(&sc->props, DPC_BatteryLevel),
			 sc->pending_captures + sc->pending_shots);
		return 0;
	} else if (!strcmp(cmd, "quit")) {
		sc->quit = 1;
	} else if (!strcmp(cmd, "help")) {
		snprintf(out, max, "%sok", help_text);
		return 0;
	} else {
		return cmd_fault(sc, cmd, a1, a2, out, max);
	}
	return snprintf(out, max, "ok"), 0;
}
