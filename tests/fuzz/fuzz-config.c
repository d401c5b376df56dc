/* libFuzzer target for the config file: the textfile line reader, the
 * option table's value parsing (option_set) and `bind KEY COMMAND`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Build and replay: sh tests/fuzz/build.sh OUTDIR config */
#include <string.h>

#include "config.h"
#include "fuzz-util.h"
#include "keys.h"
#include "options.h"

/* config_log_fn: every message is one bounded C string. */
static void log_msg(void *ud, const char *msg)
{
	(void)ud;
	FUZZ_ASSERT(strlen(msg) < 1024);
}

/* Every option in range after loading. */
static void check_options(const struct capa_options *o)
{
	for (const struct option_def *d = option_table; d->name; d++) {
		const char *p = (const char *)o + d->offset;
		if (d->type == OPT_INT)
			FUZZ_ASSERT(*(const int *)p >= d->min && *(const int *)p <= d->max);
	}
}

/* Load the input as a config file, then apply each line on its own. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capa_options o;
	struct config c = { 0 };
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);

	keys_init();
	options_defaults(&o);
	if (fd >= 0) {
		int bad = config_load(&c, &o, path, true, log_msg, NULL);
		FUZZ_ASSERT(bad >= 0);
		close(fd);
	}
	check_options(&o);
	FUZZ_ASSERT(keys_count() <= 96);
	config_free(&c);
	return 0;
}
