/* SPDX-License-Identifier: MIT */
/* Deck files: the parser and its problem reports. It reads every line,
 * reports every problem with its line and column, and never exits. Most
 * cards' lines are read the fast way (deck_scan_card); the lines come as
 * the file is read (DeckStream). */
#include "deck_parser.h"

#include "files.h"
#include "hugemem.h"
#include "utext.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

static const struct {
    Severity severity;
    const char *format;
} problem_info[DECK_PROBLEM_COUNT] = {
#define DECK_PROBLEM_INFO(code, severity, message) [code] = {SEVERITY_##severity, message},
    DECK_PROBLEM_LIST(DECK_PROBLEM_INFO)
#undef DECK_PROBLEM_INFO
};

static const char *const kind_names[KIND_COUNT] = {
    [KIND_SHARING] = "sharing",
    [KIND_PLANNING] = "planning",
    [KIND_SOLO] = "solo",
    [KIND_SUPPORT] = "support",
    [KIND_REBALANCE] = "rebalance",
};

Severity deck_problem_severity(DeckProblemCode code)
{
    return code < DECK_PROBLEM_COUNT ? problem_info[code].severity : SEVERITY_ERROR;
}

const char *deck_problem_format(DeckProblemCode code)
{
    return code < DECK_PROBLEM_COUNT ? problem_info[code].format : "unknown problem";
}

const char *deck_kind_name(CardKind kind)
{
    return (unsigned)kind < KIND_COUNT ? kind_names[kind] : "?";
}

bool deck_card_has_tag(const Card *card, const char *tag)
{
    if (!card->tags || strchr(tag, ','))
        return false;
    size_t n = strlen(tag);
    for (const char *p = card->tags; n && (p = strstr(p, tag)); p += n) {
        bool starts = p == card->tags || (p - card->tags >= 2 && p[-2] == ',' && p[-1] == ' ');
        bool ends = p[n] == '\0' || p[n] == ',';
        if (starts && ends)
            return true;
    }
    return false;
}

static bool ascii_ieq(const char *a, size_t alen, const char *b)
{
    return alen == strlen(b) && utext_ascii_ieq(a, b, alen);
}

bool deck_kind_parse(const char *name, CardKind *out)
{
    for (int k = 0; k < KIND_COUNT; k++) {
        if (ascii_ieq(name, strlen(name), kind_names[k])) {
            *out = (CardKind)k;
            return true;
        }
    }
    return false;
}

/* ---- the parser ---- */

static const char *const key_names[KEY_COUNT] = {
    "deck", "kind", "about", "author", "language", "levels", "pack", "level", "weight", "tags", "where", "traits", "suits",
    "private", "follow-up",
};

/* Keys that belong to one card only (written indented under it). */
static bool card_only_key(int key)
{
    return key == KEY_TAGS || key == KEY_WHERE || key == KEY_TRAITS || key == KEY_SUITS || key == KEY_PRIVATE ||
           key == KEY_FOLLOW_UP;
}

bool deck_support_fits(unsigned suits, unsigned goal)
{
    return (suits & ~goal) == 0;
}


/* A key-looking line is one word of ASCII letters (a hyphen may join two),
 * a colon, then a blank or the end of the line. Returns the word's length, or 0. */
static size_t key_length(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && n < 32) {
        bool letter = (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z');
        if (!letter && !(s[n] == '-' && n > 0 && n + 1 < len && s[n + 1] != ':'))
            break;
        n++;
    }
    if (n == 0 || n >= len || s[n] != ':')
        return 0;
    if (n + 1 < len && !utext_is_blank(s[n + 1]))
        return 0;
    return n;
}

static int key_lookup(const char *s, size_t len)
{
    for (int k = 0; k < KEY_COUNT; k++)
        if (ascii_ieq(s, len, key_names[k]))
            return k;
    return -1;
}

/* Adds v to the list at *items (*count of *cap), growing it; false
 * without memory. */
static bool pending_push(Pending **items, size_t *count, size_t *cap, Pending v)
{
    if (*count == *cap) {
        size_t more = *cap ? *cap * 2 : 1024;
        Pending *grown = realloc(*items, more * sizeof *grown);
        if (!grown)
            return false;
        *items = grown;
        *cap = more;
    }
    (*items)[(*count)++] = v;
    return true;
}

/* The card pending is like the earlier one (index + 1), or like none (0):
 * reported; or, in a later part of a file, kept, to be looked for among
 * the parts before once joined (deck_stream_join) when it is like none of
 * the part's, and with the card of the part it is like otherwise, to be
 * reported then. */
static void settled(Parser *p, Pending pending, long earlier)
{
    bool kept = true;
    if (p->part && earlier)
        kept = pending_push(&p->twins, &p->twins_count, &p->twins_cap, (Pending){(uint32_t)earlier, pending.card});
    else if (p->part)
        kept = pending_push(&p->kept, &p->kept_count, &p->kept_cap, pending);
    else if (earlier)
        deck_report_add(&p->rep, DECK_W_DUPLICATE, p->deck->cards[pending.card - 1].line, 1, NULL,
                        p->deck->cards[earlier - 1].line);
    if (!kept)
        p->out_of_memory = true;
}

/* Looks for an earlier card like each pending one (see Parser.pending). */
void parser_settle(Parser *p)
{
    enum { AHEAD = 8 };
    SeenSet *seen = &p->seen;
    CardsSeen cards = {p->deck->cards, NULL, UINT32_MAX};
    size_t n = (size_t)p->pending_count;
    p->pending_count = 0;
    for (size_t i = 0; i < n && i < AHEAD && seen->cap; i++)
        __builtin_prefetch(&seen->slots[p->pending[i].hash & (seen->cap - 1)]);
    for (size_t i = 0; i < n && !p->out_of_memory; i++) {
        if (i + AHEAD < n && seen->cap)
            __builtin_prefetch(&seen->slots[p->pending[i + AHEAD].hash & (seen->cap - 1)]);
        long earlier = deck_seen_check(seen, &cards, p->pending[i]);
        if (earlier < 0)
            p->out_of_memory = true;
        else
            settled(p, p->pending[i], earlier);
    }
}

void parser_finish_card(Parser *p)
{
    Card *card = p->card;
    if (!card)
        return;
    p->card = NULL;
    int chars = p->card_chars;
    uint32_t h = p->card_hash;
    if (!p->card_hashed) {
        size_t key_len;
        if (!deck_seen_key(&p->seen, card->text, p->card_len, &chars, &key_len)) {
            p->out_of_memory = true;
            return;
        }
        h = deck_seen_hash(p->seen.key, key_len);
    }
    if (chars > DECK_CARD_MAX_CHARS)
        deck_report_add(&p->rep, DECK_E_CARD_TOO_LONG, card->line, 1, NULL, chars);
    else if (chars > DECK_CARD_SOFT_CHARS)
        deck_report_add(&p->rep, DECK_W_CARD_LONG, card->line, 1, NULL, chars);
    Pending ended = {h, (uint32_t)(card - p->deck->cards) + 1};
    p->pending[p->pending_count++] = ended;
    if (p->pending_count == (int)(sizeof p->pending / sizeof *p->pending))
        parser_settle(p);
}


bool parser_cards_room(Deck *deck, size_t cap)
{
    size_t bytes = cap * sizeof *deck->cards;
    Card *cards = hugemem_alloc(bytes);
    if (!cards)
        return false;
    if (deck->card_count)
        memcpy(cards, deck->cards, deck->card_count * sizeof *cards);
    hugemem_free(deck->cards, deck->cards_room);
    deck->cards = cards;
    deck->cards_room = bytes;
    return true;
}

/* Room for len bytes at the end of the deck's last block (moving the last
 * text, keep bytes long, to a new block when it does not fit). A block
 * holds block bytes or more: no more than the file, for a small deck. */
static char *text_room(Deck *deck, size_t block, char *keep, size_t keep_len, size_t len)
{
    TextBlock *b = deck->texts;
    if (b && b->used + len <= b->cap)
        return b->data + b->used;
    size_t cap = keep_len + len > block ? keep_len + len : block;
    TextBlock *fresh = hugemem_alloc(sizeof *fresh + cap);
    if (!fresh)
        return NULL;
    fresh->next = b;
    fresh->cap = cap;
    fresh->used = 0;
    if (keep) {
        memcpy(fresh->data, keep, keep_len);
        fresh->used = keep_len;
        b->used -= keep_len;
    }
    deck->texts = fresh;
    return fresh->data + fresh->used;
}

/* A new card of the text at copy (len bytes and a NUL, at the end of the
 * last block's used bytes, which it joins). */
static void add_card(Parser *p, char *copy, size_t len, int line)
{
    Deck *deck = p->deck;
    if (deck->card_count == p->card_cap) {
        size_t cap = p->card_cap ? p->card_cap * 2 : 64;
        if (!parser_cards_room(deck, cap)) {
            p->out_of_memory = true;
            return;
        }
        p->card_cap = cap;
    }
    ((TextBlock *)deck->texts)->used += len + 1;
    Card *card = &deck->cards[deck->card_count++];
    *card = (Card){.text = copy, .level = p->level, .weight = p->weight, .has_weight = p->has_weight, .line = line};
    p->card = card;
    p->card_keys = 0;
    p->card_len = len;
    p->card_hashed = false;
}

static void start_card(Parser *p, const char *text, size_t len, int line)
{
    char *copy = text_room(p->deck, p->block, NULL, 0, len + 1);
    if (!copy) {
        p->out_of_memory = true;
        return;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    add_card(p, copy, len, line);
}

/* A card's line read the fast way (deck_scan_card), its text copied
 * straight to its place: returns the bytes it took, its '\n' included, or
 * 0 for a line the full path reads (parse_line). */
size_t parser_fast_card(Parser *p, const char *s, size_t avail, int line)
{
    unsigned char c = (unsigned char)s[0];
    if (c <= ' ' || c == '#' || c == '-' || c == '*' || c == 0xE2)
        return 0; /* blank, indented, a comment, or maybe a bullet */
    size_t room = (avail < DECK_LINE_MAX_BYTES + 16 ? avail : DECK_LINE_MAX_BYTES + 16) + 16;
    char *out = text_room(p->deck, p->block, NULL, 0, room);
    uint32_t hash;
    int chars;
    size_t n = out ? deck_scan_card(&p->seen, s, avail, out, &hash, &chars) : 0;
    if (!n || key_length(s, n))
        return 0;
    parser_finish_card(p);
    add_card(p, out, n, line);
    if (p->out_of_memory)
        return 0;
    p->card_hashed = true;
    p->card_hash = hash;
    p->card_chars = chars;
    return n + 1;
}

static void append_text(Parser *p, const char *text, size_t len)
{
    Card *card = p->card;
    size_t old = p->card_len;
    /* The card's text ends its block: it grows where it is, or moves. */
    char *end = text_room(p->deck, p->block, card->text, old + 1, len + 1);
    if (!end) {
        p->out_of_memory = true;
        return;
    }
    char *grown = end - (old + 1);
    grown[old] = '\n';
    memcpy(grown + old + 1, text, len);
    grown[old + 1 + len] = '\0';
    ((TextBlock *)p->deck->texts)->used += len + 1;
    card->text = grown;
    p->card_len = old + 1 + len;
    p->card_hashed = false;
}

static void set_tags(Parser *p, const char *s, size_t len)
{
    /* Normalize to "a, b, c", dropping empty entries between commas. */
    char *out = malloc(len + 1 + len + 1);
    if (!out) {
        p->out_of_memory = true;
        return;
    }
    size_t w = 0;
    const char *end = s + len;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        const char *tag = s;
        size_t tlen = (size_t)(stop - s);
        utext_trim(&tag, &tlen);
        if (tlen) {
            if (w) {
                out[w++] = ',';
                out[w++] = ' ';
            }
            memcpy(out + w, tag, tlen);
            w += tlen;
        }
        s = stop + 1;
    }
    out[w] = '\0';
    free(p->card->tags);
    p->card->tags = w ? out : NULL;
    if (!w)
        free(out);
}

static void card_field(Parser *p, int key, const char *value, size_t vlen, int line, int col, Card *card);

/* The words of `where:`, `traits:` and `suits:`, with their bits. */
static const struct {
    const char *word;
    unsigned bit;
} fit_words[] = {
    {"home", DECK_FIT_HOME},           {"out", DECK_FIT_OUT},     {"shareable", DECK_FIT_SHAREABLE},
    {"private", DECK_FIT_PRIVATE},     {"skill", DECK_FIT_SKILL}, {"people", DECK_FIT_PEOPLE},
};

static unsigned fit_word(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof fit_words / sizeof *fit_words; i++)
        if (ascii_ieq(s, len, fit_words[i].word))
            return fit_words[i].bit;
    return 0;
}

/* Reads `where:`, `traits:` or `suits:` (a comma list) into the card.
 * Columns of problems point at the word at fault. */
static void fit_field(Parser *p, int key, const char *value, size_t vlen, int line, const char *s)
{
    Card *card = p->card;
    int col = utext_count(s, (size_t)(value - s)) + 1;
    if (key == KEY_WHERE) {
        unsigned bit = fit_word(value, vlen);
        if (!(bit & DECK_FIT_WHERE)) {
            char shown[64];
            snprintf(shown, sizeof shown, "%.*s", (int)(vlen < 40 ? vlen : 40), value);
            deck_report_add(&p->rep, DECK_E_WHERE, line, col, shown, 0);
        } else {
            card->where = bit;
        }
        return;
    }
    unsigned bits = 0;
    bool any = false, bad = false;
    const char *end = value + vlen;
    for (const char *at = value; at <= end;) {
        const char *comma = memchr(at, ',', (size_t)(end - at));
        const char *stop = comma ? comma : end;
        const char *w = at;
        size_t wlen = (size_t)(stop - at);
        utext_trim(&w, &wlen);
        at = stop + 1;
        int wcol = utext_count(s, (size_t)(w - s)) + 1;
        char shown[64];
        snprintf(shown, sizeof shown, "%.*s", (int)(wlen < 40 ? wlen : 40), w);
        if (wlen == 0)
            continue; /* as in tags: an empty place between commas is nothing */
        unsigned bit = fit_word(w, wlen);
        if (key == KEY_SUITS && ascii_ieq(w, wlen, "any")) {
            if (any)
                deck_report_add(&p->rep, DECK_W_REPEATED_VALUE, line, wcol, "any", 0);
            any = true;
            continue;
        }
        if (!(bit & (key == KEY_TRAITS ? DECK_FIT_TRAITS : DECK_FIT_SUITS))) {
            deck_report_add(&p->rep, key == KEY_TRAITS ? DECK_E_TRAIT : DECK_E_SUIT, line, wcol, shown, 0);
            bad = true;
            continue;
        }
        if (bits & bit)
            deck_report_add(&p->rep, DECK_W_REPEATED_VALUE, line, wcol, shown, 0);
        bits |= bit;
    }
    if (bad)
        return;
    if (key == KEY_SUITS && any && bits) {
        deck_report_add(&p->rep, DECK_E_SUITS_ANY, line, col, NULL, 0);
        return;
    }
    if (key == KEY_SUITS && (bits & DECK_FIT_WHERE) == DECK_FIT_WHERE) {
        deck_report_add(&p->rep, DECK_E_SUITS_HOME_OUT, line, col, NULL, 0);
        return;
    }
    if (key == KEY_TRAITS && (bits & (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE)) == (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE)) {
        deck_report_add(&p->rep, DECK_E_PRIVATE_SHAREABLE, line, col, NULL, 0);
        return;
    }
    if (key == KEY_WHERE)
        card->where = bits;
    else if (key == KEY_TRAITS)
        card->traits = bits;
    else
        card->suits = bits;
}

/* `private: yes` (or no): both partners answer the sharing card privately
 * on their phones, and the screen shows the two answers together. */
static void private_field(Parser *p, const char *value, size_t vlen, int line, int col)
{
    if (ascii_ieq(value, vlen, "yes") || ascii_ieq(value, vlen, "no")) {
        p->card->private_answer = ascii_ieq(value, vlen, "yes");
        return;
    }
    char shown[64];
    snprintf(shown, sizeof shown, "%.*s", (int)(vlen < 40 ? vlen : 40), value);
    deck_report_add(&p->rep, DECK_E_PRIVATE, line, col, shown, 0);
}

/* `follow-up: question`: a sharing card that invites good news, and the
 * question the listener is asked once the reader has answered. */
static void follow_up_field(Parser *p, const char *value, size_t vlen, int line, int col)
{
    int chars = utext_count(value, vlen);
    if (chars > DECK_FOLLOW_UP_MAX_CHARS) {
        deck_report_add(&p->rep, DECK_E_FOLLOW_UP_LONG, line, col, NULL, chars);
        return;
    }
    char *copy = strndup(value, vlen);
    if (!copy)
        p->out_of_memory = true;
    free(p->card->follow_up);
    p->card->follow_up = copy;
}

/* A key written under a card: level, weight, tags, where, traits, suits, private, follow-up. */
static void card_key(Parser *p, int key, const char *value, size_t vlen, int line, int col, const char *s)
{
    bool kind_known = p->have_kind;
    CardKind kind = p->deck->kind;
    if ((key == KEY_WHERE || key == KEY_TRAITS) && kind_known && kind != KIND_SOLO) {
        deck_report_add(&p->rep, DECK_E_SOLO_ONLY, line, 1, key_names[key], 0);
        return;
    }
    if (key == KEY_SUITS && kind_known && kind != KIND_SUPPORT) {
        deck_report_add(&p->rep, DECK_E_SUPPORT_ONLY, line, 1, NULL, 0);
        return;
    }
    if ((key == KEY_PRIVATE || key == KEY_FOLLOW_UP) && kind_known && kind != KIND_SHARING) {
        deck_report_add(&p->rep, key == KEY_PRIVATE ? DECK_E_SHARING_ONLY : DECK_E_FOLLOW_UP_ONLY, line, 1, NULL, 0);
        return;
    }
    if (card_only_key(key) && key != KEY_TAGS) {
        if (p->card_keys & 1u << key) {
            deck_report_add(&p->rep, DECK_E_CARD_KEY_TWICE, line, 1, key_names[key], 0);
            return;
        }
        p->card_keys |= 1u << key;
    }
    if (vlen == 0)
        deck_report_add(&p->rep, DECK_E_EMPTY_VALUE, line, col, key_names[key], 0);
    else if (key == KEY_TAGS)
        set_tags(p, value, vlen);
    else if (key == KEY_LEVEL || key == KEY_WEIGHT)
        card_field(p, key, value, vlen, line, col, p->card);
    else if (key == KEY_PRIVATE)
        private_field(p, value, vlen, line, col);
    else if (key == KEY_FOLLOW_UP)
        follow_up_field(p, value, vlen, line, col);
    else
        fit_field(p, key, value, vlen, line, s);
}

/* Handles `level:` and `weight:`, for the card or for those that follow. */
static void card_field(Parser *p, int key, const char *value, size_t vlen, int line, int col, Card *card)
{
    /* The value as a message shows it: made only for a message. */
    char shown[128];
    int shown_len = (int)(vlen < 100 ? vlen : 100);
    if (key == KEY_LEVEL) {
        int level;
        if (!deck_parse_level(p->deck, value, vlen, &level)) {
            snprintf(shown, sizeof shown, "%.*s", shown_len, value);
            deck_report_add(&p->rep, DECK_E_LEVEL, line, col, shown, 0);
        } else if (card) {
            card->level = level;
        } else {
            p->level = level;
        }
    } else {
        int weight;
        if (!deck_parse_weight(value, vlen, &weight)) {
            snprintf(shown, sizeof shown, "%.*s", shown_len, value);
            deck_report_add(&p->rep, DECK_E_WEIGHT, line, col, shown, 0);
        } else if (card) {
            card->weight = weight;
            card->has_weight = true;
        } else {
            if (p->part && p->weight_known_at == SIZE_MAX)
                p->weight_known_at = p->deck->card_count;
            p->weight = weight;
            p->has_weight = true;
        }
    }
}

static void deck_setting(Parser *p, int key, const char *value, size_t vlen, int line, int col)
{
    Deck *deck = p->deck;
    if (p->key_line[key]) {
        deck_report_add(&p->rep, DECK_E_DUPLICATE_KEY, line, 1, key_names[key], 0);
        return;
    }
    if (deck->card_count || p->part) {
        deck_report_add(&p->rep, DECK_E_LATE_KEY, line, 1, key_names[key], 0);
        return;
    }
    p->key_line[key] = line;
    char shown[128];
    snprintf(shown, sizeof shown, "%.*s", (int)(vlen < 100 ? vlen : 100), value);
    switch (key) {
    case KEY_DECK:
        deck->name = utext_dup_range(value, vlen);
        break;
    case KEY_KIND:
        if (deck_kind_parse(shown, &deck->kind) && vlen < sizeof shown)
            p->have_kind = true;
        else
            deck_report_add(&p->rep, DECK_E_UNKNOWN_KIND, line, col, shown, 0);
        break;
    case KEY_ABOUT:
        deck->about = utext_dup_range(value, vlen);
        break;
    case KEY_AUTHOR:
        deck->author = utext_dup_range(value, vlen);
        break;
    case KEY_LANGUAGE:
        if (deck_language_valid(value, vlen)) {
            free(deck->language);
            deck->language = utext_dup_range(value, vlen);
        } else {
            deck_report_add(&p->rep, DECK_E_LANGUAGE, line, col, shown, 0);
        }
        break;
    case KEY_LEVELS:
        if (!deck_set_level_names(deck, value, vlen))
            deck_report_add(&p->rep, DECK_E_LEVEL_NAMES, line, col, NULL, 0);
        break;
    case KEY_PACK:
        if (ascii_ieq(value, vlen, "yes"))
            deck->pack = true;
        else if (!ascii_ieq(value, vlen, "no"))
            deck_report_add(&p->rep, DECK_E_PACK, line, col, shown, 0);
        break;
    }
}

/* The first control character in s (valid UTF-8): C0 but the tab, DEL,
 * C1, and the line and paragraph separators U+2028 and U+2029, which
 * would reach a terminal, the journal or an export. Returns its offset (or
 * len) and names it in what. */
static size_t control_at(const char *s, size_t len, char *what, size_t size)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        unsigned cp = 0;
        if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
            cp = u[i];
        else if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
            cp = u[i + 1];
        else if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
            cp = 0x2000u + u[i + 2] - 0x80u;
        else
            continue;
        if (cp == 0x2028)
            snprintf(what, size, "the line separator U+2028");
        else if (cp == 0x2029)
            snprintf(what, size, "the paragraph separator U+2029");
        else
            snprintf(what, size, "the control character U+%04X", cp);
        return i;
    }
    return len;
}

/* The length of the run of printable ASCII (and tabs) s starts with, found
 * eight bytes at a time; it may stop a little early, never late. */
static size_t plain_ascii(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* A byte with its high bit set, under 0x20 (a tab too), or 0x7F. */
        uint64_t odd = (w | ((w - ones * 0x20) & ~w) | ((w ^ ones * 0x7F) - ones)) & highs;
        if (odd)
            break;
    }
    return i;
}

/* A line too long, not UTF-8 or holding a control character is reported
 * and goes no further: returns false for it. */
static bool line_readable(Parser *p, const char *s, size_t len, int line)
{
    if (len > DECK_LINE_MAX_BYTES) {
        deck_report_add(&p->rep, DECK_E_LINE_TOO_LONG, line, 1, NULL, 0);
        return false;
    }
    /* Most lines are printable ASCII, eight bytes at a time: only from the
     * first other byte on are they checked character by character. */
    size_t plain = plain_ascii(s, len);
    size_t bad = plain + utext_invalid_at(s + plain, len - plain);
    if (bad < len) {
        deck_report_add(&p->rep, DECK_E_UTF8, line, utext_count(s, bad) + 1, NULL, 0);
        return false;
    }
    char what[64];
    size_t control = plain + control_at(s + plain, len - plain, what, sizeof what);
    if (control < len) {
        deck_report_add(&p->rep, DECK_E_CONTROL, line, utext_count(s, control) + 1, what, 0);
        return false;
    }
    return true;
}

size_t parser_part_start(const char *data, size_t len)
{
    const char *nl = memchr(data, '\n', len);
    while (nl && nl + 1 < data + len) {
        const char *line = nl + 1;
        nl = memchr(line, '\n', (size_t)(data + len - line));
        if (!nl)
            break;
        size_t n = (size_t)(nl - line);
        unsigned char c = (unsigned char)line[0];
        if (c <= ' ' || c == '#' || c == '-' || c == '*' || c >= 0x80 || n > DECK_LINE_MAX_BYTES || key_length(line, n))
            continue; /* blank, indented, a comment, maybe a bullet or a key */
        /* Readable, as line_readable says, so it starts a card for sure. */
        size_t plain = plain_ascii(line, n);
        char what[64];
        if (plain + utext_invalid_at(line + plain, n - plain) == n &&
            plain + control_at(line + plain, n - plain, what, sizeof what) == n)
            return (size_t)(line - data);
    }
    return SIZE_MAX;
}

/* A line at the left margin that starts with a key ("deck:", "level:"...):
 * it ends the card before it and sets what it names. */
static void key_line(Parser *p, int key, const char *body, size_t klen, const char *value, size_t vlen, int line,
                     int col)
{
    parser_finish_card(p);
    if (p->part && key >= 0 && !card_only_key(key) && key != KEY_LEVEL && key != KEY_WEIGHT) {
        /* A deck's setting in a later part: what it brings (a problem
         * either way) hangs on the part before, not read yet. */
        p->give_up = true;
        return;
    }
    if (key < 0) {
        char shown[40];
        snprintf(shown, sizeof shown, "%.*s", (int)klen, body);
        deck_report_add(&p->rep, DECK_W_UNKNOWN_KEY, line, 1, shown, 0);
    } else if (card_only_key(key)) {
        deck_report_add(&p->rep, DECK_E_CARD_KEY_UNINDENTED, line, 1, key_names[key], 0);
    } else if (vlen == 0) {
        deck_report_add(&p->rep, DECK_E_EMPTY_VALUE, line, col, key_names[key], 0);
        if (key != KEY_LEVEL && key != KEY_WEIGHT && !p->key_line[key])
            p->key_line[key] = line; /* given, if empty: not also "missing" */
    } else if (key == KEY_LEVEL || key == KEY_WEIGHT) {
        card_field(p, key, value, vlen, line, col, NULL);
    } else {
        deck_setting(p, key, value, vlen, line, col);
    }
}

void parser_line(Parser *p, const char *s, size_t len, int line)
{
    if (!line_readable(p, s, len, line))
        return;
    while (len && utext_is_blank(s[len - 1]))
        len--;
    size_t indent = 0;
    while (indent < len && utext_is_blank(s[indent]))
        indent++;
    if (indent == len || s[indent] == '#')
        return;
    const char *body = s + indent;
    size_t blen = len - indent;
    size_t klen = key_length(body, blen);
    int key = klen ? key_lookup(body, klen) : -1;
    const char *value = body + klen + 1;
    size_t vlen = klen ? blen - klen - 1 : 0;
    if (klen) {
        size_t lead = 0;
        while (lead < vlen && utext_is_blank(value[lead]))
            lead++;
        value += lead;
        vlen -= lead;
    }
    /* The column of the value, for messages: only a key has one. */
    int col = klen ? utext_count(s, (size_t)(value - s)) + 1 : 1;

    if (indent) {
        if (!p->card) {
            deck_report_add(&p->rep, DECK_E_ORPHAN_INDENT, line, 1, NULL, 0);
        } else if (key == KEY_LEVEL || key == KEY_WEIGHT || card_only_key(key)) {
            card_key(p, key, value, vlen, line, col, s);
        } else {
            append_text(p, body, blen);
        }
        return;
    }

    if (key >= 0 || (klen && p->deck->card_count == 0 && !p->part)) {
        key_line(p, key, body, klen, value, vlen, line, col);
        return;
    }

    /* A card. A leading bullet and the blanks after it are dropped. */
    parser_finish_card(p);
    static const char *const bullets[] = {"-", "*", "\xE2\x80\xA2"};
    for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
        size_t n = strlen(bullets[i]);
        if (blen < n || memcmp(body, bullets[i], n) != 0 || (blen > n && !utext_is_blank(body[n])))
            continue;
        body += n;
        blen -= n;
        utext_trim(&body, &blen);
        if (blen == 0) {
            deck_report_add(&p->rep, DECK_E_EMPTY_CARD, line, 1, bullets[i], 0);
            return;
        }
        break;
    }
    start_card(p, body, blen, line);
}

void deck_free(Deck *deck)
{
    if (!deck)
        return;
    for (size_t i = 0; i < deck->card_count; i++) {
        free(deck->cards[i].tags);
        free(deck->cards[i].follow_up);
    }
    for (TextBlock *b = deck->texts, *next; b; b = next) {
        next = b->next;
        hugemem_free(b, sizeof *b + b->cap);
    }
    hugemem_free(deck->cards, deck->cards_room);
    free(deck->name);
    free(deck->about);
    free(deck->author);
    free(deck->language);
    for (int i = 0; i < DECK_LEVELS; i++)
        free(deck->level_names[i]);
    free(deck);
}
