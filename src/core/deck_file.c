/* SPDX-License-Identifier: MIT */
/* A deck's file and its report: reading the file (deck_load), recognising
 * files that are not text at all, and collecting the problems found, in the
 * file's order. The parser itself is in deck.c. Plain C. */
#include "deck_private.h"

#include "files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

