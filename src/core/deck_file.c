/* SPDX-License-Identifier: MIT */
/* A deck's file and its report: reading the file a piece at a time as the
 * parser takes it (deck_load), or parsing a deck held whole (deck_parse),
 * recognising files that are not text at all, and collecting the problems
 * found, in the file's order. The parser itself is in deck.c. Plain C. */
#include "deck_parser.h"

#include "files.h"
#include "utext.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- reports ---- */

void deck_report_insert(Reporter *r, const DeckProblem *p)
{
    DeckReport *report = r->report;
    if (p->severity == SEVERITY_ERROR)
        report->errors++;
    else
        report->warnings++;
    /* Full: the first problems in the file's order are kept, so one found
     * late (a duplicate is looked for after the cards that follow it are
     * read) takes the place of the last kept when it comes before it. */
    if (report->count >= DECK_REPORT_MAX_ITEMS) {
        report->dropped++;
        const DeckProblem *last = &report->items[report->count - 1];
        if (report->count == r->first || last->line < p->line || (last->line == p->line && last->column <= p->column))
            return;
        report->count--;
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
    /* Keep the file's order: a card's own problems are found when it ends,
     * after those of its continuation lines. */
    size_t i = report->count;
    while (i > r->first && (report->items[i - 1].line > p->line ||
                            (report->items[i - 1].line == p->line && report->items[i - 1].column > p->column))) {
        report->items[i] = report->items[i - 1];
        i--;
    }
    report->items[i] = *p;
    report->count++;
}

void deck_report_add(Reporter *r, DeckProblemCode code, int line, int column, const char *arg_s, int arg_d)
{
    DeckProblem p = {.code = code, .severity = deck_problem_severity(code), .line = line, .column = column};
    const char *format = deck_problem_format(code);
    if (strstr(format, "%d"))
        snprintf(p.message, sizeof p.message, format, arg_d);
    else
        snprintf(p.message, sizeof p.message, format, arg_s ? arg_s : "");
    deck_report_insert(r, &p);
}

void deck_report_free(DeckReport *report)
{
    free(report->items);
    memset(report, 0, sizeof *report);
}

/* Recognises files that are not UTF-8 text by their first bytes and says
 * what they look like. Returns NULL for anything else. */
const char *deck_sniff_not_text(const unsigned char *d, size_t len)
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

/* ---- decks held whole ---- */

/* A file that is not text, or holds a NUL byte, gets one problem only:
 * where its first NUL byte is, by line and column, or what it looks like. */
static bool not_text(Reporter *rep, const char *data, size_t len)
{
    const char *why = deck_sniff_not_text((const unsigned char *)data, len);
    if (why) {
        deck_report_add(rep, DECK_E_NOT_TEXT, 1, 1, why, 0);
        return true;
    }
    const char *nul = memchr(data, '\0', len);
    if (!nul)
        return false;
    int line = 1;
    const char *line_start = data;
    for (const char *c = data; c < nul; c++) {
        if (*c == '\n' || (*c == '\r' && (c + 1 == nul || c[1] != '\n'))) {
            line++;
            line_start = c + 1;
        }
    }
    size_t valid = utext_invalid_at(line_start, (size_t)(nul - line_start));
    deck_report_add(rep, DECK_E_NUL, line, utext_count(line_start, valid) + 1, NULL, 0);
    return true;
}

Deck *deck_parse(const char *data, size_t len, DeckReport *report)
{
    Reporter rep = {report, report->count};
    if (not_text(&rep, data, len))
        return NULL;
    DeckStream *s = deck_stream_new(report, len);
    if (!s) {
        deck_report_add(&rep, DECK_E_READ, 0, 0, "not enough memory", 0);
        return NULL;
    }
    deck_stream_feed(s, data, len, true);
    return deck_stream_end(s);
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

static void report_files_error(Reporter *rep, const FilesError *fe)
{
    char size[32];
    switch (fe->status) {
    case FILES_E_DIRECTORY:
        deck_report_add(rep, DECK_E_DIRECTORY, 0, 0, NULL, 0);
        break;
    case FILES_E_SPECIAL:
        deck_report_add(rep, DECK_E_NOT_REGULAR, 0, 0, fe->kind, 0);
        break;
    case FILES_E_TOO_BIG:
        snprintf(size, sizeof size, "%.1f MB", (double)fe->size / (1024.0 * 1024.0));
        deck_report_add(rep, DECK_E_TOO_BIG, 0, 0, size, 0);
        break;
    case FILES_E_READ:
        deck_report_add(rep, DECK_E_READ, 0, 0, strerror(fe->err), 0);
        break;
    case FILES_E_MEMORY:
        deck_report_add(rep, DECK_E_READ, 0, 0, "not enough memory", 0);
        break;
    default:
        deck_report_add(rep, DECK_E_OPEN, 0, 0, open_error(fe->err), 0);
        break;
    }
}

/* Where a deck's bytes come from: reads at most size bytes at offset into
 * buf, returns how many (0 at the end), or -1 with errno. */
typedef ssize_t (*DeckReadAt)(void *from, char *buf, size_t size, size_t offset);

static ssize_t read_fd(void *from, char *buf, size_t size, size_t offset)
{
    return pread(*(int *)from, buf, size, (off_t)offset);
}

typedef struct {
    const char *data;
    size_t len;
} Memory;

static ssize_t read_memory(void *from, char *buf, size_t size, size_t offset)
{
    const Memory *m = from;
    size_t n = offset >= m->len ? 0 : m->len - offset < size ? m->len - offset : size;
    memcpy(buf, m->data + offset, n);
    return (ssize_t)n;
}

/* A part of a deck read through a window into its stream, a piece at a
 * time: the file is never in memory whole, and the window stays in the
 * processor's cache. */
typedef struct {
    DeckReadAt read_at;
    void *from;
    char *buf;
    size_t window, held;
    size_t pos, end;    /* the next byte to read, and where to stop (SIZE_MAX: the file's end) */
    pthread_mutex_t *lock; /* held to read or change pos and end, which another thread may
                              move closer (NULL: read alone) */
    DeckStream *s;
    bool ok, done;      /* ok false: the deck must be read whole instead (deck_parse) */
} Part;

/* Reads a window's worth and parses the lines that end in it. The deck
 * must be read whole instead (ok false) when it is not text or holds a NUL
 * byte, a line does not fit the window, it grew past the limit, or a read
 * failed: those are rare, and reading whole reports them. */
static void part_step(Part *r)
{
    bool end = false;
    while (r->held < r->window) {
        size_t want = r->window - r->held;
        if (r->lock)
            pthread_mutex_lock(r->lock);
        size_t pos = r->pos, stop = r->end;
        if (r->lock)
            pthread_mutex_unlock(r->lock);
        if (stop != SIZE_MAX && stop - pos < want)
            want = stop - pos;
        ssize_t n = want ? r->read_at(r->from, r->buf + r->held, want, pos) : 0;
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            r->ok = n == 0;
            end = true;
            break;
        }
        if (r->lock)
            pthread_mutex_lock(r->lock);
        r->pos += (size_t)n;
        if (r->lock)
            pthread_mutex_unlock(r->lock);
        r->held += (size_t)n;
    }
    if (r->pos > DECK_FILE_MAX_BYTES)
        r->ok = false;
    size_t took = r->ok ? deck_stream_feed(r->s, r->buf, r->held, end) : 0;
    if (took == SIZE_MAX || (took == 0 && r->held == r->window))
        r->ok = false;
    if (!r->ok) {
        r->done = true;
        return;
    }
    memmove(r->buf, r->buf + took, r->held - took);
    r->held -= took;
    r->done = end;
}

/* Where a later part could start, read from offset into r's window: a
 * card's line; SIZE_MAX for none. */
static size_t part_start(const Part *r, size_t offset)
{
    size_t want = r->window < 65536 ? r->window : 65536;
    ssize_t n = r->read_at(r->from, r->buf, want, offset);
    size_t at = n > 0 ? parser_part_start(r->buf, (size_t)n) : SIZE_MAX;
    return at == SIZE_MAX ? SIZE_MAX : offset + at;
}

/* A big file is read in parts on two threads. The first part is read up
 * to the middle, the second from there on; a thread that has read its part
 * takes the second half of what the other has left to read, as a new part
 * (a processor slowed down by others then reads less), and so on while
 * there is enough left (least bytes: a part costs a join). The parts are
 * joined in the file's order at the end. */
enum { PARTS_MAX = 16 };

typedef struct {
    Part parts[PARTS_MAX]; /* parts[0] is the first */
    size_t starts[PARTS_MAX];
    size_t order[PARTS_MAX]; /* the parts in the file's order */
    size_t count;
    bool busy[PARTS_MAX];  /* being read */
    bool failed;           /* a part could not be read alone: no more are made */
    size_t size;           /* the file's */
    size_t least;          /* the fewest bytes left worth a part of their own */
    pthread_mutex_t lock;
} Parts;

/* Under the lock: what part k has left to read that another could take,
 * [*from, *to): past what it may be reading now (its next read starts at
 * pos), up to its end. */
static void part_left(const Parts *all, size_t k, size_t *from, size_t *to)
{
    const Part *v = &all->parts[k];
    *from = v->pos + v->window;
    *to = v->end == SIZE_MAX ? all->size : v->end;
}

/* Under the lock: a new part, read through the window buf, for the second
 * half of what is left to read of the part with the most left; its index,
 * or SIZE_MAX when none is worth it. */
static size_t part_take(Parts *all, char *buf)
{
    size_t victim = SIZE_MAX, most = 0, from, to;
    for (size_t k = 0; k < all->count; k++) {
        part_left(all, k, &from, &to);
        if (all->busy[k] && to > from && to - from > most) {
            victim = k;
            most = to - from;
        }
    }
    if (victim == SIZE_MAX || most < all->least || all->failed || all->count == PARTS_MAX)
        return SIZE_MAX;
    Part *v = &all->parts[victim];
    part_left(all, victim, &from, &to);
    Part *r = &all->parts[all->count];
    *r = (Part){.read_at = v->read_at, .from = v->from, .buf = buf, .window = v->window, .lock = v->lock, .ok = true};
    size_t at = part_start(r, from + (to - from) / 2);
    if (at == SIZE_MAX || at >= to)
        return SIZE_MAX;
    r->s = deck_stream_part(all->parts[0].s, to - at);
    if (!r->s)
        return SIZE_MAX;
    r->pos = at;
    r->end = to == all->size ? SIZE_MAX : to;
    size_t k = all->count++;
    all->starts[k] = at;
    v->end = at;
    all->busy[k] = true;
    size_t i = 0;
    while (all->order[i] != victim)
        i++;
    memmove(&all->order[i + 2], &all->order[i + 1], (all->count - 2 - i) * sizeof *all->order);
    all->order[i + 1] = k;
    return k;
}

/* Reads part k through buf, then takes others while there are. */
static void parts_read(Parts *all, size_t k, char *buf)
{
    while (k != SIZE_MAX) {
        Part *r = &all->parts[k];
        while (!r->done)
            part_step(r);
        pthread_mutex_lock(&all->lock);
        all->busy[k] = false;
        all->failed |= !r->ok;
        k = part_take(all, buf);
        pthread_mutex_unlock(&all->lock);
    }
}

typedef struct {
    Parts *all;
    char *buf;
} Helper;

static void *helper_main(void *arg)
{
    Helper *h = arg;
    parts_read(h->all, 1, h->buf);
    return NULL;
}

/* Reads first, of a file of size bytes, with a second part from split on
 * a thread of its own, once the first has read a card (the deck's settings
 * are known by then), and the parts taken from both; joins them. The
 * first is left read to its end, or set to read on from the first part
 * that could not be read alone. */
static void read_parts(Part *first, size_t split, size_t size, size_t least)
{
    Parts all = {.count = 2, .order = {0, 1}, .starts = {0, split}, .size = size, .least = least,
                 .lock = PTHREAD_MUTEX_INITIALIZER};
    first->end = split;
    while (!first->done && deck_stream_cards(first->s) == 0)
        part_step(first);
    Helper helper = {&all, first->done ? NULL : malloc(first->window)};
    all.parts[1] = (Part){.read_at = first->read_at, .from = first->from, .buf = helper.buf, .window = first->window,
                          .pos = split, .end = SIZE_MAX, .lock = &all.lock, .ok = true};
    all.parts[1].s = helper.buf ? deck_stream_part(first->s, size - split) : NULL;
    all.parts[0] = *first;
    all.parts[0].lock = &all.lock;
    all.busy[0] = all.busy[1] = true;
    pthread_t thread;
    bool started = all.parts[1].s && pthread_create(&thread, NULL, helper_main, &helper) == 0;
    if (started) {
        parts_read(&all, 0, first->buf);
        pthread_join(thread, NULL);
        *first = all.parts[0];
        first->lock = NULL;
    } else {
        all.count = 1;
        if (all.parts[1].s)
            deck_stream_abandon_part(all.parts[1].s);
        while (!first->done)
            part_step(first);
    }
    free(helper.buf);
    /* Joined in the file's order up to the first that could not be read alone. */
    size_t i = 1;
    for (; i < all.count && first->ok && all.parts[all.order[i]].ok; i++)
        deck_stream_join(first->s, all.parts[all.order[i]].s, i + 1 < all.count);
    if (first->ok && i < all.count) { /* the first reads on */
        first->pos = all.starts[all.order[i]];
        first->end = SIZE_MAX;
        first->done = false;
    } else if (first->ok && all.count == 1) {
        first->end = SIZE_MAX;
        first->done = false;
    }
    for (; i < all.count; i++)
        deck_stream_abandon_part(all.parts[all.order[i]].s);
}

/* Reads a deck of about size bytes with read_at. Returns true with *deck
 * (or NULL, the problems reported), or false, the report as it was, when
 * the deck must be read whole instead. */
static bool read_streamed(DeckReadAt read_at, void *from, size_t size, size_t window, size_t split,
                          DeckReport *report, Deck **deck)
{
    Part first = {.read_at = read_at, .from = from, .buf = malloc(window), .window = window, .end = SIZE_MAX,
                  .ok = true};
    first.s = first.buf ? deck_stream_new(report, size) : NULL;
    if (!first.s) {
        free(first.buf);
        return false;
    }
    if (split && size >= split && sysconf(_SC_NPROCESSORS_ONLN) > 1) {
        size_t at = part_start(&first, size / 2);
        /* The first part holds the file's first bytes, which say what it is. */
        if (at != SIZE_MAX && at >= 16)
            read_parts(&first, at, size, split / 4 > 2 * window ? split / 4 : 2 * window);
    }
    while (!first.done)
        part_step(&first);
    free(first.buf);
    if (!first.ok) {
        deck_stream_abandon(first.s);
        return false;
    }
    *deck = deck_stream_end(first.s);
    return true;
}

Deck *deck_parse_window(const char *data, size_t len, size_t window, size_t split, DeckReport *report)
{
    Memory m = {data, len};
    Deck *deck = NULL;
    if (read_streamed(read_memory, &m, len, window, split, report, &deck))
        return deck;
    return deck_parse(data, len, report);
}

Deck *deck_load_window(const char *path, size_t window, size_t split, DeckReport *report)
{
    Reporter rep = {report, report->count};
    size_t size;
    FilesError fe;
    int fd = files_open(path, DECK_FILE_MAX_BYTES, &size, &fe);
    if (fd < 0) {
        report_files_error(&rep, &fe);
        return NULL;
    }
    Deck *deck = NULL;
    bool done = read_streamed(read_fd, &fd, size, window, split, report, &deck);
    close(fd);
    if (done)
        return deck;
    size_t len;
    char *buf = files_read(path, DECK_FILE_MAX_BYTES, &len, &fe);
    if (!buf) {
        report_files_error(&rep, &fe);
        return NULL;
    }
    deck = deck_parse(buf, len, report);
    free(buf);
    return deck;
}

Deck *deck_load(const char *path, DeckReport *report)
{
    return deck_load_window(path, DECK_READ_WINDOW, DECK_SPLIT_BYTES, report);
}
