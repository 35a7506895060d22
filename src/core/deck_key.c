/* SPDX-License-Identifier: MIT */
/* Card keys (the text folded for comparing) and the set of keys seen, for
 * duplicate cards. */
#include "deck_private.h"
#include "hugemem.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* fold_keeps, remembered for the characters of the Basic Multilingual Plane
 * in set (two bits each: not yet known, kept, changed; 16 KB made when first
 * needed): a deck asks about the same few letters again and again. */
static bool keeps(SeenSet *set, utf8proc_int32_t cp)
{
    if (!set || cp < 0 || cp > 0xFFFF)
        return fold_keeps(cp);
    if (!set->keeps && !(set->keeps = calloc(0x10000 / 4, 1)))
        return fold_keeps(cp);
    unsigned shift = (unsigned)(cp & 3) * 2;
    unsigned known = (set->keeps[cp >> 2] >> shift) & 3u;
    if (!known) {
        known = fold_keeps(cp) ? 1u : 2u;
        set->keeps[cp >> 2] |= (uint8_t)(known << shift);
    }
    return known == 1;
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
 * ends, every other character kept as it is (set, or NULL, remembers which
 * characters are kept). Counts the characters of s in
 * *chars. Returns the key's length, or -1 when a character needs Unicode's
 * full folding (then out and *chars mean nothing). */
static long fold_simple(SeenSet *set, const char *s, size_t len, char *out, int *chars)
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
        if (n <= 0 || !keeps(set, cp))
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
    if (fold_simple(NULL, s, len, key, &chars) >= 0)
        return key;
    free(key);
    return fold_full(s);
}

/* ---- the set of cards seen, for duplicates ---- */

/* Eight bytes with their ASCII capitals lowered; other bytes (UTF-8's
 * included) as they are. */
static uint64_t lower8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull, lows = 0x7F7F7F7F7F7F7F7Full;
    uint64_t a = w & lows;
    uint64_t upper = (a + ones * 0x3F) & ~(a + ones * 0x25) & ~w & highs;
    return w | upper >> 2;
}

/* The hash of a key, sixteen bytes at a time in two lanes, so that one
 * multiplication need not wait for the last. ASCII capitals are lowered on
 * the way, so a card's text hashes as its key does when folding would only
 * lower them (deck_scan_card, which hashes as it reads). */
typedef struct {
    uint64_t a, b;
} Hash;

static const Hash hash_start = {0x9E3779B97F4A7C15ull, 0xD6E8FEB86659FD93ull};

static void hash_16(Hash *h, const char *s)
{
    uint64_t x, y;
    memcpy(&x, s, 8);
    memcpy(&y, s + 8, 8);
    h->a = (h->a ^ lower8(x)) * 0xFF51AFD7ED558CCDull;
    h->b = (h->b ^ lower8(y)) * 0xC4CEB9FE1A85EC53ull;
    h->a ^= h->a >> 29;
    h->b ^= h->b >> 31;
}

/* The last 0 to 15 bytes of a key len bytes long, and the hash. */
static uint32_t hash_end(Hash h, const char *s, size_t left, size_t len)
{
    /* Byte by byte: a copy of a length not known beforehand would be a call. */
    char tail[16] = {0};
    for (size_t t = 0; t < left; t++)
        tail[t] = s[t];
    h.b ^= len;
    hash_16(&h, tail);
    uint64_t x = (h.a ^ (h.b >> 32 | h.b << 32)) * 0xFF51AFD7ED558CCDull;
    return (uint32_t)(x ^ x >> 32);
}

uint32_t deck_seen_hash(const char *s, size_t len)
{
    Hash h = hash_start;
    size_t i = 0;
    for (; i + 16 <= len; i += 16)
        hash_16(&h, s + i);
    return hash_end(h, s + i, len - i, len);
}

/* ---- a card's line the fast way ---- */

/* Which of the 16 bytes at s are odd (their high bit set, under 0x20 — tab
 * and line ends too — or 0x7F) and which are spaces: bit j for byte j. */
#if defined(__SSE2__)
static void masks16(const char *s, unsigned *odd, unsigned *spaces)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* Compared as signed bytes, those with the high bit set are under 0x20. */
    __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    *odd = (unsigned)_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
    *spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
}
#else
/* The high bits of the eight bytes of m as eight bits, bit j for byte j. */
static unsigned pack8(uint64_t m)
{
    return (unsigned)(((m >> 7) * 0x0102040810204080ull) >> 56);
}

static void masks16(const char *s, unsigned *odd, unsigned *spaces)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull, lows = 0x7F7F7F7F7F7F7F7Full;
    *odd = *spaces = 0;
    for (int half = 0; half < 2; half++) {
        uint64_t w;
        memcpy(&w, s + 8 * half, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w); /* the first byte the lowest */
#endif
        /* Exact for the lowest byte found, which is the one used. */
        uint64_t o = (w | ((w - ones * 0x20) & ~w) | ((w ^ ones * 0x7F) - ones)) & highs;
        uint64_t x = w ^ (ones * ' ');
        uint64_t sp = ~(((x & lows) + lows) | x | lows);
        *odd |= pack8(o) << (8 * half);
        *spaces |= pack8(sp) << (8 * half);
    }
}
#endif

size_t deck_scan_card(SeenSet *set, const char *s, size_t avail, char *out, uint32_t *hash, int *chars)
{
    size_t i = 0, extra = 0; /* extra: UTF-8's continuation bytes, which are not characters */
    bool space = false;      /* the byte before i is a space */
    Hash h = hash_start;     /* of the bytes before hashed, copied to out */
    size_t hashed = 0;
    for (;;) {
        if (i >= hashed + 16) { /* out holds the line's bytes up to i */
            hash_16(&h, out + hashed);
            hashed += 16;
        }
        if (i + 16 > avail || i > DECK_LINE_MAX_BYTES)
            return 0;
        memcpy(out + i, s + i, 16);
        unsigned odd, spaces;
        masks16(s + i, &odd, &spaces);
        unsigned k = odd ? (unsigned)__builtin_ctz(odd) : 16;
        spaces &= (1u << k) - 1;
        if ((spaces & (spaces >> 1)) || (space && (spaces & 1)))
            return 0; /* two spaces together, which folding makes one */
        if (k == 16) {
            space = (spaces >> 15) != 0;
            i += 16;
            continue;
        }
        bool before = k ? ((spaces >> (k - 1)) & 1) != 0 : space;
        unsigned char c = (unsigned char)s[i + k];
        if (c == '\n') {
            if (before)
                return 0; /* a blank at the end, which is trimmed */
            i += k;
            break;
        }
        if (c < 0x80)
            return 0; /* a tab, a carriage return, a control character */
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i + k, (utf8proc_ssize_t)(avail - i - k), &cp);
        if (n <= 0 || cp <= 0x9F || cp == 0x2028 || cp == 0x2029 || !keeps(set, cp))
            return 0; /* not UTF-8, a control character, or one folding changes */
        for (size_t t = 16; t < k + (size_t)n; t++) /* what the copy of the 16 bytes left */
            out[i + t] = s[i + t];
        extra += (size_t)n - 1;
        i += k + (size_t)n;
        space = false;
    }
    if (i > DECK_LINE_MAX_BYTES)
        return 0;
    for (; hashed + 16 <= i; hashed += 16)
        hash_16(&h, out + hashed);
    *hash = hash_end(h, out + hashed, i - hashed, i);
    out[i] = '\0';
    *chars = (int)(i - extra);
    return i;
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
    long n = fold_simple(set, text, len, *buf, chars);
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

static bool seen_grow(SeenSet *set)
{
    size_t cap = set->cap ? set->cap * 2 : 256;
    while (cap * 2 < 3 * set->expected)
        cap *= 2;
    if (cap > SIZE_MAX / sizeof(Seen))
        return false;
    Seen *slots = hugemem_alloc(cap * sizeof *slots);
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
    hugemem_free(set->slots, set->cap * sizeof *set->slots);
    set->slots = slots;
    set->cap = cap;
    return true;
}

/* Looks for the card pending among those in set, its keys made in
 * scratch's buffers when two hashes agree: the index + 1 of an earlier card
 * with the same key, or 0 with *slot where it would go; -1 without memory. */
static long seen_find(const SeenSet *set, SeenSet *scratch, const CardsSeen *cards, Pending pending, size_t *slot)
{
    const Card *card = deck_card_seen(cards, pending.card - 1);
    bool made = false;
    size_t key_len = 0;
    size_t j = pending.hash & (set->cap - 1);
    while (set->slots[j].card) {
        if (set->slots[j].hash == pending.hash) {
            const Card *earlier = deck_card_seen(cards, set->slots[j].card - 1);
            size_t other_len;
            int chars;
            if (!made && !key_into(scratch, &scratch->key, card->text, strlen(card->text), &chars, &key_len))
                return -1;
            made = true;
            if (!key_into(scratch, &scratch->other, earlier->text, strlen(earlier->text), &chars, &other_len))
                return -1;
            if (other_len == key_len && memcmp(scratch->other, scratch->key, key_len) == 0)
                return (long)set->slots[j].card;
        }
        j = (j + 1) & (set->cap - 1);
    }
    *slot = j;
    return 0;
}

long deck_seen_check(SeenSet *set, const CardsSeen *cards, Pending pending)
{
    if (set->used * 10 >= set->cap * 7 && !seen_grow(set))
        return -1;
    size_t slot;
    long found = seen_find(set, set, cards, pending, &slot);
    if (found == 0) {
        set->slots[slot] = pending;
        set->used++;
    }
    return found;
}

long deck_seen_find(const SeenSet *set, SeenSet *scratch, const CardsSeen *cards, Pending pending)
{
    size_t slot;
    return set->cap ? seen_find(set, scratch, cards, pending, &slot) : 0;
}

void deck_seen_free(SeenSet *set)
{
    hugemem_free(set->slots, set->cap * sizeof *set->slots);
    free(set->key);
    free(set->other);
    free(set->keeps);
}

const char *deck_seen_key(SeenSet *set, const char *text, size_t len, int *chars, size_t *key_len)
{
    return key_into(set, &set->key, text, len, chars, key_len);
}
