/* SPDX-License-Identifier: MIT */
/* Tests of the journal: schema and migrations, the game in progress and
 * resume, finished games, the journey, cards seen, check-ins, and every
 * fault (corrupt, not a database, newer, read-only, disk full, in use). */
#define _GNU_SOURCE /* unshare(), for a private tmpfs */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "datadir.h"
#include "clock.h"
#include "journal.h"
#include "record.h"
#include "testutil.h"

static char tmpdir[256];
static char dbpath[512];

static int make_tmpdir(void **state)
{
    (void)state;
    if (testutil_tmpdir(tmpdir, sizeof tmpdir, "journal") != 0)
        return -1;
    snprintf(dbpath, sizeof dbpath, "%s/journal.db", tmpdir);
    /* Never the real data directory. */
    setenv("XDG_DATA_HOME", tmpdir, 1);
    return 0;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return testutil_rmrf(tmpdir);
}

/* A clock that moves one minute a call, from a fixed local date. */
static time_t fake_now;

static void reset_clock(void)
{
    struct tm tm = {.tm_year = 2024 - 1900, .tm_mon = 4, .tm_mday = 3, .tm_hour = 20, .tm_isdst = -1};
    fake_now = mktime(&tm);
    clock_fix(fake_now);
}

static Journal *open_ok(const char *path, const JournalOptions *opt)
{
    Journal *j = NULL;
    JournalStatus st = journal_open(path, opt, &j);
    if (st != JOURNAL_OK)
        print_message("journal_open: %s\n", journal_message(st));
    assert_int_equal(st, JOURNAL_OK);
    assert_non_null(j);
    return j;
}

static void sample_record(Record *r, const char *a, const char *b, int stars)
{
    memset(r, 0, sizeof *r);
    snprintf(r->played, sizeof r->played, "2024-05-03 21:14:00");
    assert_true(record_set_name(r, 0, a));
    assert_true(record_set_name(r, 1, b));
    r->needs[0] = NEED_CLOSER;
    r->needs[1] = NEED_SPACE;
    r->rounds = 3;
    r->stars = stars;
    r->passes[0] = 1;
    r->passes[1] = 2;
    assert_true(record_add_deck(r, "Between Us"));
    assert_true(record_add_deck(r, "Plans"));
    for (int i = 0; i < 5; i++)
        assert_true(record_add_balance(r, i - 2));
    assert_true(record_add_plan(r, "Cook, together; then talk", 1, TIME_EVENING));
    assert_true(record_add_plan(r, "Walk by the river", RECORD_SOME_DAY, TIME_ANY));
    assert_true(record_add_goal(r, 0, "Go climbing", 3, "I'll cook that night"));
    assert_true(record_add_goal(r, 1, "Read a whole book", 6, "Quiet evenings"));
}

static void expect_same_record(const Record *a, const Record *b)
{
    assert_string_equal(a->played, b->played);
    assert_string_equal(a->names[0], b->names[0]);
    assert_string_equal(a->names[1], b->names[1]);
    assert_int_equal(a->needs[0], b->needs[0]);
    assert_int_equal(a->needs[1], b->needs[1]);
    assert_int_equal(a->rounds, b->rounds);
    assert_int_equal(a->stars, b->stars);
    assert_int_equal(a->passes[0], b->passes[0]);
    assert_int_equal(a->passes[1], b->passes[1]);
    assert_int_equal(a->deck_count, b->deck_count);
    for (size_t i = 0; i < a->deck_count; i++)
        assert_string_equal(a->decks[i], b->decks[i]);
    assert_int_equal(a->balance_count, b->balance_count);
    for (size_t i = 0; i < a->balance_count; i++)
        assert_int_equal(a->balances[i], b->balances[i]);
    assert_int_equal(a->plan_count, b->plan_count);
    for (size_t i = 0; i < a->plan_count; i++) {
        assert_string_equal(a->plans[i].text, b->plans[i].text);
        assert_int_equal(a->plans[i].day, b->plans[i].day);
        assert_int_equal(a->plans[i].time, b->plans[i].time);
    }
    assert_int_equal(a->goal_count, b->goal_count);
    for (size_t i = 0; i < a->goal_count; i++) {
        assert_int_equal(a->goals[i].partner, b->goals[i].partner);
        assert_string_equal(a->goals[i].text, b->goals[i].text);
        assert_int_equal(a->goals[i].day, b->goals[i].day);
        assert_string_equal(a->goals[i].support, b->goals[i].support);
    }
}

/* The whole file, to prove that a refused journal was left untouched. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void expect_unchanged(const char *path, const char *before, size_t before_len)
{
    size_t len;
    char *now = slurp(path, &len);
    assert_int_equal(len, before_len);
    assert_memory_equal(now, before, len);
    free(now);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Runs SQL straight on a database file, for building fixtures and faults. */
static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        print_message("sql: %s\n", err ? err : "?");
    sqlite3_free(err);
    assert_int_equal(rc, SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static long long raw_int(const char *path, const char *sql)
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

/* A journal with two finished games and a game in progress, closed. */
static void make_journal(const char *path)
{
    Journal *j = open_ok(path, NULL);
    for (int i = 0; i < 2; i++) {
        Record r;
        sample_record(&r, "Anna", "Ben", i + 1);
        assert_int_equal(journal_finish(j, &r), JOURNAL_OK);
        record_free(&r);
    }
    assert_int_equal(journal_begin(j, "state-0", 7, NULL, 0), JOURNAL_OK);
    JournalStep step = {.action = "done", .state = "state-1", .len = 7};
    assert_int_equal(journal_step(j, &step), JOURNAL_OK);
    journal_close(j);
}

/* ---- the data directory ---- */

static void test_datadir_follows_xdg(void **state)
{
    (void)state;
    char path[512], expect[512];
    assert_int_equal(datadir_path(path, sizeof path), 0);
    snprintf(expect, sizeof expect, "%s/tightrope", tmpdir);
    assert_string_equal(path, expect);
    assert_false(exists(expect));
    assert_int_equal(datadir_ensure(path, sizeof path), 0);
    struct stat st;
    assert_int_equal(stat(expect, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(datadir_file("journal.db", path, sizeof path), 0);
    snprintf(expect, sizeof expect, "%s/tightrope/journal.db", tmpdir);
    assert_string_equal(path, expect);
}

static void test_datadir_falls_back_to_home(void **state)
{
    (void)state;
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char path[512], expect[512];
    setenv("HOME", tmpdir, 1);
    setenv("XDG_DATA_HOME", "relative/dir", 1); /* not absolute: ignored, as the XDG rules say */
    assert_int_equal(datadir_ensure(path, sizeof path), 0);
    snprintf(expect, sizeof expect, "%s/.local/share/tightrope", tmpdir);
    assert_string_equal(path, expect);
    assert_true(exists(expect));
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    errno = 0;
    assert_int_equal(datadir_path(path, sizeof path), -1);
    assert_int_equal(errno, ENOENT);
    Journal *j = (Journal *)1;
    assert_int_equal(journal_open_default(NULL, &j, NULL, 0), JOURNAL_E_NO_PLACE);
    assert_null(j);
    char small[8];
    setenv("XDG_DATA_HOME", tmpdir, 1);
    assert_int_equal(datadir_path(small, sizeof small), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_home);
}

static void test_datadir_blocked_by_a_file(void **state)
{
    (void)state;
    assert_non_null(testutil_write(tmpdir, "tightrope", "a file where the folder should be"));
    char path[512];
    assert_int_equal(datadir_ensure(path, sizeof path), -1);
    assert_int_equal(errno, ENOTDIR);
    Journal *j;
    assert_int_equal(journal_open_default(NULL, &j, path, sizeof path), JOURNAL_E_CANNOT_OPEN);
}

/* ---- schema and migrations ---- */

static void test_open_default_creates_schema(void **state)
{
    (void)state;
    Journal *j = NULL;
    char path[512], expect[512];
    assert_int_equal(journal_open_default(NULL, &j, path, sizeof path), JOURNAL_OK);
    snprintf(expect, sizeof expect, "%s/tightrope/journal.db", tmpdir);
    assert_string_equal(path, expect);
    assert_string_equal(journal_path(j), expect);
    assert_false(journal_read_only(j));
    journal_close(j);
    struct stat st;
    assert_int_equal(stat(expect, &st), 0);
    assert_int_equal(st.st_mode & 0077, 0); /* private: 0600 */
    assert_int_equal(raw_int(expect, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    assert_int_equal(raw_int(expect, "PRAGMA application_id"), JOURNAL_APPLICATION_ID);
    assert_int_equal(raw_int(expect, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                     "('progress', 'progress_steps', 'games', 'game_decks', 'balances', "
                                     "'plans', 'goals', 'seen')"),
                     8);
    /* WAL is a property of the file: it stays. */
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open(expect, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    /* A second open finds the schema in place and changes nothing. */
    j = open_ok(expect, NULL);
    journal_close(j);
    assert_int_equal(raw_int(expect, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
}

static void test_migrates_empty_file(void **state)
{
    (void)state;
    /* Version 0 is an empty file (or an empty SQLite database). */
    assert_non_null(testutil_write(tmpdir, "journal.db", ""));
    Journal *j = open_ok(dbpath, NULL);
    journal_close(j);
    assert_int_equal(raw_int(dbpath, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);

    char other[400];
    snprintf(other, sizeof other, "%s/empty-sqlite.db", tmpdir);
    raw_sql(other, "PRAGMA user_version = 0");
    j = open_ok(other, NULL);
    journal_close(j);
    assert_int_equal(raw_int(other, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
}

static void test_read_only_open_of_older_version(void **state)
{
    (void)state;
    /* An older journal opened read-only is migrated in memory; the file
     * stays as it was. */
    assert_non_null(testutil_write(tmpdir, "journal.db", ""));
    JournalOptions ro = {.read_only = true};
    Journal *j = open_ok(dbpath, &ro);
    assert_true(journal_read_only(j));
    JournalJourney journey;
    assert_int_equal(journal_journey(j, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 0);
    journal_journey_free(&journey);
    assert_false(journal_has_progress(j));
    assert_int_equal(journal_begin(j, "x", 1, NULL, 0), JOURNAL_E_READ_ONLY);
    journal_close(j);
    struct stat st;
    assert_int_equal(stat(dbpath, &st), 0);
    assert_int_equal(st.st_size, 0);
}

/* Each earlier schema version has a fixture: a SQL script of a journal
 * with data, written by that version. Opening it must migrate it to the
 * current version and keep every game. */
static void test_fixtures_of_every_version(void **state)
{
    (void)state;
    for (int v = 1; v <= JOURNAL_SCHEMA_VERSION; v++) {
        char fixture[512], sql[65536];
        snprintf(fixture, sizeof fixture, "%s/tests/fixtures/journal-v%d.sql", SOURCE_DIR, v);
        long n = testutil_read(fixture, sql, sizeof sql);
        if (n <= 0)
            print_message("missing fixture %s\n", fixture);
        assert_true(n > 0);
        char path[400];
        snprintf(path, sizeof path, "%s/v%d.db", tmpdir, v);
        raw_sql(path, sql);
        assert_int_equal(raw_int(path, "PRAGMA user_version"), v);

        Journal *j = open_ok(path, NULL);
        Record r, expect;
        assert_int_equal(journal_load_game(j, 1, &r), JOURNAL_OK);
        sample_record(&expect, "Anna", "Ben", 2);
        expect_same_record(&r, &expect);
        record_free(&r);
        record_free(&expect);
        char *blob;
        size_t len;
        long steps;
        assert_int_equal(journal_resume(j, &blob, &len, &steps), JOURNAL_OK);
        assert_string_equal(blob, "fixture-state-2");
        assert_int_equal(steps, v >= 6 ? 3 : 2); /* version 6's fixture passed a card in a third step */
        free(blob);
        char **begun;
        size_t begun_count;
        assert_int_equal(journal_progress_decks(j, &begun, &begun_count), JOURNAL_OK);
        assert_int_equal(begun_count, v >= 2 ? 2 : 0); /* version 1 kept no deck names */
        if (v >= 2) {
            assert_string_equal(begun[0], "Between Us");
            assert_string_equal(begun[1], "Our Week Together");
        }
        journal_names_free(begun, begun_count);
        JournalJourney journey;
        assert_int_equal(journal_journey(j, "ben", "ANNA", &journey), JOURNAL_OK);
        assert_int_equal(journey.count, 1);
        assert_int_equal(journey.items[0].plans_done, 1);
        assert_int_equal(journey.items[0].goals_done, 1);
        journal_journey_free(&journey);
        JournalSeen seen;
        assert_int_equal(journal_seen(j, "Anna", "Ben", &seen), JOURNAL_OK);
        assert_int_equal(seen.count, 2);
        journal_seen_free(&seen);
        /* Nothing was kept or passed before version 6. */
        JournalSeen kept, passed;
        assert_int_equal(journal_kept(j, "Anna", "Ben", &kept), JOURNAL_OK);
        assert_int_equal(journal_passed(j, "Anna", "Ben", &passed), JOURNAL_OK);
        assert_int_equal(kept.count, v >= 6 ? 1 : 0);
        assert_int_equal(passed.count, v >= 6 ? 1 : 0);
        if (v >= 6) {
            assert_string_equal(kept.texts[0], "Three words for a perfect slow Sunday.");
            assert_string_equal(passed.texts[0], "What small thing made you smile this week, even for a second?");
        }
        journal_seen_free(&kept);
        journal_seen_free(&passed);
        journal_close(j);
        assert_int_equal(raw_int(path, "PRAGMA user_version"), JOURNAL_SCHEMA_VERSION);
    }
}

/* ---- the game in progress ---- */

static void test_resume_where_it_stopped(void **state)
{
    (void)state;
    reset_clock();
    Journal *j = open_ok(dbpath, NULL);
    assert_false(journal_has_progress(j));
    char *blob = (char *)1;
    size_t len = 1;
    long steps = -1;
    assert_int_equal(journal_resume(j, &blob, &len, &steps), JOURNAL_E_NO_GAME);
    assert_null(blob);
    char updated[RECORD_PLAYED_SIZE];
    assert_int_equal(journal_progress_updated(j, updated), JOURNAL_E_NO_GAME);
    assert_string_equal(updated, "");
    JournalStep step = {.action = "done", .state = "s", .len = 1};
    assert_int_equal(journal_step(j, &step), JOURNAL_E_NO_GAME);

    const char initial[] = {'g', 0, 'x'}; /* binary: NUL bytes survive */
    assert_int_equal(journal_begin(j, initial, sizeof initial, NULL, 0), JOURNAL_OK);
    assert_true(journal_has_progress(j));
    assert_int_equal(journal_resume(j, &blob, &len, &steps), JOURNAL_OK);
    assert_int_equal(len, 3);
    assert_memory_equal(blob, initial, 3);
    assert_int_equal(steps, 0);
    free(blob);
    const char *actions[] = {"done", "pass", "pick 2", "day 7", "custom A walk, alone; at last"};
    for (int i = 0; i < 5; i++) {
        char st[32];
        snprintf(st, sizeof st, "state after %d", i + 1);
        JournalStep s = {.action = actions[i], .state = st, .len = strlen(st)};
        clock_advance(60);
        assert_int_equal(journal_step(j, &s), JOURNAL_OK);
    }
    /* The clock moved a minute before each of the five steps. */
    assert_int_equal(journal_progress_updated(j, updated), JOURNAL_OK);
    assert_string_equal(updated, "2024-05-03 20:05:00");
    journal_close(j);

    j = open_ok(dbpath, NULL);
    assert_true(journal_has_progress(j));
    assert_int_equal(journal_resume(j, &blob, &len, &steps), JOURNAL_OK);
    assert_string_equal(blob, "state after 5");
    assert_int_equal(len, strlen("state after 5"));
    assert_int_equal(steps, 5);
    free(blob);
    char **list;
    size_t count;
    assert_int_equal(journal_progress_actions(j, &list, &count), JOURNAL_OK);
    assert_int_equal(count, 5);
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(list[i], actions[i]);
        free(list[i]);
    }
    free(list);

    /* A new game replaces the one in progress, actions and all. */
    assert_int_equal(journal_begin(j, "fresh", 5, NULL, 0), JOURNAL_OK);
    assert_int_equal(journal_resume(j, &blob, &len, &steps), JOURNAL_OK);
    assert_string_equal(blob, "fresh");
    assert_int_equal(steps, 0);
    free(blob);
    assert_int_equal(journal_abandon(j), JOURNAL_OK);
    assert_false(journal_has_progress(j));
    assert_int_equal(journal_step(j, &(JournalStep){.action = NULL, .state = "x", .len = 1}), JOURNAL_E_INVALID);
    journal_close(j);
}

/* ---- finished games and the journey ---- */

static void test_finish_and_load(void **state)
{
    (void)state;
    Journal *j = open_ok(dbpath, NULL);
    Record r, loaded;
    assert_int_equal(journal_load_game(j, 0, &loaded), JOURNAL_E_NO_SUCH_GAME);
    assert_int_equal(journal_begin(j, "in progress", 11, NULL, 0), JOURNAL_OK);
    sample_record(&r, "Anna", "Ben", 2);
    assert_int_equal(journal_finish(j, &r), JOURNAL_OK);
    assert_int_equal(r.id, 1);
    assert_false(journal_has_progress(j)); /* finishing ends the game in progress */
    assert_int_equal(journal_load_game(j, 1, &loaded), JOURNAL_OK);
    assert_int_equal(loaded.id, 1);
    expect_same_record(&loaded, &r);
    record_free(&loaded);
    record_free(&r);

    sample_record(&r, "Chris", "Dana", 3);
    record_set_name(&r, 0, "Chris, \"the cook\"; 😀");
    assert_int_equal(journal_finish(j, &r), JOURNAL_OK);
    assert_int_equal(r.id, 2);
    assert_int_equal(journal_load_game(j, 0, &loaded), JOURNAL_OK); /* 0: the last */
    assert_int_equal(loaded.id, 2);
    expect_same_record(&loaded, &r);
    record_free(&loaded);
    record_free(&r);
    assert_int_equal(journal_load_game(j, 3, &loaded), JOURNAL_E_NO_SUCH_GAME);
    assert_null(loaded.names[0]);

    /* Records that make no sense are refused whole. */
    sample_record(&r, "Anna", "Ben", 2);
    r.stars = 4;
    assert_int_equal(journal_finish(j, &r), JOURNAL_E_INVALID);
    r.stars = 1;
    snprintf(r.played, sizeof r.played, "yesterday");
    assert_int_equal(journal_finish(j, &r), JOURNAL_E_INVALID);
    snprintf(r.played, sizeof r.played, "2024-05-03 21:14:00");
    r.plans[0].day = 8;
    assert_int_equal(journal_finish(j, &r), JOURNAL_E_INVALID);
    r.plans[0].day = 0;
    free(r.names[1]);
    r.names[1] = NULL;
    assert_int_equal(journal_finish(j, &r), JOURNAL_E_INVALID);
    record_free(&r);
    JournalJourney journey;
    assert_int_equal(journal_journey(j, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 2);
    journal_journey_free(&journey);
    journal_close(j);
}

static void test_journey(void **state)
{
    (void)state;
    Journal *j = open_ok(dbpath, NULL);
    Record r;
    const char *couples[3][2] = {{"Anna", "Ben"}, {"Chris", "Dana"}, {"ben", " ANNA "}};
    for (int i = 0; i < 3; i++) {
        sample_record(&r, couples[i][0], couples[i][1], i + 1);
        assert_int_equal(journal_finish(j, &r), JOURNAL_OK);
        record_free(&r);
    }
    assert_int_equal(journal_answer(j, 1, false, 0, JOURNAL_YES), JOURNAL_OK);
    assert_int_equal(journal_answer(j, 1, false, 1, JOURNAL_NOT_YET), JOURNAL_OK);
    assert_int_equal(journal_answer(j, 1, true, 0, JOURNAL_YES), JOURNAL_OK);
    assert_int_equal(journal_answer(j, 1, true, 1, JOURNAL_YES), JOURNAL_OK);
    assert_int_equal(journal_answer(j, 3, true, 1, JOURNAL_SKIP), JOURNAL_OK);

    JournalJourney all;
    assert_int_equal(journal_journey(j, NULL, NULL, &all), JOURNAL_OK);
    assert_int_equal(all.count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(all.items[i].id, (long long)i + 1);
        assert_int_equal(all.items[i].stars, (int)i + 1);
        assert_int_equal(all.items[i].rounds, 3);
        assert_int_equal(all.items[i].plans_made, 2);
        assert_int_equal(all.items[i].goals_made, 2);
        assert_string_equal(all.items[i].played, "2024-05-03 21:14:00");
    }
    assert_int_equal(all.items[0].plans_done, 1);
    assert_int_equal(all.items[0].goals_done, 2);
    assert_int_equal(all.items[2].plans_done, 0);
    assert_int_equal(all.items[2].goals_done, 0);
    assert_string_equal(all.items[1].names[0], "Chris");
    journal_journey_free(&all);

    /* A couple is the pair of names in any order, any case, spaces trimmed. */
    JournalJourney ours;
    assert_int_equal(journal_journey(j, "BEN", "anna", &ours), JOURNAL_OK);
    assert_int_equal(ours.count, 2);
    assert_int_equal(ours.items[0].id, 1);
    assert_int_equal(ours.items[1].id, 3);
    assert_string_equal(ours.items[1].names[1], " ANNA ");
    journal_journey_free(&ours);
    journal_close(j);
}

/* ---- cards seen ---- */

static void test_seen_cards(void **state)
{
    (void)state;
    reset_clock();
    Journal *j = open_ok(dbpath, NULL);
    assert_int_equal(journal_begin(j, "s", 1, NULL, 0), JOURNAL_OK);
    const char *first[] = {"Card A", "Card B"};
    const char *second[] = {"Card C", "Card A"};
    const char *other[] = {"Card Z"};
    JournalStep s1 = {.action = "done", .state = "1", .len = 1, .names = {"Anna", "Ben"}, .seen = first, .seen_count = 2};
    JournalStep s2 = {.action = "done", .state = "2", .len = 1, .names = {"ben", "ANNA"}, .seen = second, .seen_count = 2};
    JournalStep s3 = {.action = "done", .state = "3", .len = 1, .names = {"Chris", "Dana"}, .seen = other, .seen_count = 1};
    JournalStep s4 = {.action = "done", .state = "4", .len = 1}; /* no names: nothing recorded */
    clock_advance(60);
    assert_int_equal(journal_step(j, &s1), JOURNAL_OK);
    clock_advance(60);
    assert_int_equal(journal_step(j, &s2), JOURNAL_OK);
    clock_advance(60);
    assert_int_equal(journal_step(j, &s3), JOURNAL_OK);
    clock_advance(60);
    assert_int_equal(journal_step(j, &s4), JOURNAL_OK);

    JournalSeen seen;
    assert_int_equal(journal_seen(j, "Anna", "Ben", &seen), JOURNAL_OK);
    assert_int_equal(seen.count, 3);
    /* Most recent first; the two of the second step share its time, then by text. */
    assert_string_equal(seen.texts[0], "Card A");
    assert_string_equal(seen.texts[1], "Card C");
    assert_string_equal(seen.texts[2], "Card B");
    assert_string_equal(seen.when[0], seen.when[1]);
    assert_true(strcmp(seen.when[1], seen.when[2]) > 0);
    assert_int_equal(strlen(seen.when[0]), RECORD_PLAYED_SIZE - 1);
    assert_memory_equal(seen.when[0], "2024-05-03 20:", 14);
    journal_seen_free(&seen);
    assert_null(seen.texts);

    assert_int_equal(journal_seen(j, "Dana", "Chris", &seen), JOURNAL_OK);
    assert_int_equal(seen.count, 1);
    assert_string_equal(seen.texts[0], "Card Z");
    journal_seen_free(&seen);
    assert_int_equal(journal_seen(j, "Anna", "Chris", &seen), JOURNAL_OK);
    assert_int_equal(seen.count, 0);
    journal_seen_free(&seen);
    /* Abandoning the game keeps what was seen. */
    assert_int_equal(journal_abandon(j), JOURNAL_OK);
    assert_int_equal(journal_seen(j, "Anna", "Ben", &seen), JOURNAL_OK);
    assert_int_equal(seen.count, 3);
    journal_seen_free(&seen);
    journal_close(j);
}

/* ---- check-ins ---- */

/* The check-in's today, at 10:00 local time, on the one clock. */
static void checkin_day(int mon, int mday)
{
    struct tm tm = {.tm_year = 2024 - 1900, .tm_mon = mon - 1, .tm_mday = mday, .tm_hour = 10, .tm_isdst = -1};
    clock_fix(mktime(&tm));
}

static void finish_sample(Journal *j, const char *extra_plan)
{
    Record r;
    sample_record(&r, "Anna", "Ben", 1);
    if (extra_plan)
        assert_true(record_add_plan(&r, extra_plan, 0, TIME_MORNING));
    assert_int_equal(journal_finish(j, &r), JOURNAL_OK);
    record_free(&r);
}

static void test_checkin(void **state)
{
    (void)state;
    checkin_day(5, 6);
    Journal *j = open_ok(dbpath, NULL);
    JournalCheckin c;
    assert_int_equal(journal_checkin(j, &c), JOURNAL_OK);
    assert_int_equal(c.count, 0); /* no game yet: nothing to ask */
    /* Played Friday 3 May 2024: day 0 is Saturday 4, day 1 Sunday 5. */
    finish_sample(j, NULL);
    finish_sample(j, "Third plan");

    /* On Monday 6 May only the days before it are asked about, the oldest day first. */
    assert_int_equal(journal_checkin(j, &c), JOURNAL_OK);
    assert_int_equal(c.count, 3);
    assert_int_equal(c.items[0].game, 2);
    assert_false(c.items[0].is_goal);
    assert_int_equal(c.items[0].index, 2);
    assert_string_equal(c.items[0].text, "Third plan");
    assert_string_equal(c.items[0].date, "2024-05-04");
    assert_int_equal(c.items[0].time, TIME_MORNING);
    assert_string_equal(c.items[0].names[1], "Ben");
    assert_null(c.items[0].support);
    assert_int_equal(c.items[1].game, 1);
    assert_string_equal(c.items[1].date, "2024-05-05");
    assert_string_equal(c.items[1].text, "Cook, together; then talk");
    assert_int_equal(c.items[2].game, 2);
    assert_int_equal(c.items[2].index, 0);
    journal_checkin_free(&c);
    assert_null(c.items);

    assert_int_equal(journal_answer(j, 2, false, 2, JOURNAL_YES), JOURNAL_OK);
    assert_int_equal(journal_answer(j, 2, true, 2, JOURNAL_YES), JOURNAL_E_NO_SUCH_GAME);
    assert_int_equal(journal_answer(j, 99, false, 0, JOURNAL_YES), JOURNAL_E_NO_SUCH_GAME);
    assert_int_equal(journal_answer(j, 2, false, 0, (JournalAnswer)9), JOURNAL_E_INVALID);
    /* "Later" keeps an item; the second time it leaves, as not known. */
    bool left = true;
    assert_int_equal(journal_later(j, 1, false, 0, &left), JOURNAL_OK);
    assert_false(left);
    assert_int_equal(journal_checkin(j, &c), JOURNAL_OK);
    assert_int_equal(c.count, 2);
    assert_int_equal(c.items[0].game, 1);
    assert_int_equal(c.items[0].later, 1);
    journal_checkin_free(&c);
    assert_int_equal(journal_later(j, 1, false, 0, &left), JOURNAL_OK);
    assert_true(left);
    assert_int_equal(journal_later(j, 1, false, 7, &left), JOURNAL_E_NO_SUCH_GAME);
    assert_int_equal(journal_checkin(j, &c), JOURNAL_OK);
    assert_int_equal(c.count, 1);
    assert_int_equal(c.items[0].game, 2);
    assert_int_equal(c.items[0].index, 0);
    journal_checkin_free(&c);

    /* The journey counts what is still to come. */
    JournalJourney journey;
    assert_int_equal(journal_journey(j, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 2);
    assert_int_equal(journey.items[0].plans_to_come, 1); /* some day */
    assert_int_equal(journey.items[0].goals_to_come, 2);
    assert_int_equal(journey.items[1].plans_done, 1);
    assert_int_equal(journey.items[1].plans_to_come, 1);
    journal_journey_free(&journey);

    /* A week on, every day has passed, "some day" too; goals name their support. */
    checkin_day(5, 12);
    assert_int_equal(journal_checkin(j, &c), JOURNAL_OK);
    assert_int_equal(c.count, 7);
    assert_string_equal(c.items[3].date, ""); /* some day: once its week is over */
    assert_true(c.items[2].is_goal);
    assert_string_equal(c.items[2].support, "I'll cook that night");
    assert_string_equal(c.items[2].date, "2024-05-07");
    journal_checkin_free(&c);

    /* Keep this week: a dropped plan goes and the later ones move up with their answers. */
    assert_int_equal(journal_drop(j, 2, false, 0), JOURNAL_OK);
    assert_int_equal(journal_drop(j, 2, false, 5), JOURNAL_E_NO_SUCH_GAME);
    assert_int_equal(journal_drop(j, 2, true, 1), JOURNAL_OK);
    Record r;
    assert_int_equal(journal_load_game(j, 2, &r), JOURNAL_OK);
    assert_int_equal(r.plan_count, 2);
    assert_string_equal(r.plans[0].text, "Walk by the river");
    assert_string_equal(r.plans[1].text, "Third plan");
    assert_int_equal(r.goal_count, 1);
    assert_string_equal(r.goals[0].text, "Go climbing");
    record_free(&r);
    assert_int_equal(journal_journey(j, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.items[1].plans_made, 2);
    assert_int_equal(journey.items[1].plans_done, 1);
    journal_journey_free(&journey);

    /* Only the last games are looked at, so the check-in never grows. */
    for (int i = 0; i < JOURNAL_CHECKIN_GAMES; i++)
        finish_sample(j, NULL);
    assert_int_equal(journal_checkin(j, &c), JOURNAL_OK);
    assert_int_equal(c.count, 4 * JOURNAL_CHECKIN_GAMES);
    for (size_t i = 0; i < c.count; i++)
        assert_true(c.items[i].game > 2);
    journal_checkin_free(&c);
    journal_close(j);

    /* The answers and when they were given are kept. */
    assert_int_equal(raw_int(dbpath, "SELECT count(*) FROM plans WHERE game = 1 AND answer = 'skip' AND answered "
                                     "IS NOT NULL AND later = 2"),
                     1);
    assert_string_equal(journal_answer_name(JOURNAL_NOT_YET), "not yet");
    assert_string_equal(journal_answer_name(JOURNAL_UNANSWERED), "");
    clock_fix(0);
}

/* ---- faults ---- */

static void expect_refused(const char *path, JournalStatus expect)
{
    size_t len;
    char *before = slurp(path, &len);
    Journal *j = (Journal *)1;
    JournalStatus st = journal_open(path, NULL, &j);
    if (st != expect)
        print_message("got: %s\n", journal_message(st));
    assert_int_equal(st, expect);
    assert_null(j);
    expect_unchanged(path, before, len);
    /* Read-only gets the same answer and changes nothing either. */
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(path, &ro, &j), expect);
    expect_unchanged(path, before, len);
    free(before);
}

/* ---- cards kept for later, and cards passed ---- */

/* A step of couple Anna and Ben showing card (may be NULL), passing passed. */
static void couple_step(Journal *j, const char *card, const char *passed)
{
    const char *seen[] = {card};
    JournalStep step = {.action = passed ? "pass" : "done", .state = "s", .len = 1, .names = {"Anna", "Ben"},
                        .seen = seen, .seen_count = card ? 1 : 0, .passed = passed};
    clock_advance(60);
    assert_int_equal(journal_step(j, &step), JOURNAL_OK);
}

/* The texts of a list, joined by "|", into buf. */
static const char *joined(JournalSeen *list, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < list->count; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? "|" : "", list->texts[i]);
    journal_seen_free(list);
    return buf;
}

static void test_kept_cards(void **state)
{
    (void)state;
    reset_clock();
    Journal *j = open_ok(dbpath, NULL);
    JournalSeen list;
    char buf[400];
    assert_int_equal(journal_begin(j, "s", 1, NULL, 0), JOURNAL_OK);
    assert_int_equal(journal_keep_card(j, "Anna", "Ben", "Card A"), JOURNAL_OK);
    clock_advance(60);
    assert_int_equal(journal_keep_card(j, "ben", " ANNA", "Card B"), JOURNAL_OK);
    assert_int_equal(journal_keep_card(j, "Anna", "Chris", "Card C"), JOURNAL_OK);
    assert_int_equal(journal_keep_card(j, "Anna", "Ben", ""), JOURNAL_E_INVALID);
    /* Newest first; another couple's cards are theirs. */
    assert_int_equal(journal_kept(j, "Anna", "Ben", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card B|Card A");
    assert_int_equal(journal_kept(j, "Chris", "Anna", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card C");
    /* Shown again in the game it was kept in, a card stays kept. */
    couple_step(j, "Card A", NULL);
    assert_int_equal(journal_kept(j, "Anna", "Ben", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card B|Card A");
    /* Dealt again in a later game, it is no longer kept. */
    assert_int_equal(journal_begin(j, "t", 1, NULL, 0), JOURNAL_OK);
    couple_step(j, "Card A", NULL);
    assert_int_equal(journal_kept(j, "Anna", "Ben", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card B");
    /* Kept again in this game, it stays until a later one deals it. */
    assert_int_equal(journal_keep_card(j, "Anna", "Ben", "Card A"), JOURNAL_OK);
    couple_step(j, "Card A", NULL);
    assert_int_equal(journal_kept(j, "Anna", "Ben", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card A|Card B");
    /* Let go from Our journey. */
    assert_int_equal(journal_let_go(j, "Ben", "Anna", "Card B"), JOURNAL_OK);
    assert_int_equal(journal_let_go(j, "Ben", "Anna", "Card B"), JOURNAL_E_INVALID);
    assert_int_equal(journal_kept(j, "Anna", "Ben", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card A");
    journal_close(j);
    /* A read-only journal keeps nothing. */
    JournalOptions ro = {.read_only = true};
    j = open_ok(dbpath, &ro);
    assert_int_equal(journal_keep_card(j, "Anna", "Ben", "Card D"), JOURNAL_E_READ_ONLY);
    journal_close(j);
}

static void test_passed_cards(void **state)
{
    (void)state;
    reset_clock();
    Journal *j = open_ok(dbpath, NULL);
    JournalSeen list;
    char buf[400];
    assert_int_equal(journal_begin(j, "s", 1, NULL, 0), JOURNAL_OK);
    couple_step(j, "Card P", "Card P");
    couple_step(j, "Card Q", NULL);
    /* In the game in progress and the JOURNAL_PASS_GAMES games after it. */
    for (int game = 0; game <= JOURNAL_PASS_GAMES; game++) {
        assert_int_equal(journal_passed(j, "Ben", "Anna", &list), JOURNAL_OK);
        assert_string_equal(joined(&list, buf, sizeof buf), "Card P");
        assert_int_equal(journal_passed(j, "Ben", "Chris", &list), JOURNAL_OK);
        assert_int_equal(list.count, 0);
        finish_sample(j, NULL);
        assert_int_equal(journal_begin(j, "s", 1, NULL, 0), JOURNAL_OK);
    }
    /* The next game deals it like any other card. */
    assert_int_equal(journal_passed(j, "Ben", "Anna", &list), JOURNAL_OK);
    assert_int_equal(list.count, 0);
    /* Passed again, it goes back to the bottom; most recent first. */
    couple_step(j, "Card Q", "Card Q");
    couple_step(j, "Card P", "Card P");
    assert_int_equal(journal_passed(j, "Anna", "Ben", &list), JOURNAL_OK);
    assert_string_equal(joined(&list, buf, sizeof buf), "Card P|Card Q");
    journal_close(j);
}

static void test_not_a_database(void **state)
{
    (void)state;
    assert_non_null(testutil_write(tmpdir, "journal.db", "These are my notes, not a database.\n"));
    expect_refused(dbpath, JOURNAL_E_NOT_A_DATABASE);
    /* Big enough to look like pages, still not SQLite. */
    char big[8192];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_non_null(testutil_write(tmpdir, "journal.db", big));
    expect_refused(dbpath, JOURNAL_E_NOT_A_DATABASE);
    /* Another program's SQLite database is not ours either. */
    char other[400];
    snprintf(other, sizeof other, "%s/other.db", tmpdir);
    raw_sql(other, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
    expect_refused(other, JOURNAL_E_NOT_A_DATABASE);
    raw_sql(other, "PRAGMA application_id = 1234");
    expect_refused(other, JOURNAL_E_NOT_A_DATABASE);
    /* A folder where the file should be. */
    char folder[400];
    snprintf(folder, sizeof folder, "%s/folder.db", tmpdir);
    assert_int_equal(mkdir(folder, 0700), 0);
    Journal *j;
    assert_int_equal(journal_open(folder, NULL, &j), JOURNAL_E_CANNOT_OPEN);
}

static void test_newer_version(void **state)
{
    (void)state;
    make_journal(dbpath);
    raw_sql(dbpath, "PRAGMA user_version = 99");
    expect_refused(dbpath, JOURNAL_E_NEWER_VERSION);
}

static void corrupt_bytes(const char *path, long from, long count)
{
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    char junk[256];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(0xA5 ^ (i * 37));
    for (long off = from; off < from + count; off += (long)sizeof junk)
        assert_int_equal(pwrite(fd, junk, sizeof junk, off), (ssize_t)sizeof junk);
    close(fd);
}

static void test_corrupt(void **state)
{
    (void)state;
    make_journal(dbpath);
    struct stat st;
    assert_int_equal(stat(dbpath, &st), 0);
    assert_true(st.st_size >= 3 * 4096);
    /* Every page but the first garbled: the header still reads fine. */
    corrupt_bytes(dbpath, 4096, st.st_size - 4096);
    expect_refused(dbpath, JOURNAL_E_CORRUPT);
}

static void test_corrupt_schema_page(void **state)
{
    (void)state;
    make_journal(dbpath);
    corrupt_bytes(dbpath, 100, 4096 - 100 - 256);
    expect_refused(dbpath, JOURNAL_E_CORRUPT);
}

/* Runs fn in a child that runs as nobody (root reads and writes anything). */
static void as_nobody(void (*fn)(void))
{
    assert_int_equal(chmod(tmpdir, 0755), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        fn();
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

#define CHILD_CHECK(cond)                                                                               \
    do {                                                                                                \
        if (!(cond)) {                                                                                  \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond);                          \
            _exit(1);                                                                                   \
        }                                                                                               \
    } while (0)

static void read_only_file_child(void)
{
    Journal *j = NULL;
    CHILD_CHECK(journal_open(dbpath, NULL, &j) == JOURNAL_E_READ_ONLY);
    CHILD_CHECK(j == NULL);
    JournalOptions ro = {.read_only = true};
    CHILD_CHECK(journal_open(dbpath, &ro, &j) == JOURNAL_OK);
    Record r;
    CHILD_CHECK(journal_load_game(j, 0, &r) == JOURNAL_OK && r.id == 2);
    record_free(&r);
    char *blob;
    size_t len;
    long steps;
    CHILD_CHECK(journal_resume(j, &blob, &len, &steps) == JOURNAL_OK && strcmp(blob, "state-1") == 0);
    free(blob);
    CHILD_CHECK(journal_begin(j, "x", 1, NULL, 0) == JOURNAL_E_READ_ONLY);
    journal_close(j);
}

static void test_read_only_file(void **state)
{
    (void)state;
    make_journal(dbpath);
    assert_int_equal(chmod(dbpath, 0444), 0);
    size_t len;
    char *before = slurp(dbpath, &len);
    as_nobody(read_only_file_child);
    expect_unchanged(dbpath, before, len);
    free(before);
}

static void read_only_folder_child(void)
{
    Journal *j = NULL;
    JournalStatus st = journal_open(dbpath, NULL, &j);
    if (st != JOURNAL_E_READ_ONLY)
        fprintf(stderr, "read-only folder: %s\n", journal_message(st));
    CHILD_CHECK(st == JOURNAL_E_READ_ONLY);
    JournalOptions ro = {.read_only = true};
    st = journal_open(dbpath, &ro, &j);
    if (st != JOURNAL_OK)
        fprintf(stderr, "read-only folder, read-only open: %s\n", journal_message(st));
    CHILD_CHECK(st == JOURNAL_OK);
    JournalJourney journey;
    CHILD_CHECK(journal_journey(j, NULL, NULL, &journey) == JOURNAL_OK && journey.count == 2);
    journal_journey_free(&journey);
    journal_close(j);
    /* A journal that does not exist cannot be made there. */
    char missing[400];
    snprintf(missing, sizeof missing, "%s/ro/new.db", tmpdir);
    CHILD_CHECK(journal_open(missing, NULL, &j) == JOURNAL_E_READ_ONLY);
    CHILD_CHECK(journal_open(missing, &ro, &j) == JOURNAL_E_NOT_FOUND);
}

static void test_read_only_folder(void **state)
{
    (void)state;
    char dir[400];
    snprintf(dir, sizeof dir, "%s/ro", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(dbpath, sizeof dbpath, "%s/journal.db", dir);
    make_journal(dbpath);
    assert_int_equal(chmod(dbpath, 0666), 0); /* the file is writable, its folder is not */
    assert_int_equal(chmod(dir, 0555), 0);
    as_nobody(read_only_folder_child);
    assert_int_equal(chmod(dir, 0755), 0);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", dbpath);
    assert_false(exists(wal));
}

/* Fills the journal until the disk (or the size limit) is full; checks that
 * the last committed state survives and the journal stays usable. Returns
 * 0, or the line of the first failed check. */
static int disk_full_scenario(const char *path, long max_pages)
{
#define SCENARIO_CHECK(cond)                                                                            \
    do {                                                                                                \
        if (!(cond)) {                                                                                  \
            fprintf(stderr, "disk full scenario: line %d: %s\n", __LINE__, #cond);                      \
            return __LINE__;                                                                            \
        }                                                                                               \
    } while (0)
    JournalOptions opt = {.max_pages = max_pages};
    Journal *j = NULL;
    SCENARIO_CHECK(journal_open(path, &opt, &j) == JOURNAL_OK);
    SCENARIO_CHECK(journal_begin(j, "start", 5, NULL, 0) == JOURNAL_OK);
    /* Each state bigger than the last, so the file must grow. */
    static char blob[1024 * 1024];
    JournalStatus st = JOURNAL_OK;
    int committed = -1;
    for (int i = 0; i < 500 && st == JOURNAL_OK; i++) {
        size_t len = 2048 * (size_t)(i + 1);
        memset(blob, 'a' + i % 26, len);
        snprintf(blob, 32, "step %d", i);
        JournalStep step = {.action = "done", .state = blob, .len = len};
        st = journal_step(j, &step);
        if (st == JOURNAL_OK)
            committed = i;
    }
    if (st != JOURNAL_E_DISK_FULL)
        fprintf(stderr, "disk full scenario: %s\n", journal_message(st));
    SCENARIO_CHECK(st == JOURNAL_E_DISK_FULL);
    SCENARIO_CHECK(committed >= 0);
    /* Still usable: the last committed step is there, and reading works. */
    char *state = NULL;
    size_t len;
    long steps;
    char expect[32];
    snprintf(expect, sizeof expect, "step %d", committed);
    SCENARIO_CHECK(journal_resume(j, &state, &len, &steps) == JOURNAL_OK);
    SCENARIO_CHECK(strcmp(state, expect) == 0 && steps == committed + 1);
    free(state);
    Record r;
    sample_record(&r, "Anna", "Ben", 1);
    st = journal_finish(j, &r);
    SCENARIO_CHECK(st == JOURNAL_E_DISK_FULL || st == JOURNAL_OK);
    record_free(&r);
    journal_close(j);
    /* The game still starts on a full disk, and the game is still there. */
    SCENARIO_CHECK(journal_open(path, &opt, &j) == JOURNAL_OK);
    SCENARIO_CHECK(journal_resume(j, &state, &len, &steps) == JOURNAL_OK || st == JOURNAL_OK);
    free(state);
    journal_close(j);
    return 0;
#undef SCENARIO_CHECK
}

static void test_disk_full_by_page_limit(void **state)
{
    (void)state;
    assert_int_equal(disk_full_scenario(dbpath, 40), 0);
}

/* A real full disk: a 256 kB tmpfs, mounted in a mount namespace of a child
 * process so that nothing outside sees it and it vanishes with the child.
 * Where mounting is not allowed (not root, no namespaces) the page-limit
 * test above has covered the same path. */
static void test_disk_full_on_tmpfs(void **state)
{
    (void)state;
    char mnt[400];
    snprintf(mnt, sizeof mnt, "%s/small", tmpdir);
    assert_int_equal(mkdir(mnt, 0700), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount("tmpfs", mnt, "tmpfs", 0, "size=256k,mode=0700") != 0)
            _exit(77);
        char path[420];
        snprintf(path, sizeof path, "%s/journal.db", mnt);
        int line = disk_full_scenario(path, 0);
        if (line)
            _exit(1);
        /* A new journal on a disk with no room at all. */
        char filler[420], fresh[420];
        snprintf(filler, sizeof filler, "%s/filler", mnt);
        snprintf(fresh, sizeof fresh, "%s/fresh.db", mnt);
        FILE *f = fopen(filler, "wb");
        static char chunk[4096];
        while (f && fwrite(chunk, 1, sizeof chunk, f) == sizeof chunk && fflush(f) == 0)
            ;
        if (f)
            fclose(f);
        Journal *j = NULL;
        JournalStatus st = journal_open(fresh, NULL, &j);
        if (st != JOURNAL_E_DISK_FULL) {
            fprintf(stderr, "fresh journal on a full disk: %s\n", journal_message(st));
            _exit(2);
        }
        if (exists(fresh)) /* what it began, it removed */
            _exit(3);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        print_message("tmpfs could not be mounted here; the page limit test covered a full disk\n");
        return;
    }
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_in_use(void **state)
{
    (void)state;
    make_journal(dbpath);
    Journal *first = open_ok(dbpath, NULL);
    Journal *second = (Journal *)1;
    assert_int_equal(journal_open(dbpath, NULL, &second), JOURNAL_E_IN_USE);
    assert_null(second);
    /* Another process too. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Journal *j = NULL;
        _exit(journal_open(dbpath, NULL, &j) == JOURNAL_E_IN_USE ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    /* And the journal cannot be moved aside under the running copy. */
    assert_int_equal(journal_move_aside(dbpath, 0, NULL, 0), JOURNAL_E_IN_USE);
    assert_true(exists(dbpath));

    /* The second copy may read, and sees what the first commits. */
    JournalOptions ro = {.read_only = true};
    second = open_ok(dbpath, &ro);
    char *blob;
    size_t len;
    long steps;
    assert_int_equal(journal_resume(second, &blob, &len, &steps), JOURNAL_OK);
    assert_string_equal(blob, "state-1");
    free(blob);
    JournalStep step = {.action = "pass", .state = "state-2", .len = 7};
    assert_int_equal(journal_step(first, &step), JOURNAL_OK);
    assert_int_equal(journal_resume(second, &blob, &len, &steps), JOURNAL_OK);
    assert_string_equal(blob, "state-2");
    assert_int_equal(steps, 2);
    free(blob);
    assert_int_equal(journal_step(second, &step), JOURNAL_E_READ_ONLY);
    assert_int_equal(journal_abandon(second), JOURNAL_E_READ_ONLY);
    assert_int_equal(journal_answer(second, 1, false, 0, JOURNAL_YES), JOURNAL_E_READ_ONLY);
    journal_close(second);
    journal_close(first);
    /* Once the first copy is gone, the journal is free again. */
    first = open_ok(dbpath, NULL);
    journal_close(first);
}

static void test_move_aside(void **state)
{
    (void)state;
    make_journal(dbpath);
    raw_sql(dbpath, "PRAGMA user_version = 99"); /* a journal this version refuses */
    /* Leave a -wal beside it, as a crash would. */
    char wal[600], shm[600];
    snprintf(wal, sizeof wal, "%s-wal", dbpath);
    snprintf(shm, sizeof shm, "%s-shm", dbpath);
    assert_non_null(testutil_write(tmpdir, "journal.db-wal", "wal bytes"));
    size_t len;
    char *before = slurp(dbpath, &len);

    struct tm tm = {.tm_year = 2024 - 1900, .tm_mon = 4, .tm_mday = 3, .tm_hour = 21, .tm_min = 5, .tm_sec = 9,
                    .tm_isdst = -1};
    time_t when = mktime(&tm);
    char moved[700], expect[700];
    assert_int_equal(journal_move_aside(dbpath, when, moved, sizeof moved), JOURNAL_OK);
    snprintf(expect, sizeof expect, "%s.broken-20240503-210509", dbpath);
    assert_string_equal(moved, expect);
    assert_false(exists(dbpath));
    assert_false(exists(wal));
    expect_unchanged(moved, before, len);
    char moved_wal[760];
    snprintf(moved_wal, sizeof moved_wal, "%s-wal", moved);
    assert_true(exists(moved_wal));
    free(before);

    /* A fresh start, broken again within the same second: a new name, the
     * first set-aside journal untouched. */
    assert_non_null(testutil_write(tmpdir, "journal.db", "second broken journal"));
    assert_int_equal(journal_move_aside(dbpath, when, moved, sizeof moved), JOURNAL_OK);
    snprintf(expect, sizeof expect, "%s.broken-20240503-210509-2", dbpath);
    assert_string_equal(moved, expect);
    char text[64];
    testutil_read(moved, text, sizeof text);
    assert_string_equal(text, "second broken journal");

    /* Nothing to move. */
    assert_int_equal(journal_move_aside(dbpath, when, moved, sizeof moved), JOURNAL_E_NOT_FOUND);
    assert_string_equal(moved, "");
    /* And a fresh journal starts in its place. */
    Journal *j = open_ok(dbpath, NULL);
    JournalJourney journey;
    assert_int_equal(journal_journey(j, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 0);
    journal_journey_free(&journey);
    journal_close(j);
}

static void test_messages(void **state)
{
    (void)state;
    /* One plain sentence each: a capital letter, a full stop, no newline. */
    for (int s = 0; s < JOURNAL_STATUS_COUNT; s++) {
        const char *m = journal_message((JournalStatus)s);
        assert_non_null(m);
        assert_true(m[0] >= 'A' && m[0] <= 'Z');
        assert_int_equal(m[strlen(m) - 1], '.');
        assert_null(strchr(m, '\n'));
        assert_null(strchr(m, '%'));
        assert_null(strstr(m, ". ")); /* one sentence */
    }
    assert_string_equal(journal_message(JOURNAL_E_IN_USE),
                        "Another copy of Tightrope is using the journal, so this one can only open it read-only.");
    assert_non_null(journal_message((JournalStatus)999));
    assert_true(journal_can_start_fresh(JOURNAL_E_CORRUPT));
    assert_true(journal_can_start_fresh(JOURNAL_E_NOT_A_DATABASE));
    assert_true(journal_can_start_fresh(JOURNAL_E_NEWER_VERSION));
    assert_false(journal_can_start_fresh(JOURNAL_E_IN_USE));
    assert_false(journal_can_start_fresh(JOURNAL_E_READ_ONLY));
    assert_false(journal_can_start_fresh(JOURNAL_E_DISK_FULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_datadir_follows_xdg, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_datadir_falls_back_to_home, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_datadir_blocked_by_a_file, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_open_default_creates_schema, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_migrates_empty_file, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_read_only_open_of_older_version, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_fixtures_of_every_version, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_resume_where_it_stopped, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_finish_and_load, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_journey, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_seen_cards, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_checkin, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_kept_cards, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_passed_cards, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_not_a_database, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_newer_version, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_corrupt, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_corrupt_schema_page, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_read_only_file, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_read_only_folder, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_disk_full_by_page_limit, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_disk_full_on_tmpfs, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_in_use, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_move_aside, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_messages, make_tmpdir, remove_tmpdir),
    };
    return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
