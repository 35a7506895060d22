/* SPDX-License-Identifier: MIT */
/* The TV pass, headless: every screen drawn at 1920x1080 at 100% and 200%
 * text size with 40-character names, checked by the game's own layout
 * check (text under its floor, overlaps, the safe area), and the layout
 * each problem of the couch-ready issue was about, read from the game's
 * `layout` dump: exact sizes and places in design units (pixels at 1080p). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "testutil.h"

static char dir[256];
static char out[1 << 22], err[1 << 16];

/* 40 characters each: the longest names the game takes. */
#define NAME_A "Jean-Baptiste Alexander Wolfgang Amadeus"
#define NAME_B "Maria Guadalupe Fernandez de la Cruz Xim"

/* Runs tightrope --script at text size percent, with XDG_DATA_HOME in the
 * test's folder; args: more options (NULL-terminated, may be NULL). */
static int run(const char *script_text, int text_size, const char *const *args)
{
    const char *script = testutil_write(dir, "play.script", script_text);
    assert_non_null(script);
    char data[300], cmd[400];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/tightrope'", data);
    assert_int_equal(system(cmd), 0);
    char conf[64];
    snprintf(conf, sizeof conf, "text-size = %d\n", text_size);
    assert_non_null(testutil_write(data, "tightrope/settings.conf", conf));
    setenv("XDG_DATA_HOME", data, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const char *argv[16] = {"--script", script, "--seed", "7"};
    int n = 4;
    for (int i = 0; args && args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    int status = testutil_run(TIGHTROPE_BIN, argv, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "layout") != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

/* ---- reading the layout dump ---- */

typedef struct {
    float x, y, w, h, size;
    char label[256];
} Mark;

/* The n-th (0-based) "layout SCREEN" block of the output, or NULL. */
static const char *block(const char *screen, int n)
{
    char head[64];
    snprintf(head, sizeof head, "layout %s ", screen);
    for (const char *p = out; (p = strstr(p, head)); p++) {
        if (p != out && p[-1] != '\n')
            continue;
        if (n-- == 0)
            return p;
    }
    return NULL;
}

/* The last "layout SCREEN" block, or NULL. */
static const char *last_block(const char *screen)
{
    const char *last = NULL, *b;
    for (int n = 0; (b = block(screen, n)); n++)
        last = b;
    return last;
}

/* In block b, the first mark of kind ("text", "control", "ring", "card")
 * whose label starts with prefix. */
static bool find(const char *b, const char *kind, const char *prefix, Mark *m)
{
    size_t klen = strlen(kind);
    const char *line = strchr(b, '\n');
    while (line && line[1] && strncmp(line + 1, "layout ", 7) != 0) {
        line++;
        const char *end = strchr(line, '\n');
        if (strncmp(line, kind, klen) == 0 && line[klen] == ' ') {
            const char *q = strchr(line, '"');
            Mark got = {0};
            int fields = sscanf(line + klen, "%f %f %f %f %f", &got.x, &got.y, &got.w, &got.h, &got.size);
            if (q && end && fields >= 4) {
                size_t n = (size_t)(end - q - 2);
                if (n >= sizeof got.label)
                    n = sizeof got.label - 1;
                memcpy(got.label, q + 1, n);
                got.label[n] = '\0';
                if (fields == 4)
                    got.size = 0;
                if (strncmp(got.label, prefix, strlen(prefix)) == 0) {
                    *m = got;
                    return true;
                }
            }
        }
        line = end;
    }
    return false;
}

static Mark must_find(const char *b, const char *kind, const char *prefix)
{
    Mark m;
    if (!b || !find(b, kind, prefix, &m)) {
        print_error("no %s \"%s\" on screen\n", kind, prefix);
        fail();
    }
    return m;
}

/* The smallest text of block b, from its heading line. */
static float smallest(const char *b)
{
    const char *p = strstr(b, " smallest ");
    assert_non_null(p);
    return strtof(p + 10, NULL);
}

/* Enter presses from the start of play to Our week, from a keyboard game
 * with the default names (the game does not depend on them). */
static int presses_to_week(void)
{
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "click 0.5 0.396\nclick 0.85 0.896\n");
    for (int i = 0; i < 60; i++)
        testutil_script_add(s, "key Return\nwait 100\n");
    testutil_script_add(s, "quit\n");
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    const char *play = strstr(out, "screen play sharing round 1 turn 1 step 0\n");
    const char *week = strstr(out, "screen week\n");
    assert_non_null(play);
    assert_non_null(week);
    int n = 0;
    for (const char *p = play; p < week; p++)
        n += *p == '\n';
    return n;
}

/* The setup screen with both names typed (clicks into the fields). */
static void type_names(char *s)
{
    testutil_script_add(s, "click 0.5 0.396\nwait 300\nclick 0.24 0.298\ntext %s\nclick 0.24 0.476\ntext %s\n", NAME_A, NAME_B);
}

/* ---- every screen ---- */

static void every_screen(int text_size)
{
    int presses = presses_to_week();
    testutil_rmrf(dir);
    assert_int_equal(setup(NULL), 0);
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "resize 1920 1080\nwait 1000\nlayout\n");
    /* Our journey (empty), the decks and a preview, settings, how to play. */
    testutil_script_add(s, "click 0.5 0.48\nwait 300\nlayout\nkey Escape\n");
    testutil_script_add(s, "click 0.5 0.563\nwait 300\nlayout\nkey Up\nkey Return\nwait 300\nlayout\nkey Right\nlayout\n"
           "key Escape\nkey Escape\n");
    testutil_script_add(s, "click 0.5 0.646\nwait 300\nlayout\nkey Escape\n");
    testutil_script_add(s, "click 0.5 0.730\nwait 300\nlayout\nkey Return\nlayout\nkey Return\nlayout\nkey Return\nlayout\n"
           "key Escape\n");
    /* Setup with long names, the decks in play, then a whole game. */
    type_names(s);
    testutil_script_add(s, "layout\nclick 0.727 0.763\nwait 300\nlayout\nwheel -3\nlayout\nkey Escape\nwait 300\nlayout\n");
    testutil_script_add(s, "click 0.85 0.896\nwait 1000\nlayout\nkey Escape\nlayout\nkey Escape\n");
    for (int i = 0; i < presses; i++)
        testutil_script_add(s, "key Return\nwait 500\nlayout\n");
    /* Our week: a plan dropped, Keep this week, Export. */
    testutil_script_add(s, "key Up\nkey Return\nwait 300\nlayout\nkey Down\nkey Return\nwait 300\nlayout\nkey Left\nkey Return\n"
           "wait 300\nlayout\nkey Escape\nwait 300\n");
    /* The journey with a game in it, and a week later the check-in before
     * the next game (its celebration too). */
    testutil_script_add(s, "click 0.5 0.48\nwait 300\nlayout\nkey Escape\ndays 7\nclick 0.5 0.396\nwait 300\nlayout\n"
           "key Left\nkey Left\nkey Return\nwait 300\nlayout\nquit\n");
    assert_int_equal(run(s, text_size, NULL), 0);
    free(s);
    /* The game's own check found nothing: no text under its floor, no
     * overlap, nothing outside the safe area, no text outside its box. */
    assert_string_equal(err, "");
    static const char *const screens[] = {"title", "journey", "decks", "preview", "settings", "howto", "setup",
                                          "choose", "play", "reveal", "week", "checkin"};
    for (size_t i = 0; i < sizeof screens / sizeof *screens; i++) {
        const char *b = block(screens[i], 0);
        if (!b)
            print_error("screen %s was not drawn\n", screens[i]);
        assert_non_null(b);
        char head[80];
        snprintf(head, sizeof head, "layout %s 1920x1080 text %d%% ", screens[i], text_size);
        assert_true(strncmp(b, head, strlen(head)) == 0);
        /* Secondary labels (axes, counts) may be 26; everything else 32. */
        for (int n = 0; (b = block(screens[i], n)); n++)
            assert_true(smallest(b) >= 26);
    }
    /* Every moment of play was seen, the pause menu too. */
    static const char *const moments[] = {"sharing", "plan-pick", "plan-day", "solo-pick", "solo-day",
                                          "support-pick", "rebalance", "break"};
    for (size_t i = 0; i < sizeof moments / sizeof *moments; i++) {
        char line[64];
        snprintf(line, sizeof line, "screen play %s ", moments[i]);
        assert_non_null(strstr(out, line));
    }
    assert_non_null(strstr(out, "screen play paused\n"));
}

static void test_every_screen_at_100(void **state)
{
    (void)state;
    every_screen(100);
}

static void test_every_screen_at_200(void **state)
{
    (void)state;
    every_screen(200);
}


/* ---- the problems, one by one ---- */

/* A game's setup with the default names; then Start. */
static void start_game(char *s)
{
    testutil_script_add(s, "resize 1920 1080\nclick 0.5 0.396\nwait 300\n");
}

/* 6: the turn prompt stays clear of the partners' names with long names at 150%;
 * Our week's column titles keep their size. */
static void test_long_names_clear(void **state)
{
    (void)state;
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "resize 1920 1080\n");
    type_names(s);
    testutil_script_add(s, "click 0.85 0.896\nwait 1000\nlayout\nquit\n");
    assert_int_equal(run(s, 150, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    const char *b = block("play", 0);
    /* Each partner's name on their side: the first on the left. */
    Mark left = must_find(b, "text", NAME_A);
    Mark right = must_find(b, "text", NAME_B);
    Mark prompt = must_find(b, "text", NAME_A ", read this aloud and answer it. " NAME_B " listens.");
    assert_true(left.y + left.h <= prompt.y && right.y + right.h <= prompt.y);
    assert_true(left.x + left.w <= right.x);
    assert_true(left.size >= 32 && right.size >= 32 && prompt.size >= 32);
    Mark round = must_find(b, "text", "Round 1 of 3 · Sharing");
    assert_true(round.y + round.h <= left.y);
    assert_true(round.size > 40); /* 40 at 100%: the Text size reaches it */
}

/* 5: the sharing timer counts down second by second, and stays on the
 * card while it turns over. */
static void test_timer_counts_down(void **state)
{
    (void)state;
    char *s = testutil_script();
    assert_non_null(s);
    start_game(s);
    /* Two Returns to the next card: the reader's Done, then the listener's. */
    testutil_script_add(s, "click 0.672 0.646\nclick 0.85 0.896\nwait 1500\nlayout\nwait 1000\nlayout\n"
           "key Return\nkey Return\nwait 200\nlayout\nwait 1000\nlayout\nquit\n");
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    Mark t = must_find(block("play", 0), "text", "0:59");
    assert_true(t.size == 34);
    must_find(block("play", 1), "text", "0:58");
    /* Mid-turn: the face is narrower than the card, the ring on it. */
    const char *mid = block("play", 2);
    Mark face = must_find(mid, "card", "Sharing");
    Mark ring = must_find(mid, "text", "1:00");
    assert_true(face.w < 1200);
    assert_true(ring.x >= face.x && ring.x + ring.w <= face.x + face.w);
    assert_true(ring.y >= face.y && ring.y + ring.h <= face.y + face.h);
    face = must_find(block("play", 3), "card", "Sharing");
    assert_true(face.w == 1200);
    must_find(block("play", 3), "text", "0:59");
}

/* 7: the support prompt shortens the goal at a word, with an ellipsis. */
static void test_support_prompt_cuts_at_a_word(void **state)
{
    (void)state;
    char *s = testutil_script();
    assert_non_null(s);
    start_game(s);
    testutil_script_add(s, "click 0.85 0.896\n");
    /* Sharing twice, each card answered by both, a plan, its day and time
     * on the week grid, then a rebalance (seed 7); the typed goal, where it
     * happens (at home) and its day. */
    for (int i = 0; i < 7; i++)
        testutil_script_add(s, "key Return\nwait 400\n");
    testutil_script_add(s, "key Down\ntext stay extra patient with each other while the whole family visits us this weekend\n"
           "key Return\nwait 400\nkey Return\nwait 400\nkey Return\nwait 1000\nlayout\nquit\n");
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "screen play support-pick round 1 turn 2"));
    Mark p = must_find(block("play", 0), "text", "Player 2, how will you back");
    assert_string_equal(p.label, "Player 2, how will you back Player 1's goal: “stay extra patient with each other "
                                 "while the whole family…”?");
    assert_true(p.size == 36);
}

/* Plays a whole game from the title to Our week. */
static void to_week(char *s, int presses)
{
    start_game(s);
    testutil_script_add(s, "click 0.85 0.896\n");
    for (int i = 0; i < presses; i++)
        testutil_script_add(s, "key Return\nwait 100\n");
    testutil_script_add(s, "wait 1000\n");
}

static Uint32 pixel(SDL_Surface *rgb, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)rgb->pixels + y * rgb->pitch))[x] & 0xFFFFFF;
}

/* 8 and 11: the export message is readable and clear of the buttons'
 * focus rings; with Export focused, Done does not look focused. */
static void test_export_message_and_focus(void **state)
{
    (void)state;
    int presses = presses_to_week();
    testutil_rmrf(dir);
    assert_int_equal(setup(NULL), 0);
    char *s = testutil_script();
    assert_non_null(s);
    to_week(s, presses);
    testutil_script_add(s, "key Return\nkey Left\nkey Return\nwait 300\nlayout\nscreenshot %s/week.png\nquit\n", dir);
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    const char *b = block("week", 0);
    Mark note = must_find(b, "text", "Saved in ");
    Mark ring = must_find(b, "ring", "");
    Mark exp = must_find(b, "control", "Export");
    assert_true(note.size == 32);
    assert_true(note.y >= 810 && note.y + note.h <= ring.y);
    assert_true(ring.x == exp.x - 10 && ring.y == exp.y - 10 && ring.w == exp.w + 20);
    assert_non_null(strstr(note.label, " as our-week-2026-01-05 (.md")); /* a long folder is cut short after */
    char path[400];
    snprintf(path, sizeof path, "%s/week.png", dir);
    SDL_Surface *shot = IMG_Load(path);
    assert_non_null(shot);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(shot, SDL_PIXELFORMAT_ARGB8888, 0);
    /* Export (focused) is filled with the focus colour; Done (primary) is
     * the panel colour inside an orange outline, like no focus. */
    Mark done = must_find(b, "control", "Done");
    assert_int_equal(pixel(rgb, (int)exp.x + 24, (int)exp.y + 14), 0x7FE0D0);
    assert_int_equal(pixel(rgb, (int)done.x + 24, (int)done.y + 14), 0x1E2636);
    assert_int_equal(pixel(rgb, (int)done.x + done.w / 2, (int)done.y + 1), 0xF2B350);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(shot);
}

/* 4: Our week on one screen: the days in date order, each partner's goal
 * on their side with its support, the stars and the rope's path; before
 * Keep this week each plan and goal is a toggle, after it Done. */
static void test_week_one_screen(void **state)
{
    (void)state;
    int presses = presses_to_week();
    testutil_rmrf(dir);
    assert_int_equal(setup(NULL), 0);
    char *s = testutil_script();
    assert_non_null(s);
    to_week(s, presses);
    testutil_script_add(s, "layout\nkey Return\nwait 300\nlayout\nquit\n");
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    const char *before = block("week", 0), *after = block("week", 1);
    /* Every plan is for the day after: the other days are one free row. */
    Mark free_days = must_find(before, "text", "Wed 7 Jan – Mon 12 Jan");
    /* Player 1's goals on the left, backed by Player 2; and the other way. */
    Mark left = must_find(before, "text", "Player 2 backs it");
    Mark right = must_find(before, "text", "Player 1 backs it");
    assert_true(left.x < free_days.x && right.x > free_days.x);
    assert_true(left.size >= 32 && free_days.size >= 32);
    must_find(before, "card", "rope path");
    must_find(before, "control", "Keep this week");
    must_find(after, "control", "Done");
    must_find(after, "control", "Export");
}

/* A folder of n decks of kind, each with an about: line. */
static void deck_folder(const char *name, int n, const char *kind, const char *lang)
{
    char path[400], cmd[500];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    assert_int_equal(system(cmd), 0);
    for (int i = 0; i < n; i++) {
        char file[64], text[400];
        snprintf(file, sizeof file, "%s-%d.deck", kind, i + 1);
        snprintf(text, sizeof text,
                 "deck: %s %s %d\nkind: %s\nlanguage: %s\nabout: Deck number %d of the %s pile, for the test.\n"
                 "First card of deck %d?\nSecond card of deck %d?\n",
                 name, kind, i + 1, kind, lang, i + 1, kind, i + 1, i + 1);
        assert_non_null(testutil_write(path, file, text));
    }
}

/* 12: the Decks screen: rows centred, about: shown, levels in words, the
 * source in words, the wheel scrolls, ← and → turn the preview's cards,
 * and the level has the same name in play. */
static void test_decks_screen(void **state)
{
    (void)state;
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "resize 1920 1080\nclick 0.5 0.563\nwait 300\nlayout\nwheel -13\nlayout\nclick 0.5 0.506\nwait 300\n"
           "layout\nkey Right\nlayout\nkey Right\nkey Left\nlayout\nkey Escape\nkey Escape\nclick 0.5 0.396\n"
           "wait 300\nclick 0.85 0.896\nwait 1000\nlayout\nquit\n");
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    const char *first = block("decks", 0), *scrolled = block("decks", 1);
    /* The decks in file order: apart.deck first; Between Us 13 rows down. */
    Mark top = must_find(first, "text", "Apart this week · Planning · Built-in");
    must_find(first, "text", "For couples who are in two different places this week");
    Mark t = must_find(scrolled, "text", "Between Us · Sharing · Built-in");
    Mark about = must_find(scrolled, "text", "Questions to answer in turn, from easy stories");
    Mark detail = must_find(scrolled, "text", "");
    assert_true(find(scrolled, "text", "Between Us", &t));
    /* The detail line: the cards by level in words, no path. */
    const char *line = strstr(scrolled, " cards: Light ");
    assert_non_null(line);
    assert_non_null(strstr(line, ", Closer "));
    must_find(scrolled, "text", "188 cards: Light 63, Closer 62, Deep 63 · by Tightrope");
    assert_null(strstr(scrolled, "/"));
    assert_false(find(scrolled, "text", "Our Week Together", &detail));
    /* The lines are centred in the row (204 high at 444): the name in its
     * upper part, the about: line across the middle. */
    float mid = about.y + about.h / 2;
    (void)top;
    assert_true(mid > 444 + 204 / 2 - 8 && mid < 444 + 204 / 2 + 8);
    assert_true(t.y > 444 && t.y + t.h < about.y);
    assert_true(about.size == 32 && t.size == 36);
    /* The preview turns with the arrows, and names the level in words. */
    const char *p0 = block("preview", 0);
    must_find(p0, "text", "Card 1 of ");
    must_find(p0, "card", "Sharing · Light");
    must_find(block("preview", 1), "text", "Card 2 of ");
    must_find(block("preview", 2), "text", "Card 2 of ");
    must_find(last_block("play"), "card", "Sharing · Light");
}

/* 5 (setup): the decks in play, a scrolling list grouped by kind and
 * language with each deck's about: line; with ten more decks and one of
 * the player's own, every deck is reached by keyboard and gamepad. */
static void test_every_deck_reachable(void **state)
{
    (void)state;
    deck_folder("Our Folder", 10, "sharing", "en");
    char user[400];
    snprintf(user, sizeof user, "%s/data/tightrope/decks", dir);
    char cmd[500];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", user);
    assert_int_equal(system(cmd), 0);
    assert_non_null(testutil_write(user, "mine.deck", "deck: Our Own\nkind: solo\nabout: Goals we wrote.\nRest.\n"));
    char folder[400];
    snprintf(folder, sizeof folder, "%s/Our Folder", dir);
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "resize 1920 1080\nclick 0.5 0.396\nwait 300\nclick 0.727 0.763\nwait 300\nlayout\n");
    /* Into the list from Done, down to its end by keyboard, back up by gamepad. */
    /* 21 built-in, 10 in the folder and our own: 32 deck rows under 15
     * headings; Down from the last row in view passes by Done. */
    enum { PRESSES = 50 };
    testutil_script_add(s, "key Up\n");
    for (int i = 0; i < PRESSES; i++)
        testutil_script_add(s, "key Down\nlayout\n");
    for (int i = 0; i < PRESSES; i++)
        testutil_script_add(s, "pad 1 dpup\nlayout\n");
    testutil_script_add(s, "wheel 20\nlayout\nwheel -3\nlayout\nquit\n");
    const char *args[] = {"--decks-dir", folder, NULL};
    assert_int_equal(run(s, 100, args), 0);
    free(s);
    assert_string_equal(err, "");
    static const char *const names[] = {"Between Us", "ゆっくり話そう", "Our Week Together", "Something of My Own",
                                        "Our Own", "In Your Corner", "Steady the Rope"};
    char seen[64][80];
    int nseen = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        snprintf(seen[nseen++], sizeof seen[0], "%s", names[i]);
    for (int i = 1; i <= 10; i++)
        snprintf(seen[nseen++], sizeof seen[0], "Our Folder sharing %d · ", i);
    for (int i = 0; i < nseen; i++) {
        bool found = false;
        const char *b;
        for (int n = 0; !found && (b = block("choose", n)); n++) {
            char with[100];
            snprintf(with, sizeof with, "✓ %s", seen[i]);
            Mark m;
            found = find(b, "text", with, &m);
            snprintf(with, sizeof with, "○ %s", seen[i]);
            found |= find(b, "text", with, &m);
        }
        if (!found)
            print_error("deck %s never shown\n", seen[i]);
        assert_true(found);
    }
    /* Grouped by kind and language; the about line readable; the source in words. */
    const char *b;
    bool english = false, japanese = false, yours = false, folder_name = false;
    for (int n = 0; (b = block("choose", n)); n++) {
        Mark m;
        english |= find(b, "text", "Sharing · English", &m);
        japanese |= find(b, "text", "Sharing · Japanese", &m); /* in the game's language */
        yours |= find(b, "text", "✓ Our Own · Yours", &m);
        folder_name |= find(b, "text", "✓ Our Folder sharing 1 · Our Folder", &m);
        if (find(b, "text", "Deck number 1 of the sharing pile", &m))
            assert_true(m.size == 32);
    }
    assert_true(english && japanese && yours && folder_name);
    /* The wheel: all the way up, then three rows down. */
    const char *up = block("choose", 2 * PRESSES + 1), *down = block("choose", 2 * PRESSES + 2);
    assert_null(block("choose", 2 * PRESSES + 3));
    Mark first;
    must_find(up, "text", "Sharing · English");
    assert_true(find(down, "text", "Sharing · English", &first) == false);
}

/* 10: the Text size reaches the need buttons, the timer digits and the
 * decks button of the setup screen. */
static void test_text_size_reaches_setup(void **state)
{
    (void)state;
    float sizes[2][3];
    const int percent[2] = {100, 150};
    for (int k = 0; k < 2; k++) {
        assert_int_equal(run("resize 1920 1080\nclick 0.5 0.396\nwait 300\nlayout\nquit\n", percent[k], NULL), 0);
        assert_string_equal(err, "");
        const char *b = block("setup", 0);
        sizes[k][0] = must_find(b, "text", "More space").size;
        sizes[k][1] = must_find(b, "text", "1").size;
        sizes[k][2] = must_find(b, "text", "Choose decks").size;
    }
    assert_true(sizes[0][0] >= 36 && sizes[0][1] >= 36 && sizes[0][2] >= 36);
    for (int i = 0; i < 3; i++)
        assert_true(sizes[1][i] > sizes[0][i]);
}

/* 13: the title's icon, and the focus ring on Our week's Keep this week, inside the
 * safe area (5% of 1920x1080: 96..1824 across, 54..1026 down). */
static void test_safe_area(void **state)
{
    (void)state;
    int presses = presses_to_week();
    testutil_rmrf(dir);
    assert_int_equal(setup(NULL), 0);
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "resize 1920 1080\nlayout\n");
    to_week(s, presses);
    testutil_script_add(s, "layout\nquit\n");
    assert_int_equal(run(s, 100, NULL), 0);
    free(s);
    assert_string_equal(err, "");
    Mark icon = must_find(block("title", 0), "icon", "");
    assert_true(icon.y >= 54 && icon.y == 66);
    const char *b = block("week", 0);
    Mark ring = must_find(b, "ring", "");
    Mark done = must_find(b, "control", "Keep this week");
    assert_true(ring.x == done.x - 10 && ring.y == done.y - 10);
    assert_true(ring.y + ring.h == 1024 && ring.x + ring.w == 1822);
}

/* The script commands this check brought: bad ones are refused by line. */
static void test_wheel_and_layout_lines(void **state)
{
    (void)state;
    char expect[600];
    assert_int_equal(run("wheel 0\n", 100, NULL), 1);
    snprintf(expect, sizeof expect,
             "%s/play.script:1: error: the wheel turns 1 to 20 notches up, or -1 to -20 down, not '0'\n", dir);
    assert_string_equal(err, expect);
    assert_int_equal(run("key Return\nwheel -21\n", 100, NULL), 1);
    snprintf(expect, sizeof expect,
             "%s/play.script:2: error: the wheel turns 1 to 20 notches up, or -1 to -20 down, not '-21'\n", dir);
    assert_string_equal(err, expect);
    assert_int_equal(run("layout now\n", 100, NULL), 1);
    snprintf(expect, sizeof expect, "%s/play.script:1: error: 'layout' takes nothing after it\n", dir);
    assert_string_equal(err, expect);
    assert_int_equal(run("wheel\n", 100, NULL), 1);
    snprintf(expect, sizeof expect,
             "%s/play.script:1: error: 'wheel' needs a number of notches, like: wheel -3 (negative scrolls down)\n",
             dir);
    assert_string_equal(err, expect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_screen_at_100, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_screen_at_200, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_names_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timer_counts_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_support_prompt_cuts_at_a_word, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_message_and_focus, setup, teardown),
        cmocka_unit_test_setup_teardown(test_week_one_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decks_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_deck_reachable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_safe_area, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_size_reaches_setup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wheel_and_layout_lines, setup, teardown),
    };
    return cmocka_run_group_tests_name("ui_layout", tests, NULL, NULL);
}
