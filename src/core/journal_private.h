/* SPDX-License-Identifier: MIT */
/* What the journal's files share: the Journal struct and the small helpers
 * over SQLite statements (journal.c). Opening, migrating and setting broken
 * files aside are in journal_open.c, the queries in journal_query.c. */
#ifndef TIGHTROPE_JOURNAL_PRIVATE_H
#define TIGHTROPE_JOURNAL_PRIVATE_H

#include <stdbool.h>
#include <time.h>

#include <sqlite3.h>

#include "journal.h"

struct Journal {
    sqlite3 *db;
    int lock_fd; /* holds the exclusive flock of a writer; -1 when read-only */
    bool read_only;
    bool had_wal, had_shm; /* read-only: the -wal and -shm were there before it opened */
    char *path;
};

JournalAnswer jdb_answer_parse(const unsigned char *text);
/* A SQLite result code as a status. */
JournalStatus jdb_status_of(sqlite3 *db, int rc);
JournalStatus jdb_status_of_errno(int err);
/* A copy of the NUL-terminated s (NULL stays NULL). */
char *jdb_dup_text(const void *s);
/* The journal's clock as "YYYY-MM-DD HH:MM:SS" (RECORD_PLAYED_SIZE). */
void jdb_now_text(char *out);
JournalStatus jdb_exec(Journal *j, const char *sql);
/* Prepares sql and binds the arguments after types: 'i' long long, 't' text,
 * 'b' a blob and its size_t length. */
JournalStatus jdb_prepare(Journal *j, sqlite3_stmt **stmt, const char *sql, const char *types, ...);
JournalStatus jdb_finish_stmt(Journal *j, sqlite3_stmt *stmt);
/* The one integer sql answers with arg bound. */
JournalStatus jdb_query_int(Journal *j, long long *value, const char *sql, long long arg);
typedef JournalStatus (*JournalRowFn)(sqlite3_stmt *stmt, void *ctx);
/* Steps through stmt's rows, calling fn on each until it fails, then
 * finalizes stmt. */
JournalStatus jdb_step_rows(Journal *j, sqlite3_stmt *stmt, JournalRowFn fn, void *ctx);
/* The texts of the first column of sql's rows (arg bound when sql has a
 * parameter): *texts (count strings; free with journal_names_free). */
JournalStatus jdb_text_rows(Journal *j, const char *sql, long long arg, char ***texts, size_t *count);
/* Begins a write transaction; now (may be NULL) receives the journal's
 * clock as jdb_now_text writes it. */
JournalStatus jdb_begin_write(Journal *j, char *now);
JournalStatus jdb_end_write(Journal *j, JournalStatus st);
/* The couple's key: both names, normalised and in order. */
char *jdb_couple_key(const char *a, const char *b);
/* A JournalRowFn adding a row's card (column 0) and time (column 1) to a
 * JournalSeen. */
JournalStatus jdb_seen_row(sqlite3_stmt *stmt, void *arg);
/* Within journal_step's transaction: the card passed in the step, and the
 * kept cards of earlier games that the step shows again (no longer kept). */
JournalStatus jdb_kept_step(Journal *j, const JournalStep *step, const char *now);

#endif
