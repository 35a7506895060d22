/* SPDX-License-Identifier: MIT */
/* Reading a deck as it comes (deck_load): the lines that end in what was
 * read so far are parsed, the rest waits for the next piece. A big file is
 * read in two parts at once: the second part's parser starts at a card's
 * line in the middle, knowing the deck's settings but not what the first
 * part leaves (the level and weight cards take, the cards to look for
 * duplicates among); joining the two settles those. Plain C. */
#include "deck_parser.h"
#include "hugemem.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct DeckStream {
    Parser p;
    int line;              /* lines read so far */
    bool started;          /* the file's first bytes were looked at */
    size_t errors, warnings, dropped; /* the report's counts before: to give up leaving it as it was */
    DeckReport own;        /* a later part's problems, until joined */
};

DeckStream *deck_stream_new(DeckReport *report, size_t size)
{
    DeckStream *s = calloc(1, sizeof *s);
    Deck *deck = s ? calloc(1, sizeof *deck) : NULL;
    if (!deck) {
        free(s);
        return NULL;
    }
    /* A card takes a line of some 80 bytes, often fewer: the table of
     * cards seen is sized once for a big deck rather than grown. */
    s->p = (Parser){.rep = {report, report->count}, .deck = deck, .level = 1, .seen = {.expected = size / 80}};
    /* The texts of the cards take no more than the file (a NUL where each
     * line ended): a small deck's fit one block of its size; a big deck's
     * take big blocks, in huge pages. */
    s->p.block = size + 64 < TEXT_BLOCK ? size + 64 : size >= 2 * TEXT_BLOCK_BIG ? TEXT_BLOCK_BIG : TEXT_BLOCK;
    /* A big deck's cards are given room once, for a card every 48 bytes
     * (more than most decks hold), in huge pages; what they do not use is
     * never touched, so it takes no memory. A deck of shorter cards grows
     * on from there. */
    if (size >= HUGEMEM_MIN_BYTES) {
        size_t cap = size / 48;
        if (parser_cards_room(deck, cap))
            s->p.card_cap = cap;
    }
    s->errors = report->errors;
    s->warnings = report->warnings;
    s->dropped = report->dropped;
    return s;
}

/* Parses the lines of data[0..len) that end in it, or all of them when
 * final: a line's end is '\n', "\r\n" or a '\r' alone, so a '\r' that
 * ends data waits for what follows. Returns the bytes taken. */
static size_t parse_lines(DeckStream *s, const char *data, size_t len, bool final)
{
    Parser *p = &s->p;
    size_t i = 0;
    while (i < len && !p->out_of_memory && !p->give_up) {
        size_t took = parser_fast_card(p, data + i, len - i, s->line + 1);
        if (took) {
            s->line++;
            i += took;
            continue;
        }
        /* The line ends at the first '\n' or '\r'. */
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *cr = memchr(data + i, '\r', end - i);
        if (cr)
            end = (size_t)(cr - data);
        if (!final && (end == len || (data[end] == '\r' && end + 1 == len)))
            break;
        parser_line(p, data + i, end - i, ++s->line);
        i = end;
        if (i < len)
            i += (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
    }
    return i;
}

size_t deck_stream_feed(DeckStream *s, const char *data, size_t len, bool final)
{
    size_t skip = 0;
    if (!s->started) {
        if (len < 16 && !final)
            return 0; /* the first bytes say what a file is: wait for them */
        s->started = true;
        if (deck_sniff_not_text((const unsigned char *)data, len))
            return SIZE_MAX;
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;
    }
    if (memchr(data, '\0', len))
        return SIZE_MAX;
    size_t took = skip + parse_lines(s, data + skip, len - skip, final);
    return s->p.give_up ? SIZE_MAX : took;
}

/* Frees the stream, and its deck unless keep. */
static void stream_free(DeckStream *s, bool keep)
{
    deck_seen_free(&s->p.seen);
    if (s->p.part) { /* the level names are the first part's */
        for (int i = 0; i < DECK_LEVELS; i++)
            s->p.deck->level_names[i] = NULL;
    }
    if (!keep)
        deck_free(s->p.deck);
    free(s->p.kept);
    free(s->p.twins);
    deck_report_free(&s->own);
    free(s);
}

Deck *deck_stream_end(DeckStream *s)
{
    Parser *p = &s->p;
    Deck *deck = p->deck;
    parser_finish_card(p);
    parser_settle(p);
    if (p->out_of_memory)
        deck_report_add(&p->rep, DECK_E_READ, 0, 0, "not enough memory", 0);
    if (!p->key_line[KEY_DECK])
        deck_report_add(&p->rep, DECK_E_NO_NAME, 1, 1, NULL, 0);
    if (!p->key_line[KEY_KIND])
        deck_report_add(&p->rep, DECK_E_NO_KIND, 1, 1, NULL, 0);
    if (deck->card_count == 0)
        deck_report_add(&p->rep, DECK_E_NO_CARDS, 1, 1, NULL, 0);
    if (!deck->language)
        deck->language = strdup("en");
    bool ok = p->rep.report->errors == s->errors && deck->language;
    stream_free(s, ok);
    return ok ? deck : NULL;
}

void deck_stream_abandon(DeckStream *s)
{
    DeckReport *report = s->p.rep.report;
    report->count = s->p.rep.first;
    report->errors = s->errors;
    report->warnings = s->warnings;
    report->dropped = s->dropped;
    stream_free(s, false);
}

size_t deck_stream_cards(const DeckStream *s)
{
    return s->p.deck->card_count;
}

DeckStream *deck_stream_part(const DeckStream *first, size_t size)
{
    DeckReport none = {0};
    DeckStream *s = deck_stream_new(&none, size);
    if (!s)
        return NULL;
    Parser *p = &s->p;
    const Parser *f = &first->p;
    p->rep = (Reporter){&s->own, 0};
    p->part = true;
    /* The part's texts take no more than its bytes: one block, or big ones. */
    p->block = size + 64 < TEXT_BLOCK_BIG ? size + 64 : TEXT_BLOCK_BIG;
    p->level = 0;
    p->weight_known_at = SIZE_MAX;
    p->have_kind = f->have_kind;
    p->deck->kind = f->deck->kind;
    memcpy(p->key_line, f->key_line, sizeof p->key_line);
    for (int i = 0; i < DECK_LEVELS; i++)
        p->deck->level_names[i] = f->deck->level_names[i]; /* read only: never freed here */
    s->started = true;
    return s;
}

/* The part's cards after the first's (room made for them): their lines
 * counted on, the level and weight the first part left given to those
 * that took them from it. */
static void join_cards(Parser *p, const Parser *q, int lines)
{
    Deck *deck = p->deck, *part = q->deck;
    size_t first = deck->card_count, n = part->card_count;
    for (size_t i = 0; i < n; i++) {
        Card c = part->cards[i];
        c.line += lines;
        if (c.level == 0)
            c.level = (int8_t)p->level;
        if (i < q->weight_known_at && !c.has_weight) {
            c.weight = (int8_t)p->weight;
            c.has_weight = p->has_weight;
        }
        deck->cards[first + i] = c;
    }
}

/* Looking for a later part's kept cards (those like none before them in
 * the part) among the first part's, in its table, which is only read
 * now when no part follows: the threads that share the work take a batch
 * at a time. */
typedef struct {
    SeenSet *seen;
    bool add;       /* more parts follow: those like none are added to the table, on one thread */
    CardsSeen cards;
    const Pending *kept;
    size_t count;
    uint32_t *like; /* for each kept card, the first part's card it is like (index + 1), or 0 */
    size_t next;    /* the first kept card no thread has taken */
    bool out_of_memory;
} Lookup;

static void *look_up(void *arg)
{
    enum { BATCH = 4096, AHEAD = 8 };
    Lookup *job = arg;
    SeenSet *seen = job->seen;
    SeenSet scratch = {0};
    size_t from;
    while ((from = __atomic_fetch_add(&job->next, BATCH, __ATOMIC_RELAXED)) < job->count && seen->cap) {
        size_t to = job->count - from < BATCH ? job->count : from + BATCH;
        for (size_t i = from; i < to && i < from + AHEAD; i++)
            __builtin_prefetch(&seen->slots[job->kept[i].hash & (seen->cap - 1)]);
        for (size_t i = from; i < to; i++) {
            if (i + AHEAD < to)
                __builtin_prefetch(&seen->slots[job->kept[i + AHEAD].hash & (seen->cap - 1)]);
            Pending card = {job->kept[i].hash, job->kept[i].card + job->cards.split};
            long earlier = job->add ? deck_seen_check(seen, &job->cards, card)
                                    : deck_seen_find(seen, &scratch, &job->cards, card);
            if (earlier < 0)
                __atomic_store_n(&job->out_of_memory, true, __ATOMIC_RELAXED);
            else
                job->like[i] = (uint32_t)earlier;
        }
    }
    deck_seen_free(&scratch);
    return NULL;
}

/* The index among q's kept cards of its card (index + 1) card, which is one. */
static size_t kept_index(const Parser *q, uint32_t card)
{
    size_t lo = 0, hi = q->kept_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->kept[mid].card <= card)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The part's cards like an earlier one, in the order of the file, to its
 * own report: its kept cards like one of the first part's, and the others
 * like the part's card they are like is, or else that card. */
static void report_twins(const Parser *p, Parser *q, const uint32_t *like, int lines)
{
    const Card *mine = q->deck->cards, *theirs = p->deck->cards;
    size_t k = 0, t = 0;
    while (k < q->kept_count || t < q->twins_count) {
        bool twin = t < q->twins_count && (k == q->kept_count || q->twins[t].card < q->kept[k].card);
        const Card *card, *earlier;
        int earlier_line;
        if (twin) {
            card = &mine[q->twins[t].card - 1];
            uint32_t of = like[kept_index(q, q->twins[t].hash)];
            earlier = of ? &theirs[of - 1] : &mine[q->twins[t].hash - 1];
            earlier_line = earlier->line + (of ? 0 : lines);
            t++;
        } else {
            uint32_t of = like[k];
            card = &mine[q->kept[k].card - 1];
            k++;
            if (!of)
                continue;
            earlier_line = theirs[of - 1].line;
        }
        deck_report_add(&q->rep, DECK_W_DUPLICATE, card->line, 1, NULL, earlier_line);
    }
}

/* The part's problems among the first's, their lines counted on. */
static void join_report(Parser *p, const DeckReport *own, int lines)
{
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < own->count; i++) {
        DeckProblem problem = own->items[i];
        if (problem.line > 0)
            problem.line += lines;
        deck_report_insert(&p->rep, &problem);
        if (problem.severity == SEVERITY_ERROR)
            errors++;
        else
            warnings++;
    }
    /* Those the part's report had no room for. */
    p->rep.report->errors += own->errors - errors;
    p->rep.report->warnings += own->warnings - warnings;
    p->rep.report->dropped += own->dropped;
}

void deck_stream_join(DeckStream *first, DeckStream *part, bool more)
{
    Parser *p = &first->p, *q = &part->p;
    parser_finish_card(p);
    parser_finish_card(q);
    parser_settle(p);
    parser_settle(q);
    int lines = first->line;
    Deck *deck = p->deck;
    size_t total = deck->card_count + q->deck->card_count;
    if (total > p->card_cap && !parser_cards_room(deck, total)) {
        p->out_of_memory = true;
    } else {
        p->card_cap = p->card_cap > total ? p->card_cap : total;
        /* The part's cards are copied while a thread looks for them among
         * the first's; then both look for those left. When more parts
         * follow, those like none are added to the first's table, on this
         * thread alone. */
        uint32_t *like = calloc(q->kept_count ? q->kept_count : 1, sizeof *like);
        Lookup job = {&p->seen, more, {deck->cards, q->deck->cards, (uint32_t)deck->card_count}, q->kept,
                      q->kept_count, like, 0, !like};
        pthread_t thread;
        bool threaded = !more && like && pthread_create(&thread, NULL, look_up, &job) == 0;
        join_cards(p, q, lines);
        if (like)
            look_up(&job);
        if (threaded)
            pthread_join(thread, NULL);
        if (job.out_of_memory)
            q->out_of_memory = true;
        else
            report_twins(p, q, like, lines);
        free(like);
        deck->card_count = total;
        q->deck->card_count = 0; /* the texts, tags and questions are the deck's now */
        if (q->deck->texts) {
            TextBlock *last = q->deck->texts;
            while (last->next)
                last = last->next;
            last->next = deck->texts;
            deck->texts = q->deck->texts;
            q->deck->texts = NULL;
        }
    }
    join_report(p, &part->own, lines);
    for (int k = 0; k < KEY_COUNT; k++)
        if (!p->key_line[k] && q->key_line[k])
            p->key_line[k] = q->key_line[k] + lines;
    if (q->level)
        p->level = q->level;
    if (q->weight_known_at != SIZE_MAX) {
        p->weight = q->weight;
        p->has_weight = q->has_weight;
    }
    p->out_of_memory |= q->out_of_memory;
    first->line += part->line;
    stream_free(part, false);
}

void deck_stream_abandon_part(DeckStream *part)
{
    stream_free(part, false);
}
