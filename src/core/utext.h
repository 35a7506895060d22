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

/* The byte offset of the first invalid UTF-8 sequence in s[0..len), or len. */
size_t utext_invalid_at(const char *s, size_t len);

/* Characters (code points) in the first len bytes of valid UTF-8. */
int utext_count(const char *s, size_t len);

/* Decodes the character at s[0..len) into *cp: its length in bytes, or -1
 * when the bytes there are not valid UTF-8. */
int utext_decode(const char *s, size_t len, int32_t *cp);

/* Parses a whole decimal number in [lo, hi] written as 1 to 9 digits in
 * [s, s + len). Returns false, leaving *out alone, for anything else. */
bool utext_parse_int(const char *s, size_t len, long lo, long hi, long *out);

/* A space or a tab. */
bool utext_is_blank(char c);

/* Trims blanks on both sides of [*s, *s + *len). */
void utext_trim(const char **s, size_t *len);

/* A NUL-terminated copy of s[0..len), or NULL. */
char *utext_dup_range(const char *s, size_t len);

/* A copy of the NUL-terminated s, or NULL (also for s NULL). */
char *utext_dup(const char *s);

/* True when a[0..n) and b[0..n) are equal but for ASCII case. */
bool utext_ascii_ieq(const char *a, const char *b, size_t n);

/* 64-bit FNV-1a of data[0..len), continuing from h (UTEXT_FNV_BASIS to start). */
uint64_t utext_fnv1a(uint64_t h, const void *data, size_t len);
/* A 64-bit hash of data, sixteen bytes at a time: much faster than FNV-1a
 * for more than a few bytes, and the same on every machine. */
uint64_t utext_hash64(const void *data, size_t len);

#endif
