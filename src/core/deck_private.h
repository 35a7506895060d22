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

typedef struct {
    size_t key;    /* where its card key starts in SeenSet.keys */
    uint32_t hash;
    int line;      /* 0 for an empty slot */
} Seen;

/* The keys live one after another in one block: a deck of a million cards
 * makes no million small allocations to free again. */
typedef struct {
    Seen *slots;
    size_t cap, used;
    char *keys;
    size_t keys_len, keys_cap;
    size_t expected; /* cards the deck may hold, to size the table once */
} SeenSet;

/* Returns the line of an earlier card with the same key, or 0 after adding
 * this one. Frees key. */
int deck_seen_check(SeenSet *set, char *key, int line);
void deck_seen_free(SeenSet *set);

#endif
