/* SPDX-License-Identifier: MIT */
/* `tightrope --simulate`: its output, determinism, deck replacement, usage
 * errors; and where the built-in decks are found (paths). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <regex.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paths.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 16], err[1 << 16];

/* Runs tightrope with args (NULL-terminated); fills out and err, returns the
 * exit status. */
static int run(const char *const *args)
{
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

static const char *last_line(const char *text)
{
    static char line[512];
    size_t len = strlen(text);
    while (len && text[len - 1] == '\n')
        len--;
    size_t start = len;
    while (start && text[start - 1] != '\n')
        start--;
    snprintf(line, sizeof line, "%.*s", (int)(len - start), text + start);
    return line;
}

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "simulate") != 0)
        return -1;
    unsetenv("TIGHTROPE_DECKS_DIR");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

static void test_result_line(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--simulate", "200", NULL}), 0);
    assert_string_equal(err, "");
    regex_t re;
    assert_int_equal(regcomp(&re,
                             "^games=200 actions=[0-9]+ steady=[0-9]+\\.[0-9]% rebalances=[0-9]+ passes=[0-9]+ "
                             "checksum=[0-9a-f]{16}$",
                             REG_EXTENDED | REG_NOSUB),
                     0);
    assert_int_equal(regexec(&re, last_line(out), 0, NULL, 0), 0);
    /* The decks in play come first, one line each. */
    assert_non_null(strstr(out, "sharing: Between Us ("));
    assert_non_null(strstr(out, "rebalance: Steady the Rope ("));
    char first[sizeof out];
    snprintf(first, sizeof first, "%s", out);
    /* Same arguments, same output; the options in any order. */
    assert_int_equal(run((const char *[]){"--seed", "1", "--policy", "random", "--simulate", "200", NULL}), 0);
    assert_string_equal(out, first);
    char first_line[512];
    snprintf(first_line, sizeof first_line, "%s", last_line(first));
    assert_int_equal(run((const char *[]){"--simulate", "200", "--seed", "2", NULL}), 0);
    assert_string_not_equal(last_line(out), first_line);
    assert_int_equal(run((const char *[]){"--simulate", "200", "--policy", "steady", "--seed", "+16", NULL}), 0);
    assert_int_equal(regexec(&re, last_line(out), 0, NULL, 0), 0);
    regfree(&re);
    /* A leading '+' is allowed, and a leading 0 is still decimal. */
    assert_int_equal(run((const char *[]){"--simulate", "+5", NULL}), 0);
    assert_non_null(strstr(out, "games=5 "));
    assert_int_equal(run((const char *[]){"--simulate", "010", NULL}), 0);
    assert_non_null(strstr(out, "games=10 "));
}

static void expect_usage(const char *const *args, const char *message)
{
    assert_int_equal(run(args), 2);
    char expect[512];
    snprintf(expect, sizeof expect, "tightrope: %s\nTry 'tightrope --help' for more information.\n", message);
    assert_string_equal(err, expect);
    assert_string_equal(out, "");
}

static void test_usage_errors(void **state)
{
    (void)state;
    expect_usage((const char *[]){"--simulate", NULL}, "--simulate needs a number of games, like --simulate 10000");
    expect_usage((const char *[]){"--simulate", "--seed", "3", NULL},
                 "--simulate needs a number of games, like --simulate 10000");
    /* One rule for numbers: decimal digits, an optional leading '+', nothing else. */
    const char *bad_counts[] = {"0", "-5", "1000001", "99999999999999999999999", "ten", "12abc", " 5", "5 ", "0x10",
                                "+", "++5", "+-5", "1e3", "5.0", "\t5"};
    for (size_t i = 0; i < sizeof bad_counts / sizeof *bad_counts; i++) {
        char message[256];
        snprintf(message, sizeof message, "--simulate takes a number of games from 1 to 1000000, not '%s'",
                 bad_counts[i]);
        expect_usage((const char *[]){"--simulate", bad_counts[i], NULL}, message);
    }
    expect_usage((const char *[]){"--simulate", "", NULL},
                 "--simulate needs a number of games, like --simulate 10000, not an empty one");
    expect_usage((const char *[]){"--simulate", "10", "--seed", "0x10", NULL},
                 "--seed takes a whole number from 0 to 18446744073709551615, not '0x10'");
    expect_usage((const char *[]){"--help", "extra", NULL}, "--help takes no other arguments, not 'extra'");
    expect_usage((const char *[]){"--version", "--simulate", "5", NULL},
                 "--version takes no other arguments, not '--simulate'");
    expect_usage((const char *[]){"--simulate", "10", "--policy", "lazy", NULL},
                 "'lazy' is not a policy; use random or steady");
    expect_usage((const char *[]){"--simulate", "10", "--policy", NULL}, "--policy needs a policy: random or steady");
    expect_usage((const char *[]){"--simulate", "10", "--seed", "x", NULL},
                 "--seed takes a whole number from 0 to 18446744073709551615, not 'x'");
    expect_usage((const char *[]){"--simulate", "10", "--seed", "18446744073709551616", NULL},
                 "--seed takes a whole number from 0 to 18446744073709551615, not '18446744073709551616'");
    expect_usage((const char *[]){"--simulate", "10", "--seed", NULL}, "--seed needs a number, like --seed 42");
    expect_usage((const char *[]){"--simulate", "10", "--deck", NULL}, "--deck needs a deck file");
    expect_usage((const char *[]){"--seed", "3", NULL}, "--seed works with --script or --simulate");
    expect_usage((const char *[]){"--policy", "steady", "--deck", "x.deck", NULL},
                 "--policy works only with --simulate N");
    expect_usage((const char *[]){"--simulate", "10", "--check", "x.deck", NULL},
                 "--check cannot be combined with --simulate");
    expect_usage((const char *[]){"--simulate", "10", "extra", NULL},
                 "unexpected argument 'extra'; to check a deck, use --check FILE");
}

static void test_help_lists_the_options(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--help", NULL}), 0);
    assert_non_null(strstr(out, "  --simulate N "));
    assert_non_null(strstr(out, "  --seed S "));
    assert_non_null(strstr(out, "  --policy P "));
    assert_non_null(strstr(out, "  --deck FILE "));
}

static void test_deck_replaces_its_kind(void **state)
{
    (void)state;
    const char *solo = testutil_write(dir, "mine.deck",
                                      "deck: Just Mine\nkind: solo\nweight: -1\nRead a book\nGo for a run\n"
                                      "See a film alone\n");
    assert_non_null(solo);
    assert_int_equal(run((const char *[]){"--simulate", "300", "--deck", solo, NULL}), 0);
    char expect[512];
    snprintf(expect, sizeof expect, "solo: Just Mine (%s, 3 cards)\n", solo);
    assert_non_null(strstr(out, expect));
    assert_null(strstr(out, "Something of My Own"));
    assert_non_null(strstr(out, "sharing: Between Us"));
    char with_deck[512];
    snprintf(with_deck, sizeof with_deck, "%s", last_line(out));
    assert_int_equal(run((const char *[]){"--simulate", "300", NULL}), 0);
    assert_string_not_equal(last_line(out), with_deck);

    /* Two decks of one kind play together, and replace the built-in one. */
    const char *more = testutil_write(dir, "more.deck", "deck: More Mine\nkind: solo\nLearn a song\nFix the bike\n");
    assert_int_equal(run((const char *[]){"--simulate", "50", "--deck", solo, "--deck", more, NULL}), 0);
    assert_non_null(strstr(out, "solo: Just Mine"));
    assert_non_null(strstr(out, "solo: More Mine"));

    /* A deck with an error: its problems, and status 1. */
    const char *broken = testutil_write(dir, "broken.deck", "deck: Broken\nkind: solo\nlevel: 9\nA goal\n");
    assert_int_equal(run((const char *[]){"--simulate", "50", "--deck", broken, NULL}), 1);
    snprintf(expect, sizeof expect, "%s:3:8: error: '9' is not a level", broken);
    assert_non_null(strstr(err, expect));
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing.deck", dir);
    assert_int_equal(run((const char *[]){"--simulate", "50", "--deck", missing, NULL}), 1);
    assert_non_null(strstr(err, "cannot open this file"));

    /* A deck set the game refuses: the reason, and status 1. */
    const char *few = testutil_write(dir, "few.deck", "deck: Few\nkind: planning\nOne plan\nTwo plans\n");
    assert_int_equal(run((const char *[]){"--simulate", "50", "--deck", few, NULL}), 1);
    assert_string_equal(err, "tightrope: the planning decks in play have only 2 different cards; a game needs at least 3\n");
}

static void test_decks_dir_override(void **state)
{
    (void)state;
    char decks[300];
    snprintf(decks, sizeof decks, "%s/decks", dir);
    assert_int_equal(mkdir(decks, 0700), 0);
    static const char *const files[][2] = {
        {"b.deck", "deck: Talk\nkind: sharing\nHow was today?\n"},
        {"a.deck", "deck: Plans\nkind: planning\nWalk\nCook\nRead\n"},
        {"c.deck", "deck: Mine\nkind: solo\nRun\nSwim\n"},
        {"d.deck", "deck: Help\nkind: support\nCheer\nAsk\n"},
        {"e.deck", "deck: Rope\nkind: rebalance\nHug\n    weight: 2\nBreathe apart\n    weight: -2\n"},
        {"notes.txt", "not a deck"},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        assert_non_null(testutil_write(decks, files[i][0], files[i][1]));
    setenv("TIGHTROPE_DECKS_DIR", decks, 1);
    assert_int_equal(run((const char *[]){"--simulate", "20", NULL}), 0);
    char expect[2048];
    snprintf(expect, sizeof expect,
             "planning: Plans (%s/a.deck, 3 cards)\nsharing: Talk (%s/b.deck, 1 card)\n"
             "solo: Mine (%s/c.deck, 2 cards)\nsupport: Help (%s/d.deck, 2 cards)\n"
             "rebalance: Rope (%s/e.deck, 2 cards)\ngames=20 ",
             decks, decks, decks, decks, decks);
    assert_memory_equal(out, expect, strlen(expect));

    char found[4200], why[512];
    assert_int_equal(paths_builtin_decks(NULL, found, sizeof found, why, sizeof why), 0);
    assert_string_equal(found, decks);
    char **list;
    size_t count;
    assert_int_equal(paths_list_decks(decks, &list, &count), 0);
    assert_int_equal(count, 5);
    snprintf(expect, sizeof expect, "%s/a.deck", decks);
    assert_string_equal(list[0], expect);
    snprintf(expect, sizeof expect, "%s/e.deck", decks);
    assert_string_equal(list[4], expect);
    paths_list_free(list, count);

    setenv("TIGHTROPE_DECKS_DIR", "/nonexistent/tightrope-decks", 1);
    assert_int_equal(run((const char *[]){"--simulate", "20", NULL}), 1);
    assert_string_equal(err, "tightrope: TIGHTROPE_DECKS_DIR is '/nonexistent/tightrope-decks', which is not a folder\n");
    assert_int_equal(paths_builtin_decks(NULL, found, sizeof found, why, sizeof why), -1);
    assert_string_equal(why, "TIGHTROPE_DECKS_DIR is '/nonexistent/tightrope-decks', which is not a folder");
    unsetenv("TIGHTROPE_DECKS_DIR");
    assert_int_equal(paths_list_decks("/nonexistent/tightrope-decks", &list, &count), -1);
}

static void test_builtin_decks_found_beside_the_program(void **state)
{
    (void)state;
    /* Not through the test's own executable (tests/ sits one folder deeper);
     * the program finds ../decks from its build folder. */
    assert_int_equal(run((const char *[]){"--simulate", "1", NULL}), 0);
    char expect[4200];
    snprintf(expect, sizeof expect, "(%s/decks/sharing.deck, ", SOURCE_DIR);
    char real[4096];
    if (realpath(SOURCE_DIR, real))
        snprintf(expect, sizeof expect, "(%s/decks/sharing.deck, ", real);
    assert_non_null(strstr(out, expect));
}

/* --simulate plays the decks a new game starts with in the locale's card
 * language: the Spanish ones under a Spanish locale, never a pack. */
static void test_decks_of_the_locale(void **state)
{
    (void)state;
    const char *folder = SOURCE_DIR "/tests/fixtures/lang-es";
    setenv("TIGHTROPE_DECKS_DIR", folder, 1);
    setenv("LANG", "es_ES.UTF-8", 1);
    assert_int_equal(run((const char *[]){"--simulate", "50", NULL}), 0);
    static const char *const kinds[] = {"planning", "rebalance", "sharing", "solo", "support"};
    for (size_t i = 0; i < 5; i++) {
        char line[600];
        snprintf(line, sizeof line, "%s: Prueba %s (%s/%s-es.deck, ", kinds[i], kinds[i], folder, kinds[i]);
        assert_non_null(strstr(out, line));
    }
    assert_null(strstr(out, "-en.deck"));
    assert_null(strstr(out, "Paquete"));
    setenv("LANG", "C.UTF-8", 1);
    assert_int_equal(run((const char *[]){"--simulate", "50", NULL}), 0);
    assert_null(strstr(out, "-es.deck"));
    assert_non_null(strstr(out, "sharing: Test sharing ("));
    unsetenv("TIGHTROPE_DECKS_DIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_line),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_help_lists_the_options),
        cmocka_unit_test(test_deck_replaces_its_kind),
        cmocka_unit_test(test_decks_dir_override),
        cmocka_unit_test(test_builtin_decks_found_beside_the_program),
        cmocka_unit_test(test_decks_of_the_locale),
    };
    /* The card language comes from the locale: English for these tests. */
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "C.UTF-8", 1);
    return cmocka_run_group_tests_name("simulate cli", tests, setup, teardown);
}
