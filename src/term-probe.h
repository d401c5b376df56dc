/* Terminal graphics probing on the raw tty, before curses starts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sends XTSMGRAPHICS (colour registers), CSI 16 t (cell size) and DA1 last,
 * in one write, then reads until the DA1 reply or the deadline. Sixel is
 * reported only when DA1 carries the exact parameter 4 after the first.
 * Main thread only, before newterm(); the tty mode is restored on return. */
#ifndef CAPA_TERM_PROBE_H
#define CAPA_TERM_PROBE_H

#include <stdbool.h>
#include <stddef.h>

struct term_caps {
	bool answered;       /* DA1 reply seen before the deadline */
	bool sixel;          /* DA1 has parameter 4 */
	int colour_registers;/* XTSMGRAPHICS answer, else 256 */
	int cell_w, cell_h;  /* pixels per cell; 10×20 when unknown */
	bool cell_from_winsize; /* cell size came from TIOCGWINSZ pixels */
	int cols, rows;      /* from TIOCGWINSZ, 0 when unknown */
	bool truecolor;      /* COLORTERM=truecolor|24bit */
};

/* Probe the terminal on fd (read+write, a tty) for at most timeout_ms.
 * Always fills *caps (defaults when the terminal does not answer).
 * Returns 0 when the terminal answered DA1, -1 otherwise. */
int term_probe(int fd, int timeout_ms, struct term_caps *caps);

/* Parse reply bytes into *caps (which should hold defaults). Returns true
 * once a complete DA1 reply has been parsed. Exposed for tests. */
bool term_probe_parse(const char *buf, size_t len, struct term_caps *caps);

/* Defaults: no sixel, 256 registers, 10×20 cells, TIOCGWINSZ if fd ≥ 0. */
void term_caps_default(struct term_caps *caps, int fd);

#endif
