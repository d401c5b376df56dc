/* libFuzzer target for file names: --filename patterns (check and expand,
 * with a camera name, folder, time and number from the input, all of them
 * untrusted) and collision variants of the result.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR name
 * Input: 8 bytes time (little-endian), 4 bytes number, 2 bytes variant,
 * then PATTERN \n CAMERA-NAME \n FOLDER. */
#include <string.h>

#include "fuzz-util.h"
#include "sanitize.h"
#include "session-name.h"

/* A little-endian unsigned of n bytes. */
static uint64_t le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* A safe local name: short, no '/', not "." or "..", valid UTF-8. */
static void check_name(const char *s, size_t outlen)
{
	size_t n = strlen(s);
	FUZZ_ASSERT(n < outlen && n <= SANITIZE_NAME_MAX);
	FUZZ_ASSERT(!strchr(s, '/'));
	FUZZ_ASSERT(strcmp(s, ".") && strcmp(s, ".."));
	FUZZ_ASSERT(utf8_valid(s, n));
}

/* Split the text into its three fields (NULL when absent). */
static void fields(char *t, char **f)
{
	for (int i = 0; i < 3; i++) {
		f[i] = t;
		if (t && (t = strchr(t, '\n')))
			*t++ = '\0';
	}
}

/* Check, expand and vary one pattern. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[256], var[256], small[24], err[256], *f[3];
	struct name_vars v = { 0 };
	unsigned k;

	if (size < 14)
		return 0;
	v.when = (time_t)le(data, 8);
	v.number = (unsigned)le(data + 8, 4);
	k = (unsigned)le(data + 12, 2);
	char *text = fuzz_cstr(data + 14, size - 14);
	if (!text)
		return 0;
	fields(text, f);
	v.camera_name = f[1];
	v.folder = f[2];
	int checked = session_name_check(f[0], err, sizeof err);
	int expanded = session_name_expand(f[0], &v, out, sizeof out, err, sizeof err);
	FUZZ_ASSERT(checked == expanded);
	if (expanded == 0) {
		check_name(out, sizeof out);
		check_name(session_name_variant(out, k, var, sizeof var), sizeof var);
		check_name(session_name_variant(out, k, small, sizeof small), sizeof small);
		if (session_name_expand(f[0], &v, small, sizeof small, err, sizeof err) == 0)
			check_name(small, sizeof small);
	}
	free(text);
	return 0;
}
