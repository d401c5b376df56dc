/* engine-jpeg-check FILE...: decode every JPEG fully (libjpeg); print
 * "WxH FILE" for each, exit 1 if any fails to decode.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <jpeglib.h>

struct err {
	struct jpeg_error_mgr mgr;
	jmp_buf jb;
};

/* libjpeg error exit: jump back. */
static void on_error(j_common_ptr c)
{
	longjmp(((struct err *)c->err)->jb, 1);
}

/* Decode one file; 0 on success. */
static int check(const char *path)
{
	struct jpeg_decompress_struct d;
	struct err e;
	JSAMPARRAY row;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	d.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = on_error;
	if (setjmp(e.jb)) {
		jpeg_destroy_decompress(&d);
		fclose(f);
		return -1;
	}
	jpeg_create_decompress(&d);
	jpeg_stdio_src(&d, f);
	jpeg_read_header(&d, TRUE);
	jpeg_start_decompress(&d);
	row = (*d.mem->alloc_sarray)((j_common_ptr)&d, JPOOL_IMAGE,
				     d.output_width * d.output_components, 1);
	while (d.output_scanline < d.output_height)
		jpeg_read_scanlines(&d, row, 1);
	if (e.mgr.num_warnings) {
		jpeg_destroy_decompress(&d);
		fclose(f);
		return -1;
	}
	printf("%ux%u %s\n", d.output_width, d.output_height, path);
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (check(argv[i]) != 0) {
			printf("BAD %s\n", argv[i]);
			rc = 1;
		}
	return rc;
}
