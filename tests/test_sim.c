/* SPDX-License-Identifier: MIT */
/* The simulator and its invariant checker: tens of thousands of seeded games
 * with every rule checked after every action, the policies' figures on the
 * built-in decks, determinism, and the result line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "game.h"
#include "rng.h"
#include "sim.h"

enum { KINDS = KIND_COUNT };

static const char *const builtin_files[KINDS] = {"sharing.deck", "planning.deck", "solo.deck", "support.deck",
                                                 "rebalance.deck"};
static Deck *builtin[KINDS];

/* Tiny piles with all sorts of weights, so that piles run out and reshuffle,
 * levels fall back, and rebalances chain. */
static const char *const tiny[KINDS] = {
    "deck: T\nkind: sharing\nS1\n    weight: 3\nS1b\n    weight: -3\nlevel: 3\nS3\nS3b\n    weight: 2\n",
    "deck: P\nkind: planning\nP1\nP2\n    weight: 3\nP3\n    weight: -1\nP4\n    weight: 0\n",
    "deck: O\nkind: solo\nO1\nO2\n    weight: -1\nO3\n    weight: 1\n",
    "deck: U\nkind: support\nU1\n    weight: 3\nU2\n    weight: -2\n",
    "deck: R\nkind: rebalance\nEither\nweight: 1\nR+\nweight: -2\nR-\n",
};
static Deck *small[KINDS];

static int setup(void **state)
{
    (void)state;
    for (int k = 0; k < KINDS; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/decks/%s", SOURCE_DIR, builtin_files[k]);
        DeckReport report = {0};
        builtin[k] = deck_load(path, &report);
        deck_report_free(&report);
        small[k] = deck_parse(tiny[k], strlen(tiny[k]), &report);
        deck_report_free(&report);
        if (!builtin[k] || !small[k])
            return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int k = 0; k < KINDS; k++) {
        deck_free(builtin[k]);
        deck_free(small[k]);
    }
    return 0;
}

static SimResult run_ok(const SimOptions *opt, Deck *const *decks)
{
    SimResult r;
    char err[512] = "";
    bool ok = sim_run(opt, (const Deck *const *)decks, KINDS, &r, err, sizeof err);
    if (!ok)
        print_error("sim_run: %s\n", err);
    assert_true(ok);
    assert_int_equal(r.games, opt->games);
    return r;
}

static double percent(const SimResult *r)
{
    return 100.0 * (double)r->steady_rounds / (double)r->rounds;
}

static void test_ten_thousand_random_games(void **state)
{
    (void)state;
    SimOptions opt = {.games = 10000, .seed = 1, .policy = SIM_RANDOM};
    SimResult r = run_ok(&opt, builtin);
    assert_int_equal(r.rounds, 30000);
    assert_true(r.actions > 30000 * 11);
    assert_true(r.rebalances > 0 && r.passes > 0 && r.redraws > 0);
    /* The built-in decks: random choices end roughly half the rounds steady. */
    assert_true(percent(&r) >= 35.0 && percent(&r) <= 70.0);
}

static void test_steady_policy_on_builtin_decks(void **state)
{
    (void)state;
    SimOptions opt = {.games = 3000, .seed = 2, .policy = SIM_STEADY};
    SimResult r = run_ok(&opt, builtin);
    assert_true(percent(&r) >= 95.0);
}

/* Both answer: the checker follows the listener's answers, and the rope
 * plays out exactly as with one answer a card (the same stars, rebalances
 * and passes), with one more action for each sharing card without a
 * follow-up question (those have the listener's turn either way). */
static void test_both_answer_same_figures(void **state)
{
    (void)state;
    for (int policy = 0; policy < SIM_POLICY_COUNT; policy++) {
        SimOptions one = {.games = 2000, .seed = 5, .policy = (SimPolicy)policy}, both = one;
        both.both_answer = true;
        SimResult a = run_ok(&one, builtin), b = run_ok(&both, builtin);
        assert_int_equal(b.rounds, a.rounds);
        assert_int_equal(b.steady_rounds, a.steady_rounds);
        assert_int_equal(b.rebalances, a.rebalances);
        assert_int_equal(b.passes, a.passes);
        /* One answer a card: the listener still asks a follow-up question. */
        assert_true(b.actions > a.actions && b.actions < a.actions + 2 * a.rounds);
        assert_true(b.checksum != a.checksum);
    }
}

/* Two threads play the same games as one: the same figures and the same
 * checksum, the games' hashes folded in order. */
static void test_two_threads_same_figures(void **state)
{
    (void)state;
    for (uint64_t games = 1; games <= 601; games += 300) {
        SimOptions one = {.games = games, .seed = 11, .policy = SIM_STEADY, .threads = 1}, two = one;
        two.threads = 2;
        SimResult a = run_ok(&one, builtin), b = run_ok(&two, builtin);
        assert_memory_equal(&a, &b, sizeof a);
    }
}

static void test_tiny_decks_every_round_count(void **state)
{
    (void)state;
    for (int rounds = 1; rounds <= 7; rounds++) {
        for (int policy = 0; policy < SIM_POLICY_COUNT; policy++) {
            SimOptions opt = {.games = 1500, .seed = (uint64_t)rounds, .policy = (SimPolicy)policy, .rounds = rounds};
            SimResult r = run_ok(&opt, small);
            assert_int_equal(r.rounds, 1500u * (unsigned)rounds);
        }
    }
}

static void test_same_arguments_same_figures(void **state)
{
    (void)state;
    SimOptions opt = {.games = 500, .seed = 42, .policy = SIM_RANDOM};
    SimResult a = run_ok(&opt, builtin), b = run_ok(&opt, builtin);
    assert_memory_equal(&a, &b, sizeof a);
    opt.seed = 43;
    SimResult c = run_ok(&opt, builtin);
    assert_true(c.checksum != a.checksum);
    opt.policy = SIM_STEADY;
    SimResult d = run_ok(&opt, builtin), e = run_ok(&opt, builtin);
    assert_memory_equal(&d, &e, sizeof d);
    assert_true(d.checksum != c.checksum);
}

static void test_result_line(void **state)
{
    (void)state;
    SimResult r = {.games = 10000,
                   .actions = 382426,
                   .rounds = 30000,
                   .steady_rounds = 18000,
                   .rebalances = 15344,
                   .passes = 31224,
                   .checksum = 0x147c6ff2ab9c52afull};
    char line[SIM_LINE_MAX];
    sim_format(&r, line, sizeof line);
    assert_string_equal(line,
                        "games=10000 actions=382426 steady=60.0% rebalances=15344 passes=31224 checksum=147c6ff2ab9c52af");
    r.rounds = 3;
    r.steady_rounds = 2; /* 66.67 */
    r.checksum = 0xAB;
    sim_format(&r, line, sizeof line);
    assert_string_equal(line, "games=10000 actions=382426 steady=66.7% rebalances=15344 passes=31224 "
                              "checksum=00000000000000ab");
    r.rounds = 0; /* no rounds: 0% rather than a division by zero */
    sim_format(&r, line, sizeof line);
    assert_non_null(strstr(line, "steady=0.0%"));
}

static void test_refused_decks(void **state)
{
    (void)state;
    SimOptions opt = {.games = 10};
    SimResult r;
    char err[512];
    assert_false(sim_run(&opt, (const Deck *const *)builtin, KINDS - 1, &r, err, sizeof err));
    assert_string_equal(err,
                        "no rebalance cards are in play; a game needs sharing, planning, solo, support and rebalance cards");
}

static void test_policies(void **state)
{
    (void)state;
    SimPolicy p;
    assert_true(sim_policy_parse("random", &p) && p == SIM_RANDOM);
    assert_true(sim_policy_parse("steady", &p) && p == SIM_STEADY);
    assert_false(sim_policy_parse("Steady", &p));
    assert_false(sim_policy_parse("", &p));
    assert_false(sim_policy_parse(NULL, &p));
    assert_string_equal(sim_policy_name(SIM_RANDOM), "random");
    assert_string_equal(sim_policy_name(SIM_STEADY), "steady");
    assert_string_equal(sim_policy_name(SIM_POLICY_COUNT), "?");
    /* sim_choose always picks something game_apply accepts, and random never
     * writes an own goal. */
    for (int policy = 0; policy < SIM_POLICY_COUNT; policy++) {
        Game *game;
        char err[256];
        assert_int_equal(game_new(NULL, (const Deck *const *)builtin, KINDS, 5, &game, err, sizeof err), GAME_OK);
        Rng rng;
        rng_seed(&rng, 5);
        GameView v;
        game_view(game, &v);
        while (v.phase != PHASE_OVER) {
            Action a = sim_choose(game, (SimPolicy)policy, &rng);
            if (policy == SIM_RANDOM)
                assert_true(a.type != ACTION_CUSTOM);
            assert_int_equal(game_apply(game, a), GAME_OK);
            game_view(game, &v);
        }
        game_free(game);
    }
}

/* A driver of its own, with own goals, checked step by step. */
static void test_checker_with_own_goals(void **state)
{
    (void)state;
    Game *game;
    char err[256];
    assert_int_equal(game_new(&(GameOptions){.rounds = 7, .needs = {NEED_CLOSER, NEED_CLOSER}},
                              (const Deck *const *)small, KINDS, 9, &game, err, sizeof err),
                     GAME_OK);
    SimCheck *check = sim_check_new(game);
    assert_non_null(check);
    Rng rng;
    rng_seed(&rng, 9);
    for (int g = 0; g < 300; g++) {
        game_restart(game, (uint64_t)g);
        assert_true(sim_check_begin(check, game, err, sizeof err));
        GameView v;
        game_view(game, &v);
        while (v.phase != PHASE_OVER) {
            Action a = sim_choose(game, SIM_RANDOM, &rng);
            if ((v.allowed & 1u << ACTION_CUSTOM) && rng_below(&rng, 2))
                a = (Action){.type = ACTION_CUSTOM, .text = "Paint the door blue"};
            assert_int_equal(game_apply(game, a), GAME_OK);
            bool fine = sim_check_step(check, game, a, err, sizeof err);
            if (!fine)
                print_error("%s\n", err);
            assert_true(fine);
            game_view(game, &v);
        }
        bool ended = sim_check_end(check, game, err, sizeof err);
        if (!ended)
            print_error("%s\n", err);
        assert_true(ended);
    }
    sim_check_free(check);
    game_free(game);
}

/* ---- support that fits the goal ---- */

static Deck *load_fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", SOURCE_DIR, name);
    DeckReport report = {0};
    Deck *deck = deck_load(path, &report);
    if (report.count)
        print_error("%s:%d: %s\n", name, report.items[0].line, report.items[0].message);
    assert_int_equal(report.count, 0);
    deck_report_free(&report);
    assert_non_null(deck);
    return deck;
}

/* Plays games on decks, own goals (of every place) a third of the time,
 * every action checked by the simulator's checker, and checks on its own
 * that each support card dealt fits its goal. Returns the support cards
 * dealt that fit their goal by name. */
static long play_fitting(Deck *const *decks, int games, uint64_t seed, long dealt_by_id[], size_t ids)
{
    Game *game;
    char err[256];
    assert_int_equal(game_new(&(GameOptions){.rounds = 7}, (const Deck *const *)decks, KINDS, seed, &game, err, sizeof err),
                     GAME_OK);
    SimCheck *check = sim_check_new(game);
    assert_non_null(check);
    Rng rng;
    rng_seed(&rng, seed);
    long specific = 0;
    for (int g = 0; g < games; g++) {
        game_restart(game, seed + (uint64_t)g);
        assert_true(sim_check_begin(check, game, err, sizeof err));
        GameView v;
        game_view(game, &v);
        while (v.phase != PHASE_OVER) {
            if (v.phase == PHASE_SUPPORT_PICK) {
                assert_int_equal(v.card_count, 2);
                for (int i = 0; i < 2; i++) {
                    const GameCard *c = &v.cards[i];
                    if (!deck_support_fits(c->fit, v.held.fit))
                        print_error("\"%s\" (%#x) dealt for \"%s\" (%#x)\n", c->text, c->fit, v.held.text, v.held.fit);
                    assert_true(deck_support_fits(c->fit, v.held.fit));
                    if (v.held.fit & DECK_FIT_PRIVATE)
                        assert_false(c->fit & DECK_FIT_SHAREABLE);
                    specific += c->fit != 0;
                    if ((size_t)c->id < ids)
                        dealt_by_id[c->id]++;
                }
            }
            Action list[GAME_DAYS + 1];
            size_t n = game_actions(game, list, GAME_DAYS + 1);
            Action a = list[rng_below(&rng, (uint32_t)n)];
            if ((v.allowed & 1u << ACTION_CUSTOM) && rng_below(&rng, 3) == 0)
                a = (Action){.type = ACTION_CUSTOM, .index = (int)rng_below(&rng, GOAL_WHERE_COUNT), .text = "My own"};
            assert_int_equal(game_apply(game, a), GAME_OK);
            bool fine = sim_check_step(check, game, a, err, sizeof err);
            if (!fine)
                print_error("%s\n", err);
            assert_true(fine);
            game_view(game, &v);
        }
        assert_true(sim_check_end(check, game, err, sizeof err));
    }
    sim_check_free(check);
    game_free(game);
    return specific;
}

/* 10,000 games of 7 rounds on decks with places, traits and suits: no
 * support card is dealt that does not fit its goal, a private goal never
 * gets one that asks for something shareable, and every support card is
 * dealt (none starves for being specific). */
static void test_ten_thousand_games_fitting_support(void **state)
{
    (void)state;
    Deck *decks[KINDS];
    for (int k = 0; k < KINDS; k++)
        decks[k] = builtin[k];
    decks[KIND_SOLO] = load_fixture("fit-solo.deck");
    decks[KIND_SUPPORT] = load_fixture("fit-support.deck");
    long dealt[4096] = {0};
    long specific = play_fitting(decks, 10000, 77, dealt, sizeof dealt / sizeof *dealt);
    assert_true(specific > 10000);
    Game *game;
    char err[256];
    assert_int_equal(game_new(NULL, (const Deck *const *)decks, KINDS, 1, &game, err, sizeof err), GAME_OK);
    int support_cards = 0;
    for (size_t id = 0; id < game_card_count(game); id++) {
        GameCard c;
        assert_true(game_card(game, (int)id, &c));
        if (c.kind != KIND_SUPPORT)
            continue;
        support_cards++;
        if (dealt[id] == 0)
            print_error("support card \"%s\" was never dealt\n", c.text);
        assert_true(dealt[id] > 0);
    }
    assert_int_equal(support_cards, 12);
    game_free(game);
    /* The same over 10,000 games of the built-in decks, whatever keys they have. */
    memset(dealt, 0, sizeof dealt);
    play_fitting(builtin, 10000, 78, dealt, sizeof dealt / sizeof *dealt);
    /* And --simulate's own figures on them: its checker checks the same. */
    SimOptions opt = {.games = 10000, .seed = 3};
    SimResult r;
    assert_true(sim_run(&opt, (const Deck *const *)decks, KINDS, &r, err, sizeof err));
    opt.policy = SIM_STEADY;
    assert_true(sim_run(&opt, (const Deck *const *)decks, KINDS, &r, err, sizeof err));
    deck_free(decks[KIND_SOLO]);
    deck_free(decks[KIND_SUPPORT]);
}

/* The checker is not a rubber stamp: told the wrong story, it objects. */
static void test_checker_objects(void **state)
{
    (void)state;
    Game *game;
    char err[256];
    assert_int_equal(game_new(NULL, (const Deck *const *)small, KINDS, 3, &game, err, sizeof err), GAME_OK);
    SimCheck *check = sim_check_new(game);
    assert_true(sim_check_begin(check, game, err, sizeof err));
    /* Applied DONE (a level 1 card weighs +3 or -3), reported PASS. */
    assert_int_equal(game_apply(game, (Action){.type = ACTION_DONE}), GAME_OK);
    assert_false(sim_check_step(check, game, (Action){.type = ACTION_PASS}, err, sizeof err));
    assert_non_null(strstr(err, "pass in sharing moved the balance from 0 to "));
    /* Two actions applied, one reported: the game is not where it should be. */
    game_restart(game, 4);
    assert_true(sim_check_begin(check, game, err, sizeof err));
    assert_int_equal(game_apply(game, (Action){.type = ACTION_PASS}), GAME_OK);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_PASS}), GAME_OK);
    assert_false(sim_check_step(check, game, (Action){.type = ACTION_PASS}, err, sizeof err));
    assert_string_equal(err, "partner 0 has used 2 passes; expected 1");
    /* Ending early is caught. */
    game_restart(game, 5);
    assert_true(sim_check_begin(check, game, err, sizeof err));
    assert_false(sim_check_end(check, game, err, sizeof err));
    assert_string_equal(err, "the game is not over");
    sim_check_free(check);
    game_free(game);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_thousand_random_games),
        cmocka_unit_test(test_steady_policy_on_builtin_decks),
        cmocka_unit_test(test_both_answer_same_figures),
        cmocka_unit_test(test_tiny_decks_every_round_count),
        cmocka_unit_test(test_same_arguments_same_figures),
        cmocka_unit_test(test_result_line),
        cmocka_unit_test(test_refused_decks),
        cmocka_unit_test(test_policies),
        cmocka_unit_test(test_checker_with_own_goals),
        cmocka_unit_test(test_checker_objects),
        cmocka_unit_test(test_two_threads_same_figures),
        cmocka_unit_test(test_ten_thousand_games_fitting_support),
    };
    return cmocka_run_group_tests_name("simulate", tests, setup, teardown);
}
