/* SPDX-License-Identifier: MIT */
/* A deck's file and its report: reading the file a piece at a time as the
 * parser takes it (deck_load), or parsing a deck held whole (deck_parse),
 * recognising files that are not text at all, and collecting the problems
 * found, in the file's order. The parser itself is in deck.c. Plain C. */
#include "deck_private.h"

#include "files.h"
#include "utext.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- reports ---- */

void deck_report_add(Reporter *r, DeckProblemCode code, int line, int column, const char *arg_s, int arg_d)
{
    DeckReport *report = r->report;
    Severity severity = deck_problem_severity(code);
    if (severity == SEVERITY_ERROR)
        report->errors++;
    else
        report->warnings++;
    /* Full: the first problems in the file's order are kept, so one found
     * late (a duplicate is looked for after the cards that follow it are
     * read) takes the place of the last kept when it comes before it. */
    if (report->count >= DECK_REPORT_MAX_ITEMS) {
        report->dropped++;
        const DeckProblem *last = &report->items[report->count - 1];
        if (report->count == r->first || last->line < line || (last->line == line && last->column <= column))
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

/* Where a deck's bytes come from, a piece at a time: returns the bytes
 * put in buf (at most size), 0 at the end, or -1 with errno. */
typedef ssize_t (*DeckRead)(void *from, char *buf, size_t size);

static ssize_t read_fd(void *from, char *buf, size_t size)
{
    return read(*(int *)from, buf, size);
}

typedef struct {
    const char *data;
    size_t len, at;
} Memory;

static ssize_t read_memory(void *from, char *buf, size_t size)
{
    Memory *m = from;
    size_t n = m->len - m->at < size ? m->len - m->at : size;
    memcpy(buf, m->data + m->at, n);
    m->at += n;
    return (ssize_t)n;
}

/* Reads a deck of about size bytes through a window of window bytes,
 * parsing its lines as they come: the file is never in memory whole, and
 * the window stays in the processor's cache. Returns true with *deck (or
 * NULL, the problems reported), or false, the report as it was, when the
 * deck must be read whole instead (deck_parse): it is not text or holds a
 * NUL byte, a line does not fit the window, it grew past the limit, or a
 * read failed. Those are rare, and reading whole reports them. */
static bool read_streamed(DeckRead read_from, void *from, size_t size, size_t window, DeckReport *report,
                          Deck **deck)
{
    char *buf = malloc(window);
    DeckStream *s = buf ? deck_stream_new(report, size) : NULL;
    if (!s) {
        free(buf);
        return false;
    }
    size_t held = 0, total = 0;
    bool eof = false, ok = true;
    while (ok) {
        while (ok && !eof && held < window) {
            ssize_t n = read_from(from, buf + held, window - held);
            if (n < 0 && errno == EINTR)
                continue;
            ok = n >= 0;
            eof = n == 0;
            held += n > 0 ? (size_t)n : 0;
            total += n > 0 ? (size_t)n : 0;
        }
        if (!ok || total > DECK_FILE_MAX_BYTES)
            break;
        size_t took = deck_stream_feed(s, buf, held, eof);
        if (took == SIZE_MAX || (took == 0 && held == window)) {
            ok = false;
            break;
        }
        if (eof)
            break;
        memmove(buf, buf + took, held - took);
        held -= took;
    }
    free(buf);
    if (!ok || total > DECK_FILE_MAX_BYTES) {
        deck_stream_abandon(s);
        return false;
    }
    *deck = deck_stream_end(s);
    return true;
}

Deck *deck_parse_window(const char *data, size_t len, size_t window, DeckReport *report)
{
    Memory m = {data, len, 0};
    Deck *deck = NULL;
    if (read_streamed(read_memory, &m, len, window, report, &deck))
        return deck;
    return deck_parse(data, len, report);
}

Deck *deck_load_window(const char *path, size_t window, DeckReport *report)
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
    bool done = read_streamed(read_fd, &fd, size, window, report, &deck);
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
    return deck_load_window(path, DECK_READ_WINDOW, report);
}
