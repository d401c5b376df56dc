/* ptpip-probe: a minimal PTP/IP initiator for testing capa-simcam's answers
 * to operations libgphoto2 never sends in that shape.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: ptpip-probe PORT STEP...
 *   CODE[:P1[,P2...]]     run operation CODE (hex) with hex parameters; prints
 *                         "CODE RESPONSE DATABYTES [P1]"
 *   CODE:P1=u16:VALUE     the same with a 16-bit data phase from the host
 *   probe                 send a Probe Request; prints "probe RESPONSETYPE"
 *   second                open a second initiator; prints "second PACKETTYPE"
 *   fuzz:N                send N well-framed packets of random types and
 *                         payloads on the command channel (seeded; replies
 *                         are discarded); prints "fuzz N"
 * Exits 1 on a transport error. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Connect to 127.0.0.1:port with a 10 s receive timeout. */
static int dial(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = { .tv_sec = 10 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		perror("connect");
		exit(1);
	}
	return fd;
}

static void send_all(int fd, const unsigned char *p, size_t n)
{
	if (send(fd, p, n, MSG_NOSIGNAL) != (ssize_t)n) {
		perror("send");
		exit(1);
	}
}

static void read_all(int fd, unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = recv(fd, p, n, 0);
		if (k <= 0) {
			fprintf(stderr, "ptpip-probe: connection closed\n");
			exit(1);
		}
		p += k;
		n -= (size_t)k;
	}
}

/* Read one packet; returns its type, payload in a malloc'd *pl. */
static uint32_t read_packet(int fd, unsigned char **pl, uint32_t *plen)
{
	unsigned char h[8];
	read_all(fd, h, 8);
	uint32_t len = get32(h);
	if (len < 8 || len > (64u << 20)) {
		fprintf(stderr, "ptpip-probe: bad length %u\n", len);
		exit(1);
	}
	*plen = len - 8;
	*pl = malloc(*plen + 1);
	read_all(fd, *pl, *plen);
	return get32(h + 4);
}

/* Send the Init Command Request; returns the reply's packet type. */
static uint32_t init_command(int fd, uint32_t *conn)
{
	unsigned char p[8 + 16 + 12 + 4] = { 0 };
	put32(p, sizeof(p));
	put32(p + 4, 1);
	memcpy(p + 24, "p\0r\0o\0b\0e\0\0\0", 12);
	put32(p + 36, 0x00010000);
	send_all(fd, p, sizeof(p));
	unsigned char *pl;
	uint32_t n, t = read_packet(fd, &pl, &n);
	if (conn && n >= 4)
		*conn = get32(pl);
	free(pl);
	return t;
}

/* Run one operation step. */
static void operation(int fd, const char *step)
{
	unsigned char p[8 + 10 + 20];
	uint32_t par[5], np = 0, code = (uint32_t)strtoul(step, NULL, 16), value = 0;
	const char *s = strchr(step, ':'), *data = strchr(step, '=');
	static uint32_t tid = 1;
	while (s && np < 5 && (!data || s < data)) {
		par[np++] = (uint32_t)strtoul(s + 1, NULL, 16);
		s = strchr(s + 1, ',');
	}
	if (data)
		value = (uint32_t)strtoul(data + 5, NULL, 10);
	put32(p, 18 + 4 * np);
	put32(p + 4, 6);
	put32(p + 8, data ? 2 : 1);
	p[12] = (unsigned char)code;
	p[13] = (unsigned char)(code >> 8);
	put32(p + 14, tid);
	for (uint32_t i = 0; i < np; i++)
		put32(p + 18 + 4 * i, par[i]);
	send_all(fd, p, 18 + 4 * np);
	if (data) {
		unsigned char d[20 + 14] = { 0 };
		put32(d, 20);
		put32(d + 4, 9);
		put32(d + 8, tid);
		put32(d + 12, 2);
		put32(d + 20, 14);
		put32(d + 24, 12);
		put32(d + 28, tid);
		d[32] = (unsigned char)value;
		d[33] = (unsigned char)(value >> 8);
		send_all(fd, d, sizeof(d));
	}
	uint32_t bytes = 0;
	for (;;) {
		unsigned char *pl;
		uint32_t n, t = read_packet(fd, &pl, &n);
		if ((t == 10 || t == 12) && n >= 4)
			bytes += n - 4;
		if (t == 7 && n >= 6) {
			printf("%04x %04x %u", code, pl[0] | pl[1] << 8, bytes);
			if (n >= 10)
				printf(" %x", get32(pl + 6));
			printf("\n");
			free(pl);
			break;
		}
		free(pl);
	}
	tid++;
}

/* Send n random but well-framed packets; discard whatever comes back. */
static void fuzz(int fd, int n)
{
	unsigned char p[200];
	srand(12345);
	struct timeval tv = { .tv_usec = 1000 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (int i = 0; i < n; i++) {
		uint32_t len = 8 + (uint32_t)(rand() % 120);
		for (uint32_t k = 8; k < len; k++)
			p[k] = (unsigned char)rand();
		put32(p, len);
		put32(p + 4, 1 + (uint32_t)(rand() % 14));
		if (get32(p + 4) == 6 && len >= 18) {   /* an operation: keep it in range */
			p[12] = (unsigned char)(rand() % 0x20);
			p[13] = 0x10;
			put32(p + 8, 1 + (uint32_t)(rand() % 2));
		}
		send_all(fd, p, len);
		while (recv(fd, p, sizeof(p), MSG_DONTWAIT) > 0)
			;
	}
	printf("fuzz %d\n", n);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return fprintf(stderr, "usage: ptpip-probe PORT STEP...\n"), 2;
	int port = atoi(argv[1]), cmd = dial(port), evt = dial(port);
	uint32_t conn = 0;
	if (init_command(cmd, &conn) != 2)
		return fprintf(stderr, "ptpip-probe: no Init Command Ack\n"), 1;
	unsigned char e[12];
	put32(e, 12);
	put32(e + 4, 3);
	put32(e + 8, conn);
	send_all(evt, e, 12);
	unsigned char *pl;
	uint32_t n;
	if (read_packet(evt, &pl, &n) != 4)
		return fprintf(stderr, "ptpip-probe: no Init Event Ack\n"), 1;
	free(pl);
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "probe")) {
			unsigned char q[8];
			put32(q, 8);
			put32(q + 4, 13);
			send_all(cmd, q, 8);
			printf("probe %u\n", read_packet(cmd, &pl, &n));
			free(pl);
		} else if (!strncmp(argv[i], "fuzz:", 5)) {
			fuzz(cmd, atoi(argv[i] + 5));
		} else if (!strcmp(argv[i], "second")) {
			int fd = dial(port);
			printf("second %u\n", init_command(fd, NULL));
			close(fd);
		} else {
			operation(cmd, argv[i]);
		}
		fflush(stdout);
	}
	close(cmd);
	close(evt);
	return 0;
}
