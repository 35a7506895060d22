/* SPDX-License-Identifier: MIT */
/* Deck files: parsing a plain-text *.deck file into cards, with every problem
 * reported by line and column. The contract users write to is docs/DECKS.md. */
#ifndef TIGHTROPE_DECK_H
#define TIGHTROPE_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The five kinds of card. The order is the order of a round. */
typedef enum {
    KIND_SHARING,
    KIND_PLANNING,
    KIND_SOLO,
    KIND_SUPPORT,
    KIND_REBALANCE,
    KIND_COUNT
} CardKind;

enum {
    DECK_LEVELS = 3,             /* levels run 1..DECK_LEVELS */
    DECK_WEIGHT_MIN = -3,
    DECK_WEIGHT_MAX = 3,
    DECK_CARD_SOFT_CHARS = 200,  /* longer cards get a warning */
    DECK_CARD_MAX_CHARS = 500,   /* longer cards are an error */
    DECK_FOLLOW_UP_MAX_CHARS = 120, /* a `follow-up:` question is one line of at most this many characters */
    DECK_LINE_MAX_BYTES = 4096,
    DECK_FILE_MAX_BYTES = 64 * 1024 * 1024,
    DECK_REPORT_MAX_ITEMS = 1000, /* problems kept in full; the rest are counted */
    DECK_CLOSE_PERCENT = 60,      /* cards are close from this Dice similarity (in %)... */
    DECK_CLOSE_MIN_SHARED = 3,    /* ...when they share at least this many terms */
    DECK_CLOSE_COMMON = 100       /* a term on more cards than this brings no two together */
};

/* What a goal is, and what a support card asks of a goal, as bits of one
 * set. A solo card's `where:` gives DECK_FIT_HOME or DECK_FIT_OUT and its
 * `traits:` the others; a support card's `suits:` lists the bits a goal
 * must have (none: it suits every goal). See deck_support_fits. */
enum {
    DECK_FIT_HOME = 1u << 0,
    DECK_FIT_OUT = 1u << 1,
    DECK_FIT_SHAREABLE = 1u << 2,
    DECK_FIT_PRIVATE = 1u << 3,
    DECK_FIT_SKILL = 1u << 4,
    DECK_FIT_PEOPLE = 1u << 5,
    DECK_FIT_WHERE = DECK_FIT_HOME | DECK_FIT_OUT,
    DECK_FIT_TRAITS = DECK_FIT_SHAREABLE | DECK_FIT_PRIVATE | DECK_FIT_SKILL | DECK_FIT_PEOPLE,
    DECK_FIT_SUITS = DECK_FIT_WHERE | DECK_FIT_SHAREABLE | DECK_FIT_SKILL | DECK_FIT_PEOPLE,
    DECK_FIT_ALL = DECK_FIT_WHERE | DECK_FIT_TRAITS
};

typedef struct {
    char *text;      /* UTF-8; continuation lines joined with '\n' */
    char *tags;      /* "a, b, c" or NULL */
    char *follow_up; /* sharing: `follow-up:`, a question for the listener after good news; NULL when absent */
    int line;        /* line of the card in its file, 1-based */
    /* Small fields, kept small: a deck of a million cards holds a million
     * of these. */
    uint8_t where;   /* solo: DECK_FIT_HOME, DECK_FIT_OUT, or 0 without `where:` */
    uint8_t traits;  /* solo: DECK_FIT_SHAREABLE, _PRIVATE, _SKILL, _PEOPLE bits */
    uint8_t suits;   /* support: the bits a goal must have; 0 for `any` or none */
    int8_t level;    /* 1..DECK_LEVELS */
    int8_t weight;   /* meaningful only when has_weight */
    bool has_weight; /* false: the engine applies the kind's default */
    bool private_answer; /* sharing: `private: yes`, answered privately on phones */
} Card;

typedef struct {
    char *name;                     /* `deck:` */
    char *about, *author;           /* NULL when absent */
    char *language;                 /* `language:`, "en" when absent */
    char *level_names[DECK_LEVELS]; /* NULL when `levels:` is absent */
    bool pack;                      /* `pack: yes`: a themed pack, off until chosen */
    CardKind kind;
    Card *cards;
    size_t card_count;
    size_t cards_room; /* the bytes the parser gave cards (hugemem.h); 0 when malloc gave them */
    void *texts; /* the blocks the cards' texts live in, freed by deck_free */
} Deck;

/* One list makes the problem codes, their severities and their messages.
 * Messages are printf formats taking at most one string or int argument,
 * as noted in the last column. */
#define DECK_PROBLEM_LIST(X)                                                                          \
    X(DECK_E_OPEN, ERROR, "cannot open this file: %s")                                              \
    X(DECK_E_DIRECTORY, ERROR, "this is a folder, not a deck file; give the path of a .deck file inside it") \
    X(DECK_E_NOT_REGULAR, ERROR, "this is a %s, not an ordinary file; a deck must be a plain text file") \
    X(DECK_E_TOO_BIG, ERROR, "the file is %s; a deck can be at most 64 MB")                          \
    X(DECK_E_READ, ERROR, "the file could not be read to the end: %s")                               \
    X(DECK_E_NOT_TEXT, ERROR, "%s")                                                                   \
    X(DECK_E_NUL, ERROR, "a NUL byte is here, so this is not plain text; save the deck as UTF-8 text") \
    X(DECK_E_UTF8, ERROR, "this byte is not valid UTF-8; save the deck as UTF-8 text (in most editors: Save as, then Encoding: UTF-8)") \
    X(DECK_E_CONTROL, ERROR, "%s is here; a deck is plain text, so remove it") \
    X(DECK_E_LINE_TOO_LONG, ERROR, "this line is longer than 4096 bytes; a card can be at most 500 characters") \
    X(DECK_E_NO_NAME, ERROR, "the deck has no name; add a line like 'deck: Our Sunday Questions' at the top") \
    X(DECK_E_NO_KIND, ERROR, "the deck has no kind; add a line like 'kind: sharing' at the top (sharing, planning, solo, support or rebalance)") \
    X(DECK_E_UNKNOWN_KIND, ERROR, "'%s' is not a kind of deck; use sharing, planning, solo, support or rebalance") \
    X(DECK_E_EMPTY_VALUE, ERROR, "'%s:' needs a value after the colon")                              \
    X(DECK_E_DUPLICATE_KEY, ERROR, "'%s:' is given twice; a deck can have only one")                  \
    X(DECK_E_LATE_KEY, ERROR, "'%s:' describes the whole deck, so it must come before the first card") \
    X(DECK_E_LEVEL, ERROR, "'%s' is not a level; use 1, 2 or 3, or a name from 'levels:'")            \
    X(DECK_E_WEIGHT, ERROR, "'%s' is not a weight; use a whole number from -3 to +3")                 \
    X(DECK_E_LANGUAGE, ERROR, "'%s' is not a language tag; use a code like en, de or pt-BR")         \
    X(DECK_E_LEVEL_NAMES, ERROR, "'levels:' takes one to three names separated by commas, like 'levels: Light, Closer, Deep'") \
    X(DECK_E_CARD_KEY_UNINDENTED, ERROR, "'%s:' belongs to one card; indent it under that card")          \
    X(DECK_E_PACK, ERROR, "'%s' is not yes or no; write 'pack: yes' for a themed pack or 'pack: no'")   \
    X(DECK_E_SOLO_ONLY, ERROR, "'%s:' belongs to solo cards, and this is not a solo deck; remove the line") \
    X(DECK_E_SUPPORT_ONLY, ERROR, "'suits:' belongs to support cards, and this is not a support deck; remove the line") \
    X(DECK_E_SHARING_ONLY, ERROR, "'private:' belongs to sharing cards, and this is not a sharing deck; remove the line") \
    X(DECK_E_FOLLOW_UP_ONLY, ERROR, "'follow-up:' belongs to sharing cards, and this is not a sharing deck; remove the line") \
    X(DECK_E_FOLLOW_UP_LONG, ERROR, "this follow-up question is %d characters long; it can be at most 120, on one line") \
    X(DECK_E_PRIVATE, ERROR, "'%s' is not yes or no; write 'private: yes' for a card both answer privately on their phones") \
    X(DECK_E_CARD_KEY_TWICE, ERROR, "'%s:' is given twice for this card; keep one line")              \
    X(DECK_E_WHERE, ERROR, "'%s' is not a place; write 'where: home' or 'where: out'")                \
    X(DECK_E_TRAIT, ERROR, "'%s' is not a trait; use shareable, private, skill or people, separated by commas") \
    X(DECK_E_PRIVATE_SHAREABLE, ERROR, "a goal cannot be both private and shareable; keep one of the two") \
    X(DECK_E_SUIT, ERROR, "'%s' is not something a goal can be; use any, or home, out, shareable, skill or people, separated by commas") \
    X(DECK_E_SUITS_ANY, ERROR, "'any' stands alone; write 'suits: any', or list only what a goal must be") \
    X(DECK_E_SUITS_HOME_OUT, ERROR, "no goal is both at home and out; to suit goals of either place, name neither") \
    X(DECK_E_ORPHAN_INDENT, ERROR, "this indented line has no card above it; remove the spaces at its start or put it under a card") \
    X(DECK_E_EMPTY_CARD, ERROR, "this card has no text after its '%s'")                               \
    X(DECK_E_CARD_TOO_LONG, ERROR, "this card is %d characters long; a card can be at most 500")      \
    X(DECK_E_NO_CARDS, ERROR, "the deck has no cards; write each card on a line of its own")          \
    X(DECK_W_UNKNOWN_KEY, WARNING, "'%s:' is not a setting this version knows; it is ignored")        \
    X(DECK_W_CARD_LONG, WARNING, "this card is %d characters long; cards over 200 are shown in smaller text") \
    X(DECK_W_REPEATED_VALUE, WARNING, "'%s' is listed twice on this line; once is enough")            \
    X(DECK_W_DUPLICATE, WARNING, "this card is the same as the card on line %d")                    \
    X(DECK_W_CLOSE, WARNING, "this card is close to the card on line %d; do they ask the same thing?")

typedef enum {
#define DECK_PROBLEM_ENUM(code, severity, message) code,
    DECK_PROBLEM_LIST(DECK_PROBLEM_ENUM)
#undef DECK_PROBLEM_ENUM
    DECK_PROBLEM_COUNT
} DeckProblemCode;

typedef enum { SEVERITY_WARNING, SEVERITY_ERROR } Severity;

typedef struct {
    DeckProblemCode code;
    Severity severity;
    int line;          /* 1-based; 0 when the problem concerns the whole file */
    int column;        /* 1-based, counted in characters; 0 with line 0 */
    char message[320]; /* the message with its argument filled in */
} DeckProblem;

/* Every problem found in one file, in the order of the file. */
typedef struct {
    DeckProblem *items;
    size_t count;         /* items kept, at most DECK_REPORT_MAX_ITEMS */
    size_t dropped;       /* problems found beyond that */
    size_t errors, warnings; /* totals, including dropped ones */
} DeckReport;

/* Reads and parses the deck file at path. Returns a deck the caller frees
 * with deck_free, or NULL when the file has any error. Every problem found,
 * warnings included, is appended to report (which must be zeroed or already
 * in use). Never blocks on a FIFO or device and never exits. */
Deck *deck_load(const char *path, DeckReport *report);

/* deck_load reads a file through a window of DECK_READ_WINDOW bytes,
 * parsing its lines as they come, and a file of DECK_SPLIT_BYTES or more
 * in parts at once, on two threads, where there are two processors: from
 * the start and from the middle, a thread done with its part taking half
 * of what the other has left while a quarter of DECK_SPLIT_BYTES is left.
 * deck_load_window, with another window and split (0: never), is for tests. */
enum { DECK_READ_WINDOW = 256 * 1024, DECK_SPLIT_BYTES = 4 * 1024 * 1024 };
Deck *deck_load_window(const char *path, size_t window, size_t split, DeckReport *report);

/* Parses a deck held in memory (len bytes, need not be NUL-terminated).
 * Same contract as deck_load. */
Deck *deck_parse(const char *data, size_t len, DeckReport *report);

/* Frees a deck from deck_load or deck_parse. NULL is fine. */
void deck_free(Deck *deck);

/* Frees the problems held by report and zeroes it. */
void deck_report_free(DeckReport *report);

/* The key two cards are compared by to find duplicates: text case-folded,
 * in Unicode NFC, each run of white space one space, none at either end.
 * Returns a new string the caller frees, or NULL when memory runs out. */
char *deck_card_key(const char *text);

/* True when a support card asking suits (DECK_FIT_* bits, 0: any goal)
 * fits a goal that has the bits goal: every term of suits is true of it. */
bool deck_support_fits(unsigned suits, unsigned goal);

/* How alike two cards are, from 0 to 1: the Dice coefficient 2|A∩B| /
 * (|A| + |B|) of their terms. The terms of a card come from its key
 * (deck_card_key): in scripts written with spaces, its words, less function
 * words and the words that frame a card ("partner", "finish the sentence"),
 * less words of one or two letters, a plural -s dropped; in scripts written
 * without spaces (Japanese, Chinese, Thai...), each pair of neighbouring
 * characters, except pairs of two hiragana. docs/DECKS.md explains it. */
double deck_similarity(const char *a, const char *b);

/* True when two cards are close: they are not the same card (their keys
 * differ), share at least DECK_CLOSE_MIN_SHARED terms, and their similarity
 * is at least DECK_CLOSE_PERCENT %. */
bool deck_cards_close(const char *a, const char *b);

/* For each of n texts, the index of the earlier text it is closest to
 * (deck_cards_close), or -1 in close_to[i]. Terms found on more than
 * DECK_CLOSE_COMMON texts do not bring two texts together, so the time
 * grows with n, not n squared. Returns false when memory runs out. */
bool deck_find_close(const char *const *texts, size_t n, long *close_to);

/* Adds a DECK_W_CLOSE warning to report (which holds this deck's problems,
 * or none) for every card of deck close to an earlier card of it, in the
 * order of the file. deck_load does not do this
 * (it would slow the loading of big decks); --check does. */
void deck_check_close(const Deck *deck, DeckReport *report);

/* The severity of a problem code, and its message format. */
Severity deck_problem_severity(DeckProblemCode code);
const char *deck_problem_format(DeckProblemCode code);

/* "sharing", "planning", ... for a kind; "?" for an invalid one. */
const char *deck_kind_name(CardKind kind);

/* Parses a kind's name (ASCII case ignored). Returns false when unknown. */
bool deck_kind_parse(const char *name, CardKind *out);

/* True when card's `tags:` name tag (exactly, as written). */
bool deck_card_has_tag(const Card *card, const char *tag);

#endif
