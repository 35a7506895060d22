/* SPDX-License-Identifier: MIT */
/* Two games a simulated week apart, played through the real game loop
 * (`tightrope --script`, the clock moved on with `days 7`): the check-in
 * asks only about days that have passed, with "Later" in focus and carried
 * to the next check-in (twice: not known), celebrates what happened, carries
 * a missed plan into the next game; Our week drops an item before it is
 * kept; Our journey reopens the first week and exports it again into the
 * documents folder, where the iCalendar file is read back by a real parser
 * (python3-icalendar) with its reminders, and the portrait picture is
 * checked for its size and its text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>
#include <sqlite3.h>

#include "journal.h"
#include "record.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 16], err[1 << 16];
static char trace[1 << 20];

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "weeks") != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

/* Runs the game on script with the test's data and home folders, PATH set
 * to path, and the trace of every frame read into trace. */
static int run(const char *script_text, const char *path)
{
    const char *script = testutil_write(dir, "play.script", script_text);
    assert_non_null(script);
    char data[300], home[300], tr[300];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(tr, sizeof tr, "%s/trace.txt", dir);
    remove(tr);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("TIGHTROPE_TRACE", tr, 1);
    char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char *saved_path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    setenv("HOME", home, 1);
    setenv("PATH", path, 1);
    unsetenv("XDG_CONFIG_HOME");
    const char *args[] = {"--script", script, "--seed", "7", NULL};
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    if (saved_path)
        setenv("PATH", saved_path, 1);
    free(saved_home);
    free(saved_path);
    unsetenv("TIGHTROPE_TRACE");
    assert_true(status >= 0);
    assert_true(testutil_read(tr, trace, sizeof trace) > 0);
    return status;
}

/* n lines of "key Return". */
static void returns(char *s, size_t size, int n)
{
    for (int i = 0; i < n; i++)
        strncat(s, "key Return\n", size - strlen(s) - 1);
}

/* The last frame of screen name in the trace (it starts "screen NAME"). */
static const char *last_frame(const char *name)
{
    char head[64];
    snprintf(head, sizeof head, "screen %s\n", name);
    const char *last = NULL;
    for (const char *p = trace; (p = strstr(p, head)); p++)
        if (p == trace || p[-1] == '\n')
            last = p;
    return last;
}

/* The text of the focused widget of the frame at f, into label. */
static void focused_label(const char *f, char *label, size_t size)
{
    const char *focus = strstr(f, "\nfocus ");
    assert_non_null(focus);
    char want[64];
    snprintf(want, sizeof want, "\nwidget %d ", atoi(focus + strlen("\nfocus ")));
    const char *w = strstr(f, want);
    assert_non_null(w);
    const char *end = strchr(w + 1, '\n');
    /* "widget N KIND X Y W H FLAGS LABEL": the label comes after eight spaces. */
    const char *p = w + 1;
    for (int spaces = 0; spaces < 8 && p < end; p++)
        spaces += *p == ' ';
    snprintf(label, size, "%.*s", (int)(end - p), p);
}

typedef struct {
    char answer[16];
    int later;
    int day;
    char text[200];
} Item;

/* Plan or goal number index of game: its answer, how often it was put off,
 * its day, the start of its text. */
static Item item(long long game, bool is_goal, size_t index)
{
    char path[400], sql[300];
    snprintf(path, sizeof path, "%s/data/tightrope/journal.db", dir);
    snprintf(sql, sizeof sql,
             "SELECT coalesce(answer, '-'), later, day, substr(text, 1, 30) FROM %s WHERE game = ? AND position = ?",
             is_goal ? "goals" : "plans");
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    sqlite3_bind_int64(stmt, 1, game);
    sqlite3_bind_int64(stmt, 2, (sqlite3_int64)index);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    Item it = {0};
    snprintf(it.answer, sizeof it.answer, "%s", (const char *)sqlite3_column_text(stmt, 0));
    it.later = sqlite3_column_int(stmt, 1);
    it.day = sqlite3_column_int(stmt, 2);
    snprintf(it.text, sizeof it.text, "%s", (const char *)sqlite3_column_text(stmt, 3));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return it;
}

/* Game 1 (Mon 5 Jan), its first plan on Mon 12 Jan, the rest the day
 * after, and a goal each (Tue 6 Jan, kept in rounds 2 and 3: no day or
 * support to choose, 8 presses fewer than a new goal each round); a week
 * on, the check-in, then game 2 and its Our week. */
static const char *two_games(char *s, size_t size)
{
    s[0] = '\0';
    strncat(s, "key Return\ntext Anna\nkey Return\ntext Ben\nkey Return\n", size - 1);
    /* Start, then both answer each sharing card (two presses a card: the
     * reader's Done, then the listener's), then the plan: 4 presses before
     * both answered, 6 now. */
    returns(s, size, 6);
    /* The first plan's day on the week grid: Mon 12 Jan, the last of the
     * week, six rows down from Tomorrow. */
    strncat(s, "key Down\nkey Down\nkey Down\nkey Down\nkey Down\nkey Down\n", size - strlen(s) - 1);
    /* 32: the rest of the game (three rebalances in this deal, two
     * listener's Dones in each of rounds 2 and 3, both goals kept in rounds
     * 2 and 3), then Keep this week and Done on Our week. */
    returns(s, size, 32);
    /* A week later: New game opens the check-in. */
    strncat(s, "days 7\nkey Return\n", size - strlen(s) - 1);
    strncat(s, "layout\n", size - strlen(s) - 1);
    strncat(s, "key Return\n", size - strlen(s) - 1);                        /* 1: Later */
    strncat(s, "key Left\nkey Return\nkey Left\nkey Return\n", size - strlen(s) - 1); /* 2: didn't; carry it */
    strncat(s, "key Left\nkey Left\nkey Return\nkey Return\n", size - strlen(s) - 1); /* 3: it happened; Next */
    returns(s, size, 1);                                                       /* 4: Later */
    returns(s, size, 1);                                                       /* Start */
    returns(s, size, 34); /* game 2 (two rebalances), up to Our week */
    /* Our week: drop the item above Keep this week, then keep the week. */
    strncat(s, "key Up\nkey Return\nkey Down\nkey Return\nkey Return\n", size - strlen(s) - 1);
    /* The next check-in, the same evening: what was put off comes back. */
    returns(s, size, 1);
    returns(s, size, 2);
    strncat(s, "quit\n", size - strlen(s) - 1);
    return s;
}

static void expect_check_in(void)
{
    /* Only the days that have passed: the plan for Mon 12 Jan is not
     * asked about on Mon 12 Jan; everything of Tue 6 Jan is. */
    assert_non_null(strstr(trace, "message Check-in question 1 of 4\n"));
    assert_non_null(strstr(trace, "message Check-in question 3 of 4 (celebrated): What was the best part?\n"));
    assert_non_null(strstr(trace, "message Check-in question 2 of 4 (missed)\n"));
    /* No answer chosen in advance: the first question opens on Later. */
    const char *first = strstr(trace, "screen checkin\n");
    assert_non_null(first);
    char label[200];
    focused_label(first, label, sizeof label);
    assert_string_equal(label, "Later");
    Item never = item(1, false, 0);
    assert_string_equal(never.answer, "-");
    assert_int_equal(never.day, 6);
    assert_int_equal(never.later, 0);
    /* Later, twice (here and at the next check-in): not known. */
    Item later = item(1, false, 1);
    assert_string_equal(later.answer, "skip");
    assert_int_equal(later.later, 2);
    Item missed = item(1, false, 2);
    assert_string_equal(missed.answer, "not yet");
    Item done = item(1, true, 0);
    assert_string_equal(done.answer, "yes");
    /* The second check-in asked only what was put off: Ben's goal (one a
     * partner: two goals in all), 1 plan. */
    assert_non_null(strstr(trace, "message Check-in question 2 of 2\n"));
    assert_non_null(strstr(out, "screen week\nscreen title\nscreen checkin\nscreen setup\n"));
    for (size_t g = 1; g < 2; g++) {
        Item it = item(1, true, g);
        assert_string_equal(it.answer, "skip");
        assert_int_equal(it.later, 2);
    }
    /* The missed plan is a plan of game 2, for some day. */
    Item carried = item(2, false, 3);
    assert_string_equal(carried.text, missed.text);
    assert_int_equal(carried.day, RECORD_SOME_DAY);
}

static void test_two_weeks(void **state)
{
    (void)state;
    char home[400], docs[400];
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(docs, sizeof docs, "%s/home/Documents", dir);
    assert_int_equal(mkdir(home, 0700), 0);
    assert_int_equal(mkdir(docs, 0700), 0);
    char *script = malloc(16384);
    assert_int_equal(run(two_games(script, 16384), "/usr/bin:/bin"), 0);
    free(script);
    assert_string_equal(err, "");
    expect_check_in();
    /* Keep this week dropped Ben's goal of game 2 (his one goal, kept from
     * round 1): pressed, its toggle offered to keep it again, until the
     * week was kept. */
    assert_non_null(strstr(trace, " - Keep Spend an afternoon with your old letters"));
    const char *week = last_frame("week");
    assert_non_null(week);
    assert_null(strstr(week, " - Keep Spend an afternoon"));
    Record r;
    char path[400];
    snprintf(path, sizeof path, "%s/data/tightrope/journal.db", dir);
    Journal *j = NULL;
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(path, &ro, &j), JOURNAL_OK);
    assert_int_equal(journal_load_game(j, 2, &r), JOURNAL_OK);
    assert_int_equal(r.plan_count, 4);
    assert_int_equal(r.goal_count, 1); /* Anna's; Ben's was dropped */
    assert_int_equal(r.goals[0].partner, 0);
    record_free(&r);
    journal_close(j);

    /* Our journey, newest first: the first week is the second row. Reopened
     * and exported, with Open folder where xdg-open is on PATH. */
    char fake[400];
    snprintf(fake, sizeof fake, "%s/bin", dir);
    assert_int_equal(mkdir(fake, 0700), 0);
    const char *xdg = testutil_write(fake, "xdg-open", "#!/bin/sh\nexit 0\n");
    assert_non_null(xdg);
    assert_int_equal(chmod(xdg, 0700), 0);
    assert_int_equal(run("key Down\nkey Return\nkey Up\nkey Return\nkey Left\nkey Return\nquit\n", fake), 0);
    assert_string_equal(out, "screen title\nscreen journey\nscreen week\n");
    week = last_frame("week");
    assert_non_null(strstr(week, " quiet Open folder\n"));
    /* The screen says where. */
    assert_non_null(strstr(week, "\nmessage Saved in ~/Documents/Tightrope as our-week-2026-01-05 (.md, .ics, .png "
                                 "for a phone)\n"));
    char ics[600], png[600];
    snprintf(ics, sizeof ics, "%s/Tightrope/our-week-2026-01-05.ics", docs);
    snprintf(png, sizeof png, "%s/Tightrope/our-week-2026-01-05.png", docs);

    /* The iCalendar file, read back by python3-icalendar. */
    const char *args[] = {SOURCE_DIR "/tests/check_ics.py", ics, NULL};
    char o[8192], e[2048];
    int rc = testutil_run("/usr/bin/python3", args, dir, o, sizeof o, e, sizeof e);
    if (rc != 0)
        print_error("%s%s", o, e);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(o, "2026-01-12 09:00 -> 2026-01-11 19:00 "));
    assert_non_null(strstr(o, "2026-01-06 00:00 -> 2026-01-05 19:00 Anna: "));
    assert_non_null(strstr(o, "2026-01-06 00:00 -> 2026-01-05 19:00 Ben: "));
    /* 3 plans and one goal a partner. */
    assert_non_null(strstr(o, "\n5 events, each with a reminder the evening before\n"));

    /* The portrait picture: a phone's size, with its text drawn. */
    SDL_Surface *s = IMG_Load(png);
    assert_non_null(s);
    assert_int_equal(s->w, 1080);
    assert_int_equal(s->h, 1920);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    /* "Our week" in large light letters at the top left, on the dark
     * background: bright pixels there, none in the margin beside it. */
    long title = 0, margin = 0;
    for (int y = 0; y < 260; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)rgb->pixels + y * rgb->pitch);
        for (int x = 0; x < rgb->w; x++) {
            bool bright = ((row[x] >> 16) & 0xFF) > 200 && ((row[x] >> 8) & 0xFF) > 200 && (row[x] & 0xFF) > 200;
            if (x >= 54 && x < 600 && y >= 77)
                title += bright;
            if (x < 40)
                margin += bright;
        }
    }
    assert_true(title > 3000);
    assert_int_equal(margin, 0);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(s);

    /* Without xdg-open there is no Open folder; the week exports again,
     * beside the first export. */
    assert_int_equal(run("key Down\nkey Return\nkey Up\nkey Return\nkey Left\nkey Return\nquit\n", "/nonexistent"), 0);
    week = last_frame("week");
    assert_null(strstr(week, "Open folder"));
    snprintf(ics, sizeof ics, "%s/Tightrope/our-week-2026-01-05-2.ics", docs);
    struct stat st;
    assert_int_equal(stat(ics, &st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_weeks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
