/* Growable byte buffers with little-endian PTP packing helpers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A buf owns its bytes.  Allocation failure aborts the simulator (it is a
 * test tool; a half-built packet is worse than a clean exit). */
#ifndef SIMCAM_BUF_H
#define SIMCAM_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	unsigned char *p;
	size_t len, cap;
};

void buf_free(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *data, size_t n);
void buf_u8(struct buf *b, uint8_t v);
void buf_u16(struct buf *b, uint16_t v);
void buf_u32(struct buf *b, uint32_t v);
void buf_u64(struct buf *b, uint64_t v);
/* Append a PTP string: a count byte then UCS-2LE units including the NUL.
 * `s` is UTF-8; a byte that is not valid UTF-8 is sent as the lone
 * surrogate U+DC80+byte (like Python's surrogateescape), which a client's
 * UCS-2 decoder must cope with.  Longer
 * strings are cut at 254 units. */
void buf_ptp_str(struct buf *b, const char *s);
/* Append a PTP string from raw UCS-2 units (no terminator in `u`). */
void buf_ptp_ucs2(struct buf *b, const uint16_t *u, size_t n);
/* Append a PTP array of 16-bit / 32-bit values (count then elements). */
void buf_arr16(struct buf *b, const uint16_t *v, size_t n);
void buf_arr32(struct buf *b, const uint32_t *v, size_t n);
/* Drop the first n bytes. */
void buf_consume(struct buf *b, size_t n);

/* Read little-endian values from untrusted bytes (caller checks length). */
uint16_t get_u16(const unsigned char *p);
uint32_t get_u32(const unsigned char *p);
uint64_t get_u64(const unsigned char *p);
/* Store a little-endian 32-bit value. */
void set_u32(unsigned char *p, uint32_t v);

#endif
