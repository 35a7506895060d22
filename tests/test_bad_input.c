/* SPDX-License-Identifier: MIT */
/* Bad input at the engine's doors that the other tests do not already
 * knock on (docs/RELIABILITY.md has the whole table): a deck of a million
 * cards; names and goals with right-to-left marks, SQL and iCalendar meta
 * characters, stored and exported exactly and never interpreted; 10 KB and
 * control-character texts refused with a reason; a journal cut short; and
 * command-line numbers too big for any type. */
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

#include "deck.h"
#include "export.h"
#include "game.h"
#include "journal.h"
#include "session.h"
#include "testutil.h"

static char dir[256];
static char out[1 << 16], err[1 << 20];

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "badinput") != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

/* Runs tightrope with args (NULL-terminated), its data folder in dir. */
static int run(const char *const *args)
{
    char data[300];
    snprintf(data, sizeof data, "%s/data", dir);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_true(status >= 0);
    return status;
}

/* Small decks of every kind. */
static const char *const small[KIND_COUNT] = {
    "deck: Talk\nkind: sharing\nlevel: 1\nS1a\nS1b\nlevel: 2\nS2a\nS2b\nlevel: 3\nS3a\nS3b\n",
    "deck: Plans\nkind: planning\nP1\nP2\nP3\nP4\n",
    "deck: Mine\nkind: solo\nO1\nO2\nO3\n",
    "deck: Help\nkind: support\nU1\nU2\nU3\n",
    "deck: Steady\nkind: rebalance\nweight: 2\nR+\nweight: -2\nR-\n",
};

static void small_decks(Deck **decks)
{
    for (int k = 0; k < KIND_COUNT; k++) {
        DeckReport report = {0};
        decks[k] = deck_parse(small[k], strlen(small[k]), &report);
        deck_report_free(&report);
        assert_non_null(decks[k]);
    }
}

static void free_decks(Deck **decks)
{
    for (int k = 0; k < KIND_COUNT; k++)
        deck_free(decks[k]);
}

/* ---- a million cards ---- */

static const char *write_million(const char *name, bool same)
{
    static char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("deck: A Million\nkind: sharing\n", f);
    for (int i = 1; i <= 1000000; i++)
        fprintf(f, same ? "The same card\n" : "Card number %d\n", i);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void test_million_cards(void **state)
{
    (void)state;
    const char *path = write_million("million.deck", false);
    DeckReport report = {0};
    Deck *deck = deck_load(path, &report);
    assert_non_null(deck);
    assert_int_equal(deck->card_count, 1000000);
    assert_int_equal(report.errors + report.warnings, 0);
    deck_report_free(&report);
    /* A game refuses so many cards, and says what to do. */
    Deck *decks[KIND_COUNT];
    small_decks(decks);
    deck_free(decks[KIND_SHARING]);
    decks[KIND_SHARING] = deck;
    Game *game = NULL;
    char why[256];
    assert_int_equal(game_new(NULL, (const Deck *const *)decks, KIND_COUNT, 1, &game, why, sizeof why),
                     GAME_E_TOO_MANY_CARDS);
    assert_null(game);
    assert_string_equal(why, "more than 65536 cards are in play; leave some decks out");
    free_decks(decks);
    /* On the command line. */
    assert_int_equal(run((const char *[]){"--check", path, NULL}), 0);
    char expect[600];
    snprintf(expect, sizeof expect, "%s: 1000000 cards (sharing)\n", path);
    assert_string_equal(out, expect);
    assert_int_equal(run((const char *[]){"--simulate", "10", "--deck", path, NULL}), 1);
    assert_non_null(strstr(err, "tightrope: more than 65536 cards are in play; leave some decks out\n"));
}

static void test_million_same_cards(void **state)
{
    (void)state;
    const char *path = write_million("same.deck", true);
    DeckReport report = {0};
    Deck *deck = deck_load(path, &report);
    /* Warnings only: the first thousand kept, the rest counted. */
    assert_non_null(deck);
    assert_int_equal(report.errors, 0);
    assert_int_equal(report.warnings, 999999);
    assert_int_equal(report.count, DECK_REPORT_MAX_ITEMS);
    assert_int_equal(report.dropped, 999999 - DECK_REPORT_MAX_ITEMS);
    assert_string_equal(report.items[0].message, "this card is the same as the card on line 3");
    deck_free(deck);
    deck_report_free(&report);
    assert_int_equal(run((const char *[]){"--check", path, NULL}), 0);
    assert_non_null(strstr(err, "note: 998999 more problems are not shown; fix the ones above first\n"));
}

/* ---- names and goals ---- */

/* Right-to-left marks and overrides, SQL and iCalendar meta characters. */
static const char *const name_a = "\xE2\x80\x8FRobert'); DROP TABLE games;--";
static const char *const name_b = "Zo\xC3\xAB;Ana,\\N:BEGIN:VEVENT\xE2\x80\xAE";
static const char *const goal = "END:VCALENDAR\\n; DROP TABLE plans; -- \"q\" 'x' %s%n $(true) `id` <b>*x*</b> "
                                "\xE2\x80\xAB\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\xE2\x80\xAC, \\; ok";

/* Plays a whole game on the small decks, keeping every solo goal as the
 * own goal above, committed to the journal at path; returns the record. */
static void play_kept(const char *path, Record *record)
{
    Deck *decks[KIND_COUNT];
    small_decks(decks);
    GameOptions opt = {.names = {name_a, name_b}, .rounds = 2};
    Game *game = NULL;
    char why[256];
    assert_int_equal(game_new(&opt, (const Deck *const *)decks, KIND_COUNT, 5, &game, why, sizeof why), GAME_OK);
    Journal *journal = NULL;
    assert_int_equal(journal_open(path, NULL, &journal), JOURNAL_OK);
    assert_int_equal(session_begin(journal, game, NULL, 0), JOURNAL_OK);
    for (;;) {
        GameView v;
        game_view(game, &v);
        if (v.phase == PHASE_OVER)
            break;
        Action a;
        if (v.allowed & (1u << ACTION_CUSTOM)) {
            a = (Action){.type = ACTION_CUSTOM, .text = goal};
        } else {
            assert_true(game_actions(game, &a, 1) >= 1);
        }
        JournalStatus saved;
        assert_int_equal(session_apply(journal, game, a, &saved), GAME_OK);
        assert_int_equal(saved, JOURNAL_OK);
    }
    const char *names[KIND_COUNT];
    for (int k = 0; k < KIND_COUNT; k++)
        names[k] = decks[k]->name;
    assert_int_equal(session_finish(journal, game, names, KIND_COUNT, record), JOURNAL_OK);
    journal_close(journal);
    game_free(game);
    free_decks(decks);
}

/* iCalendar text unfolded and unescaped: what a calendar shows. */
static char *ics_plain(const char *ics)
{
    char *plain = malloc(strlen(ics) + 1);
    size_t n = 0;
    for (const char *p = ics; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        if (p[0] == '\\' && p[1]) {
            p++;
            plain[n++] = *p == 'n' || *p == 'N' ? '\n' : *p;
            continue;
        }
        plain[n++] = *p;
    }
    plain[n] = '\0';
    return plain;
}

/* Markdown as written: the characters that mean something escaped. */
static char *md_escaped(const char *s)
{
    char *e = malloc(2 * strlen(s) + 1);
    size_t n = 0;
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|~", *s))
            e[n++] = '\\';
        e[n++] = *s;
    }
    e[n] = '\0';
    return e;
}

static void test_texts_kept_and_exported_exactly(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/journal.db", dir);
    Record played;
    play_kept(path, &played);
    assert_int_equal(played.goal_count, 2); /* one a partner: round 2 swapped each for the same text */

    /* Back from the journal, byte for byte. */
    Journal *journal = NULL;
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(path, &ro, &journal), JOURNAL_OK);
    Record loaded;
    assert_int_equal(journal_load_game(journal, played.id, &loaded), JOURNAL_OK);
    assert_string_equal(loaded.names[0], name_a);
    assert_string_equal(loaded.names[1], name_b);
    for (size_t i = 0; i < loaded.goal_count; i++)
        assert_string_equal(loaded.goals[i].text, goal);
    JournalJourney journey;
    assert_int_equal(journal_journey(journal, name_b, name_a, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 1);
    assert_string_equal(journey.items[0].names[0], name_a);
    journal_journey_free(&journey);
    journal_close(journal);

    /* Markdown: every meta character escaped, nothing else changed. */
    char *md = export_markdown(&loaded);
    char *a = md_escaped(name_a), *b = md_escaped(name_b), *g = md_escaped(goal);
    assert_non_null(strstr(md, a));
    assert_non_null(strstr(md, b));
    assert_non_null(strstr(md, g));
    free(a);
    free(b);
    free(g);
    free(md);
    /* iCalendar: unfolded and unescaped, the same text. */
    ExportOptions opt = {.now = 1767639600};
    char *ics = export_ics(&loaded, &opt);
    char *plain = ics_plain(ics);
    assert_non_null(strstr(plain, goal));
    assert_non_null(strstr(plain, name_a));
    /* The meta characters never made a line of their own. */
    assert_null(strstr(ics, "\r\nEND:VCALENDAR\r\n\r\n"));
    int begins = 0;
    for (const char *p = ics; (p = strstr(p, "\r\nBEGIN:VEVENT\r\n")); p++)
        begins++;
    int events = 0;
    for (size_t i = 0; i < loaded.plan_count; i++)
        events += loaded.plans[i].day != RECORD_SOME_DAY;
    for (size_t i = 0; i < loaded.goal_count; i++)
        events += loaded.goals[i].day != RECORD_SOME_DAY;
    assert_int_equal(begins, events);
    free(plain);
    free(ics);

    /* The command line prints them as they are. */
    assert_int_equal(run((const char *[]){"--history", "--journal", path, NULL}), 0);
    char couple[200];
    snprintf(couple, sizeof couple, "%s & %s\n", name_a, name_b);
    assert_non_null(strstr(out, couple));
    record_free(&loaded);
    record_free(&played);
}

static char *repeat(const char *s, size_t times)
{
    size_t len = strlen(s);
    char *r = malloc(len * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(r + i * len, s, len);
    r[len * times] = '\0';
    return r;
}

static GameError new_named(const char *a, const char *b, char *why, size_t size)
{
    Deck *decks[KIND_COUNT];
    small_decks(decks);
    GameOptions opt = {.names = {a, b}};
    Game *game = NULL;
    GameError e = game_new(&opt, (const Deck *const *)decks, KIND_COUNT, 1, &game, why, size);
    game_free(game);
    free_decks(decks);
    return e;
}

/* A game at its first solo pick. */
static Game *at_solo_pick(void)
{
    Deck *decks[KIND_COUNT];
    small_decks(decks);
    Game *game = NULL;
    char why[256];
    assert_int_equal(game_new(NULL, (const Deck *const *)decks, KIND_COUNT, 1, &game, why, sizeof why), GAME_OK);
    free_decks(decks);
    for (;;) {
        GameView v;
        game_view(game, &v);
        if (v.allowed & (1u << ACTION_CUSTOM))
            return game;
        Action a;
        assert_true(game_actions(game, &a, 1) >= 1);
        assert_int_equal(game_apply(game, a), GAME_OK);
    }
}

static void test_long_empty_and_control_texts(void **state)
{
    (void)state;
    char why[256];
    char *ten_kb = repeat("x", 10 * 1024);
    assert_int_equal(new_named(ten_kb, NULL, why, sizeof why), GAME_E_NAME_LENGTH);
    assert_string_equal(why, "the first partner's name needs 1 to 40 characters");
    assert_int_equal(new_named("", NULL, why, sizeof why), GAME_E_NAME_LENGTH);
    Game *game = at_solo_pick();
    uint64_t before = game_hash(game);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_CUSTOM, .text = ten_kb}), GAME_E_GOAL_LENGTH);
    assert_int_equal(game_apply(game, (Action){.type = ACTION_CUSTOM, .text = ""}), GAME_E_GOAL_LENGTH);
    /* Every control character: C0, DEL, C1, and the Unicode line and
     * paragraph separators. */
    for (uint32_t c = 1; c < 0x2030; c++) {
        if (!(c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029))
            continue;
        char text[16];
        size_t n = 0;
        text[n++] = 'a';
        if (c < 0x80) {
            text[n++] = (char)c;
        } else if (c < 0x800) {
            text[n++] = (char)(0xC0 | c >> 6);
            text[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            text[n++] = (char)(0xE0 | c >> 12);
            text[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            text[n++] = (char)(0x80 | (c & 0x3F));
        }
        text[n++] = 'b';
        text[n] = '\0';
        assert_int_equal(new_named(text, NULL, why, sizeof why), GAME_E_NAME_TEXT);
        assert_string_equal(why, "the first partner's name must be UTF-8 text without line breaks, tabs or control "
                                 "characters");
        assert_int_equal(game_apply(game, (Action){.type = ACTION_CUSTOM, .text = text}), GAME_E_GOAL_TEXT);
    }
    assert_int_equal(game_hash(game), before);
    game_free(game);
    free(ten_kb);
}

/* ---- a journal cut short ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void test_truncated_journal(void **state)
{
    (void)state;
    char path[400], cut[420];
    snprintf(path, sizeof path, "%s/journal.db", dir);
    snprintf(cut, sizeof cut, "%s/cut.db", dir);
    Record record;
    play_kept(path, &record);
    record_free(&record);
    play_kept(path, &record);
    record_free(&record);
    size_t len;
    char *whole = slurp(path, &len);
    assert_true(len >= 8 * 4096);
    const size_t cuts[] = {1, 2, 8, 15, 16, 99, 100, 101, 4095, 4096, 4097, 2 * 4096, len / 2, len - 4096, len - 4095,
                           len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        FILE *f = fopen(cut, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(whole, 1, cuts[i], f), cuts[i]);
        assert_int_equal(fclose(f), 0);
        for (int ro = 0; ro < 2; ro++) {
            Journal *journal = NULL;
            JournalOptions opt = {.read_only = ro};
            JournalStatus st = journal_open(cut, &opt, &journal);
            /* A file too short to be a journal, said the same either way. */
            if (cuts[i] < 512)
                assert_int_equal(st, JOURNAL_E_NOT_A_DATABASE);
            if (st == JOURNAL_OK) {
                /* Opened: then nothing in it may be missing. */
                JournalJourney journey;
                JournalStatus js = journal_journey(journal, NULL, NULL, &journey);
                if (js != JOURNAL_OK || journey.count != 2)
                    print_error("cut at %zu of %zu bytes: opened, but the journey is %s\n", cuts[i], len,
                                journal_message(js));
                assert_int_equal(js, JOURNAL_OK);
                assert_int_equal(journey.count, 2);
                journal_journey_free(&journey);
                journal_close(journal);
            } else {
                if (st != JOURNAL_E_CORRUPT && st != JOURNAL_E_NOT_A_DATABASE)
                    print_error("cut at %zu of %zu bytes: %s\n", cuts[i], len, journal_message(st));
                assert_true(st == JOURNAL_E_CORRUPT || st == JOURNAL_E_NOT_A_DATABASE);
                assert_true(journal_can_start_fresh(st));
            }
            /* Never rewritten: the cut file is as it was. */
            size_t now_len;
            char *now = slurp(cut, &now_len);
            assert_int_equal(now_len, cuts[i]);
            assert_memory_equal(now, whole, cuts[i]);
            free(now);
        }
        unlink(cut);
    }
    free(whole);
}

/* ---- the command line ---- */

static void expect_usage(const char *const *args, const char *message)
{
    assert_int_equal(run(args), 2);
    char expect[600];
    snprintf(expect, sizeof expect, "tightrope: %s\nTry 'tightrope --help' for more information.\n", message);
    assert_string_equal(err, expect);
    assert_string_equal(out, "");
}

static void test_command_line(void **state)
{
    (void)state;
    const char *huge = "99999999999999999999999999999999";
    char message[300];
    /* Numbers too big for any type. */
    snprintf(message, sizeof message, "--export takes a game number (see --history) or 'last', not '%s'", huge);
    expect_usage((const char *[]){"--export", huge, "--out", dir, NULL}, message);
    expect_usage((const char *[]){"--export", "9223372036854775808", "--out", dir, NULL},
                 "--export takes a game number (see --history) or 'last', not '9223372036854775808'");
    snprintf(message, sizeof message, "--seed takes a whole number from 0 to 18446744073709551615, not '%s'", huge);
    expect_usage((const char *[]){"--script", "play.txt", "--seed", huge, NULL}, message);
    snprintf(message, sizeof message, "--simulate takes a number of games from 1 to 1000000, not '%s'", huge);
    expect_usage((const char *[]){"--simulate", huge, NULL}, message);
    /* Missing values, for every option that takes one. */
    expect_usage((const char *[]){"--font", NULL},
                 "--font needs a font file, like --font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    expect_usage((const char *[]){"--script", NULL}, "--script needs a script file, like --script play.txt");
    expect_usage((const char *[]){"--deck", NULL}, "--deck needs a deck file");
    expect_usage((const char *[]){"--script", "--seed", "1", NULL}, "--script needs a script file, like --script play.txt");
    expect_usage((const char *[]){"--history", "--journal", NULL},
                 "--journal needs a journal file, like --journal journal.db");
    expect_usage((const char *[]){"--export", "--out", NULL}, "--out needs a folder, like --out ~/Documents");
    /* Unknown ones, and an empty one. */
    expect_usage((const char *[]){"--no-such-option", NULL}, "unknown option '--no-such-option'");
    expect_usage((const char *[]){"-x", NULL}, "unknown option '-x'");
    expect_usage((const char *[]){"", NULL}, "unexpected argument ''; to check a deck, use --check FILE");
    /* A script that is not there: the file named, nothing opened. */
    char missing[400];
    snprintf(missing, sizeof missing, "%s/missing.script", dir);
    assert_int_equal(run((const char *[]){"--script", missing, NULL}), 1);
    char expect[600];
    snprintf(expect, sizeof expect, "%s: error: cannot open the script: there is no such file\n", missing);
    assert_string_equal(err, expect);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_million_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_million_same_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_texts_kept_and_exported_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_empty_and_control_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_line, setup, teardown),
    };
    return cmocka_run_group_tests_name("bad input", tests, NULL, NULL);
}
