/* sha256 of a saved file (nettle).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "session.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <unistd.h>

int session_sha256_fd(int fd, char hex[65])
{
	struct sha256_ctx ctx;
	uint8_t buf[65536], digest[SHA256_DIGEST_SIZE];
	off_t off = 0;
	ssize_t n;

	sha256_init(&ctx);
	while ((n = pread(fd, buf, sizeof(buf), off)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			hex[0] = '\0';
			return -1;
		}
		sha256_update(&ctx, (size_t)n, buf);
		off += n;
	}
	sha256_digest(&ctx, sizeof(digest), digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}
