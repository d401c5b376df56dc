/* Adobe RGB (1998) encoding of synthetic shots, with lcms2.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/shot-colour.h"

#include <errno.h>
#include <stdlib.h>

/* Set an ASCII text tag (description, copyright) on `prof`. */
static int set_text(cmsHPROFILE prof, cmsTagSignature sig, const char *text)
{
	cmsMLU *mlu = cmsMLUalloc(NULL, 1);
	int ok;

	if (!mlu)
		return 0;
	ok = cmsMLUsetASCII(mlu, "en", "US", text) && cmsWriteTag(prof, sig, mlu);
	cmsMLUfree(mlu);
	return ok;
}

/* Build the Adobe RGB (1998) compatible profile. */
cmsHPROFILE shot_adobe_profile(void)
{
	static const cmsCIExyY white = { 0.3127, 0.3290, 1.0 };
	static const cmsCIExyYTRIPLE prim = {
		{ 0.64, 0.33, 1.0 }, { 0.21, 0.71, 1.0 }, { 0.15, 0.06, 1.0 },
	};
	cmsToneCurve *g = cmsBuildGamma(NULL, 563.0 / 256.0);
	cmsToneCurve *curves[3] = { g, g, g };
	cmsHPROFILE prof;

	if (!g)
		return NULL;
	prof = cmsCreateRGBProfile(&white, &prim, curves);
	cmsFreeToneCurve(g);
	if (!prof)
		return NULL;
	if (!set_text(prof, cmsSigProfileDescriptionTag,
		      "Adobe RGB (1998) compatible (capa-simcam)") ||
	    !set_text(prof, cmsSigCopyrightTag, "No copyright, use freely")) {
		cmsCloseProfile(prof);
		return NULL;
	}
	return prof;
}

/* Build the sRGB to Adobe RGB transform. */
cmsHTRANSFORM shot_adobe_transform(void)
{
	cmsHPROFILE srgb = cmsCreate_sRGBProfile(), adobe = shot_adobe_profile();
	cmsHTRANSFORM x = NULL;

	if (srgb && adobe)
		x = cmsCreateTransform(srgb, TYPE_RGB_8, adobe, TYPE_RGB_8,
				       INTENT_RELATIVE_COLORIMETRIC, 0);
	if (srgb)
		cmsCloseProfile(srgb);
	if (adobe)
		cmsCloseProfile(adobe);
	return x;
}

/* Serialise the Adobe profile. */
int shot_adobe_icc(unsigned char **out, size_t *len)
{
	cmsHPROFILE prof = shot_adobe_profile();
	cmsUInt32Number n = 0;
	unsigned char *buf = NULL;

	*out = NULL;
	*len = 0;
	if (!prof || !cmsSaveProfileToMem(prof, NULL, &n) || n == 0 ||
	    !(buf = malloc(n)) || !cmsSaveProfileToMem(prof, buf, &n)) {
		free(buf);
		if (prof)
			cmsCloseProfile(prof);
		errno = ENOMEM;
		return -1;
	}
	cmsCloseProfile(prof);
	*out = buf;
	*len = n;
	return 0;
}
