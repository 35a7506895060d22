/* SPDX-License-Identifier: MIT */
/* Helpers for tests that play real games: the built-in decks and a
 * deterministic policy that chooses each action from the game alone. */
#ifndef TIGHTROPE_TESTPLAY_H
#define TIGHTROPE_TESTPLAY_H

#include <stddef.h>

#include "deck.h"
#include "game.h"

/* Loads the built-in decks from SOURCE_DIR/decks into decks (at least
 * KIND_COUNT slots) and returns how many, 0 on failure. */
size_t testplay_decks(Deck **decks);

void testplay_free_decks(Deck **decks, size_t count);

/* The names of the decks, for session_finish. */
void testplay_deck_names(Deck *const *decks, size_t count, const char **names);

/* A deterministic choice from the game as it stands (the same game always
 * gives the same action): one of game_actions, or now and then an own goal
 * (CUSTOM, its text in buf). */
Action testplay_choose(const Game *game, char *buf, size_t size);

#endif
