/* SPDX-License-Identifier: MIT */
/* The words of the phone page (assets/phone/phone.js), in the game's
 * language: the page asks for them (/words.json) and shows each English
 * phrase as the catalogue has it. Plain C, no SDL. */
#ifndef TIGHTROPE_PHONE_WORDS_H
#define TIGHTROPE_PHONE_WORDS_H

#include <stddef.h>

/* Every English phrase the page shows, marked for the catalogue. */
extern const char *const phone_words[];
extern const size_t phone_words_count;

/* {"lang":"ja","words":{"Join the game":"ゲームに参加",...}} in the
 * language shown now, as a new string (free it), or NULL without memory. */
char *phone_words_json(void);

#endif
