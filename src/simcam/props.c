/* Device properties of the simulated camera: values, forms, validation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/props.h"

#include "simcam/ptp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { FORM_NONE = 0, FORM_RANGE = 1, FORM_ENUM = 2 };
/* Artist (PTP 0x501E), a free text: at most ARTIST_MAX characters, as a
 * camera keeps a short owner string. */
enum { DPC_Artist = 0x501E, ARTIST_MAX = 63 };

struct prop {
	uint16_t code, type;
	const char *name;            /* short name for the control interface */
	uint8_t writable, form;
	int64_t cur, def, min, max, step;
	const int64_t *en;
	size_t n_en;
	char *sen[8];                /* string enumeration (ImageSize) */
	size_t n_sen;
	char *scur;                  /* current string value */
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
static const int64_t wb[] = { 2, 4, 5, 6, 7, 1 };
static const int64_t fnum[] = { 180, 200, 280, 400, 560, 800, 1100, 1600, 2200 };
static const int64_t focus[] = { 1, 2, 3 };
static const int64_t flash[] = { 1, 2, 3, 4 };
static const int64_t exptime[] = { 5, 10, 20, 40, 80, 166, 333, 666, 1250, 2500,
				   5000, 10000, 20000, 300000 };
static const int64_t program[] = { 1, 2, 3, 4 };
static const int64_t iso[] = { 100, 200, 400, 800, 1600, 3200, 6400, 12800 };
static const int64_t bias[] = { -3000, -2667, -2333, -2000, -1667, -1333, -1000,
				-667, -333, 0, 333, 667, 1000, 1333, 1667, 2000,
				2333, 2667, 3000 };
static const int64_t capmode[] = { 1, 2, 3 };
static const int64_t quality[] = { 0, 1, 2 };

/* Escape sequences a hostile camera puts into its string values. */
static const char *const hostile_sizes[] = {
	"\x1b[31m6000x4000\x1b[0m", "640x480\x1b]0;pwned\x07\x1b[2J",
};

/* Fill one numeric property with an enumeration form. */
static void set_enum(struct prop *p, uint16_t code, uint16_t type, const char *name,
		     int writable, const int64_t *en, size_t n, int64_t cur)
{
	memset(p, 0, sizeof(*p));
	p->code = code;
	p->type = type;
	p->name = name;
	p->writable = (uint8_t)writable;
	p->form = FORM_ENUM;
	p->en = en;
	p->n_en = n;
	p->cur = p->def = cur;
}

void props_init(struct props *ps, unsigned w, unsigned h)
{
	memset(ps, 0, sizeof(*ps));
	ps->v = calloc(15, sizeof(*ps->v));
	if (!ps->v)
		abort();
	struct prop *p = ps->v;
	set_enum(p, DPC_BatteryLevel, DTC_UINT8, "battery", 0, NULL, 0, 100);
	p->form = FORM_RANGE, p->min = 0, p->max = 100, p->step = 1, p++;
	set_enum(p, DPC_ImageSize, DTC_STR, "imagesize", 1, NULL, 0, 0);
	char cur[32];
	snprintf(cur, sizeof(cur), "%ux%u", w, h);
	const char *sizes[] = { cur, "6000x4000", "4000x2667", "3000x2000", "1920x1280", "640x427" };
	for (size_t i = 0; i < N(sizes); i++) {
		size_t j = 0;
		while (j < p->n_sen && strcmp(p->sen[j], sizes[i]))
			j++;
		if (j == p->n_sen)
			p->sen[p->n_sen++] = strdup(sizes[i]);
	}
	p->scur = strdup(cur);
	p++;
	set_enum(p++, DPC_CompressionSetting, DTC_UINT8, "compression", 1, quality, N(quality), 2);
	set_enum(p++, DPC_WhiteBalance, DTC_UINT16, "whitebalance", 1, wb, N(wb), 2);
	set_enum(p++, DPC_FNumber, DTC_UINT16, "f-number", 1, fnum, N(fnum), 560);
	set_enum(p, DPC_FocalLength, DTC_UINT32, "focallength", 1, NULL, 0, 5000);
	p->form = FORM_RANGE, p->min = 2400, p->max = 7000, p->step = 100, p++;
	set_enum(p++, DPC_FocusMode, DTC_UINT16, "focusmode", 1, focus, N(focus), 2);
	set_enum(p++, DPC_FlashMode, DTC_UINT16, "flashmode", 1, flash, N(flash), 2);
	set_enum(p++, DPC_ExposureTime, DTC_UINT32, "shutterspeed", 1, exptime, N(exptime), 80);
	set_enum(p++, DPC_ExposureProgramMode, DTC_UINT16, "expprogram", 1, program, N(program), 2);
	set_enum(p++, DPC_ExposureIndex, DTC_UINT16, "iso", 1, iso, N(iso), 100);
	set_enum(p++, DPC_ExposureBiasCompensation, DTC_INT16, "exposurecompensation", 1,
		 bias, N(bias), 0);
	set_enum(p, DPC_DateTime, DTC_STR, "datetime", 1, NULL, 0, 0);
	p->form = FORM_NONE, p++;
	set_enum(p++, DPC_StillCaptureMode, DTC_UINT16, "capturemode", 1, capmode, N(capmode), 1);
	set_enum(p, DPC_Artist, DTC_STR, "artist", 1, NULL, 0, 0);
	p->form = FORM_NONE, p->scur = strdup(""), p++;
	ps->n = (size_t)(p - ps->v);
}

void props_free(struct props *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		for (size_t j = 0; j < ps->v[i].n_sen; j++)
			free(ps->v[i].sen[j]);
		free(ps->v[i].scur);
	}
	free(ps->v);
	ps->v = NULL;
	ps->n = 0;
}

/* Find a property by code. */
static struct prop *find(const struct props *ps, uint16_t code)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].code == code)
			return &ps->v[i];
	return NULL;
}

size_t props_codes(const struct props *ps, uint16_t *out, size_t max)
{
	size_t i;
	for (i = 0; i < ps->n && i < max; i++)
		out[i] = ps->v[i].code;
	return i;
}

time_t props_now(const struct props *ps) { return time(NULL) + ps->date_offset; }

/* Pack one numeric value in the property's data type. */
static void pack_num(struct buf *b, uint16_t type, int64_t v)
{
	switch (type) {
	case DTC_INT8: case DTC_UINT8: buf_u8(b, (uint8_t)v); break;
	case DTC_INT16: case DTC_UINT16: buf_u16(b, (uint16_t)v); break;
	default: buf_u32(b, (uint32_t)v); break;
	}
}

/* Pack the current value of p (strings included). */
static void pack_cur(const struct props *ps, const struct prop *p, struct buf *b)
{
	if (p->code == DPC_DateTime) {
		char s[32];
		time_t t = props_now(ps);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(s, sizeof(s), "%Y%m%dT%H%M%S", &tm);
		buf_ptp_str(b, s);
	} else if (p->type == DTC_STR) {
		buf_ptp_str(b, p->scur ? p->scur : "");
	} else {
		pack_num(b, p->type, p->cur);
	}
}

uint16_t props_pack_value(const struct props *ps, uint16_t code, struct buf *out)
{
	const struct prop *p = find(ps, code);
	if (!p)
		return RC_DevicePropNotSupported;
	pack_cur(ps, p, out);
	return RC_OK;
}

uint16_t props_pack_desc(const struct props *ps, uint16_t code, struct buf *out)
{
	const struct prop *p = find(ps, code);
	if (!p)
		return RC_DevicePropNotSupported;
	buf_u16(out, p->code);
	buf_u16(out, p->type);
	buf_u8(out, p->writable);
	if (p->type == DTC_STR && p->code == DPC_ImageSize)
		buf_ptp_str(out, p->sen[0]);
	else if (p->type == DTC_STR)
		pack_cur(ps, p, out);
	else
		pack_num(out, p->type, p->def);
	pack_cur(ps, p, out);
	buf_u8(out, p->form);
	if (p->form == FORM_RANGE) {
		pack_num(out, p->type, p->min);
		pack_num(out, p->type, p->max);
		pack_num(out, p->type, p->step);
	} else if (p->form == FORM_ENUM && p->type == DTC_STR) {
		size_t extra = ps->hostile ? N(hostile_sizes) : 0;
		buf_u16(out, (uint16_t)(p->n_sen + extra));
		for (size_t i = 0; i < p->n_sen; i++)
			buf_ptp_str(out, p->sen[i]);
		for (size_t i = 0; i < extra; i++)
			buf_ptp_str(out, hostile_sizes[i]);
	} else if (p->form == FORM_ENUM) {
		buf_u16(out, (uint16_t)p->n_en);
		for (size_t i = 0; i < p->n_en; i++)
			pack_num(out, p->type, p->en[i]);
	}
	return RC_OK;
}

/* Check a numeric value against the form of p. */
static int valid_num(const struct prop *p, int64_t v)
{
	if (p->form == FORM_RANGE)
		return v >= p->min && v <= p->max && (v - p->min) % p->step == 0;
	if (p->form == FORM_ENUM) {
		for (size_t i = 0; i < p->n_en; i++)
			if (p->en[i] == v)
				return 1;
		return 0;
	}
	return 1;
}

/* Characters (not bytes) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Apply a new string value to p after validation. */
static uint16_t set_str(struct props *ps, struct prop *p, const char *s, int *changed)
{
	if (p->code == DPC_DateTime) {
		struct tm tm = { 0 };
		if (sscanf(s, "%4d%2d%2dT%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
			return RC_InvalidDevicePropValue;
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_isdst = -1;
		time_t t = mktime(&tm);
		if (t == (time_t)-1)
			return RC_InvalidDevicePropValue;
		ps->date_offset = (long)(t - time(NULL));
		*changed = 1;
		return RC_OK;
	}
	int ok = p->form == FORM_NONE && utf8_chars(s) <= ARTIST_MAX;
	for (size_t i = 0; i < p->n_sen; i++)
		ok |= !strcmp(p->sen[i], s);
	for (size_t i = 0; ps->hostile && i < N(hostile_sizes); i++)
		ok |= !strcmp(hostile_sizes[i], s);
	if (!ok)
		return RC_InvalidDevicePropValue;
	*changed = strcmp(p->scur, s) != 0;
	char *n = strdup(s);
	if (!n)
		return RC_GeneralError;
	free(p->scur);
	p->scur = n;
	return RC_OK;
}

/* Decode a PTP string (count byte, UCS-2LE units) into UTF-8. */
static int parse_str(const unsigned char *d, size_t n, char *out, size_t max)
{
	if (n < 1 || n < 1 + (size_t)d[0] * 2)
		return -1;
	size_t o = 0;
	for (size_t i = 0; i < d[0]; i++) {
		uint16_t c = get_u16(d + 1 + 2 * i);
		if (!c)
			break;
		if (o + 4 >= max)
			return -1;
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xc0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xe0 | c >> 12);
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[o] = 0;
	return 0;
}

uint16_t props_set_data(struct props *ps, uint16_t code, const unsigned char *d,
			size_t n, int *changed)
{
	struct prop *p = find(ps, code);
	*changed = 0;
	if (!p)
		return RC_DevicePropNotSupported;
	if (!p->writable)
		return RC_AccessDenied;
	if (p->type == DTC_STR) {
		char s[800];
		if (parse_str(d, n, s, sizeof(s)) < 0)
			return RC_InvalidDevicePropFormat;
		return set_str(ps, p, s, changed);
	}
	size_t want = p->type <= DTC_UINT8 ? 1 : p->type <= DTC_UINT16 ? 2 : 4;
	if (n != want)
		return RC_InvalidDevicePropFormat;
	int64_t v;
	switch (p->type) {
	case DTC_INT8: v = (int8_t)d[0]; break;
	case DTC_UINT8: v = d[0]; break;
	case DTC_INT16: v = (int16_t)get_u16(d); break;
	case DTC_UINT16: v = get_u16(d); break;
	case DTC_INT32: v = (int32_t)get_u32(d); break;
	default: v = get_u32(d); break;
	}
	if (!valid_num(p, v))
		return RC_InvalidDevicePropValue;
	*changed = p->cur != v;
	p->cur = v;
	return RC_OK;
}

uint16_t props_set_text(struct props *ps, uint16_t code, const char *value)
{
	struct prop *p = find(ps, code);
	int changed;
	if (!p)
		return RC_DevicePropNotSupported;
	if (p->type == DTC_STR)
		return set_str(ps, p, value, &changed);
	char *end;
	long long v = strtoll(value, &end, 0);
	if (end == value || *end || !valid_num(p, v))
		return RC_InvalidDevicePropValue;
	p->cur = v;
	return RC_OK;
}

int64_t props_num(const struct props *ps, uint16_t code)
{
	const struct prop *p = find(ps, code);
	return p ? p->cur : 0;
}

void props_force(struct props *ps, uint16_t code, int64_t v)
{
	struct prop *p = find(ps, code);
	if (p)
		p->cur = v;
}

void props_image_size(const struct props *ps, unsigned *w, unsigned *h)
{
	const struct prop *p = find(ps, DPC_ImageSize);
	const char *s = p && p->scur ? p->scur : "";
	/* Skip a hostile value's leading escape sequence to its first digit. */
	while (*s && (*s < '1' || *s > '9'))
		s++;
	if (sscanf(s, "%ux%u", w, h) != 2 || *w < 16 || *h < 16 || *w > 8192 || *h > 8192) {
		*w = 1920;
		*h = 1280;
	}
}

uint16_t props_lookup(const char *name)
{
	static const struct { const char *n; uint16_t c; } alias[] = {
		{ "battery", DPC_BatteryLevel }, { "imagesize", DPC_ImageSize },
		{ "compression", DPC_CompressionSetting }, { "imagequality", DPC_CompressionSetting },
		{ "whitebalance", DPC_WhiteBalance }, { "f-number", DPC_FNumber },
		{ "fnumber", DPC_FNumber }, { "focallength", DPC_FocalLength },
		{ "focusmode", DPC_FocusMode }, { "flashmode", DPC_FlashMode },
		{ "shutterspeed", DPC_ExposureTime }, { "exposuretime", DPC_ExposureTime },
		{ "expprogram", DPC_ExposureProgramMode }, { "iso", DPC_ExposureIndex },
		{ "exposurecompensation", DPC_ExposureBiasCompensation },
		{ "datetime", DPC_DateTime }, { "capturemode", DPC_StillCaptureMode },
		{ "artist", DPC_Artist },
	};
	for (size_t i = 0; i < N(alias); i++)
		if (!strcasecmp(alias[i].n, name))
			return alias[i].c;
	char *end;
	unsigned long v = strtoul(name, &end, 16);
	return *name && !*end && v >= 0x5000 && v <= 0x5fff ? (uint16_t)v : 0;
}
