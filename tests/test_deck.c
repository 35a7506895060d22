/* SPDX-License-Identifier: MIT */
/* Tests of the deck parser: every rule of the format and every problem it
 * reports, each with its exact line, column and code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utf8proc.h>

#include "deck.h"
#include "testutil.h"

#define HEAD "deck: Test\nkind: sharing\n"

typedef struct {
    DeckProblemCode code;
    int line, column;
} Expect;

static Deck *parse(const char *text, DeckReport *report)
{
    return deck_parse(text, strlen(text), report);
}

static void expect_report(const DeckReport *report, const Expect *expect, size_t n)
{
    if (report->count != n) {
        for (size_t i = 0; i < report->count; i++)
            print_message("  got %d at %d:%d: %s\n", report->items[i].code, report->items[i].line,
                          report->items[i].column, report->items[i].message);
    }
    assert_int_equal(report->count, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(report->items[i].code, expect[i].code);
        assert_int_equal(report->items[i].line, expect[i].line);
        assert_int_equal(report->items[i].column, expect[i].column);
        assert_int_equal(report->items[i].severity, deck_problem_severity(expect[i].code));
    }
}

/* Parses text expecting exactly one problem, and checks its message. */
static void expect_one(const char *text, DeckProblemCode code, int line, int column, const char *message)
{
    DeckReport report = {0};
    Deck *deck = parse(text, &report);
    Expect e = {code, line, column};
    expect_report(&report, &e, 1);
    assert_string_equal(report.items[0].message, message);
    if (deck_problem_severity(code) == SEVERITY_ERROR)
        assert_null(deck);
    else
        assert_non_null(deck);
    deck_free(deck);
    deck_report_free(&report);
}

static Deck *parse_clean(const char *text)
{
    DeckReport report = {0};
    Deck *deck = parse(text, &report);
    expect_report(&report, NULL, 0);
    assert_non_null(deck);
    deck_report_free(&report);
    return deck;
}

/* ---- what a deck holds ---- */

static void test_minimal_deck(void **state)
{
    (void)state;
    Deck *deck = parse_clean("deck: Little Windows\nkind: sharing\nWhat made you smile today?\n");
    assert_string_equal(deck->name, "Little Windows");
    assert_int_equal(deck->kind, KIND_SHARING);
    assert_string_equal(deck->language, "en");
    assert_null(deck->about);
    assert_null(deck->author);
    assert_null(deck->level_names[0]);
    assert_int_equal(deck->card_count, 1);
    assert_string_equal(deck->cards[0].text, "What made you smile today?");
    assert_int_equal(deck->cards[0].level, 1);
    assert_false(deck->cards[0].has_weight);
    assert_null(deck->cards[0].tags);
    assert_int_equal(deck->cards[0].line, 3);
    deck_free(deck);
}

static void test_all_deck_settings(void **state)
{
    (void)state;
    Deck *deck = parse_clean("deck: Sunday\n"
                             "kind: Planning\n"
                             "about: Plans for slow days.\n"
                             "author: Sam & Alex\n"
                             "language: pt-BR\n"
                             "levels: Warm-up, Closer , Deep end\n"
                             "Walk to the river.\n");
    assert_int_equal(deck->kind, KIND_PLANNING);
    assert_string_equal(deck->about, "Plans for slow days.");
    assert_string_equal(deck->author, "Sam & Alex");
    assert_string_equal(deck->language, "pt-BR");
    assert_string_equal(deck->level_names[0], "Warm-up");
    assert_string_equal(deck->level_names[1], "Closer");
    assert_string_equal(deck->level_names[2], "Deep end");
    deck_free(deck);
}

static void test_each_kind(void **state)
{
    (void)state;
    static const char *const names[] = {"sharing", "planning", "solo", "support", "rebalance"};
    for (int k = 0; k < KIND_COUNT; k++) {
        char text[128];
        snprintf(text, sizeof text, "deck: D\nkind: %s\nA card.\n", names[k]);
        Deck *deck = parse_clean(text);
        assert_int_equal(deck->kind, k);
        assert_string_equal(deck_kind_name(deck->kind), names[k]);
        deck_free(deck);
    }
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    Deck *deck = parse_clean("# A comment first\n\n   # an indented comment\ndeck: D\n\nkind: solo\n\n"
                             "First card\n# between cards\n\t\nSecond card\n  # indented comment under a card\n");
    assert_int_equal(deck->card_count, 2);
    assert_string_equal(deck->cards[0].text, "First card");
    assert_string_equal(deck->cards[1].text, "Second card");
    assert_int_equal(deck->cards[1].line, 11);
    deck_free(deck);
}

static void test_levels_and_weights_as_defaults(void **state)
{
    (void)state;
    Deck *deck = parse_clean("deck: D\nkind: sharing\nlevels: Light, Closer, Deep\n"
                             "One\n"
                             "level: 2\nweight: -1\nTwo\n"
                             "level: deep\nThree\n"
                             "weight: +3\nlevel: 1\nFour\n");
    assert_int_equal(deck->card_count, 4);
    assert_int_equal(deck->cards[0].level, 1);
    assert_false(deck->cards[0].has_weight);
    assert_int_equal(deck->cards[1].level, 2);
    assert_true(deck->cards[1].has_weight);
    assert_int_equal(deck->cards[1].weight, -1);
    assert_int_equal(deck->cards[2].level, 3);
    assert_int_equal(deck->cards[2].weight, -1);
    assert_int_equal(deck->cards[3].level, 1);
    assert_int_equal(deck->cards[3].weight, 3);
    deck_free(deck);
}

static void test_card_fields_and_continuation(void **state)
{
    (void)state;
    Deck *deck = parse_clean(HEAD "When do you most need an evening to yourself?\n"
                                  "    And how could I tell, before you say it?\n"
                                  "\tweight: -1\n"
                                  "    level: 3\n"
                                  "    tags: rest, , boundaries ,\n"
                                  "Next\n");
    assert_int_equal(deck->card_count, 2);
    Card *c = &deck->cards[0];
    assert_string_equal(c->text, "When do you most need an evening to yourself?\nAnd how could I tell, before you say it?");
    assert_int_equal(c->weight, -1);
    assert_true(c->has_weight);
    assert_int_equal(c->level, 3);
    assert_string_equal(c->tags, "rest, boundaries");
    assert_true(deck_card_has_tag(c, "rest"));
    assert_true(deck_card_has_tag(c, "boundaries"));
    assert_false(deck_card_has_tag(c, "bound"));
    assert_false(deck_card_has_tag(c, "aries"));
    assert_false(deck_card_has_tag(c, "rest, boundaries"));
    assert_false(deck_card_has_tag(c, ""));
    assert_false(deck_card_has_tag(&deck->cards[1], "rest"));
    assert_int_equal(deck->cards[1].level, 1);
    assert_false(deck->cards[1].has_weight);
    deck_free(deck);
}

static void test_bullets_dropped(void **state)
{
    (void)state;
    Deck *deck = parse_clean(HEAD "- Dash card\n* Star card\n\xE2\x80\xA2 Bullet card\n-Not a bullet\n");
    assert_int_equal(deck->card_count, 4);
    assert_string_equal(deck->cards[0].text, "Dash card");
    assert_string_equal(deck->cards[1].text, "Star card");
    assert_string_equal(deck->cards[2].text, "Bullet card");
    assert_string_equal(deck->cards[3].text, "-Not a bullet");
    deck_free(deck);
}

static void test_line_ends_bom_and_trailing_spaces(void **state)
{
    (void)state;
    static const char *const variants[] = {
        "deck: D\nkind: solo\nOne\n    more\nTwo\n",
        "\xEF\xBB\xBF" "deck: D\r\nkind: solo\r\nOne\r\n    more\r\nTwo\r\n",
        "deck: D\rkind: solo\rOne\r    more\rTwo",
        "deck: D   \nkind: solo\t\nOne  \n    more \nTwo \t \n",
    };
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) {
        Deck *deck = parse_clean(variants[i]);
        assert_string_equal(deck->name, "D");
        assert_int_equal(deck->card_count, 2);
        assert_string_equal(deck->cards[0].text, "One\nmore");
        assert_string_equal(deck->cards[1].text, "Two");
        assert_int_equal(deck->cards[1].line, 5);
        deck_free(deck);
    }
}

static void test_unknown_key_after_first_card_is_a_card(void **state)
{
    (void)state;
    Deck *deck = parse_clean(HEAD "First\nTonight: cook something new.\n");
    assert_int_equal(deck->card_count, 2);
    assert_string_equal(deck->cards[1].text, "Tonight: cook something new.");
    deck_free(deck);
}

static void test_any_script(void **state)
{
    (void)state;
    Deck *deck = parse_clean("deck: 小さな窓\nkind: sharing\nlanguage: ja\n今日、何があなたを笑顔にしましたか？\n"
                             "ما الذي أسعدك اليوم؟\n");
    assert_string_equal(deck->name, "小さな窓");
    assert_string_equal(deck->cards[0].text, "今日、何があなたを笑顔にしましたか？");
    deck_free(deck);
}

/* ---- problems ---- */

static void test_invalid_utf8_at_its_column(void **state)
{
    (void)state;
    expect_one(HEAD "Hello \xC3\x28 there\nA card\n", DECK_E_UTF8, 3, 7,
               "this byte is not valid UTF-8; save the deck as UTF-8 text (in most editors: Save as, then "
               "Encoding: UTF-8)");
    /* Columns count characters, not bytes. */
    expect_one(HEAD "été \xFF\nA card\n", DECK_E_UTF8, 3, 5, deck_problem_format(DECK_E_UTF8));
    /* Overlong encodings and surrogates are not UTF-8 either. */
    expect_one(HEAD "a\xC0\xAF\nA card\n", DECK_E_UTF8, 3, 2, deck_problem_format(DECK_E_UTF8));
    expect_one(HEAD "ab\xED\xA0\x80\nA card\n", DECK_E_UTF8, 3, 3, deck_problem_format(DECK_E_UTF8));
}

static void test_nul_byte(void **state)
{
    (void)state;
    static const char text[] = HEAD "A card\nanother\0card\n";
    DeckReport report = {0};
    Deck *deck = deck_parse(text, sizeof text - 1, &report);
    assert_null(deck);
    Expect e = {DECK_E_NUL, 4, 8};
    expect_report(&report, &e, 1);
    assert_string_equal(report.items[0].message,
                        "a NUL byte is here, so this is not plain text; save the deck as UTF-8 text");
    deck_report_free(&report);
}

static void expect_not_text(const char *data, size_t len, const char *message)
{
    DeckReport report = {0};
    Deck *deck = deck_parse(data, len, &report);
    assert_null(deck);
    Expect e = {DECK_E_NOT_TEXT, 1, 1};
    expect_report(&report, &e, 1);
    assert_string_equal(report.items[0].message, message);
    deck_report_free(&report);
}

static void test_files_that_are_not_text(void **state)
{
    (void)state;
    static const char utf16le[] = "\xFF\xFE" "d\0e\0c\0k\0";
    static const char utf16be_nobom[] = "\0d\0e\0c\0k";
    static const char utf16le_nobom[] = "d\0e\0c\0k\0";
    static const char utf32[] = "\xFF\xFE\0\0d\0\0\0";
    const char *utf16 =
        "this file is saved as UTF-16, not UTF-8; open it in a text editor and save it again with the encoding UTF-8";
    expect_not_text(utf16le, sizeof utf16le - 1, utf16);
    expect_not_text(utf16be_nobom, sizeof utf16be_nobom - 1, utf16);
    expect_not_text(utf16le_nobom, sizeof utf16le_nobom - 1, utf16);
    expect_not_text(utf32, sizeof utf32 - 1,
                    "this file is saved as UTF-32, not UTF-8; open it in a text editor and save it again with the "
                    "encoding UTF-8");
    const char *rtf = "{\\rtf1\\ansi deck: D}";
    expect_not_text(rtf, strlen(rtf),
                    "this is a Rich Text (RTF) document, not plain text; in your editor choose Save as, then Plain "
                    "text with the encoding UTF-8");
    static const char zip[] = "PK\x03\x04\x14\0\0\0";
    expect_not_text(zip, sizeof zip - 1,
                    "this is a zip archive, such as a Word (.docx) or OpenDocument (.odt) file; save the deck as "
                    "plain text with the encoding UTF-8");
    const char *pdf = "%PDF-1.7\n";
    expect_not_text(pdf, strlen(pdf),
                    "this is a PDF document, not plain text; copy the cards into a plain text file saved as UTF-8");
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0";
    expect_not_text(png, sizeof png - 1, "this is a picture, not a text file; a deck is plain text saved as UTF-8");
    static const char doc[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0";
    expect_not_text(doc, sizeof doc - 1,
                    "this is an old Word or Office document, not plain text; save the deck as plain text with the "
                    "encoding UTF-8");
}

static void test_missing_name_and_kind(void **state)
{
    (void)state;
    expect_one("kind: sharing\nA card\n", DECK_E_NO_NAME, 1, 1,
               "the deck has no name; add a line like 'deck: Our Sunday Questions' at the top");
    expect_one("deck: D\nA card\n", DECK_E_NO_KIND, 1, 1,
               "the deck has no kind; add a line like 'kind: sharing' at the top (sharing, planning, solo, "
               "support or rebalance)");
}

static void test_unknown_kind(void **state)
{
    (void)state;
    expect_one("deck: D\nkind:   games\nA card\n", DECK_E_UNKNOWN_KIND, 2, 9,
               "'games' is not a kind of deck; use sharing, planning, solo, support or rebalance");
}

static void test_level_out_of_range(void **state)
{
    (void)state;
    expect_one(HEAD "level: 4\nA card\n", DECK_E_LEVEL, 3, 8, "'4' is not a level; use 1, 2 or 3, or a name from 'levels:'");
    expect_one(HEAD "level: 0\nA card\n", DECK_E_LEVEL, 3, 8, "'0' is not a level; use 1, 2 or 3, or a name from 'levels:'");
    expect_one(HEAD "A card\n    level: Deepest\n", DECK_E_LEVEL, 4, 12,
               "'Deepest' is not a level; use 1, 2 or 3, or a name from 'levels:'");
    /* A name only counts when `levels:` gives it. */
    expect_one(HEAD "level: Deep\nA card\n", DECK_E_LEVEL, 3, 8,
               "'Deep' is not a level; use 1, 2 or 3, or a name from 'levels:'");
}

/* `private: yes`: both partners answer the sharing card on their phones. */
static void test_private_answer_key(void **state)
{
    (void)state;
    Deck *deck = parse_clean(HEAD "One\n    private: yes\nTwo\nThree\n    private: no\n    tags: play\n");
    assert_int_equal(deck->card_count, 3);
    assert_true(deck->cards[0].private_answer);
    assert_false(deck->cards[1].private_answer);
    assert_false(deck->cards[2].private_answer);
    deck_free(deck);
    expect_one(HEAD "One\n    private: maybe\n", DECK_E_PRIVATE, 4, 14,
               "'maybe' is not yes or no; write 'private: yes' for a card both answer privately on their phones");
    expect_one(HEAD "One\n    private: yes\n    private: yes\n", DECK_E_CARD_KEY_TWICE, 5, 1,
               "'private:' is given twice for this card; keep one line");
    expect_one("deck: T\nkind: planning\nOne\n    private: yes\n", DECK_E_SHARING_ONLY, 4, 1,
               "'private:' belongs to sharing cards, and this is not a sharing deck; remove the line");
}

/* `follow-up: question`: a sharing card that invites good news, and the
 * question the listener is asked after the reader answers. */
static void test_follow_up_key(void **state)
{
    (void)state;
    Deck *deck = parse_clean(HEAD "Something that went well this week\n    follow-up: What part of that are you proudest of?\n"
                                  "Two\n    Follow-Up:   \xC2\xBF" "Y luego?  \n");
    assert_int_equal(deck->card_count, 2);
    assert_string_equal(deck->cards[0].text, "Something that went well this week");
    assert_string_equal(deck->cards[0].follow_up, "What part of that are you proudest of?");
    assert_string_equal(deck->cards[1].follow_up, "\xC2\xBF" "Y luego?");
    deck_free(deck);
    deck = parse_clean(HEAD "No question here\n");
    assert_null(deck->cards[0].follow_up);
    deck_free(deck);
    /* A hyphenated word at the start of a card is still a card. */
    deck = parse_clean(HEAD "One\nWell-being: how is yours?\n");
    assert_int_equal(deck->card_count, 2);
    assert_string_equal(deck->cards[1].text, "Well-being: how is yours?");
    deck_free(deck);
    expect_one(HEAD "One\n    follow-up:\n", DECK_E_EMPTY_VALUE, 4, 15, "'follow-up:' needs a value after the colon");
    char text[400], long_q[200];
    memset(long_q, 'a', 121);
    long_q[121] = '\0';
    snprintf(text, sizeof text, HEAD "One\n    follow-up: %s\n", long_q);
    expect_one(text, DECK_E_FOLLOW_UP_LONG, 4, 16,
               "this follow-up question is 121 characters long; it can be at most 120, on one line");
    long_q[120] = '\0';
    snprintf(text, sizeof text, HEAD "One\n    follow-up: %s\n", long_q);
    deck = parse_clean(text);
    assert_int_equal(strlen(deck->cards[0].follow_up), 120);
    deck_free(deck);
    expect_one(HEAD "One\n    follow-up: A?\n    follow-up: B?\n", DECK_E_CARD_KEY_TWICE, 5, 1,
               "'follow-up:' is given twice for this card; keep one line");
    expect_one("deck: T\nkind: planning\nOne\n    follow-up: Why?\n", DECK_E_FOLLOW_UP_ONLY, 4, 1,
               "'follow-up:' belongs to sharing cards, and this is not a sharing deck; remove the line");
    expect_one(HEAD "One\nfollow-up: Why?\n", DECK_E_CARD_KEY_UNINDENTED, 4, 1,
               "'follow-up:' belongs to one card; indent it under that card");
}

static void test_weight_out_of_range(void **state)
{
    (void)state;
    static const char *const bad[] = {"4", "-4", "+10", "2.5", "heavy", "--1", "+", "99999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[128], message[128];
        snprintf(text, sizeof text, HEAD "weight: %s\nA card\n", bad[i]);
        snprintf(message, sizeof message, "'%s' is not a weight; use a whole number from -3 to +3", bad[i]);
        expect_one(text, DECK_E_WEIGHT, 3, 9, message);
    }
    expect_one(HEAD "A card\n\tweight: 7\n", DECK_E_WEIGHT, 4, 10, "'7' is not a weight; use a whole number from -3 to +3");
    Deck *deck = parse_clean(HEAD "weight: -3\nA\nweight: +0\nB\nweight: 03\nC\n");
    assert_int_equal(deck->cards[0].weight, -3);
    assert_int_equal(deck->cards[1].weight, 0);
    assert_true(deck->cards[1].has_weight);
    assert_int_equal(deck->cards[2].weight, 3);
    deck_free(deck);
}

static void test_deck_key_after_first_card(void **state)
{
    (void)state;
    expect_one(HEAD "A card\nabout: Too late.\n", DECK_E_LATE_KEY, 4, 1,
               "'about:' describes the whole deck, so it must come before the first card");
}

static void test_deck_key_twice(void **state)
{
    (void)state;
    expect_one("deck: D\nkind: solo\ndeck: E\nA card\n", DECK_E_DUPLICATE_KEY, 3, 1,
               "'deck:' is given twice; a deck can have only one");
}

static void test_unknown_key_before_first_card_warns(void **state)
{
    (void)state;
    expect_one(HEAD "colour: teal\nA card\n", DECK_W_UNKNOWN_KEY, 3, 1,
               "'colour:' is not a setting this version knows; it is ignored");
}

static char *repeat_card(int chars)
{
    char *text = malloc(sizeof HEAD + (size_t)chars + 2);
    strcpy(text, HEAD);
    size_t at = strlen(text);
    memset(text + at, 'a', (size_t)chars);
    text[at + (size_t)chars] = '\n';
    text[at + (size_t)chars + 1] = '\0';
    return text;
}

static void test_card_length_limits(void **state)
{
    (void)state;
    char *text = repeat_card(200);
    deck_free(parse_clean(text));
    free(text);
    text = repeat_card(201);
    expect_one(text, DECK_W_CARD_LONG, 3, 1, "this card is 201 characters long; cards over 200 are shown in smaller text");
    free(text);
    text = repeat_card(500);
    expect_one(text, DECK_W_CARD_LONG, 3, 1, "this card is 500 characters long; cards over 200 are shown in smaller text");
    free(text);
    text = repeat_card(501);
    expect_one(text, DECK_E_CARD_TOO_LONG, 3, 1, "this card is 501 characters long; a card can be at most 500");
    free(text);
    /* Characters, not bytes: 150 two-byte letters are 150 characters. */
    char utf[sizeof HEAD + 302];
    strcpy(utf, HEAD);
    for (int i = 0; i < 150; i++)
        strcat(utf, "é");
    strcat(utf, "\n");
    deck_free(parse_clean(utf));
    /* Continuation lines count, with one character for each line break. */
    char joined[sizeof HEAD + 220];
    snprintf(joined, sizeof joined, HEAD "%0100d\n    %0100d\n", 0, 0);
    expect_one(joined, DECK_W_CARD_LONG, 3, 1, "this card is 201 characters long; cards over 200 are shown in smaller text");
}

static void test_line_over_4k(void **state)
{
    (void)state;
    size_t n = 4097;
    char *text = malloc(sizeof HEAD + n + 16);
    strcpy(text, HEAD "Card\n");
    size_t at = strlen(text);
    memset(text + at, 'x', n);
    strcpy(text + at + n, "\n");
    expect_one(text, DECK_E_LINE_TOO_LONG, 4, 1,
               "this line is longer than 4096 bytes; a card can be at most 500 characters");
    free(text);
}

static void test_duplicate_cards(void **state)
{
    (void)state;
    expect_one(HEAD "What is your  favourite  song?\nwhat is your favourite\tSONG?\n", DECK_W_DUPLICATE, 4, 1,
               "this card is the same as the card on line 3");
    /* Case-folding reaches beyond ASCII. */
    expect_one(HEAD "ÉTÉ À LA MER\n- été à la mer\n", DECK_W_DUPLICATE, 4, 1, "this card is the same as the card on line 3");
    /* Line breaks in a card count as white space. */
    expect_one(HEAD "Tell me\n    more\nTell me more\n", DECK_W_DUPLICATE, 5, 1, "this card is the same as the card on line 3");
}

/* Control characters and U+2028/U+2029 never pass: each is an error naming
 * its line and column, and the deck is refused. */
static void test_control_characters(void **state)
{
    (void)state;
    expect_one(HEAD "A card \033[2Jhere\nA fine card\n", DECK_E_CONTROL, 3, 8,
               "the control character U+001B is here; a deck is plain text, so remove it");
    expect_one(HEAD "Été \xe2\x80\xa8 ici\nA fine card\n", DECK_E_CONTROL, 3, 5,
               "the line separator U+2028 is here; a deck is plain text, so remove it");
    expect_one(HEAD "Para\xe2\x80\xa9graph\nA fine card\n", DECK_E_CONTROL, 3, 5,
               "the paragraph separator U+2029 is here; a deck is plain text, so remove it");
    expect_one(HEAD "Next line \xc2\x85 C1\nA fine card\n", DECK_E_CONTROL, 3, 11,
               "the control character U+0085 is here; a deck is plain text, so remove it");
    expect_one(HEAD "Bell\a\nA fine card\n", DECK_E_CONTROL, 3, 5,
               "the control character U+0007 is here; a deck is plain text, so remove it");
    expect_one(HEAD "Delete\x7f\nA fine card\n", DECK_E_CONTROL, 3, 7,
               "the control character U+007F is here; a deck is plain text, so remove it");
    /* In the name too; a tab in a card is still white space. */
    DeckReport report = {0};
    Deck *deck = parse("deck: \033[31mRed\nkind: sharing\nA card\n", &report);
    assert_null(deck);
    bool found = false;
    for (size_t i = 0; i < report.count; i++)
        found |= report.items[i].code == DECK_E_CONTROL && report.items[i].line == 1 && report.items[i].column == 7;
    assert_true(found);
    deck_report_free(&report);
    deck_free(parse_clean(HEAD "Tab\there\n"));
}

static void test_no_cards(void **state)
{
    (void)state;
    expect_one(HEAD "# only a comment\n", DECK_E_NO_CARDS, 1, 1,
               "the deck has no cards; write each card on a line of its own");
}

static void test_empty_file(void **state)
{
    (void)state;
    DeckReport report = {0};
    assert_null(deck_parse("", 0, &report));
    Expect e[] = {{DECK_E_NO_NAME, 1, 1}, {DECK_E_NO_KIND, 1, 1}, {DECK_E_NO_CARDS, 1, 1}};
    expect_report(&report, e, 3);
    deck_report_free(&report);
}

/* ---- cards close to each other ---- */

static void test_similarity(void **state)
{
    (void)state;
    const char *peace = "Tell about a time you kept a feeling to yourself to keep the peace.";
    const char *peace2 = "When did you keep a feeling to yourself, just to keep the peace?";
    const char *apart = "What helps you believe that time apart is not the same as pulling away?";
    /* {time, kept, feeling, keep, peace} and {keep, feeling, just, peace}. */
    assert_float_equal(deck_similarity(peace, peace2), 6.0 / 9.0, 1e-9);
    assert_true(deck_cards_close(peace, peace2));
    assert_true(deck_cards_close(peace2, peace));
    /* {help, believe, time, apart, pulling, away}: only "time" is shared. */
    assert_float_equal(deck_similarity(peace, apart), 2.0 / 11.0, 1e-9);
    assert_false(deck_cards_close(peace, apart));
    /* Function words have no terms, from the first to the last of the list. */
    static const char *const stop[] = {"about", "also", "cómo", "could", "cuenta", "más", "partner", "qué", "quién",
                                       "yourselves", "pareja", "finish", "sentence", "when", "vosotros"};
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        assert_float_equal(deck_similarity(stop[i], stop[i]), 0.0, 0.0);
    assert_float_equal(deck_similarity("just", "just"), 1.0, 0.0);
    /* The same card is a duplicate, not a close one. */
    assert_float_equal(deck_similarity(peace, "TELL about a time  you kept a feeling to yourself to keep the peace."), 1.0, 1e-9);
    assert_false(deck_cards_close(peace, "TELL about a time  you kept a feeling to yourself to keep the peace."));
    /* Frame words and plurals: these share {dream, future} and a plural. */
    assert_float_equal(deck_similarity("Finish the sentence: my dreams…", "Tell your partner about a dream."), 1.0, 1e-9);
    assert_false(deck_cards_close("Finish the sentence: my dreams…", "Tell your partner about a dream.")); /* one term */
    /* Japanese: pairs of characters, pairs of two hiragana left out. */
    assert_float_equal(deck_similarity("一緒にいて一番安心できるのはどんなとき？", "一緒にいて一番安心できるのは、どんな時間？"),
                       14.0 / 16.0, 1e-9);
    assert_true(deck_cards_close("一緒にいて一番安心できるのはどんなとき？", "一緒にいて一番安心できるのは、どんな時間？"));
    assert_float_equal(deck_similarity("のはどんなとき", "のはどんなとき"), 0.0, 1e-9); /* no terms */
    assert_false(deck_cards_close("家の中でいちばん落ち着く場所はどこ？", "帰り道、ついふらっと寄ってしまう場所は？"));
    /* Spanish function words do not count. */
    assert_true(deck_cards_close("¿Qué comida de tu infancia cocinarías esta semana para tu pareja?",
                                 "¿Qué comida de tu infancia te gustaría cocinar esta semana?"));
    assert_false(deck_cards_close("¿Qué te ha salido bien últimamente que casi nadie sabe?",
                                  "¿Qué parte de tu trabajo, pagado o no, se te da bien y casi nadie ve?"));
}

static void test_close_in_report(void **state)
{
    (void)state;
    const char *text = HEAD "Tell about a time you kept a feeling to yourself to keep the peace.\n"
                            "What helps you believe that time apart is not the same as pulling away?\n"
                            "When did you keep a feeling to yourself, just to keep the peace?\n"
                            "    weight: 9\n"
                            "What helps you believe that time apart is not the same as pulling away?\n";
    DeckReport report = {0};
    Deck *deck = parse(text, &report);
    assert_null(deck); /* the weight is an error */
    deck_report_free(&report);
    text = HEAD "Tell about a time you kept a feeling to yourself to keep the peace.\n"
                "What helps you believe that time apart is not the same as pulling away?\n"
                "When did you keep a feeling to yourself, just to keep the peace?\n"
                "What helps you believe that time apart is not the same as pulling away?\n"
                "Describe a time you kept a feeling to yourself to keep the peace.\n";
    deck = parse(text, &report);
    assert_non_null(deck);
    deck_check_close(deck, &report);
    Expect e[] = {{DECK_W_CLOSE, 5, 1}, {DECK_W_DUPLICATE, 6, 1}, {DECK_W_CLOSE, 7, 1}};
    expect_report(&report, e, 3);
    assert_string_equal(report.items[0].message, "this card is close to the card on line 3; do they ask the same thing?");
    /* The most alike: line 7 is the same as line 3 but for its frame word. */
    assert_string_equal(report.items[2].message, "this card is close to the card on line 3; do they ask the same thing?");
    assert_int_equal(report.warnings, 3);
    deck_free(deck);
    deck_report_free(&report);
    deck_check_close(NULL, &report); /* nothing to check */
    assert_int_equal(report.count, 0);
    /* Cards without a single term (found by fuzz_deck). */
    const char *none[] = {"One", "Two", "the", ""};
    long close_to[4] = {7, 7, 7, 7};
    assert_true(deck_find_close(none, 4, close_to));
    for (int i = 0; i < 4; i++)
        assert_int_equal(close_to[i], -1);
    assert_true(deck_find_close(none, 0, close_to));
}

/* A close pair among 200,000 cards whose words are each on many cards is
 * found, in time that grows with the cards, not their square. */
static void test_close_many_cards(void **state)
{
    (void)state;
    enum { N = 200000 };
    const char **texts = malloc(N * sizeof *texts);
    char *buf = malloc((size_t)N * 48);
    long *close_to = malloc(N * sizeof *close_to);
    assert_non_null(texts);
    assert_non_null(buf);
    assert_non_null(close_to);
    static const char *const words[] = {"kettle", "garden", "window", "letter", "market", "pillow", "ribbon", "pocket"};
    for (int i = 0; i < N; i++) {
        char *t = buf + (size_t)i * 48;
        snprintf(t, 48, "%s %s %s card %d", words[i % 8], words[(i / 8) % 8], words[(i / 64) % 8], i);
        texts[i] = t;
    }
    snprintf(buf + (size_t)(N - 1) * 48, 48, "kettle garden window card 7"); /* card 0 but for its number */
    assert_true(deck_find_close(texts, N, close_to));
    long found = 0;
    for (int i = 0; i < N; i++)
        found += close_to[i] >= 0;
    /* Only through its rare term "7" does the last card meet card 7. */
    assert_int_equal(found, 1);
    assert_int_equal(close_to[N - 1], 7);
    free(texts);
    free(buf);
    free(close_to);
}

/* ---- where:, traits:, suits: and pack: ---- */

#define SOLO "deck: Goals\nkind: solo\n"
#define SUPPORT "deck: Help\nkind: support\n"

static void test_fit_keys(void **state)
{
    (void)state;
    Deck *deck = parse_clean(SOLO "pack: yes\nPaint for an hour.\n    where: home\n    traits: Shareable, skill\n"
                                  "Call a friend.\n\twhere: OUT\n\ttraits: people, private\nRest.\n");
    assert_true(deck->pack);
    assert_int_equal(deck->card_count, 3);
    assert_int_equal(deck->cards[0].where, DECK_FIT_HOME);
    assert_int_equal(deck->cards[0].traits, DECK_FIT_SHAREABLE | DECK_FIT_SKILL);
    assert_string_equal(deck->cards[0].text, "Paint for an hour.");
    assert_int_equal(deck->cards[1].where, DECK_FIT_OUT);
    assert_int_equal(deck->cards[1].traits, DECK_FIT_PEOPLE | DECK_FIT_PRIVATE);
    assert_int_equal(deck->cards[2].where, 0);
    assert_int_equal(deck->cards[2].traits, 0);
    assert_int_equal(deck->cards[2].suits, 0);
    deck_free(deck);

    deck = parse_clean(SUPPORT "pack: No\nBe their audience.\n    suits: shareable\nWalk them out.\n    suits: out, people\n"
                               "Anything.\n    suits: any\nPlain.\n");
    assert_false(deck->pack);
    assert_int_equal(deck->cards[0].suits, DECK_FIT_SHAREABLE);
    assert_int_equal(deck->cards[1].suits, DECK_FIT_OUT | DECK_FIT_PEOPLE);
    assert_int_equal(deck->cards[2].suits, 0);
    assert_int_equal(deck->cards[3].suits, 0);
    deck_free(deck);

    /* Before, an unknown indented line was more text; these three are keys. */
    deck = parse_clean(HEAD "A card\n    wherever: you go\n");
    assert_string_equal(deck->cards[0].text, "A card\nwherever: you go");
    deck_free(deck);
}

static void test_fit_fits(void **state)
{
    (void)state;
    unsigned goal = DECK_FIT_OUT | DECK_FIT_PEOPLE;
    assert_true(deck_support_fits(0, goal));
    assert_true(deck_support_fits(0, 0));
    assert_true(deck_support_fits(DECK_FIT_OUT, goal));
    assert_true(deck_support_fits(DECK_FIT_OUT | DECK_FIT_PEOPLE, goal));
    assert_false(deck_support_fits(DECK_FIT_HOME, goal));
    assert_false(deck_support_fits(DECK_FIT_OUT | DECK_FIT_SKILL, goal));
    assert_false(deck_support_fits(DECK_FIT_OUT, 0)); /* a goal of unknown place */
    assert_false(deck_support_fits(DECK_FIT_SHAREABLE, DECK_FIT_HOME | DECK_FIT_PRIVATE));
}

static void test_fit_problems(void **state)
{
    (void)state;
    expect_one(SOLO "A goal\n    where: park\n", DECK_E_WHERE, 4, 12, "'park' is not a place; write 'where: home' or 'where: out'");
    expect_one(SOLO "A goal\n    where: home, out\n", DECK_E_WHERE, 4, 12,
               "'home, out' is not a place; write 'where: home' or 'where: out'");
    expect_one(SOLO "A goal\n    where: home\n    where: out\n", DECK_E_CARD_KEY_TWICE, 5, 1,
               "'where:' is given twice for this card; keep one line");
    expect_one(SOLO "A goal\n    traits: skill\n    traits: people\n", DECK_E_CARD_KEY_TWICE, 5, 1,
               "'traits:' is given twice for this card; keep one line");
    expect_one(SOLO "A goal\n    traits: skill, loud\n", DECK_E_TRAIT, 4, 20,
               "'loud' is not a trait; use shareable, private, skill or people, separated by commas");
    expect_one(SOLO "A goal\n    traits: private, shareable\n", DECK_E_PRIVATE_SHAREABLE, 4, 13,
               "a goal cannot be both private and shareable; keep one of the two");
    expect_one(SOLO "A goal\n    traits: skill, skill\n", DECK_W_REPEATED_VALUE, 4, 20,
               "'skill' is listed twice on this line; once is enough");
    expect_one(SOLO "A goal\n    suits: any\n", DECK_E_SUPPORT_ONLY, 4, 1,
               "'suits:' belongs to support cards, and this is not a support deck; remove the line");
    expect_one(SOLO "A goal\n    where:\n", DECK_E_EMPTY_VALUE, 4, 11, "'where:' needs a value after the colon");
    expect_one(SOLO "where: home\nA goal\n", DECK_E_CARD_KEY_UNINDENTED, 3, 1, "'where:' belongs to one card; indent it under that card");
    expect_one(SOLO "A goal\ntraits: skill\n", DECK_E_CARD_KEY_UNINDENTED, 4, 1, "'traits:' belongs to one card; indent it under that card");
    expect_one(SUPPORT "Help\n    where: home\n", DECK_E_SOLO_ONLY, 4, 1,
               "'where:' belongs to solo cards, and this is not a solo deck; remove the line");
    expect_one(HEAD "A card\n    traits: skill\n", DECK_E_SOLO_ONLY, 4, 1,
               "'traits:' belongs to solo cards, and this is not a solo deck; remove the line");
    expect_one(SUPPORT "Help\n    suits: tall\n", DECK_E_SUIT, 4, 12,
               "'tall' is not something a goal can be; use any, or home, out, shareable, skill or people, separated by commas");
    expect_one(SUPPORT "Help\n    suits: private\n", DECK_E_SUIT, 4, 12,
               "'private' is not something a goal can be; use any, or home, out, shareable, skill or people, separated by commas");
    expect_one(SUPPORT "Help\n    suits: any, out\n", DECK_E_SUITS_ANY, 4, 12,
               "'any' stands alone; write 'suits: any', or list only what a goal must be");
    expect_one(SUPPORT "Help\n    suits: home, out\n", DECK_E_SUITS_HOME_OUT, 4, 12,
               "no goal is both at home and out; to suit goals of either place, name neither");
    expect_one(SUPPORT "Help\n    suits: out\n    suits: home\n", DECK_E_CARD_KEY_TWICE, 5, 1,
               "'suits:' is given twice for this card; keep one line");
    expect_one(SUPPORT "pack: sometimes\nHelp\n", DECK_E_PACK, 3, 7,
               "'sometimes' is not yes or no; write 'pack: yes' for a themed pack or 'pack: no'");
    expect_one(SUPPORT "pack: yes\npack: no\nHelp\n", DECK_E_DUPLICATE_KEY, 4, 1, "'pack:' is given twice; a deck can have only one");
    /* A card's keys start over with each card. */
    Deck *deck = parse_clean(SOLO "A\n    where: home\nB\n    where: out\n");
    assert_int_equal(deck->cards[1].where, DECK_FIT_OUT);
    deck_free(deck);
}

static void test_other_problems(void **state)
{
    (void)state;
    expect_one("    Indented first\n" HEAD "A card\n", DECK_E_ORPHAN_INDENT, 1, 1,
               "this indented line has no card above it; remove the spaces at its start or put it under a card");
    expect_one(HEAD "level: 2\n    weight: 1\nA card\n", DECK_E_ORPHAN_INDENT, 4, 1,
               "this indented line has no card above it; remove the spaces at its start or put it under a card");
    expect_one(HEAD "tags: fun\nA card\n", DECK_E_CARD_KEY_UNINDENTED, 3, 1, "'tags:' belongs to one card; indent it under that card");
    expect_one("deck:\nkind: solo\nA card\n", DECK_E_EMPTY_VALUE, 1, 6, "'deck:' needs a value after the colon");
    expect_one(HEAD "A card\n    weight:\n", DECK_E_EMPTY_VALUE, 4, 12, "'weight:' needs a value after the colon");
    expect_one(HEAD "A card\n-   \n", DECK_E_EMPTY_CARD, 4, 1, "this card has no text after its '-'");
    expect_one(HEAD "A card\n\xE2\x80\xA2 \n", DECK_E_EMPTY_CARD, 4, 1, "this card has no text after its '\xE2\x80\xA2'");
    expect_one(HEAD "language: english!\nA card\n", DECK_E_LANGUAGE, 3, 11,
               "'english!' is not a language tag; use a code like en, de or pt-BR");
    expect_one(HEAD "levels: A, B, C, D\nA card\n", DECK_E_LEVEL_NAMES, 3, 9,
               "'levels:' takes one to three names separated by commas, like 'levels: Light, Closer, Deep'");
    expect_one(HEAD "levels: A,,C\nA card\n", DECK_E_LEVEL_NAMES, 3, 9,
               "'levels:' takes one to three names separated by commas, like 'levels: Light, Closer, Deep'");
}

static void test_every_problem_in_file_order(void **state)
{
    (void)state;
    DeckReport report = {0};
    Deck *deck = parse("deck: D\nkind: nope\nlevel: 9\nOne\n    weight: 5\nOne\nbad \xFF\nabout: x\nTwo\n", &report);
    assert_null(deck);
    Expect e[] = {
        {DECK_E_UNKNOWN_KIND, 2, 7}, {DECK_E_LEVEL, 3, 8}, {DECK_E_WEIGHT, 5, 13},
        {DECK_W_DUPLICATE, 6, 1},   {DECK_E_UTF8, 7, 5},   {DECK_E_LATE_KEY, 8, 1},
    };
    expect_report(&report, e, 6);
    assert_int_equal(report.errors, 5);
    assert_int_equal(report.warnings, 1);
    deck_report_free(&report);
}

static void test_report_keeps_a_thousand_and_counts_the_rest(void **state)
{
    (void)state;
    size_t cards = DECK_REPORT_MAX_ITEMS + 50;
    char *text = malloc(cards * 6 + 64);
    strcpy(text, HEAD);
    for (size_t i = 0; i < cards + 1; i++)
        strcat(text, "Same\n");
    DeckReport report = {0};
    Deck *deck = parse(text, &report);
    assert_non_null(deck);
    assert_int_equal(report.count, DECK_REPORT_MAX_ITEMS);
    assert_int_equal(report.dropped, 50);
    assert_int_equal(report.warnings, cards);
    deck_free(deck);
    deck_report_free(&report);
    free(text);
}

/* ---- files ---- */

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    if (testutil_tmpdir(tmpdir, sizeof tmpdir, "deck") != 0)
        return -1;
    return 0;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return testutil_rmrf(tmpdir);
}

static void expect_file_problem(const char *path, DeckProblemCode code, const char *message)
{
    DeckReport report = {0};
    assert_null(deck_load(path, &report));
    Expect e = {code, 0, 0};
    expect_report(&report, &e, 1);
    assert_string_equal(report.items[0].message, message);
    deck_report_free(&report);
}

static void test_load_file(void **state)
{
    (void)state;
    const char *path = testutil_write(tmpdir, "ok.deck", HEAD "One\nTwo\n");
    assert_non_null(path);
    DeckReport report = {0};
    Deck *deck = deck_load(path, &report);
    assert_non_null(deck);
    assert_int_equal(deck->card_count, 2);
    assert_int_equal(report.count, 0);
    deck_free(deck);
}

static void test_missing_file_and_directory(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/nothing-here.deck", tmpdir);
    expect_file_problem(path, DECK_E_OPEN, "cannot open this file: there is no file at this path");
    expect_file_problem(tmpdir, DECK_E_DIRECTORY,
                        "this is a folder, not a deck file; give the path of a .deck file inside it");
}

static void test_fifo_and_device_do_not_hang(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/pipe.deck", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_file_problem(path, DECK_E_NOT_REGULAR,
                        "this is a named pipe (FIFO), not an ordinary file; a deck must be a plain text file");
    expect_file_problem("/dev/zero", DECK_E_NOT_REGULAR,
                        "this is a device, not an ordinary file; a deck must be a plain text file");
}

static void test_symlink_loop(void **state)
{
    (void)state;
    char a[300], b[300];
    snprintf(a, sizeof a, "%s/a.deck", tmpdir);
    snprintf(b, sizeof b, "%s/b.deck", tmpdir);
    assert_int_equal(symlink(b, a), 0);
    assert_int_equal(symlink(a, b), 0);
    expect_file_problem(a, DECK_E_OPEN, "cannot open this file: it is a symbolic link that loops back on itself");
}

static void test_unreadable_file(void **state)
{
    (void)state;
    const char *path = testutil_write(tmpdir, "secret.deck", HEAD "One\n");
    assert_non_null(path);
    assert_int_equal(chmod(path, 0), 0);
    assert_int_equal(chmod(tmpdir, 0755), 0);
    /* Root reads anything, so the check runs as an unprivileged user then. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        DeckReport report = {0};
        Deck *deck = deck_load(path, &report);
        int ok = !deck && report.count == 1 && report.items[0].code == DECK_E_OPEN &&
                 strcmp(report.items[0].message, "cannot open this file: you do not have permission to read it") == 0;
        _exit(ok ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_file_too_big(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/huge.deck", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    /* Sparse: 100 MB of size without writing 100 MB. */
    assert_int_equal(fseek(f, 100L * 1024 * 1024 - 1, SEEK_SET), 0);
    fputc('\n', f);
    fclose(f);
    expect_file_problem(path, DECK_E_TOO_BIG, "the file is 100.0 MB; a deck can be at most 64 MB");
}

static void test_report_gathers_several_files(void **state)
{
    (void)state;
    DeckReport report = {0};
    assert_null(parse("deck: D\nA\n", &report));
    assert_null(parse("kind: solo\nA\n", &report));
    Expect e[] = {{DECK_E_NO_KIND, 1, 1}, {DECK_E_NO_NAME, 1, 1}};
    expect_report(&report, e, 2);
    deck_report_free(&report);
}

/* The key as Unicode defines it, by utf8proc's full case folding and NFC,
 * white space collapsed: deck_card_key's one-pass shortcut must agree. */
static char *reference_key(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
        return NULL;
    char *w = (char *)out;
    int space = 1;
    for (const char *p = (const char *)out; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n') {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *p;
            space = 0;
        }
    }
    if (w > (char *)out && w[-1] == ' ')
        w--;
    *w = '\0';
    return (char *)out;
}

static void test_card_key_agrees_with_full_folding(void **state)
{
    (void)state;
    /* Every code point, alone between ASCII, doubled, and before a
     * combining mark and a Hangul vowel it might compose with. */
    static const char *const shapes[] = {"Ab %s\tC ", "%s%s", "%s\xCC\x81x", "%s\xE1\x85\xA1", "\xE1\x84\x80%s"};
    long checked = 0;
    for (utf8proc_int32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        if (cp >= 0x40000 && cp < 0xE0000)
            cp = 0xE0000; /* planes 4 to 13 hold no character */
        utf8proc_uint8_t c[8];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, c);
        c[n] = '\0';
        for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
            char text[64];
            snprintf(text, sizeof text, shapes[i], (const char *)c, (const char *)c);
            char *key = deck_card_key(text), *ref = reference_key(text);
            assert_non_null(key);
            assert_non_null(ref);
            if (strcmp(key, ref) != 0)
                print_error("U+%04X in \"%s\": \"%s\", not \"%s\"\n", (unsigned)cp, text, key, ref);
            assert_string_equal(key, ref);
            free(key);
            free(ref);
            checked++;
        }
    }
    assert_true(checked > 1000000);
    char *key = deck_card_key("  What  MADE\tyou\n smile?  ");
    assert_string_equal(key, "what made you smile?");
    free(key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_deck),
        cmocka_unit_test(test_all_deck_settings),
        cmocka_unit_test(test_each_kind),
        cmocka_unit_test(test_comments_and_blank_lines),
        cmocka_unit_test(test_levels_and_weights_as_defaults),
        cmocka_unit_test(test_card_fields_and_continuation),
        cmocka_unit_test(test_bullets_dropped),
        cmocka_unit_test(test_line_ends_bom_and_trailing_spaces),
        cmocka_unit_test(test_unknown_key_after_first_card_is_a_card),
        cmocka_unit_test(test_any_script),
        cmocka_unit_test(test_invalid_utf8_at_its_column),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_files_that_are_not_text),
        cmocka_unit_test(test_missing_name_and_kind),
        cmocka_unit_test(test_unknown_kind),
        cmocka_unit_test(test_level_out_of_range),
        cmocka_unit_test(test_weight_out_of_range),
        cmocka_unit_test(test_deck_key_after_first_card),
        cmocka_unit_test(test_deck_key_twice),
        cmocka_unit_test(test_unknown_key_before_first_card_warns),
        cmocka_unit_test(test_card_length_limits),
        cmocka_unit_test(test_line_over_4k),
        cmocka_unit_test(test_duplicate_cards),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_card_key_agrees_with_full_folding),
        cmocka_unit_test(test_no_cards),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_other_problems),
        cmocka_unit_test(test_fit_keys),
        cmocka_unit_test(test_fit_fits),
        cmocka_unit_test(test_fit_problems),
        cmocka_unit_test(test_similarity),
        cmocka_unit_test(test_close_in_report),
        cmocka_unit_test(test_close_many_cards),
        cmocka_unit_test(test_every_problem_in_file_order),
        cmocka_unit_test(test_report_keeps_a_thousand_and_counts_the_rest),
        cmocka_unit_test(test_report_gathers_several_files),
        cmocka_unit_test_setup_teardown(test_load_file, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_missing_file_and_directory, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_fifo_and_device_do_not_hang, make_tmpdir, remove_tmpdir),
        cmocka_unit_test(test_private_answer_key),
        cmocka_unit_test(test_follow_up_key),
        cmocka_unit_test_setup_teardown(test_symlink_loop, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_unreadable_file, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_file_too_big, make_tmpdir, remove_tmpdir),
    };
    return cmocka_run_group_tests_name("deck", tests, NULL, NULL);
}
