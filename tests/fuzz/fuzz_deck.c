/* SPDX-License-Identifier: MIT */
/* Fuzz target: the deck parser (deck_parse), and a game dealt from any deck
 * it accepts. Whatever the bytes, the parser returns a deck or a report with
 * errors, never both wrong; every problem has a place and a message; and a
 * deck it accepts plays a whole game beside small decks of the other kinds. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "deck.h"
#include "deck_private.h"
#include "../deckcmp.h"
#include "fuzz.h"
#include "fuzzgame.h"

/* Small decks of every kind, for the kinds the fuzzed deck is not. */
static const char *const others[KIND_COUNT] = {
    "deck: Talk\nkind: sharing\nlevel: 1\nS1a\nS1b\nlevel: 2\nS2a\nS2b\nlevel: 3\nS3a\nS3b\n",
    "deck: Plans\nkind: planning\nP1\nP2\nP3\nP4\n",
    "deck: Mine\nkind: solo\nO1\nO2\nO3\n",
    "deck: Help\nkind: support\nU1\nU2\nU3\n",
    "deck: Steady\nkind: rebalance\nweight: 2\nR+\nweight: -2\nR-\n",
};
static Deck *other_decks[KIND_COUNT];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int k = 0; k < KIND_COUNT; k++) {
        DeckReport report = {0};
        other_decks[k] = deck_parse(others[k], strlen(others[k]), &report);
        deck_report_free(&report);
        FUZZ_CHECK(other_decks[k]);
    }
    return 0;
}

static bool valid_utf8(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);
    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, len, &c);
        if (n <= 0)
            return false;
        p += n;
        len -= n;
    }
    return true;
}

/* The card key as Unicode defines it (full case folding and NFC through
 * utf8proc, white space collapsed; text that is not UTF-8 kept as it is):
 * deck_card_key's one-pass shortcut must give the same. */
static char *reference_key(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0)
        return strdup(s);
    char *w = (char *)out;
    bool space = true;
    for (const char *p = (const char *)out; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n') {
            if (!space)
                *w++ = ' ';
            space = true;
        } else {
            *w++ = *p;
            space = false;
        }
    }
    if (w > (char *)out && w[-1] == ' ')
        w--;
    *w = '\0';
    return (char *)out;
}

static void check_key(const char *text)
{
    char *key = deck_card_key(text), *ref = reference_key(text);
    FUZZ_CHECK(key && ref && strcmp(key, ref) == 0);
    free(key);
    free(ref);
}

static void check_report(const DeckReport *report)
{
    FUZZ_CHECK(report->count <= DECK_REPORT_MAX_ITEMS);
    FUZZ_CHECK(report->count + report->dropped == report->errors + report->warnings);
    for (size_t i = 0; i < report->count; i++) {
        const DeckProblem *p = &report->items[i];
        FUZZ_CHECK(p->code < DECK_PROBLEM_COUNT);
        FUZZ_CHECK(p->severity == deck_problem_severity(p->code));
        FUZZ_CHECK(p->line >= 0 && p->column >= 0 && (p->line > 0) == (p->column > 0));
        FUZZ_CHECK(memchr(p->message, '\0', sizeof p->message) && p->message[0]);
        if (i > 0) {
            const DeckProblem *q = &report->items[i - 1];
            FUZZ_CHECK(q->line < p->line || (q->line == p->line && q->column <= p->column));
        }
    }
}

static void check_deck(const Deck *deck)
{
    FUZZ_CHECK(deck->name && deck->name[0] && valid_utf8(deck->name));
    FUZZ_CHECK(deck->language && deck->language[0]);
    FUZZ_CHECK((unsigned)deck->kind < KIND_COUNT);
    FUZZ_CHECK(deck->card_count > 0 && deck->cards);
    for (size_t i = 0; i < deck->card_count; i++) {
        const Card *c = &deck->cards[i];
        FUZZ_CHECK(c->text && c->text[0] && valid_utf8(c->text));
        FUZZ_CHECK(c->level >= 1 && c->level <= DECK_LEVELS);
        FUZZ_CHECK(!c->has_weight || (c->weight >= DECK_WEIGHT_MIN && c->weight <= DECK_WEIGHT_MAX));
        FUZZ_CHECK(c->line >= 1);
        FUZZ_CHECK(!c->tags || valid_utf8(c->tags));
        /* Places and traits only on goals, suits only on support, each
         * within its words, never private and shareable at once. */
        FUZZ_CHECK(c->where == 0 || c->where == DECK_FIT_HOME || c->where == DECK_FIT_OUT);
        FUZZ_CHECK((c->traits & ~(unsigned)DECK_FIT_TRAITS) == 0 && (c->suits & ~(unsigned)DECK_FIT_SUITS) == 0);
        FUZZ_CHECK(deck->kind == KIND_SOLO || (c->where == 0 && c->traits == 0));
        FUZZ_CHECK(deck->kind == KIND_SUPPORT || c->suits == 0);
        FUZZ_CHECK((c->traits & (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE)) != (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE));
        FUZZ_CHECK((c->suits & DECK_FIT_WHERE) != DECK_FIT_WHERE);
        if (i < 64)
            check_key(c->text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The bytes themselves as a card's text, up to their first NUL. */
    char text[1024];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    check_key(text);

    DeckReport report = {0};
    Deck *deck = deck_parse((const char *)data, size, &report);
    check_report(&report);
    /* Read through a window, as deck_load reads a file, in pieces that end
     * anywhere, and in two parts at once, the deck and its report are the
     * same. */
    DeckReport pieces_report = {0};
    Deck *pieces = deck_parse_window((const char *)data, size, 1 + size % 61 * 7, size % 2, &pieces_report);
    char why[512];
    FUZZ_CHECK(!deckcmp(pieces, &pieces_report, deck, &report, why, sizeof why));
    deck_free(pieces);
    deck_report_free(&pieces_report);
    if (!deck) {
        FUZZ_CHECK(report.errors > 0);
        deck_report_free(&report);
        return 0;
    }
    FUZZ_CHECK(report.errors == 0);
    check_deck(deck);
    /* Close cards are warnings, in the file's order with the rest. */
    size_t errors = report.errors;
    deck_check_close(deck, &report);
    check_report(&report);
    FUZZ_CHECK(report.errors == errors);
    for (size_t i = 0; i + 1 < deck->card_count && i < 8; i++) {
        double d = deck_similarity(deck->cards[i].text, deck->cards[i + 1].text);
        FUZZ_CHECK(d >= 0 && d <= 1 && d == deck_similarity(deck->cards[i + 1].text, deck->cards[i].text));
    }
    /* The fuzzed deck in place of the small deck of its kind. */
    const Deck *decks[KIND_COUNT];
    for (int k = 0; k < KIND_COUNT; k++)
        decks[k] = k == (int)deck->kind ? deck : other_decks[k];
    GameOptions opt = {.rounds = 1 + (int)(size % GAME_ROUNDS_MAX)};
    Game *game = NULL;
    char err[256];
    GameError e = game_new(&opt, decks, KIND_COUNT, size, &game, err, sizeof err);
    /* A deck may be too small for a game: that is refused with a reason. */
    FUZZ_CHECK(e == GAME_OK || e == GAME_E_FEW_CARDS || e == GAME_E_MISSING_KIND);
    FUZZ_CHECK((e == GAME_OK) == (game != NULL) && (e == GAME_OK || err[0]));
    if (game)
        fuzzgame_play(game, data, size);
    game_free(game);
    deck_free(deck);
    deck_report_free(&report);
    return 0;
}
