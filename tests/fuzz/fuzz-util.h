/* Helpers shared by the libFuzzer targets (header-only, test code).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_FUZZ_UTIL_H
#define CAPA_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop the run with a finding when an invariant of the parser breaks. */
#define FUZZ_ASSERT(c)                                                              \
	do {                                                                        \
		if (!(c)) {                                                         \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
				__LINE__, #c);                                      \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* A malloc'd copy of data[0..size) with exactly that size, so that ASan
 * sees a read past its end (size 0 gives a 1-byte block). */
static inline char *fuzz_bytes(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);
	if (p && size)
		memcpy(p, data, size);
	return p;
}

/* A malloc'd NUL-terminated copy of data[0..size). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);
	if (p) {
		if (size)
			memcpy(p, data, size);
		p[size] = '\0';
	}
	return p;
}

/* Put data into an anonymous file; its /proc path into path.  Returns the
 * fd (close it after use) or -1. */
static inline int fuzz_file(const uint8_t *data, size_t size, char *path, size_t pathlen)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

/* Call fn on each '\n'-separated line of data as a C string (a line
 * holding a NUL is passed as far as the NUL, as a C caller would see it). */
static inline void fuzz_lines(const uint8_t *data, size_t size, void (*fn)(const char *line))
{
	size_t i = 0;
	while (i <= size) {
		const uint8_t *nl = i < size ? memchr(data + i, '\n', size - i) : NULL;
		size_t n = nl ? (size_t)(nl - (data + i)) : size - i;
		char *l = fuzz_cstr(data + i, n);
		if (l)
			fn(l);
		free(l);
		i += n + 1;
	}
}

#endif
