/* SPDX-License-Identifier: MIT */
/* The built-in decks load without a single error or warning, and hold the
 * cards the game needs: enough of each kind and level, none alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"

static const struct {
    const char *file;
    CardKind kind;
    size_t min_cards;
} builtin[] = {
    {"sharing.deck", KIND_SHARING, 90},   {"planning.deck", KIND_PLANNING, 45}, {"solo.deck", KIND_SOLO, 45},
    {"support.deck", KIND_SUPPORT, 15},   {"rebalance.deck", KIND_REBALANCE, 20},
    {"sharing-ja.deck", KIND_SHARING, 30},
};
enum { BUILTIN_COUNT = sizeof builtin / sizeof *builtin };

static Deck *decks[BUILTIN_COUNT];

static int load_all(void **state)
{
    (void)state;
    for (int i = 0; i < BUILTIN_COUNT; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/decks/%s", SOURCE_DIR, builtin[i].file);
        DeckReport report = {0};
        decks[i] = deck_load(path, &report);
        for (size_t j = 0; j < report.count; j++)
            print_error("%s:%d:%d: %s\n", path, report.items[j].line, report.items[j].column, report.items[j].message);
        if (!decks[i] || report.errors || report.warnings)
            return -1;
        deck_report_free(&report);
    }
    return 0;
}

static int free_all(void **state)
{
    (void)state;
    for (int i = 0; i < BUILTIN_COUNT; i++)
        deck_free(decks[i]);
    return 0;
}

static void test_kinds_and_counts(void **state)
{
    (void)state;
    for (int i = 0; i < BUILTIN_COUNT; i++) {
        assert_int_equal(decks[i]->kind, builtin[i].kind);
        assert_true(decks[i]->card_count >= builtin[i].min_cards);
        assert_string_equal(decks[i]->language, i == BUILTIN_COUNT - 1 ? "ja" : "en");
        assert_non_null(decks[i]->about);
    }
}

static void test_sharing_has_thirty_per_level(void **state)
{
    (void)state;
    size_t per_level[DECK_LEVELS + 1] = {0};
    for (size_t c = 0; c < decks[0]->card_count; c++)
        per_level[decks[0]->cards[c].level]++;
    for (int level = 1; level <= DECK_LEVELS; level++)
        assert_true(per_level[level] >= 30);
    /* The Japanese deck is small, but deals every level too. */
    size_t ja[DECK_LEVELS + 1] = {0};
    for (size_t c = 0; c < decks[BUILTIN_COUNT - 1]->card_count; c++)
        ja[decks[BUILTIN_COUNT - 1]->cards[c].level]++;
    for (int level = 1; level <= DECK_LEVELS; level++)
        assert_true(ja[level] >= 12);
}

static void test_rebalance_pulls_both_ways(void **state)
{
    (void)state;
    size_t closer = 0, apart = 0;
    const Deck *deck = decks[4];
    for (size_t c = 0; c < deck->card_count; c++) {
        assert_true(deck->cards[c].has_weight);
        closer += deck->cards[c].weight > 0;
        apart += deck->cards[c].weight < 0;
    }
    assert_true(closer >= 8);
    assert_true(apart >= 8);
}

/* Lower-cased letters and digits, and every non-ASCII byte: catches
 * near-copies across decks in any script. */
static void squeeze(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && n + 1 < size; p++)
        if (isalnum(*p) || *p >= 0x80)
            out[n++] = (char)tolower(*p);
    out[n] = '\0';
}

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_no_two_cards_alike_across_decks(void **state)
{
    (void)state;
    size_t total = 0;
    for (int i = 0; i < BUILTIN_COUNT; i++)
        total += decks[i]->card_count;
    char **keys = calloc(total, sizeof *keys);
    size_t n = 0;
    for (int i = 0; i < BUILTIN_COUNT; i++) {
        for (size_t c = 0; c < decks[i]->card_count; c++) {
            const char *text = decks[i]->cards[c].text;
            keys[n] = malloc(DECK_CARD_MAX_CHARS + 1);
            squeeze(text, keys[n++], DECK_CARD_MAX_CHARS + 1);
        }
    }
    qsort(keys, n, sizeof *keys, compare);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(keys[i - 1], keys[i]) == 0)
            print_error("alike: %s\n", keys[i]);
        assert_string_not_equal(keys[i - 1], keys[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_and_counts),
        cmocka_unit_test(test_sharing_has_thirty_per_level),
        cmocka_unit_test(test_rebalance_pulls_both_ways),
        cmocka_unit_test(test_no_two_cards_alike_across_decks),
    };
    return cmocka_run_group_tests_name("builtin decks", tests, load_all, free_all);
}
