/* SPDX-License-Identifier: MIT */
#include "deckcmp.h"

#include <stdio.h>
#include <string.h>

static bool same_text(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

static const char *report_difference(const DeckReport *a, const DeckReport *b, char *buf, size_t size)
{
    if (a->errors != b->errors || a->warnings != b->warnings || a->dropped != b->dropped || a->count != b->count) {
        snprintf(buf, size, "reports of %zu errors, %zu warnings, %zu dropped, %zu kept against %zu, %zu, %zu, %zu",
                 a->errors, a->warnings, a->dropped, a->count, b->errors, b->warnings, b->dropped, b->count);
        return buf;
    }
    for (size_t i = 0; i < a->count; i++) {
        const DeckProblem *p = &a->items[i], *q = &b->items[i];
        if (p->code != q->code || p->line != q->line || p->column != q->column || strcmp(p->message, q->message)) {
            snprintf(buf, size, "problem %zu: %d at %d:%d \"%s\" against %d at %d:%d \"%s\"", i, p->code, p->line,
                     p->column, p->message, q->code, q->line, q->column, q->message);
            return buf;
        }
    }
    return NULL;
}

static bool same_card(const Card *a, const Card *b)
{
    return same_text(a->text, b->text) && same_text(a->tags, b->tags) && same_text(a->follow_up, b->follow_up) &&
           a->line == b->line && a->level == b->level && a->weight == b->weight && a->has_weight == b->has_weight &&
           a->where == b->where && a->traits == b->traits && a->suits == b->suits &&
           a->private_answer == b->private_answer;
}

const char *deckcmp(const Deck *a, const DeckReport *ra, const Deck *b, const DeckReport *rb, char *buf, size_t size)
{
    if (report_difference(ra, rb, buf, size))
        return buf;
    if ((a == NULL) != (b == NULL)) {
        snprintf(buf, size, "one deck is refused, the other is not");
        return buf;
    }
    if (!a)
        return NULL;
    if (!same_text(a->name, b->name) || !same_text(a->about, b->about) || !same_text(a->author, b->author) ||
        !same_text(a->language, b->language) || a->kind != b->kind || a->pack != b->pack) {
        snprintf(buf, size, "the decks' settings differ");
        return buf;
    }
    for (int i = 0; i < DECK_LEVELS; i++) {
        if (!same_text(a->level_names[i], b->level_names[i])) {
            snprintf(buf, size, "level %d's names differ", i + 1);
            return buf;
        }
    }
    if (a->card_count != b->card_count) {
        snprintf(buf, size, "%zu cards against %zu", a->card_count, b->card_count);
        return buf;
    }
    for (size_t i = 0; i < a->card_count; i++) {
        if (!same_card(&a->cards[i], &b->cards[i])) {
            snprintf(buf, size, "card %zu (line %d, \"%s\") differs from line %d, \"%s\"", i, a->cards[i].line,
                     a->cards[i].text, b->cards[i].line, b->cards[i].text);
            return buf;
        }
    }
    return NULL;
}
