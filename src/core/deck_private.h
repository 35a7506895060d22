/* SPDX-License-Identifier: MIT */
/* What the deck files share: the report being filled (deck.c), the set of
 * card keys seen (deck_key.c); similarity is in deck_close.c. */
#ifndef TIGHTROPE_DECK_PRIVATE_H
#define TIGHTROPE_DECK_PRIVATE_H

#include <stdint.h>

#include "deck.h"

typedef struct {
    DeckReport *report;
    size_t first; /* index of this parse's first item: sorting stays inside it */
} Reporter;

/* Adds a problem with its argument (a string or a number, as the code's
 * format wants), keeping the file's order. */
void deck_report_add(Reporter *r, DeckProblemCode code, int line, int column, const char *arg_s, int arg_d);
/* Adds a problem made already, as deck_report_add does. */
void deck_report_insert(Reporter *r, const DeckProblem *p);

/* Recognises files that are not UTF-8 text by their first bytes and says
 * what they look like (and how to save them as text); NULL otherwise. */
const char *deck_sniff_not_text(const unsigned char *d, size_t len);

/* Reading a deck as it comes, in pieces (deck_load): deck_stream_new for a
 * file of about size bytes; deck_stream_feed with what is read so far, from
 * the first byte not yet taken, returns the bytes it took (the lines that
 * end in data, all of them when final), or SIZE_MAX when the file must be
 * read whole instead (it is not text, or holds a NUL byte); then
 * deck_stream_end for the deck, as deck_parse returns it, or
 * deck_stream_abandon, which leaves the report as it was. */
typedef struct DeckStream DeckStream;
DeckStream *deck_stream_new(DeckReport *report, size_t size);
size_t deck_stream_feed(DeckStream *s, const char *data, size_t len, bool final);
Deck *deck_stream_end(DeckStream *s);
void deck_stream_abandon(DeckStream *s);
/* The cards read so far. */
size_t deck_stream_cards(const DeckStream *s);
/* A stream for a later part of the same file, of about size bytes, read
 * at the same time as first (once first has read a card, so that the
 * deck's settings are known; first may go on reading meanwhile), from a
 * line parser_part_start found; its problems are kept apart until
 * deck_stream_join adds the part, once first has read all up to it, to
 * first (freeing part), more true when other parts follow it; or
 * deck_stream_abandon_part drops it. */
DeckStream *deck_stream_part(const DeckStream *first, size_t size);
void deck_stream_join(DeckStream *first, DeckStream *part, bool more);
void deck_stream_abandon_part(DeckStream *part);

/* deck_parse, but the bytes read through a window as deck_load reads a
 * file, and in parts at once from split bytes (0: never; with 1, parts of
 * two windows are taken from each other): the tests and the fuzzer check
 * that both agree. */
Deck *deck_parse_window(const char *data, size_t len, size_t window, size_t split, DeckReport *report);

/* The values of keys (deck_value.c), each true when the value is one. */
bool deck_parse_weight(const char *s, size_t len, int *out);          /* -3 to +3, "+2" too */
bool deck_parse_level(const Deck *deck, const char *s, size_t len, int *out); /* 1-3 or a name of `levels:` */
bool deck_language_valid(const char *s, size_t len);                  /* a BCP 47 tag, by shape */
bool deck_set_level_names(Deck *deck, const char *s, size_t len);     /* `levels:`, into deck->level_names */

/* The set of cards seen, for duplicates (deck_key.c). A slot holds a key's
 * hash and the card it belongs to; the keys are not kept: when two hashes
 * agree, the earlier card's key is made again from its text and compared.
 * A slot is 8 bytes, so the table of a deck of a million cards stays small
 * enough to be mostly in the cache. */
typedef struct {
    uint32_t hash;
    uint32_t card; /* index in the deck's cards + 1; 0 for an empty slot */
} Seen, Pending;

typedef struct {
    Seen *slots;
    size_t cap, used;
    char *key, *other; /* the key of the card being checked, of an earlier one */
    size_t key_cap;
    size_t expected;   /* cards the deck may hold, to size the table once */
    uint8_t *keeps;    /* which characters folding keeps as they are (deck_key.c) */
} SeenSet;

/* The key of text (len bytes) in set->key (kept until the next call), or
 * NULL without memory; counts text's characters in *chars and the key's
 * bytes in *key_len. */
const char *deck_seen_key(SeenSet *set, const char *text, size_t len, int *chars, size_t *key_len);
/* The hash of a key of len bytes, eight bytes at a time. */
uint32_t deck_seen_hash(const char *key, size_t len);
/* The cards keys are looked for among: cards up to split, then later's
 * (a later part's cards, before it is joined). */
typedef struct {
    const Card *cards, *later;
    uint32_t split; /* UINT32_MAX: cards only */
} CardsSeen;

static inline const Card *deck_card_seen(const CardsSeen *c, uint32_t i)
{
    return i < c->split ? &c->cards[i] : &c->later[i - c->split];
}

/* Checks the card pending (its key's hash and index among cards): returns
 * the index + 1 of an earlier card with the same key, or 0 after adding it;
 * -1 without memory. Uses both key buffers. */
long deck_seen_check(SeenSet *set, const CardsSeen *cards, Pending pending);
/* deck_seen_check, but set is only read: the keys are made in scratch's
 * buffers (a SeenSet of its own, zeroed, freed with deck_seen_free), so
 * that several threads can look among the same cards at once. */
long deck_seen_find(const SeenSet *set, SeenSet *scratch, const CardsSeen *cards, Pending pending);
void deck_seen_free(SeenSet *set);

/* A card's line read the fast way, when it is plain: no tab, no two blanks
 * together, none at its end, and no character that folding changes but an
 * ASCII capital, all valid UTF-8 without control characters, ending with a
 * '\n' within avail bytes, and at most DECK_LINE_MAX_BYTES long. Then its
 * text (the line) is copied to out (room for the line and 16 bytes more),
 * and *hash is the hash of its key and *chars its length in characters:
 * returns the line's length without its '\n'. Returns 0 for any other
 * line, which the full path reads. */
size_t deck_scan_card(SeenSet *set, const char *s, size_t avail, char *out, uint32_t *hash, int *chars);

#endif
