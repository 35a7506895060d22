/* SPDX-License-Identifier: MIT */
/* The deck parser's state, shared by the parser (deck.c) and the reading of
 * a deck as it comes, in one part or two at once (deck_stream.c). */
#ifndef TIGHTROPE_DECK_PARSER_H
#define TIGHTROPE_DECK_PARSER_H

#include "deck_private.h"

/* The keys a deck file knows. */
enum {
    KEY_DECK,
    KEY_KIND,
    KEY_ABOUT,
    KEY_AUTHOR,
    KEY_LANGUAGE,
    KEY_LEVELS,
    KEY_PACK,
    KEY_LEVEL,
    KEY_WEIGHT,
    KEY_TAGS,
    KEY_WHERE,
    KEY_TRAITS,
    KEY_SUITS,
    KEY_PRIVATE,
    KEY_FOLLOW_UP,
    KEY_COUNT
};

typedef struct {
    Reporter rep;
    Deck *deck;
    size_t card_cap;
    Card *card;             /* the card lines may still add to, or NULL */
    size_t card_len;        /* the length of its text */
    size_t block;           /* the size of a block of card texts (text_room) */
    unsigned card_keys;     /* bit (1u << key) for each key the card has given */
    int key_line[KEY_COUNT];   /* line of each deck-wide key, 0 when unset */
    bool have_kind;
    int level;              /* defaults for the cards that follow */
    int weight;
    bool has_weight;
    SeenSet seen;
    bool card_hashed;       /* the card's key's hash and length are known: */
    uint32_t card_hash;     /* read the fast way (deck_scan_card) */
    int card_chars;
    Pending pending[64];    /* cards ended, their duplicates not yet looked for: they are looked
                               for 64 at a time, their slots fetched into the cache ahead (the
                               misses of a table larger than the cache cost more than the rest) */
    int pending_count;
    bool out_of_memory;
    /* A later part of a file, read at the same time as the part before
     * (deck_stream_part), after the part before has read a card (so cards
     * come before it): what that part leaves is not known yet, so */
    bool part;
    Pending *kept;          /* ...its cards unlike any before them in the part are kept, to be looked
                               for among them once joined, */
    size_t kept_count, kept_cap;
    Pending *twins;         /* ...and its others, each with the earlier card of the part it is like
                               ({earlier + 1, card + 1}), to be reported then, */
    size_t twins_count, twins_cap;
    size_t weight_known_at; /* ...cards before this one took the weight the part before left (SIZE_MAX: all), */
                            /* ...and level is 0 until a `level:` line: cards at 0 take the part before's; */
    bool give_up;           /* ...a deck's setting was met: the part is read with the part before instead */
} Parser;

/* Card texts live in blocks of TEXT_BLOCK bytes or more, one after another:
 * a deck of a million cards makes a few hundred allocations, not a million.
 * The text of the card being read is always the last in its block, so a
 * continuation line grows it in place when there is room. A deck of 16 MB
 * or more takes blocks of TEXT_BLOCK_BIG, in huge pages (hugemem.h). */
enum { TEXT_BLOCK = 256 * 1024, TEXT_BLOCK_BIG = 8 * 1024 * 1024 };

typedef struct TextBlock {
    struct TextBlock *next;
    size_t used, cap;
    char data[];
} TextBlock;

/* Gives deck's cards room for cap of them (hugemem.h), the cards kept;
 * false without memory. */
bool parser_cards_room(Deck *deck, size_t cap);

/* A card's line read the fast way (deck_scan_card), its text copied
 * straight to its place: returns the bytes it took, its '\n' included, or
 * 0 for a line parser_line must read. */
size_t parser_fast_card(Parser *p, const char *s, size_t avail, int line);
/* Any line, without its line end. */
void parser_line(Parser *p, const char *s, size_t len, int line);
/* Ends the card being read: its length is checked and it waits to be
 * looked for among the cards before (parser_settle). */
void parser_finish_card(Parser *p);
/* Looks for an earlier card like each card waiting. */
void parser_settle(Parser *p);
/* Where a later part of a deck could start in data (len bytes), read from
 * somewhere in its middle: the first line after data's first line end that
 * is a card's, at the left margin, so that no line before it belongs to
 * the card that follows; SIZE_MAX when there is none. */
size_t parser_part_start(const char *data, size_t len);

#endif
