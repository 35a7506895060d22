/* SPDX-License-Identifier: MIT */
/* Export of a finished game's "Our week": a readable Markdown summary and an
 * iCalendar file (RFC 5545) with one event per plan and solo goal that has a
 * day, each with a reminder the evening before. Files are written atomically
 * and never replace an existing file. */
#ifndef TIGHTROPE_EXPORT_H
#define TIGHTROPE_EXPORT_H

#include <stddef.h>
#include <time.h>

#include "record.h"

enum {
    EXPORT_LINE_OCTETS = 75, /* iCalendar lines are folded to this many octets */
    EXPORT_PATH_SIZE = 4096,
    EXPORT_REMINDER_HOUR = 19 /* each event's reminder: at 19:00 the evening before */
};

/* One list makes the status codes and their messages (one plain sentence). */
/* The messages, translated by export_message. */
#define EXPORT_STATUS_LIST(X)                                                                  \
    X(EXPORT_OK, N_("Our week was exported."))                                                     \
    X(EXPORT_E_NO_MEMORY, N_("There was not enough memory to export our week."))                   \
    X(EXPORT_E_NO_FOLDER, N_("The folder to export to does not exist."))                           \
    X(EXPORT_E_NOT_WRITABLE, N_("The folder to export to cannot be written to."))                  \
    X(EXPORT_E_DISK_FULL, N_("The disk is full, so our week could not be exported."))              \
    X(EXPORT_E_NAMES_TAKEN, N_("Every file name for this week's export is already taken in that folder.")) \
    X(EXPORT_E_IO, N_("The disk reported an error while our week was being exported."))

typedef enum {
#define EXPORT_STATUS_ENUM(code, message) code,
    EXPORT_STATUS_LIST(EXPORT_STATUS_ENUM)
#undef EXPORT_STATUS_ENUM
    EXPORT_STATUS_COUNT
} ExportStatus;

/* A zeroed struct means the defaults. */
typedef struct {
    time_t now; /* the iCalendar DTSTAMP; 0: the clock */
} ExportOptions;

/* The files export_write made. */
typedef struct {
    char stem[EXPORT_PATH_SIZE - 8]; /* "DIR/our-week-DATE" or "DIR/our-week-DATE-N" */
    char markdown[EXPORT_PATH_SIZE];
    char ics[EXPORT_PATH_SIZE];
    char png[EXPORT_PATH_SIZE];  /* the free name the front end's picture should take */
} ExportFiles;

/* The message for a status: one plain sentence, never NULL. */
const char *export_message(ExportStatus status);

/* Our week as Markdown: plans with their days, goals with their supports,
 * stars. Returns a new string the caller frees, or NULL when memory runs out. */
char *export_markdown(const Record *record);

/* Our week as an iCalendar file: CRLF line ends, lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped. Plans and goals
 * with a day become events on the dates record_day_date gives: all-day for
 * "any time", else floating local time (morning 09:00, afternoon 14:00,
 * evening 19:00, two hours each). opt may be NULL. Returns a new string the
 * caller frees, or NULL when memory runs out. */
char *export_ics(const Record *record, const ExportOptions *opt);

/* The folder exports go to, made when missing: a Tightrope folder in the
 * user's documents folder (XDG_DOCUMENTS_DIR of user-dirs.dirs, as
 * xdg-user-dir finds it, else ~/Documents when there is one), else the data
 * folder's exports/. Returns 0, or -1 (errno) when there is none. */
int export_folder(char *buf, size_t size);

/* Writes DIR/our-week-DATE.md and .ics, DATE being the day the game was
 * played. The rule: an existing file is never replaced. The stem is the
 * first of our-week-DATE, our-week-DATE-2, our-week-DATE-3... for which no
 * .md, .ics or .png exists yet, so that the three files of one export share
 * a name. Each file goes to a temporary file, is flushed to disk, then takes
 * its name. files (may be NULL) receives the paths. */
ExportStatus export_write(const Record *record, const char *dir, const ExportOptions *opt, ExportFiles *files);

#endif
