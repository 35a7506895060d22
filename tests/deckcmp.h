/* SPDX-License-Identifier: MIT */
/* Comparing two readings of one deck (tests and the deck fuzzer). */
#ifndef TIGHTROPE_DECKCMP_H
#define TIGHTROPE_DECKCMP_H

#include "deck.h"

/* The first difference between deck a with its report ra and deck b with
 * rb, in words, in buf (size bytes), or NULL when they are the same: every
 * card's every field, every problem's code, line, column and message, and
 * the report's counts. */
const char *deckcmp(const Deck *a, const DeckReport *ra, const Deck *b, const DeckReport *rb, char *buf,
                    size_t size);

#endif
