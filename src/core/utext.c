/* SPDX-License-Identifier: MIT */
#include "utext.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

uint64_t utext_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

uint64_t utext_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t a = 0x9E3779B97F4A7C15ull ^ len, b = 0xD6E8FEB86659FD93ull;
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        uint64_t x, y;
        memcpy(&x, p + i, 8);
        memcpy(&y, p + i + 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x); /* the first byte the lowest, on any machine */
        y = __builtin_bswap64(y);
#endif
        a = (a ^ x) * 0xFF51AFD7ED558CCDull;
        b = (b ^ y) * 0xC4CEB9FE1A85EC53ull;
        a ^= a >> 29;
        b ^= b >> 31;
    }
    for (; i < len; i++)
        b = (b ^ p[i]) * 0x100000001B3ull;
    uint64_t h = (a ^ (b >> 32 | b << 32)) * 0xFF51AFD7ED558CCDull;
    return h ^ h >> 33;
}

/* Returns the byte offset of the first invalid UTF-8 sequence, or len. */
size_t utext_invalid_at(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint64_t word;
        if (len - i >= sizeof word) {
            memcpy(&word, s + i, sizeof word);
            if (!(word & 0x8080808080808080ull)) { /* eight ASCII bytes */
                i += sizeof word;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

/* Characters (code points) in the first len bytes of valid UTF-8. */
int utext_count(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

bool utext_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

char *utext_dup_range(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

/* Trims blanks on both sides of [*s, *s + *len). */
void utext_trim(const char **s, size_t *len)
{
    while (*len && utext_is_blank(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && utext_is_blank((*s)[*len - 1]))
        (*len)--;
}

char *utext_dup(const char *s)
{
    return s ? utext_dup_range(s, strlen(s)) : NULL;
}

int utext_decode(const char *s, size_t len, int32_t *cp)
{
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
    if (n <= 0)
        return -1;
    *cp = c;
    return (int)n;
}

bool utext_parse_int(const char *s, size_t len, long lo, long hi, long *out)
{
    if (len == 0 || len > 9)
        return false;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool utext_ascii_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ca = a[i], cb = b[i];
        if (ca >= 'A' && ca <= 'Z')
            ca = (char)(ca - 'A' + 'a');
        if (cb >= 'A' && cb <= 'Z')
            cb = (char)(cb - 'A' + 'a');
        if (ca != cb)
            return false;
    }
    return true;
}
