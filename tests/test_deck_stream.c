/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* mincore */
/* Tests of the deck parser's two ways of reading: deck_load reads a file
 * through a window, a piece at a time, and reads most cards' lines the fast
 * way (deck_scan_card); deck_parse reads a deck held whole. Both must give
 * the same deck and the same report, byte for byte, wherever the pieces
 * end, and the fast way must find the same duplicates as the full one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "deck.h"
#include "deckcmp.h"
#include "files.h"
#include "hugemem.h"
#include "rng.h"
#include "testutil.h"

#define HEAD "deck: Test\nkind: sharing\n"

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    if (testutil_tmpdir(tmpdir, sizeof tmpdir, "deck-stream") != 0)
        return -1;
    return 0;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return testutil_rmrf(tmpdir);
}

/* The file of len bytes at path, loaded through each window, agrees with
 * the same bytes parsed whole. */
static void loads_as_parsed(const char *path, const char *data, size_t len)
{
    static const size_t windows[] = {1, 7, 24, 41, 64, 100, 257, 1000, 4200, DECK_READ_WINDOW};
    DeckReport want = {0};
    Deck *whole = deck_parse(data, len, &want);
    for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
        DeckReport got = {0};
        /* Read in parts from the smallest file, each thread taking parts of
         * the other's as small as two windows; or in one. */
        Deck *read = deck_load_window(path, windows[w], w % 2 ? 1 : 0, &got);
        char why[512];
        const char *diff = deckcmp(read, &got, whole, &want, why, sizeof why);
        if (diff)
            fail_msg("%s through a window of %zu bytes: %s", path, windows[w], diff);
        deck_free(read);
        deck_report_free(&got);
    }
    deck_free(whole);
    deck_report_free(&want);
}

/* Writes text (len bytes) to the file name in tmpdir, its path in path. */
static void write_deck(const char *name, const char *text, size_t len, char path[512])
{
    snprintf(path, 512, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void text_loads_as_parsed(const char *name, const char *text, size_t len)
{
    char path[512];
    write_deck(name, text, len, path);
    loads_as_parsed(path, text, len);
}

static void test_every_deck_loads_as_parsed(void **state)
{
    (void)state;
    DIR *d = opendir(SOURCE_DIR "/decks");
    assert_non_null(d);
    int decks = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".deck") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/decks/%s", SOURCE_DIR, e->d_name);
        size_t len;
        FilesError fe;
        char *data = files_read(path, DECK_FILE_MAX_BYTES, &len, &fe);
        assert_non_null(data);
        loads_as_parsed(path, data, len);
        free(data);
        decks++;
    }
    closedir(d);
    assert_true(decks >= 15);
}

/* Files with every shape of line, line end and problem, whole and cut. */
static void test_odd_files_load_as_parsed(void **state)
{
    (void)state;
    static const struct {
        const char *name, *text;
    } files[] = {
        {"crlf", HEAD "One card\r\nTwo cards here\r\n    weight: 2\r\n"},
        {"cr", "deck: Test\rkind: sharing\rA card on its own line\rAnother\r"},
        {"mixed", HEAD "One\r\nTwo\rThree\nFour\r\n\r\n"},
        {"bom", "\xEF\xBB\xBF" HEAD "The first card after the mark\n"},
        {"no end", HEAD "The last card has no line end"},
        {"blanks", HEAD "Trailing blanks   \nTwo  spaces inside\n\tIndented\nTab\tinside\n \n"},
        {"capitals", HEAD "WHAT made you LAUGH today?\nwhat made you laugh today?\n"},
        {"folding", HEAD "Caf\xC3\xA9 first\nCAF\xC3\x89 FIRST\nStra\xC3\x9F" "e\nSTRASSE\n\xC4\xB0stanbul\n"
                    "Cafe\xCC\x81 first\n\xE1\x84\x80\xE1\x85\xA1 word\n\xEA\xB0\x80 word\nNo\xC2\xA0" "break\n"},
        {"controls", HEAD "A line \xE2\x80\xA8 separator\nA C1 \xC2\x85 control\nA DEL \x7F here\nBell \x07\n"},
        {"not utf8", HEAD "Good card\nBad \xC3 byte\nOverlong \xC0\xAF\nGood again\n"},
        {"nul late", HEAD "One\nTwo\nThree has a \0 NUL\nFour\n"},
        {"not text", "\xFF\xFE" "d\0e\0c\0k\0"},
        {"picture", "\xFF\xD8\xFF\xE0\nX\nab\n"}, /* split, its first part would be too short to say */
        {"bullets", HEAD "- A dash\n* A star\n\xE2\x80\xA2 A dot\n\xE2\x80\x94 A dash of another kind\n-\n"},
        {"continued", HEAD "First line\n    and its second line\n    tags: a, b\nSecond card\n    weight: -1\n"},
        {"keys", HEAD "levels: Light, Deep\nlevel: 2\nA deep card\nlevel: Light\nweight: +1\nA light card\n"
                 "why: a card that looks like a key\nkind: solo\n"},
        {"late settings", HEAD "One\nkind:\nTwo\nThree\nFour\nFive\nSix\nkind: solo\nSeven\nlevels: A, B\n"},
        {"duplicates", HEAD "Tell me about your day\nTELL me about your day\nTell me  about your day\n"
                       "Tell me about\tyour day\nTell me\n    about your day\n- Tell me about your day\n"},
        {"follow-up", HEAD "language: en\nGood news?\n    follow-up: And then what happened?\n    private: yes\n"},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t len = strlen(files[i].text);
        if (strcmp(files[i].name, "nul late") == 0)
            len = sizeof HEAD "One\nTwo\nThree has a \0 NUL\nFour\n" - 1;
        if (strcmp(files[i].name, "not text") == 0)
            len = 10;
        text_loads_as_parsed(files[i].name, files[i].text, len);
    }
    /* A line too long for the window, and one too long for a deck. */
    char *text = malloc(20000);
    assert_non_null(text);
    strcpy(text, HEAD "Short\n");
    size_t at = strlen(text);
    memset(text + at, 'a', 5000);
    strcpy(text + at + 5000, "\nShort again\n");
    text_loads_as_parsed("long", text, strlen(text));
    free(text);
}

/* Decks made of random lines of every kind: each cut at every place. */
static void test_random_decks_load_as_parsed(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "What made you smile today?", "WHAT made you smile today?", "What  made you smile today?",
        "Caf\xC3\xA9 or tea, and why?", "CAF\xC3\x89 or tea, and why?", "    and one more thing",
        "    weight: +2", "    weight: 9", "    tags: evening,, talk", "level: 2", "level: 5", "weight: -1",
        "# a comment", "", "   ", "- a bulleted card", "Tab\there", "trailing ", "\xE3\x81\x82\xE3\x81\x9F\xE3\x82\x89",
        "\xC3\x9F and SS", "a card that is somewhat longer than sixteen bytes, to cross a few words",
        "Bad \xC3 byte", "kind: solo", "    follow-up: and?", "x",
    };
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    Rng rng;
    rng_seed(&rng, 2026);
    char *text = malloc(8192);
    assert_non_null(text);
    for (int deck = 0; deck < 60; deck++) {
        strcpy(text, HEAD);
        size_t n = 1 + rng_below(&rng, 40);
        const char *end = ends[deck % 3 == 2 ? rng_below(&rng, 3) : 0];
        for (size_t i = 0; i < n; i++) {
            strcat(text, lines[rng_below(&rng, sizeof lines / sizeof *lines)]);
            strcat(text, deck % 3 == 1 ? ends[rng_below(&rng, 3)] : end);
        }
        char name[32];
        snprintf(name, sizeof name, "random-%d", deck);
        text_loads_as_parsed(name, text, strlen(text));
    }
    free(text);
}

/* A card read the fast way and one read the full way (two spaces, a tab,
 * a capital folding changes, a continuation line) are the same card. */
static void test_fast_and_full_ways_find_the_same_duplicates(void **state)
{
    (void)state;
    static const char text[] = HEAD "Tell me about your caf\xC3\xA9 today\n"  /* 3, the fast way */
                                    "TELL me about your CAF\xC3\x89 today\n"  /* 4, full: É folds */
                                    "Tell me  about your caf\xC3\xA9 today\n" /* 5, full: two spaces */
                                    "Tell me about\tyour caf\xC3\xA9 today\n" /* 6, full: a tab */
                                    "Tell me about your\n"                   /* 7, full: continued */
                                    "    caf\xC3\xA9 today\n"
                                    "TELL ME ABOUT YOUR caf\xC3\xA9 TODAY\n"; /* 9, the fast way */
    DeckReport report = {0};
    Deck *deck = deck_parse(text, sizeof text - 1, &report);
    assert_non_null(deck);
    assert_int_equal(deck->card_count, 6);
    static const int lines[] = {4, 5, 6, 7, 9};
    assert_int_equal(report.count, 5);
    for (size_t i = 0; i < report.count; i++) {
        assert_int_equal(report.items[i].code, DECK_W_DUPLICATE);
        assert_int_equal(report.items[i].line, lines[i]);
        assert_string_equal(report.items[i].message, "this card is the same as the card on line 3");
    }
    deck_free(deck);
    deck_report_free(&report);
}

/* With the report full, a problem found late (a duplicate is looked for
 * after the cards that follow it) takes the place of the last one kept when
 * it comes first in the file: the report keeps the file's first problems. */
static void test_late_problem_takes_its_place_in_a_full_report(void **state)
{
    (void)state;
    size_t bad = DECK_REPORT_MAX_ITEMS + 100;
    char *text = malloc(sizeof HEAD + 16 + bad * 16);
    assert_non_null(text);
    strcpy(text, HEAD "Same\nSame\n");
    for (size_t i = 0; i < bad; i++)
        strcat(text, "    weight: 9\n");
    DeckReport report = {0};
    assert_null(deck_parse(text, strlen(text), &report));
    assert_int_equal(report.count, DECK_REPORT_MAX_ITEMS);
    assert_int_equal(report.dropped, bad + 1 - DECK_REPORT_MAX_ITEMS);
    assert_int_equal(report.errors, bad);
    assert_int_equal(report.warnings, 1);
    assert_int_equal(report.items[0].code, DECK_W_DUPLICATE);
    assert_int_equal(report.items[0].line, 4);
    assert_int_equal(report.items[1].code, DECK_E_WEIGHT);
    assert_int_equal(report.items[1].line, 5);
    assert_int_equal(report.items[DECK_REPORT_MAX_ITEMS - 1].line, 4 + DECK_REPORT_MAX_ITEMS - 1);
    deck_report_free(&report);
    free(text);
}

/* A deck of 17 MB (read in two parts at once, its texts in big blocks, in
 * huge pages where there are any): of short cards, more than the room first
 * given to its cards, which grows; and of long ones, which fit it. A card
 * said again in the second part, twice, is the same as the first part's. */
static void big_deck_loads_as_parsed(const char *name, const char *filler)
{
    size_t cap = 17u * 1024 * 1024, len = 0, cards = 0;
    char *text = malloc(cap + 256);
    assert_non_null(text);
    len += (size_t)sprintf(text, HEAD "Same card, said again\n");
    int line = 3, again[2], agains = 0;
    while (len < cap) {
        if (agains < 2 && len > cap / 4 * 3) {
            len += (size_t)sprintf(text + len, "Same card, said again\n");
            again[agains++] = ++line;
        } else {
            len += (size_t)sprintf(text + len, "Card %zu%s\n", cards, filler);
            line++;
        }
        if (cards % 1000 == 999) {
            len += (size_t)sprintf(text + len, "    and a line more\n");
            line++;
        }
        cards++;
    }
    cards++; /* the first */
    char path[512];
    write_deck(name, text, len, path);
    DeckReport report = {0}, want = {0};
    Deck *deck = deck_load(path, &report), *whole = deck_parse(text, len, &want);
    char why[512];
    const char *diff = deckcmp(deck, &report, whole, &want, why, sizeof why);
    if (diff)
        fail_msg("%s: %s", path, diff);
    assert_non_null(deck);
    assert_int_equal(deck->card_count, cards);
    assert_int_equal(report.count, 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(report.items[i].line, again[i]);
        assert_string_equal(report.items[i].message, "this card is the same as the card on line 3");
    }
    deck_free(whole);
    deck_report_free(&want);
    deck_free(deck);
    deck_report_free(&report);
    free(text);
}

static void test_big_decks_load_as_parsed(void **state)
{
    (void)state;
    big_deck_loads_as_parsed("big-short", "?");
    big_deck_loads_as_parsed("big-long", ": what would you like the two of us to do more often, and why that?");
}

/* A big deck's big blocks are mappings of their own, on huge pages'
 * boundaries, zeroed, and given back to the system when freed (not kept in
 * the C library's heap, where a freed 50 MB deck left up to 95 MB); a
 * small block comes from malloc, zeroed too. */
static void test_big_blocks_are_mapped_apart(void **state)
{
    (void)state;
    const size_t huge = 2u * 1024 * 1024, size = 5 * huge + 100;
    unsigned char *big = hugemem_alloc(size);
    assert_non_null(big);
    assert_int_equal((uintptr_t)big % huge, 0);
    assert_int_equal(big[0] | big[size / 2] | big[size - 1], 0);
    memset(big, 0xA5, size);
    long page = sysconf(_SC_PAGESIZE);
    unsigned char in_core[8];
    assert_int_equal(mincore(big, (size_t)page, in_core), 0);
    hugemem_free(big, size);
    errno = 0;
    assert_int_equal(mincore(big, (size_t)page, in_core), -1);
    assert_int_equal(errno, ENOMEM); /* no longer mapped */
    unsigned char *small = hugemem_alloc(1000);
    assert_non_null(small);
    assert_int_equal(small[0] | small[999], 0);
    hugemem_free(small, 1000);
    hugemem_free(NULL, size);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_deck_loads_as_parsed),
        cmocka_unit_test(test_big_blocks_are_mapped_apart),
        cmocka_unit_test(test_odd_files_load_as_parsed),
        cmocka_unit_test(test_random_decks_load_as_parsed),
        cmocka_unit_test(test_fast_and_full_ways_find_the_same_duplicates),
        cmocka_unit_test(test_late_problem_takes_its_place_in_a_full_report),
        cmocka_unit_test(test_big_decks_load_as_parsed),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
