/* SPDX-License-Identifier: MIT */
/* Card keys (the text folded for comparing) and the set of keys seen, for
 * duplicate cards. */
#include "deck_private.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

char *deck_card_key(const char *s)
{
    /* Most text folds by lowering its ASCII capitals: done in one pass. */
    size_t len = strlen(s);
    char *key = malloc(len + 1);
    if (!key)
        return NULL;
    char *w = key;
    bool space = true;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == ' ' || c == '\t' || c == '\n') {
                if (!space)
                    *w++ = ' ';
                space = true;
            } else {
                *w++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                space = false;
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || !fold_keeps(cp))
            goto full;
        memcpy(w, s + i, (size_t)n);
        w += n;
        i += (size_t)n;
        space = false;
    }
    if (w > key && w[-1] == ' ')
        w--;
    *w = '\0';
    return key;

full:
    free(key);
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0)
        return strdup(s);
    collapse_space((char *)out);
    return (char *)out;
}

/* ---- the set of cards seen, for duplicates ---- */


/* Returns the line of an earlier card with the same key, or 0 after adding
 * this one. Frees key. */
int deck_seen_check(SeenSet *set, char *key, int line)
{
    size_t len = strlen(key) + 1;
    if (set->used * 2 >= set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        while (cap < 2 * set->expected)
            cap *= 2;
        Seen *slots = calloc(cap, sizeof *slots);
        if (!slots) {
            free(key);
            return 0;
        }
        for (size_t i = 0; i < set->cap; i++) {
            if (!set->slots[i].line)
                continue;
            size_t j = set->slots[i].hash & (cap - 1);
            while (slots[j].line)
                j = (j + 1) & (cap - 1);
            slots[j] = set->slots[i];
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    uint32_t h = (uint32_t)utext_fnv1a(UTEXT_FNV_BASIS, key, len - 1);
    size_t j = h & (set->cap - 1);
    while (set->slots[j].line) {
        if (set->slots[j].hash == h && strcmp(set->keys + set->slots[j].key, key) == 0) {
            free(key);
            return set->slots[j].line;
        }
        j = (j + 1) & (set->cap - 1);
    }
    if (set->keys_len + len > set->keys_cap) {
        size_t cap = set->keys_cap ? set->keys_cap : 4096;
        while (cap < set->keys_len + len)
            cap *= 2;
        char *keys = realloc(set->keys, cap);
        if (!keys) {
            free(key);
            return 0;
        }
        set->keys = keys;
        set->keys_cap = cap;
    }
    memcpy(set->keys + set->keys_len, key, len);
    free(key);
    set->slots[j] = (Seen){set->keys_len, h, line};
    set->keys_len += len;
    set->used++;
    return 0;
}

void deck_seen_free(SeenSet *set)
{
    free(set->slots);
    free(set->keys);
}

