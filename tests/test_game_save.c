/* SPDX-License-Identifier: MIT */
/* Saved games: a save at any action continues exactly as the game never
 * stopped; a save holds its cards' text; truncated, damaged, forged and newer
 * saves are refused with their message, never loaded half-way. */
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
#include "record.h"
#include "rng.h"

enum { KINDS = KIND_COUNT, MAX_ACTIONS = GAME_MAX_STEPS };

static const char *const builtin_files[KINDS] = {"sharing.deck", "planning.deck", "solo.deck", "support.deck",
                                                 "rebalance.deck"};

/* Small decks: tiny piles, so seven rounds reshuffle every one of them. */
static const char *const small[KINDS] = {
    "deck: Talk\nkind: sharing\nlevel: 1\nS1a\nS1b\n    weight: 2\n    follow-up: And then?\nlevel: 2\nS2a\n    weight: -1\nS2b\nlevel: 3\n"
    "S3a\nS3b\n    weight: 0\n",
    "deck: Plans\nkind: planning\nP1\nP2\n    weight: 0\nP3\n    weight: 3\nP4\n    weight: 1\n",
    "deck: Mine\nkind: solo\nO1\nO2\n    weight: -1\nO3\n    weight: -2\n",
    "deck: Help\nkind: support\nU1\nU2\n    weight: 0\nU3\n    weight: 3\n",
    "deck: Steady\nkind: rebalance\nweight: 2\nR+\nweight: -3\nR-\nweight: -1\nR-small\n",
};

static Deck *builtin[KINDS];

static int load_builtin(void **state)
{
    (void)state;
    for (int k = 0; k < KINDS; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/decks/%s", SOURCE_DIR, builtin_files[k]);
        DeckReport report = {0};
        builtin[k] = deck_load(path, &report);
        deck_report_free(&report);
        if (!builtin[k])
            return -1;
    }
    return 0;
}

static int free_builtin(void **state)
{
    (void)state;
    for (int k = 0; k < KINDS; k++)
        deck_free(builtin[k]);
    return 0;
}

static Game *small_game(const GameOptions *opt, uint64_t seed)
{
    Deck *decks[KINDS];
    for (int k = 0; k < KINDS; k++) {
        DeckReport report = {0};
        decks[k] = deck_parse(small[k], strlen(small[k]), &report);
        deck_report_free(&report);
        assert_non_null(decks[k]);
    }
    Game *game = NULL;
    char err[256];
    assert_int_equal(game_new(opt, (const Deck *const *)decks, KINDS, seed, &game, err, sizeof err), GAME_OK);
    for (int k = 0; k < KINDS; k++)
        deck_free(decks[k]);
    return game;
}

static Game *builtin_game(const GameOptions *opt, uint64_t seed)
{
    Game *game = NULL;
    char err[256];
    assert_int_equal(game_new(opt, (const Deck *const *)builtin, KINDS, seed, &game, err, sizeof err), GAME_OK);
    return game;
}

typedef struct {
    char *data;
    size_t len;
} Buf;

static Buf save(const Game *game)
{
    Buf b;
    assert_int_equal(game_save(game, &b.data, &b.len), GAME_OK);
    assert_non_null(b.data);
    return b;
}

static void assert_same(Buf a, Buf b)
{
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
}

static Game *load_ok(Buf b)
{
    Game *game = NULL;
    char err[256] = "";
    GameError e = game_load(b.data, b.len, &game, err, sizeof err);
    if (e != GAME_OK)
        print_error("game_load: %s\n", err);
    assert_int_equal(e, GAME_OK);
    assert_non_null(game);
    return game;
}

static const char *const own_goals[] = {
    "Swim in the lake before breakfast",
    "Finally frame the prints \xE2\x80\x94 all three",
    "\xE5\x86\x99\xE4\xB8\x80\xE5\xB0\x81\xE4\xBF\xA1",
};

/* Plays a whole game with random allowed actions, own goals now and then,
 * recording every action. Returns how many. */
static int play_recorded(Game *game, Rng *rng, Action *out)
{
    int n = 0;
    GameView v;
    game_view(game, &v);
    while (v.phase != PHASE_OVER) {
        Action list[GAME_DAYS + 1];
        size_t count = game_actions(game, list, GAME_DAYS + 1);
        Action a = list[rng_below(rng, (uint32_t)count)];
        if ((v.allowed & 1u << ACTION_CUSTOM) && rng_below(rng, 4) == 0)
            a = (Action){.type = ACTION_CUSTOM, .text = own_goals[rng_below(rng, 3)]};
        assert_int_equal(game_apply(game, a), GAME_OK);
        assert_true(n < MAX_ACTIONS);
        out[n++] = a;
        game_view(game, &v);
    }
    return n;
}

static void replay(Game *game, const Action *actions, int from, int to)
{
    for (int i = from; i < to; i++)
        assert_int_equal(game_apply(game, actions[i]), GAME_OK);
}

/* Saves at every action index of a game, loads, and continues: the end is
 * byte for byte the end of the game that never stopped. */
static void round_trip_every_index(Game *(*make)(const GameOptions *, uint64_t), const GameOptions *opt,
                                   uint64_t seed)
{
    static Action actions[MAX_ACTIONS];
    Rng rng;
    rng_seed(&rng, seed ^ 0x5EED);
    Game *whole = make(opt, seed);
    int n = play_recorded(whole, &rng, actions);
    Buf end = save(whole);
    game_free(whole);

    Game *live = make(opt, seed);
    char problem[160];
    for (int k = 0; k <= n; k++) {
        assert_true(game_check(live, problem, sizeof problem));
        Buf here = save(live);
        Game *copy = load_ok(here);
        Buf again = save(copy);
        assert_same(here, again);
        assert_true(game_hash(copy) == game_hash(live));
        replay(copy, actions, k, n);
        Buf copy_end = save(copy);
        assert_same(copy_end, end);
        free(here.data);
        free(again.data);
        free(copy_end.data);
        game_free(copy);
        if (k < n)
            replay(live, actions, k, k + 1);
    }
    game_free(live);
    free(end.data);
}

static void test_round_trip_small_decks(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 150; seed++) {
        GameOptions opt = {.rounds = (int)(seed % 7) + 1,
                           .needs = {(Need)(seed % 3), (Need)(seed / 3 % 3)},
                           .timer_minutes = (int)(seed % 4),
                           .names = {"Ana", seed % 2 ? "\xC3\x89lodie" : NULL},
                           .both_answer = seed % 5 < 3};
        round_trip_every_index(small_game, &opt, seed);
    }
}

/* A plan carried in at the check-in is a plan of the new game, for some
 * day at any time, and its save keeps it. */
static void test_carried_plans(void **state)
{
    (void)state;
    const char *carried[] = {"Picnic by the lake", "Call Grandma together"};
    GameOptions opt = {.carried_plans = carried, .carried_count = 2};
    Game *game = small_game(&opt, 5);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.carried_count, 2);
    assert_string_equal(s.carried[1], "Call Grandma together");
    Buf b = save(game);
    assert_memory_equal(b.data, "tightrope-save 5\n", 17);
    Game *copy = load_ok(b);
    game_summary(copy, &s);
    assert_int_equal(s.carried_count, 2);
    assert_string_equal(s.carried[0], "Picnic by the lake");
    assert_int_equal(game_hash(copy), game_hash(game));
    Record r;
    assert_true(record_from_summary(&r, &s, NULL, 0, "2026-01-05 20:00:00"));
    assert_int_equal(r.plan_count, 2);
    assert_string_equal(r.plans[0].text, "Picnic by the lake");
    assert_int_equal(r.plans[0].day, RECORD_SOME_DAY);
    assert_int_equal(r.plans[0].time, TIME_ANY);
    record_free(&r);
    free(b.data);
    game_free(copy);
    game_free(game);
    /* Too many, or no text: refused with a sentence. */
    const char *bad[] = {""};
    GameOptions none = {.carried_plans = bad, .carried_count = 1};
    Game *g = NULL;
    char err[256];
    assert_int_equal(game_new(&none, NULL, 0, 1, &g, err, sizeof err), GAME_E_CARRIED);
    assert_null(g);
    none.carried_count = GAME_CARRIED_MAX + 1;
    assert_int_equal(game_new(&none, NULL, 0, 1, &g, err, sizeof err), GAME_E_CARRIED);
    assert_string_equal(err, "a carried plan needs 1 to 500 characters of card text, and at most 7 are carried");
}

static void test_round_trip_builtin_decks(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 40; seed++) {
        GameOptions opt = {.rounds = seed % 3 ? 3 : 7, .both_answer = seed % 2};
        round_trip_every_index(builtin_game, &opt, 1000 + seed);
    }
}

static void test_save_is_self_contained(void **state)
{
    (void)state;
    /* The decks were freed inside small_game; the save alone brings back
     * every card's text, kind, level and weight. */
    Game *game = small_game(NULL, 3);
    Buf b = save(game);
    assert_memory_equal(b.data, "tightrope-save 5\n", 17);
    Game *copy = load_ok(b);
    assert_int_equal(game_card_count(copy), game_card_count(game));
    for (size_t i = 0; i < game_card_count(game); i++) {
        GameCard x, y;
        game_card(game, (int)i, &x);
        game_card(copy, (int)i, &y);
        assert_string_equal(x.text, y.text);
        assert_int_equal(x.kind, y.kind);
        assert_int_equal(x.level, y.level);
        assert_int_equal(x.weight, y.weight);
    }
    GameView a, c;
    game_view(game, &a);
    game_view(copy, &c);
    assert_string_equal(a.cards[0].text, c.cards[0].text);
    assert_string_equal(c.names[0], "Player 1");
    free(b.data);
    game_free(copy);
    game_free(game);
}

static GameError load_err(const char *data, size_t len, char *err, size_t errlen)
{
    Game *game = (Game *)&err; /* must be replaced by NULL */
    GameError e = game_load(data, len, &game, err, errlen);
    if (e != GAME_OK)
        assert_null(game);
    else
        game_free(game);
    return e;
}

static void test_truncated_refused(void **state)
{
    (void)state;
    Game *game = small_game(NULL, 5);
    for (int i = 0; i < 9; i++) {
        Action list[GAME_DAYS + 1];
        game_actions(game, list, GAME_DAYS + 1);
        assert_int_equal(game_apply(game, list[0]), GAME_OK);
    }
    Buf b = save(game);
    char err[256];
    for (size_t len = 0; len < b.len; len++) {
        GameError e = load_err(b.data, len, err, sizeof err);
        assert_int_equal(e, len == 0 ? GAME_E_SAVE_NOT : GAME_E_SAVE_TRUNCATED);
    }
    assert_int_equal(load_err(b.data, 10, err, sizeof err), GAME_E_SAVE_TRUNCATED);
    assert_string_equal(err, "the saved game is cut short (it ends inside its first line); it cannot be continued");
    assert_int_equal(load_err(b.data, 20, err, sizeof err), GAME_E_SAVE_TRUNCATED);
    assert_string_equal(err, "the saved game is cut short (it ends inside its header); it cannot be continued");
    char expect[160];
    snprintf(expect, sizeof expect, "the saved game is cut short (%zu of %zu bytes); it cannot be continued",
             b.len - 1, b.len);
    assert_int_equal(load_err(b.data, b.len - 1, err, sizeof err), GAME_E_SAVE_TRUNCATED);
    assert_string_equal(err, expect);
    assert_int_equal(load_err(b.data, b.len, err, sizeof err), GAME_OK);
    free(b.data);
    game_free(game);
}

static void test_every_damaged_byte_refused(void **state)
{
    (void)state;
    Game *game = small_game(NULL, 6);
    Buf b = save(game);
    char *copy = malloc(b.len);
    char err[256];
    static const unsigned char flips[] = {0x01, 0x80, 0xFF, 0x10};
    for (size_t at = 0; at < b.len; at++) {
        for (size_t f = 0; f < sizeof flips; f++) {
            memcpy(copy, b.data, b.len);
            copy[at] = (char)(copy[at] ^ flips[f]);
            GameError e = load_err(copy, b.len, err, sizeof err);
            assert_true(e == GAME_E_SAVE_CORRUPT || e == GAME_E_SAVE_TRUNCATED || e == GAME_E_SAVE_NOT ||
                        e == GAME_E_SAVE_NEWER);
            if (at >= 21) /* the checksum or the payload */
                assert_int_equal(e, GAME_E_SAVE_CORRUPT);
        }
    }
    memcpy(copy, b.data, b.len);
    copy[b.len - 1] ^= 0x01;
    assert_int_equal(load_err(copy, b.len, err, sizeof err), GAME_E_SAVE_CORRUPT);
    assert_string_equal(err, "the saved game is damaged (its checksum does not match); it cannot be continued");
    free(copy);
    free(b.data);
    game_free(game);

    /* A built-in game's save, sampled. */
    game = builtin_game(NULL, 7);
    b = save(game);
    copy = malloc(b.len);
    for (size_t at = 21; at < b.len; at += 53) {
        memcpy(copy, b.data, b.len);
        copy[at] ^= 0x20;
        assert_int_equal(load_err(copy, b.len, err, sizeof err), GAME_E_SAVE_CORRUPT);
    }
    free(copy);
    free(b.data);
    game_free(game);
}

static void test_newer_version_refused(void **state)
{
    (void)state;
    Game *game = small_game(NULL, 7);
    Buf b = save(game);
    char err[256];
    char *copy = malloc(b.len + 1);
    memcpy(copy, b.data, b.len);
    copy[15] = '6';
    assert_int_equal(load_err(copy, b.len, err, sizeof err), GAME_E_SAVE_NEWER);
    assert_string_equal(err, "this game was saved by a newer version of Tightrope (save format 6); update Tightrope "
                             "to continue it");
    /* "tightrope-save 10\n": newer, even though its header is a byte longer. */
    memcpy(copy, b.data, 15);
    memcpy(copy + 15, "10", 2);
    memcpy(copy + 17, b.data + 16, b.len - 16);
    assert_int_equal(load_err(copy, b.len + 1, err, sizeof err), GAME_E_SAVE_NEWER);
    assert_string_equal(err, "this game was saved by a newer version of Tightrope (save format 10); update Tightrope "
                             "to continue it");
    free(copy);
    free(b.data);
    game_free(game);
}

static void test_not_a_save_refused(void **state)
{
    (void)state;
    char err[256];
    assert_int_equal(load_err(NULL, 0, err, sizeof err), GAME_E_SAVE_NOT);
    assert_string_equal(err, "this is not a Tightrope saved game");
    assert_int_equal(load_err("", 0, err, sizeof err), GAME_E_SAVE_NOT);
    assert_int_equal(load_err("hello, world\n", 13, err, sizeof err), GAME_E_SAVE_NOT);
    assert_int_equal(load_err("SQLite format 3", 15, err, sizeof err), GAME_E_SAVE_NOT);
    assert_int_equal(load_err("tightrope-save x\n", 17, err, sizeof err), GAME_E_SAVE_CORRUPT);
    assert_string_equal(err,
                        "the saved game is damaged (its first line is not a save format version); it cannot be continued");
    assert_int_equal(load_err("tightrope-save 0\n", 17, err, sizeof err), GAME_E_SAVE_CORRUPT);
    /* Bytes after the end. */
    Game *game = small_game(NULL, 8);
    Buf b = save(game);
    char *longer = malloc(b.len + 1);
    memcpy(longer, b.data, b.len);
    longer[b.len] = '\n';
    assert_int_equal(load_err(longer, b.len + 1, err, sizeof err), GAME_E_SAVE_CORRUPT);
    assert_string_equal(err, "the saved game is damaged (there are bytes after its end); it cannot be continued");
    /* A NULL err buffer is fine. */
    Game *out;
    assert_int_equal(game_load(longer, b.len + 1, &out, NULL, 0), GAME_E_SAVE_CORRUPT);
    assert_null(out);
    free(longer);
    free(b.data);
    game_free(game);
}

/* A frozen save written as hex. */
static Buf from_hex(const char *hex)
{
    size_t len = strlen(hex) / 2;
    Buf b = {malloc(len), len};
    assert_non_null(b.data);
    for (size_t i = 0; i < len; i++) {
        unsigned byte;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
        b.data[i] = (char)byte;
    }
    return b;
}

/* A game loaded from an older format: saved again it is this version's
 * format and loads the same, and it plays on to its end under this
 * version's rules, every state sound. Frees game and old. */
static void saved_again_plays_on(Game *game, Buf old)
{
    Buf now = save(game);
    assert_memory_equal(now.data, "tightrope-save 5\n", 17);
    assert_int_equal(game_save_format(now.data, now.len), GAME_SAVE_VERSION);
    Game *again = load_ok(now);
    assert_int_equal(game_hash(again), game_hash(game));
    char why[160];
    GameView v;
    while (game_view(game, &v), v.phase != PHASE_OVER) {
        Action list[GAME_DAYS + 1];
        assert_true(game_actions(game, list, GAME_DAYS + 1) > 0);
        assert_int_equal(game_apply(game, list[0]), GAME_OK);
        assert_true(game_check(game, why, sizeof why));
    }
    game_free(again);
    game_free(game);
    free(now.data);
    free(old.data);
}

/* A frozen save of format version (hex), loaded: *old holds its bytes. */
static Game *load_frozen(const char *hex, unsigned long version, Buf *old)
{
    *old = from_hex(hex);
    char head[32];
    snprintf(head, sizeof head, "tightrope-save %lu\n", version);
    assert_memory_equal(old->data, head, strlen(head));
    assert_int_equal(game_save_format(old->data, old->len), version);
    return load_ok(*old);
}

/* ---- saves of format 4, a new goal each round under the rules before ---- */

/* Written by the engine of save format 4 (frozen): the small decks, Anna and
 * Ben, seed 11; round 1 played with the first choice (Anna's goal O1 on day
 * 1, Ben's O2 on day 2), and in round 2 Ben wrote a second goal of his own,
 * "Swim at dawn" (out, day 3), beside his first; Anna's solo turn waits. */
static const char save_v4_hex[] =
    "7469676874726f70652d7361766520340a5702000044d8d4009cfc55bd130000000001010000030000005331610001020200"
    "030000005331620002ff02000300000053326100020100000300000053326200030100000300000053336100030002000300"
    "0000533362010102000002000000503101010002000200000050320101030200020000005033010101020002000000503402"
    "01fd0000020000004f310201ff0200020000004f320201fe0200020000004f33030102000002000000553103010002000200"
    "000055320301030200020000005533040102020002000000522b0401fd020002000000522d0401ff020007000000522d736d"
    "616c6c04000000416e6e610300000042656e030000000b0000000000000000653439a8716a058419552794ba31f1a6cb63a6"
    "8622ee38524cef5baa6428272e02000000010000000000000002000000030000000200000000000000050000000400000003"
    "00000007000000060000000900000008000000020000000b0000000c0000000a000000020000000f0000000e0000000d0000"
    "00000000001000000000000000120000001100000004000201030000010002000000000000000b0000000c00000002090000"
    "00000007000000020003000a000000010f000000fd010b000000020e000000ff01ffffffff0c0000005377696d2061742064"
    "61776e01030f000000fd13000000000000000202000000010103010200000003020400000003030500000104040200000004"
    "05040100fd0106020001030404020001000405040201ff0306020000000300000001010400000000ff030102000100030204"
    "0201000303050001000304060101000305040301fd00060200000303"
    ;

static void test_version_4_loads(void **state)
{
    (void)state;
    Buf old;
    Game *game = load_frozen(save_v4_hex, 4, &old);
    /* Every goal of the rules before stays: Ben keeps two. */
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.goal_count, 3);
    assert_string_equal(s.goals[0].goal.text, "O1");
    assert_int_equal(s.goals[0].partner, 0);
    assert_string_equal(s.goals[1].goal.text, "O2");
    assert_string_equal(s.goals[2].goal.text, "Swim at dawn");
    assert_int_equal(s.goals[2].partner, 1);
    assert_int_equal(s.goals[2].day, 3);
    assert_int_equal(s.goals[2].round, 2);
    /* It goes on by this version's rules: Anna may keep her goal. */
    GameView v;
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_SOLO_PICK);
    assert_int_equal(v.turn, 0);
    assert_true(v.has_goal);
    assert_string_equal(v.goal.text, "O1");
    assert_int_equal(v.goal_day, 1);
    assert_true(v.allowed & 1u << ACTION_KEEP);
    assert_false(v.both_answer); /* played by the rules of its day: one answer a card */
    assert_false(v.listening);
    for (size_t i = 0; i < game_card_count(game); i++) {
        GameCard c;
        assert_true(game_card(game, (int)i, &c));
        assert_null(c.follow_up);
    }
    assert_int_equal(game_apply(game, (Action){.type = ACTION_KEEP}), GAME_OK);
    game_summary(game, &s);
    assert_int_equal(s.goal_count, 3);
    assert_int_equal(s.goals[0].kept, 1);
    saved_again_plays_on(game, old);
}

/* ---- saves of format 3, carried plans under the rules before ---- */

/* Written by the engine of save format 3 (frozen): the small decks, Anna and
 * Ben, seed 11, "Picnic by the lake" carried in from a check-in; Anna passed
 * and answered, Ben passed and answered, the pair picked plan 1 and its day
 * 3, and the game waits for its time. */
static const char save_v3_hex[] =
    "7469676874726f70652d7361766520330ada0100002d18feaf2cbe9229130000000001010000030000005331610001020200"
    "030000005331620002ff02000300000053326100020100000300000053326200030100000300000053336100030002000300"
    "0000533362010102000002000000503101010002000200000050320101030200020000005033010101020002000000503402"
    "01fd0000020000004f310201ff0200020000004f320201fe0200020000004f33030102000002000000553103010002000200"
    "000055320301030200020000005533040102020002000000522b0401fd020002000000522d0401ff020007000000522d736d"
    "616c6c04000000416e6e610300000042656e030000000b0000000000000001120000005069636e696320627920746865206c"
    "616b65d983f93420da855e984bd706277af8f147e9e26eb9424132e8c336f0dcf36b68010000000000000001000000000000"
    "0003000000020000000000000005000000040000000300000009000000080000000600000007000000000000000a0000000c"
    "0000000b000000000000000f0000000d0000000e000000000000001000000000000000120000001100000003000100020000"
    "0101010000000800000003ff0006000000000100000000000000000101000100010001000000010102010201000002020403"
    "000002"
    ;

static void test_version_3_loads(void **state)
{
    (void)state;
    Buf old;
    Game *game = load_frozen(save_v3_hex, 3, &old);
    GameView v;
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_PLAN_TIME);
    assert_string_equal(v.names[1], "Ben");
    assert_int_equal(v.held_day, 3);
    assert_int_equal(v.passes_used[0], 1);
    assert_int_equal(v.passes_used[1], 1);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.carried_count, 1);
    assert_string_equal(s.carried[0], "Picnic by the lake");
    assert_int_equal(s.step_count, 4); /* done, done, pick, day: the passes left the story */
    assert_int_equal(game_save_format("tightrope-save x\n", 17), 0);
    assert_int_equal(game_save_format("SQLite format 3", 15), 0);
    saved_again_plays_on(game, old);
}

/* Both answer and the follow-up question survive a save at every moment of
 * a sharing card: the listener's turn and the question come back. */
static void test_both_answer_saved(void **state)
{
    (void)state;
    GameOptions opt = {.names = {"Anna", "Ben"}, .both_answer = true};
    Game *game = small_game(&opt, 11);
    GameView v;
    game_view(game, &v);
    int passes = 0;
    while (strcmp(v.cards[0].text, "S1b") != 0 && passes++ < 10) {
        assert_int_equal(game_apply(game, (Action){.type = ACTION_PASS}), GAME_OK);
        game_view(game, &v);
    }
    assert_string_equal(v.cards[0].text, "S1b");
    assert_string_equal(v.cards[0].follow_up, "And then?");
    assert_int_equal(game_apply(game, (Action){.type = ACTION_DONE}), GAME_OK);
    Buf b = save(game);
    assert_memory_equal(b.data, "tightrope-save 5\n", 17);
    Game *copy = load_ok(b);
    game_view(copy, &v);
    assert_true(v.both_answer);
    assert_true(v.listening);
    assert_int_equal(v.turn, 1);
    assert_int_equal(v.reader, 0);
    assert_int_equal(v.balance, 2); /* S1b's weight, once */
    assert_string_equal(v.cards[0].follow_up, "And then?");
    assert_int_equal(game_hash(copy), game_hash(game));
    assert_int_equal(game_apply(copy, (Action){.type = ACTION_PASS}), GAME_E_NOT_NOW);
    assert_int_equal(game_apply(copy, (Action){.type = ACTION_DONE}), GAME_OK);
    game_view(copy, &v);
    assert_false(v.listening);
    assert_int_equal(v.turn, 1);
    assert_int_equal(v.reader, 1);
    assert_int_equal(v.balance, 2);
    free(b.data);
    game_free(copy);
    game_free(game);
}

/* ---- saves of format 2, from before unlimited passes ---- */

/* Written by the engine of save format 2 (frozen): the small decks, Anna and
 * Ben, seed 11; Anna passed twice and answered, Ben passed once and
 * answered, the pair picked plan P2 and its day 3, and the game waits for
 * its time. */
static const char save_v2_hex[] =
    "7469676874726f70652d7361766520320ac90100009474a158889432e8130000000001010000030000005331610001020200"
    "030000005331620002ff02000300000053326100020100000300000053326200030100000300000053336100030002000300"
    "0000533362010102000002000000503101010002000200000050320101030200020000005033010101020002000000503402"
    "01fd0000020000004f310201ff0200020000004f320201fe0200020000004f33030102000002000000553103010002000200"
    "000055320301030200020000005533040102020002000000522b0401fd020002000000522d0401ff020007000000522d736d"
    "616c6c04000000416e6e610300000042656e030000000b00000000000000d983f93420da855e984bd706277af8f147e9e26e"
    "b9424132e8c336f0dcf36b680100000001000000000000000000000003000000020000000000000005000000040000000300"
    "000009000000080000000600000007000000000000000a0000000c0000000b000000000000000f0000000d0000000e000000"
    "0000000010000000000000001200000011000000030001000400000001010000000800000003ff0007000000000100000000"
    "000100000000000000000202000100010002000000010204010201000004020403000004"
    ;

static void test_version_2_loads(void **state)
{
    (void)state;
    Buf old = from_hex(save_v2_hex);
    assert_memory_equal(old.data, "tightrope-save 2\n", 17);
    Game *game = load_ok(old);
    GameView v;
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_PLAN_TIME);
    assert_string_equal(v.names[0], "Anna");
    assert_int_equal(v.held_day, 3);
    assert_int_equal(v.balance, 4);
    /* Passes left of two become passes used, and leave the story. */
    assert_int_equal(v.passes_used[0], 2);
    assert_int_equal(v.passes_used[1], 1);
    assert_int_equal(v.allowed, 1u << ACTION_TIME);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.step_count, 4); /* done, done, pick, day */
    assert_int_equal(s.steps[0].type, ACTION_DONE);
    assert_int_equal(s.steps[1].type, ACTION_DONE);
    assert_int_equal(s.steps[1].balance, 4);
    assert_int_equal(s.steps[3].type, ACTION_DAY);
    saved_again_plays_on(game, old);
}

/* ---- saves of format 1, from before places, traits and suits ---- */

/* Written by the engine of save format 1 (frozen): small decks of every
 * kind, Anna and Ben, 3 rounds; round 1's goals are both typed ("Paint the
 * door blue", then "Call my brother"), and the game waits for Anna to pick
 * the support for Ben's goal. */
static const char save_v1_hex[] =
    "7469676874726f70652d7361766520310afd0100002d68c5757fc9702f120000000001010003000000533161000101000300"
    "0000533162000201000300000053326100020100030000005332620003010003000000533361000301000300000053336201"
    "0102000200000050310101020002000000503201010200020000005033010102000200000050340201fd00020000004f3102"
    "01fd00020000004f320201fd00020000004f3303010200020000005531030102000200000055320301020002000000553304"
    "01020202000000522b0401fe0202000000522d04000000416e6e610300000042656e0300000007000000000000000ca3f27e"
    "de39f7633f6072e5551571d0c982f2b618b5ce6a52ac574ad1c04ad802000000000000000100000000000000030000000200"
    "00000000000004000000050000000300000006000000070000000800000009000000020000000a0000000c0000000b000000"
    "020000000e0000000d0000000f000000000000001000000000000000110000000600010100000002020100020e0000000d00"
    "0000010600000000000100ffffffff130000005061696e742074686520646f6f7220626c7565000f000000fd01ffffffff0f"
    "00000043616c6c206d792062726f7468657200fffffffffd0a00000000000000010100000001010201020000000202040000"
    "000203050000020404060000000405040000fd0106020001020304060001000305040001fd00"
    ;

static Buf save_v1(void)
{
    return from_hex(save_v1_hex);
}

static void test_version_1_loads(void **state)
{
    (void)state;
    Buf old = save_v1();
    assert_memory_equal(old.data, "tightrope-save 1\n", 17);
    Game *game = load_ok(old);
    GameView v;
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_SUPPORT_PICK);
    assert_string_equal(v.names[0], "Anna");
    assert_string_equal(v.held.text, "Call my brother");
    assert_int_equal(v.held.id, -1);
    assert_int_equal(v.held.fit, 0); /* where unknown */
    assert_int_equal(v.card_count, 2);
    for (int i = 0; i < v.card_count; i++)
        assert_int_equal(v.cards[i].fit, 0);
    GameSummary s;
    game_summary(game, &s);
    assert_int_equal(s.goal_count, 1);
    assert_string_equal(s.goals[0].goal.text, "Paint the door blue");
    assert_int_equal(s.goals[0].goal.fit, 0);
    saved_again_plays_on(game, old);
}

/* ---- forged payloads: a right checksum over wrong content ---- */

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

enum { HEAD = 17 + 12 }; /* "tightrope-save 5\n", u32 length, u64 checksum */

static void reseal(unsigned char *data, size_t len)
{
    uint64_t sum = fnv1a(data + HEAD, len - HEAD);
    for (int i = 0; i < 8; i++)
        data[17 + 4 + i] = (unsigned char)(sum >> (8 * i));
}

/* Where the play fields (phase, resume, round, sub, balance, ...) start in
 * a small game's save: after the cards, setup, RNG and piles. */
static size_t play_fields_at(const Buf b, const Game *game)
{
    size_t at = HEAD + 4;
    for (size_t i = 0; i < game_card_count(game); i++) {
        GameCard c;
        game_card(game, (int)i, &c);
        at += 9 + strlen(c.text) + 4 + (c.follow_up ? strlen(c.follow_up) : 0); /* kind, level, weight, flags, fit, the text, the follow-up */
    }
    GameView v;
    game_view(game, &v);
    at += 4 + strlen(v.names[0]) + 4 + strlen(v.names[1]) + 5 + 8 + 1; /* names, rounds, needs, timer, both, seed, carried */
    at += 32;                                                           /* the RNG */
    at += 8 * 4 + 4 * game_card_count(game);                            /* 8 piles: top and order */
    assert_true(at < b.len);
    return at;
}

static void expect_forged(const Buf b, size_t at, unsigned char value, const char *why)
{
    unsigned char *copy = malloc(b.len);
    memcpy(copy, b.data, b.len);
    copy[at] = value;
    reseal(copy, b.len);
    char err[256], expect[256];
    snprintf(expect, sizeof expect, "the saved game is damaged (%s); it cannot be continued", why);
    assert_int_equal(load_err((const char *)copy, b.len, err, sizeof err), GAME_E_SAVE_CORRUPT);
    assert_string_equal(err, expect);
    free(copy);
}

static void test_forged_fields_refused(void **state)
{
    (void)state;
    Game *game = small_game(NULL, 9);
    Buf b = save(game);
    size_t f = play_fields_at(b, game);
    /* Untouched, it loads. */
    unsigned char *same = malloc(b.len);
    memcpy(same, b.data, b.len);
    reseal(same, b.len);
    assert_memory_equal(same, b.data, b.len);
    free(same);
    assert_int_equal((unsigned char)b.data[f], PHASE_SHARING);
    expect_forged(b, f + 0, 42, "the phase is out of range");
    expect_forged(b, f + 0, PHASE_OVER, "the plans and goals do not match the round");
    expect_forged(b, f + 0, PHASE_PLAN_PICK, "the number of cards on the table does not match the phase");
    expect_forged(b, f + 1, 3, "the resume point is set outside a rebalance");
    expect_forged(b, f + 2, 0, "the round is out of range");
    expect_forged(b, f + 2, 4, "the round is out of range");
    expect_forged(b, f + 3, 2, "the turn is out of range");
    expect_forged(b, f + 4, 5, "the balance is outside the safe range without a rebalance");
    expect_forged(b, f + 4, 3, "the balance does not match its history");
    expect_forged(b, f + 5, 1, "the stars do not match the rounds");
    expect_forged(b, f + 7, 2, "redraws left are out of range");
    expect_forged(b, f + 8, 5, "the rest after a rebalance is out of range");
    expect_forged(b, f + 9, 4, "too many cards on the table");
    expect_forged(b, f + 11 + 4, 2, "a rebalance pull is set outside a rebalance");
    /* The first card's kind, and the card count. */
    expect_forged(b, HEAD + 4, 9, "a card's kind, level or weight is out of range");
    expect_forged(b, HEAD + 5, 4, "a card's kind, level or weight is out of range");
    expect_forged(b, HEAD + 6, 0x7F, "a card's kind, level or weight is out of range");
    expect_forged(b, HEAD + 3, 0x40, "the number of cards is impossible");
    free(b.data);
    game_free(game);
}

/* Random damage with a right checksum: refused, or (rarely) a game that is
 * sound and plays to its end. Never a crash: the sanitizer build watches. */
static void test_forged_random_never_trusted(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 77);
    int loaded = 0;
    for (int round = 0; round < 40; round++) {
        Game *game = small_game(&(GameOptions){.rounds = 1 + round % 7}, (uint64_t)round);
        Action list[GAME_DAYS + 1];
        int steps = (int)rng_below(&rng, 30);
        for (int i = 0; i < steps; i++) {
            GameView v;
            game_view(game, &v);
            if (v.phase == PHASE_OVER)
                break;
            size_t n = game_actions(game, list, GAME_DAYS + 1);
            assert_int_equal(game_apply(game, list[rng_below(&rng, (uint32_t)n)]), GAME_OK);
        }
        Buf b = save(game);
        unsigned char *copy = malloc(b.len);
        for (int trial = 0; trial < 100; trial++) {
            memcpy(copy, b.data, b.len);
            int changes = 1 + (int)rng_below(&rng, 3);
            for (int c = 0; c < changes; c++)
                copy[HEAD + rng_below(&rng, (uint32_t)(b.len - HEAD))] = (unsigned char)rng_next(&rng);
            reseal(copy, b.len);
            Game *forged = NULL;
            char err[256];
            GameError e = game_load((const char *)copy, b.len, &forged, err, sizeof err);
            if (e != GAME_OK) {
                assert_int_equal(e, GAME_E_SAVE_CORRUPT);
                assert_null(forged);
                continue;
            }
            loaded++;
            char problem[160];
            assert_true(game_check(forged, problem, sizeof problem));
            for (int guard = 0; guard < GAME_MAX_STEPS; guard++) {
                GameView v;
                game_view(forged, &v);
                if (v.phase == PHASE_OVER)
                    break;
                size_t n = game_actions(forged, list, GAME_DAYS + 1);
                assert_true(n > 0);
                assert_int_equal(game_apply(forged, list[rng_below(&rng, (uint32_t)n)]), GAME_OK);
            }
            GameSummary s;
            game_summary(forged, &s);
            game_free(forged);
        }
        free(copy);
        free(b.data);
        game_free(game);
    }
    /* Some damage lands where any value is a sound game (a seed, the RNG,
     * a card's text): those load, and play on. */
    assert_true(loaded > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_save_is_self_contained),
        cmocka_unit_test(test_carried_plans),
        cmocka_unit_test(test_round_trip_small_decks),
        cmocka_unit_test(test_round_trip_builtin_decks),
        cmocka_unit_test(test_truncated_refused),
        cmocka_unit_test(test_every_damaged_byte_refused),
        cmocka_unit_test(test_newer_version_refused),
        cmocka_unit_test(test_not_a_save_refused),
        cmocka_unit_test(test_version_1_loads),
        cmocka_unit_test(test_version_2_loads),
        cmocka_unit_test(test_version_3_loads),
        cmocka_unit_test(test_version_4_loads),
        cmocka_unit_test(test_both_answer_saved),
        cmocka_unit_test(test_forged_fields_refused),
        cmocka_unit_test(test_forged_random_never_trusted),
    };
    return cmocka_run_group_tests_name("game save", tests, load_builtin, free_builtin);
}
