/* The camera picker's model: the cameras on offer and the selection.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "picker.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PTPIP_DEFAULT_PORT 15740u

void picker_init(struct picker *pk)
{
	memset(pk, 0, sizeof *pk);
}

/* qsort order of entries: by port ("usb:001,005" sorts numerically). */
static int entry_cmp(const void *a, const void *b)
{
	const struct picker_entry *x = a, *y = b;
	int c = strcmp(x->port, y->port);

	return c ? c : strcmp(x->id, y->id);
}

/* Two ports name the same camera (PTP/IP ports compared in short form). */
static bool same_port(const char *a, const char *b)
{
	char sa[HOTPLUG_PORT_MAX], sb[HOTPLUG_PORT_MAX], err[8];

	if (strcmp(a, b) == 0)
		return true;
	return picker_address_parse(a, sa, sizeof sa, err, sizeof err) == 0 &&
	       picker_address_parse(b, sb, sizeof sb, err, sizeof err) == 0 &&
	       strcmp(sa, sb) == 0;
}

/* Append one entry unless the list is full.  Returns it, or NULL. */
static struct picker_entry *add_entry(struct picker *pk, enum picker_kind kind, const char *id,
				      const char *model, const char *port)
{
	struct picker_entry *e;

	if (pk->n >= PICKER_MAX)
		return NULL;
	e = &pk->e[pk->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	snprintf(e->id, sizeof e->id, "%s", id);
	snprintf(e->model, sizeof e->model, "%s", model);
	snprintf(e->port, sizeof e->port, "%s", port);
	return e;
}

/* Add the USB cameras, sorted by port, marking the connected one.
 * Returns true when one of them is connected. */
static bool add_usb(struct picker *pk, const struct hotplug_camera *cams, size_t n,
		   const char *current_port)
{
	bool found = false;

	for (size_t i = 0; i < n; i++) {
		struct picker_entry *e = add_entry(pk, PICKER_USB, cams[i].syspath,
						   cams[i].model, cams[i].port);
		if (!e)
			break;
		e->current = current_port && strcmp(current_port, cams[i].port) == 0;
		found |= e->current;
	}
	qsort(pk->e, pk->n, sizeof pk->e[0], entry_cmp);
	return found;
}

/* Is recent camera r the connected one? */
static bool recent_is_current(const struct picker *pk, const struct picker_known *r,
			      const char *current_port)
{
	if (!current_port)
		return false;
	if (strcmp(r->port, "usb:") == 0)
		return strncmp(current_port, "usb:", 4) == 0 &&
		       strcmp(r->model, pk->current_model) == 0;
	return same_port(r->port, current_port);
}

/* Add the connected camera (when udev did not list it) and the recent ones. */
static void add_known(struct picker *pk, const char *current_port, bool listed)
{
	char id[HOTPLUG_SYSPATH_MAX];

	if (current_port && current_port[0] && !listed) {
		const char *m = pk->current_model[0] ? pk->current_model : "camera";
		struct picker_entry *e;
		snprintf(id, sizeof id, "port:%s", current_port);
		if ((e = add_entry(pk, PICKER_CONNECTED, id, m, current_port)))
			e->current = true;
	}
	for (size_t i = 0; i < pk->nrecent; i++) {
		const struct picker_known *r = &pk->recent[i];
		if (recent_is_current(pk, r, current_port))
			continue;
		snprintf(id, sizeof id, "recent:%s %s", r->port, r->model);
		add_entry(pk, PICKER_RECENT, id, r->model, r->port);
	}
}

void picker_sync(struct picker *pk, const struct hotplug_camera *cams, size_t n,
		 const char *current_port)
{
	char keep[HOTPLUG_SYSPATH_MAX] = "";
	size_t old_sel = pk->sel;
	bool on_addr = picker_on_address(pk), listed;

	if (pk->sel < pk->n)
		memcpy(keep, pk->e[pk->sel].id, sizeof keep);
	pk->n = 0;
	listed = add_usb(pk, cams, n, current_port);
	add_known(pk, current_port, listed);
	pk->sel = pk->n;
	/* "address…" stays selected while typing, or when chosen among others. */
	if (pk->n == 0 || (on_addr && (old_sel > 0 || pk->typing)))
		return;
	for (size_t i = 0; i < pk->n; i++)
		if (keep[0] && strcmp(pk->e[i].id, keep) == 0) {
			pk->sel = i;
			return;
		}
	pk->sel = old_sel < pk->n ? old_sel : pk->n - 1;
}

void picker_move(struct picker *pk, int delta)
{
	long s = (long)pk->sel + delta;

	if (s < 0)
		s = 0;
	if (s > (long)pk->n)
		s = (long)pk->n;
	pk->sel = (size_t)s;
}

const struct picker_entry *picker_selected(const struct picker *pk)
{
	return pk->sel < pk->n ? &pk->e[pk->sel] : NULL;
}

bool picker_on_address(const struct picker *pk)
{
	return pk->sel >= pk->n;
}

int picker_select_port(struct picker *pk, const char *port)
{
	for (size_t i = 0; i < pk->n; i++)
		if (strcmp(pk->e[i].port, port) == 0) {
			pk->sel = i;
			return 0;
		}
	return -1;
}

char *picker_row(const struct picker_entry *e, char *buf, size_t len)
{
	char err[8], shortp[HOTPLUG_PORT_MAX];
	const char *port = strcmp(e->port, "usb:") == 0 ? "USB" : e->port;
	const char *tag = e->current ? "  (connected)" :
			  e->kind == PICKER_RECENT ? "  (used before)" : "";

	if (strncmp(port, "ptpip:", 6) == 0 &&
	    picker_address_parse(port, shortp, sizeof shortp, err, sizeof err) == 0)
		port = shortp; /* as the user would type it */
	snprintf(buf, len, "%s  %s%s", e->model, port, tag);
	return buf;
}

bool picker_recent_add(struct picker *pk, const char *port, const char *model)
{
	struct picker_known k;
	char err[160];
	size_t i;

	if (!port)
		return false;
	memset(&k, 0, sizeof k);
	if (strncmp(port, "usb:", 4) == 0)
		snprintf(k.port, sizeof k.port, "usb:");
	else if (picker_address_parse(port, k.port, sizeof k.port, err, sizeof err) < 0)
		return false;
	hotplug_text_clean(k.model, sizeof k.model, model ? model : "", false, false);
	if (!k.model[0]) {
		if (strcmp(k.port, "usb:") == 0)
			return false; /* a USB body is found again by its model */
		snprintf(k.model, sizeof k.model, PICKER_PTPIP_MODEL);
	}
	for (i = 0; i < pk->nrecent; i++)
		if (strcmp(pk->recent[i].port, k.port) == 0 &&
		    (strcmp(k.port, "usb:") != 0 || strcmp(pk->recent[i].model, k.model) == 0))
			break;
	if (i == 0 && pk->nrecent > 0 && strcmp(pk->recent[0].model, k.model) == 0)
		return false; /* already the most recent */
	if (i == pk->nrecent && pk->nrecent < PICKER_RECENT_MAX)
		pk->nrecent++;
	if (i >= pk->nrecent)
		i = pk->nrecent - 1; /* full: the oldest goes */
	memmove(&pk->recent[1], &pk->recent[0], i * sizeof pk->recent[0]);
	pk->recent[0] = k;
	return true;
}

/* Parse a port number "1".."65535" (digits only) of n bytes at s. */
static int parse_port_num(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;

	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v < 1 || v > 65535)
		return -1;
	*out = v;
	return 0;
}

/* Split "IP[:PORT[:EVENTPORT]]" and check each part; see
 * picker_address_parse. */
static int parse_ptpip_parts(const char *s, char *ip, size_t iplen, unsigned port[2],
			     char *err, size_t errlen)
{
	const char *c1 = strchr(s, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	size_t n = c1 ? (size_t)(c1 - s) : strlen(s);
	struct in_addr a;

	if (n == 0 || n >= iplen) {
		snprintf(err, errlen, "no IP address: type ptpip:IP[:PORT], e.g. ptpip:192.168.1.10");
		return -1;
	}
	memcpy(ip, s, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, &a) != 1) {
		snprintf(err, errlen, "\"%.40s\" is not an IPv4 address (like 192.168.1.10)", ip);
		return -1;
	}
	port[0] = port[1] = PTPIP_DEFAULT_PORT;
	if (!c1)
		return 0;
	if ((c2 && strchr(c2 + 1, ':')) ||
	    parse_port_num(c1 + 1, c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1), &port[0]) < 0 ||
	    (c2 && parse_port_num(c2 + 1, strlen(c2 + 1), &port[1]) < 0)) {
		snprintf(err, errlen, "\"%.40s\" is not a port number from 1 to 65535", c1 + 1);
		return -1;
	}
	if (!c2)
		port[1] = port[0];
	return 0;
}

/* Does s start with a port kind other than an address ("usb:", "serial:")? */
static bool has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

	return n > 0 && (s[n] == ':' || s[n] == '/');
}

int picker_address_parse(const char *text, char *out, size_t outlen, char *err, size_t errlen)
{
	char buf[PICKER_ADDR_MAX], ip[INET_ADDRSTRLEN];
	const char *s;
	unsigned port[2];
	size_t n;

	while (*text == ' ')
		text++;
	n = strlen(text);
	while (n && text[n - 1] == ' ')
		n--;
	if (n >= sizeof buf) {
		snprintf(err, errlen, "address too long: type ptpip:IP[:PORT]");
		return -1;
	}
	memcpy(buf, text, n);
	buf[n] = '\0';
	s = strncmp(buf, "ptpip:", 6) == 0 ? buf + 6 : buf;
	if (has_scheme(s)) {
		snprintf(err, errlen, "\"%.40s\" is not a Wi-Fi camera address: type "
			 "ptpip:IP[:PORT], e.g. ptpip:192.168.1.10", buf);
		return -1;
	}
	if (parse_ptpip_parts(s, ip, sizeof ip, port, err, errlen) < 0)
		return -1;
	if (port[0] != port[1])
		snprintf(out, outlen, "ptpip:%s:%u:%u", ip, port[0], port[1]);
	else if (port[0] != PTPIP_DEFAULT_PORT)
		snprintf(out, outlen, "ptpip:%s:%u", ip, port[0]);
	else
		snprintf(out, outlen, "ptpip:%s", ip);
	return 0;
}

void picker_addr_begin(struct picker *pk)
{
	pk->typing = true;
	pk->addr[0] = '\0';
	pk->addr_err[0] = '\0';
}

bool picker_addr_key(struct picker *pk, int ch, bool backspace)
{
	size_t n = strlen(pk->addr);

	if (backspace) {
		if (n)
			pk->addr[n - 1] = '\0';
		return true;
	}
	if (ch < 0x20 || ch > 0x7e)
		return false;
	if (n + 1 < sizeof pk->addr) {
		pk->addr[n] = (char)ch;
		pk->addr[n + 1] = '\0';
	}
	return true;
}

void picker_addr_end(struct picker *pk)
{
	pk->typing = false;
	pk->addr[0] = '\0';
	pk->addr_err[0] = '\0';
}
