/* Which udev devices are cameras, and what capa needs to know about them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hotplug-props.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Still Image class (PTP): interface class 06, subclass 01, protocol 01. */
#define PTP_INTERFACE ":060101:"

bool hotplug_is_camera(hotplug_getprop get, void *ctx)
{
	const char *gp = get(ctx, "ID_GPHOTO2");
	const char *ifs = get(ctx, "ID_USB_INTERFACES");

	if (gp && strcmp(gp, "1") == 0)
		return true;
	return ifs && strstr(ifs, PTP_INTERFACE) != NULL;
}

/* Parse a decimal number 1..999 with nothing else around it; -1 otherwise. */
static int parse_usbnum(const char *s)
{
	int v = 0;
	size_t n = 0;

	if (!s)
		return -1;
	for (; s[n]; n++) {
		if (s[n] < '0' || s[n] > '9' || n >= 3)
			return -1;
		v = v * 10 + (s[n] - '0');
	}
	return (n == 0 || v == 0) ? -1 : v;
}

int hotplug_port_from(char *buf, size_t len, const char *busnum, const char *devnum)
{
	int bus = parse_usbnum(busnum), dev = parse_usbnum(devnum);
	int n;

	if (bus < 0 || dev < 0)
		return -1;
	n = snprintf(buf, len, "usb:%03d,%03d", bus, dev);
	return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t display_seq_len(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	/* C1 controls (U+0080..U+009F) act as escapes on some terminals. */
	if (cp >= 0x80 && cp <= 0x9f)
		return 0;
	return n;
}

/* Value of hex digit c, or -1. */
static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode udev's "\xNN" escapes of src into dst (at most len-1 bytes). */
static void unescape_udev(char *dst, size_t len, const char *src)
{
	size_t o = 0;

	while (*src && o + 1 < len) {
		if (src[0] == '\\' && src[1] == 'x' && hexval(src[2]) >= 0 && hexval(src[3]) >= 0) {
			int b = hexval(src[2]) * 16 + hexval(src[3]);
			dst[o++] = b ? (char)b : '?';
			src += 4;
		} else {
			dst[o++] = *src++;
		}
	}
	dst[o] = '\0';
}

void hotplug_text_clean(char *dst, size_t len, const char *src,
			bool unescape, bool underscores)
{
	char tmp[4 * HOTPLUG_TEXT_MAX];
	const unsigned char *s;
	size_t o = 0, n;

	if (len == 0)
		return;
	if (!src)
		src = "";
	if (unescape)
		unescape_udev(tmp, sizeof tmp, src);
	else
		snprintf(tmp, sizeof tmp, "%s", src);
	s = (const unsigned char *)tmp;
	while (*s == ' ' || (underscores && *s == '_'))
		s++;
	while (*s) {
		n = display_seq_len(s);
		if (n == 0 || (n == 1 && (*s < 0x20 || *s == 0x7f))) {
			n = 1;
			if (o + 2 > len)
				break;
			dst[o++] = '?';
		} else {
			if (o + n + 1 > len)
				break;
			memcpy(dst + o, s, n);
			if (n == 1 && underscores && dst[o] == '_')
				dst[o] = ' ';
			o += n;
		}
		s += n;
	}
	while (o > 0 && dst[o - 1] == ' ')
		o--;
	dst[o] = '\0';
}

/* Parse a 4-digit hex USB id; 0 when absent or malformed. */
static unsigned parse_usbid(const char *s, size_t n)
{
	unsigned v = 0;
	size_t i;

	if (!s || n == 0 || n > 4)
		return 0;
	for (i = 0; i < n; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return 0;
		v = v * 16 + (unsigned)h;
	}
	return v;
}

/* Fill vid/pid from ID_VENDOR_ID/ID_MODEL_ID, else the kernel's PRODUCT
 * ("4a9/3218/100"). */
static void fill_ids(struct hotplug_camera *cam, hotplug_getprop get, void *ctx)
{
	const char *v = get(ctx, "ID_VENDOR_ID"), *p = get(ctx, "ID_MODEL_ID");
	const char *prod = get(ctx, "PRODUCT");

	cam->vid = v ? parse_usbid(v, strlen(v)) : 0;
	cam->pid = p ? parse_usbid(p, strlen(p)) : 0;
	if ((cam->vid == 0 || cam->pid == 0) && prod) {
		const char *s1 = strchr(prod, '/');
		const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
		if (s1 && s2) {
			cam->vid = parse_usbid(prod, (size_t)(s1 - prod));
			cam->pid = parse_usbid(s1 + 1, (size_t)(s2 - s1 - 1));
		}
	}
}

/* Copy the best display text: hwdb name, else the escaped descriptor
 * string, else udev's underscore form. */
static void fill_text(char *dst, size_t len, hotplug_getprop get, void *ctx,
		      const char *db, const char *enc, const char *plain)
{
	const char *s;

	if ((s = get(ctx, db)) && *s)
		hotplug_text_clean(dst, len, s, false, false);
	else if ((s = get(ctx, enc)) && *s)
		hotplug_text_clean(dst, len, s, true, false);
	else
		hotplug_text_clean(dst, len, get(ctx, plain), false, true);
}

/* Compose the picker's label: vendor and product, without repeating the
 * vendor's first word when the product starts with it ("Canon Inc." +
 * "Canon EOS 5D"); ids when both are empty. */
static void compose_model(struct hotplug_camera *cam)
{
	size_t vl = strcspn(cam->vendor, " ,.");

	if (!cam->product[0] && !cam->vendor[0])
		snprintf(cam->model, sizeof cam->model, "USB camera %04x:%04x", cam->vid, cam->pid);
	else if (!cam->vendor[0] || (strncmp(cam->product, cam->vendor, vl) == 0 &&
				     (cam->product[vl] == ' ' || cam->product[vl] == '\0')))
		snprintf(cam->model, sizeof cam->model, "%s", cam->product);
	else if (!cam->product[0])
		snprintf(cam->model, sizeof cam->model, "%s", cam->vendor);
	else
		snprintf(cam->model, sizeof cam->model, "%s %s", cam->vendor, cam->product);
}

int hotplug_camera_from_props(struct hotplug_camera *cam, const char *syspath,
			      hotplug_getprop get, void *ctx)
{
	memset(cam, 0, sizeof *cam);
	if (!hotplug_is_camera(get, ctx))
		return 0;
	if (!syspath || strlen(syspath) >= sizeof cam->syspath)
		return -1;
	memcpy(cam->syspath, syspath, strlen(syspath) + 1);
	if (hotplug_port_from(cam->port, sizeof cam->port,
			      get(ctx, "BUSNUM"), get(ctx, "DEVNUM")) < 0)
		return -1;
	fill_ids(cam, get, ctx);
	fill_text(cam->vendor, sizeof cam->vendor, get, ctx,
		  "ID_VENDOR_FROM_DATABASE", "ID_VENDOR_ENC", "ID_VENDOR");
	fill_text(cam->product, sizeof cam->product, get, ctx,
		  "ID_MODEL_FROM_DATABASE", "ID_MODEL_ENC", "ID_MODEL");
	hotplug_text_clean(cam->serial, sizeof cam->serial, get(ctx, "ID_SERIAL_SHORT"),
			   false, false);
	compose_model(cam);
	return 1;
}
