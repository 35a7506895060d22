/* SPDX-License-Identifier: MIT */
/* The journal: one SQLite database (WAL, synchronous FULL) holding the game
 * in progress, finished games, cards seen, check-ins and the journey. */
#include "journal_private.h"
#include "clock.h"

#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <utf8proc.h>

#include "datadir.h"


static const char *const status_messages[JOURNAL_STATUS_COUNT] = {
#define JOURNAL_STATUS_MESSAGE(code, message) [code] = message,
    JOURNAL_STATUS_LIST(JOURNAL_STATUS_MESSAGE)
#undef JOURNAL_STATUS_MESSAGE
};

bool journal_path_problem(const char *path, char *buf, size_t size)
{
    struct stat st;
    buf[0] = '\0';
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            snprintf(buf, size, "%s is a folder, not a file", path);
        else if (!S_ISREG(st.st_mode))
            snprintf(buf, size, "%s is a %s, not a file", path, files_kind(st.st_mode));
        else if (access(path, R_OK | W_OK) != 0)
            snprintf(buf, size, "%s: %s", path, files_errno_words(errno));
        return buf[0] != '\0';
    }
    int err = errno;
    if (err == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        snprintf(buf, size, "%s is a symbolic link to something that does not exist", path);
        return true;
    }
    /* Walk up to the first part of the path that is there: a file standing
     * where a folder should be, or a dangling link, is named. */
    char part[4200];
    snprintf(part, sizeof part, "%s", path);
    for (char *slash = strrchr(part, '/'); slash && slash > part; slash = strrchr(part, '/')) {
        *slash = '\0';
        if (stat(part, &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                snprintf(buf, size, "%s is a %s, where a folder should be", part,
                         S_ISREG(st.st_mode) ? "file" : files_kind(st.st_mode));
            else
                snprintf(buf, size, "%s: %s", path, files_errno_words(err));
            return !S_ISDIR(st.st_mode) || err != ENOENT;
        }
        if (lstat(part, &st) == 0 && S_ISLNK(st.st_mode)) {
            snprintf(buf, size, "%s is a symbolic link to something that does not exist", part);
            return true;
        }
    }
    snprintf(buf, size, "%s: %s", path, files_errno_words(err));
    return err != ENOENT;
}

const char *journal_message(JournalStatus status)
{
    return (unsigned)status < JOURNAL_STATUS_COUNT ? status_messages[status] : "The journal failed in an unknown way.";
}

bool journal_can_start_fresh(JournalStatus status)
{
    return status == JOURNAL_E_CORRUPT || status == JOURNAL_E_NOT_A_DATABASE || status == JOURNAL_E_NEWER_VERSION;
}

static const char *const answer_names[JOURNAL_ANSWERS] = {"", "yes", "not yet", "skip"};

const char *journal_answer_name(JournalAnswer answer)
{
    return (unsigned)answer < JOURNAL_ANSWERS ? answer_names[answer] : "";
}

JournalAnswer jdb_answer_parse(const unsigned char *text)
{
    for (int a = JOURNAL_YES; a < JOURNAL_ANSWERS; a++)
        if (text && strcmp((const char *)text, answer_names[a]) == 0)
            return (JournalAnswer)a;
    return JOURNAL_UNANSWERED;
}

/* ---- SQLite results as statuses ---- */

JournalStatus jdb_status_of(sqlite3 *db, int rc)
{
    int sys = db ? sqlite3_system_errno(db) : 0;
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return JOURNAL_OK;
    case SQLITE_NOMEM:
        return JOURNAL_E_NO_MEMORY;
    case SQLITE_CORRUPT:
        return JOURNAL_E_CORRUPT;
    case SQLITE_NOTADB:
        return JOURNAL_E_NOT_A_DATABASE;
    case SQLITE_FULL:
        return JOURNAL_E_DISK_FULL;
    case SQLITE_READONLY:
        return JOURNAL_E_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return JOURNAL_E_IN_USE;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
        return JOURNAL_E_INVALID;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
        if (sys == ENOSPC || sys == EDQUOT)
            return JOURNAL_E_DISK_FULL;
        if (sys == EROFS || sys == EACCES || sys == EPERM)
            return JOURNAL_E_READ_ONLY;
        return (rc & 0xff) == SQLITE_CANTOPEN ? JOURNAL_E_CANNOT_OPEN : JOURNAL_E_IO;
    default:
        return JOURNAL_E_IO;
    }
}

JournalStatus jdb_status_of_errno(int err)
{
    switch (err) {
    case ENOMEM:
        return JOURNAL_E_NO_MEMORY;
    case ENOSPC:
    case EDQUOT:
        return JOURNAL_E_DISK_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
        return JOURNAL_E_READ_ONLY;
    case ENOENT:
        return JOURNAL_E_NOT_FOUND;
    case EIO:
        return JOURNAL_E_IO;
    default:
        return JOURNAL_E_CANNOT_OPEN;
    }
}

/* ---- small helpers over statements ---- */

char *jdb_dup_text(const void *s)
{
    const char *t = s ? s : "";
    size_t n = strlen(t);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, t, n + 1);
    return d;
}

void jdb_now_text(char *out)
{
    record_format_time(clock_now(), out);
}

JournalStatus jdb_exec(Journal *j, const char *sql)
{
    return jdb_status_of(j->db, sqlite3_exec(j->db, sql, NULL, NULL, NULL));
}

/* Prepares sql and binds the arguments that types describes, one letter per
 * parameter: t text (NULL binds NULL), i int, l long long, b blob (pointer
 * then size_t). */
JournalStatus jdb_prepare(Journal *j, sqlite3_stmt **stmt, const char *sql, const char *types, ...)
{
    int rc = sqlite3_prepare_v2(j->db, sql, -1, stmt, NULL);
    if (rc != SQLITE_OK) {
        *stmt = NULL;
        return jdb_status_of(j->db, rc);
    }
    va_list ap;
    va_start(ap, types);
    for (int i = 0; rc == SQLITE_OK && types[i]; i++) {
        switch (types[i]) {
        case 't': {
            const char *s = va_arg(ap, const char *);
            rc = s ? sqlite3_bind_text(*stmt, i + 1, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(*stmt, i + 1);
            break;
        }
        case 'i':
            rc = sqlite3_bind_int(*stmt, i + 1, va_arg(ap, int));
            break;
        case 'l':
            rc = sqlite3_bind_int64(*stmt, i + 1, va_arg(ap, long long));
            break;
        default: {
            const void *p = va_arg(ap, const void *);
            size_t n = va_arg(ap, size_t);
            rc = sqlite3_bind_blob64(*stmt, i + 1, p ? p : "", n, SQLITE_TRANSIENT);
            break;
        }
        }
    }
    va_end(ap);
    if (rc != SQLITE_OK) {
        JournalStatus st = jdb_status_of(j->db, rc);
        sqlite3_finalize(*stmt);
        *stmt = NULL;
        return st;
    }
    return JOURNAL_OK;
}

/* Runs a statement to its end and finalizes it. */
JournalStatus jdb_finish_stmt(Journal *j, sqlite3_stmt *stmt)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ;
    JournalStatus st = jdb_status_of(j->db, rc);
    sqlite3_finalize(stmt);
    return st;
}

/* Integer result of a one-value query; *value is 0 when it yields no row. */
JournalStatus jdb_query_int(Journal *j, long long *value, const char *sql, long long arg)
{
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(j, &stmt, sql, strchr(sql, '?') ? "l" : "", arg);
    if (st != JOURNAL_OK)
        return st;
    int rc = sqlite3_step(stmt);
    *value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    st = rc == SQLITE_ROW ? JOURNAL_OK : jdb_status_of(j->db, rc);
    sqlite3_finalize(stmt);
    return st;
}

/* Steps through stmt's rows, calling fn on each, then finalizes stmt. */
JournalStatus jdb_step_rows(Journal *j, sqlite3_stmt *stmt, JournalRowFn fn, void *ctx)
{
    JournalStatus st = JOURNAL_OK;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && (st = fn(stmt, ctx)) == JOURNAL_OK)
        ;
    if (st == JOURNAL_OK && rc != SQLITE_DONE)
        st = jdb_status_of(j->db, rc);
    sqlite3_finalize(stmt);
    return st;
}

JournalStatus jdb_begin_write(Journal *j, char *now)
{
    if (now)
        jdb_now_text(now);
    if (j->read_only)
        return JOURNAL_E_READ_ONLY;
    return jdb_exec(j, "BEGIN IMMEDIATE");
}

/* Commits when st is OK, else rolls back; returns the final status. */
JournalStatus jdb_end_write(Journal *j, JournalStatus st)
{
    if (st == JOURNAL_OK)
        st = jdb_exec(j, "COMMIT");
    if (!sqlite3_get_autocommit(j->db))
        sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* ---- couples ---- */

/* A name as the journal compares it: trimmed, NFC, case-folded. */
static char *name_key(const char *name)
{
    const char *s = name ? name : "";
    size_t n = strlen(s);
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &folded,
                                        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (len >= 0)
        return (char *)folded;
    /* Not UTF-8: compare the bytes as they are. */
    char *raw = malloc(n + 1);
    if (raw) {
        memcpy(raw, s, n);
        raw[n] = '\0';
    }
    return raw;
}

/* The couple's key: both name keys, in byte order, joined by a newline. */
char *jdb_couple_key(const char *a, const char *b)
{
    char *ka = name_key(a), *kb = name_key(b), *key = NULL;
    if (ka && kb) {
        if (strcmp(ka, kb) > 0) {
            char *t = ka;
            ka = kb;
            kb = t;
        }
        size_t la = strlen(ka), lb = strlen(kb);
        key = malloc(la + lb + 2);
        if (key) {
            memcpy(key, ka, la);
            key[la] = '\n';
            memcpy(key + la + 1, kb, lb + 1);
        }
    }
    free(ka);
    free(kb);
    return key;
}

/* ---- the game in progress ---- */

JournalStatus journal_begin(Journal *journal, const void *state, size_t len, const char *const *deck_names,
                            size_t deck_count)
{
    char now[RECORD_PLAYED_SIZE];
    JournalStatus st = jdb_begin_write(journal, now);
    if (st != JOURNAL_OK)
        return st;
    sqlite3_stmt *stmt;
    /* The cards kept so far belong to earlier games from now on: dealt
     * again, they are no longer kept. */
    st = jdb_exec(journal, "DELETE FROM progress_steps; DELETE FROM progress_decks; UPDATE kept SET this_game = 0");
    if (st == JOURNAL_OK)
        st = jdb_prepare(journal, &stmt,
                     "INSERT OR REPLACE INTO progress (id, started, updated, state, start) VALUES (1, ?, ?, ?, ?)",
                     "ttbb", now, now, state, len, state, len);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(journal, stmt);
    for (size_t i = 0; st == JOURNAL_OK && i < deck_count; i++) {
        st = jdb_prepare(journal, &stmt, "INSERT INTO progress_decks (position, name) VALUES (?, ?)", "it", (int)i,
                     deck_names[i] ? deck_names[i] : "");
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(journal, stmt);
    }
    return jdb_end_write(journal, st);
}

void journal_names_free(char **names, size_t count)
{
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}

typedef struct {
    char **texts;
    size_t count;
} TextList;

static JournalStatus text_row(sqlite3_stmt *stmt, void *arg)
{
    TextList *list = arg;
    char **more = realloc(list->texts, (list->count + 1) * sizeof *more);
    if (!more)
        return JOURNAL_E_NO_MEMORY;
    list->texts = more;
    char *text = jdb_dup_text(sqlite3_column_text(stmt, 0));
    if (!text)
        return JOURNAL_E_NO_MEMORY;
    list->texts[list->count++] = text;
    return JOURNAL_OK;
}

JournalStatus jdb_text_rows(Journal *j, const char *sql, long long arg, char ***texts, size_t *count)
{
    *texts = NULL;
    *count = 0;
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(j, &stmt, sql, strchr(sql, '?') ? "l" : "", arg);
    if (st != JOURNAL_OK)
        return st;
    TextList list = {0};
    st = jdb_step_rows(j, stmt, text_row, &list);
    if (st != JOURNAL_OK) {
        journal_names_free(list.texts, list.count);
        return st;
    }
    *texts = list.texts;
    *count = list.count;
    return JOURNAL_OK;
}

JournalStatus journal_progress_decks(Journal *journal, char ***names, size_t *count)
{
    return jdb_text_rows(journal, "SELECT name FROM progress_decks ORDER BY position", 0, names, count);
}

static JournalStatus mark_seen(Journal *j, const char *a, const char *b, const char *const *texts, size_t count,
                               const char *now)
{
    if (!a || !b || !texts || count == 0)
        return JOURNAL_OK;
    char *couple = jdb_couple_key(a, b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    JournalStatus st = JOURNAL_OK;
    for (size_t i = 0; i < count && st == JOURNAL_OK; i++) {
        if (!texts[i])
            continue;
        sqlite3_stmt *stmt;
        st = jdb_prepare(j, &stmt,
                     "INSERT INTO seen (couple, card, first_seen, last_seen) VALUES (?1, ?2, ?3, ?3) "
                     "ON CONFLICT (couple, card) DO UPDATE SET last_seen = excluded.last_seen",
                     "ttt", couple, texts[i], now);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    free(couple);
    return st;
}

static JournalStatus record_finished(Journal *j, Record *record, const void *final, size_t len, long long *id);

JournalStatus journal_step(Journal *journal, const JournalStep *step)
{
    if (!step->action || !step->state)
        return JOURNAL_E_INVALID;
    char now[RECORD_PLAYED_SIZE];
    JournalStatus st = jdb_begin_write(journal, now);
    if (st != JOURNAL_OK)
        return st;
    sqlite3_stmt *stmt;
    st = jdb_prepare(journal, &stmt, "UPDATE progress SET state = ?, updated = ? WHERE id = 1", "bt", step->state,
                 step->len, now);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(journal, stmt);
    if (st == JOURNAL_OK && sqlite3_changes(journal->db) == 0)
        st = JOURNAL_E_NO_GAME;
    if (st == JOURNAL_OK)
        st = jdb_prepare(journal, &stmt, "INSERT INTO progress_steps (action, at) VALUES (?, ?)", "tt", step->action,
                     now);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(journal, stmt);
    if (st == JOURNAL_OK)
        st = mark_seen(journal, step->names[0], step->names[1], step->seen, step->seen_count, now);
    if (st == JOURNAL_OK)
        st = jdb_kept_step(journal, step, now);
    long long id = 0;
    if (st == JOURNAL_OK && step->finished)
        st = record_finished(journal, step->finished, NULL, 0, &id);
    st = jdb_end_write(journal, st);
    if (st == JOURNAL_OK && step->finished)
        step->finished->id = id;
    return st;
}

bool journal_has_progress(Journal *journal)
{
    long long n = 0;
    return jdb_query_int(journal, &n, "SELECT count(*) FROM progress", 0) == JOURNAL_OK && n > 0;
}

JournalStatus journal_progress_updated(Journal *journal, char *out)
{
    out[0] = '\0';
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(journal, &stmt, "SELECT updated FROM progress WHERE id = 1", "");
    if (st != JOURNAL_OK)
        return st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(stmt, 0);
        snprintf(out, RECORD_PLAYED_SIZE, "%s", text ? (const char *)text : "");
        st = JOURNAL_OK;
    } else {
        st = rc == SQLITE_DONE ? JOURNAL_E_NO_GAME : jdb_status_of(journal->db, rc);
    }
    sqlite3_finalize(stmt);
    return st;
}

JournalStatus journal_resume(Journal *journal, char **state, size_t *len, long *steps)
{
    *state = NULL;
    *len = 0;
    sqlite3_stmt *stmt;
    /* One read transaction, so the state and the count agree. */
    JournalStatus st = jdb_exec(journal, "BEGIN");
    if (st != JOURNAL_OK)
        return st;
    st = jdb_prepare(journal, &stmt, "SELECT state, (SELECT count(*) FROM progress_steps) FROM progress WHERE id = 1", "");
    if (st == JOURNAL_OK) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            size_t n = (size_t)sqlite3_column_bytes(stmt, 0);
            const void *blob = sqlite3_column_blob(stmt, 0);
            char *copy = malloc(n + 1);
            if (copy) {
                if (n)
                    memcpy(copy, blob, n);
                copy[n] = '\0';
                *state = copy;
                *len = n;
                if (steps)
                    *steps = (long)sqlite3_column_int64(stmt, 1);
            } else {
                st = JOURNAL_E_NO_MEMORY;
            }
        } else {
            st = rc == SQLITE_DONE ? JOURNAL_E_NO_GAME : jdb_status_of(journal->db, rc);
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_exec(journal->db, "COMMIT", NULL, NULL, NULL);
    return st;
}

JournalStatus journal_progress_actions(Journal *journal, char ***actions, size_t *count)
{
    return jdb_text_rows(journal, "SELECT action FROM progress_steps ORDER BY step", 0, actions, count);
}

JournalStatus journal_abandon(Journal *journal)
{
    JournalStatus st = jdb_begin_write(journal, NULL);
    if (st != JOURNAL_OK)
        return st;
    st = jdb_exec(journal, "DELETE FROM progress_steps; DELETE FROM progress_decks; DELETE FROM progress");
    return jdb_end_write(journal, st);
}

/* ---- finished games ---- */

static bool record_valid(const Record *r)
{
    int y, m, d;
    if (!r->names[0] || !r->names[1] || !r->names[0][0] || !r->names[1][0])
        return false;
    if (strlen(r->played) != RECORD_PLAYED_SIZE - 1 || !record_parse_date(r->played, &y, &m, &d))
        return false;
    for (int p = 0; p < 2; p++)
        if ((unsigned)r->needs[p] >= NEED_COUNT || r->passes[p] < 0)
            return false;
    if (r->rounds < 1 || r->rounds > 7 || r->stars < 0 || r->stars > r->rounds)
        return false;
    if ((r->deck_count && !r->decks) || (r->balance_count && !r->balances) || (r->plan_count && !r->plans) ||
        (r->goal_count && !r->goals))
        return false;
    for (size_t i = 0; i < r->deck_count; i++)
        if (!r->decks[i])
            return false;
    for (size_t i = 0; i < r->plan_count; i++) {
        const RecordPlan *p = &r->plans[i];
        if (!p->text || p->day < 0 || p->day >= RECORD_DAYS || (unsigned)p->time >= GAME_TIMES)
            return false;
    }
    for (size_t i = 0; i < r->goal_count; i++) {
        const RecordGoal *g = &r->goals[i];
        if (!g->text || !g->support || g->day < 0 || g->day >= RECORD_DAYS || g->partner < 0 || g->partner > 1)
            return false;
    }
    return true;
}

static JournalStatus insert_record(Journal *j, const Record *r, long long *id)
{
    char *couple = jdb_couple_key(r->names[0], r->names[1]);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(j, &stmt,
                               "INSERT INTO games (played, couple, name1, name2, need1, need2, rounds, stars, "
                               "passes1, passes2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               "ttttttiiii", r->played, couple, r->names[0], r->names[1], game_need_name((Need)r->needs[0]),
                               game_need_name((Need)r->needs[1]), r->rounds, r->stars, r->passes[0], r->passes[1]);
    free(couple);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(j, stmt);
    if (st != JOURNAL_OK)
        return st;
    *id = sqlite3_last_insert_rowid(j->db);
    for (size_t i = 0; st == JOURNAL_OK && i < r->deck_count; i++) {
        st = jdb_prepare(j, &stmt, "INSERT INTO game_decks (game, position, name) VALUES (?, ?, ?)", "lit", *id, (int)i,
                     r->decks[i]);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && i < r->balance_count; i++) {
        st = jdb_prepare(j, &stmt, "INSERT INTO balances (game, step, balance) VALUES (?, ?, ?)", "lii", *id, (int)i,
                     r->balances[i]);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && i < r->plan_count; i++) {
        const RecordPlan *p = &r->plans[i];
        st = jdb_prepare(j, &stmt, "INSERT INTO plans (game, position, text, day, time) VALUES (?, ?, ?, ?, ?)", "litii",
                     *id, (int)i, p->text, p->day, (int)p->time);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && i < r->goal_count; i++) {
        const RecordGoal *g = &r->goals[i];
        st = jdb_prepare(j, &stmt,
                     "INSERT INTO goals (game, position, partner, text, day, support) VALUES (?, ?, ?, ?, ?, ?)",
                     "liitit", *id, (int)i, g->partner, g->text, g->day, g->support);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    return st;
}

/* Inside a write transaction: keeps what replays finished game id, the
 * game in progress's start, its end (final, or the state kept) and its
 * actions renumbered from 1. Nothing when no game is in progress. */
static JournalStatus keep_replay(Journal *j, long long id, const void *final, size_t len)
{
    sqlite3_stmt *stmt;
    JournalStatus st =
        final ? jdb_prepare(j, &stmt, "INSERT INTO replays (game, start, final) SELECT ?, start, ? FROM progress", "lb",
                            id, final, len)
              : jdb_prepare(j, &stmt, "INSERT INTO replays (game, start, final) SELECT ?, start, state FROM progress",
                            "l", id);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(j, stmt);
    if (st != JOURNAL_OK || sqlite3_changes(j->db) == 0)
        return st;
    st = jdb_prepare(j, &stmt,
                     "INSERT INTO replay_steps (game, step, action) "
                     "SELECT ?, row_number() OVER (ORDER BY step), action FROM progress_steps",
                     "l", id);
    return st == JOURNAL_OK ? jdb_finish_stmt(j, stmt) : st;
}

/* Inside a write transaction: stores record as a finished game, naming the
 * decks journal_begin kept when it names none, keeps its replay, and ends
 * the game in progress. */
static JournalStatus record_finished(Journal *j, Record *record, const void *final, size_t len, long long *id)
{
    JournalStatus st = JOURNAL_OK;
    if (record->deck_count == 0) {
        char **names;
        size_t count;
        st = journal_progress_decks(j, &names, &count);
        for (size_t i = 0; st == JOURNAL_OK && i < count; i++)
            if (!record_add_deck(record, names[i]))
                st = JOURNAL_E_NO_MEMORY;
        journal_names_free(names, count);
    }
    if (st == JOURNAL_OK && !record_valid(record))
        st = JOURNAL_E_INVALID;
    if (st == JOURNAL_OK)
        st = insert_record(j, record, id);
    if (st == JOURNAL_OK)
        st = keep_replay(j, *id, final, len);
    if (st == JOURNAL_OK)
        st = jdb_exec(j, "DELETE FROM progress_steps; DELETE FROM progress_decks; DELETE FROM progress");
    return st;
}

JournalStatus journal_finish_with(Journal *journal, Record *record, const void *final, size_t len)
{
    if (!record_valid(record))
        return JOURNAL_E_INVALID;
    JournalStatus st = jdb_begin_write(journal, NULL);
    if (st != JOURNAL_OK)
        return st;
    long long id = 0;
    st = record_finished(journal, record, final, len, &id);
    st = jdb_end_write(journal, st);
    if (st == JOURNAL_OK)
        record->id = id;
    return st;
}

JournalStatus journal_finish(Journal *journal, Record *record)
{
    return journal_finish_with(journal, record, NULL, 0);
}
