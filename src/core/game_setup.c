/* SPDX-License-Identifier: MIT */
/* Setting a game up: checking the options and the text of names, goals and
 * cards, copying the decks' cards (each distinct card once) and starting
 * the game. */
#include "game_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utext.h"

typedef struct {
    const char *text;
    int kind; /* -1: any kind (the seen set) */
} Key;

/* A small open-addressing set of (kind, text), for duplicates and the seen
 * list; built once in game_new. */
typedef struct {
    Key *slots;
    size_t mask;
} KeySet;

static uint64_t key_hash(const char *text, int kind)
{
    uint64_t h = utext_fnv1a(UTEXT_FNV_BASIS, text, strlen(text));
    return h ^ (uint64_t)(kind + 1) * 0x9E3779B97F4A7C15ull;
}

static bool keyset_init(KeySet *set, size_t count)
{
    size_t size = 16;
    while (size < count * 2)
        size *= 2;
    set->slots = calloc(size, sizeof *set->slots);
    set->mask = size - 1;
    return set->slots != NULL;
}

/* Adds (text, kind); returns false when it was already there. */
static bool keyset_add(KeySet *set, const char *text, int kind)
{
    for (size_t i = key_hash(text, kind) & set->mask;; i = (i + 1) & set->mask) {
        Key *k = &set->slots[i];
        if (!k->text) {
            *k = (Key){text, kind};
            return true;
        }
        if (k->kind == kind && strcmp(k->text, text) == 0)
            return false;
    }
}

static bool keyset_has(const KeySet *set, const char *text, int kind)
{
    for (size_t i = key_hash(text, kind) & set->mask;; i = (i + 1) & set->mask) {
        const Key *k = &set->slots[i];
        if (!k->text)
            return false;
        if (k->kind == kind && strcmp(k->text, text) == 0)
            return true;
    }
}

/* ---- text ---- */

/* Characters (code points) in s[0..len), or -1 when it is not valid UTF-8
 * or holds a control character. *blank is set when all are white space. */
static long text_chars(const char *s, size_t len, bool *blank)
{
    long chars = 0;
    *blank = true;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = utext_decode(s + i, len - i, &cp);
        if (n <= 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            return -1;
        if (cp != ' ' && utf8proc_category(cp) != UTF8PROC_CATEGORY_ZS)
            *blank = false;
        chars++;
        i += (size_t)n;
    }
    return chars;
}

/* GAME_OK when s is a name or goal of 1..max_chars characters (at most
 * max_bytes bytes); else the length or the text error. */
GameError game_check_text(const char *s, size_t len, long max_chars, GameError length_error,
                            GameError text_error)
{
    bool blank;
    long chars = text_chars(s, len, &blank);
    if (chars < 0)
        return text_error;
    if (chars == 0 || chars > max_chars || blank)
        return length_error;
    return GAME_OK;
}

/* True when s[0..len) is card text the game can hold: UTF-8 with no NUL. */
bool game_card_text_ok(const char *s, size_t len)
{
    if (len == 0 || len > CARD_MAX_BYTES)
        return false;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = utext_decode(s + i, len - i, &cp);
        if (n <= 0 || cp == 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

/* Fills piles' offsets and sizes from the cards' pile indices. */
void game_lay_out_piles(Game *g)
{
    uint32_t off = 0;
    for (int p = 0; p < PILE_COUNT; p++) {
        g->piles[p] = (Pile){.off = off};
        for (uint32_t id = 0; id < g->card_count; id++)
            g->piles[p].n += g->cards[id].pile == p;
        off += g->piles[p].n;
    }
}

static bool card_usable(const Card *card, int kind)
{
    unsigned fit = kind == KIND_SOLO ? card->where | card->traits : kind == KIND_SUPPORT ? card->suits : 0;
    if ((kind == KIND_SOLO && (card->where & ~(unsigned)DECK_FIT_WHERE || card->traits & ~(unsigned)DECK_FIT_TRAITS)) ||
        !game_fit_valid(kind, fit))
        return false;
    if (card->follow_up && (kind != KIND_SHARING || !game_card_text_ok(card->follow_up, strlen(card->follow_up))))
        return false;
    return card->text && card->level >= 1 && card->level <= DECK_LEVELS &&
           (!card->has_weight || (card->weight >= DECK_WEIGHT_MIN && card->weight <= DECK_WEIGHT_MAX)) &&
           game_card_text_ok(card->text, strlen(card->text));
}

Game *game_alloc(uint32_t card_count, size_t text_size)
{
    Game *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->card_count = card_count;
    g->text_size = text_size;
    g->cards = calloc(card_count ? card_count : 1, sizeof *g->cards);
    g->order = calloc(card_count ? card_count : 1, sizeof *g->order);
    g->scratch = calloc(card_count ? card_count : 1, 1);
    g->text = malloc(text_size ? text_size : 1);
    if (!g->cards || !g->order || !g->scratch || !g->text) {
        game_free(g);
        return NULL;
    }
    return g;
}

/* Checks the options that do not depend on the decks; writes the rounds. */
static GameError check_options(const GameOptions *opt, int *rounds, char *err, size_t errlen)
{
    *rounds = opt->rounds ? opt->rounds : GAME_ROUNDS_DEFAULT;
    if (*rounds < GAME_ROUNDS_MIN || *rounds > GAME_ROUNDS_MAX)
        return game_fail(GAME_E_ROUNDS, NULL, err, errlen);
    for (int i = 0; i < 2; i++) {
        if ((unsigned)opt->needs[i] >= NEED_COUNT)
            return game_fail(GAME_E_NEED, NULL, err, errlen);
        const char *name = opt->names[i] ? opt->names[i] : game_default_name(i);
        size_t len = strnlen(name, NAME_MAX_BYTES + 1);
        const char *who = i == 0 ? "the first partner's name" : "the second partner's name";
        GameError e = len > NAME_MAX_BYTES
                          ? GAME_E_NAME_LENGTH
                          : game_check_text(name, len, GAME_NAME_MAX_CHARS, GAME_E_NAME_LENGTH, GAME_E_NAME_TEXT);
        if (e != GAME_OK)
            return game_fail(e, who, err, errlen);
    }
    if (opt->timer_minutes < 0 || opt->timer_minutes > GAME_TIMER_MAX_MINUTES)
        return game_fail(GAME_E_TIMER, NULL, err, errlen);
    if (opt->carried_count > GAME_CARRIED_MAX || (opt->carried_count && !opt->carried_plans))
        return game_fail(GAME_E_CARRIED, NULL, err, errlen);
    for (size_t i = 0; i < opt->carried_count; i++) {
        const char *t = opt->carried_plans[i];
        size_t len = t ? strnlen(t, CARD_MAX_BYTES + 1) : 0;
        if (len == 0 || len > CARD_MAX_BYTES || !game_card_text_ok(t, len))
            return game_fail(GAME_E_CARRIED, NULL, err, errlen);
    }
    return GAME_OK;
}

/* Fills card record r from a deck's card of kind; prefer holds its deal
 * flags (CARD_SEEN, CARD_KEPT, CARD_PASSED). */
static void fill_card(Game *g, CardRec *r, const Card *card, int kind, unsigned prefer, size_t *at)
{
    size_t len = strlen(card->text);
    r->text = (uint32_t)*at;
    r->len = (uint32_t)len;
    memcpy(g->text + *at, card->text, len + 1);
    *at += len + 1;
    if (card->follow_up) {
        size_t flen = strlen(card->follow_up);
        r->follow = (uint32_t)*at;
        r->follow_len = (uint32_t)flen;
        memcpy(g->text + *at, card->follow_up, flen + 1);
        *at += flen + 1;
    }
    r->kind = (uint8_t)kind;
    r->level = (uint8_t)card->level;
    if (card->has_weight && !(kind == KIND_REBALANCE && card->weight == 0)) {
        r->weight = (int8_t)card->weight;
        r->flags |= CARD_OWN_WEIGHT;
    } else if (kind == KIND_REBALANCE) {
        r->weight = 0;
        r->flags |= CARD_EITHER | (card->has_weight ? CARD_OWN_WEIGHT : 0);
    } else {
        r->weight = (int8_t)game_default_weight((CardKind)kind);
    }
    r->flags |= (uint8_t)(prefer & (CARD_SEEN | (kind == KIND_SHARING ? CARD_KEPT | CARD_PASSED : 0)));
    if (kind == KIND_REBALANCE && deck_card_has_tag(card, "touch"))
        r->flags |= CARD_TOUCH;
    if (kind == KIND_SOLO)
        r->fit = (uint8_t)((card->where & DECK_FIT_WHERE) | (card->traits & DECK_FIT_TRAITS));
    else if (kind == KIND_SUPPORT)
        r->fit = (uint8_t)(card->suits & DECK_FIT_SUITS);
    r->pile = (uint8_t)game_pile_index(kind, r->level, game_card_group(r));
}

/* Counts the distinct (kind, text) cards of the decks and their text,
 * checking each card; cards is left holding them. */
static GameError count_cards(const Deck *const *decks, size_t deck_count, KeySet *cards, size_t *count,
                             size_t *text_size, char *err, size_t errlen)
{
    size_t total = 0;
    for (size_t d = 0; d < deck_count; d++) {
        if (!decks[d])
            continue;
        if ((unsigned)decks[d]->kind >= KIND_COUNT)
            return game_fail(GAME_E_FEW_CARDS, "a deck in play has no valid kind", err, errlen);
        total += decks[d]->card_count;
    }
    if (!keyset_init(cards, total))
        return game_fail(GAME_E_NOMEM, NULL, err, errlen);
    *count = *text_size = 0;
    for (size_t d = 0; d < deck_count; d++) {
        for (size_t c = 0; decks[d] && c < decks[d]->card_count; c++) {
            const Card *card = &decks[d]->cards[c];
            if (!card_usable(card, (int)decks[d]->kind)) {
                char buf[200];
                snprintf(buf, sizeof buf,
                         "a card in the deck \"%.120s\" has a level, weight, text or keys the game cannot use",
                         decks[d]->name ? decks[d]->name : "?");
                return game_fail(GAME_E_FEW_CARDS, buf, err, errlen);
            }
            if (keyset_add(cards, card->text, (int)decks[d]->kind)) {
                (*count)++;
                *text_size += strlen(card->text) + 1 + (card->follow_up ? strlen(card->follow_up) + 1 : 0);
            }
        }
    }
    return *count > GAME_MAX_CARDS ? game_fail(GAME_E_TOO_MANY_CARDS, NULL, err, errlen) : GAME_OK;
}

/* The texts of opt's lists of cards seen, kept and passed, in three sets. */
static bool mark_sets(const GameOptions *opt, KeySet sets[3])
{
    const char *const *lists[3] = {opt->seen_texts, opt->kept_texts, opt->passed_texts};
    size_t counts[3] = {opt->seen_count, opt->kept_count, opt->passed_count};
    for (int s = 0; s < 3; s++) {
        if (!lists[s])
            counts[s] = 0;
        if (!keyset_init(&sets[s], counts[s]))
            return false;
        for (size_t i = 0; i < counts[s]; i++)
            if (lists[s][i])
                keyset_add(&sets[s], lists[s][i], -1);
    }
    return true;
}

/* A new game holding the decks' cards, in deck order, each distinct (kind,
 * text) once; the texts of opt's seen, kept and passed lists are marked. */
static GameError copy_cards(const GameOptions *opt, const Deck *const *decks, size_t deck_count, Game **out,
                            char *err, size_t errlen)
{
    static const unsigned flag[3] = {CARD_SEEN, CARD_KEPT, CARD_PASSED};
    KeySet cards = {0}, sets[3] = {{0}};
    size_t count = 0, text_size = 0;
    Game *g = NULL;
    GameError e = count_cards(decks, deck_count, &cards, &count, &text_size, err, errlen);
    if (e == GAME_OK && !mark_sets(opt, sets))
        e = game_fail(GAME_E_NOMEM, NULL, err, errlen);
    if (e == GAME_OK && !(g = game_alloc((uint32_t)count, text_size)))
        e = game_fail(GAME_E_NOMEM, NULL, err, errlen);
    if (e == GAME_OK) {
        memset(cards.slots, 0, (cards.mask + 1) * sizeof *cards.slots);
        uint32_t id = 0;
        size_t at = 0;
        for (size_t d = 0; d < deck_count; d++) {
            for (size_t c = 0; decks[d] && c < decks[d]->card_count; c++) {
                const Card *card = &decks[d]->cards[c];
                if (!keyset_add(&cards, card->text, (int)decks[d]->kind))
                    continue;
                unsigned prefer = 0;
                for (int s = 0; s < 3; s++)
                    if (keyset_has(&sets[s], card->text, -1))
                        prefer |= flag[s];
                fill_card(g, &g->cards[id++], card, (int)decks[d]->kind, prefer, &at);
            }
        }
    }
    free(cards.slots);
    for (int s = 0; s < 3; s++)
        free(sets[s].slots);
    *out = g;
    return e;
}

GameError game_new(const GameOptions *opt, const Deck *const *decks, size_t deck_count, uint64_t seed, Game **out,
                   char *err, size_t errlen)
{
    static const GameOptions defaults = {0};
    Game *g = NULL;
    int rounds = 0;
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!opt)
        opt = &defaults;
    GameError e = check_options(opt, &rounds, err, errlen);
    if (e == GAME_OK)
        e = copy_cards(opt, decks, deck_count, &g, err, errlen);
    if (e == GAME_OK)
        e = game_check_card_set(g, err, errlen);
    if (e != GAME_OK) {
        game_free(g);
        return e;
    }
    game_lay_out_piles(g);
    for (int i = 0; i < 2; i++) {
        snprintf(g->names[i], sizeof g->names[i], "%s", opt->names[i] ? opt->names[i] : game_default_name(i));
        g->needs[i] = (uint8_t)opt->needs[i];
    }
    g->rounds = (uint8_t)rounds;
    g->timer = (uint8_t)opt->timer_minutes;
    g->both_answer = opt->both_answer;
    g->carried_count = (uint8_t)opt->carried_count;
    for (size_t i = 0; i < opt->carried_count; i++)
        snprintf(g->carried[i], sizeof g->carried[i], "%s", opt->carried_plans[i]);
    g->middle = game_middle(opt->needs[0], opt->needs[1]);
    g->cards_hash = game_cards_digest(g);
    game_start(g, seed);
    *out = g;
    return GAME_OK;
}

void game_free(Game *game)
{
    if (!game)
        return;
    free(game->cards);
    free(game->order);
    free(game->layout);
    free(game->scratch);
    free(game->text);
    free(game);
}

