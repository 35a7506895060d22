/* SPDX-License-Identifier: MIT */
/* Card keys (the text folded for comparing) and the set of keys seen, for
 * duplicate cards. */
#include "deck_private.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <utf8proc.h>

#include "utext.h"

/* True when case folding and NFC leave the character cp as it is, whatever
 * comes before or after it: it has no case folding, is not a combining
 * mark, never composes with a character before it, and, when it has a
 * canonical decomposition, composes back into itself. Hangul, which Unicode
 * composes by rule rather than by table, is left to utf8proc. */
static bool fold_keeps(utf8proc_int32_t cp)
{
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF))
        return false;
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->casefold_seqindex != UINT16_MAX || prop->combining_class != 0)
        return false;
    if (prop->comb_index != UINT16_MAX && prop->comb_index >= 0x8000)
        return false; /* composes with the character before it */
    if (prop->decomp_seqindex != UINT16_MAX && prop->decomp_type == 0) {
        /* NFC turns it back into itself (it is not excluded from
         * composition), and what it decomposes into starts with a character
         * that cannot compose with the one before. */
        utf8proc_int32_t parts[8];
        int boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &boundclass);
        if (n < 1 || n > 8)
            return false;
        const utf8proc_property_t *first = utf8proc_get_property(parts[0]);
        if (first->combining_class != 0 || (first->comb_index != UINT16_MAX && first->comb_index >= 0x8000))
            return false;
        if (utf8proc_normalize_utf32(parts, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE) != 1 || parts[0] != cp)
            return false;
    }
    return true;
}

/* Collapses each run of white space in s into one space, none at the ends. */
static void collapse_space(char *s)
{
    char *w = s;
    bool space = true; /* drops leading space */
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n') {
            if (!space)
                *w++ = ' ';
            space = true;
        } else {
            *w++ = *p;
            space = false;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

/* Folds s into out (room for len + 1 bytes) the one-pass way: ASCII
 * capitals lowered, each run of white space made one space, none at the
 * ends, every other character kept as it is. Counts the characters of s in
 * *chars. Returns the key's length, or -1 when a character needs Unicode's
 * full folding (then out and *chars mean nothing). */
static long fold_simple(const char *s, size_t len, char *out, int *chars)
{
    char *w = out;
    bool space = true;
    int n_chars = 0;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull, lows = 0x7F7F7F7F7F7F7F7Full;
    for (size_t i = 0; i < len; n_chars++) {
        if (i + 8 <= len) {
            /* Eight ASCII bytes, none a control, no two spaces together, no
             * space after one written: lowered and copied at once. */
            uint64_t word;
            memcpy(&word, s + i, 8);
            uint64_t x = word ^ (ones * ' ');
            uint64_t spaces = ~(((x & lows) + lows) | x | lows);
            bool plain = !(word & highs) && !((word - ones * 0x20) & ~word & highs) && !(spaces & (spaces >> 8)) &&
                         !(space && (spaces & 0x80));
            if (plain) {
                uint64_t upper = (word + ones * 0x3F) & ~(word + ones * 0x25) & highs;
                word |= upper >> 2;
                memcpy(w, &word, 8);
                w += 8;
                i += 8;
                n_chars += 7;
                space = (spaces >> 56) != 0;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c <= ' ' && (c == ' ' || c == '\t' || c == '\n')) {
                if (!space)
                    *w++ = ' ';
                space = true;
            } else {
                *w++ = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
                space = false;
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || !fold_keeps(cp))
            return -1;
        memcpy(w, s + i, (size_t)n);
        w += n;
        i += (size_t)n;
        space = false;
    }
    if (w > out && w[-1] == ' ')
        w--;
    *w = '\0';
    *chars = n_chars;
    return (long)(w - out);
}

/* Unicode's full folding (case folding and NFC), white space collapsed. */
static char *fold_full(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0)
        return strdup(s);
    collapse_space((char *)out);
    return (char *)out;
}

char *deck_card_key(const char *s)
{
    /* Most text folds by lowering its ASCII capitals: done in one pass. */
    size_t len = strlen(s);
    char *key = malloc(len + 1);
    if (!key)
        return NULL;
    int chars;
    if (fold_simple(s, len, key, &chars) >= 0)
        return key;
    free(key);
    return fold_full(s);
}

/* ---- the set of cards seen, for duplicates ---- */

uint32_t deck_seen_hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t word;
        memcpy(&word, s + i, 8);
        h = (h ^ word) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    memcpy(&tail, s + i, len - i);
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

/* Makes room for need bytes in both key buffers. */
static bool key_room(SeenSet *set, size_t need)
{
    if (need <= set->key_cap)
        return true;
    size_t cap = set->key_cap ? set->key_cap : 256;
    while (cap < need)
        cap *= 2;
    char *a = realloc(set->key, cap);
    if (a)
        set->key = a;
    char *b = a ? realloc(set->other, cap) : NULL;
    if (b)
        set->other = b;
    if (!a || !b)
        return false;
    set->key_cap = cap;
    return true;
}

/* The key of text (len bytes) into *buf, set->key or set->other, or NULL
 * without memory; counts text's characters in *chars. */
static const char *key_into(SeenSet *set, char **buf, const char *text, size_t len, int *chars, size_t *key_len)
{
    if (!key_room(set, len + 1))
        return NULL;
    long n = fold_simple(text, len, *buf, chars);
    if (n >= 0) {
        *key_len = (size_t)n;
        return *buf;
    }
    *chars = utext_count(text, len);
    char *full = fold_full(text);
    if (!full)
        return NULL;
    *key_len = strlen(full);
    if (!key_room(set, *key_len + 1)) { /* folding can lengthen text */
        free(full);
        return NULL;
    }
    memcpy(*buf, full, *key_len + 1);
    free(full);
    return *buf;
}

/* A zeroed table of bytes. A big one is aligned to 2 MB and asks for huge
 * pages: each card looks at one slot at random, and with 4 KB pages most
 * of those looks also miss the TLB. */
static void *table_alloc(size_t bytes)
{
    enum { HUGE_PAGE = 2 * 1024 * 1024 };
    if (bytes < HUGE_PAGE)
        return calloc(1, bytes);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE);
#endif
    memset(p, 0, bytes);
    return p;
}

static bool seen_grow(SeenSet *set)
{
    size_t cap = set->cap ? set->cap * 2 : 256;
    while (cap * 2 < 3 * set->expected)
        cap *= 2;
    Seen *slots = table_alloc(cap * sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->slots[i].card)
            continue;
        size_t j = set->slots[i].hash & (cap - 1);
        while (slots[j].card)
            j = (j + 1) & (cap - 1);
        slots[j] = set->slots[i];
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return true;
}

int deck_seen_check(SeenSet *set, const Card *cards, Pending pending)
{
    if (set->used * 10 >= set->cap * 7 && !seen_grow(set))
        return -1;
    const Card *card = &cards[pending.card - 1];
    bool made = false;
    size_t key_len = 0;
    size_t j = pending.hash & (set->cap - 1);
    while (set->slots[j].card) {
        if (set->slots[j].hash == pending.hash) {
            const Card *earlier = &cards[set->slots[j].card - 1];
            size_t other_len;
            int chars;
            if (!made && !key_into(set, &set->key, card->text, strlen(card->text), &chars, &key_len))
                return -1;
            made = true;
            if (!key_into(set, &set->other, earlier->text, strlen(earlier->text), &chars, &other_len))
                return -1;
            if (other_len == key_len && memcmp(set->other, set->key, key_len) == 0)
                return earlier->line;
        }
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j] = pending;
    set->used++;
    return 0;
}

void deck_seen_free(SeenSet *set)
{
    free(set->slots);
    free(set->key);
    free(set->other);
}

const char *deck_seen_key(SeenSet *set, const char *text, size_t len, int *chars, size_t *key_len)
{
    return key_into(set, &set->key, text, len, chars, key_len);
}
