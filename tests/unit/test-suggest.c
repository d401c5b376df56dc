/* Unit tests for cam-suggest.c: close matches for an unknown setting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cam-suggest.h"

#define LEAF(n, l) { .name = (char *)(n), .label = (char *)(l), .type = CW_RADIO, .value = (char *)"x" }

static struct cam_widget leaves[] = {
	LEAF("iso", "ISO Speed"), LEAF("f-number", "F-Number"), LEAF("shutterspeed", "Shutter Speed"),
	LEAF("whitebalance", "WhiteBalance"), LEAF("5007", "F-Number"), LEAF("focallength", "Focal Length"),
};
static struct cam_config cfg = {
	.root = { .name = (char *)"main", .type = CW_WINDOW, .children = leaves,
		  .n_children = sizeof leaves / sizeof leaves[0] },
};

/* The suggestion for key, as text. */
static const char *suggest(const char *key)
{
	static char out[200];
	cam_config_suggest(&cfg, key, out, sizeof out);
	return out;
}

static void test_synonyms_and_labels(void **state)
{
	(void)state;
	/* a synonym; the same label twice (5007) is named once */
	assert_string_equal(suggest("aperture"), "f-number");
	assert_string_equal(suggest("fnumber"), "f-number");
	assert_string_equal(suggest("ISO-Speed"), "iso");
	assert_string_equal(suggest("shutter"), "shutterspeed");
	assert_string_equal(suggest("whitebalanse"), "whitebalance");
	assert_string_equal(suggest("focal length"), "focallength");
}

static void test_no_match(void **state)
{
	(void)state;
	assert_string_equal(suggest("foo"), "");
	assert_string_equal(suggest(""), "");
	assert_string_equal(suggest("--"), "");
	char out[8] = "junk";
	assert_int_equal(cam_config_suggest(NULL, "iso", out, sizeof out), 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_synonyms_and_labels),
		cmocka_unit_test(test_no_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
