/* SPDX-License-Identifier: MIT */
/* Text helpers shared by the engine and the front end: UTF-8 decoding and
 * counting, copies of ranges, blank and trim, and the FNV-1a hash. None
 * allocates except the dup functions, which return NULL when out of memory. */
#ifndef TIGHTROPE_UTEXT_H
#define TIGHTROPE_UTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTEXT_FNV_BASIS 0xCBF29CE484222325ull

/* 64-bit FNV-1a of data[0..len), continuing from h (UTEXT_FNV_BASIS to start). */
uint64_t utext_fnv1a(uint64_t h, const void *data, size_t len);

#endif
