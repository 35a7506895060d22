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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "export.h"
#include "journal.h"
#include "library.h"
#include "record.h"
#include "session.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 16], err[1 << 16];

/* Runs tightrope --script with XDG_DATA_HOME in the test's folder, and any
 * more arguments (NULL-terminated; extra may be NULL). */
static int play_with(const char *script_text, const char *seed, const char *const *extra)
{
    const char *script = testutil_write(dir, "play.script", script_text);
    assert_non_null(script);
    char data[300];
    snprintf(data, sizeof data, "%s/data", dir);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const char *args[16] = {"--script", script, "--seed", seed};
    size_t n = 4;
    for (size_t i = 0; extra && extra[i] && n < 15; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

static int play(const char *script_text, const char *seed)
{
    return play_with(script_text, seed, NULL);
}

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "ui") != 0)
        return -1;
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
 * in order, then Our week. From round 2 the focus starts on keeping each
 * partner's goal (one a game), so Enter goes on without a day or support. */
static void expect_whole_game(const char *trace)
{
    const char *week = strstr(trace, "screen week\n");
    assert_non_null(week);
    const char *start = "screen title\nscreen setup\nscreen play sharing round 1 turn 1 step 0\n";
    assert_true(strncmp(trace, start, strlen(start)) == 0);
    /* A plan's day and time are one moment: the week grid. */
    static const char *const moments[] = {"sharing", "plan-pick", "plan-day", "solo-pick", "solo-day", "support-pick"};
    const char *at = trace;
    for (int round = 1; round <= 3; round++) {
        size_t shown = round == 1 ? sizeof moments / sizeof *moments : 4;
        for (size_t m = 0; m < shown; m++) {
            char line[64];
            snprintf(line, sizeof line, "screen play %s round %d", moments[m], round);
            const char *found = strstr(at, line);
            if (!found)
                print_error("missing: %s\n", line);
            assert_non_null(found);
            assert_true(found < week);
            at = found;
        }
        /* Each round ends with its break, steady or not. */
        char line[64];
        snprintf(line, sizeof line, "screen play break round %d ", round);
        const char *end = strstr(at, line);
        assert_non_null(end);
        for (size_t m = shown; round > 1 && m < sizeof moments / sizeof *moments; m++) {
            snprintf(line, sizeof line, "screen play %s round %d", moments[m], round);
            const char *found = strstr(at, line);
            assert_true(!found || found > end);
        }
        at = end;
    }
    /* The end reveal comes before Our week. */
    const char *reveal = strstr(at, "screen reveal\n");
    assert_non_null(reveal);
    assert_true(reveal < week);
}

/* The journal the game left in the test's folder, opened read-only. */
static Journal *left_journal(void)
{
    char path[400];
    snprintf(path, sizeof path, "%s/data/tightrope/journal.db", dir);
    Journal *journal = NULL;
    JournalOptions opt = {.read_only = true};
    assert_int_equal(journal_open(path, &opt, &journal), JOURNAL_OK);
    return journal;
}

/* The last finished game in the journal the game left in the test's folder;
 * also whether a game is still in progress there. */
static void last_game(Record *record, bool *in_progress)
{
    Journal *journal = left_journal();
    assert_int_equal(journal_load_game(journal, 0, record), JOURNAL_OK);
    if (in_progress)
        *in_progress = journal_has_progress(journal);
    journal_close(journal);
}

/* The journal the game left: one finished game with 3 plans and 2 goals
 * (one a partner), played by the stand-ins for no name, as the game's
 * language says them. */
static void expect_journal_of(const char *name_a, const char *name_b)
{
    Record record;
    bool in_progress;
    last_game(&record, &in_progress);
    assert_int_equal(record.rounds, 3);
    assert_int_equal(record.plan_count, 3);
    assert_int_equal(record.goal_count, 2);
    assert_int_equal(record.goals[0].partner, 0);
    assert_int_equal(record.goals[1].partner, 1);
    assert_string_equal(record.names[0], name_a);
    assert_string_equal(record.names[1], name_b);
    /* 11 actions in round 1; 7 in each later one, both goals kept (and any rebalances). */
    assert_true(record.balance_count >= 25);
    record_free(&record);
    /* The finished game is not in progress; the presses left after Our
     * week may have started the next one (no check-in: no day has passed). */
    const char *week = strstr(out, "screen week\n");
    assert_non_null(week);
    assert_int_equal(in_progress, strstr(week, "screen play ") != NULL);
}

static void expect_journal(void)
{
    expect_journal_of("Player 1", "Player 2");
}

/* The stand-ins for no name in a language (po/LANG.po). */
static void stand_ins(const char *lang, const char **a, const char **b)
{
    bool es = strcmp(lang, "es") == 0, ja = strcmp(lang, "ja") == 0;
    *a = es ? "Persona 1" : ja ? "プレイヤー1" : "Player 1";
    *b = es ? "Persona 2" : ja ? "プレイヤー2" : "Player 2";
}

static void test_keyboard_only(void **state)
{
    (void)state;
    char *script = repeat("key Return", 50);
    assert_int_equal(play(script, "7"), 0);
    free(script);
    expect_whole_game(out);
    assert_string_equal(err, "");
    expect_journal();
}

static void test_gamepad_only(void **state)
{
    (void)state;
    char *script = repeat("pad 1 a", 50);
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
    /* Title, Enter on both names, Start, two sharing cards each answered by
     * both (reader, then listener), a plan. */
    assert_int_equal(play("key Return\nkey Return\nkey Return\nkey Return\nkey Return\nkey Return\nkey Return\n"
                          "key Return\nkey Return\nquit\n",
                          "5"),
                     0);
    const char *last = strstr(out, "screen play plan-day round 1 turn 1 step 5\n");
    assert_non_null(last);
    assert_string_equal(last, "screen play plan-day round 1 turn 1 step 5\n");
    char *keys = repeat("key Return", 50);
    assert_int_equal(play(keys, "99"), 0);
    free(keys);
    assert_true(strncmp(out, "screen title\nscreen play plan-day round 1 turn 1 step 5\n", 55) == 0);
    assert_non_null(strstr(out, "screen week\n"));
    assert_string_equal(err, "");
    Record record;
    last_game(&record, NULL);
    assert_int_equal(record.plan_count, 3);
    assert_int_equal(record.goal_count, 2); /* one a partner, kept in rounds 2 and 3 */
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
    char *tail = repeat("pad 1 a", 50);
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

/* A typed goal asks where it happens; the answer reaches the engine, which
 * deals support that fits: "Out" brings the card that suits goals out. */
static void test_typed_goal_asks_where(void **state)
{
    (void)state;
    const char *decks[] = {"--deck", SOURCE_DIR "/tests/fixtures/fit-solo.deck", "--deck",
                           SOURCE_DIR "/tests/fixtures/fit-support.deck", NULL};
    char *keys = repeat("key Return", 20);
    assert_int_equal(play_with(keys, "7", decks), 0);
    free(keys);
    const char *solo = strstr(out, "screen play solo-pick round 1 turn 1");
    assert_non_null(solo);
    int presses = 0;
    for (const char *p = out; p < solo; p++)
        presses += *p == '\n';
    /* One Return for each line before it (the title's New game among them),
     * and two more on setup: the first name, then the second, then Start. */
    presses += 2;
    for (int where = 0; where < 2; where++) {
        testutil_rmrf(dir);
        assert_int_equal(setup(NULL), 0);
        char *script = repeat("key Return", presses);
        script[strlen(script) - strlen("quit\n")] = '\0';
        char *tail = repeat("key Return", 50);
        char *full = malloc(strlen(script) + strlen(tail) + 200);
        /* Tab to the field, type, Enter: the question; Down for Out. */
        sprintf(full, "%skey Tab\nkey Tab\ntext Swim in the sea\nkey Return\n%skey Return\n%s", script,
                where ? "key Down\n" : "", tail);
        free(script);
        free(tail);
        assert_int_equal(play_with(full, "7", decks), 0);
        free(full);
        assert_string_equal(err, "");
        const char *asked = strstr(out, "screen play solo-where round 1 turn 1");
        if (!asked)
            print_error("%s", out);
        assert_non_null(asked);
        assert_non_null(strstr(asked, "screen play solo-day round 1 turn 1"));
        assert_non_null(strstr(out, "screen week\n"));
        Record record;
        last_game(&record, NULL);
        assert_string_equal(record.goals[0].text, "Swim in the sea");
        /* The support kept (the first dealt) names the answer's place in its
         * suits: — the fixture's or a built-in card that fits it. */
        unsigned place = where ? DECK_FIT_OUT : DECK_FIT_HOME;
        bool found = false;
        const char *const files[] = {SOURCE_DIR "/tests/fixtures/fit-support.deck", SOURCE_DIR "/decks/support.deck"};
        for (size_t f = 0; f < 2 && !found; f++) {
            DeckReport report = {0};
            Deck *deck = deck_load(files[f], &report);
            deck_report_free(&report);
            assert_non_null(deck);
            for (size_t c = 0; c < deck->card_count; c++)
                if (strcmp(deck->cards[c].text, record.goals[0].support) == 0) {
                    found = true;
                    assert_true(deck->cards[c].suits != 0 && deck_support_fits(deck->cards[c].suits, place));
                }
            deck_free(deck);
        }
        if (!found)
            print_error("support kept: %s\n", record.goals[0].support);
        assert_true(found);
        record_free(&record);
    }
}

/* ---- whole games in the card language ---- */

/* Whether every deck text of a language is known: the texts of every deck
 * in folder whose language is lang, and of those in other languages. */
typedef struct {
    char **texts;
    size_t count;
} Texts;

static void add_texts(Texts *t, const Deck *d)
{
    t->texts = realloc(t->texts, (t->count + d->card_count) * sizeof *t->texts);
    assert_non_null(t->texts);
    for (size_t i = 0; i < d->card_count; i++)
        t->texts[t->count++] = d->cards[i].text;
}

static bool has_text(const Texts *t, const char *text)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->texts[i], text) == 0)
            return true;
    return false;
}

/* Plays a whole keyboard game with the locale lang_env, the built-in decks
 * taken from folder, and checks that every card the couple saw (the
 * journal's cards seen: each one dealt), every plan, goal and support came
 * from a deck in language lang that is not a pack. */
static void whole_game_in(const char *folder, const char *lang_env, const char *lang)
{
    Library lib;
    LibrarySources sources = {.builtin_dir = folder};
    assert_int_equal(library_load(&lib, &sources), 0);
    Texts own = {0}, other = {0};
    for (size_t i = 0; i < lib.count; i++) {
        const Deck *d = lib.items[i].deck;
        assert_non_null(d);
        add_texts(library_language_is(d->language, lang) && !d->pack ? &own : &other, d);
    }
    setenv("TIGHTROPE_DECKS_DIR", folder, 1);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", lang_env, 1);
    char *script = repeat("key Return", 50);
    int status = play(script, "11");
    free(script);
    unsetenv("TIGHTROPE_DECKS_DIR");
    unsetenv("LANG");
    assert_int_equal(status, 0);
    expect_whole_game(out);
    assert_string_equal(err, "");
    const char *name_a, *name_b;
    stand_ins(lang, &name_a, &name_b);
    expect_journal_of(name_a, name_b);

    Journal *journal = left_journal();
    JournalSeen seen;
    assert_int_equal(journal_seen(journal, name_a, name_b, &seen), JOURNAL_OK);
    assert_true(seen.count >= 12); /* distinct texts: most of the small decks' cards */
    for (size_t i = 0; i < seen.count; i++) {
        if (!has_text(&own, seen.texts[i]))
            print_error("a card not in a %s deck was dealt: %s\n", lang, seen.texts[i]);
        assert_true(has_text(&own, seen.texts[i]));
    }
    journal_seen_free(&seen);
    Record record;
    assert_int_equal(journal_load_game(journal, 0, &record), JOURNAL_OK);
    for (size_t i = 0; i < record.plan_count; i++)
        assert_true(has_text(&own, record.plans[i].text));
    for (size_t i = 0; i < record.goal_count; i++) {
        assert_true(has_text(&own, record.goals[i].text));
        assert_true(has_text(&own, record.goals[i].support));
    }
    /* The decks in play are those of the language. */
    assert_int_equal(record.deck_count, 5);
    record_free(&record);
    journal_close(journal);
    assert_true(other.count > 0);
    free(own.texts);
    free(other.texts);
    library_free(&lib);
}

/* Does folder hold a deck of every kind in lang (not a pack)? */
static bool folder_has_language(const char *folder, const char *lang)
{
    Library lib;
    LibrarySources sources = {.builtin_dir = folder};
    assert_int_equal(library_load(&lib, &sources), 0);
    bool kinds[KIND_COUNT] = {false};
    for (size_t i = 0; i < lib.count; i++) {
        const Deck *d = lib.items[i].deck;
        if (d && !d->pack && library_language_is(d->language, lang))
            kinds[d->kind] = true;
    }
    library_free(&lib);
    for (int k = 0; k < KIND_COUNT; k++)
        if (!kinds[k])
            return false;
    return true;
}

static void test_whole_game_in_spanish_and_japanese(void **state)
{
    (void)state;
    static const struct {
        const char *env, *lang, *fixture;
    } locales[] = {{"es_ES.UTF-8", "es", SOURCE_DIR "/tests/fixtures/lang-es"},
                   {"ja_JP.UTF-8", "ja", SOURCE_DIR "/tests/fixtures/lang-ja"},
                   {"en_GB.UTF-8", "en", SOURCE_DIR "/tests/fixtures/lang-ja"}};
    for (size_t l = 0; l < sizeof locales / sizeof *locales; l++) {
        /* Small decks in the language and in English (and a pack in the
         * language, which stays off)... */
        testutil_rmrf(dir);
        assert_int_equal(setup(NULL), 0);
        whole_game_in(locales[l].fixture, locales[l].env, locales[l].lang);
        /* ...and the built-in decks, once they have every kind in the
         * language (test_deck_rules requires that they do). */
        if (!folder_has_language(SOURCE_DIR "/decks", locales[l].lang))
            continue;
        testutil_rmrf(dir);
        assert_int_equal(setup(NULL), 0);
        whole_game_in(SOURCE_DIR "/decks", locales[l].env, locales[l].lang);
    }
}

/* Where the first choice of each moment is, as fractions of a 16:9 window. */
static const char *click_for(const char *line)
{
    static const struct {
        const char *moment, *click;
    } spots[] = {
        {"screen title", "click 0.5 0.396"},            {"screen setup", "click 0.85 0.896"},
        {"sharing", "click 0.708 0.759"},              {"plan-pick", "click 0.197 0.473"},
        {"listener", "click 0.708 0.759"},
        {"plan-day", "click 0.547 0.203"},             {"break", "click 0.5 0.5"},
        {"solo-pick", "click 0.323 0.469"},            {"solo-day", "click 0.843 0.369"},
        {"support-pick", "click 0.323 0.524"},         {"rebalance", "click 0.323 0.469"},
        {"screen reveal", "click 0.5 0.878"},
    };
    /* The week grid: Enter takes the first free slot, and each round's plan
     * takes the next time of the first day. */
    static char grid[64];
    int round;
    /* From round 2, Enter keeps the partner's goal: the button under the cards. */
    if (sscanf(line, "screen play solo-pick round %d", &round) == 1 && round > 1)
        return "click 0.218 0.752";
    if (sscanf(line, "screen play plan-day round %d", &round) == 1) {
        snprintf(grid, sizeof grid, "click %.3f 0.203", (970.5 + 243.0 * (round - 1)) / 1920.0);
        return grid;
    }
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
    char *keys = repeat("key Return", 50);
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

/* The lean before a choice, passes past two with a gentle line, the week
 * grid, the rebalance's two cards and Not now, the round break and the end
 * reveal, in one game played with the keyboard. */
static void test_game_feel(void **state)
{
    (void)state;
    char *rest = repeat("key Return", 50);
    char script[4096];
    snprintf(script, sizeof script,
             "key Return\nkey Return\nkey Return\nkey Return\nwait 400\nlayout\n"
             "key Left\nkey Return\nkey Left\nkey Return\nkey Left\nkey Return\nlayout\n"
             "key Return\nkey Return\nkey Return\nkey Return\nkey Return\nlayout\nkey Down\nkey Right\nkey Return\n"
             "wait 400\nlayout\n"
             "key Down\nkey Return\n%s",
             rest);
    free(rest);
    assert_int_equal(play(script, "74"), 0);
    assert_string_equal(err, "");
    /* The first card shows its lean in its heading, and a ghost walker. */
    const char *a = strstr(out, "layout play");
    assert_non_null(a);
    const char *ghost = strstr(a, "icon ");
    assert_non_null(strstr(a, "\"ghost walker\"\n"));
    assert_non_null(strstr(a, "text"));
    assert_non_null(ghost);
    assert_non_null(strstr(a, "\"Sharing · Light · +1 →\"\n"));
    /* Three passes, and Pass is still there, with a gentle line. */
    const char *b = strstr(a + 1, "layout play");
    assert_non_null(b);
    assert_non_null(strstr(b, "\"Another card, just as deep. Passing is always fine. Player 1, read it aloud and "
                              "answer.\""));
    assert_non_null(strstr(b, "control"));
    assert_non_null(strstr(b, " \"Pass\"\n"));
    /* The week grid: the plan's day and time on one screen. */
    const char *c = strstr(b + 1, "layout play");
    assert_non_null(c);
    const char *d = strstr(c + 1, "layout play");
    assert_non_null(d);
    assert_non_null(strstr(c, "\"When will you do it?\"\n"));
    assert_int_equal(count(c, " \"Morning\"\n") - count(d, " \"Morning\"\n"), 2 * GAME_DAY_SOME);
    assert_non_null(strstr(c, " \"Some day\"\n"));
    /* Then the rebalance: two cards, each with its lean, and Not now. */
    assert_non_null(strstr(d, "\"← 1\"\n"));
    assert_non_null(strstr(d, "\"← 2\"\n"));
    assert_non_null(strstr(d, " \"Not now\"\n"));
    /* Both answer each sharing card: the steps count the listener's Dones. */
    assert_non_null(strstr(b, "\nscreen play plan-day round 1 turn 1 step 5\n"));
    const char *rebalance = strstr(c, "\nscreen play rebalance round 1 turn 1 step 7\n");
    assert_non_null(rebalance);
    assert_true(rebalance < d);
    assert_non_null(strstr(d, "\nscreen play solo-pick round 1 turn 1 step 8\n"));
    /* Both round breaks, the reveal, then Our week. */
    /* The round breaks, for both outcomes: each waits for a key. */
    assert_non_null(strstr(out, "screen play support-pick round 1 turn 1 step 13\nscreen play break round 1 off\n"
                                "screen play sharing round 2 turn 2 step 14\n"));
    /* Round 2 kept both goals: no day or support, four actions fewer. */
    assert_non_null(strstr(out, "screen play solo-pick round 2 turn 2 step 22\nscreen play solo-pick round 2 turn 1 step 23\n"
                                "screen play break round 2 steady\nscreen play sharing round 3 turn 1 step 24\n"));
    assert_non_null(strstr(out, "screen reveal\nscreen week\n"));
    Record record;
    last_game(&record, NULL);
    assert_int_equal(record.passes[0], 3);
    assert_int_equal(record.passes[1], 0);
    /* The plan: Down and Right from Tomorrow morning: the second day, afternoon. */
    assert_int_equal(record.plans[0].day, 1);
    assert_int_equal(record.plans[0].time, TIME_AFTERNOON);
    /* Not now: the rebalance left the balance where it was. */
    assert_int_equal(record.balances[5], record.balances[4]);
    record_free(&record);
}

/* The "screen ..." lines of a trace, without the layouts between them. */
static const char *screens_only(const char *trace)
{
    static char buf[1 << 16];
    size_t n = 0;
    for (const char *line = trace; *line && n + 1 < sizeof buf;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        if (strncmp(line, "screen ", 7) == 0 && n + len < sizeof buf) {
            memcpy(buf + n, line, len);
            n += len;
        }
        line += len;
    }
    buf[n] = '\0';
    return buf;
}

/* The game ran cleanly: Player 1 read and answered, Player 2 answered the
 * same card (or asked its follow-up), then read a card of their own. */
static void expect_reader_listener_reader(void)
{
    assert_string_equal(err, "");
    assert_non_null(strstr(screens_only(out), "screen play sharing round 1 turn 1 step 0\n"
                                              "screen play listener round 1 turn 2 step 1\n"
                                              "screen play sharing round 1 turn 2 step 2\n"));
}

/* True when needle is in text from `from` up to `to`. */
static bool between(const char *from, const char *to, const char *needle)
{
    const char *at = strstr(from, needle);
    return at && at < to;
}

/* Both answer and the follow-up to good news, in played games: the
 * reader's Done gives the same card to the listener, under their name and
 * on their side; a card with a follow-up shows its question for the
 * listener to ask, whether or not both answer. */
static void test_both_answer_and_follow_up(void **state)
{
    (void)state;
    /* The built-in decks (seed 7: no follow-up on the first cards), both
     * answering by default. */
    assert_int_equal(play("key Return\nkey Return\nkey Return\nkey Return\nwait 400\nlayout\nkey Return\nwait 400\n"
                          "layout\nkey Return\nwait 400\nlayout\nquit\n",
                          "7"),
                     0);
    expect_reader_listener_reader();
    const char *a = strstr(out, "layout play");
    assert_non_null(a);
    const char *b = strstr(a + 1, "layout play");
    assert_non_null(b);
    const char *c = strstr(b + 1, "layout play");
    assert_non_null(c);
    assert_non_null(strstr(a, "\"Player 1, read this aloud and answer it. Player 2 listens.\"\n"));
    assert_true(between(b, c, "\"Now Player 2: answer the same card. Player 1 listens.\"\n"));
    assert_true(between(b, c, "\"Sharing · Light · both answer\"\n"));
    assert_true(between(b, c, "control 920 774 380 92 \"Pass\"\n")); /* greyed: the listener cannot pass */
    assert_false(between(a, b, "\"Sharing · Light · both answer\"\n"));
    assert_non_null(strstr(c, "\"Player 2, read this aloud and answer it. Player 1 listens.\"\n"));
    /* The same card, slid from Player 1's side (left) to Player 2's. */
    float x1 = 0, x2 = 0;
    assert_int_equal(sscanf(strstr(a, "\ncard ") + 6, "%f", &x1), 1);
    assert_int_equal(sscanf(strstr(b, "\ncard ") + 6, "%f", &x2), 1);
    assert_true(x2 - x1 > 250);

    /* A sharing deck whose cards invite good news, with one answer a card:
     * the listener still asks the follow-up. */
    char decks[400], cmd[1200];
    snprintf(decks, sizeof decks, "%s/decks", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cd '%s/decks' && cp planning.deck solo.deck support.deck rebalance.deck '%s'",
             decks, SOURCE_DIR, decks);
    assert_int_equal(system(cmd), 0);
    assert_non_null(testutil_write(decks, "news.deck",
                                   "deck: News\nkind: sharing\nlanguage: en\n"
                                   "Tell one good thing that happened to you this week.\n"
                                   "    follow-up: What part of that are you proudest of?\n"
                                   "Tell a small win from today.\n"
                                   "    follow-up: Who else should hear about it?\n"));
    char data[400];
    snprintf(data, sizeof data, "%s/data", dir);
    testutil_rmrf(data);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/tightrope'", data);
    assert_int_equal(system(cmd), 0);
    assert_non_null(testutil_write(dir, "data/tightrope/settings.conf", "both-answer = no\n"));
    setenv("TIGHTROPE_DECKS_DIR", decks, 1);
    int status = play("key Return\nkey Return\nkey Return\nkey Return\nwait 400\nkey Return\nwait 400\nlayout\n"
                      "key Return\nwait 400\nlayout\nquit\n",
                      "7");
    unsetenv("TIGHTROPE_DECKS_DIR");
    assert_int_equal(status, 0);
    expect_reader_listener_reader();
    const char *f = strstr(out, "layout play");
    assert_non_null(f);
    assert_non_null(strstr(f, "\"Player 2, ask Player 1 the follow-up and listen: good news is worth a second "
                              "question.\"\n"));
    assert_non_null(strstr(f, "\"Follow-up question\"\n"));
    assert_non_null(strstr(f, "\"Sharing · Light · follow-up\"\n"));
    assert_true(strstr(f, "\"What part of that are you proudest of?\"\n") ||
                strstr(f, "\"Who else should hear about it?\"\n"));
    /* Once asked, Player 2 reads a card of their own, with no follow-up yet. */
    const char *g = strstr(f + 1, "layout play");
    assert_non_null(g);
    assert_null(strstr(g, "\"Follow-up question\"\n"));
    assert_non_null(strstr(g, "\"Player 2, read this aloud and answer it. Player 1 listens.\"\n"));

    /* Both answering (the default again), the follow-up is asked first. */
    testutil_rmrf(data);
    setenv("TIGHTROPE_DECKS_DIR", decks, 1);
    status = play("key Return\nkey Return\nkey Return\nkey Return\nwait 400\nkey Return\nwait 400\nlayout\nquit\n", "7");
    unsetenv("TIGHTROPE_DECKS_DIR");
    assert_int_equal(status, 0);
    assert_string_equal(err, "");
    const char *h = strstr(out, "layout play");
    assert_non_null(h);
    assert_non_null(strstr(h, "\"Player 2, ask Player 1 the follow-up, then answer the same card yourself.\"\n"));
    assert_non_null(strstr(h, "\"Sharing · Light · both answer\"\n"));
    assert_non_null(strstr(h, "\"Follow-up question\"\n"));
}

/* True when a sharing card with text was shown in finished game id: its
 * replay, action by action. */
static bool dealt_in_game(long long id, const char *text)
{
    Journal *journal = left_journal();
    JournalReplay replay;
    assert_int_equal(journal_replay(journal, id, &replay), JOURNAL_OK);
    Game *game = NULL;
    assert_int_equal(game_load(replay.start, replay.start_len, &game, NULL, 0), GAME_OK);
    bool dealt = false;
    for (size_t i = 0; i <= replay.count; i++) {
        GameView v;
        game_view(game, &v);
        dealt = dealt || (v.phase == PHASE_SHARING && strcmp(v.cards[0].text, text) == 0);
        Action a;
        if (i < replay.count) {
            assert_true(session_action_parse(replay.actions[i], &a));
            assert_int_equal(game_apply(game, a), GAME_OK);
        }
    }
    game_free(game);
    journal_replay_free(&replay);
    journal_close(journal);
    return dealt;
}

/* Both weeks exported from Our journey (HOME in the test's folder): the
 * Markdown and iCalendar files, read back, hold neither text nor a pass. */
static void expect_exports_without(const char *text)
{
    char home[400], docs[450], saved_config[400] = "";
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(docs, sizeof docs, "%s/Documents", home);
    assert_int_equal(mkdir(home, 0700), 0);
    assert_int_equal(mkdir(docs, 0700), 0);
    char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    if (getenv("XDG_CONFIG_HOME"))
        snprintf(saved_config, sizeof saved_config, "%s", getenv("XDG_CONFIG_HOME"));
    setenv("HOME", home, 1);
    unsetenv("XDG_CONFIG_HOME");
    /* Our journey: the first row above Done (game 1), then the one above it. */
    assert_int_equal(play("key Down\nkey Return\nkey Up\nkey Return\nkey Left\nkey Return\nquit\n", "1"), 0);
    assert_int_equal(play("key Down\nkey Return\nkey Up\nkey Up\nkey Return\nkey Left\nkey Return\nquit\n", "1"), 0);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_home);
    if (saved_config[0])
        setenv("XDG_CONFIG_HOME", saved_config, 1);
    static const char *const files[] = {"our-week-2026-01-05.md", "our-week-2026-01-05.ics",
                                        "our-week-2026-01-05-2.md", "our-week-2026-01-05-2.ics"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[600];
        static char buf[1 << 16];
        snprintf(path, sizeof path, "%s/Tightrope/%s", docs, files[i]);
        long n = testutil_read(path, buf, sizeof buf);
        if (n <= 0)
            print_error("not exported: %s\n", path);
        assert_true(n > 0);
        assert_null(strstr(buf, text));
        assert_null(strstr(buf, "Pass"));
        assert_null(strstr(buf, "pass"));
        /* The two weeks are the two games: their balances differ. */
        static char first_md[1 << 16];
        if (i == 0)
            snprintf(first_md, sizeof first_md, "%s", buf);
        if (i == 2)
            assert_string_not_equal(first_md, buf);
    }
}

/* Come back to this, and a pass, over two games: the card kept (K) in game
 * 1 is in Our journey, then dealt first in game 2 and no longer kept; the
 * card passed in game 1 is not dealt in game 2 and is in no export. */
static void test_kept_and_passed(void **state)
{
    (void)state;
    char script[4096];
    /* Up to Our week (read from the trace): both goals kept in rounds 2 and
     * 3, the listener's Done after every sharing card (one is above). */
    char *rest = repeat("key Return", 32);
    /* Setup, K on the first card, Done and the listener's Done (both
     * answer), then Pass (← from Done) on the second. */
    snprintf(script, sizeof script, "key Return\nkey Return\nkey Return\nkey Return\nwait 400\nkey k\nlayout\n"
                                    "key Return\nkey Return\nkey Left\nkey Return\n%s", rest);
    free(rest);
    assert_int_equal(play(script, "74"), 0);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, " \"Kept for later\"\n"));
    char kept[400], passed[400];
    Journal *journal = left_journal();
    JournalSeen k, p;
    assert_int_equal(journal_kept(journal, "Player 1", "Player 2", &k), JOURNAL_OK);
    assert_int_equal(journal_passed(journal, "Player 1", "Player 2", &p), JOURNAL_OK);
    assert_int_equal(k.count, 1);
    assert_int_equal(p.count, 1);
    snprintf(kept, sizeof kept, "\"%s\"\n", k.texts[0]);
    snprintf(passed, sizeof passed, "%s", p.texts[0]);
    journal_seen_free(&k);
    journal_seen_free(&p);
    Record record;
    assert_int_equal(journal_load_game(journal, 1, &record), JOURNAL_OK);
    journal_close(journal);
    assert_true(dealt_in_game(1, passed));
    /* The export of game 1 says nothing of the pass. */
    char *md = export_markdown(&record);
    assert_non_null(md);
    assert_null(strstr(md, passed));
    assert_null(strstr(md, "Pass"));
    free(md);
    record_free(&record);

    /* Game 2: Our journey lists the kept card; the game deals it first. */
    rest = repeat("key Return", 32); /* up to Our week, as game 1 */
    /* And K on its second card (after the reader's and the listener's Done). */
    snprintf(script, sizeof script, "key Escape\nkey Down\nkey Return\nlayout\nkey Escape\nkey Up\nkey Return\n"
                                    "key Return\nkey Return\nkey Return\nwait 400\nlayout\nkey Return\nkey Return\nkey k\n%s",
             rest);
    free(rest);
    assert_int_equal(play(script, "75"), 0);
    assert_string_equal(err, "");
    const char *journey = strstr(out, "layout journey");
    assert_non_null(journey);
    const char *first = strstr(journey + 1, "layout play");
    assert_non_null(first);
    const char *in_journey = strstr(journey, kept);
    assert_true(in_journey && in_journey < first);
    assert_non_null(strstr(journey, "\"Kept for later\"\n"));
    assert_non_null(strstr(first, kept));
    journal = left_journal();
    assert_int_equal(journal_kept(journal, "Player 1", "Player 2", &k), JOURNAL_OK);
    /* Dealt again, the first card is no longer kept; the second is. */
    assert_int_equal(k.count, 1);
    assert_null(strstr(kept, k.texts[0]));
    journal_seen_free(&k);
    assert_int_equal(journal_load_game(journal, 2, &record), JOURNAL_OK);
    journal_close(journal);
    assert_false(dealt_in_game(2, passed));
    record_free(&record);
    expect_exports_without(passed);

    /* Let go from Our journey: above the two games, the kept card. */
    assert_int_equal(play("key Down\nkey Return\nkey Up\nkey Up\nkey Up\nlayout\nkey Return\nlayout\nquit\n", "1"), 0);
    assert_string_equal(err, "");
    journey = strstr(out, "layout journey");
    assert_non_null(journey);
    assert_non_null(strstr(journey, "\"Choose to let it go\"\n"));
    const char *after = strstr(journey + 1, "layout journey");
    assert_non_null(after);
    assert_null(strstr(after, "\"Kept for later\"\n"));
    journal = left_journal();
    assert_int_equal(journal_kept(journal, "Player 1", "Player 2", &k), JOURNAL_OK);
    assert_int_equal(k.count, 0);
    journal_close(journal);
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

/* Back from each screen, the focus is on the item that opened it. */
static const char tour[] = "screenshot @/title.png\n"
                           "key Down\nkey Return\nscreenshot @/journey.png\nkey Escape\n"
                           "key Down\nkey Return\nscreenshot @/decks.png\nkey Escape\n"
                           "key Down\nkey Return\nscreenshot @/settings.png\nkey Escape\n"
                           "key Down\nkey Return\nscreenshot @/howto.png\nkey Escape\n"
                           "key Up\nkey Up\nkey Up\nkey Up\nkey Return\nscreenshot @/setup.png\n"
                           "key Return\nkey Return\nkey Return\nwait 400\nscreenshot @/sharing.png\n"
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
    static const char *const names[] = {"title", "journey", "decks", "settings", "howto", "setup",
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

/* SDL reports where the pointer stands when the window appears (under X11,
 * at the window's centre, over "Our journey"): that is no hover, so the
 * focus stays on New game. A pointer that really moves takes the focus. */
static void test_hover_needs_a_real_move(void **state)
{
    (void)state;
    assert_int_equal(play("move 0.5 0.5\nkey Return\nquit\n", "1"), 0);
    assert_string_equal(out, "screen title\nscreen setup\n");
    assert_int_equal(play("move 0.5 0.5\nmove 0.5 0.5\nkey Return\nquit\n", "1"), 0);
    assert_string_equal(out, "screen title\nscreen setup\n");
    assert_int_equal(play("move 0.5 0.2\nmove 0.5 0.5\nkey Return\nquit\n", "1"), 0);
    assert_string_equal(out, "screen title\nscreen journey\n");
    assert_string_equal(err, "");
}

/* The setup screen opens with the focus in the first name, so typing goes
 * there at once; Enter goes on to the second name, then to Start. In a
 * field ← and → move the cursor over whole characters, and text goes in at
 * the cursor; Home, End, Delete and Backspace edit there too. */
static void test_names_typed_at_the_cursor(void **state)
{
    (void)state;
    char *rest = repeat("key Return", 50);
    char script[4096];
    snprintf(script, sizeof script,
             "key Return\ntext Zë\nkey Left\ntext o\nkey Home\nkey Delete\ntext Z\nkey End\nkey BackSpace\n"
             "text ë\nkey Return\ntext Jé\nkey Left\ntext os\nkey Right\nkey Right\ntext !\nkey BackSpace\n"
             "key Return\n%s",
             rest);
    free(rest);
    assert_int_equal(play(script, "7"), 0);
    expect_whole_game(out);
    assert_string_equal(err, "");
    Record record;
    last_game(&record, NULL);
    assert_string_equal(record.names[0], "Zoë");
    assert_string_equal(record.names[1], "José");
    record_free(&record);
}

/* A click into a name field puts the focus there, and nowhere else. */
static void test_names_clicked_into(void **state)
{
    (void)state;
    char *rest = repeat("key Return", 50);
    char script[4096];
    snprintf(script, sizeof script,
             "key Return\nclick 0.24 0.298\ntext Zoë\nclick 0.24 0.476\ntext José\nclick 0.85 0.896\n%s", rest);
    free(rest);
    assert_int_equal(play(script, "7"), 0);
    expect_whole_game(out);
    assert_string_equal(err, "");
    Record record;
    last_game(&record, NULL);
    assert_string_equal(record.names[0], "Zoë");
    assert_string_equal(record.names[1], "José");
    record_free(&record);
}

/* Back from a sub-screen, the focus is on the item that opened it. */
static void test_focus_returns_to_the_item_left(void **state)
{
    (void)state;
    assert_int_equal(play("key Down\nkey Down\nkey Down\nkey Return\nkey Escape\nkey Return\nkey Escape\n"
                          "key Down\nkey Return\nkey Escape\nkey Return\nquit\n",
                          "1"),
                     0);
    assert_string_equal(out, "screen title\nscreen settings\nscreen title\nscreen settings\nscreen title\n"
                             "screen howto\nscreen title\nscreen howto\n");
    /* In a game: Pause, Settings, and back on the pause menu's Settings. */
    assert_int_equal(play("key Return\nkey Return\nkey Return\nkey Return\nkey Escape\nkey Down\nkey Return\n"
                          "key Escape\nkey Return\nquit\n",
                          "1"),
                     0);
    assert_string_equal(out, "screen title\nscreen setup\nscreen play sharing round 1 turn 1 step 0\n"
                             "screen play paused\nscreen settings\nscreen play paused\nscreen settings\n");
    assert_string_equal(err, "");
}

/* After a day is picked for a plan, Back (Esc, or Change the day) returns
 * to the days, on the day picked, until the time makes it final. */
static void test_goal_day_warning(void **state)
{
    (void)state;
    char *rest = repeat("key Return", 50);
    char script[2048];
    /* To the first goal's day (the plan took Tomorrow morning; a rebalance
     * came), where the focus starts on the first day without a plan; Left
     * to Tomorrow, which asks first; Enter moves the goal to that free day.
     * Both answer each sharing card: two presses more than before. */
    snprintf(script, sizeof script,
             "key Return\nkey Return\nkey Return\nkey Return\nkey Return\nkey Return\nkey Return\nkey Return\n"
             "key Return\nkey Return\nkey Return\nkey Return\nkey Left\nkey Return\nkey Return\n%s",
             rest);
    free(rest);
    assert_int_equal(play(script, "7"), 0);
    assert_string_equal(err, "");
    expect_whole_game(out);
    assert_non_null(strstr(out, "screen play solo-day round 1 turn 1 step 9\n"
                                "screen play goal-warning round 1 turn 1 step 9\n"
                                "screen play support-pick round 1 turn 2 step 10\n"));
    Record record;
    last_game(&record, NULL);
    assert_int_equal(record.plans[0].day, 0);
    assert_int_equal(record.plans[0].time, TIME_MORNING);
    assert_int_equal(record.goals[0].day, 1);
    record_free(&record);
}

/* With no sharing deck in play, Start says what to do, in the couple's words. */
static void test_setup_message_says_what_to_do(void **state)
{
    (void)state;
    char decks[400], cmd[1200], trace[400];
    snprintf(decks, sizeof decks, "%s/decks", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cd '%s/decks' && cp planning.deck solo.deck support.deck rebalance.deck '%s'",
             decks, SOURCE_DIR, decks);
    assert_int_equal(system(cmd), 0);
    snprintf(trace, sizeof trace, "%s/trace.txt", dir);
    setenv("TIGHTROPE_DECKS_DIR", decks, 1);
    setenv("TIGHTROPE_TRACE", trace, 1);
    int status = play("key Return\nkey Return\nkey Return\nkey Return\nquit\n", "1");
    unsetenv("TIGHTROPE_DECKS_DIR");
    unsetenv("TIGHTROPE_TRACE");
    assert_int_equal(status, 0);
    assert_string_equal(out, "screen title\nscreen setup\n");
    static char text[1 << 20];
    assert_true(testutil_read(trace, text, sizeof text) > 0);
    const char *last = NULL;
    for (const char *p = text; (p = strstr(p, "\nmessage ")); p++)
        last = p + 1;
    assert_non_null(last);
    const char *expect = "message To start, switch on at least one deck of each of these kinds: Sharing.\n";
    assert_true(strncmp(last, expect, strlen(expect)) == 0);
}

/* The last line of the trace file starting with prefix, or NULL. */
static const char *trace_last(const char *path, const char *prefix)
{
    static char text[1 << 20];
    if (testutil_read(path, text, sizeof text) <= 0)
        return NULL;
    const char *last = NULL;
    for (const char *p = text; (p = strstr(p, prefix)); p++)
        if (p == text || p[-1] == '\n')
            last = p;
    return last;
}

/* New game while a game is saved asks first, saying which game and what
 * happens to it; the focus is on keeping it. Names come back after a restart. */
static void test_new_game_asks_before_replacing(void **state)
{
    (void)state;
    assert_int_equal(play("key Return\ntext Zoë\nkey Return\ntext José\nkey Return\nkey Return\nkey Return\nquit\n", "3"),
                     0);
    /* Zoë answered the first card; José answers it now (both answer). */
    assert_non_null(strstr(out, "screen play listener round 1 turn 2 step 1\n"));
    char trace[400];
    snprintf(trace, sizeof trace, "%s/trace.txt", dir);
    setenv("TIGHTROPE_TRACE", trace, 1);
    int status = play("key Down\nkey Return\nkey Return\nkey Return\nkey Escape\nkey Return\nkey Tab\nkey Return\n"
                      "key Return\nquit\n",
                      "3");
    unsetenv("TIGHTROPE_TRACE");
    assert_int_equal(status, 0);
    assert_string_equal(err, "");
    assert_string_equal(out, "screen title\nscreen confirm\nscreen title\nscreen confirm\nscreen title\nscreen confirm\n"
                             "screen setup\nscreen play sharing round 1 turn 1 step 0\n");
    const char *message = trace_last(trace, "message ");
    assert_non_null(message);
    const char *expect = "message Zoë and José’s game is saved at round 1 of 3; you last played it today at 20:00.  "
                         "A new game takes its place: once the new one starts, this one cannot be continued, and it "
                         "is not kept in Our journey.\n";
    assert_true(strncmp(message, expect, strlen(expect)) == 0);
    /* The names were remembered, so Start had the focus. */
    const char *setup_screen = trace_last(trace, "screen setup\n");
    assert_non_null(setup_screen);
    const char *field = strstr(setup_screen, " field ");
    assert_non_null(field);
    assert_non_null(strstr(setup_screen, " - Zoë\n"));
    assert_non_null(strstr(setup_screen, " - José\n"));
    /* The saved game gave way to the new one, just begun. */
    Journal *journal = left_journal();
    assert_true(journal_has_progress(journal));
    char **actions;
    size_t count;
    assert_int_equal(journal_progress_actions(journal, &actions, &count), JOURNAL_OK);
    assert_int_equal(count, 0);
    free(actions);
    journal_close(journal);
}

/* After a restart, the names of the last finished game are there again,
 * and Start has the focus: Enter alone starts the next game. */
static void test_names_remembered_after_a_restart(void **state)
{
    (void)state;
    /* The game (both answer each sharing card; rounds 2 and 3 keep both
     * goals), Keep this week, Done: back at the title. */
    char *rest = repeat("key Return", 38);
    char script[2048];
    snprintf(script, sizeof script, "key Return\ntext Zoë\nkey Return\ntext José\nkey Return\n%s", rest);
    free(rest);
    assert_int_equal(play(script, "7"), 0);
    expect_whole_game(out);
    char trace[400];
    snprintf(trace, sizeof trace, "%s/trace.txt", dir);
    setenv("TIGHTROPE_TRACE", trace, 1);
    /* A week later: New game, "Later" (Enter) to each check-in question, then on the setup screen one
     * Enter starts the game: the focus was on Start. */
    char *answers = repeat("key Return", 7); /* New game, Later to 5 items (3 plans and a goal each), Start */
    /* A week later, so that the days of the plans have passed. */
    char *later = malloc(strlen(answers) + 16);
    snprintf(later, strlen(answers) + 16, "days 7\n%s", answers);
    free(answers);
    answers = later;
    int status = play(answers, "8");
    free(answers);
    unsetenv("TIGHTROPE_TRACE");
    assert_int_equal(status, 0);
    assert_string_equal(err, "");
    assert_true(strncmp(out, "screen title\nscreen checkin\n", strlen("screen title\nscreen checkin\n")) == 0);
    assert_non_null(strstr(out, "\nscreen setup\nscreen play sharing round 1 turn 1 step 0\n"));
    const char *setup_screen = trace_last(trace, "screen setup\n");
    assert_non_null(setup_screen);
    assert_non_null(strstr(setup_screen, "\nwidget 0 field "));
    assert_non_null(strstr(setup_screen, " - Zoë\n"));
    assert_non_null(strstr(setup_screen, " - José\n"));
    /* The focused widget is Start. */
    const char *focus = strstr(setup_screen, "\nfocus ");
    assert_non_null(focus);
    char start[64];
    snprintf(start, sizeof start, "\nwidget %d button ", atoi(focus + strlen("\nfocus ")));
    const char *line = strstr(setup_screen, start);
    assert_non_null(line);
    const char *end = strchr(line + 1, '\n');
    assert_non_null(end);
    assert_true(end - line > 6 && strncmp(end - 6, " Start", 6) == 0);
}

/* Who sits on the left: the first name by default, Swap sides beside the
 * names' headings (one press); the play screen puts each name, its colour
 * and the card's slide on that side. */
static void test_sides_as_they_sit(void **state)
{
    (void)state;
    assert_int_equal(play("key Return\ntext Anna\nkey Return\ntext Ben\nkey Return\nwait 300\nlayout\n"
                          "click 0.834 0.138\nwait 300\nlayout\nclick 0.85 0.896\nwait 800\nlayout\nquit\n",
                          "7"),
                     0);
    assert_string_equal(err, "");
    const char *before = strstr(out, "layout setup");
    assert_non_null(before);
    const char *after = strstr(before + 1, "layout setup");
    assert_non_null(after);
    const char *game = strstr(after, "layout play");
    assert_non_null(game);
    assert_non_null(strstr(before, "\"Partner 1 · sits left\"\n"));
    assert_non_null(strstr(before, "\"Partner 2 · sits right\"\n"));
    assert_true(strstr(before, " \"Swap sides\"\n") < after);
    /* One press on Swap sides: Ben on the left. */
    assert_non_null(strstr(after, "\"Partner 1 · sits right\"\n"));
    assert_non_null(strstr(after, "\"Partner 2 · sits left\"\n"));
    assert_true(strstr(after, "\"Partner 1 · sits right\"\n") < game);
    /* Anna reads first, from the right: her name there, Ben's on the left. */
    assert_non_null(strstr(game, "\ntext 1713 126 99 40 34.5 \"Anna\"\n"));
    assert_non_null(strstr(game, "\ntext 108 126 68 40 34.5 \"Ben\"\n"));
    assert_non_null(strstr(game, "\"Anna, read this aloud and answer it. Ben listens.\""));
    /* Her card slides toward her: 150 right of the middle (it would be 150
     * left of it, at 210, were she on the left). */
    assert_non_null(strstr(game, "\ncard 510 286 1200 470 \"Sharing · Light · +2 →\"\n"));
    /* The sides are kept for the next evening in the settings file (a
     * script never writes it): read from there, they are as they were. */
    const char *conf = testutil_write(dir, "data/tightrope/settings.conf", "partner-1-sits = right\n");
    assert_non_null(conf);
    assert_int_equal(play("key Return\nwait 300\nlayout\nquit\n", "7"), 0); /* the game goes on */
    game = strstr(out, "layout play");
    assert_non_null(game);
    assert_non_null(strstr(game, "\ntext 1713 126 99 40 34.5 \"Anna\"\n"));
    assert_non_null(strstr(game, "\ntext 108 126 68 40 34.5 \"Ben\"\n"));
    /* Without the setting, Partner 1 sits left again. */
    assert_int_equal(unlink(conf), 0);
    assert_int_equal(play("key Return\nwait 300\nlayout\nquit\n", "7"), 0);
    game = strstr(out, "layout play");
    assert_non_null(game);
    assert_non_null(strstr(game, "\ntext 108 126 99 40 34.5 \"Anna\"\n"));
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

/* One clock under a script (Monday 5 January 2026, 20:00): the game is
 * kept as played then, and the check-in before the next game speaks of the
 * days after it, as its plans were made. */
static void test_scripted_clock_agrees(void **state)
{
    (void)state;
    char *script = repeat("key Return", 39); /* up to Our week: both answer, both goals kept in rounds 2 and 3 */
    assert_int_equal(play(script, "7"), 0);
    free(script);
    assert_non_null(strstr(out, "screen week\n"));
    Record record;
    last_game(&record, NULL);
    assert_string_equal(record.played, "2026-01-05 20:00:00");
    record_free(&record);
    /* Two days on, the title's New game opens the check-in on the first
     * plan, made for tomorrow: Tuesday 6 January, which has passed. */
    assert_int_equal(play("days 2\nkey Return\nwait 300\nlayout\nquit\n", "7"), 0);
    assert_non_null(strstr(out, "screen checkin\n"));
    assert_non_null(strstr(out, "\"Plan together · Tue 6 Jan, morning\"\n"));
    assert_null(strstr(out, " Dec\""));
}

/* Back-to-back key presses with no wait between them play a whole game at
 * 1920x1080, through every support pick, while the cards are still being
 * dealt (the virtual clock stands still). */
/* Pixels that differ between two screenshots of the same size. */
static long pixels_differing(const char *a_path, const char *b_path)
{
    SDL_Surface *a = IMG_Load(a_path), *b = IMG_Load(b_path);
    assert_non_null(a);
    assert_non_null(b);
    SDL_Surface *x = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *y = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_int_equal(x->w, y->w);
    assert_int_equal(x->h, y->h);
    long differ = 0;
    for (int r = 0; r < x->h; r++) {
        const Uint32 *p = (const Uint32 *)((const Uint8 *)x->pixels + r * x->pitch);
        const Uint32 *q = (const Uint32 *)((const Uint8 *)y->pixels + r * y->pitch);
        for (int c = 0; c < x->w; c++)
            differ += p[c] != q[c];
    }
    SDL_FreeSurface(x);
    SDL_FreeSurface(y);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return differ;
}

/* While something moves, the game redraws only where it moves. Once each
 * motion ends (a card dealt and sliding to the partner whose turn it is,
 * the walker, the plan's cards), the screen is the same, pixel for pixel,
 * as the whole frame drawn again ("layout" draws it whole). */
static void test_partial_frames_leave_no_trace(void **state)
{
    (void)state;
    static const char *const moments[] = {"sharing-1", "sharing-2", "planning"};
    char script[2048];
    int n = snprintf(script, sizeof script, "resize 1920 1080\nkey Return\nkey Return\nkey Return\nkey Return\n");
    for (size_t i = 0; i < sizeof moments / sizeof *moments; i++)
        n += snprintf(script + n, sizeof script - (size_t)n,
                      "wait 1500\nscreenshot %s/%s-moved.png\nlayout\nscreenshot %s/%s-whole.png\nkey Return\n", dir,
                      moments[i], dir, moments[i]);
    assert_int_equal(play(script, "7"), 0);
    assert_string_equal(err, "");
    for (size_t i = 0; i < sizeof moments / sizeof *moments; i++) {
        char moved[400], whole[400];
        snprintf(moved, sizeof moved, "%s/%s-moved.png", dir, moments[i]);
        snprintf(whole, sizeof whole, "%s/%s-whole.png", dir, moments[i]);
        long differ = pixels_differing(moved, whole);
        if (differ)
            print_error("%s: %ld pixels differ from the whole frame\n", moments[i], differ);
        assert_int_equal(differ, 0);
    }
}

static void test_presses_without_waits(void **state)
{
    (void)state;
    char *keys = repeat("key Return", 39); /* up to Our week: both answer, both goals kept in rounds 2 and 3 */
    char *script = malloc(strlen(keys) + 64);
    assert_non_null(script);
    snprintf(script, strlen(keys) + 64, "resize 1920 1080\n%s", keys);
    free(keys);
    assert_int_equal(play(script, "7"), 0);
    free(script);
    expect_whole_game(out);
    assert_string_equal(err, "");
    expect_journal();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keyboard_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gamepad_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mouse_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_game_feel, setup, teardown),
        cmocka_unit_test_setup_teardown(test_both_answer_and_follow_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kept_and_passed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_frames_leave_no_trace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gamepad_types_on_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typed_goal_asks_where, setup, teardown),
        cmocka_unit_test_setup_teardown(test_whole_game_in_spanish_and_japanese, setup, teardown),
        cmocka_unit_test_setup_teardown(test_continue_after_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screens_at_720p, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screens_at_4k, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dropped_deck_is_copied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hover_needs_a_real_move, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_typed_at_the_cursor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_clicked_into, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_returns_to_the_item_left, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goal_day_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_setup_message_says_what_to_do, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_game_asks_before_replacing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_remembered_after_a_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sides_as_they_sit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_script_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scripted_clock_agrees, setup, teardown),
        cmocka_unit_test_setup_teardown(test_presses_without_waits, setup, teardown),
    };
    return cmocka_run_group_tests_name("ui", tests, NULL, NULL);
}
