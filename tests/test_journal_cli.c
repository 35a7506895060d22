/* SPDX-License-Identifier: MIT */
/* `tightrope --history` and `tightrope --export`: what they print, the files
 * they write and their exit status, run as separate processes against a
 * journal in a temporary data folder (XDG_DATA_HOME). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "journal.h"
#include "record.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 16], err[1 << 16];

/* Runs tightrope with args (NULL-terminated); fills out and err, returns the exit status. */
static int run(const char *const *args)
{
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "journal-cli") != 0)
        return -1;
    /* The program under test inherits this: never the real data folder. */
    setenv("XDG_DATA_HOME", dir, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

static void add_game(Journal *j, const char *a, const char *b, int stars)
{
    Record r = {0};
    snprintf(r.played, sizeof r.played, "%s", stars == 1 ? "2024-05-03 21:14:00" : "2024-05-04 21:14:00");
    record_set_name(&r, 0, a);
    record_set_name(&r, 1, b);
    r.rounds = 3;
    r.stars = stars;
    record_add_plan(&r, "Cook, together", 1, TIME_EVENING);
    record_add_goal(&r, 0, "Go climbing", 3, "I'll cook");
    record_add_goal(&r, 1, "Read", RECORD_SOME_DAY, "Quiet");
    assert_int_equal(journal_finish(j, &r), JOURNAL_OK);
    record_free(&r);
}

/* A journal in the data folder with two games, the first checked in. */
static void make_default_journal(void)
{
    Journal *j = NULL;
    char path[512];
    assert_int_equal(journal_open_default(NULL, &j, path, sizeof path), JOURNAL_OK);
    add_game(j, "Anna", "Ben", 1);
    add_game(j, "Anna", "Ben", 2);
    assert_int_equal(journal_answer(j, 1, false, 0, JOURNAL_YES), JOURNAL_OK);
    assert_int_equal(journal_answer(j, 1, true, 1, JOURNAL_YES), JOURNAL_OK);
    journal_close(j);
}

static void test_help_lists_options(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--help", NULL}), 0);
    assert_non_null(strstr(out, "\n  --history "));
    assert_non_null(strstr(out, "\n  --export [ID] "));
    assert_non_null(strstr(out, "\n  --out DIR "));
    assert_non_null(strstr(out, "\n  --journal FILE "));
}

static void test_history(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--history", NULL}), 1);
    assert_non_null(strstr(err, "there is no journal yet"));
    make_default_journal();
    assert_int_equal(run((const char *[]){"--history", NULL}), 0);
    assert_string_equal(out, "Game  Played            Stars   Plans done  Goals done  Couple\n"
                             "   1  2024-05-03 21:14  1 of 3  1 of 1      1 of 2      Anna & Ben\n"
                             "   2  2024-05-04 21:14  2 of 3  0 of 1      0 of 2      Anna & Ben\n"
                             "2 games: 3 of 6 stars, 1 of 2 plans done, 1 of 4 goals done.\n");
    assert_string_equal(err, "");

    /* --journal reads another file; an empty journal has no games. */
    char other[400];
    snprintf(other, sizeof other, "%s/other.db", dir);
    Journal *j = NULL;
    assert_int_equal(journal_open(other, NULL, &j), JOURNAL_OK);
    journal_close(j);
    assert_int_equal(run((const char *[]){"--history", "--journal", other, NULL}), 0);
    assert_string_equal(out, "No finished games yet.\n");
}

static void test_history_while_the_game_runs(void **state)
{
    (void)state;
    make_default_journal();
    Journal *j = NULL;
    char path[512];
    assert_int_equal(journal_open_default(NULL, &j, path, sizeof path), JOURNAL_OK);
    /* The running game holds the journal; the command line reads it. */
    assert_int_equal(run((const char *[]){"--history", NULL}), 0);
    assert_non_null(strstr(out, "2 games"));
    journal_close(j);
}

static void test_export(void **state)
{
    (void)state;
    make_default_journal();
    char outdir[400], expect[2048];
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    assert_int_equal(mkdir(outdir, 0700), 0);
    assert_int_equal(run((const char *[]){"--export", "--out", outdir, NULL}), 0);
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-04.md\n%s/our-week-2024-05-04.ics\n%s/our-week-2024-05-04.png\n",
             outdir, outdir, outdir);
    assert_string_equal(out, expect);
    char text[8192], path[600];
    /* The picture of Our week is made with no display at all. */
    snprintf(path, sizeof path, "%s/our-week-2024-05-04.png", outdir);
    assert_true(testutil_read(path, text, sizeof text) > 1000);
    assert_memory_equal(text, "\x89PNG\r\n\x1a\n", 8);
    snprintf(path, sizeof path, "%s/our-week-2024-05-04.ics", outdir);
    assert_true(testutil_read(path, text, sizeof text) > 0);
    assert_non_null(strstr(text, "DTSTART:20240506T190000\r\n"));

    assert_int_equal(run((const char *[]){"--export", "1", "--out", outdir, NULL}), 0);
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03.md\n%s/our-week-2024-05-03.ics\n%s/our-week-2024-05-03.png\n",
             outdir, outdir, outdir);
    assert_string_equal(out, expect);
    snprintf(path, sizeof path, "%s/our-week-2024-05-03.md", outdir);
    assert_true(testutil_read(path, text, sizeof text) > 0);
    assert_non_null(strstr(text, "# Our week: Anna & Ben\n"));
    /* Exporting again never replaces: a second name. */
    assert_int_equal(run((const char *[]){"--export", "last", "--out", outdir, NULL}), 0);
    assert_non_null(strstr(out, "our-week-2024-05-04-2.md\n"));
}

static void test_export_errors(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--export", NULL}), 2);
    assert_non_null(strstr(err, "--export needs a folder to write to: add --out DIR"));
    assert_int_equal(run((const char *[]){"--export", "abc", "--out", dir, NULL}), 2);
    assert_non_null(strstr(err, "--export takes a game number (see --history) or 'last', not 'abc'"));
    assert_int_equal(run((const char *[]){"--export", "0", "--out", dir, NULL}), 2);
    assert_int_equal(run((const char *[]){"--out", dir, NULL}), 2);
    assert_non_null(strstr(err, "--out works only with --export"));
    assert_int_equal(run((const char *[]){"--journal", "x.db", NULL}), 2);
    assert_non_null(strstr(err, "--journal works only with --history, --export or --replay"));
    assert_int_equal(run((const char *[]){"--history", "--journal", NULL}), 2);
    assert_int_equal(run((const char *[]){"--history", "--simulate", "5", NULL}), 2);

    make_default_journal();
    assert_int_equal(run((const char *[]){"--export", "9", "--out", dir, NULL}), 1);
    assert_string_equal(err, "tightrope: there is no game 9; 'tightrope --history' lists them.\n");
    char missing[400];
    snprintf(missing, sizeof missing, "%s/missing", dir);
    char expect[600];
    /* --out makes the folder it is given, with its parents. */
    char deep[500];
    snprintf(deep, sizeof deep, "%s/a/b", missing);
    assert_int_equal(run((const char *[]){"--export", "--out", deep, NULL}), 0);
    struct stat st;
    assert_int_equal(stat(deep, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    /* A special file or a file is not a folder. */
    assert_int_equal(run((const char *[]){"--export", "1", "--out", "/dev/null", NULL}), 1);
    assert_string_equal(err, "tightrope: /dev/null is a device, not a folder; give --out a folder to write the files to.\n");
    const char *plain = testutil_write(dir, "plain.txt", "x\n");
    snprintf(deep, sizeof deep, "%s/sub", plain);
    assert_int_equal(run((const char *[]){"--export", "1", "--out", deep, NULL}), 1);
    snprintf(expect, sizeof expect, "tightrope: %s is a file, not a folder; give --out a folder to write the files to.\n",
             plain);
    assert_string_equal(err, expect);
    assert_int_equal(run((const char *[]){"--export", "1", "--out", "", NULL}), 2);
    assert_non_null(strstr(err, "tightrope: --out needs a folder, like --out ~/Documents, not an empty one\n"));

    /* A journal that is not one: said in one sentence, the file untouched. */
    const char *notes = testutil_write(dir, "notes.db", "just my notes\n");
    assert_int_equal(run((const char *[]){"--history", "--journal", notes, NULL}), 1);
    snprintf(expect, sizeof expect, "tightrope: %s: %s\n", notes, journal_message(JOURNAL_E_NOT_A_DATABASE));
    assert_string_equal(err, expect);
    char text[64];
    testutil_read(notes, text, sizeof text);
    assert_string_equal(text, "just my notes\n");
}

/* --history and --export only read: they leave no -shm or -wal beside the
 * journal, and make no data folder where there is none. */
static void test_readers_leave_nothing(void **state)
{
    (void)state;
    make_default_journal();
    char path[600];
    struct stat st;
    assert_int_equal(run((const char *[]){"--history", NULL}), 0);
    snprintf(path, sizeof path, "%s/tightrope/journal.db-shm", dir);
    assert_int_equal(stat(path, &st), -1);
    snprintf(path, sizeof path, "%s/tightrope/journal.db-wal", dir);
    assert_int_equal(stat(path, &st), -1);
    char out_dir[500];
    snprintf(out_dir, sizeof out_dir, "%s/out", dir);
    assert_int_equal(run((const char *[]){"--export", "--out", out_dir, NULL}), 0);
    assert_int_equal(stat(path, &st), -1);
    snprintf(path, sizeof path, "%s/tightrope/journal.db-shm", dir);
    assert_int_equal(stat(path, &st), -1);
    /* A machine with no data folder: said, and nothing made. */
    char home[500];
    snprintf(home, sizeof home, "%s/home", dir);
    assert_int_equal(mkdir(home, 0700), 0);
    char old_home[400];
    snprintf(old_home, sizeof old_home, "%s", getenv("HOME") ? getenv("HOME") : "/");
    setenv("HOME", home, 1);
    unsetenv("XDG_DATA_HOME");
    assert_int_equal(run((const char *[]){"--history", NULL}), 1);
    char expect[800];
    snprintf(expect, sizeof expect,
             "tightrope: %s/.local/share/tightrope/journal.db: there is no journal yet; it is made when a game is "
             "played.\n",
             home);
    assert_string_equal(err, expect);
    assert_int_equal(run((const char *[]){"--export", "--out", out_dir, NULL}), 1);
    snprintf(path, sizeof path, "%s/.local", home);
    assert_int_equal(stat(path, &st), -1);
    setenv("HOME", old_home, 1);
    setenv("XDG_DATA_HOME", dir, 1);
}

/* Each row of the table in issue 13: what happened, why, what to do, in
 * the words of the command that printed it. */
static void test_journal_messages_say_why(void **state)
{
    (void)state;
    char expect[1200], path[600];
    /* The data folder is a file. */
    const char *file = testutil_write(dir, "datafile", "x");
    setenv("XDG_DATA_HOME", file, 1);
    assert_int_equal(run((const char *[]){"--history", NULL}), 1);
    snprintf(expect, sizeof expect,
             "tightrope: cannot read the journal: %s is a file, where a folder should be; the game makes its journal "
             "there when that is put right.\n",
             file);
    assert_string_equal(err, expect);
    /* ... or a dangling symbolic link. */
    snprintf(path, sizeof path, "%s/dangling", dir);
    assert_int_equal(symlink("/nonexistent/tightrope-nothing", path), 0);
    setenv("XDG_DATA_HOME", path, 1);
    assert_int_equal(run((const char *[]){"--history", NULL}), 1);
    snprintf(expect, sizeof expect,
             "tightrope: cannot read the journal: %s is a symbolic link to something that does not exist; the game "
             "makes its journal there when that is put right.\n",
             path);
    assert_string_equal(err, expect);
    setenv("XDG_DATA_HOME", dir, 1);
    /* --journal that is a folder, a device, a FIFO: refused at once. */
    assert_int_equal(run((const char *[]){"--history", "--journal", "/", NULL}), 1);
    assert_string_equal(err, "tightrope: cannot read the journal: / is a folder, not a file; give --journal the journal "
                             "file (journal.db in the data folder).\n");
    assert_int_equal(run((const char *[]){"--history", "--journal", "/dev/null", NULL}), 1);
    assert_string_equal(err, "tightrope: cannot read the journal: /dev/null is a device, not a file; give --journal the "
                             "journal file (journal.db in the data folder).\n");
    assert_int_equal(run((const char *[]){"--export", "--out", dir, "--journal", "/dev/zero", NULL}), 1);
    assert_string_equal(err, "tightrope: cannot read the journal: /dev/zero is a device, not a file; give --journal the "
                             "journal file (journal.db in the data folder).\n");
    snprintf(path, sizeof path, "%s/fifo.db", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(run((const char *[]){"--history", "--journal", path, NULL}), 1);
    snprintf(expect, sizeof expect,
             "tightrope: cannot read the journal: %s is a named pipe (FIFO), not a file; give --journal the journal "
             "file (journal.db in the data folder).\n",
             path);
    assert_string_equal(err, expect);
    assert_int_equal(run((const char *[]){"--history", "--journal", "", NULL}), 2);
    assert_string_equal(err, "tightrope: --journal needs a journal file, like --journal journal.db, not an empty one\n"
                             "Try 'tightrope --help' for more information.\n");
    /* An empty or relative HOME, and no XDG_DATA_HOME: said, nothing made. */
    unsetenv("XDG_DATA_HOME");
    char old_home[400];
    snprintf(old_home, sizeof old_home, "%s", getenv("HOME") ? getenv("HOME") : "/");
    setenv("HOME", "", 1);
    assert_int_equal(run((const char *[]){"--history", NULL}), 1);
    assert_string_equal(err, "tightrope: cannot find the journal: HOME is empty and XDG_DATA_HOME is not set; set HOME "
                             "to your home folder, or give --journal FILE.\n");
    setenv("HOME", "rel", 1);
    assert_int_equal(run((const char *[]){"--history", NULL}), 1);
    assert_string_equal(err, "tightrope: cannot find the journal: HOME is 'rel', which is not a full path (like "
                             "/home/you), and XDG_DATA_HOME is not set; set HOME to your home folder, or give --journal "
                             "FILE.\n");
    struct stat st; /* nothing made in the current folder */
    assert_int_equal(stat("rel", &st), -1);
    setenv("HOME", old_home, 1);
    setenv("XDG_DATA_HOME", dir, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_help_lists_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_while_the_game_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_messages_say_why, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readers_leave_nothing, setup, teardown),
    };
    return cmocka_run_group_tests_name("journal command line", tests, NULL, NULL);
}
