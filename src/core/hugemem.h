/* SPDX-License-Identifier: MIT */
/* A big deck's big arrays (its card texts, its cards, its table of cards
 * seen), written once from end to end, are mapped on their own, in the
 * kernel's huge pages: filling 100 MB a 4 KB page at a time took one page
 * fault each, some 25,000 of them, a third of a 50 MB deck's parsing. And
 * freed, they go back to the system at once, instead of staying in the C
 * library's heap, where a freed 50 MB deck left up to 95 MB. Plain C. */
#ifndef TIGHTROPE_HUGEMEM_H
#define TIGHTROPE_HUGEMEM_H

#include <stddef.h>

/* Blocks smaller than this come from malloc: a huge page is 2 MB, and a
 * small deck's memory stays in small pages, counted as it is used. */
enum { HUGEMEM_MIN_BYTES = 2 * 1024 * 1024 };

/* size bytes, all zero, or NULL without memory. A block of
 * HUGEMEM_MIN_BYTES or more is a mapping of its own, starting on a huge
 * page's boundary, asked to be backed by huge pages where the kernel has
 * them (Linux's transparent huge pages, "madvise" mode): a page is taken
 * only as far as it is written. */
void *hugemem_alloc(size_t size);
/* Frees p, of size bytes, from hugemem_alloc (the same size); NULL is
 * fine. */
void hugemem_free(void *p, size_t size);

#endif
