/* SPDX-License-Identifier: MIT */
/* Helpers for tests that play real games: built-in decks and a policy. */
#include "testplay.h"

#include <stdio.h>

#include "rng.h"

size_t testplay_decks(Deck **decks)
{
    static const char *const files[] = {"sharing", "planning", "solo", "support", "rebalance"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/decks/%s.deck", SOURCE_DIR, files[i]);
        DeckReport report = {0};
        Deck *deck = deck_load(path, &report);
        deck_report_free(&report);
        if (!deck) {
            testplay_free_decks(decks, n);
            return 0;
        }
        decks[n++] = deck;
    }
    return n;
}

void testplay_free_decks(Deck **decks, size_t count)
{
    for (size_t i = 0; i < count; i++)
        deck_free(decks[i]);
}

void testplay_deck_names(Deck *const *decks, size_t count, const char **names)
{
    for (size_t i = 0; i < count; i++)
        names[i] = decks[i]->name;
}

Action testplay_choose(const Game *game, char *buf, size_t size)
{
    Rng rng;
    rng_seed(&rng, game_hash(game));
    GameView view;
    game_view(game, &view);
    if ((view.allowed & 1u << ACTION_CUSTOM) && rng_below(&rng, 4) == 0) {
        snprintf(buf, size, "Our own goal, number %u; with a comma", (unsigned)rng_below(&rng, 1000));
        return (Action){.type = ACTION_CUSTOM, .text = buf};
    }
    Action actions[GAME_DAYS + 4];
    size_t n = game_actions(game, actions, sizeof actions / sizeof *actions);
    if (n == 0)
        return (Action){.type = ACTION_DONE};
    return actions[rng_below(&rng, (uint32_t)n)];
}
