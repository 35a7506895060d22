/* SPDX-License-Identifier: MIT */
/* Cards close to each other: the terms of a card, their overlap, and the
 * search over a whole deck. */
#include "deck_private.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utext.h"


/* Function words of English and Spanish, and the words that frame a card
 * rather than say what it asks; sorted, for bsearch. They do not count. */
static const char *const stop_words[] = {
    "about", "above", "after", "again", "against", "algo", "alguien", "all", "also", "and", "any", "anything",
    "aquel", "are", "because", "been", "before", "being", "below", "between", "both", "but", "can", "como", "con",
    "could", "cuenta", "cuál", "cuándo", "cómo", "del", "describe", "desde", "did", "didn", "does", "doesn", "doing",
    "don", "donde", "down", "during", "dónde", "each", "el", "entre", "esa", "esas", "ese", "eso", "esos", "esta",
    "estar", "estas", "este", "esto", "estos", "está", "están", "even", "ever", "few", "finish", "for", "frase",
    "from", "fue", "further", "get", "got", "had", "has", "hasta", "have", "having", "hay", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "into", "isn", "its", "itself", "las", "les", "let", "lets", "like",
    "los", "made", "make", "many", "mis", "more", "most", "much", "muy", "más", "name", "nombra", "nor", "nos",
    "nosotros", "not", "now", "off", "once", "one", "ones", "only", "other", "our", "ours", "ourselves", "out",
    "over", "own", "para", "pareja", "partner", "partners", "pero", "por", "quién", "qué", "really", "same",
    "sentence", "ser", "she", "should", "sin", "sobre", "some", "someone", "something", "son", "still", "such", "sus",
    "tell", "termina", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "thing", "things", "this", "those", "three", "through", "too", "tus", "two", "una", "unas", "under",
    "unos", "until", "very", "vos", "vosotros", "was", "wasn", "way", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
};

static int stop_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* Scripts written without spaces between words: compared by pairs of
 * characters rather than by words. */
static bool spaceless(utf8proc_int32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
           (cp >= 0x1000 && cp <= 0x109F) ||   /* Myanmar */
           (cp >= 0x1780 && cp <= 0x17FF) ||   /* Khmer */
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* Hiragana, Katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||   /* Katakana extensions */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* CJK compatibility */
           (cp >= 0xFF66 && cp <= 0xFF9F) ||   /* half-width Katakana */
           (cp >= 0x20000 && cp <= 0x3FFFF);   /* CJK extensions */
}

static bool hiragana(utf8proc_int32_t cp)
{
    return cp >= 0x3040 && cp <= 0x309F;
}

static bool word_char(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

typedef struct {
    uint64_t *v;
    size_t n, cap;
} Terms;

static bool terms_push(Terms *t, uint64_t h)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        uint64_t *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return false;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = h;
    return true;
}

/* 64-bit hashes: a million cards' terms do not collide. */
static const uint64_t term_basis = 0xCBF29CE484222325ull, pair_basis = 0x84222325CBF29CE4ull;

/* One word of a spaced script, [s, s + len) of the key: counted unless it
 * is short, a function word or a framing word; a plural -s is dropped. */
static bool add_word(Terms *t, const char *s, size_t len, int chars)
{
    bool digits = true;
    for (size_t i = 0; i < len; i++)
        digits = digits && s[i] >= '0' && s[i] <= '9';
    if (chars <= 2 && !digits)
        return true;
    char word[64];
    if (len >= sizeof word)
        len = sizeof word - 1;
    memcpy(word, s, len);
    word[len] = '\0';
    if (bsearch(word, stop_words, sizeof stop_words / sizeof *stop_words, sizeof *stop_words, stop_cmp))
        return true;
    if (len >= 4 && word[len - 1] == 's' && word[len - 2] != 's' && word[len - 2] != 'u' && word[len - 2] != 'i')
        len--;
    return terms_push(t, utext_fnv1a(term_basis, word, len));
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The terms of a card: the content words of its key in spaced scripts, the
 * pairs of neighbouring characters in the others (pairs of hiragana alone,
 * mostly particles and endings, left out). Sorted, each once. */
static bool card_terms(const char *key, Terms *t)
{
    t->n = 0;
    size_t len = strlen(key), i = 0;
    size_t word_start = 0;
    int word_chars = 0;
    bool in_word = false;
    utf8proc_int32_t prev = -1; /* the previous character of a spaceless run */
    size_t run = 0;             /* the characters of that run so far */
    while (i <= len) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = 1;
        if (i < len) {
            n = utf8proc_iterate((const utf8proc_uint8_t *)key + i, (utf8proc_ssize_t)(len - i), &cp);
            if (n <= 0) {
                cp = 0;
                n = 1;
            }
        }
        bool w = cp && word_char(cp), sl = w && spaceless(cp);
        if (in_word && (!w || sl)) {
            if (!add_word(t, key + word_start, i - word_start, word_chars))
                return false;
            in_word = false;
        }
        if (sl) {
            if (prev >= 0 && !(hiragana(prev) && hiragana(cp))) {
                utf8proc_int32_t pair[2] = {prev, cp};
                if (!terms_push(t, utext_fnv1a(pair_basis, pair, sizeof pair)))
                    return false;
            }
            prev = cp;
            run++;
        } else {
            /* A lone character of a spaceless script counts by itself. */
            if (run == 1 && !hiragana(prev) && !terms_push(t, utext_fnv1a(pair_basis, &prev, sizeof prev)))
                return false;
            prev = -1;
            run = 0;
            if (w && !in_word) {
                in_word = true;
                word_start = i;
                word_chars = 0;
            }
            if (w)
                word_chars++;
        }
        i += (size_t)n;
    }
    if (t->n > 1)
        qsort(t->v, t->n, sizeof *t->v, u64_cmp);
    size_t k = 0;
    for (size_t j = 0; j < t->n; j++)
        if (k == 0 || t->v[k - 1] != t->v[j])
            t->v[k++] = t->v[j];
    t->n = k;
    return true;
}

static size_t shared_terms(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, shared = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            shared++;
            i++;
            j++;
        }
    }
    return shared;
}

static bool close_by(size_t shared, size_t na, size_t nb)
{
    return shared >= DECK_CLOSE_MIN_SHARED && 200 * shared >= (size_t)DECK_CLOSE_PERCENT * (na + nb);
}

static bool text_terms(const char *text, Terms *t, char **key)
{
    *key = deck_card_key(text);
    return *key && card_terms(*key, t);
}

double deck_similarity(const char *a, const char *b)
{
    Terms ta = {0}, tb = {0};
    char *ka = NULL, *kb = NULL;
    double d = 0;
    if (text_terms(a, &ta, &ka) && text_terms(b, &tb, &kb) && ta.n + tb.n > 0)
        d = 2.0 * (double)shared_terms(ta.v, ta.n, tb.v, tb.n) / (double)(ta.n + tb.n);
    free(ta.v);
    free(tb.v);
    free(ka);
    free(kb);
    return d;
}

bool deck_cards_close(const char *a, const char *b)
{
    Terms ta = {0}, tb = {0};
    char *ka = NULL, *kb = NULL;
    bool close = text_terms(a, &ta, &ka) && text_terms(b, &tb, &kb) && strcmp(ka, kb) != 0 &&
                 close_by(shared_terms(ta.v, ta.n, tb.v, tb.n), ta.n, tb.n);
    free(ta.v);
    free(tb.v);
    free(ka);
    free(kb);
    return close;
}

/* A term's cards, found through an open-addressing table. */
typedef struct {
    uint64_t term;
    uint32_t count; /* cards that have it; 0: empty slot */
    size_t start;   /* its postings, once laid out */
    uint32_t fill;
} TermSlot;

static TermSlot *term_slot(TermSlot *slots, size_t mask, uint64_t term)
{
    size_t j = (size_t)((term * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (slots[j].count && slots[j].term != term)
        j = (j + 1) & mask;
    return &slots[j];
}

/* The card index over every card's terms, for deck_find_close. */
typedef struct {
    const uint64_t *v;   /* every card's terms, card i's at v[off[i]..off[i + 1]) */
    const size_t *off;
    char *const *keys;   /* each card's duplicate key */
    TermSlot *slots;     /* the terms, with where their postings start */
    size_t mask;
    size_t *postings;    /* the cards before, per term not too common */
    uint32_t *counts;    /* per card: zero between calls */
    size_t *touched;
} CloseIndex;

/* The card before card i that is most like it (of equals, the first in the
 * file), or -1; then card i joins the postings. */
static long closest_to(CloseIndex *x, size_t i)
{
    size_t touched_n = 0;
    const uint64_t *ti = x->v + x->off[i];
    size_t ni = x->off[i + 1] - x->off[i];
    for (size_t k = 0; k < ni; k++) {
        TermSlot *s = term_slot(x->slots, x->mask, ti[k]);
        if (s->count > DECK_CLOSE_COMMON)
            continue; /* too common to bring two cards together */
        for (uint32_t p = 0; p < s->fill; p++) {
            size_t j = x->postings[s->start + p];
            if (x->counts[j]++ == 0)
                x->touched[touched_n++] = j;
        }
        x->postings[s->start + s->fill++] = i;
    }
    long best = -1;
    size_t best_shared = 0, best_total = 1;
    for (size_t c = 0; c < touched_n; c++) {
        size_t j = x->touched[c];
        x->counts[j] = 0;
        size_t nj = x->off[j + 1] - x->off[j];
        size_t shared = shared_terms(ti, ni, x->v + x->off[j], nj);
        if (!close_by(shared, ni, nj) || strcmp(x->keys[i], x->keys[j]) == 0)
            continue;
        if (best < 0 || shared * best_total > best_shared * (ni + nj) ||
            (shared * best_total == best_shared * (ni + nj) && (long)j < best)) {
            best = (long)j;
            best_shared = shared;
            best_total = ni + nj;
        }
    }
    return best;
}

bool deck_find_close(const char *const *texts, size_t n, long *close_to)
{
    bool ok = false;
    size_t *off = calloc(n + 1, sizeof *off);
    char **keys = calloc(n ? n : 1, sizeof *keys);
    Terms all = {0}, t = {0};
    TermSlot *slots = NULL;
    size_t *postings = NULL;
    uint32_t *counts = NULL;
    size_t *touched = NULL;
    if (!off || !keys)
        goto done;
    for (size_t i = 0; i < n; i++) {
        close_to[i] = -1;
        if (!text_terms(texts[i], &t, &keys[i]))
            goto done;
        for (size_t k = 0; k < t.n; k++)
            if (!terms_push(&all, t.v[k]))
                goto done;
        off[i + 1] = all.n;
    }
    if (all.n == 0) { /* no card has a term: none is close to another */
        ok = true;
        goto done;
    }
    size_t cap = 16;
    while (cap < 2 * all.n + 2)
        cap *= 2;
    slots = calloc(cap, sizeof *slots);
    postings = malloc((all.n ? all.n : 1) * sizeof *postings);
    counts = calloc(n ? n : 1, sizeof *counts);
    touched = malloc((n ? n : 1) * sizeof *touched);
    if (!slots || !postings || !counts || !touched)
        goto done;
    for (size_t k = 0; k < all.n; k++) {
        TermSlot *s = term_slot(slots, cap - 1, all.v[k]);
        s->term = all.v[k];
        s->count++;
    }
    size_t at = 0;
    for (size_t j = 0; j < cap; j++) {
        slots[j].start = at;
        if (slots[j].count <= DECK_CLOSE_COMMON)
            at += slots[j].count;
    }
    CloseIndex x = {all.v, off, keys, slots, cap - 1, postings, counts, touched};
    for (size_t i = 0; i < n; i++)
        close_to[i] = closest_to(&x, i);
    ok = true;
done:
    for (size_t i = 0; keys && i < n; i++)
        free(keys[i]);
    free(keys);
    free(off);
    free(all.v);
    free(t.v);
    free(slots);
    free(postings);
    free(counts);
    free(touched);
    return ok;
}

void deck_check_close(const Deck *deck, DeckReport *report)
{
    if (!deck || deck->card_count == 0)
        return;
    Reporter rep = {report, 0}; /* in the file's order, with its other problems */
    const char **texts = malloc(deck->card_count * sizeof *texts);
    long *close_to = malloc(deck->card_count * sizeof *close_to);
    if (texts && close_to) {
        for (size_t i = 0; i < deck->card_count; i++)
            texts[i] = deck->cards[i].text;
        if (deck_find_close(texts, deck->card_count, close_to)) {
            for (size_t i = 0; i < deck->card_count; i++)
                if (close_to[i] >= 0)
                    deck_report_add(&rep, DECK_W_CLOSE, deck->cards[i].line, 1, NULL, deck->cards[close_to[i]].line);
        } else {
            deck_report_add(&rep, DECK_E_READ, 0, 0, "not enough memory", 0);
        }
    }
    free(texts);
    free(close_to);
}
