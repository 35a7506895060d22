/* SPDX-License-Identifier: MIT */
/* The values of a deck's keys that take more than a word: weights, levels
 * (by number or by the names `levels:` gives), language tags and the
 * list of level names. Plain C. */
#include "deck_private.h"

#include "utext.h"

#include <stdlib.h>
#include <string.h>

bool deck_parse_weight(const char *s, size_t len, int *out)
{
    size_t i = 0;
    int sign = 1;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    if (i == len || len - i > 3)
        return false;
    int v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    v *= sign;
    if (v < DECK_WEIGHT_MIN || v > DECK_WEIGHT_MAX)
        return false;
    *out = v;
    return true;
}

static bool names_equal(const char *a, size_t alen, const char *b)
{
    char *x = utext_dup_range(a, alen);
    if (!x)
        return false;
    char *nx = deck_card_key(x), *ny = deck_card_key(b);
    bool eq = nx && ny && strcmp(nx, ny) == 0;
    free(x);
    free(nx);
    free(ny);
    return eq;
}

bool deck_parse_level(const Deck *deck, const char *s, size_t len, int *out)
{
    if (len == 1 && s[0] >= '1' && s[0] <= '0' + DECK_LEVELS) {
        *out = s[0] - '0';
        return true;
    }
    for (int i = 0; i < DECK_LEVELS; i++) {
        if (deck->level_names[i] && names_equal(s, len, deck->level_names[i])) {
            *out = i + 1;
            return true;
        }
    }
    return false;
}

/* A BCP 47 tag, by shape: a 2-3 letter language (or x/i), then subtags of
 * 1-8 letters or digits, joined by hyphens. */
bool deck_language_valid(const char *s, size_t len)
{
    size_t i = 0, part = 0;
    while (i <= len) {
        size_t start = i;
        while (i < len && s[i] != '-') {
            char c = s[i];
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && !(c >= '0' && c <= '9' && part > 0))
                return false;
            i++;
        }
        size_t n = i - start;
        if (part == 0 ? !(n == 2 || n == 3 || (n == 1 && (s[start] == 'x' || s[start] == 'i'))) : (n < 1 || n > 8))
            return false;
        part++;
        i++;
    }
    return true;
}

bool deck_set_level_names(Deck *deck, const char *s, size_t len)
{
    const char *end = s + len;
    int n = 0;
    while (s <= end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        const char *name = s;
        size_t nlen = (size_t)(stop - s);
        utext_trim(&name, &nlen);
        if (nlen == 0 || n == DECK_LEVELS)
            return false;
        deck->level_names[n++] = utext_dup_range(name, nlen);
        s = stop + 1;
    }
    return true;
}
