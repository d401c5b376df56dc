/* Unit tests for json.c and event_to_json.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "json.h"

static void test_escaping(void **state)
{
	struct json_buf j;
	char *s;
	(void)state;
	json_init(&j);
	json_open(&j, '{');
	json_kv_str(&j, "a", "q\"b\\s\n\t\x01\x7f\xff" "é");
	json_kv_int(&j, "n", -3);
	json_key(&j, "l");
	json_open(&j, '[');
	json_bool(&j, true);
	json_null(&j);
	json_double(&j, 0.5);
	json_str(&j, NULL);
	json_close(&j, ']');
	json_kv_double(&j, "inf", 1.0 / 0.0);
	/* C1 (CSI) and bidi controls are escaped, other non-ASCII kept */
	json_kv_str(&j, "c", "\xc2\x9b" "2J\xe2\x80\xae" "x\xe2\x80\x94");
	json_close(&j, '}');
	s = json_finish(&j);
	assert_string_equal(s, "{\"a\":\"q\\\"b\\\\s\\n\\t\\u0001\\u007f\\ufffdé\",\"n\":-3,"
			       "\"l\":[true,null,0.5,null],\"inf\":null,"
			       "\"c\":\"\\u009b2J\\u202ex\xe2\x80\x94\"}");
	free(s);
}

/* json_double_exact: the shortest text strtod reads back bit for bit. */
static void test_double_exact(void **state)
{
	static const double v[] = { 0.1, 5.6, 1.0 / 3, -0.0, 1e300, 4.9e-324, 100, 0.004 };
	static const char *const want[] = { "0.1", "5.6", "0.3333333333333333", "-0.0",
					    "1e+300", "4.94065645841247e-324", "100", "0.004" };
	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct json_buf j;
		char *s;
		double back;
		json_init(&j);
		json_double_exact(&j, v[i]);
		s = json_finish(&j);
		assert_string_equal(s, want[i]);
		back = strtod(s, NULL);
		assert_memory_equal(&back, &v[i], sizeof back);
		free(s);
	}
}

static void test_event_json(void **state)
{
	struct capa_event *ev = event_new(EV_FILE_SAVED);
	char *s;
	(void)state;
	ev->id = 7;
	event_set(&ev->folder, "/store/DCIM");
	event_set(&ev->name, "IMG\x1b.JPG");
	event_set(&ev->path, "/tmp/s/IMG.JPG");
	ev->bytes = 1234;
	strcpy(ev->sha256, "ab");
	ev->exif.iso = 400;
	ev->exif.fnumber = 5.6;
	ev->deleted_on_camera = true;
	s = event_to_json(ev);
	assert_non_null(strstr(s, "\"event\":\"file-saved\",\"id\":7,"));
	assert_non_null(strstr(s, "\"name\":\"IMG\\u001b.JPG\""));
	assert_non_null(strstr(s, "\"iso\":400"));
	assert_non_null(strstr(s, "\"fnumber\":5.6"));
	assert_non_null(strstr(s, "\"deleted\":true"));
	free(s);
	event_free(ev);

	ev = event_new(EV_ERROR);
	event_set(&ev->what, "usb-claimed");
	event_set(&ev->hint, "run gio mount -s gphoto2");
	s = event_to_json(ev);
	assert_string_equal(s, "{\"event\":\"error\",\"what\":\"usb-claimed\","
			       "\"hint\":\"run gio mount -s gphoto2\"}");
	free(s);
	event_free(ev);
}

static void test_config_json(void **state)
{
	struct cam_config *c = calloc(1, sizeof(*c));
	struct cam_widget *w;
	char *s;
	struct capa_event *ev = event_new(EV_CONFIG_TREE);
	(void)state;
	c->root.type = CW_WINDOW;
	c->root.name = strdup("main");
	c->root.children = calloc(1, sizeof(*w));
	c->root.n_children = 1;
	w = &c->root.children[0];
	w->type = CW_RADIO;
	w->name = strdup("iso");
	w->value = strdup("100");
	w->choices = calloc(2, sizeof(char *));
	w->choices[0] = strdup("100");
	w->choices[1] = strdup("200");
	w->n_choices = 2;
	ev->config = cam_config_dup(c);
	cam_config_free(c);
	s = event_to_json(ev);
	assert_non_null(strstr(s, "\"children\":[{\"name\":\"iso\""));
	assert_non_null(strstr(s, "\"choices\":[\"100\",\"200\"]"));
	free(s);
	event_free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_double_exact),
		cmocka_unit_test(test_event_json),
		cmocka_unit_test(test_config_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
