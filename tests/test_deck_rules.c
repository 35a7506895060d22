/* SPDX-License-Identifier: MIT */
/* The rules of docs/WRITING.md, held over every built-in deck: openings that
 * do not repeat, few sentence-completion cards, no two cards close, the
 * themes, rebalance for every body, places for solo goals, packs that say
 * who they are for, and enough cards in English, Japanese and Spanish. Each
 * failing card is printed as file:line, so a writer can go straight to it.
 *
 * The decks are those of decks/ in the source, or of the folder named by
 * TIGHTROPE_DECKS_DIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "deck.h"

enum { MAX_DECKS = 256 };

typedef struct {
    char file[256]; /* the file's name inside the folder */
    Deck *deck;
} Builtin;

static char folder[1024];
static Builtin decks[MAX_DECKS];
static size_t deck_count;

/* ---- loading ---- */

static int by_file(const void *a, const void *b)
{
    return strcmp(((const Builtin *)a)->file, ((const Builtin *)b)->file);
}

static int load_all(void **state)
{
    (void)state;
    const char *env = getenv("TIGHTROPE_DECKS_DIR");
    snprintf(folder, sizeof folder, "%s", env && *env ? env : SOURCE_DIR "/decks");
    DIR *d = opendir(folder);
    if (!d) {
        print_error("cannot open %s\n", folder);
        return -1;
    }
    struct dirent *e;
    int status = 0;
    while ((e = readdir(d)) && deck_count < MAX_DECKS) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".deck") != 0)
            continue;
        Builtin *b = &decks[deck_count];
        snprintf(b->file, sizeof b->file, "%s", e->d_name);
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        DeckReport report = {0};
        b->deck = deck_load(path, &report);
        for (size_t i = 0; i < report.count; i++)
            if (report.items[i].severity == SEVERITY_ERROR)
                print_error("%s:%d:%d: %s\n", path, report.items[i].line, report.items[i].column,
                            report.items[i].message);
        deck_report_free(&report);
        if (!b->deck)
            status = -1;
        else
            deck_count++;
    }
    closedir(d);
    qsort(decks, deck_count, sizeof *decks, by_file);
    return status;
}

static int free_all(void **state)
{
    (void)state;
    for (size_t i = 0; i < deck_count; i++)
        deck_free(decks[i].deck);
    return 0;
}

/* ---- reporting every failure, then failing once ---- */

static size_t failures;

static void failure(const Builtin *b, int line, const char *format, ...)
{
    char message[1200];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    if (b)
        print_error("decks/%s:%d: %s\n", b->file, line, message);
    else
        print_error("decks: %s\n", message);
    failures++;
}

static void expect_no_failures(const char *rule)
{
    if (failures)
        fail_msg("%zu card%s or deck%s break%s the rule: %s", failures, failures == 1 ? "" : "s",
                 failures == 1 ? "" : "s", failures == 1 ? "s" : "", rule);
}

/* ---- helpers ---- */

static bool lang_is(const Deck *d, const char *lang)
{
    size_t n = strlen(lang);
    return strncmp(d->language, lang, n) == 0 && (d->language[n] == '\0' || d->language[n] == '-');
}

/* Languages written without spaces: openings are counted in characters. */
static bool spaceless_language(const Deck *d)
{
    return lang_is(d, "ja") || lang_is(d, "zh") || lang_is(d, "th");
}

static bool word_char(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* The opening of a card: its first three words, case and punctuation
 * folded (an apostrophe inside a word is dropped: "what's" is "whats"); in
 * a language written without spaces, its first four characters once
 * punctuation and spaces are dropped. */
static void opening(const Deck *d, const char *text, char *out, size_t size)
{
    char *key = deck_card_key(text);
    assert_non_null(key);
    bool spaceless = spaceless_language(d);
    size_t len = strlen(key), at = 0, w = 0;
    int words = 0, chars = 0;
    bool in_word = false;
    while (at < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)key + at, (utf8proc_ssize_t)(len - at), &cp);
        if (n <= 0)
            break;
        bool apostrophe = cp == '\'' || cp == 0x2019;
        if (word_char(cp)) {
            if (!spaceless && !in_word) {
                if (words == 3)
                    break;
                if (words > 0 && w + 1 < size)
                    out[w++] = ' ';
                words++;
            }
            if (spaceless && chars == 4)
                break;
            if (w + (size_t)n < size) {
                memcpy(out + w, key + at, (size_t)n);
                w += (size_t)n;
            }
            chars++;
            in_word = true;
        } else if (!(apostrophe && in_word)) {
            in_word = false;
        }
        at += (size_t)n;
    }
    out[w] = '\0';
    free(key);
}

typedef struct {
    char opening[128];
    int line;
} Opening;

static int by_opening(const void *a, const void *b)
{
    const Opening *x = a, *y = b;
    int c = strcmp(x->opening, y->opening);
    return c ? c : x->line - y->line;
}

/* ---- the rules ---- */

/* No three-word opening shared by more than max(1, 5% of the cards) of a
 * deck of 40 cards or more; under 40 cards, no opening twice. */
static void test_openings_do_not_repeat(void **state)
{
    (void)state;
    failures = 0;
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *d = decks[i].deck;
        size_t n = d->card_count;
        size_t limit = n >= 40 ? n * 5 / 100 : 1;
        if (limit < 1)
            limit = 1;
        Opening *o = calloc(n, sizeof *o);
        assert_non_null(o);
        for (size_t c = 0; c < n; c++) {
            opening(d, d->cards[c].text, o[c].opening, sizeof o[c].opening);
            o[c].line = d->cards[c].line;
        }
        qsort(o, n, sizeof *o, by_opening);
        for (size_t a = 0; a < n;) {
            size_t b = a;
            while (b < n && strcmp(o[a].opening, o[b].opening) == 0)
                b++;
            if (b - a > limit) {
                for (size_t c = a; c < b; c++)
                    failure(&decks[i], o[c].line, "opening \"%s\" is on %zu cards; this deck allows %zu", o[c].opening,
                            b - a, limit);
            }
            a = b;
        }
        free(o);
    }
    expect_no_failures("no three-word opening on more than 5% of a deck's cards (1 under 40 cards)");
}

/* Ends in "…" or "..." for the reader to finish (closing quotes aside). */
static bool sentence_completion(const char *text)
{
    size_t n = strlen(text);
    static const char *const closers[] = {"\xE3\x80\x8D", "\xE3\x80\x8F", "\xE2\x80\x9D", "\xE2\x80\x99", "\"", "'",
                                          "\xC2\xBB", " "};
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (size_t i = 0; i < sizeof closers / sizeof *closers; i++) {
            size_t k = strlen(closers[i]);
            if (n >= k && memcmp(text + n - k, closers[i], k) == 0) {
                n -= k;
                trimmed = true;
            }
        }
    }
    return (n >= 3 && memcmp(text + n - 3, "\xE2\x80\xA6", 3) == 0) || (n >= 3 && memcmp(text + n - 3, "...", 3) == 0);
}

static void test_few_sentence_completions(void **state)
{
    (void)state;
    failures = 0;
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *d = decks[i].deck;
        if (d->kind != KIND_SHARING)
            continue;
        size_t count = 0;
        for (size_t c = 0; c < d->card_count; c++)
            count += sentence_completion(d->cards[c].text);
        if (count <= 6)
            continue;
        for (size_t c = 0; c < d->card_count; c++)
            if (sentence_completion(d->cards[c].text))
                failure(&decks[i], d->cards[c].line, "one of %zu sentence-completion cards; a sharing deck has at most 6",
                        count);
    }
    expect_no_failures("at most 6 sentence-completion cards in a sharing deck");
}

/* No two built-in cards of the same language are close (deck_cards_close),
 * across every deck and kind. */
static void test_no_two_cards_close(void **state)
{
    (void)state;
    failures = 0;
    size_t total = 0;
    for (size_t i = 0; i < deck_count; i++)
        total += decks[i].deck->card_count;
    const char **texts = malloc((total + 1) * sizeof *texts);
    size_t *deck_of = malloc((total + 1) * sizeof *deck_of), *card_of = malloc((total + 1) * sizeof *card_of);
    long *close_to = malloc((total + 1) * sizeof *close_to);
    bool *done = calloc(deck_count + 1, sizeof *done);
    assert_true(texts && deck_of && card_of && close_to && done);
    for (size_t i = 0; i < deck_count; i++) {
        if (done[i])
            continue;
        /* Every deck of this language. */
        size_t n = 0;
        for (size_t j = i; j < deck_count; j++) {
            if (strcmp(decks[j].deck->language, decks[i].deck->language) != 0)
                continue;
            done[j] = true;
            for (size_t c = 0; c < decks[j].deck->card_count; c++) {
                texts[n] = decks[j].deck->cards[c].text;
                deck_of[n] = j;
                card_of[n++] = c;
            }
        }
        assert_true(deck_find_close(texts, n, close_to));
        for (size_t k = 0; k < n; k++) {
            if (close_to[k] < 0)
                continue;
            size_t o = (size_t)close_to[k];
            failure(&decks[deck_of[k]], decks[deck_of[k]].deck->cards[card_of[k]].line,
                    "close to decks/%s:%d (similarity %.2f): \"%.60s\" and \"%.60s\"", decks[deck_of[o]].file,
                    decks[deck_of[o]].deck->cards[card_of[o]].line, deck_similarity(texts[k], texts[o]), texts[k],
                    texts[o]);
        }
    }
    free(texts);
    free(deck_of);
    free(card_of);
    free(close_to);
    free(done);
    expect_no_failures("no two built-in cards of the same language close (docs/DECKS.md, Cards close to each other)");
}

/* Each theme of docs/WRITING.md on at least 6 cards of the English sharing
 * decks. */
static void test_english_themes(void **state)
{
    (void)state;
    failures = 0;
    static const char *const themes[] = {"money",  "home",   "family",    "work",     "affection",
                                         "health", "repair", "attention", "goodnews", "future"};
    for (size_t t = 0; t < sizeof themes / sizeof *themes; t++) {
        size_t count = 0;
        for (size_t i = 0; i < deck_count; i++) {
            const Deck *d = decks[i].deck;
            if (d->kind != KIND_SHARING || !lang_is(d, "en"))
                continue;
            for (size_t c = 0; c < d->card_count; c++)
                count += deck_card_has_tag(&d->cards[c], themes[t]);
        }
        if (count < 6)
            failure(NULL, 0, "the theme tag '%s' is on %zu English sharing cards; it needs at least 6", themes[t], count);
    }
    expect_no_failures("each theme on at least 6 English sharing cards");
}

/* Each rebalance deck: enough cards each way (12 in English, 8 in Japanese
 * and Spanish), and no more `touch` cards than untagged ones each way. */
static void test_rebalance_for_every_body(void **state)
{
    (void)state;
    failures = 0;
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *d = decks[i].deck;
        if (d->kind != KIND_REBALANCE)
            continue;
        size_t need = lang_is(d, "en") ? 12 : 8;
        for (int dir = 0; dir < 2; dir++) {
            size_t cards = 0, touch = 0;
            for (size_t c = 0; c < d->card_count; c++) {
                const Card *card = &d->cards[c];
                if (!card->has_weight || card->weight == 0 || (card->weight > 0) != (dir == 0))
                    continue;
                cards++;
                touch += deck_card_has_tag(card, "touch");
            }
            const char *way = dir == 0 ? "toward Together" : "toward Apart";
            if (cards < need)
                failure(&decks[i], 1, "%zu cards pull %s; a rebalance deck in this language needs %zu", cards, way, need);
            if (touch > cards - touch)
                failure(&decks[i], 1, "%zu of the %zu cards %s are tagged touch; at most as many as the untagged ones",
                        touch, cards, way);
        }
    }
    expect_no_failures("rebalance decks: 12 cards each way (8 in ja, es), touch cards no more than the others");
}

static void test_solo_cards_say_where(void **state)
{
    (void)state;
    failures = 0;
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *d = decks[i].deck;
        if (d->kind != KIND_SOLO)
            continue;
        for (size_t c = 0; c < d->card_count; c++)
            if (!d->cards[c].where)
                failure(&decks[i], d->cards[c].line, "this solo card has no 'where:' (home or out)");
    }
    expect_no_failures("every solo card has where:");
}

static void test_packs_say_who_for(void **state)
{
    (void)state;
    failures = 0;
    for (size_t i = 0; i < deck_count; i++)
        if (decks[i].deck->pack && !decks[i].deck->about)
            failure(&decks[i], 1, "this pack has no 'about:' line saying who it is for");
    expect_no_failures("every pack has about:");
}

static void test_ten_decks_and_500_english_cards(void **state)
{
    (void)state;
    failures = 0;
    size_t english = 0;
    for (size_t i = 0; i < deck_count; i++)
        if (lang_is(decks[i].deck, "en"))
            english += decks[i].deck->card_count;
    if (deck_count < 10)
        failure(NULL, 0, "%zu built-in decks; the game ships at least 10", deck_count);
    if (english < 500)
        failure(NULL, 0, "%zu English cards; the game ships at least 500", english);
    expect_no_failures("at least 10 decks and 500 English cards");
}

/* Japanese and Spanish: every kind, in decks that are not packs. */
static void test_every_kind_in_japanese_and_spanish(void **state)
{
    (void)state;
    failures = 0;
    static const char *const langs[] = {"ja", "es"};
    static const size_t need[KIND_COUNT] = {[KIND_SHARING] = 60, [KIND_PLANNING] = 30, [KIND_SOLO] = 30,
                                            [KIND_SUPPORT] = 15, [KIND_REBALANCE] = 15};
    for (size_t l = 0; l < 2; l++) {
        size_t per_kind[KIND_COUNT] = {0}, per_level[DECK_LEVELS + 1] = {0}, together = 0, apart = 0;
        for (size_t i = 0; i < deck_count; i++) {
            const Deck *d = decks[i].deck;
            if (d->pack || !lang_is(d, langs[l]))
                continue;
            per_kind[d->kind] += d->card_count;
            for (size_t c = 0; c < d->card_count; c++) {
                const Card *card = &d->cards[c];
                if (d->kind == KIND_SHARING)
                    per_level[card->level]++;
                if (d->kind == KIND_REBALANCE && card->has_weight) {
                    together += card->weight > 0;
                    apart += card->weight < 0;
                }
            }
        }
        for (int k = 0; k < KIND_COUNT; k++)
            if (per_kind[k] < need[k])
                failure(NULL, 0, "%zu %s cards in '%s'; at least %zu are needed", per_kind[k],
                        deck_kind_name((CardKind)k), langs[l], need[k]);
        for (int level = 1; level <= DECK_LEVELS; level++)
            if (per_level[level] < 15)
                failure(NULL, 0, "%zu level %d sharing cards in '%s'; at least 15 are needed", per_level[level], level,
                        langs[l]);
        if (!together && !apart)
            failure(NULL, 0, "no '%s' rebalance card pulls either way (a weight above or below 0)", langs[l]);
        else if (!together || !apart)
            failure(NULL, 0, "the '%s' rebalance cards pull %s only", langs[l], together ? "toward Together" : "toward Apart");
    }
    expect_no_failures("ja and es: sharing 60 (15 a level), planning 30, solo 30, support 15, rebalance 15 both ways");
}

/* Every solo card has at least two support cards in its language that fit
 * it (deck_support_fits). */
static void test_every_goal_has_fitting_support(void **state)
{
    (void)state;
    failures = 0;
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *d = decks[i].deck;
        if (d->kind != KIND_SOLO)
            continue;
        for (size_t c = 0; c < d->card_count; c++) {
            unsigned goal = d->cards[c].where | d->cards[c].traits;
            size_t fitting = 0;
            for (size_t j = 0; j < deck_count; j++) {
                const Deck *s = decks[j].deck;
                if (s->kind != KIND_SUPPORT || strcmp(s->language, d->language) != 0)
                    continue;
                for (size_t k = 0; k < s->card_count; k++)
                    fitting += deck_support_fits(s->cards[k].suits, goal);
            }
            if (fitting < 2)
                failure(&decks[i], d->cards[c].line, "%zu support card%s in '%s' fit this goal; at least 2 are needed",
                        fitting, fitting == 1 ? "" : "s", d->language);
        }
    }
    expect_no_failures("every solo card has at least two fitting support cards in its language");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openings_do_not_repeat),
        cmocka_unit_test(test_few_sentence_completions),
        cmocka_unit_test(test_no_two_cards_close),
        cmocka_unit_test(test_english_themes),
        cmocka_unit_test(test_rebalance_for_every_body),
        cmocka_unit_test(test_solo_cards_say_where),
        cmocka_unit_test(test_packs_say_who_for),
        cmocka_unit_test(test_ten_decks_and_500_english_cards),
        cmocka_unit_test(test_every_kind_in_japanese_and_spanish),
        cmocka_unit_test(test_every_goal_has_fitting_support),
    };
    return cmocka_run_group_tests_name("deck rules", tests, load_all, free_all);
}
