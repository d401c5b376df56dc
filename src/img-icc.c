/* Embedded ICC profiles: reassembly from JPEG APP2 segments and validation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "img-icc.h"

#include <lcms2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ICC_TAG "ICC_PROFILE"
#define ICC_HDR 14 /* "ICC_PROFILE\0" + seq + count */

/* True when seg is an ICC APP2 segment. */
static bool is_icc(const struct img_seg *s)
{
	return s->len >= ICC_HDR && memcmp(s->data, ICC_TAG, sizeof ICC_TAG) == 0;
}

/* Check sequence numbers: every 1..count exactly once, same count everywhere.
 * Fills where[seq] with the segment index. Returns count, or -1. */
static int check_sequence(const struct img_seg *segs, size_t n, size_t where[256],
			  char *err, size_t errlen)
{
	int count = 0;

	for (int i = 0; i < 256; i++)
		where[i] = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (!is_icc(&segs[i]))
			continue;
		int seq = segs[i].data[12], cnt = segs[i].data[13];
		if (!count)
			count = cnt;
		if (cnt == 0 || cnt != count || seq == 0 || seq > cnt) {
			snprintf(err, errlen, "ICC profile: bad segment numbering (%d of %d)", seq, cnt);
			return -1;
		}
		if (where[seq] != (size_t)-1) {
			snprintf(err, errlen, "ICC profile: segment %d appears twice", seq);
			return -1;
		}
		where[seq] = i;
	}
	for (int s = 1; s <= count; s++)
		if (where[s] == (size_t)-1) {
			snprintf(err, errlen, "ICC profile: segment %d of %d is missing", s, count);
			return -1;
		}
	return count;
}

/* Reassemble the profile from APP2 payloads. */
int img_icc_assemble(const struct img_seg *segs, size_t n, unsigned char **icc,
		     size_t *len, char *err, size_t errlen)
{
	size_t where[256], total = 0;
	int count;

	*icc = NULL, *len = 0;
	count = check_sequence(segs, n, where, err, errlen);
	if (count <= 0)
		return count;
	for (int s = 1; s <= count; s++)
		total += segs[where[s]].len - ICC_HDR;
	if (total < 128 || total > IMG_ICC_MAX) {
		snprintf(err, errlen, "ICC profile: implausible size %zu bytes", total);
		return -1;
	}
	unsigned char *p = malloc(total);
	if (!p) {
		snprintf(err, errlen, "ICC profile: out of memory");
		return -1;
	}
	size_t off = 0;
	for (int s = 1; s <= count; s++) {
		const struct img_seg *g = &segs[where[s]];
		memcpy(p + off, g->data + ICC_HDR, g->len - ICC_HDR);
		off += g->len - ICC_HDR;
	}
	*icc = p, *len = total;
	return 1;
}

/* Big-endian 32-bit value. */
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

/* Check the profile's header and that lcms2 accepts it. */
int img_icc_validate(const unsigned char *icc, size_t len, char *err, size_t errlen)
{
	if (len < 132 || len > IMG_ICC_MAX) {
		snprintf(err, errlen, "ICC profile: %zu bytes is not a profile", len);
		return -1;
	}
	unsigned long declared = be32(icc);
	if (declared < 132 || declared > len || memcmp(icc + 36, "acsp", 4) != 0) {
		snprintf(err, errlen, "ICC profile: bad header (size %lu of %zu, no 'acsp')",
			 declared, len);
		return -1;
	}
	cmsHPROFILE p = cmsOpenProfileFromMem(icc, (cmsUInt32Number)declared);
	if (!p) {
		snprintf(err, errlen, "ICC profile: lcms2 cannot parse it");
		return -1;
	}
	int rc = 0;
	cmsProfileClassSignature cls = cmsGetDeviceClass(p);
	if (cmsGetColorSpace(p) != cmsSigRgbData) {
		snprintf(err, errlen, "ICC profile: not an RGB profile");
		rc = -1;
	} else if (cls != cmsSigInputClass && cls != cmsSigDisplayClass &&
		   cls != cmsSigColorSpaceClass) {
		snprintf(err, errlen, "ICC profile: unsuitable device class");
		rc = -1;
	} else if (!cmsIsIntentSupported(p, INTENT_PERCEPTUAL, LCMS_USED_AS_INPUT) &&
		   !cmsIsIntentSupported(p, INTENT_RELATIVE_COLORIMETRIC, LCMS_USED_AS_INPUT)) {
		snprintf(err, errlen, "ICC profile: cannot be used as an input profile");
		rc = -1;
	}
	cmsCloseProfile(p);
	return rc;
}
