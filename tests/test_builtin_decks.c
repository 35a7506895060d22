/* SPDX-License-Identifier: MIT */
/* The built-in decks load without a single error or warning, and hold the
 * cards the game needs: every kind in English, every level of each sharing
 * deck, rebalance cards that pull both ways, none alike. The counts the
 * writing guide asks for are test_deck_rules'; this test holds whatever
 * decks there are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"

enum { MAX_DECKS = 256 };

static char files[MAX_DECKS][256];
static Deck *decks[MAX_DECKS];
static size_t deck_count;

static int by_name(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static int load_all(void **state)
{
    (void)state;
    DIR *d = opendir(SOURCE_DIR "/decks");
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) && deck_count < MAX_DECKS) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".deck") == 0)
            snprintf(files[deck_count++], sizeof files[0], "%s", e->d_name);
    }
    closedir(d);
    qsort(files, deck_count, sizeof files[0], by_name);
    for (size_t i = 0; i < deck_count; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/decks/%s", SOURCE_DIR, files[i]);
        DeckReport report = {0};
        decks[i] = deck_load(path, &report);
        deck_check_close(decks[i], &report);
        for (size_t j = 0; j < report.count; j++)
            print_error("%s:%d:%d: %s\n", path, report.items[j].line, report.items[j].column, report.items[j].message);
        if (!decks[i] || report.errors || report.warnings)
            return -1;
        deck_report_free(&report);
    }
    return deck_count >= KIND_COUNT ? 0 : -1;
}

static int free_all(void **state)
{
    (void)state;
    for (size_t i = 0; i < deck_count; i++)
        deck_free(decks[i]);
    return 0;
}

static bool english(const Deck *d)
{
    return strcmp(d->language, "en") == 0;
}

static void test_kinds_and_languages(void **state)
{
    (void)state;
    bool english_kind[KIND_COUNT] = {false};
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *d = decks[i];
        assert_non_null(d->about);
        assert_true(english(d) || strcmp(d->language, "ja") == 0 || strcmp(d->language, "es") == 0);
        if (english(d) && !d->pack)
            english_kind[d->kind] = true;
    }
    /* English, the fallback of every other language, has every kind. */
    for (int k = 0; k < KIND_COUNT; k++)
        assert_true(english_kind[k]);
}

static void test_sharing_decks_deal_every_level(void **state)
{
    (void)state;
    for (size_t i = 0; i < deck_count; i++) {
        if (decks[i]->kind != KIND_SHARING)
            continue;
        size_t per_level[DECK_LEVELS + 1] = {0};
        for (size_t c = 0; c < decks[i]->card_count; c++)
            per_level[decks[i]->cards[c].level]++;
        for (int level = 1; level <= DECK_LEVELS; level++) {
            if (per_level[level] < 3)
                print_error("%s: %zu cards at level %d\n", files[i], per_level[level], level);
            assert_true(per_level[level] >= 3);
        }
    }
}

static void test_rebalance_pulls_both_ways(void **state)
{
    (void)state;
    for (size_t i = 0; i < deck_count; i++) {
        const Deck *deck = decks[i];
        if (deck->kind != KIND_REBALANCE)
            continue;
        size_t closer = 0, apart = 0;
        for (size_t c = 0; c < deck->card_count; c++) {
            assert_true(deck->cards[c].has_weight);
            closer += deck->cards[c].weight > 0;
            apart += deck->cards[c].weight < 0;
        }
        assert_true(closer >= 1);
        assert_true(apart >= 1);
    }
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
    for (size_t i = 0; i < deck_count; i++)
        total += decks[i]->card_count;
    char **keys = calloc(total, sizeof *keys);
    size_t n = 0;
    for (size_t i = 0; i < deck_count; i++) {
        for (size_t c = 0; c < decks[i]->card_count; c++) {
            const char *text = decks[i]->cards[c].text;
            keys[n] = malloc(DECK_CARD_MAX_CHARS * 4 + 1);
            squeeze(text, keys[n++], DECK_CARD_MAX_CHARS * 4 + 1);
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
        cmocka_unit_test(test_kinds_and_languages),
        cmocka_unit_test(test_sharing_decks_deal_every_level),
        cmocka_unit_test(test_rebalance_pulls_both_ways),
        cmocka_unit_test(test_no_two_cards_alike_across_decks),
    };
    return cmocka_run_group_tests_name("builtin decks", tests, load_all, free_all);
}
