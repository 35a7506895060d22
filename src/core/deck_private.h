/* SPDX-License-Identifier: MIT */
/* What the deck files share: the report being filled (deck.c), the set of
 * card keys seen (deck_key.c); similarity is in deck_close.c. */
#ifndef TIGHTROPE_DECK_PRIVATE_H
#define TIGHTROPE_DECK_PRIVATE_H

#include <stdint.h>

#include "deck.h"

typedef struct {
    DeckReport *report;
    size_t first; /* index of this parse's first item: sorting stays inside it */
} Reporter;

/* Adds a problem with its argument (a string or a number, as the code's
 * format wants), keeping the file's order. */
void deck_report_add(Reporter *r, DeckProblemCode code, int line, int column, const char *arg_s, int arg_d);

/* Recognises files that are not UTF-8 text by their first bytes and says
 * what they look like (and how to save them as text); NULL otherwise. */
const char *deck_sniff_not_text(const unsigned char *d, size_t len);

/* The set of cards seen, for duplicates (deck_key.c). A slot holds a key's
 * hash and the card it belongs to; the keys are not kept: when two hashes
 * agree, the earlier card's key is made again from its text and compared.
 * A slot is 8 bytes, so the table of a deck of a million cards stays small
 * enough to be mostly in the cache. */
typedef struct {
    uint32_t hash;
    uint32_t card; /* index in the deck's cards + 1; 0 for an empty slot */
} Seen, Pending;

typedef struct {
    Seen *slots;
    size_t cap, used;
    char *key, *other; /* the key of the card being checked, of an earlier one */
    size_t key_cap;
    size_t expected;   /* cards the deck may hold, to size the table once */
} SeenSet;

/* The key of text (len bytes) in set->key (kept until the next call), or
 * NULL without memory; counts text's characters in *chars and the key's
 * bytes in *key_len. */
const char *deck_seen_key(SeenSet *set, const char *text, size_t len, int *chars, size_t *key_len);
/* The hash of a key of len bytes, eight bytes at a time. */
uint32_t deck_seen_hash(const char *key, size_t len);
/* Checks the card pending (its key's hash and index in cards): returns the
 * line of an earlier card with the same key, or 0 after adding it; -1
 * without memory. Uses both key buffers. */
int deck_seen_check(SeenSet *set, const Card *cards, Pending pending);
void deck_seen_free(SeenSet *set);

#endif
