/* SPDX-License-Identifier: MIT */
/* `tightrope --check`: what it prints on stdout and stderr, and its exit
 * status, run as a separate process the way editors and scripts run it. */
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
#include <sys/wait.h>
#include <unistd.h>

#include "deck.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 20], err[1 << 20];

/* Runs tightrope with args (NULL-terminated); fills out and err, returns the exit status. */
static int run(const char *const *args)
{
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

static const char *file(const char *name, const char *text)
{
    const char *path = testutil_write(dir, name, text);
    assert_non_null(path);
    return path;
}

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "cli") != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

static void test_clean_deck(void **state)
{
    (void)state;
    const char *good = file("good.deck", "deck: Good\nkind: planning\nWalk.\nTalk.\n");
    assert_int_equal(run((const char *[]){"--check", good, NULL}), 0);
    char expect[256];
    snprintf(expect, sizeof expect, "%s: 2 cards (planning)\n", good);
    assert_string_equal(out, expect);
    assert_string_equal(err, "");
}

static void test_errors_and_warnings(void **state)
{
    (void)state;
    const char *bad = file("bad.deck", "deck: Bad\nkind: sharing\nlevel: 7\nOne\none\n");
    const char *warn = file("warn.deck", "deck: Warn\nkind: solo\nmood: calm\nRest.\n");
    const char *good = file("good.deck", "deck: Good\nkind: support\nCheer.\n");
    assert_int_equal(run((const char *[]){"--check", bad, warn, good, NULL}), 1);
    char expect[1024];
    snprintf(expect, sizeof expect,
             "%s:3:8: error: '7' is not a level; use 1, 2 or 3, or a name from 'levels:'\n"
             "%s:5:1: warning: this card is the same as the card on line 4\n"
             "%s:3:1: warning: 'mood:' is not a setting this version knows; it is ignored\n",
             bad, bad, warn);
    assert_string_equal(err, expect);
    snprintf(expect, sizeof expect, "%s: 1 card (solo)\n%s: 1 card (support)\n", warn, good);
    assert_string_equal(out, expect);
    /* Warnings alone do not fail the check. */
    assert_int_equal(run((const char *[]){"--check", warn, NULL}), 0);
}

/* `follow-up:` under a sharing card: --check names each problem by line
 * and column. */
static void test_follow_up_messages(void **state)
{
    (void)state;
    char long_q[160];
    memset(long_q, 'q', 130);
    long_q[130] = '\0';
    char text[600];
    snprintf(text, sizeof text,
             "deck: News\nkind: sharing\nA good thing from this week.\n    follow-up: What made it good?\n"
             "A small win.\n    follow-up:\nAnother win.\n    follow-up: %s\n",
             long_q);
    const char *news = file("news.deck", text);
    const char *plans = file("plans.deck", "deck: Plans\nkind: planning\nWalk.\n    follow-up: Where to?\n");
    assert_int_equal(run((const char *[]){"--check", news, plans, NULL}), 1);
    char expect[1024];
    snprintf(expect, sizeof expect,
             "%s:6:15: error: 'follow-up:' needs a value after the colon\n"
             "%s:8:16: error: this follow-up question is 130 characters long; it can be at most 120, on one line\n"
             "%s:4:1: error: 'follow-up:' belongs to sharing cards, and this is not a sharing deck; remove the line\n",
             news, news, plans);
    assert_string_equal(err, expect);
    assert_string_equal(out, "");
}

static void test_missing_file(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--check", "/nonexistent/x.deck", NULL}), 1);
    assert_string_equal(err, "/nonexistent/x.deck: error: cannot open this file: there is no file at this path\n");
    assert_string_equal(out, "");
}

/* Nothing of a control character reaches the terminal: not from the deck,
 * not from its file name. */
static void test_control_characters_escaped(void **state)
{
    (void)state;
    const char *path = file("a\033[2Jb.deck", "deck: Odd\nkind: sharing\nA card \033[31mred\nfine\n");
    assert_int_equal(run((const char *[]){"--check", path, NULL}), 1);
    char expect[1024];
    snprintf(expect, sizeof expect,
             "%s/a\\x1B[2Jb.deck:3:8: error: the control character U+001B is here; a deck is plain text, so remove "
             "it\n",
             dir);
    assert_string_equal(err, expect);
    assert_null(strchr(err, '\033'));
    const char *good = file("c\033d.deck", "deck: Fine\nkind: solo\nOne\n");
    assert_int_equal(run((const char *[]){"--check", good, NULL}), 0);
    snprintf(expect, sizeof expect, "%s/c\\x1Bd.deck: 1 card (solo)\n", dir);
    assert_string_equal(out, expect);
}

static void test_too_many_problems_are_counted(void **state)
{
    (void)state;
    size_t size = 64 + (DECK_REPORT_MAX_ITEMS + 10) * 4;
    char *text = malloc(size);
    strcpy(text, "deck: D\nkind: solo\n");
    for (int i = 0; i < DECK_REPORT_MAX_ITEMS + 6; i++)
        strcat(text, "Hi\n");
    const char *path = file("many.deck", text);
    free(text);
    assert_int_equal(run((const char *[]){"--check", path, NULL}), 0);
    char expect[256];
    snprintf(expect, sizeof expect, "%s: note: 5 more problems are not shown; fix the ones above first\n", path);
    assert_non_null(strstr(err, expect));
}

static void test_characters_no_font_draws(void **state)
{
    (void)state;
    /* Private-use characters: no installed font has them. The deck still plays. */
    const char *path = file("klingon.deck", "deck: K\nkind: solo\nSay hello\nSay \xef\xa3\x90\xef\xa3\x91 \xef\xa3\x90\n");
    assert_int_equal(run((const char *[]){"--check", path, NULL}), 0);
    char expect[512];
    snprintf(expect, sizeof expect,
             "%s:4:1: warning: no installed font can draw the characters U+F8D0, U+F8D1; these are private-use "
             "characters, which only a font made for them can draw\n",
             path);
    assert_string_equal(err, expect);
    snprintf(expect, sizeof expect, "%s: 2 cards (solo)\n", path);
    assert_string_equal(out, expect);
}

static void test_usage_errors(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--check", NULL}), 2);
    assert_string_equal(err, "tightrope: --check needs at least one deck file\n"
                             "Try 'tightrope --help' for more information.\n");
    assert_int_equal(run((const char *[]){"--frobnicate", NULL}), 2);
    assert_string_equal(err, "tightrope: unknown option '--frobnicate'\n"
                             "Try 'tightrope --help' for more information.\n");
    assert_string_equal(out, "");
}

static void test_help_and_version(void **state)
{
    (void)state;
    assert_int_equal(run((const char *[]){"--version", NULL}), 0);
    assert_string_equal(out, "tightrope " TIGHTROPE_VERSION "\n");
    assert_int_equal(run((const char *[]){"--help", NULL}), 0);
    assert_non_null(strstr(out, "  --check FILE...  check deck files and report their problems\n"));
    assert_string_equal(err, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_deck),
        cmocka_unit_test(test_errors_and_warnings),
        cmocka_unit_test(test_follow_up_messages),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_control_characters_escaped),
        cmocka_unit_test(test_too_many_problems_are_counted),
        cmocka_unit_test(test_characters_no_font_draws),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_help_and_version),
    };
    return cmocka_run_group_tests_name("check cli", tests, setup, teardown);
}
