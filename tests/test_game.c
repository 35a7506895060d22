/* SPDX-License-Identifier: MIT */
/* The game engine's rules, each with its exact numbers: setup and its
 * refusals, the order of a round, passes, the redraw, goals, days and times,
 * weights, rebalances, stars, the summary, and determinism. */
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

/* ---- decks made in memory ---- */

enum { KINDS = KIND_COUNT };

/* Neutral decks: every card weighs 0 except rebalance cards (±2), so the
 * balance moves only where a test gives weights of its own. */
static const char *const neutral[KINDS] = {
    "deck: Talk\nkind: sharing\nweight: 0\nlevel: 1\nS1a\nS1b\nS1c\nlevel: 2\nS2a\nS2b\nS2c\nlevel: 3\nS3a\nS3b\nS3c\n",
    "deck: Plans\nkind: planning\nweight: 0\nP1\nP2\nP3\nP4\nP5\nP6\nP7\n",
    "deck: Mine\nkind: solo\nweight: 0\nO1\nO2\nO3\nO4\nO5\n",
    "deck: Help\nkind: support\nweight: 0\nU1\nU2\nU3\nU4\nU5\n",
    "deck: Steady\nkind: rebalance\nweight: 2\nRplusA\nRplusB\nweight: -2\nRminusA\nRminusB\n",
};

static Deck *parse(const char *text)
{
    DeckReport report = {0};
    Deck *deck = deck_parse(text, strlen(text), &report);
    if (!deck)
        for (size_t i = 0; i < report.count; i++)
            print_error("deck line %d: %s\n", report.items[i].line, report.items[i].message);
    deck_report_free(&report);
    assert_non_null(deck);
    return deck;
}

/* A game from the neutral decks, with any kind's text replaced (NULL entries
 * keep the neutral deck; "" leaves the kind out). The decks are freed before
 * returning: the game must not need them. */
static Game *make(const GameOptions *opt, uint64_t seed, const char *const *texts, GameError *error, char *err,
                  size_t errlen)
{
    Deck *decks[KINDS];
    size_t n = 0;
    for (int k = 0; k < KINDS; k++) {
        const char *text = texts && texts[k] ? texts[k] : neutral[k];
        if (*text)
            decks[n++] = parse(text);
    }
    Game *game = NULL;
    char local[256];
    GameError e = game_new(opt, (const Deck *const *)decks, n, seed, &game, err ? err : local,
                           err ? errlen : sizeof local);
    for (size_t i = 0; i < n; i++)
        deck_free(decks[i]);
    if (error)
        *error = e;
    return game;
}

static Game *make_ok(const GameOptions *opt, uint64_t seed, const char *const *texts)
{
    char err[256] = "";
    GameError e;
    Game *game = make(opt, seed, texts, &e, err, sizeof err);
    if (e != GAME_OK)
        print_error("game_new: %s\n", err);
    assert_int_equal(e, GAME_OK);
    assert_non_null(game);
    return game;
}

static GameView view_of(const Game *game)
{
    GameView v;
    game_view(game, &v);
    return v;
}

static void act(Game *game, ActionType type, int index)
{
    GameError e = game_apply(game, (Action){.type = type, .index = index});
    if (e != GAME_OK)
        print_error("%s %d in %s: %s\n", game_action_name(type), index, game_phase_name(view_of(game).phase),
                    game_error_message(e));
    assert_int_equal(e, GAME_OK);
}

static void custom(Game *game, const char *text)
{
    assert_int_equal(game_apply(game, (Action){.type = ACTION_CUSTOM, .text = text}), GAME_OK);
}

/* A refused action leaves the game exactly as it was, save bytes and all. */
static void refused(Game *game, Action action, GameError expect, const char *message)
{
    char *before, *after;
    size_t before_len, after_len;
    assert_int_equal(game_save(game, &before, &before_len), GAME_OK);
    assert_int_equal(game_apply(game, action), expect);
    assert_string_equal(game_error_message(expect), message);
    assert_int_equal(game_save(game, &after, &after_len), GAME_OK);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

/* Plays the current round's remaining moments with the first choice each
 * time (DONE, PICK 0, the first day and time free), rebalances included. */
static void finish_round(Game *game)
{
    int round = view_of(game).round;
    for (;;) {
        GameView v = view_of(game);
        if (v.phase == PHASE_OVER || v.round != round)
            return;
        Action first[GAME_DAYS + 1];
        switch (v.phase) {
        case PHASE_SHARING:
            act(game, ACTION_DONE, 0);
            break;
        case PHASE_PLAN_DAY:
        case PHASE_SOLO_DAY:
        case PHASE_PLAN_TIME:
            /* The first day or time not taken by another plan. */
            assert_true(game_actions(game, first, GAME_DAYS + 1) > 0);
            act(game, first[0].type, first[0].index);
            break;
        default:
            act(game, ACTION_PICK, 0);
            break;
        }
    }
}

static void finish_game(Game *game)
{
    while (view_of(game).phase != PHASE_OVER)
        finish_round(game);
}

/* ---- setup ---- */

static void test_defaults(void **state)
{
    (void)state;
    GameOptions zero = {0};
    Game *game = make_ok(&zero, 1, NULL);
    GameView v = view_of(game);
    assert_string_equal(v.names[0], "Player 1");
    assert_string_equal(v.names[1], "Player 2");
    assert_int_equal(v.rounds, 3);
    assert_int_equal(v.round, 1);
    assert_int_equal(v.middle, 0);
    assert_int_equal(v.balance, 0);
    assert_int_equal(v.stars, 0);
    assert_int_equal(v.timer_minutes, 0);
    assert_int_equal(v.passes_used[0], 0);
    assert_int_equal(v.passes_used[1], 0);
    assert_int_equal(v.slots_taken, 0);
    assert_int_equal(v.plan_days, 0);
    assert_int_equal(v.redraws_left, 1);
    assert_int_equal(v.phase, PHASE_SHARING);
    assert_int_equal(v.turn, 0);
    assert_false(v.together);
    assert_int_equal(v.card_count, 1);
    assert_int_equal(v.cards[0].kind, KIND_SHARING);
    assert_int_equal(v.allowed, 1u << ACTION_DONE | 1u << ACTION_PASS);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.needs[0], NEED_BALANCED);
    assert_int_equal(s.needs[1], NEED_BALANCED);
    /* NULL options are the same game. */
    Game *same = make_ok(NULL, 1, NULL);
    assert_true(game_hash(game) == game_hash(same));
    game_free(same);
    game_free(game);
    assert_int_equal(GAME_ROUNDS_DEFAULT, 3);
}

static void test_rounds_range(void **state)
{
    (void)state;
    int ok[] = {1, 2, 7};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        GameOptions opt = {.rounds = ok[i]};
        Game *game = make_ok(&opt, 1, NULL);
        assert_int_equal(view_of(game).rounds, ok[i]);
        game_free(game);
    }
    int bad[] = {-1, 8, 100};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        GameOptions opt = {.rounds = bad[i]};
        char err[256];
        GameError e;
        Game *game = make(&opt, 1, NULL, &e, err, sizeof err);
        assert_null(game);
        assert_int_equal(e, GAME_E_ROUNDS);
        assert_string_equal(err, "a game has 1 to 7 rounds");
    }
}

static void test_middle_from_needs(void **state)
{
    (void)state;
    static const struct {
        Need a, b;
        int middle;
    } cases[] = {
        {NEED_BALANCED, NEED_BALANCED, 0}, {NEED_CLOSER, NEED_BALANCED, 1}, {NEED_BALANCED, NEED_CLOSER, 1},
        {NEED_CLOSER, NEED_CLOSER, 2},     {NEED_SPACE, NEED_BALANCED, -1}, {NEED_SPACE, NEED_SPACE, -2},
        {NEED_CLOSER, NEED_SPACE, 0},      {NEED_SPACE, NEED_CLOSER, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        GameOptions opt = {.needs = {cases[i].a, cases[i].b}};
        Game *game = make_ok(&opt, 1, NULL);
        GameView v = view_of(game);
        assert_int_equal(v.middle, cases[i].middle);
        assert_int_equal(v.balance, cases[i].middle); /* the walker starts in the middle */
        game_free(game);
    }
    GameOptions opt = {.needs = {NEED_COUNT, NEED_BALANCED}};
    char err[256];
    GameError e;
    assert_null(make(&opt, 1, NULL, &e, err, sizeof err));
    assert_int_equal(e, GAME_E_NEED);
    assert_string_equal(err, "a need is closer, balanced or space");
    Need need;
    assert_true(game_need_parse("closer", &need) && need == NEED_CLOSER);
    assert_true(game_need_parse("space", &need) && need == NEED_SPACE);
    assert_true(game_need_parse("balanced", &need) && need == NEED_BALANCED);
    assert_false(game_need_parse("Closer", &need));
    assert_false(game_need_parse(NULL, &need));
}

static void test_timer_hint(void **state)
{
    (void)state;
    for (int m = 0; m <= 3; m++) {
        GameOptions opt = {.timer_minutes = m};
        Game *game = make_ok(&opt, 1, NULL);
        assert_int_equal(view_of(game).timer_minutes, m);
        game_free(game);
    }
    int bad[] = {-1, 4, 60};
    for (size_t i = 0; i < 3; i++) {
        GameOptions opt = {.timer_minutes = bad[i]};
        char err[256];
        GameError e;
        assert_null(make(&opt, 1, NULL, &e, err, sizeof err));
        assert_int_equal(e, GAME_E_TIMER);
        assert_string_equal(err, "the sharing timer is off or 1 to 3 minutes");
    }
}

static char *repeat(const char *piece, int times)
{
    size_t len = strlen(piece);
    char *out = malloc(len * (size_t)times + 1);
    for (int i = 0; i < times; i++)
        memcpy(out + len * (size_t)i, piece, len);
    out[len * (size_t)times] = '\0';
    return out;
}

static void expect_name(const char *name0, const char *name1, GameError expect, const char *message)
{
    GameOptions opt = {.names = {name0, name1}};
    char err[256] = "";
    GameError e;
    Game *game = make(&opt, 1, NULL, &e, err, sizeof err);
    assert_int_equal(e, expect);
    if (expect == GAME_OK) {
        assert_non_null(game);
        GameView v = view_of(game);
        assert_string_equal(v.names[0], name0 ? name0 : "Player 1");
        assert_string_equal(v.names[1], name1 ? name1 : "Player 2");
        game_free(game);
    } else {
        assert_null(game);
        assert_string_equal(err, message);
    }
}

static void test_names(void **state)
{
    (void)state;
    char *ascii40 = repeat("a", 40), *ascii41 = repeat("a", 41);
    char *accent40 = repeat("\xC3\xA9", 40), *accent41 = repeat("\xC3\xA9", 41); /* é: 2 bytes */
    char *emoji40 = repeat("\xF0\x9F\x8C\xBB", 40), *emoji41 = repeat("\xF0\x9F\x8C\xBB", 41);
    expect_name("Sam", "Alex", GAME_OK, NULL);
    expect_name("S", NULL, GAME_OK, NULL);
    expect_name(ascii40, accent40, GAME_OK, NULL);
    expect_name(emoji40, "\xE5\xB0\x8F\xE6\x98\x8E", GAME_OK, NULL);
    expect_name("Zo\xC3\xAB Ana", NULL, GAME_OK, NULL);
    expect_name("", "Alex", GAME_E_NAME_LENGTH, "the first partner's name needs 1 to 40 characters");
    expect_name("Sam", "", GAME_E_NAME_LENGTH, "the second partner's name needs 1 to 40 characters");
    expect_name(ascii41, NULL, GAME_E_NAME_LENGTH, "the first partner's name needs 1 to 40 characters");
    expect_name(NULL, accent41, GAME_E_NAME_LENGTH, "the second partner's name needs 1 to 40 characters");
    expect_name(emoji41, NULL, GAME_E_NAME_LENGTH, "the first partner's name needs 1 to 40 characters");
    expect_name("   ", NULL, GAME_E_NAME_LENGTH, "the first partner's name needs 1 to 40 characters");
    expect_name("Sam", "Al\xFF", GAME_E_NAME_TEXT,
                "the second partner's name must be UTF-8 text without line breaks, tabs or control characters");
    expect_name("Sam\nAlex", NULL, GAME_E_NAME_TEXT,
                "the first partner's name must be UTF-8 text without line breaks, tabs or control characters");
    expect_name("\xC0\xAF", NULL, GAME_E_NAME_TEXT, /* an overlong '/' */
                "the first partner's name must be UTF-8 text without line breaks, tabs or control characters");
    free(ascii40);
    free(ascii41);
    free(accent40);
    free(accent41);
    free(emoji40);
    free(emoji41);
}

static void expect_refused_set(const char *const *texts, GameError expect, const char *message)
{
    char err[256] = "";
    GameError e;
    Game *game = make(NULL, 1, texts, &e, err, sizeof err);
    assert_null(game);
    assert_int_equal(e, expect);
    assert_string_equal(err, message);
}

static void test_deck_set_needs_every_kind(void **state)
{
    (void)state;
    static const char *const names[KINDS] = {"sharing", "planning", "solo", "support", "rebalance"};
    for (int k = 0; k < KINDS; k++) {
        const char *texts[KINDS] = {0};
        texts[k] = "";
        char message[256];
        snprintf(message, sizeof message,
                 "no %s cards are in play; a game needs sharing, planning, solo, support and rebalance cards",
                 names[k]);
        expect_refused_set(texts, GAME_E_MISSING_KIND, message);
    }
    const char *two[KINDS] = {NULL, NULL, "", "", NULL};
    expect_refused_set(two, GAME_E_MISSING_KIND,
                       "no solo or support cards are in play; a game needs sharing, planning, solo, support and "
                       "rebalance cards");
    const char *none[KINDS] = {"", "", "", "", ""};
    expect_refused_set(none, GAME_E_MISSING_KIND,
                       "no sharing, planning, solo, support or rebalance cards are in play; a game needs sharing, "
                       "planning, solo, support and rebalance cards");
    assert_string_equal(game_error_message(GAME_E_MISSING_KIND),
                        "no %s cards are in play; a game needs sharing, planning, solo, support and rebalance cards");
}

static void test_deck_set_needs_enough_cards(void **state)
{
    (void)state;
    const char *plans[KINDS] = {NULL, "deck: P\nkind: planning\nP1\nP2\n"};
    expect_refused_set(plans, GAME_E_FEW_CARDS,
                       "the planning decks in play have only 2 different cards; a game needs at least 3");
    /* Two copies of one card are one card. */
    const char *solo[KINDS] = {NULL, NULL, "deck: O\nkind: solo\nSame goal\nSame goal\n"};
    expect_refused_set(solo, GAME_E_FEW_CARDS,
                       "the solo decks in play have only 1 different card; a game needs at least 2");
    const char *support[KINDS] = {NULL, NULL, NULL, "deck: U\nkind: support\nOnly one\n"};
    expect_refused_set(support, GAME_E_FEW_CARDS,
                       "the support decks in play have only 1 different card; a game needs at least 2");
    const char *together_only[KINDS] = {NULL, NULL, NULL, NULL, "deck: R\nkind: rebalance\nweight: 1\nHug\n"};
    expect_refused_set(together_only, GAME_E_FEW_CARDS,
                       "the rebalance decks in play have no card that pulls toward Apart (a negative weight); add "
                       "one, or a card without a weight");
    const char *apart_only[KINDS] = {NULL, NULL, NULL, NULL, "deck: R\nkind: rebalance\nweight: -3\nWalk alone\n"};
    expect_refused_set(apart_only, GAME_E_FEW_CARDS,
                       "the rebalance decks in play have no card that pulls toward Together (a positive weight); add "
                       "one, or a card without a weight");
    /* A rebalance card without a weight pulls either way: enough alone. */
    const char *either[KINDS] = {NULL, NULL, NULL, NULL, "deck: R\nkind: rebalance\nBreathe together\n"};
    Game *game = make_ok(NULL, 1, either);
    game_free(game);
}

static void test_default_weights(void **state)
{
    (void)state;
    assert_int_equal(game_default_weight(KIND_SHARING), 1);
    assert_int_equal(game_default_weight(KIND_PLANNING), 2);
    assert_int_equal(game_default_weight(KIND_SOLO), -3);
    assert_int_equal(game_default_weight(KIND_SUPPORT), 2);
    assert_int_equal(game_default_weight(KIND_REBALANCE), 2);
    assert_int_equal(GAME_REBALANCE_PULL, 2);
    const char *texts[KINDS] = {
        "deck: S\nkind: sharing\nPlain\nOwn\n    weight: -1\nweight: 3\nDeck-wide\n",
        "deck: P\nkind: planning\nPlain plan\nZero plan\n    weight: 0\nThird\n",
        "deck: O\nkind: solo\nPlain goal\nSmall goal\n    weight: -1\n",
        "deck: U\nkind: support\nPlain help\nNo help\n    weight: 0\n",
        "deck: R\nkind: rebalance\nEither way\nZero way\n    weight: 0\nCloser\n    weight: 3\n",
    };
    Game *game = make_ok(NULL, 1, texts);
    static const struct {
        const char *text;
        int weight;
    } expect[] = {
        {"Plain", 1},      {"Own", -1},       {"Deck-wide", 3},  {"Plain plan", 2}, {"Zero plan", 0},
        {"Third", 2},      {"Plain goal", -3}, {"Small goal", -1}, {"Plain help", 2}, {"No help", 0},
        {"Either way", 0}, {"Zero way", 0},   {"Closer", 3},
    };
    size_t n = game_card_count(game);
    assert_int_equal(n, sizeof expect / sizeof *expect);
    for (size_t i = 0; i < n; i++) {
        GameCard c;
        assert_true(game_card(game, (int)i, &c));
        assert_string_equal(c.text, expect[i].text);
        assert_int_equal(c.weight, expect[i].weight);
        assert_int_equal(c.id, (int)i);
    }
    GameCard c;
    assert_false(game_card(game, (int)n, &c));
    assert_false(game_card(game, -1, &c));
    game_free(game);
}

/* ---- the order of a round ---- */

static void test_round_levels(void **state)
{
    (void)state;
    static const int expect[8][8] = {
        {0},
        {2},
        {1, 3},
        {1, 2, 3},
        {1, 2, 2, 3},
        {1, 1, 2, 3, 3},
        {1, 1, 2, 2, 3, 3},
        {1, 1, 2, 2, 2, 3, 3},
    };
    for (int rounds = 1; rounds <= 7; rounds++) {
        for (int r = 1; r <= rounds; r++)
            assert_int_equal(game_round_level(r, rounds), expect[rounds][r - 1]);
        assert_int_equal(game_round_level(0, rounds), 0);
        assert_int_equal(game_round_level(rounds + 1, rounds), 0);
    }
    assert_int_equal(game_round_level(1, 0), 0);
    assert_int_equal(game_round_level(1, 8), 0);
    /* And in play: every sharing card of round r is of that level. */
    for (int rounds = 1; rounds <= 7; rounds++) {
        GameOptions opt = {.rounds = rounds};
        Game *game = make_ok(&opt, (uint64_t)rounds, NULL);
        for (int r = 1; r <= rounds; r++) {
            GameView v = view_of(game);
            assert_int_equal(v.round, r);
            assert_int_equal(v.level, expect[rounds][r - 1]);
            assert_int_equal(v.cards[0].level, expect[rounds][r - 1]);
            act(game, ACTION_DONE, 0);
            assert_int_equal(view_of(game).cards[0].level, expect[rounds][r - 1]);
            finish_round(game);
        }
        assert_int_equal(view_of(game).phase, PHASE_OVER);
        game_free(game);
    }
}

static void test_nearest_level_when_one_is_empty(void **state)
{
    (void)state;
    /* Levels 1 and 3 only: round 2 of 3 wants level 2 and takes level 1 (the
     * nearer level below wins a tie). Level 3 only: every round deals it. */
    const char *ends[KINDS] = {"deck: S\nkind: sharing\nweight: 0\nA1\nB1\nC1\nD1\nlevel: 3\nA3\nB3\nC3\nD3\n"};
    Game *game = make_ok(NULL, 7, ends);
    int levels[3];
    for (int r = 0; r < 3; r++) {
        levels[r] = view_of(game).cards[0].level;
        finish_round(game);
    }
    assert_int_equal(levels[0], 1);
    assert_int_equal(levels[1], 1);
    assert_int_equal(levels[2], 3);
    game_free(game);
    const char *deep[KINDS] = {"deck: S\nkind: sharing\nweight: 0\nlevel: 3\nA3\nB3\nC3\n"};
    game = make_ok(NULL, 7, deep);
    for (int r = 0; r < 3; r++) {
        assert_int_equal(view_of(game).cards[0].level, 3);
        finish_round(game);
    }
    game_free(game);
}

static void test_phases_of_every_round(void **state)
{
    (void)state;
    /* Neutral weights: no rebalance, so each round is exactly these eleven
     * moments; the starting partner alternates 0, 1, 0, ... */
    GameOptions opt = {.rounds = 7};
    Game *game = make_ok(&opt, 3, NULL);
    static const struct {
        GamePhase phase;
        int who; /* 0: the round's starter; 1: the other */
        bool together;
        ActionType action;
    } moments[] = {
        {PHASE_SHARING, 0, false, ACTION_DONE},    {PHASE_SHARING, 1, false, ACTION_DONE},
        {PHASE_PLAN_PICK, 0, true, ACTION_PICK},   {PHASE_PLAN_DAY, 0, true, ACTION_DAY},
        {PHASE_PLAN_TIME, 0, true, ACTION_TIME},   {PHASE_SOLO_PICK, 0, false, ACTION_PICK},
        {PHASE_SOLO_DAY, 0, false, ACTION_DAY},    {PHASE_SUPPORT_PICK, 1, false, ACTION_PICK},
        {PHASE_SOLO_PICK, 1, false, ACTION_PICK},  {PHASE_SOLO_DAY, 1, false, ACTION_DAY},
        {PHASE_SUPPORT_PICK, 0, false, ACTION_PICK},
    };
    for (int r = 1; r <= 7; r++) {
        int starter = (r - 1) % 2;
        for (size_t m = 0; m < sizeof moments / sizeof *moments; m++) {
            GameView v = view_of(game);
            assert_int_equal(v.round, r);
            assert_int_equal(v.phase, moments[m].phase);
            assert_int_equal(v.turn, moments[m].who ? 1 - starter : starter);
            assert_int_equal(v.together, moments[m].together);
            if (v.phase == PHASE_SOLO_DAY || v.phase == PHASE_SUPPORT_PICK)
                assert_int_equal(v.held_partner, m < 8 ? starter : 1 - starter);
            /* Each round's plan on a day of its own. */
            act(game, moments[m].action, moments[m].phase == PHASE_PLAN_DAY ? r - 1 : 0);
        }
    }
    GameView v = view_of(game);
    assert_int_equal(v.phase, PHASE_OVER);
    assert_int_equal(v.round, 7);
    assert_int_equal(v.allowed, 0u);
    assert_int_equal(v.card_count, 0);
    refused(game, (Action){.type = ACTION_DONE}, GAME_E_OVER, "the game is over");
    GameSummary s;
    game_summary(game, &s);
    assert_true(s.over);
    assert_int_equal(s.step_count, 7 * 11);
    game_free(game);
}

static void test_cards_shown_per_moment(void **state)
{
    (void)state;
    Game *game = make_ok(NULL, 11, NULL);
    GameView v = view_of(game);
    assert_int_equal(v.card_count, 1);
    assert_int_equal(v.cards[0].kind, KIND_SHARING);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    v = view_of(game);
    assert_int_equal(v.card_count, 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(v.cards[i].kind, KIND_PLANNING);
    assert_true(v.cards[0].id != v.cards[1].id && v.cards[1].id != v.cards[2].id && v.cards[0].id != v.cards[2].id);
    assert_int_equal(v.allowed, 1u << ACTION_PICK | 1u << ACTION_REDRAW);
    Action list[16];
    assert_int_equal(game_actions(game, list, 16), 4);
    int picked = v.cards[2].id;
    act(game, ACTION_PICK, 2);
    v = view_of(game);
    assert_int_equal(v.card_count, 0);
    assert_true(v.has_held);
    assert_int_equal(v.held.id, picked);
    assert_int_equal(v.held_day, -1);
    assert_int_equal(v.allowed, 1u << ACTION_DAY);
    assert_int_equal(game_actions(game, list, 16), 8);
    act(game, ACTION_DAY, 5);
    v = view_of(game);
    assert_int_equal(v.held_day, 5);
    assert_int_equal(v.allowed, 1u << ACTION_TIME);
    assert_int_equal(game_actions(game, list, 16), 4);
    act(game, ACTION_TIME, 2);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SOLO_PICK);
    assert_int_equal(v.card_count, 2);
    assert_int_equal(v.cards[0].kind, KIND_SOLO);
    assert_int_equal(v.allowed, 1u << ACTION_PICK | 1u << ACTION_CUSTOM);
    assert_int_equal(game_actions(game, list, 16), 2); /* CUSTOM takes text: not listed */
    act(game, ACTION_PICK, 1);
    act(game, ACTION_DAY, GAME_DAY_SOME);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SUPPORT_PICK);
    assert_int_equal(v.card_count, 2);
    assert_int_equal(v.cards[1].kind, KIND_SUPPORT);
    assert_int_equal(v.held_day, 7);
    assert_int_equal(v.held.kind, KIND_SOLO);
    game_free(game);
}

/* ---- sharing: passes ---- */

static void test_passes(void **state)
{
    (void)state;
    Game *game = make_ok(NULL, 5, NULL);
    GameView v = view_of(game);
    int first = v.cards[0].id;
    act(game, ACTION_PASS, 0);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SHARING);
    assert_int_equal(v.turn, 0); /* still partner 0's turn, with another card */
    assert_true(v.cards[0].id != first);
    assert_int_equal(v.passes_used[0], 1);
    assert_int_equal(v.passes_used[1], 0);
    /* Passing is always there: ten more, and Pass is still allowed. */
    for (int i = 0; i < 10; i++)
        act(game, ACTION_PASS, 0);
    v = view_of(game);
    assert_int_equal(v.passes_used[0], 11);
    assert_int_equal(v.allowed, 1u << ACTION_DONE | 1u << ACTION_PASS);
    assert_int_equal(v.card_count, 1);
    assert_int_equal(v.cards[0].level, 1); /* the next card of the same level */
    act(game, ACTION_DONE, 0);
    v = view_of(game);
    assert_int_equal(v.turn, 1);
    act(game, ACTION_PASS, 0);
    act(game, ACTION_PASS, 0);
    act(game, ACTION_PASS, 0);
    act(game, ACTION_DONE, 0);
    /* Pass belongs to sharing only. */
    refused(game, (Action){.type = ACTION_PASS}, GAME_E_NOT_NOW, "that action is not possible at this moment");
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.passes_used[0], 11);
    assert_int_equal(s.passes_used[1], 3);
    /* A pass is no step of the story: two cards done, nothing else. */
    assert_int_equal(s.step_count, 2);
    assert_int_equal(s.steps[0].type, ACTION_DONE);
    assert_int_equal(s.steps[1].type, ACTION_DONE);
    game_free(game);
}

static void test_passed_card_goes_to_the_bottom(void **state)
{
    (void)state;
    /* Five sharing cards, one level, seven rounds: the passed card comes back
     * only after the other four. */
    const char *five[KINDS] = {"deck: S\nkind: sharing\nweight: 0\nA\nB\nC\nD\nE\n"};
    GameOptions opt = {.rounds = 7};
    for (uint64_t seed = 1; seed <= 20; seed++) {
        Game *game = make_ok(&opt, seed, five);
        int passed = view_of(game).cards[0].id;
        int pass_weight_balance = view_of(game).balance;
        act(game, ACTION_PASS, 0);
        assert_int_equal(view_of(game).balance, pass_weight_balance);
        int dealt[5], n = 0;
        while (n < 5) {
            GameView v = view_of(game);
            if (v.phase == PHASE_SHARING) {
                dealt[n++] = v.cards[0].id;
                act(game, ACTION_DONE, 0);
            } else {
                finish_round(game);
            }
        }
        for (int i = 0; i < 4; i++) {
            assert_true(dealt[i] != passed);
            for (int j = 0; j < i; j++)
                assert_true(dealt[i] != dealt[j]);
        }
        assert_int_equal(dealt[4], passed);
        game_free(game);
    }
}

static void test_done_applies_weight_pass_does_not(void **state)
{
    (void)state;
    const char *texts[KINDS] = {"deck: S\nkind: sharing\nweight: 2\nA\nB\nC\nD\n"};
    Game *game = make_ok(NULL, 9, texts);
    act(game, ACTION_PASS, 0);
    assert_int_equal(view_of(game).balance, 0);
    act(game, ACTION_DONE, 0);
    assert_int_equal(view_of(game).balance, 2);
    act(game, ACTION_DONE, 0);
    assert_int_equal(view_of(game).balance, 4); /* 4 is not more than 4: no rebalance */
    assert_int_equal(view_of(game).phase, PHASE_PLAN_PICK);
    game_free(game);
}

/* ---- planning ---- */

static void test_redraw_once_per_game(void **state)
{
    (void)state;
    GameOptions opt = {.rounds = 2};
    Game *game = make_ok(&opt, 4, NULL);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    GameView before = view_of(game);
    act(game, ACTION_REDRAW, 0);
    GameView after = view_of(game);
    assert_int_equal(after.phase, PHASE_PLAN_PICK);
    assert_int_equal(after.redraws_left, 0);
    assert_int_equal(after.card_count, 3);
    assert_int_equal(after.balance, before.balance);
    /* Seven planning cards: three new ones come before any of the old three. */
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            assert_true(after.cards[i].id != before.cards[j].id);
    assert_int_equal(after.allowed, 1u << ACTION_PICK);
    refused(game, (Action){.type = ACTION_REDRAW}, GAME_E_NO_REDRAW,
            "the redraw is used: the pair has one redraw a game");
    finish_round(game);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    refused(game, (Action){.type = ACTION_REDRAW}, GAME_E_NO_REDRAW,
            "the redraw is used: the pair has one redraw a game");
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.redraws_used, 1);
    game_free(game);
}

static void test_pick_day_time_validation(void **state)
{
    (void)state;
    Game *game = make_ok(NULL, 6, NULL);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    const char *no_card = "there is no card at that place; pick one of the cards shown";
    refused(game, (Action){.type = ACTION_PICK, .index = 3}, GAME_E_CARD_INDEX, no_card);
    refused(game, (Action){.type = ACTION_PICK, .index = -1}, GAME_E_CARD_INDEX, no_card);
    refused(game, (Action){.type = ACTION_DAY, .index = 0}, GAME_E_NOT_NOW, "that action is not possible at this moment");
    refused(game, (Action){.type = (ActionType)ACTION_COUNT}, GAME_E_BAD_ACTION, "that is not an action");
    refused(game, (Action){.type = (ActionType)-1}, GAME_E_BAD_ACTION, "that is not an action");
    GameCard plan = view_of(game).cards[1];
    act(game, ACTION_PICK, 1);
    const char *bad_day = "a day is 0 to 6 for the next seven days, or 7 for some day";
    refused(game, (Action){.type = ACTION_DAY, .index = 8}, GAME_E_DAY, bad_day);
    refused(game, (Action){.type = ACTION_DAY, .index = -1}, GAME_E_DAY, bad_day);
    refused(game, (Action){.type = ACTION_TIME, .index = 0}, GAME_E_NOT_NOW, "that action is not possible at this moment");
    act(game, ACTION_DAY, 6);
    const char *bad_time = "a time is 0 for morning, 1 afternoon, 2 evening or 3 any time";
    refused(game, (Action){.type = ACTION_TIME, .index = 4}, GAME_E_TIME, bad_time);
    refused(game, (Action){.type = ACTION_TIME, .index = -1}, GAME_E_TIME, bad_time);
    act(game, ACTION_TIME, TIME_ANY);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.plan_count, 1);
    assert_int_equal(s.plans[0].card.id, plan.id);
    assert_string_equal(s.plans[0].card.text, plan.text);
    assert_int_equal(s.plans[0].day, 6);
    assert_int_equal(s.plans[0].time, TIME_ANY);
    assert_int_equal(s.plans[0].round, 1);
    assert_string_equal(game_time_name(TIME_MORNING), "morning");
    assert_string_equal(game_time_name(TIME_ANY), "any time");
    game_free(game);
}

static void test_plan_weight_applies_when_kept(void **state)
{
    (void)state;
    const char *texts[KINDS] = {NULL, "deck: P\nkind: planning\nweight: 3\nP1\nP2\nP3\n"};
    Game *game = make_ok(NULL, 2, texts);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    assert_int_equal(view_of(game).balance, 0);
    act(game, ACTION_DAY, 1);
    assert_int_equal(view_of(game).balance, 0);
    act(game, ACTION_TIME, 1);
    assert_int_equal(view_of(game).balance, 3);
    game_free(game);
}

/* ---- solo goals ---- */

/* Done, done, the first plan on tomorrow morning: the first solo turn. */
static void to_first_solo(Game *game)
{
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 0);
    act(game, ACTION_TIME, 0);
}

static void test_solo_goal_and_support(void **state)
{
    (void)state;
    const char *texts[KINDS] = {NULL, NULL, "deck: O\nkind: solo\nweight: -2\nO1\nO2\nO3\n",
                                "deck: U\nkind: support\nweight: 1\nU1\nU2\nU3\n"};
    Game *game = make_ok(NULL, 8, texts);
    to_first_solo(game);
    GameView v = view_of(game);
    assert_int_equal(v.turn, 0);
    GameCard goal = v.cards[1];
    act(game, ACTION_PICK, 1);
    assert_int_equal(view_of(game).balance, 0); /* kept once it has a day */
    act(game, ACTION_DAY, 3);
    assert_int_equal(view_of(game).balance, -2);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SUPPORT_PICK);
    assert_int_equal(v.turn, 1);
    assert_int_equal(v.held_partner, 0);
    assert_int_equal(v.held.id, goal.id);
    GameCard help = v.cards[0];
    act(game, ACTION_PICK, 0);
    assert_int_equal(view_of(game).balance, -1);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SOLO_PICK);
    assert_int_equal(v.turn, 1);
    custom(game, "Climb the hill behind the station");
    v = view_of(game);
    assert_int_equal(v.held.id, -1);
    assert_string_equal(v.held.text, "Climb the hill behind the station");
    assert_int_equal(v.held.weight, -3); /* an own goal weighs the solo default */
    act(game, ACTION_DAY, GAME_DAY_SOME);
    assert_int_equal(view_of(game).balance, -4);
    assert_int_equal(view_of(game).turn, 0);
    act(game, ACTION_PICK, 1);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.goal_count, 2);
    assert_int_equal(s.goals[0].partner, 0);
    assert_int_equal(s.goals[0].goal.id, goal.id);
    assert_int_equal(s.goals[0].day, 3);
    assert_int_equal(s.goals[0].support.id, help.id);
    assert_int_equal(s.goals[1].partner, 1);
    assert_int_equal(s.goals[1].goal.id, -1);
    assert_string_equal(s.goals[1].goal.text, "Climb the hill behind the station");
    assert_int_equal(s.goals[1].day, 7);
    assert_int_equal(s.goals[1].round, 1);
    game_free(game);
}

/* One goal a partner: round 1 makes one each; later rounds offer to keep
 * it (its day and support stay, and it leans again) or to swap it for a
 * new card or an own goal, which takes its own day and a new support. */
static void test_goal_cap_keep_and_swap(void **state)
{
    (void)state;
    const char *texts[KINDS] = {NULL, NULL, "deck: O\nkind: solo\nweight: -2\nO1\nO2\nO3\nO4\n",
                                "deck: U\nkind: support\nweight: 1\nU1\nU2\nU3\n"};
    Game *game = make_ok(NULL, 8, texts);
    to_first_solo(game);
    GameView v = view_of(game);
    /* Round 1: nothing to keep. */
    assert_false(v.has_goal);
    assert_int_equal(v.allowed, 1u << ACTION_PICK | 1u << ACTION_CUSTOM);
    refused(game, (Action){.type = ACTION_KEEP}, GAME_E_NOT_NOW, "that action is not possible at this moment");
    GameCard anna = v.cards[0];
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 2);
    GameCard anna_help = view_of(game).cards[1];
    act(game, ACTION_PICK, 1);
    custom(game, "Swim at dawn");
    act(game, ACTION_DAY, 4);
    act(game, ACTION_PICK, 0);
    int before_round_2 = view_of(game).balance;
    assert_int_equal(before_round_2, -3); /* Anna's -2 and Ben's own -3, each with a support's +1 */
    /* Round 2: Ben (partner 1) starts and keeps his own goal. */
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 1);
    act(game, ACTION_TIME, 1);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SOLO_PICK);
    assert_int_equal(v.turn, 1);
    assert_true(v.has_goal);
    assert_int_equal(v.goal.id, -1);
    assert_string_equal(v.goal.text, "Swim at dawn");
    assert_int_equal(v.goal_day, 4);
    assert_int_equal(v.allowed, 1u << ACTION_PICK | 1u << ACTION_CUSTOM | 1u << ACTION_KEEP);
    Action list[GAME_DAYS + 1];
    size_t n = game_actions(game, list, GAME_DAYS + 1);
    assert_int_equal(n, 3);
    assert_int_equal(list[2].type, ACTION_KEEP);
    assert_string_equal(game_action_name(ACTION_KEEP), "keep");
    int balance = v.balance;
    act(game, ACTION_KEEP, 0);
    v = view_of(game);
    assert_int_equal(v.balance, balance - 3 + 1); /* the own goal's -3 and its support's +1 again */
    /* It settles as a card does: 5 from the middle deals a rebalance. */
    assert_int_equal(v.balance, -5);
    assert_int_equal(v.phase, PHASE_REBALANCE);
    act(game, ACTION_SKIP, 0);
    v = view_of(game);
    /* Anna's turn next, straight on: no day, no support for a kept goal. */
    assert_int_equal(v.phase, PHASE_SOLO_PICK);
    assert_int_equal(v.turn, 0);
    assert_true(v.has_goal);
    assert_int_equal(v.goal.id, anna.id);
    assert_int_equal(v.goal_day, 2);
    assert_int_equal(v.goal_support.id, anna_help.id);
    /* Anna swaps hers: the new goal takes its own day and a new support. */
    GameCard swapped = v.cards[1];
    act(game, ACTION_PICK, 1);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_SOLO_DAY);
    assert_true(v.has_goal); /* the goal it replaces, still shown */
    assert_int_equal(v.goal.id, anna.id);
    act(game, ACTION_DAY, 5);
    act(game, ACTION_PICK, 0);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.goal_count, 2);
    assert_int_equal(s.goals[0].partner, 0);
    assert_int_equal(s.goals[0].goal.id, swapped.id);
    assert_int_equal(s.goals[0].day, 5);
    assert_int_equal(s.goals[0].round, 2);
    assert_int_equal(s.goals[0].kept, 0);
    assert_int_equal(s.goals[1].partner, 1);
    assert_string_equal(s.goals[1].goal.text, "Swim at dawn");
    assert_int_equal(s.goals[1].day, 4);
    assert_int_equal(s.goals[1].round, 1);
    assert_int_equal(s.goals[1].kept, 1);
    /* A save of the kept and swapped goals loads as the same game. */
    char *buf;
    size_t len;
    assert_int_equal(game_save(game, &buf, &len), GAME_OK);
    Game *again = NULL;
    char err[200];
    assert_int_equal(game_load(buf, len, &again, err, sizeof err), GAME_OK);
    assert_int_equal(game_hash(again), game_hash(game));
    GameSummary t;
    game_summary(again, &t);
    assert_int_equal(t.goal_count, 2);
    assert_int_equal(t.goals[1].kept, 1);
    assert_true(game_check(again, err, sizeof err));
    free(buf);
    game_free(again);
    /* Every later round: still one goal each, however the turns go. */
    finish_game(game);
    game_summary(game, &s);
    assert_int_equal(s.goal_count, 2);
    assert_int_equal(s.goals[0].partner, 0);
    assert_int_equal(s.goals[1].partner, 1);
    game_free(game);
}

static void test_own_goal_text(void **state)
{
    (void)state;
    Game *game = make_ok(NULL, 12, NULL);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = "Now?"}, GAME_E_NOT_NOW,
            "that action is not possible at this moment");
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 0);
    act(game, ACTION_TIME, 0);
    const char *length = "a goal needs 1 to 200 characters";
    const char *text = "a goal must be UTF-8 text without line breaks, tabs or control characters";
    char *a201 = repeat("a", 201), *a200 = repeat("a", 200);
    char *u201 = repeat("\xE2\x82\xAC", 201), *u200 = repeat("\xE2\x82\xAC", 200); /* €: 3 bytes */
    char *e201 = repeat("\xF0\x9F\x8C\xBB", 201);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = ""}, GAME_E_GOAL_LENGTH, length);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = NULL}, GAME_E_GOAL_LENGTH, length);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = "  \xC2\xA0 "}, GAME_E_GOAL_LENGTH, length);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = a201}, GAME_E_GOAL_LENGTH, length);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = u201}, GAME_E_GOAL_LENGTH, length);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = e201}, GAME_E_GOAL_LENGTH, length);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = "Run\nfar"}, GAME_E_GOAL_TEXT, text);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = "Run\tfar"}, GAME_E_GOAL_TEXT, text);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = "Run \xFF"}, GAME_E_GOAL_TEXT, text);
    refused(game, (Action){.type = ACTION_CUSTOM, .text = "Run \xED\xA0\x80"}, GAME_E_GOAL_TEXT, text); /* surrogate */
    custom(game, "x");
    act(game, ACTION_DAY, 0);
    act(game, ACTION_PICK, 0);
    custom(game, u200);
    assert_string_equal(view_of(game).held.text, u200);
    finish_round(game); /* two own goals (-3 each) make -6: a rebalance comes too */
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 1);
    act(game, ACTION_TIME, 0);
    custom(game, a200);
    GameSummary s;
    game_summary(game, &s);
    assert_string_equal(s.goals[0].goal.text, "x");
    assert_string_equal(s.goals[1].goal.text, u200);
    free(a201);
    free(a200);
    free(u201);
    free(u200);
    free(e201);
    game_free(game);
}

/* ---- the tightrope ---- */

static void test_rebalance_at_more_than_four(void **state)
{
    (void)state;
    /* Sharing +2, +2 (balance 4: still safe), then a +1 plan: 5 deals a
     * rebalance card pulling toward Apart. */
    const char *texts[KINDS] = {
        "deck: S\nkind: sharing\nweight: 2\nA\nB\nC\n",
        "deck: P\nkind: planning\nweight: 1\nP1\nP2\nP3\n",
        NULL,
        NULL,
        "deck: R\nkind: rebalance\nweight: 3\nBig hug\nweight: -1\nA breath apart\n",
    };
    Game *game = make_ok(NULL, 1, texts);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    assert_int_equal(view_of(game).balance, 4);
    assert_int_equal(view_of(game).phase, PHASE_PLAN_PICK);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 0);
    act(game, ACTION_TIME, 0);
    GameView v = view_of(game);
    assert_int_equal(v.balance, 5);
    assert_int_equal(v.phase, PHASE_REBALANCE);
    assert_true(v.together);
    assert_int_equal(v.card_count, 1); /* the only card that pulls toward Apart */
    assert_int_equal(v.cards[0].kind, KIND_REBALANCE);
    assert_string_equal(v.cards[0].text, "A breath apart");
    assert_int_equal(v.cards[0].weight, -1);
    assert_int_equal(v.allowed, 1u << ACTION_PICK | 1u << ACTION_SKIP);
    refused(game, (Action){.type = ACTION_PASS}, GAME_E_NOT_NOW, "that action is not possible at this moment");
    refused(game, (Action){.type = ACTION_DONE}, GAME_E_NOT_NOW, "that action is not possible at this moment");
    refused(game, (Action){.type = ACTION_PICK, .index = 1}, GAME_E_CARD_INDEX,
            "there is no card at that place; pick one of the cards shown");
    act(game, ACTION_PICK, 0);
    v = view_of(game);
    assert_int_equal(v.balance, 4);
    assert_int_equal(v.phase, PHASE_SOLO_PICK); /* back where the game was going */
    assert_int_equal(v.turn, 0);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.rebalances, 1);
    assert_int_equal(s.steps[s.step_count - 1].phase, PHASE_REBALANCE);
    assert_int_equal(s.steps[s.step_count - 1].weight, -1);
    assert_int_equal(s.steps[s.step_count - 1].balance, 4);
    game_free(game);
}

static void test_rebalance_never_twice_in_a_row(void **state)
{
    (void)state;
    /* Solo -3 twice from 0 with support 0: -3, then -6: a rebalance toward
     * Together; its +1 card leaves -5, still out, but no second rebalance
     * comes before three more cards have settled. */
    const char *texts[KINDS] = {
        NULL,
        NULL,
        "deck: O\nkind: solo\nweight: -3\nO1\nO2\n",
        NULL,
        "deck: R\nkind: rebalance\nweight: 1\nSmall hug\nweight: -3\nLong walk alone\n",
    };
    GameOptions opt = {.rounds = 1};
    Game *game = make_ok(&opt, 1, texts);
    for (int i = 0; i < 5; i++)
        act(game, i < 2 ? ACTION_DONE : i == 2 ? ACTION_PICK : i == 3 ? ACTION_DAY : ACTION_TIME, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 0);
    assert_int_equal(view_of(game).balance, -3);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 0);
    GameView v = view_of(game);
    assert_int_equal(v.balance, -6);
    assert_int_equal(v.phase, PHASE_REBALANCE);
    assert_int_equal(v.card_count, 1);
    assert_int_equal(v.cards[0].weight, 1);
    act(game, ACTION_PICK, 0);
    v = view_of(game);
    assert_int_equal(v.balance, -5);
    assert_int_equal(v.phase, PHASE_SUPPORT_PICK); /* not a rebalance again */
    act(game, ACTION_PICK, 0);
    v = view_of(game);
    assert_int_equal(v.phase, PHASE_OVER);
    assert_int_equal(v.stars, 0); /* ended 5 from the middle */
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.rebalances, 1);
    game_free(game);
}

/* Two cards to choose from, each pulling back; or Skip, which leaves the
 * balance; the rope stops 7 from the middle. */
static void test_rebalance_choice_and_skip(void **state)
{
    (void)state;
    const char *texts[KINDS] = {
        "deck: S\nkind: sharing\nweight: 3\nA\nB\nC\n",
        "deck: P\nkind: planning\nweight: 3\nP1\nP2\nP3\n",
        NULL,
        NULL,
        "deck: R\nkind: rebalance\nweight: -1\nOne breath\nweight: -3\nA walk alone\nweight: 2\nA hug\n",
    };
    GameOptions opt = {.rounds = 1};
    Game *game = make_ok(&opt, 2, texts);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    GameView v = view_of(game);
    assert_int_equal(v.balance, 6);
    assert_int_equal(v.phase, PHASE_REBALANCE);
    assert_int_equal(v.card_count, 2); /* both cards that pull toward Apart */
    int w0 = v.cards[0].weight, w1 = v.cards[1].weight;
    assert_int_equal(w0 + w1, -4);
    assert_true(w0 == -1 || w0 == -3);
    assert_int_equal(game_lean(&v, w0), w0);
    Action list[GAME_DAYS + 1];
    assert_int_equal(game_actions(game, list, GAME_DAYS + 1), 3);
    assert_int_equal(list[2].type, ACTION_SKIP);
    assert_string_equal(game_action_name(ACTION_SKIP), "skip");
    act(game, ACTION_SKIP, 0);
    v = view_of(game);
    assert_int_equal(v.balance, 6); /* left where it was */
    assert_int_equal(v.phase, PHASE_PLAN_PICK);
    assert_int_equal(game_lean(&v, 3), 1); /* the rope stops 7 from the middle */
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, 0);
    act(game, ACTION_TIME, 0);
    v = view_of(game);
    assert_int_equal(v.balance, 7);
    assert_int_equal(v.phase, PHASE_SOLO_PICK); /* two cards since the last: no rebalance yet */
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.rebalances, 1);
    assert_int_equal(s.steps[2].type, ACTION_SKIP);
    assert_int_equal(s.steps[2].weight, 0);
    assert_int_equal(s.steps[3 + 2].weight, 1); /* plan +3, of which 1 fits on the rope */
    /* The saved game says the same. */
    char *buf;
    size_t len;
    assert_int_equal(game_save(game, &buf, &len), GAME_OK);
    Game *back = NULL;
    char err[200];
    assert_int_equal(game_load(buf, len, &back, err, sizeof err), GAME_OK);
    assert_int_equal(game_hash(back), game_hash(game));
    free(buf);
    game_free(back);
    game_free(game);
}

/* The choice of two rebalance cards offers one with touch (`tags: touch`)
 * and one without, whichever comes first, in a game played straight on and
 * in one saved and loaded before its first card. */
static void test_rebalance_pairs_touch_with_no_touch(void **state)
{
    (void)state;
    const char *texts[KINDS] = {
        "deck: S\nkind: sharing\nweight: 3\nA\nB\nC\n",
        NULL,
        NULL,
        NULL,
        "deck: R\nkind: rebalance\nweight: -2\nT hold hands\n    tags: touch\nN one\nN two\n"
        "T back to back\n    tags: calm, touch\nN three\nN four\nN five\nweight: 2\nT hug\n    tags: touch\n",
    };
    GameOptions opt = {.rounds = 1};
    int touch_first = 0, touch_second = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        Game *game = make_ok(&opt, seed, texts);
        if (seed % 2) {
            char *buf;
            size_t len;
            Game *back = NULL;
            char err[200];
            assert_int_equal(game_save(game, &buf, &len), GAME_OK);
            assert_int_equal(game_load(buf, len, &back, err, sizeof err), GAME_OK);
            free(buf);
            game_free(game);
            game = back;
        }
        act(game, ACTION_DONE, 0);
        act(game, ACTION_DONE, 0);
        GameView v = view_of(game);
        assert_int_equal(v.phase, PHASE_REBALANCE);
        assert_int_equal(v.card_count, 2);
        bool t0 = v.cards[0].text[0] == 'T', t1 = v.cards[1].text[0] == 'T';
        assert_int_equal(v.cards[0].weight, -2);
        assert_int_equal(v.cards[1].weight, -2);
        assert_true(t0 != t1);
        touch_first += t0;
        touch_second += t1;
        game_free(game);
    }
    /* The touch card came first in some games and second in others. */
    assert_int_equal(touch_first + touch_second, 40);
    assert_true(touch_first > 0 && touch_second > 0);
}

/* No two plans share a day and time of day; a day with all four taken is
 * refused; the view lists what is taken and the days with a plan. */
static void test_plan_slots_and_goal_warning(void **state)
{
    (void)state;
    GameOptions opt = {.rounds = 7};
    Game *game = make_ok(&opt, 4, NULL);
    for (int r = 0; r < 4; r++) {
        act(game, ACTION_DONE, 0);
        act(game, ACTION_DONE, 0);
        act(game, ACTION_PICK, 0);
        GameView v = view_of(game);
        assert_int_equal(v.slots_taken, (1u << (2 * GAME_TIMES + r)) - (1u << 2 * GAME_TIMES));
        act(game, ACTION_DAY, 2);
        for (int t = 0; t < r; t++)
            refused(game, (Action){.type = ACTION_TIME, .index = t}, GAME_E_SLOT_TAKEN,
                    "another plan already has that day and time of day; pick another");
        Action list[GAME_DAYS + 1];
        assert_int_equal(game_actions(game, list, GAME_DAYS + 1), (size_t)(GAME_TIMES - r));
        assert_int_equal(list[0].index, r);
        act(game, ACTION_TIME, r);
        v = view_of(game);
        assert_int_equal(v.plan_days, 1u << 2);
        assert_true(game_day_has_plan(&v, 2));
        assert_false(game_day_has_plan(&v, 1));
        assert_false(game_day_has_plan(&v, GAME_DAY_SOME));
        finish_round(game);
    }
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    refused(game, (Action){.type = ACTION_DAY, .index = 2}, GAME_E_DAY_FULL,
            "every time of that day already has a plan; pick another day");
    Action list[GAME_DAYS + 1];
    assert_int_equal(game_actions(game, list, GAME_DAYS + 1), GAME_DAYS - 1);
    /* Some day takes no slot: any number of plans may be for some day. */
    act(game, ACTION_DAY, GAME_DAY_SOME);
    act(game, ACTION_TIME, 0);
    /* A goal may go on a day with a plan: the view says so, to warn first. */
    act(game, ACTION_PICK, 0);
    GameView v = view_of(game);
    assert_int_equal(v.phase, PHASE_SOLO_DAY);
    assert_true(game_day_has_plan(&v, 2));
    act(game, ACTION_DAY, 2);
    finish_round(game);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, GAME_DAY_SOME);
    act(game, ACTION_TIME, 0);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.plan_count, 6);
    assert_int_equal(s.plans[5].day, GAME_DAY_SOME);
    game_free(game);
}

static void test_rebalance_without_weight_pulls_two(void **state)
{
    (void)state;
    static const char *const rebalance[] = {
        "deck: R\nkind: rebalance\nTake a slow breath together\n",
        "deck: R\nkind: rebalance\nweight: 0\nTake a slow breath together\n",
    };
    for (int r = 0; r < 2; r++) {
        for (int sign = -1; sign <= 1; sign += 2) {
            char sharing[128];
            snprintf(sharing, sizeof sharing, "deck: S\nkind: sharing\nweight: %d\nA\nB\n", 3 * sign);
            const char *texts[KINDS] = {sharing, NULL, NULL, NULL, rebalance[r]};
            Game *game = make_ok(NULL, 1, texts);
            act(game, ACTION_DONE, 0);
            act(game, ACTION_DONE, 0);
            GameView v = view_of(game);
            assert_int_equal(v.balance, 6 * sign);
            assert_int_equal(v.phase, PHASE_REBALANCE);
            assert_int_equal(v.cards[0].weight, -2 * sign);
            act(game, ACTION_PICK, 0);
            v = view_of(game);
            assert_int_equal(v.balance, 4 * sign);
            assert_int_equal(v.phase, PHASE_PLAN_PICK);
            game_free(game);
        }
    }
}

static void test_rebalance_around_a_shifted_middle(void **state)
{
    (void)state;
    /* Both partners need closeness: middle 2. Sharing -3, -3 leaves -4, six
     * below the middle: a pull toward Together. */
    const char *texts[KINDS] = {"deck: S\nkind: sharing\nweight: -3\nA\nB\n"};
    GameOptions opt = {.needs = {NEED_CLOSER, NEED_CLOSER}};
    Game *game = make_ok(&opt, 1, texts);
    act(game, ACTION_DONE, 0);
    assert_int_equal(view_of(game).balance, -1);
    assert_int_equal(view_of(game).phase, PHASE_SHARING); /* 3 from the middle */
    act(game, ACTION_DONE, 0);
    GameView v = view_of(game);
    assert_int_equal(v.balance, -4);
    assert_int_equal(v.middle, 2);
    assert_int_equal(v.phase, PHASE_REBALANCE);
    assert_true(v.cards[0].weight > 0);
    game_free(game);
}

/* A one-round game whose every card weighs w (solo weighs solo): the round
 * ends at 2 sharing + plan + 2 solo + 2 support. */
static int round_end(int sharing, int plan, int solo, int support, int *stars)
{
    char texts[4][128];
    snprintf(texts[0], sizeof texts[0], "deck: S\nkind: sharing\nweight: %d\nA\nB\n", sharing);
    snprintf(texts[1], sizeof texts[1], "deck: P\nkind: planning\nweight: %d\nP1\nP2\nP3\n", plan);
    snprintf(texts[2], sizeof texts[2], "deck: O\nkind: solo\nweight: %d\nO1\nO2\n", solo);
    snprintf(texts[3], sizeof texts[3], "deck: U\nkind: support\nweight: %d\nU1\nU2\n", support);
    const char *use[KINDS] = {texts[0], texts[1], texts[2], texts[3], NULL};
    GameOptions opt = {.rounds = 1};
    Game *game = make_ok(&opt, 1, use);
    finish_game(game);
    GameView v = view_of(game);
    GameSummary s;
    game_summary(game, &s);
    *stars = v.stars;
    assert_int_equal(s.stars, v.stars);
    assert_int_equal(s.star_rounds, v.stars ? 1u : 0u);
    int balance = v.balance;
    game_free(game);
    return balance;
}

static void test_star_within_two(void **state)
{
    (void)state;
    int stars;
    assert_int_equal(round_end(0, 0, 0, 0, &stars), 0);
    assert_int_equal(stars, 1);
    assert_int_equal(round_end(1, 0, 0, 0, &stars), 2);
    assert_int_equal(stars, 1);
    assert_int_equal(round_end(1, 1, 0, 0, &stars), 3);
    assert_int_equal(stars, 0);
    assert_int_equal(round_end(0, 0, -1, 0, &stars), -2);
    assert_int_equal(stars, 1);
    assert_int_equal(round_end(0, 0, -2, 1, &stars), -2);
    assert_int_equal(stars, 1);
    assert_int_equal(round_end(0, 1, -2, 0, &stars), -3);
    assert_int_equal(stars, 0);
    assert_int_equal(round_end(1, 1, -1, 1, &stars), 3);
    assert_int_equal(stars, 0);
    assert_int_equal(round_end(1, 2, -3, 2, &stars), 2);
    assert_int_equal(stars, 1);
}

static void test_stars_per_round_and_summary(void **state)
{
    (void)state;
    /* Sharing +1 each: rounds end at 2, 4: a star, then none; then the
     * third round's first sharing card makes 5 and a rebalance (-2) 3. */
    const char *texts[KINDS] = {"deck: S\nkind: sharing\nweight: 1\nA\nB\nC\nD\nE\nF\n"};
    Game *game = make_ok(NULL, 21, texts);
    finish_round(game);
    assert_int_equal(view_of(game).stars, 1);
    finish_round(game);
    assert_int_equal(view_of(game).stars, 1);
    finish_round(game);
    GameSummary s;
    game_summary(game, &s);
    assert_true(s.over);
    assert_int_equal(s.rounds_played, 3);
    assert_int_equal(s.stars, 1);
    assert_int_equal(s.star_rounds, 1u);
    assert_int_equal(s.rebalances, 1);
    /* The balance after every action, and what each added. */
    static const int8_t balances[] = {
        1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,    /* round 1 */
        3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,    /* round 2 */
        5, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* round 3: a rebalance after the first card */
    };
    assert_int_equal(s.step_count, (int)sizeof balances);
    for (int i = 0; i < s.step_count; i++) {
        assert_int_equal(s.steps[i].balance, balances[i]);
        int before = i ? balances[i - 1] : 0;
        assert_int_equal(s.steps[i].weight, balances[i] - before);
    }
    assert_int_equal(s.steps[23].phase, PHASE_REBALANCE);
    assert_int_equal(s.steps[23].type, ACTION_PICK);
    assert_int_equal(s.plan_count, 3);
    /* One goal a partner: each round's pick swapped it, so both are round 3's. */
    assert_int_equal(s.goal_count, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(s.goals[i].round, 3);
        assert_int_equal(s.goals[i].partner, i); /* in the order first made: round 1's starter first */
        assert_int_equal(s.goals[i].kept, 0);
        assert_int_equal(s.goals[i].support.kind, KIND_SUPPORT);
    }
    game_free(game);
}

/* ---- piles ---- */

static void test_no_card_twice_until_pile_is_dealt(void **state)
{
    (void)state;
    /* Seven rounds, seven planning cards: the first rounds show 3 + 3 + 1 of
     * them before any comes again. */
    GameOptions opt = {.rounds = 7};
    Game *game = make_ok(&opt, 31, NULL);
    int seen[16], n = 0;
    while (n < 7) {
        assert_int_equal(view_of(game).phase, PHASE_SHARING);
        act(game, ACTION_DONE, 0);
        act(game, ACTION_DONE, 0);
        GameView v = view_of(game);
        if (v.phase == PHASE_PLAN_PICK) {
            for (int i = 0; i < 3 && n < 7; i++) {
                for (int j = 0; j < n; j++)
                    assert_true(seen[j] != v.cards[i].id);
                seen[n++] = v.cards[i].id;
            }
        }
        finish_round(game);
    }
    game_free(game);
}

/* The first letters of the six sharing cards a 3-round game deals, in order. */
static void sharing_order(Game *game, char order[7])
{
    for (int r = 0; r < 3; r++) {
        order[2 * r] = view_of(game).cards[0].text[0];
        act(game, ACTION_DONE, 0);
        order[2 * r + 1] = view_of(game).cards[0].text[0];
        finish_round(game);
    }
    order[6] = '\0';
}

static void test_seen_cards_come_last(void **state)
{
    (void)state;
    const char *six[KINDS] = {"deck: S\nkind: sharing\nweight: 0\nA\nB\nC\nD\nE\nF\n"};
    const char *seen[] = {"B", "D", "F", "not a card"};
    GameOptions opt = {.seen_texts = seen, .seen_count = 4};
    for (uint64_t seed = 1; seed <= 30; seed++) {
        Game *game = make_ok(&opt, seed, six);
        char order[7];
        sharing_order(game, order);
        for (int i = 0; i < 3; i++)
            assert_non_null(strchr("ACE", order[i]));
        for (int i = 3; i < 6; i++)
            assert_non_null(strchr("BDF", order[i]));
        game_free(game);
    }
    /* Without the list, some seed deals a seen card among the first three. */
    bool mixed = false;
    for (uint64_t seed = 1; seed <= 30 && !mixed; seed++) {
        Game *game = make_ok(NULL, seed, six);
        mixed = strchr("BDF", view_of(game).cards[0].text[0]) != NULL;
        game_free(game);
    }
    assert_true(mixed);
}

/* Kept cards come first at their level, passed ones after every other card
 * (seen ones too); a card both kept and passed is kept. */
static void test_kept_first_passed_last(void **state)
{
    (void)state;
    const char *six[KINDS] = {"deck: S\nkind: sharing\nweight: 0\nA\nB\nC\nD\nE\nF\n"};
    const char *seen[] = {"B", "C"}, *kept[] = {"E"}, *passed[] = {"A", "C"};
    GameOptions opt = {.seen_texts = seen, .seen_count = 2, .kept_texts = kept, .kept_count = 1,
                       .passed_texts = passed, .passed_count = 2};
    for (uint64_t seed = 1; seed <= 30; seed++) {
        Game *game = make_ok(&opt, seed, six);
        char order[7];
        sharing_order(game, order);
        assert_int_equal(order[0], 'E');
        assert_non_null(strchr("DF", order[1]));
        assert_non_null(strchr("DF", order[2]));
        assert_int_equal(order[3], 'B');
        assert_non_null(strchr("AC", order[4]));
        assert_non_null(strchr("AC", order[5]));
        /* The preference is the deal's: the saved game loads and plays on. */
        char *buf;
        size_t len;
        Game *loaded = NULL;
        assert_int_equal(game_save(game, &buf, &len), GAME_OK);
        assert_int_equal(game_load(buf, len, &loaded, NULL, 0), GAME_OK);
        assert_true(game_hash(loaded) == game_hash(game));
        free(buf);
        game_free(loaded);
        game_free(game);
    }
    /* At their own level: a kept level-2 card opens round 2, a kept and
     * passed level-3 card round 3; passed level-1 cards come after the other. */
    const char *kept2[] = {"S2c", "S3b"}, *passed2[] = {"S1a", "S1b", "S3b"};
    GameOptions levels = {.kept_texts = kept2, .kept_count = 2, .passed_texts = passed2, .passed_count = 3};
    for (uint64_t seed = 1; seed <= 30; seed++) {
        Game *game = make_ok(&levels, seed, NULL);
        assert_string_equal(view_of(game).cards[0].text, "S1c");
        act(game, ACTION_DONE, 0);
        assert_non_null(strstr("S1a S1b", view_of(game).cards[0].text));
        finish_round(game);
        assert_string_equal(view_of(game).cards[0].text, "S2c");
        finish_round(game);
        assert_string_equal(view_of(game).cards[0].text, "S3b");
        game_free(game);
    }
}

static void test_identical_cards_are_one(void **state)
{
    (void)state;
    const char *texts[KINDS] = {"deck: S\nkind: sharing\nweight: 0\nSame\nSame\nOther\n"};
    Game *game = make_ok(NULL, 1, texts);
    int sharing = 0;
    for (size_t i = 0; i < game_card_count(game); i++) {
        GameCard c;
        game_card(game, (int)i, &c);
        sharing += c.kind == KIND_SHARING;
    }
    assert_int_equal(sharing, 2);
    game_free(game);
}

/* ---- determinism ---- */

static void play_scripted(Game *game, uint64_t seed)
{
    Rng rng;
    rng_seed(&rng, seed);
    Action list[16];
    while (view_of(game).phase != PHASE_OVER) {
        size_t n = game_actions(game, list, 16);
        assert_true(n > 0);
        Action a = list[rng_below(&rng, (uint32_t)n)];
        act(game, a.type, a.index);
    }
}

static void test_same_inputs_same_bytes(void **state)
{
    (void)state;
    GameOptions opt = {.names = {"Ana", "Bo"}, .rounds = 5, .needs = {NEED_SPACE, NEED_CLOSER}};
    char *a, *b;
    size_t alen, blen;
    for (uint64_t seed = 0; seed < 20; seed++) {
        Game *one = make_ok(&opt, seed, NULL), *two = make_ok(&opt, seed, NULL);
        assert_int_equal(game_save(one, &a, &alen), GAME_OK);
        assert_int_equal(game_save(two, &b, &blen), GAME_OK);
        assert_int_equal(alen, blen);
        assert_memory_equal(a, b, alen);
        free(a);
        free(b);
        play_scripted(one, seed);
        play_scripted(two, seed);
        assert_int_equal(game_save(one, &a, &alen), GAME_OK);
        assert_int_equal(game_save(two, &b, &blen), GAME_OK);
        assert_int_equal(alen, blen);
        assert_memory_equal(a, b, alen);
        assert_true(game_hash(one) == game_hash(two));
        free(a);
        free(b);
        /* Restarting with a seed is the same as a new game with it. */
        game_restart(one, seed + 100);
        Game *fresh = make_ok(&opt, seed + 100, NULL);
        assert_int_equal(game_save(one, &a, &alen), GAME_OK);
        assert_int_equal(game_save(fresh, &b, &blen), GAME_OK);
        assert_int_equal(alen, blen);
        assert_memory_equal(a, b, alen);
        free(a);
        free(b);
        game_free(fresh);
        game_free(one);
        game_free(two);
    }
    /* Different seeds deal differently. */
    Game *x = make_ok(&opt, 1, NULL), *y = make_ok(&opt, 2, NULL);
    assert_true(game_hash(x) != game_hash(y));
    game_free(x);
    game_free(y);
}

static void test_rng(void **state)
{
    (void)state;
    Rng a, b;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    for (int i = 0; i < 100; i++)
        assert_true(rng_next(&a) == rng_next(&b));
    rng_seed(&a, 0);
    assert_true(rng_valid(&a));
    int counts[6] = {0};
    for (int i = 0; i < 60000; i++) {
        uint32_t r = rng_below(&a, 6);
        assert_true(r < 6);
        counts[r]++;
    }
    for (int i = 0; i < 6; i++)
        assert_true(counts[i] > 9500 && counts[i] < 10500);
    assert_int_equal(rng_below(&a, 1), 0);
    Rng zero = {{0, 0, 0, 0}};
    assert_false(rng_valid(&zero));
}

static void test_names_of_things(void **state)
{
    (void)state;
    assert_string_equal(game_phase_name(PHASE_SHARING), "sharing");
    assert_string_equal(game_phase_name(PHASE_SUPPORT_PICK), "support-pick");
    assert_string_equal(game_phase_name(PHASE_OVER), "over");
    assert_string_equal(game_phase_name(PHASE_COUNT), "?");
    assert_string_equal(game_action_name(ACTION_REDRAW), "redraw");
    assert_string_equal(game_action_name(ACTION_COUNT), "?");
    assert_string_equal(game_need_name(NEED_SPACE), "space");
    assert_string_equal(game_error_message(GAME_OK), "no error");
    assert_string_equal(game_error_message(GAME_ERROR_COUNT), "unknown error");
}

/* ---- support that fits the goal ---- */

static const char fit_solo[] = "deck: Mine\nkind: solo\nweight: 0\nBake\n    where: home\n    traits: shareable\n"
                               "Diary\n    where: home\n    traits: private\n";
static const char fit_support[] = "deck: Help\nkind: support\nweight: 0\nAudience\n    suits: shareable\nDoor\n    suits: out\n"
                                  "Quiet\n    suits: home\nAnyA\nAnyB\n    suits: any\n";

/* Picks the solo card with text on the table. */
static void pick_text(Game *game, const char *text)
{
    GameView v = view_of(game);
    for (int i = 0; i < v.card_count; i++) {
        if (strcmp(v.cards[i].text, text) == 0) {
            act(game, ACTION_PICK, i);
            return;
        }
    }
    fail_msg("no card \"%s\" on the table", text);
}

static void to_solo_pick(Game *game)
{
    act(game, ACTION_DONE, 0);
    act(game, ACTION_DONE, 0);
    act(game, ACTION_PICK, 0);
    act(game, ACTION_DAY, view_of(game).round - 1);
    act(game, ACTION_TIME, 0);
    assert_int_equal(view_of(game).phase, PHASE_SOLO_PICK);
}

static void expect_support(Game *game, const char *a, const char *b)
{
    GameView v = view_of(game);
    assert_int_equal(v.phase, PHASE_SUPPORT_PICK);
    assert_int_equal(v.card_count, 2);
    bool ab = strcmp(v.cards[0].text, a) == 0 && strcmp(v.cards[1].text, b) == 0;
    bool ba = strcmp(v.cards[0].text, b) == 0 && strcmp(v.cards[1].text, a) == 0;
    if (!ab && !ba)
        print_error("dealt \"%s\" and \"%s\"; expected \"%s\" and \"%s\"\n", v.cards[0].text, v.cards[1].text, a, b);
    assert_true(ab || ba);
}

static void test_support_fits_goal(void **state)
{
    (void)state;
    const char *texts[KINDS] = {NULL, NULL, fit_solo, fit_support, NULL};
    for (uint64_t seed = 0; seed < 20; seed++) {
        Game *game = make_ok(&(GameOptions){.rounds = 2}, seed, texts);
        to_solo_pick(game);
        /* At home and shareable: both cards that fit it by name. */
        pick_text(game, "Bake");
        GameView v = view_of(game);
        assert_int_equal(v.held.fit, DECK_FIT_HOME | DECK_FIT_SHAREABLE);
        act(game, ACTION_DAY, 0);
        expect_support(game, "Audience", "Quiet");
        act(game, ACTION_PICK, 0);
        /* At home and private: the one that fits by name first, then one
         * that suits any goal; never the audience. */
        pick_text(game, "Diary");
        act(game, ACTION_DAY, 0);
        v = view_of(game);
        assert_string_equal(v.cards[0].text, "Quiet");
        assert_int_equal(v.cards[0].fit, DECK_FIT_HOME);
        assert_int_equal(v.cards[1].fit, 0);
        assert_true(strcmp(v.cards[1].text, "AnyA") == 0 || strcmp(v.cards[1].text, "AnyB") == 0);
        act(game, ACTION_PICK, 1);
        /* Own goals: out gets the door; a place not said gets two that
         * suit any goal. */
        to_solo_pick(game);
        assert_int_equal(game_apply(game, (Action){.type = ACTION_CUSTOM, .index = GOAL_WHERE_OUT, .text = "Climb"}),
                         GAME_OK);
        assert_int_equal(view_of(game).held.fit, DECK_FIT_OUT);
        act(game, ACTION_DAY, 0);
        v = view_of(game);
        assert_string_equal(v.cards[0].text, "Door");
        assert_int_equal(v.cards[1].fit, 0);
        act(game, ACTION_PICK, 0);
        custom(game, "Rest");
        assert_int_equal(view_of(game).held.fit, 0);
        act(game, ACTION_DAY, 0); /* two own goals of -3: a rebalance first */
        assert_int_equal(view_of(game).phase, PHASE_REBALANCE);
        act(game, ACTION_PICK, 0);
        expect_support(game, "AnyA", "AnyB");
        act(game, ACTION_PICK, 0);
        GameSummary s;
        game_summary(game, &s);
        assert_true(s.over);
        /* One goal a partner: round 2's swapped round 1's, in their places. */
        assert_int_equal(s.goal_count, 2);
        assert_string_equal(s.goals[1].goal.text, "Climb");
        assert_int_equal(s.goals[1].goal.fit, DECK_FIT_OUT);
        assert_string_equal(s.goals[1].support.text, "Door");
        assert_string_equal(s.made[2].goal.text, "Climb");
        /* The place of an own goal survives a save. */
        char *buf;
        size_t len;
        assert_int_equal(game_save(game, &buf, &len), GAME_OK);
        Game *copy;
        assert_int_equal(game_load(buf, len, &copy, NULL, 0), GAME_OK);
        game_summary(copy, &s);
        assert_int_equal(s.goals[1].goal.fit, DECK_FIT_OUT);
        assert_int_equal(s.goals[0].goal.fit, 0);
        assert_string_equal(s.goals[0].goal.text, "Rest");
        free(buf);
        game_free(copy);
        game_free(game);
    }
}

static void test_support_fit_refusals(void **state)
{
    (void)state;
    Game *game = make_ok(NULL, 1, NULL);
    to_solo_pick(game);
    const char *message = "a goal's place is 0 (not said), 1 (at home) or 2 (out)";
    refused(game, (Action){.type = ACTION_CUSTOM, .index = 3, .text = "Run"}, GAME_E_WHERE, message);
    refused(game, (Action){.type = ACTION_CUSTOM, .index = -1, .text = "Run"}, GAME_E_WHERE, message);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_CUSTOM, .index = GOAL_WHERE_HOME, .text = "Run"}), GAME_OK);
    game_free(game);
    /* A game needs two support cards that suit any goal. */
    char err[256];
    GameError e;
    const char *one_any[KINDS] = {NULL, NULL, NULL, "deck: H\nkind: support\nA\n    suits: out\nB\n    suits: home\nC\n", NULL};
    assert_null(make(NULL, 1, one_any, &e, err, sizeof err));
    assert_int_equal(e, GAME_E_FEW_CARDS);
    assert_string_equal(err, "the support decks in play have 1 card that suits any goal; a game needs at least 2 (cards "
                             "without 'suits:', or with 'suits: any')");
    const char *no_any[KINDS] = {NULL, NULL, NULL, "deck: H\nkind: support\nA\n    suits: out\nB\n    suits: home\n", NULL};
    assert_null(make(NULL, 1, no_any, &e, err, sizeof err));
    assert_string_equal(err, "the support decks in play have 0 cards that suit any goal; a game needs at least 2 (cards "
                             "without 'suits:', or with 'suits: any')");
}

/* ---- both answer ---- */

/* Both answer: the reader answers, then the listener answers the same card
 * (the turn shows the listener; no pass; the rope moves once, when the
 * reader answers, and a rebalance waits until the listener is done). */
static void test_both_answer(void **state)
{
    (void)state;
    const char *texts[KINDS] = {"deck: Talk\nkind: sharing\nweight: 3\nHeavy one\n    follow-up: What are you proudest of?\n"
                                "Heavy two\n"};
    GameOptions opt = {.names = {"Mia", "Noah"}, .rounds = 2, .both_answer = true};
    Game *game = make_ok(&opt, 4, texts);
    GameView v;
    game_view(game, &v);
    assert_true(v.both_answer);
    assert_false(v.listening);
    assert_int_equal(v.turn, 0);
    assert_int_equal(v.reader, 0);
    assert_int_equal(v.allowed, 1u << ACTION_DONE | 1u << ACTION_PASS);
    const char *first = v.cards[0].text;
    assert_int_equal(game_apply(game, (Action){.type = ACTION_DONE}), GAME_OK);
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_SHARING);
    assert_true(v.listening);
    assert_int_equal(v.turn, 1);   /* Noah answers now */
    assert_int_equal(v.reader, 0); /* Mia's card */
    assert_string_equal(v.cards[0].text, first);
    assert_int_equal(v.balance, 3);
    assert_int_equal(v.allowed, 1u << ACTION_DONE);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_PASS}), GAME_E_NOT_NOW);
    Action list[GAME_DAYS + 1];
    assert_int_equal(game_actions(game, list, GAME_DAYS + 1), 1);
    assert_int_equal(list[0].type, ACTION_DONE);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_DONE}), GAME_OK);
    game_view(game, &v);
    assert_false(v.listening);
    assert_int_equal(v.turn, 1); /* Noah's own card */
    assert_int_equal(v.reader, 1);
    assert_int_equal(v.balance, 3); /* once, not twice */
    /* Noah's card takes the rope to 6, past the safe range: the rebalance
     * comes once Mia has answered it too, not between the two answers. */
    assert_int_equal(game_apply(game, (Action){.type = ACTION_DONE}), GAME_OK);
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_SHARING);
    assert_true(v.listening);
    assert_int_equal(v.turn, 0);
    assert_int_equal(v.balance, 6);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_DONE}), GAME_OK);
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_REBALANCE);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.step_count, 4);
    const int turns[4] = {0, 1, 1, 0}, weights[4] = {3, 0, 3, 0};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(s.steps[i].phase, PHASE_SHARING);
        assert_int_equal(s.steps[i].type, ACTION_DONE);
        assert_int_equal(s.steps[i].turn, turns[i]);
        assert_int_equal(s.steps[i].weight, weights[i]);
    }
    game_free(game);
}

/* The same choices with and without both answering end in the same game:
 * the listener's answers add steps and nothing else. */
static void test_both_answer_same_rope(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 30; seed++) {
        GameOptions one = {.rounds = (int)(seed % 7) + 1}, both = one;
        both.both_answer = true;
        Game *a = make_ok(&one, seed, NULL), *b = make_ok(&both, seed, NULL);
        GameView va, vb;
        game_view(a, &va);
        int listened = 0;
        while (va.phase != PHASE_OVER) {
            Action list[GAME_DAYS + 1];
            game_actions(a, list, GAME_DAYS + 1);
            Action act = list[seed % 2 && (va.allowed & 1u << ACTION_PICK) ? 1 : 0];
            assert_int_equal(game_apply(a, act), GAME_OK);
            assert_int_equal(game_apply(b, act), GAME_OK);
            game_view(b, &vb);
            if (vb.listening) {
                assert_int_equal(game_apply(b, (Action){.type = ACTION_DONE}), GAME_OK);
                listened++;
            }
            game_view(a, &va);
            game_view(b, &vb);
            assert_int_equal(va.phase, vb.phase);
            assert_int_equal(va.balance, vb.balance);
            assert_int_equal(va.turn, vb.turn);
        }
        GameSummary sa, sb;
        game_summary(a, &sa);
        game_summary(b, &sb);
        assert_int_equal(listened, 2 * sa.rounds);
        assert_int_equal(sb.step_count, sa.step_count + listened);
        assert_int_equal(sb.stars, sa.stars);
        assert_int_equal(sb.rebalances, sa.rebalances);
        game_free(a);
        game_free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_rounds_range),
        cmocka_unit_test(test_middle_from_needs),
        cmocka_unit_test(test_timer_hint),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_deck_set_needs_every_kind),
        cmocka_unit_test(test_deck_set_needs_enough_cards),
        cmocka_unit_test(test_default_weights),
        cmocka_unit_test(test_round_levels),
        cmocka_unit_test(test_nearest_level_when_one_is_empty),
        cmocka_unit_test(test_phases_of_every_round),
        cmocka_unit_test(test_cards_shown_per_moment),
        cmocka_unit_test(test_passes),
        cmocka_unit_test(test_passed_card_goes_to_the_bottom),
        cmocka_unit_test(test_done_applies_weight_pass_does_not),
        cmocka_unit_test(test_redraw_once_per_game),
        cmocka_unit_test(test_pick_day_time_validation),
        cmocka_unit_test(test_plan_weight_applies_when_kept),
        cmocka_unit_test(test_solo_goal_and_support),
        cmocka_unit_test(test_goal_cap_keep_and_swap),
        cmocka_unit_test(test_own_goal_text),
        cmocka_unit_test(test_rebalance_at_more_than_four),
        cmocka_unit_test(test_rebalance_never_twice_in_a_row),
        cmocka_unit_test(test_rebalance_choice_and_skip),
        cmocka_unit_test(test_rebalance_pairs_touch_with_no_touch),
        cmocka_unit_test(test_plan_slots_and_goal_warning),
        cmocka_unit_test(test_rebalance_without_weight_pulls_two),
        cmocka_unit_test(test_rebalance_around_a_shifted_middle),
        cmocka_unit_test(test_star_within_two),
        cmocka_unit_test(test_stars_per_round_and_summary),
        cmocka_unit_test(test_no_card_twice_until_pile_is_dealt),
        cmocka_unit_test(test_seen_cards_come_last),
        cmocka_unit_test(test_kept_first_passed_last),
        cmocka_unit_test(test_identical_cards_are_one),
        cmocka_unit_test(test_same_inputs_same_bytes),
        cmocka_unit_test(test_rng),
        cmocka_unit_test(test_names_of_things),
        cmocka_unit_test(test_support_fits_goal),
        cmocka_unit_test(test_support_fit_refusals),
        cmocka_unit_test(test_both_answer),
        cmocka_unit_test(test_both_answer_same_rope),
    };
    return cmocka_run_group_tests_name("game", tests, NULL, NULL);
}
