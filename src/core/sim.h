/* SPDX-License-Identifier: MIT */
/* The headless simulator behind `tightrope --simulate`: plays many seeded
 * games with a policy and checks the rules' invariants after every action,
 * so deck authors can see how their weights play out. */
#ifndef TIGHTROPE_SIM_H
#define TIGHTROPE_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deck.h"
#include "game.h"
#include "rng.h"

enum {
    SIM_GAMES_MAX = 1000000, /* games in one run */
    SIM_LINE_MAX = 160       /* room for the result line */
};

typedef enum {
    SIM_RANDOM, /* uniform among the allowed actions, never an own goal */
    SIM_STEADY, /* whatever keeps the balance nearest the middle */
    SIM_POLICY_COUNT
} SimPolicy;

/* A zeroed struct means 1 game, seed 0, the random policy, 3 rounds. */
typedef struct {
    uint64_t games;
    uint64_t seed;
    SimPolicy policy;
    int rounds;      /* 0: the game's default */
    bool both_answer; /* the listener answers each sharing card too (GameOptions.both_answer) */
    int threads;     /* 0: two where there are two processors (and 200 games or more); 1: one */
} SimOptions;

typedef struct {
    uint64_t games, actions, rounds, steady_rounds, rebalances, passes, redraws;
    uint64_t checksum; /* covers every final state, in order */
} SimResult;

/* Plays opt->games games on decks. Returns true and fills *result; returns
 * false with a message in err when the decks cannot make a game or a rule's
 * invariant broke (naming the game's seed and the action). */
bool sim_run(const SimOptions *opt, const Deck *const *decks, size_t deck_count, SimResult *result, char *err,
             size_t errlen);

/* Writes "games=N actions=A steady=P% rebalances=R passes=Q checksum=HEX"
 * into buf (SIM_LINE_MAX is enough). Returns what snprintf returns. */
int sim_format(const SimResult *result, char *buf, size_t len);

/* "random" or "steady". */
bool sim_policy_parse(const char *name, SimPolicy *out);
const char *sim_policy_name(SimPolicy policy);

/* Chooses the next action for game by policy, drawing on rng (the
 * simulator's own, never the game's). The game must not be over. */
Action sim_choose(const Game *game, SimPolicy policy, Rng *rng);

/* The invariant checker, for any driver of a game (the tests use it too).
 * Call sim_check_begin after game_new or game_restart, sim_check_step after
 * every action game_apply accepted, and sim_check_end once the game is over.
 * Each returns false with what broke in err. */
typedef struct SimCheck SimCheck;

/* Returns a checker for games with game's cards (NULL when out of memory);
 * free it with sim_check_free. */
SimCheck *sim_check_new(const Game *game);
void sim_check_free(SimCheck *check);
bool sim_check_begin(SimCheck *check, const Game *game, char *err, size_t errlen);
bool sim_check_step(SimCheck *check, const Game *game, Action action, char *err, size_t errlen);
/* sim_check_step with the game's view after the action, made already. */
bool sim_check_viewed(SimCheck *check, const GameView *view, Action action, char *err, size_t errlen);
bool sim_check_end(SimCheck *check, const Game *game, char *err, size_t errlen);

#endif
