/* SPDX-License-Identifier: MIT */
/* madvise and MADV_HUGEPAGE are Linux's, not POSIX. */
#define _DEFAULT_SOURCE
#include "hugemem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 * 1024 * 1024 };

/* A mapping's bytes for size: whole huge pages. */
static size_t mapped(size_t size)
{
    return (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
}

void *hugemem_alloc(size_t size)
{
    if (size < HUGEMEM_MIN_BYTES)
        return calloc(1, size ? size : 1);
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t whole = mapped(size);
    /* A huge page more than needed, to start on a huge page's boundary; what
     * is left before and after is given back. */
    char *p = mmap(NULL, whole + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    size_t before = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
    if (before)
        munmap(p, before);
    munmap(p + before + whole, HUGE_PAGE - before);
#ifdef MADV_HUGEPAGE
    /* Fails only where the kernel has no huge pages: small pages then. */
    (void)madvise(p + before, whole, MADV_HUGEPAGE);
#endif
    return p + before;
}

void hugemem_free(void *p, size_t size)
{
    if (size < HUGEMEM_MIN_BYTES)
        free(p);
    else if (p)
        munmap(p, mapped(size));
}
