/* SPDX-License-Identifier: MIT */
/* Replays: the fixture journals (one made by the version before replays,
 * one by the version before the rules of passes and rebalances changed)
 * opened, listed, resumed, and refused with the reason; games played now
 * replayed through the engine and through tightrope --replay; and a log with
 * one action changed names that step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "files.h"
#include "journal.h"
#include "replay.h"
#include "session.h"
#include "testplay.h"
#include "testutil.h"

static char dir[256], path[400];
static char out[1 << 16], err[1 << 14];

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "replay") != 0)
        return -1;
    snprintf(path, sizeof path, "%s/journal.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

/* Makes the journal at path from a fixture's SQL. */
static void load_fixture(const char *name)
{
    char file[512];
    snprintf(file, sizeof file, "%s/tests/fixtures/%s", SOURCE_DIR, name);
    size_t len = 0;
    FilesError fe;
    char *sql = files_read(file, 4 << 20, &len, &fe);
    assert_non_null(sql);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    free(sql);
}

static void raw_sql(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static long long raw_int(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    long long v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}

/* tightrope ARG [VALUE] --journal path: its exit status, out and err. */
static int run(const char *arg, const char *value)
{
    const char *args[6] = {arg};
    size_t n = 1;
    if (value)
        args[n++] = value;
    args[n++] = "--journal";
    args[n++] = path;
    args[n] = NULL;
    return testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
}

/* Game id replays through the engine to its record, and --replay says so:
 * its summary is the recorded one's. */
static void expect_replays(long long id)
{
    Journal *j = NULL;
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(path, &ro, &j), JOURNAL_OK);
    Replay replay;
    assert_int_equal(replay_game(j, id, &replay), JOURNAL_OK);
    if (replay.step)
        print_message("game %lld, step %ld (%s): %s\n", id, replay.step, replay.action, replay.what);
    assert_int_equal(replay.step, 0);
    char got[4096], recorded[4096], expect[8192];
    replay_summary(&replay.replayed, got, sizeof got);
    replay_summary(&replay.recorded, recorded, sizeof recorded);
    assert_string_equal(got, recorded);
    snprintf(expect, sizeof expect, "Replayed %zu actions: %s\nHash: %016" PRIx64 "\n", replay.actions, recorded,
             replay.hash);
    replay_free(&replay);
    journal_close(j);

    char number[24];
    snprintf(number, sizeof number, id ? "%lld" : "last", id);
    int status = run("--replay", number);
    assert_string_equal(err, "");
    assert_int_equal(status, 0);
    const char *summary = strstr(out, "Replayed ");
    assert_non_null(summary);
    assert_string_equal(summary, expect);
}

/* tightrope --replay id exits 2, saying "tightrope: game ID " and why. */
static void expect_refused(int id, const char *why)
{
    char number[8], expect[300];
    snprintf(number, sizeof number, "%d", id);
    assert_int_equal(run("--replay", number), 2);
    snprintf(expect, sizeof expect, "tightrope: game %d %s\n", id, why);
    assert_string_equal(err, expect);
    assert_string_equal(out, "");
}

static const char old_history[] =
    "Game  Played            Stars   Plans done  Goals done  Couple\n"
    "   1  2026-11-30 09:59  1 of 3  3 of 3      6 of 6      Zo\xc3\xab & Jos\xc3\xa9\n"
    "   2  2026-11-30 10:00  3 of 3  3 of 3      6 of 6      Zo\xc3\xab & Jos\xc3\xa9\n"
    "   3  2026-11-30 10:02  2 of 2  2 of 2      4 of 4      Anna & Ben\n"
    "3 games: 6 of 8 stars, 8 of 8 plans done, 16 of 16 goals done.\n";

/* The journal the version before replays made: it opens (migrated), lists
 * its history, resumes its game in progress; its old games are refused
 * with the reason, and the resumed game, finished now, replays. */
static void test_journal_of_the_version_before(void **state)
{
    (void)state;
    load_fixture("journal-r2.sql");
    assert_int_equal(raw_int("PRAGMA user_version"), 2);
    assert_int_equal(run("--history", NULL), 0);
    assert_string_equal(out, old_history);
    for (int id = 1; id <= 3; id++)
        expect_refused(id, "was played with an older version that did not keep its moves, so it cannot be replayed.");
    assert_int_equal(run("--replay", "4"), 2);
    assert_string_equal(err, "tightrope: game 4 is still being played; it can be replayed once it is finished.\n");
    assert_int_equal(run("--replay", "9"), 2);
    assert_string_equal(err, "tightrope: there is no game 9; 'tightrope --history' lists them.\n");

    Journal *j = NULL;
    assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
    assert_int_equal(raw_int("PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    Game *game = NULL;
    long steps = 0;
    char why[256], buf[300];
    assert_int_equal(session_resume(j, &game, &steps, why, sizeof why), JOURNAL_OK);
    assert_int_equal(steps, 12);
    GameView v;
    game_view(game, &v);
    assert_string_equal(v.names[0], "Anna");
    assert_string_equal(v.names[1], "Ben");
    for (; v.phase != PHASE_OVER; game_view(game, &v)) {
        JournalStatus saved;
        assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
        assert_int_equal(saved, JOURNAL_OK);
    }
    game_free(game);
    journal_close(j);
    assert_int_equal(run("--history", NULL), 0);
    assert_int_equal(strncmp(out, old_history, strlen(old_history) - strlen("3 games: 6 of 8 stars, 8 of 8 plans done, 16 of 16 goals done.\n")), 0);
    assert_non_null(strstr(out, "\n   4  "));
    expect_replays(4);
    expect_replays(0);
}

/* Three games played to their end through the session, as the game plays
 * them, into the journal at path: Zoë & José twice (the second time both
 * answer each sharing card), then Anna & Ben (closer and space, 2 rounds). */
static void play_journal(void)
{
    Deck *decks[64];
    size_t count = testplay_decks(decks);
    assert_true(count > 0);
    const char *names[64];
    testplay_deck_names(decks, count, names);
    Journal *j = NULL;
    assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
    const GameOptions options[] = {
        {.names = {"Zo\xc3\xab", "Jos\xc3\xa9"}},
        {.names = {"Zo\xc3\xab", "Jos\xc3\xa9"}, .both_answer = true}, /* the listener's answers replay too */
        {.names = {"Anna", "Ben"}, .rounds = 2, .needs = {NEED_CLOSER, NEED_SPACE}},
    };
    for (size_t g = 0; g < sizeof options / sizeof *options; g++) {
        Game *game = NULL;
        char why[256], buf[300];
        assert_int_equal(game_new(&options[g], (const Deck *const *)decks, count, 40 + g, &game, why, sizeof why),
                         GAME_OK);
        assert_int_equal(session_begin(j, game, names, count), JOURNAL_OK);
        GameView v;
        for (game_view(game, &v); v.phase != PHASE_OVER; game_view(game, &v)) {
            JournalStatus saved;
            assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
            assert_int_equal(saved, JOURNAL_OK);
        }
        assert_int_equal(session_finish(j, game, names, count, NULL), JOURNAL_OK);
        game_free(game);
    }
    journal_close(j);
    testplay_free_decks(decks, count);
}

/* The journal the version before the rules of passes, rebalances and plan
 * slots made: it lists its games, and refuses to replay them, saying why. */
static void test_journal_of_the_rules_before(void **state)
{
    (void)state;
    load_fixture("journal-r3.sql");
    assert_int_equal(run("--history", NULL), 0);
    assert_string_equal(out, "Game  Played            Stars   Plans done  Goals done  Couple\n"
                             "   1  2026-01-05 20:00  1 of 3  3 of 3      6 of 6      Zo\xc3\xab & Jos\xc3\xa9\n"
                             "   2  2026-01-05 20:00  3 of 3  3 of 3      6 of 6      Zo\xc3\xab & Jos\xc3\xa9\n"
                             "   3  2026-01-05 20:00  2 of 2  0 of 2      0 of 4      Anna & Ben\n"
                             "3 games: 6 of 8 stars, 6 of 8 plans done, 12 of 16 goals done.\n");
    for (int id = 1; id <= 3; id++)
        expect_refused(id, "was played by the rules of an older version (two passes each, one rebalance card), so "
                           "this version cannot replay it.");
}

/* The journal this version makes: every game replays to its record. */
static void test_journal_of_this_version(void **state)
{
    (void)state;
    play_journal();
    assert_int_equal(run("--history", NULL), 0);
    static const char head[] = "Game  Played            Stars   Plans done  Goals done  Couple\n";
    assert_int_equal(strncmp(out, head, strlen(head)), 0);
    assert_non_null(strstr(out, "Zo\xc3\xab & Jos\xc3\xa9\n   3  "));
    assert_non_null(strstr(out, "Anna & Ben\n3 games: "));
    for (long long id = 1; id <= 3; id++)
        expect_replays(id);
    expect_replays(0);
}

/* One action of the log changed: --replay exits 1 naming that step, the
 * action and what differed. */
static void test_tampered_log_names_the_step(void **state)
{
    (void)state;
    play_journal();
    long long step = raw_int("SELECT min(step) FROM replay_steps WHERE game = 2 AND action = 'pick 0'");
    assert_true(step > 1);
    char sql[200], expect[300];
    snprintf(sql, sizeof sql, "UPDATE replay_steps SET action = 'pick 1' WHERE game = 2 AND step = %lld", step);
    raw_sql(sql);
    assert_int_equal(run("--replay", "2"), 1);
    snprintf(expect, sizeof expect,
             "tightrope: game 2 diverges at step %lld (pick 1): the game recorded 'pick 0' here, not 'pick 1'.\n",
             step);
    assert_string_equal(err, expect);
    assert_string_equal(out, "");
    /* The other games are untouched. */
    expect_replays(1);
    expect_replays(3);

    /* A log cut short names the first step it lacks. */
    raw_sql("DELETE FROM replay_steps WHERE game = 3 AND step = (SELECT max(step) FROM replay_steps WHERE game = 3)");
    long long kept = raw_int("SELECT count(*) FROM replay_steps WHERE game = 3");
    assert_int_equal(run("--replay", "3"), 1);
    snprintf(expect, sizeof expect, "tightrope: game 3 diverges at step %lld (no action kept): the journal kept no "
                                    "action for it, and the game recorded '",
             kept + 1);
    assert_int_equal(strncmp(err, expect, strlen(expect)), 0);
}

/* The actions as the journal keeps them read back as they were. */
static void test_action_text_reads_back(void **state)
{
    (void)state;
    const Action actions[] = {
        {ACTION_DONE, 0, NULL},   {ACTION_PASS, 0, NULL},
        {ACTION_PICK, 2, NULL},   {ACTION_REDRAW, 0, NULL},
        {ACTION_DAY, 7, NULL},    {ACTION_TIME, 3, NULL},
        {ACTION_CUSTOM, GOAL_WHERE_UNSAID, "A walk, alone; at last"},
        {ACTION_CUSTOM, GOAL_WHERE_HOME, "Swim in the sea"},
        {ACTION_CUSTOM, GOAL_WHERE_OUT, "Dance"},
    };
    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
        char text[300], again[300];
        session_action_text(actions[i], text, sizeof text);
        Action back;
        assert_true(session_action_parse(text, &back));
        assert_int_equal(back.type, actions[i].type);
        assert_int_equal(back.index, actions[i].index);
        if (actions[i].text)
            assert_string_equal(back.text, actions[i].text);
        session_action_text(back, again, sizeof again);
        assert_string_equal(again, text);
    }
    Action a;
    assert_false(session_action_parse("pick", &a));
    assert_false(session_action_parse("pick two", &a));
    assert_false(session_action_parse("done now", &a));
    assert_false(session_action_parse("jump 1", &a));
}

/* A game begun before replays has no start: its end, dealt again, is the
 * start this version keeps (checked on this version's games). */
static void test_start_dealt_again_from_the_end(void **state)
{
    (void)state;
    play_journal();
    Journal *j = NULL;
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(path, &ro, &j), JOURNAL_OK);
    for (long long id = 1; id <= 3; id++) {
        JournalReplay kept;
        assert_int_equal(journal_replay(j, id, &kept), JOURNAL_OK);
        assert_non_null(kept.start);
        Game *start = NULL, *final = NULL, *again = NULL;
        char why[256];
        assert_int_equal(game_load(kept.start, kept.start_len, &start, why, sizeof why), GAME_OK);
        assert_int_equal(game_load(kept.final, kept.final_len, &final, why, sizeof why), GAME_OK);
        assert_int_equal(game_copy_start(final, &again), GAME_OK);
        assert_true(game_hash(again) == game_hash(start));
        assert_true(game_hash(again) != game_hash(final));
        game_free(start);
        game_free(final);
        game_free(again);
        journal_replay_free(&kept);
    }
    JournalReplay none;
    assert_int_equal(journal_replay(j, 9, &none), JOURNAL_E_NO_SUCH_GAME);
    journal_close(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_journal_of_the_version_before, setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_of_the_rules_before, setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_of_this_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered_log_names_the_step, setup, teardown),
        cmocka_unit_test(test_action_text_reads_back),
        cmocka_unit_test_setup_teardown(test_start_dealt_again_from_the_end, setup, teardown),
    };
    return cmocka_run_group_tests_name("replays", tests, NULL, NULL);
}
