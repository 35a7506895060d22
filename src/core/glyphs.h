/* SPDX-License-Identifier: MIT */
/* Which characters the installed fonts can draw, through fontconfig, so
 * --check can warn about a card that would show empty boxes, and say which
 * Debian package would draw it. Plain C, no SDL. */
#ifndef TIGHTROPE_GLYPHS_H
#define TIGHTROPE_GLYPHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Glyphs Glyphs;

/* Reads what every installed font covers. NULL when fontconfig cannot start
 * (then nothing is checked). */
Glyphs *glyphs_open(void);
void glyphs_close(Glyphs *glyphs);

/* Writes into missing (at most cap) the distinct code points of utf8 that
 * no installed font has, in order of appearance; returns how many there are
 * in all (which may exceed cap). Spaces and control characters never count. */
size_t glyphs_missing(const Glyphs *glyphs, const char *utf8, uint32_t *missing, size_t cap);

/* The Debian package whose fonts draw code point c; NULL for private-use
 * characters, which no package can promise. */
const char *glyphs_package(uint32_t c);

#endif
