/* SPDX-License-Identifier: MIT */
/* Tests of the session glue: a real game committed after every action,
 * resumed exactly, finished into the journal, and a new game that prefers
 * the cards the couple has not seen recently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "journal.h"
#include "session.h"
#include <sqlite3.h>

#include "testplay.h"
#include "testutil.h"

static char tmpdir[256];
static char dbpath[512];
static Deck *decks[KIND_COUNT];
static size_t deck_count;

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(tmpdir, sizeof tmpdir, "session") != 0)
        return -1;
    snprintf(dbpath, sizeof dbpath, "%s/journal.db", tmpdir);
    setenv("XDG_DATA_HOME", tmpdir, 1);
    deck_count = testplay_decks(decks);
    return deck_count == KIND_COUNT ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    testplay_free_decks(decks, deck_count);
    return testutil_rmrf(tmpdir);
}

static Game *new_game(const GameOptions *opt, uint64_t seed)
{
    Game *game = NULL;
    char err[256];
    GameError e = game_new(opt, (const Deck *const *)decks, deck_count, seed, &game, err, sizeof err);
    if (e != GAME_OK)
        print_message("game_new: %s\n", err);
    assert_int_equal(e, GAME_OK);
    return game;
}

static bool over(const Game *game)
{
    GameView v;
    game_view(game, &v);
    return v.phase == PHASE_OVER;
}

static void test_play_resume_finish(void **state)
{
    (void)state;
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    GameOptions opt = {.names = {"Anna", "Ben"}, .needs = {NEED_CLOSER, NEED_BALANCED}};
    Game *game = new_game(&opt, 7);
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    assert_int_equal(session_begin(j, game, names, deck_count), JOURNAL_OK);

    /* A refused action is not kept. */
    JournalStatus saved;
    assert_int_equal(session_apply(j, game, (Action){.type = ACTION_TIME, .index = 1}, &saved), GAME_E_NOT_NOW);
    char buf[300];
    int applied = 0, passed = 0; /* passes are kept as actions, but are no step of the story */
    for (; applied < 12; applied++) {
        Action a = testplay_choose(game, buf, sizeof buf);
        passed += a.type == ACTION_PASS;
        assert_int_equal(session_apply(j, game, a, &saved), GAME_OK);
        assert_int_equal(saved, JOURNAL_OK);
    }
    /* Continue, as after closing the game: exactly the same game. */
    journal_close(j);
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    Game *resumed = NULL;
    long steps = 0;
    char err[256];
    assert_int_equal(session_resume(j, &resumed, &steps, err, sizeof err), JOURNAL_OK);
    assert_int_equal(steps, applied);
    assert_true(game_hash(resumed) == game_hash(game));
    game_free(game);
    game = resumed;
    char **actions;
    size_t count;
    assert_int_equal(journal_progress_actions(j, &actions, &count), JOURNAL_OK);
    assert_int_equal(count, (size_t)applied);
    for (size_t i = 0; i < count; i++)
        free(actions[i]);
    free(actions);

    while (!over(game)) {
        Record none;
        assert_int_equal(journal_load_game(j, 0, &none), JOURNAL_E_NO_SUCH_GAME);
        Action a = testplay_choose(game, buf, sizeof buf);
        passed += a.type == ACTION_PASS;
        assert_int_equal(session_apply(j, game, a, &saved), GAME_OK);
        assert_int_equal(saved, JOURNAL_OK);
        applied++;
    }
    /* The last action recorded the finished game in its own transaction,
     * with the decks named at the start: nothing is left in progress. */
    assert_false(journal_has_progress(j));
    Record kept;
    assert_int_equal(journal_load_game(j, 0, &kept), JOURNAL_OK);
    assert_int_equal(kept.id, 1);
    assert_int_equal(kept.deck_count, deck_count);
    for (size_t i = 0; i < deck_count; i++)
        assert_string_equal(kept.decks[i], names[i]);
    record_free(&kept);
    /* session_finish hands that record back and stores nothing twice. */
    Record r;
    assert_int_equal(session_finish(j, game, names, deck_count, &r), JOURNAL_OK);
    assert_int_equal(r.id, 1);
    assert_false(journal_has_progress(j));
    JournalJourney journey;
    assert_int_equal(journal_journey(j, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 1);
    journal_journey_free(&journey);
    GameSummary summary;
    game_summary(game, &summary);
    assert_int_equal((int)r.balance_count, summary.step_count);
    assert_int_equal((int)r.balance_count, applied - passed);
    assert_int_equal((int)r.plan_count, summary.plan_count);
    assert_int_equal((int)r.goal_count, summary.goal_count);
    assert_int_equal(r.stars, summary.stars);
    assert_int_equal(r.needs[0], NEED_CLOSER);
    assert_string_equal(r.names[1], "Ben");
    assert_int_equal(r.deck_count, deck_count);
    Record loaded;
    assert_int_equal(journal_load_game(j, 0, &loaded), JOURNAL_OK);
    char *a = export_markdown(&r), *b = export_markdown(&loaded);
    assert_string_equal(a, b);
    free(a);
    free(b);
    record_free(&loaded);
    record_free(&r);

    /* Everything shown was seen by Anna and Ben. */
    JournalSeen seen;
    assert_int_equal(journal_seen(j, "Ben", "Anna", &seen), JOURNAL_OK);
    assert_true(seen.count >= (size_t)summary.plan_count * 3);
    journal_seen_free(&seen);
    game_free(game);
    journal_close(j);
}

/* A game's beginning kept later, as the front end keeps it once the game's
 * first frame is shown: nothing is written until it is committed; the game
 * it keeps is the game as it began, even when an action came before the
 * commit; the steps after it go on from there, and the decks it named are
 * those of the finished game. */
static void test_begin_later(void **state)
{
    (void)state;
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    GameOptions opt = {.names = {"Anna", "Ben"}, .needs = {NEED_BALANCED, NEED_SPACE}};
    Game *game = new_game(&opt, 11);
    uint64_t began = game_hash(game);
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    SessionStep *steps[2];
    steps[0] = session_begin_later(game, names, deck_count);
    assert_non_null(steps[0]);
    assert_false(journal_has_progress(j));
    char buf[300];
    Action a = testplay_choose(game, buf, sizeof buf);
    assert_int_equal(session_apply_later(game, a, &steps[1]), GAME_OK);
    assert_non_null(steps[1]);
    assert_true(game_hash(game) != began);
    assert_false(journal_has_progress(j));
    assert_int_equal(session_commit(j, steps[0]), JOURNAL_OK);
    assert_true(journal_has_progress(j));
    assert_int_equal(session_commit(j, steps[1]), JOURNAL_OK);

    /* Continue: the game after its one action. */
    Game *resumed = NULL;
    long kept_steps = 0;
    char err[256];
    assert_int_equal(session_resume(j, &resumed, &kept_steps, err, sizeof err), JOURNAL_OK);
    assert_int_equal(kept_steps, 1);
    assert_true(game_hash(resumed) == game_hash(game));
    game_free(resumed);
    JournalStatus saved;
    while (!over(game))
        assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
    Record kept;
    assert_int_equal(journal_load_game(j, 0, &kept), JOURNAL_OK);
    assert_int_equal(kept.deck_count, deck_count);
    for (size_t i = 0; i < deck_count; i++)
        assert_string_equal(kept.decks[i], names[i]);
    record_free(&kept);
    /* A beginning that could not be made (no memory) is said so when
     * committed, as a step is. */
    assert_int_equal(session_commit(j, NULL), JOURNAL_E_NO_MEMORY);
    game_free(game);
    journal_close(j);
}

/* A sharing card answered privately: a Done carrying both answers keeps
 * them in the journal's answers after the step; a Done without text (the
 * couple keeps no such answers) keeps nothing. */
static void test_private_answers_kept(void **state)
{
    (void)state;
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    GameOptions opt = {.names = {"Anna", "Ben"}};
    Game *game = new_game(&opt, 3);
    assert_int_equal(session_begin(j, game, NULL, 0), JOURNAL_OK);
    GameView v;
    game_view(game, &v);
    assert_int_equal(v.phase, PHASE_SHARING);
    char card[1024];
    snprintf(card, sizeof card, "%s", v.cards[0].text);
    JournalStatus saved;
    Action done = {.type = ACTION_DONE, .text = "Anna: the kettle / Ben: the rain"};
    assert_int_equal(session_apply(j, game, done, &saved), GAME_OK);
    assert_int_equal(saved, JOURNAL_OK);
    assert_int_equal(session_apply(j, game, (Action){.type = ACTION_DONE}, &saved), GAME_OK);
    assert_int_equal(saved, JOURNAL_OK);
    journal_close(j);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT couple, card, answers FROM answers", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "anna\nben");
    assert_string_equal((const char *)sqlite3_column_text(stmt, 1), card);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 2), "Anna: the kettle / Ben: the rain");
    assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT action FROM progress_steps ORDER BY step", -1, &stmt, NULL),
                     SQLITE_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "done");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    game_free(game);
}

static void test_no_journal_and_refused_save(void **state)
{
    (void)state;
    Game *game = new_game(NULL, 3);
    char buf[300];
    JournalStatus saved = JOURNAL_E_IO;
    assert_int_equal(session_apply(NULL, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
    assert_int_equal(saved, JOURNAL_OK);
    /* A read-only journal: the game goes on, the save says why not. */
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    journal_close(j);
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(dbpath, &ro, &j), JOURNAL_OK);
    assert_int_equal(session_begin(j, game, NULL, 0), JOURNAL_E_READ_ONLY);
    assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
    assert_int_equal(saved, JOURNAL_E_READ_ONLY);
    journal_close(j);
    game_free(game);
}

static void test_resume_refused_state(void **state)
{
    (void)state;
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    Game *game = NULL;
    char err[256];
    assert_int_equal(session_resume(j, &game, NULL, err, sizeof err), JOURNAL_E_NO_GAME);
    assert_int_equal(journal_begin(j, "tightrope-save 1\ngarbage", 24, NULL, 0), JOURNAL_OK);
    assert_int_equal(session_resume(j, &game, NULL, err, sizeof err), JOURNAL_E_CORRUPT);
    assert_null(game);
    assert_true(strlen(err) > 0);
    assert_int_equal(journal_begin(j, "tightrope-save 999\n", 19, NULL, 0), JOURNAL_OK);
    assert_int_equal(session_resume(j, &game, NULL, err, sizeof err), JOURNAL_E_NEWER_VERSION);
    journal_close(j);
}

static void test_action_text(void **state)
{
    (void)state;
    char out[64];
    session_action_text((Action){.type = ACTION_PICK, .index = 2}, out, sizeof out);
    assert_string_equal(out, "pick 2");
    session_action_text((Action){.type = ACTION_DONE}, out, sizeof out);
    assert_string_equal(out, "done");
    session_action_text((Action){.type = ACTION_CUSTOM, .text = "Run"}, out, sizeof out);
    assert_string_equal(out, "custom Run");
    session_action_text((Action){.type = ACTION_CUSTOM, .index = GOAL_WHERE_HOME, .text = "Run"}, out, sizeof out);
    assert_string_equal(out, "custom (at home) Run");
    session_action_text((Action){.type = ACTION_CUSTOM, .index = GOAL_WHERE_OUT, .text = "Run"}, out, sizeof out);
    assert_string_equal(out, "custom (out) Run");
}

/* Plays a whole game for a couple through the journal. */
static void play_through(Journal *j, const GameOptions *opt, uint64_t seed)
{
    Game *game = new_game(opt, seed);
    assert_int_equal(session_begin(j, game, NULL, 0), JOURNAL_OK);
    char buf[300];
    while (!over(game))
        assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), NULL), GAME_OK);
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    assert_int_equal(session_finish(j, game, names, deck_count, NULL), JOURNAL_OK);
    game_free(game);
}

static bool in_list(const char *text, const JournalSeen *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->texts[i], text) == 0)
            return true;
    return false;
}

static void test_new_game_prefers_unseen_cards(void **state)
{
    (void)state;
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    GameOptions opt = {.names = {"Anna", "Ben"}};
    play_through(j, &opt, 11);

    JournalSeen recent;
    assert_int_equal(session_recent_cards(j, "ben", "anna", (const Deck *const *)decks, deck_count, &recent),
                     JOURNAL_OK);
    assert_true(recent.count > 0);
    /* Never more than half of a kind counts as recent. */
    size_t per_kind[KIND_COUNT] = {0};
    for (size_t i = 0; i < recent.count; i++)
        for (size_t d = 0; d < deck_count; d++)
            for (size_t c = 0; c < decks[d]->card_count; c++)
                if (strcmp(decks[d]->cards[c].text, recent.texts[i]) == 0) {
                    per_kind[decks[d]->kind]++;
                    d = deck_count - 1;
                    break;
                }
    for (size_t d = 0; d < deck_count; d++)
        assert_true(per_kind[decks[d]->kind] <= decks[d]->card_count / 2);

    /* The next game, with that preference, deals none of those cards while
     * unseen ones remain: every card shown in its first round is new. Support
     * cards are the exception the rules make: one that fits the goal by name
     * comes first, seen or not (docs/DECKS.md), so they are not counted. */
    GameOptions next = opt;
    next.seen_texts = (const char *const *)recent.texts;
    next.seen_count = recent.count;
    Game *game = new_game(&next, 11); /* even the same seed */
    char buf[300];
    GameView v;
    game_view(game, &v);
    int checked = 0;
    while (v.round == 1 && v.phase != PHASE_OVER) {
        for (int i = 0; i < v.card_count; i++) {
            if (v.cards[i].kind == KIND_REBALANCE || v.cards[i].kind == KIND_SUPPORT)
                continue;
            assert_false(in_list(v.cards[i].text, &recent));
            checked++;
        }
        assert_int_equal(game_apply(game, testplay_choose(game, buf, sizeof buf)), GAME_OK);
        game_view(game, &v);
    }
    assert_true(checked >= 5);
    game_free(game);

    /* The same journal gives the same preference: deterministic. */
    JournalSeen again;
    assert_int_equal(session_recent_cards(j, "Anna", "Ben", (const Deck *const *)decks, deck_count, &again),
                     JOURNAL_OK);
    assert_int_equal(again.count, recent.count);
    for (size_t i = 0; i < again.count; i++)
        assert_string_equal(again.texts[i], recent.texts[i]);
    journal_seen_free(&again);
    journal_seen_free(&recent);

    /* Another couple has seen nothing. */
    assert_int_equal(session_recent_cards(j, "Chris", "Dana", (const Deck *const *)decks, deck_count, &recent),
                     JOURNAL_OK);
    assert_int_equal(recent.count, 0);
    journal_seen_free(&recent);
    journal_close(j);
}

/* The disk fills mid-game (a journal held to its size by max_page_count):
 * the game goes on from memory, the screens' sentence says why, and once
 * space is freed, saving again keeps the whole game as it stands. */
static void test_disk_full_then_save_again(void **state)
{
    (void)state;
    Journal *j = NULL;
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    GameOptions opt = {.names = {"Anna", "Ben"}, .needs = {NEED_CLOSER, NEED_BALANCED}};
    Game *game = new_game(&opt, 11);
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    assert_int_equal(session_begin(j, game, names, deck_count), JOURNAL_OK);
    journal_close(j);
    struct stat st;
    assert_int_equal(stat(dbpath, &st), 0);
    /* Full: not one page more than it has. */
    JournalOptions full = {.max_pages = (long)(st.st_size / 4096)};
    assert_int_equal(journal_open(dbpath, &full, &j), JOURNAL_OK);
    char buf[300];
    JournalStatus saved = JOURNAL_OK;
    int applied = 0;
    while (saved == JOURNAL_OK && !over(game) && applied < 60) {
        assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
        applied++;
    }
    assert_int_equal(saved, JOURNAL_E_DISK_FULL);
    assert_false(over(game));
    char note[256];
    session_saving_stopped(saved, note, sizeof note);
    assert_string_equal(note, "Saving has stopped: the disk is full. This game goes on from memory; free some space, "
                              "then choose Try saving again.");
    /* Still full: trying again says so, and loses nothing. */
    assert_int_equal(session_save_again(j, game, names, deck_count), JOURNAL_E_DISK_FULL);
    /* Played on from memory (no journal), then space is freed. */
    for (int i = 0; i < 3 && !over(game); i++)
        assert_int_equal(session_apply(NULL, game, testplay_choose(game, buf, sizeof buf), NULL), GAME_OK);
    journal_close(j);
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    assert_int_equal(session_save_again(j, game, names, deck_count), JOURNAL_OK);
    journal_close(j);
    /* Continue after closing: the very game, and it plays on, saved. */
    assert_int_equal(journal_open(dbpath, NULL, &j), JOURNAL_OK);
    Game *resumed = NULL;
    char err[256];
    assert_int_equal(session_resume(j, &resumed, NULL, err, sizeof err), JOURNAL_OK);
    assert_true(game_hash(resumed) == game_hash(game));
    assert_int_equal(session_apply(j, resumed, testplay_choose(resumed, buf, sizeof buf), &saved), GAME_OK);
    assert_int_equal(saved, JOURNAL_OK);
    game_free(resumed);
    game_free(game);
    journal_close(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_disk_full_then_save_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_play_resume_finish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_begin_later, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private_answers_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_journal_and_refused_save, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_refused_state, setup, teardown),
        cmocka_unit_test(test_action_text),
        cmocka_unit_test_setup_teardown(test_new_game_prefers_unseen_cards, setup, teardown),
    };
    return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
