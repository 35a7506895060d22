/* SPDX-License-Identifier: MIT */
/* madvise and MADV_HUGEPAGE are Linux's, not POSIX. */
#define _DEFAULT_SOURCE
#include "hugemem.h"

#include <stdint.h>
#include <sys/mman.h>

void hugemem_advise(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = 2u * 1024 * 1024;
    if (!p || size < HUGEMEM_MIN_BYTES)
        return;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)p + size) & ~(huge - 1);
    /* Fails only where the kernel has no huge pages: the block is used as
     * it is. */
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}
