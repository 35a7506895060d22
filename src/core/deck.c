/* SPDX-License-Identifier: MIT */
/* Deck files: the parser and its problem reports. It reads the whole file,
 * reports every problem with its line and column, and never exits. */
#include "deck_private.h"

#include "files.h"
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

/* ---- reports ---- */


void deck_report_add(Reporter *r, DeckProblemCode code, int line, int column, const char *arg_s, int arg_d)
{
    DeckReport *report = r->report;
    Severity severity = deck_problem_severity(code);
    if (severity == SEVERITY_ERROR)
        report->errors++;
    else
        report->warnings++;
    if (report->count >= DECK_REPORT_MAX_ITEMS) {
        report->dropped++;
        return;
    }
    if (report->count == 0 || (report->count & (report->count - 1)) == 0) {
        size_t cap = report->count ? report->count * 2 : 8;
        DeckProblem *items = realloc(report->items, cap * sizeof *items);
        if (!items) {
            report->dropped++;
            return;
        }
        report->items = items;
    }
    DeckProblem p = {.code = code, .severity = severity, .line = line, .column = column};
    const char *format = deck_problem_format(code);
    if (strstr(format, "%d"))
        snprintf(p.message, sizeof p.message, format, arg_d);
    else
        snprintf(p.message, sizeof p.message, format, arg_s ? arg_s : "");
    /* Keep the file's order: a card's own problems are found when it ends,
     * after those of its continuation lines. */
    size_t i = report->count;
    while (i > r->first && (report->items[i - 1].line > line ||
                            (report->items[i - 1].line == line && report->items[i - 1].column > column))) {
        report->items[i] = report->items[i - 1];
        i--;
    }
    report->items[i] = p;
    report->count++;
}

void deck_report_free(DeckReport *report)
{
    free(report->items);
    memset(report, 0, sizeof *report);
}

/* ---- the parser ---- */

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
    KEY_COUNT
};

static const char *const key_names[KEY_COUNT] = {
    "deck", "kind", "about", "author", "language", "levels", "pack", "level", "weight", "tags", "where", "traits", "suits",
};

/* Keys that belong to one card only (written indented under it). */
static bool card_only_key(int key)
{
    return key == KEY_TAGS || key == KEY_WHERE || key == KEY_TRAITS || key == KEY_SUITS;
}

bool deck_support_fits(unsigned suits, unsigned goal)
{
    return (suits & ~goal) == 0;
}

typedef struct {
    Reporter rep;
    Deck *deck;
    size_t card_cap;
    Card *card;             /* the card lines may still add to, or NULL */
    unsigned card_keys;     /* bit (1u << key) for each key the card has given */
    int key_line[KEY_COUNT];   /* line of each deck-wide key, 0 when unset */
    bool have_kind;
    int level;              /* defaults for the cards that follow */
    int weight;
    bool has_weight;
    SeenSet seen;
    bool out_of_memory;
} Parser;

/* A key-looking line is one word of ASCII letters, a colon, then a blank or
 * the end of the line. Returns the word's length, or 0. */
static size_t key_length(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && n < 32 && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z')))
        n++;
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

static bool parse_weight(const char *s, size_t len, int *out)
{
    size_t i = 0;
    int sign = 1;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    if (i == len || len - i > 3)
        return false;
    int v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    v *= sign;
    if (v < DECK_WEIGHT_MIN || v > DECK_WEIGHT_MAX)
        return false;
    *out = v;
    return true;
}

static bool names_equal(const char *a, size_t alen, const char *b)
{
    char *x = utext_dup_range(a, alen);
    if (!x)
        return false;
    char *nx = deck_card_key(x), *ny = deck_card_key(b);
    bool eq = nx && ny && strcmp(nx, ny) == 0;
    free(x);
    free(nx);
    free(ny);
    return eq;
}

static bool parse_level(const Deck *deck, const char *s, size_t len, int *out)
{
    if (len == 1 && s[0] >= '1' && s[0] <= '0' + DECK_LEVELS) {
        *out = s[0] - '0';
        return true;
    }
    for (int i = 0; i < DECK_LEVELS; i++) {
        if (deck->level_names[i] && names_equal(s, len, deck->level_names[i])) {
            *out = i + 1;
            return true;
        }
    }
    return false;
}

/* A BCP 47 tag, by shape: a 2-3 letter language (or x/i), then subtags of
 * 1-8 letters or digits, joined by hyphens. */
static bool language_valid(const char *s, size_t len)
{
    size_t i = 0, part = 0;
    while (i <= len) {
        size_t start = i;
        while (i < len && s[i] != '-') {
            char c = s[i];
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && !(c >= '0' && c <= '9' && part > 0))
                return false;
            i++;
        }
        size_t n = i - start;
        if (part == 0 ? !(n == 2 || n == 3 || (n == 1 && (s[start] == 'x' || s[start] == 'i'))) : (n < 1 || n > 8))
            return false;
        part++;
        i++;
    }
    return true;
}

static bool set_level_names(Deck *deck, const char *s, size_t len)
{
    const char *end = s + len;
    int n = 0;
    while (s <= end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        const char *name = s;
        size_t nlen = (size_t)(stop - s);
        utext_trim(&name, &nlen);
        if (nlen == 0 || n == DECK_LEVELS)
            return false;
        deck->level_names[n++] = utext_dup_range(name, nlen);
        s = stop + 1;
    }
    return true;
}

static void finish_card(Parser *p)
{
    Card *card = p->card;
    if (!card)
        return;
    p->card = NULL;
    int chars = utext_count(card->text, strlen(card->text));
    if (chars > DECK_CARD_MAX_CHARS)
        deck_report_add(&p->rep, DECK_E_CARD_TOO_LONG, card->line, 1, NULL, chars);
    else if (chars > DECK_CARD_SOFT_CHARS)
        deck_report_add(&p->rep, DECK_W_CARD_LONG, card->line, 1, NULL, chars);
    char *key = deck_card_key(card->text);
    if (!key) {
        p->out_of_memory = true;
        return;
    }
    int first = deck_seen_check(&p->seen, key, card->line);
    if (first)
        deck_report_add(&p->rep, DECK_W_DUPLICATE, card->line, 1, NULL, first);
}

static void start_card(Parser *p, const char *text, size_t len, int line)
{
    Deck *deck = p->deck;
    if (deck->card_count == p->card_cap) {
        size_t cap = p->card_cap ? p->card_cap * 2 : 64;
        Card *cards = realloc(deck->cards, cap * sizeof *cards);
        if (!cards) {
            p->out_of_memory = true;
            return;
        }
        deck->cards = cards;
        p->card_cap = cap;
    }
    char *copy = utext_dup_range(text, len);
    if (!copy) {
        p->out_of_memory = true;
        return;
    }
    Card *card = &deck->cards[deck->card_count++];
    *card = (Card){.text = copy, .level = p->level, .weight = p->weight, .has_weight = p->has_weight, .line = line};
    p->card = card;
    p->card_keys = 0;
}

static void append_text(Parser *p, const char *text, size_t len)
{
    Card *card = p->card;
    size_t old = strlen(card->text);
    char *grown = realloc(card->text, old + 1 + len + 1);
    if (!grown) {
        p->out_of_memory = true;
        return;
    }
    grown[old] = '\n';
    memcpy(grown + old + 1, text, len);
    grown[old + 1 + len] = '\0';
    card->text = grown;
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

/* A key written under a card: level, weight, tags, where, traits, suits. */
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
    else
        fit_field(p, key, value, vlen, line, s);
}

/* Handles `level:` and `weight:`, for the card or for those that follow. */
static void card_field(Parser *p, int key, const char *value, size_t vlen, int line, int col, Card *card)
{
    char shown[128];
    snprintf(shown, sizeof shown, "%.*s", (int)(vlen < 100 ? vlen : 100), value);
    if (key == KEY_LEVEL) {
        int level;
        if (!parse_level(p->deck, value, vlen, &level)) {
            deck_report_add(&p->rep, DECK_E_LEVEL, line, col, shown, 0);
        } else if (card) {
            card->level = level;
        } else {
            p->level = level;
        }
    } else {
        int weight;
        if (!parse_weight(value, vlen, &weight)) {
            deck_report_add(&p->rep, DECK_E_WEIGHT, line, col, shown, 0);
        } else if (card) {
            card->weight = weight;
            card->has_weight = true;
        } else {
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
    if (deck->card_count) {
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
        if (language_valid(value, vlen)) {
            free(deck->language);
            deck->language = utext_dup_range(value, vlen);
        } else {
            deck_report_add(&p->rep, DECK_E_LANGUAGE, line, col, shown, 0);
        }
        break;
    case KEY_LEVELS:
        if (!set_level_names(deck, value, vlen))
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

static void parse_line(Parser *p, const char *s, size_t len, int line)
{
    if (len > DECK_LINE_MAX_BYTES) {
        deck_report_add(&p->rep, DECK_E_LINE_TOO_LONG, line, 1, NULL, 0);
        return;
    }
    size_t bad = utext_invalid_at(s, len);
    if (bad < len) {
        deck_report_add(&p->rep, DECK_E_UTF8, line, utext_count(s, bad) + 1, NULL, 0);
        return;
    }
    char what[64];
    size_t control = control_at(s, len, what, sizeof what);
    if (control < len) {
        deck_report_add(&p->rep, DECK_E_CONTROL, line, utext_count(s, control) + 1, what, 0);
        return;
    }
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
    int col = utext_count(s, (size_t)(value - s)) + 1;

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

    if (key >= 0 || (klen && p->deck->card_count == 0)) {
        finish_card(p);
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
        return;
    }

    /* A card. A leading bullet and the blanks after it are dropped. */
    finish_card(p);
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

/* Recognises files that are not UTF-8 text by their first bytes and says
 * what they look like. Returns NULL for anything else. */
static const char *sniff_not_text(const unsigned char *d, size_t len)
{
    if (len >= 4 && ((d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0) ||
                     (d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF)))
        return "this file is saved as UTF-32, not UTF-8; open it in a text editor and save it again with the encoding UTF-8";
    if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF) ||
                     (d[0] != 0 && d[1] == 0) || (d[0] == 0 && d[1] != 0)))
        return "this file is saved as UTF-16, not UTF-8; open it in a text editor and save it again with the encoding UTF-8";
    if (len >= 5 && memcmp(d, "{\\rtf", 5) == 0)
        return "this is a Rich Text (RTF) document, not plain text; in your editor choose Save as, then Plain text with the encoding UTF-8";
    if (len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
        return "this is a zip archive, such as a Word (.docx) or OpenDocument (.odt) file; save the deck as plain text with the encoding UTF-8";
    if (len >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return "this is a PDF document, not plain text; copy the cards into a plain text file saved as UTF-8";
    if (len >= 8 && (memcmp(d, "\x89PNG", 4) == 0 || memcmp(d, "\xFF\xD8\xFF", 3) == 0 || memcmp(d, "GIF8", 4) == 0))
        return "this is a picture, not a text file; a deck is plain text saved as UTF-8";
    if (len >= 8 && memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return "this is an old Word or Office document, not plain text; save the deck as plain text with the encoding UTF-8";
    return NULL;
}

Deck *deck_parse(const char *data, size_t len, DeckReport *report)
{
    /* A card takes a line of some 80 bytes, often fewer: the table of
     * cards seen is sized once for a big deck rather than grown. */
    Parser p = {.rep = {report, report->count}, .level = 1, .seen = {.expected = len / 80}};
    size_t errors_before = report->errors;
    Deck *deck = calloc(1, sizeof *deck);
    if (!deck)
        return NULL;
    p.deck = deck;

    const char *why = sniff_not_text((const unsigned char *)data, len);
    if (why) {
        deck_report_add(&p.rep, DECK_E_NOT_TEXT, 1, 1, why, 0);
        goto done;
    }
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        int line = 1;
        const char *line_start = data;
        for (const char *c = data; c < nul; c++) {
            if (*c == '\n' || (*c == '\r' && (c + 1 == nul || c[1] != '\n'))) {
                line++;
                line_start = c + 1;
            }
        }
        size_t valid = utext_invalid_at(line_start, (size_t)(nul - line_start));
        deck_report_add(&p.rep, DECK_E_NUL, line, utext_count(line_start, valid) + 1, NULL, 0);
        goto done;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    int line = 0;
    size_t i = 0;
    while (i < len && !p.out_of_memory) {
        size_t start = i;
        /* The line ends at the first '\n' or '\r'. */
        const char *nl = memchr(data + i, '\n', len - i);
        i = nl ? (size_t)(nl - data) : len;
        const char *cr = memchr(data + start, '\r', i - start);
        if (cr)
            i = (size_t)(cr - data);
        parse_line(&p, data + start, i - start, ++line);
        if (i < len)
            i += (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
    }
    finish_card(&p);
    if (p.out_of_memory)
        deck_report_add(&p.rep, DECK_E_READ, 0, 0, "not enough memory", 0);
    if (!p.key_line[KEY_DECK])
        deck_report_add(&p.rep, DECK_E_NO_NAME, 1, 1, NULL, 0);
    if (!p.key_line[KEY_KIND])
        deck_report_add(&p.rep, DECK_E_NO_KIND, 1, 1, NULL, 0);
    if (deck->card_count == 0)
        deck_report_add(&p.rep, DECK_E_NO_CARDS, 1, 1, NULL, 0);
done:
    deck_seen_free(&p.seen);
    if (!deck->language)
        deck->language = strdup("en");
    if (report->errors > errors_before || !deck->language) {
        deck_free(deck);
        return NULL;
    }
    return deck;
}

void deck_free(Deck *deck)
{
    if (!deck)
        return;
    for (size_t i = 0; i < deck->card_count; i++) {
        free(deck->cards[i].text);
        free(deck->cards[i].tags);
    }
    free(deck->cards);
    free(deck->name);
    free(deck->about);
    free(deck->author);
    free(deck->language);
    for (int i = 0; i < DECK_LEVELS; i++)
        free(deck->level_names[i]);
    free(deck);
}

/* ---- files ---- */

static const char *open_error(int err)
{
    switch (err) {
    case ENOENT:
        return "there is no file at this path";
    case EACCES:
    case EPERM:
        return "you do not have permission to read it";
    case ELOOP:
        return "it is a symbolic link that loops back on itself";
    case ENAMETOOLONG:
        return "the path is too long";
    case ENOTDIR:
        return "a part of the path is not a folder";
    default:
        return strerror(err);
    }
}

Deck *deck_load(const char *path, DeckReport *report)
{
    Reporter rep = {report, report->count};
    size_t len;
    FilesError fe;
    char *buf = files_read(path, DECK_FILE_MAX_BYTES, &len, &fe);
    if (!buf) {
        char size[32];
        switch (fe.status) {
        case FILES_E_DIRECTORY:
            deck_report_add(&rep, DECK_E_DIRECTORY, 0, 0, NULL, 0);
            break;
        case FILES_E_SPECIAL:
            deck_report_add(&rep, DECK_E_NOT_REGULAR, 0, 0, fe.kind, 0);
            break;
        case FILES_E_TOO_BIG:
            snprintf(size, sizeof size, "%.1f MB", (double)fe.size / (1024.0 * 1024.0));
            deck_report_add(&rep, DECK_E_TOO_BIG, 0, 0, size, 0);
            break;
        case FILES_E_READ:
            deck_report_add(&rep, DECK_E_READ, 0, 0, strerror(fe.err), 0);
            break;
        case FILES_E_MEMORY:
            deck_report_add(&rep, DECK_E_READ, 0, 0, "not enough memory", 0);
            break;
        default:
            deck_report_add(&rep, DECK_E_OPEN, 0, 0, open_error(fe.err), 0);
            break;
        }
        return NULL;
    }
    Deck *deck = deck_parse(buf, len, report);
    free(buf);
    return deck;
}

