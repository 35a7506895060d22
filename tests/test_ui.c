/* SPDX-License-Identifier: MIT */
/* Headless tests of the SDL front end: whole games played through the real
 * game loop with `tightrope --script` (keyboard only, gamepad only, mouse
 * only), the screens they pass through, the journal they leave, and every
 * screen drawn at 1280x720 and 3840x2160 with no text outside its box. */
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

#include <SDL.h>
#include <SDL_image.h>

#include "journal.h"
#include "record.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 16], err[1 << 16];

/* Runs tightrope --script with XDG_DATA_HOME in the test's folder. */
static int play(const char *script_text, const char *seed)
{
    const char *script = testutil_write(dir, "play.script", script_text);
    assert_non_null(script);
    char data[300];
    snprintf(data, sizeof data, "%s/data", dir);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const char *args[] = {"--script", script, "--seed", seed, NULL};
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

static int setup(void **state)
{
    (void)state;
    const char *made = testutil_mkdtemp("ui");
    if (!made)
        return -1;
    snprintf(dir, sizeof dir, "%s", made);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

/* A script pressing one input n times, then quitting. */
static char *repeat(const char *line, int n)
{
    size_t len = strlen(line) + 1;
    char *s = malloc(len * (size_t)n + 16);
    s[0] = '\0';
    for (int i = 0; i < n; i++) {
        strcat(s, line);
        strcat(s, "\n");
    }
    strcat(s, "quit\n");
    return s;
}

static int count(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The trace of one complete three-round game: every moment of every round,
 * in order, then Our week. */
static void expect_whole_game(const char *trace)
{
    const char *week = strstr(trace, "screen week\n");
    assert_non_null(week);
    const char *start = "screen title\nscreen setup\nscreen play sharing round 1 turn 1 step 0\n";
    assert_true(strncmp(trace, start, strlen(start)) == 0);
    static const char *const moments[] = {"sharing", "plan-pick", "plan-day", "plan-time", "solo-pick", "solo-day",
                                          "support-pick"};
    const char *at = trace;
    for (int round = 1; round <= 3; round++) {
        for (size_t m = 0; m < sizeof moments / sizeof *moments; m++) {
            char line[64];
            snprintf(line, sizeof line, "screen play %s round %d", moments[m], round);
            const char *found = strstr(at, line);
            if (!found)
                print_error("missing: %s\n", line);
            assert_non_null(found);
            assert_true(found < week);
            at = found;
        }
    }
}

/* The last finished game in the journal the game left in the test's folder;
 * also whether a game is still in progress there. */
static void last_game(Record *record, bool *in_progress)
{
    char path[400];
    snprintf(path, sizeof path, "%s/data/tightrope/journal.db", dir);
    Journal *journal = NULL;
    JournalOptions opt = {.read_only = true};
    assert_int_equal(journal_open(path, &opt, &journal), JOURNAL_OK);
    assert_int_equal(journal_load_game(journal, 0, record), JOURNAL_OK);
    if (in_progress)
        *in_progress = journal_has_progress(journal);
    journal_close(journal);
}

/* The journal the game left: one finished game with 3 plans and 6 goals. */
static void expect_journal(void)
{
    Record record;
    bool in_progress;
    last_game(&record, &in_progress);
    assert_int_equal(record.rounds, 3);
    assert_int_equal(record.plan_count, 3);
    assert_int_equal(record.goal_count, 6);
    assert_string_equal(record.names[0], "Player 1");
    assert_string_equal(record.names[1], "Player 2");
    assert_true(record.balance_count >= 33);
    record_free(&record);
    assert_false(in_progress);
}

static void test_keyboard_only(void **state)
{
    (void)state;
    char *script = repeat("key Return", 45);
    assert_int_equal(play(script, "7"), 0);
    free(script);
    expect_whole_game(out);
    assert_string_equal(err, "");
    expect_journal();
}

static void test_gamepad_only(void **state)
{
    (void)state;
    char *script = repeat("pad 1 a", 45);
    assert_int_equal(play(script, "7"), 0);
    free(script);
    expect_whole_game(out);
    assert_string_equal(err, "");
    expect_journal();
}

/* Quit mid-game; the next start offers Continue, which resumes the same
 * moment, and the game plays on to its end. */
static void test_continue_after_restart(void **state)
{
    (void)state;
    assert_int_equal(play("key Return\nkey Return\nkey Return\nkey Return\nkey Return\nquit\n", "5"), 0);
    const char *last = strstr(out, "screen play plan-day round 1 turn 1 step 3\n");
    assert_non_null(last);
    assert_string_equal(last, "screen play plan-day round 1 turn 1 step 3\n");
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys, "99"), 0);
    free(keys);
    assert_true(strncmp(out, "screen title\nscreen play plan-day round 1 turn 1 step 3\n", 55) == 0);
    assert_non_null(strstr(out, "screen week\n"));
    assert_string_equal(err, "");
    Record record;
    last_game(&record, NULL);
    assert_int_equal(record.plan_count, 3);
    assert_int_equal(record.goal_count, 6);
    record_free(&record);
}

/* A goal typed with a gamepad, through the on-screen keyboard. */
static void test_gamepad_types_on_screen(void **state)
{
    (void)state;
    /* How many presses lead to the first solo pick, from a keyboard game. */
    char *keys = repeat("key Return", 20);
    assert_int_equal(play(keys, "7"), 0);
    free(keys);
    int presses = 0;
    const char *at = out;
    while (at && !strstr(at, "screen play solo-pick round 1 turn 1") && (at = strchr(at, '\n')))
        at++, presses++;
    const char *solo = strstr(out, "screen play solo-pick round 1 turn 1");
    assert_non_null(solo);
    presses = 0;
    for (const char *p = out; p < solo; p++)
        presses += *p == '\n';
    testutil_rmrf(dir);
    assert_int_equal(setup(NULL), 0);
    /* Down to the goal field, A opens the keyboard on 'w', A types it, B
     * closes the keyboard, Right to "Keep my own", A keeps it. */
    char *script = repeat("pad 1 a", presses);
    script[strlen(script) - strlen("quit\n")] = '\0';
    char *tail = repeat("pad 1 a", 45);
    char *full = malloc(strlen(script) + strlen(tail) + 200);
    sprintf(full, "%spad 1 dpdown\npad 1 a\npad 1 a\npad 1 b\npad 1 dpright\npad 1 a\n%s", script, tail);
    free(script);
    free(tail);
    assert_int_equal(play(full, "7"), 0);
    free(full);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "screen week\n"));
    Record record;
    last_game(&record, NULL);
    assert_int_equal(record.goals[0].partner, 0);
    assert_string_equal(record.goals[0].text, "w");
    record_free(&record);
}

/* Where the first choice of each moment is, as fractions of a 16:9 window. */
static const char *click_for(const char *line)
{
    static const struct {
        const char *moment, *click;
    } spots[] = {
        {"screen title", "click 0.5 0.396"},            {"screen setup", "click 0.85 0.896"},
        {"sharing", "click 0.708 0.759"},              {"plan-pick", "click 0.197 0.473"},
        {"plan-day", "click 0.578 0.369"},             {"plan-time", "click 0.702 0.369"},
        {"solo-pick", "click 0.323 0.469"},            {"solo-day", "click 0.578 0.369"},
        {"support-pick", "click 0.323 0.524"},         {"rebalance", "click 0.708 0.759"},
    };
    for (size_t i = 0; i < sizeof spots / sizeof *spots; i++)
        if (strstr(line, spots[i].moment))
            return spots[i].click;
    return NULL;
}

static void test_mouse_only(void **state)
{
    (void)state;
    /* The keyboard game with the same seed shows the moments in order; the
     * mouse game clicks the first choice of each, as Enter chose it. */
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys, "7"), 0);
    free(keys);
    char trace[sizeof out];
    snprintf(trace, sizeof trace, "%s", out);
    char *script = calloc(1, 1 << 16);
    for (char *line = strtok(trace, "\n"); line; line = strtok(NULL, "\n")) {
        if (strcmp(line, "screen week") == 0)
            break;
        const char *click = click_for(line);
        assert_non_null(click);
        strcat(script, click);
        strcat(script, "\nwait 400\n");
    }
    strcat(script, "quit\n");
    testutil_rmrf(dir);
    assert_int_equal(setup(NULL), 0);
    assert_int_equal(play(script, "7"), 0);
    free(script);
    expect_whole_game(out);
    assert_string_equal(err, "");
    expect_journal();
}

/* Loads a screenshot; checks its size and that text is drawn on it. */
static void expect_screenshot(const char *path, int w, int h)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s)
        print_error("%s: %s\n", path, IMG_GetError());
    assert_non_null(s);
    assert_int_equal(s->w, w);
    assert_int_equal(s->h, h);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    long bright = 0;
    for (int y = 0; y < rgb->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)rgb->pixels + y * rgb->pitch);
        for (int x = 0; x < rgb->w; x++) {
            Uint8 r = (row[x] >> 16) & 0xFF, g = (row[x] >> 8) & 0xFF, b = row[x] & 0xFF;
            bright += r > 200 && g > 200 && b > 200;
        }
    }
    /* Light text on a dark background: at least 0.2% of the pixels. */
    assert_true(bright > (long)w * h / 500);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(s);
}

static const char tour[] = "screenshot @/title.png\n"
                           "key Down\nkey Return\nscreenshot @/decks.png\nkey Escape\n"
                           "key Down\nkey Down\nkey Return\nscreenshot @/settings.png\nkey Escape\n"
                           "key Down\nkey Down\nkey Down\nkey Return\nscreenshot @/howto.png\nkey Escape\n"
                           "key Up\nkey Up\nkey Up\nkey Return\nscreenshot @/setup.png\n"
                           "key Return\nwait 400\nscreenshot @/sharing.png\n"
                           "key Return\nkey Return\nwait 400\nscreenshot @/planning.png\n"
                           "key Return\nwait 400\nscreenshot @/day.png\n"
                           "key Escape\nscreenshot @/pause.png\nkey Escape\n"
                           "key Return\nkey Return\nwait 400\nscreenshot @/solo.png\n"
                           "quit\n";

static void tour_at(int w, int h)
{
    char shots[400], script[4096];
    snprintf(shots, sizeof shots, "%s/shots-%d", dir, w);
    char mk[500];
    snprintf(mk, sizeof mk, "mkdir -p '%s'", shots);
    assert_int_equal(system(mk), 0);
    /* The tour with @ standing for the folder of screenshots. */
    size_t n = (size_t)snprintf(script, sizeof script, "resize %d %d\n", w, h);
    for (const char *p = tour; *p && n + strlen(shots) + 1 < sizeof script; p++) {
        if (*p == '@')
            n += (size_t)snprintf(script + n, sizeof script - n, "%s", shots);
        else
            script[n++] = *p;
    }
    script[n] = '\0';
    assert_int_equal(play(script, "7"), 0);
    /* The game reports any text outside its box or the window on stderr. */
    assert_string_equal(err, "");
    static const char *const names[] = {"title", "decks", "settings", "howto", "setup",
                                        "sharing", "planning", "day", "pause", "solo"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[500];
        snprintf(path, sizeof path, "%s/%s.png", shots, names[i]);
        expect_screenshot(path, w, h);
    }
    assert_int_equal(count(out, "screen play paused"), 1);
}

static void test_screens_at_720p(void **state)
{
    (void)state;
    tour_at(1280, 720);
}

static void test_screens_at_4k(void **state)
{
    (void)state;
    tour_at(3840, 2160);
}

/* A deck file dropped onto the window is copied into the player's folder. */
static void test_dropped_deck_is_copied(void **state)
{
    (void)state;
    const char *src = testutil_write(dir, "anniversary.deck", "deck: Anniversary\nkind: sharing\nWhere did we meet?\n");
    const char *bad = testutil_write(dir, "broken.deck", "deck: Broken\nkind: games\nA card\n");
    char script[1200];
    snprintf(script, sizeof script,
             "drop %s\ndrop %s\nkey Down\nkey Down\nkey Return\nscreenshot %s/decks.png\nclick 0.5 0.506\n"
             "key Return\nscreenshot %s/preview.png\nquit\n",
             src, bad, dir, dir);
    assert_int_equal(play(script, "1"), 0);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "screen decks\n"));
    assert_non_null(strstr(out, "screen preview\n"));
    char copy[400], text[256];
    snprintf(copy, sizeof copy, "%s/data/tightrope/decks/anniversary.deck", dir);
    assert_true(testutil_read(copy, text, sizeof text) > 0);
    assert_string_equal(text, "deck: Anniversary\nkind: sharing\nWhere did we meet?\n");
    snprintf(copy, sizeof copy, "%s/data/tightrope/decks/broken.deck", dir);
    assert_true(testutil_read(copy, text, sizeof text) > 0);
    assert_true(testutil_read(src, text, sizeof text) > 0); /* copied, never moved */
    char shot[400];
    snprintf(shot, sizeof shot, "%s/decks.png", dir);
    expect_screenshot(shot, 1280, 720);
}

static void test_bad_script_line(void **state)
{
    (void)state;
    assert_int_equal(play("key Return\nkey NoSuchKey\n", "1"), 1);
    char expect[400];
    snprintf(expect, sizeof expect,
             "%s/play.script:2: error: unknown key 'NoSuchKey' (use SDL key names: Return, Escape, Right, Tab, "
             "F11...)\n",
             dir);
    assert_string_equal(err, expect);
    assert_int_equal(play("wait soon\n", "1"), 1);
    snprintf(expect, sizeof expect, "%s/play.script:1: error: a wait is 0 to 3600000 milliseconds, not 'soon'\n", dir);
    assert_string_equal(err, expect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keyboard_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gamepad_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mouse_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gamepad_types_on_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_continue_after_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screens_at_720p, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screens_at_4k, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dropped_deck_is_copied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_script_line, setup, teardown),
    };
    return cmocka_run_group_tests_name("ui", tests, NULL, NULL);
}
