/* SPDX-License-Identifier: MIT */
/* Big, short-lived arrays written once from end to end (a big deck's card
 * texts, its cards, its table of cards seen) ask for the kernel's huge
 * pages: filling 100 MB a 4 KB page at a time took one page fault each,
 * some 25,000 of them, a third of a 50 MB deck's parsing. Plain C. */
#ifndef TIGHTROPE_HUGEMEM_H
#define TIGHTROPE_HUGEMEM_H

#include <stddef.h>

/* Blocks smaller than this are left as they are: a huge page is 2 MB, and
 * a small deck's memory stays in small pages, counted as it is used. */
enum { HUGEMEM_MIN_BYTES = 4 * 1024 * 1024 };

/* Asks that the size bytes at p, just allocated and not yet written, be
 * backed by huge pages where the kernel has them (Linux's transparent huge
 * pages, "madvise" mode): only the whole 2 MB pages inside the block, so
 * nothing outside it changes. A hint: without huge pages, or for a NULL or
 * small block, nothing happens. */
void hugemem_advise(void *p, size_t size);

#endif
