/* SPDX-License-Identifier: MIT */
/* The journal: one SQLite database (WAL, synchronous FULL) holding the game
 * in progress, finished games, cards seen, check-ins and the journey. */
#include "journal.h"

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

struct Journal {
    sqlite3 *db;
    int lock_fd; /* holds the exclusive flock of a writer; -1 when read-only */
    bool read_only;
    bool had_wal, had_shm; /* read-only: the -wal and -shm were there before it opened */
    time_t (*clock)(void);
    char *path;
};

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

/* The schema, one step per version: migrations[v] takes a journal from
 * version v to v + 1. Version 0 is the empty file. Never edit a step that
 * has shipped; add the next one (and a fixture of the old version to
 * tests/fixtures/). */
static const char *const migrations[JOURNAL_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE progress (\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  started TEXT NOT NULL,\n"
    "  updated TEXT NOT NULL,\n"
    "  state BLOB NOT NULL\n"
    ");\n"
    "CREATE TABLE progress_steps (\n"
    "  step INTEGER PRIMARY KEY,\n"
    "  action TEXT NOT NULL,\n"
    "  at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE games (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  played TEXT NOT NULL,\n"
    "  couple TEXT NOT NULL,\n"
    "  name1 TEXT NOT NULL,\n"
    "  name2 TEXT NOT NULL,\n"
    "  need1 TEXT NOT NULL CHECK (need1 IN ('balanced', 'closer', 'space')),\n"
    "  need2 TEXT NOT NULL CHECK (need2 IN ('balanced', 'closer', 'space')),\n"
    "  rounds INTEGER NOT NULL CHECK (rounds BETWEEN 1 AND 7),\n"
    "  stars INTEGER NOT NULL CHECK (stars BETWEEN 0 AND rounds),\n"
    "  passes1 INTEGER NOT NULL CHECK (passes1 >= 0),\n"
    "  passes2 INTEGER NOT NULL CHECK (passes2 >= 0)\n"
    ");\n"
    "CREATE INDEX games_by_couple ON games (couple, id);\n"
    "CREATE TABLE game_decks (\n"
    "  game INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  PRIMARY KEY (game, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE balances (\n"
    "  game INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,\n"
    "  step INTEGER NOT NULL,\n"
    "  balance INTEGER NOT NULL,\n"
    "  PRIMARY KEY (game, step)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE plans (\n"
    "  game INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 7),\n"
    "  time INTEGER NOT NULL CHECK (time BETWEEN 0 AND 3),\n"
    "  answer TEXT CHECK (answer IN ('yes', 'not yet', 'skip')),\n"
    "  answered TEXT,\n"
    "  PRIMARY KEY (game, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE goals (\n"
    "  game INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n"
    "  partner INTEGER NOT NULL CHECK (partner IN (0, 1)),\n"
    "  text TEXT NOT NULL,\n"
    "  day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 7),\n"
    "  support TEXT NOT NULL,\n"
    "  answer TEXT CHECK (answer IN ('yes', 'not yet', 'skip')),\n"
    "  answered TEXT,\n"
    "  PRIMARY KEY (game, position)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE seen (\n"
    "  couple TEXT NOT NULL,\n"
    "  card TEXT NOT NULL,\n"
    "  first_seen TEXT NOT NULL,\n"
    "  last_seen TEXT NOT NULL,\n"
    "  PRIMARY KEY (couple, card)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX seen_by_time ON seen (couple, last_seen);\n",
    /* 1 -> 2: the decks of the game in progress, for its record */
    "CREATE TABLE progress_decks (\n"
    "  position INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL\n"
    ");\n",
    /* 2 -> 3: sharing cards answered privately on the phones, when the
     * couple keeps such answers */
    "CREATE TABLE answers (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  couple TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  card TEXT NOT NULL,\n"
    "  answers TEXT NOT NULL\n"
    ");\n",
};

static const char *const need_names[RECORD_NEEDS] = {"balanced", "closer", "space"};
static const char *const answer_names[JOURNAL_ANSWERS] = {"", "yes", "not yet", "skip"};

const char *journal_answer_name(JournalAnswer answer)
{
    return (unsigned)answer < JOURNAL_ANSWERS ? answer_names[answer] : "";
}

static JournalAnswer answer_parse(const unsigned char *text)
{
    for (int a = JOURNAL_YES; a < JOURNAL_ANSWERS; a++)
        if (text && strcmp((const char *)text, answer_names[a]) == 0)
            return (JournalAnswer)a;
    return JOURNAL_UNANSWERED;
}

/* ---- SQLite results as statuses ---- */

static JournalStatus status_of(sqlite3 *db, int rc)
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

static JournalStatus status_of_errno(int err)
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

static char *dup_text(const void *s)
{
    const char *t = s ? s : "";
    size_t n = strlen(t);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, t, n + 1);
    return d;
}

static void now_text(const Journal *j, char *out)
{
    record_format_time(j->clock ? j->clock() : time(NULL), out);
}

static JournalStatus exec(Journal *j, const char *sql)
{
    return status_of(j->db, sqlite3_exec(j->db, sql, NULL, NULL, NULL));
}

/* Prepares sql and binds the arguments that types describes, one letter per
 * parameter: t text (NULL binds NULL), i int, l long long, b blob (pointer
 * then size_t). */
static JournalStatus prepare(Journal *j, sqlite3_stmt **stmt, const char *sql, const char *types, ...)
{
    int rc = sqlite3_prepare_v2(j->db, sql, -1, stmt, NULL);
    if (rc != SQLITE_OK) {
        *stmt = NULL;
        return status_of(j->db, rc);
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
        JournalStatus st = status_of(j->db, rc);
        sqlite3_finalize(*stmt);
        *stmt = NULL;
        return st;
    }
    return JOURNAL_OK;
}

/* Runs a statement to its end and finalizes it. */
static JournalStatus finish_stmt(Journal *j, sqlite3_stmt *stmt)
{
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ;
    JournalStatus st = status_of(j->db, rc);
    sqlite3_finalize(stmt);
    return st;
}

/* Integer result of a one-value query; *value is 0 when it yields no row. */
static JournalStatus query_int(Journal *j, long long *value, const char *sql, long long arg)
{
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(j, &stmt, sql, strchr(sql, '?') ? "l" : "", arg);
    if (st != JOURNAL_OK)
        return st;
    int rc = sqlite3_step(stmt);
    *value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    st = rc == SQLITE_ROW ? JOURNAL_OK : status_of(j->db, rc);
    sqlite3_finalize(stmt);
    return st;
}

static JournalStatus begin_write(Journal *j)
{
    if (j->read_only)
        return JOURNAL_E_READ_ONLY;
    return exec(j, "BEGIN IMMEDIATE");
}

/* Commits when st is OK, else rolls back; returns the final status. */
static JournalStatus end_write(Journal *j, JournalStatus st)
{
    if (st == JOURNAL_OK)
        st = exec(j, "COMMIT");
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
static char *couple_key(const char *a, const char *b)
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

/* ---- opening ---- */

static const char sqlite_magic[16] = "SQLite format 3";

/* Reads the first bytes through fd: true when the file is empty or starts
 * like an SQLite database. */
static bool looks_like_sqlite(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    if (st.st_size == 0)
        return true;
    char head[16];
    return st.st_size >= 512 && pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
           memcmp(head, sqlite_magic, sizeof head) == 0;
}

static void remove_created(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char p[4096];
        if (snprintf(p, sizeof p, "%s%s", path, suffixes[i]) < (int)sizeof p)
            unlink(p);
    }
}

/* Checks what the file is before anything is written to it. */
static JournalStatus identify(Journal *j, long long *version)
{
    long long app_id, tables;
    JournalStatus st = query_int(j, &app_id, "PRAGMA application_id", 0);
    if (st == JOURNAL_OK)
        st = query_int(j, version, "PRAGMA user_version", 0);
    if (st == JOURNAL_OK)
        st = query_int(j, &tables, "SELECT count(*) FROM sqlite_master", 0);
    if (st != JOURNAL_OK)
        return st;
    if (app_id != JOURNAL_APPLICATION_ID && (app_id != 0 || *version != 0 || tables != 0))
        return JOURNAL_E_NOT_A_DATABASE;
    if (*version > JOURNAL_SCHEMA_VERSION)
        return JOURNAL_E_NEWER_VERSION;
    if (tables == 0)
        return JOURNAL_OK;
    sqlite3_stmt *stmt;
    st = prepare(j, &stmt, "PRAGMA quick_check(1)", "");
    if (st != JOURNAL_OK)
        return st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char *r = sqlite3_column_text(stmt, 0);
        st = r && strcmp((const char *)r, "ok") == 0 ? JOURNAL_OK : JOURNAL_E_CORRUPT;
    } else {
        st = status_of(j->db, rc);
    }
    sqlite3_finalize(stmt);
    return st;
}

static JournalStatus migrate(Journal *j, long long from)
{
    if (from >= JOURNAL_SCHEMA_VERSION)
        return JOURNAL_OK;
    JournalStatus st = exec(j, "BEGIN IMMEDIATE");
    for (long long v = from; st == JOURNAL_OK && v < JOURNAL_SCHEMA_VERSION; v++)
        st = exec(j, migrations[v]);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d", JOURNAL_APPLICATION_ID,
             JOURNAL_SCHEMA_VERSION);
    if (st == JOURNAL_OK)
        st = exec(j, sql);
    if (st == JOURNAL_OK)
        st = exec(j, "COMMIT");
    if (!sqlite3_get_autocommit(j->db))
        sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* Read-only open of an older journal: work on a migrated copy in memory. */
static JournalStatus copy_to_memory(Journal *j)
{
    sqlite3 *mem = NULL;
    int rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(mem);
        return JOURNAL_E_NO_MEMORY;
    }
    sqlite3_backup *backup = sqlite3_backup_init(mem, "main", j->db, "main");
    if (!backup) {
        JournalStatus st = status_of(mem, sqlite3_errcode(mem));
        sqlite3_close(mem);
        return st;
    }
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        sqlite3_close(mem);
        return status_of(j->db, rc);
    }
    sqlite3_close(j->db);
    j->db = mem;
    return JOURNAL_OK;
}

static bool exists_with(const char *path, const char *suffix)
{
    char p[4200];
    struct stat st;
    return snprintf(p, sizeof p, "%s%s", path, suffix) < (int)sizeof p && lstat(p, &st) == 0;
}

/* Opens the SQLite connection; immutable (read-only only) reads the file
 * as it stands, through a URI with the path percent-encoded. */
static JournalStatus open_sqlite(Journal *j, const JournalOptions *opt, bool immutable)
{
    int flags = (j->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
    char *uri = NULL;
    const char *name = j->path;
    if (immutable) {
        static const char hex[] = "0123456789ABCDEF", tail[] = "?immutable=1";
        size_t n = strlen(j->path), size = 5 + 3 * n + sizeof tail;
        uri = malloc(size);
        if (!uri)
            return JOURNAL_E_NO_MEMORY;
        size_t o = 0;
        memcpy(uri, "file:", 5);
        o = 5;
        for (const unsigned char *p = (const unsigned char *)j->path; *p; p++) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                strchr("/-._~", *p)) {
                uri[o++] = (char)*p;
            } else {
                uri[o++] = '%';
                uri[o++] = hex[*p >> 4];
                uri[o++] = hex[*p & 15];
            }
        }
        memcpy(uri + o, tail, sizeof tail);
        name = uri;
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(name, &j->db, flags, NULL);
    free(uri);
    if (rc != SQLITE_OK)
        return status_of(j->db, rc);
    sqlite3_extended_result_codes(j->db, 1);
    if (!j->read_only && sqlite3_db_readonly(j->db, "main") == 1)
        return JOURNAL_E_READ_ONLY;
    sqlite3_busy_timeout(j->db, opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms : 250);
    return JOURNAL_OK;
}

static JournalStatus open_checked(Journal *j, const JournalOptions *opt, bool *created)
{
    struct stat info;
    /* Only a regular file (or none yet) can be a journal: a FIFO would
     * block the open, a device would read as an empty journal. */
    if (stat(j->path, &info) == 0 && !S_ISREG(info.st_mode))
        return JOURNAL_E_CANNOT_OPEN;
    if (j->read_only) {
        /* No descriptor of our own here: closing one would drop the POSIX
         * locks SQLite holds on the file for a writer in this process. */
        if (access(j->path, R_OK) != 0)
            return status_of_errno(errno);
        /* A writer's rule below, by size alone: SQLite would read a file too
         * short for its header as an empty journal, and show no games. */
        if (stat(j->path, &info) == 0 && info.st_size > 0 && info.st_size < 512)
            return JOURNAL_E_NOT_A_DATABASE;
    } else {
        int fd = open(j->path, O_RDWR | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT) {
            fd = open(j->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            *created = fd >= 0;
        }
        if (fd < 0)
            return status_of_errno(errno);
        j->lock_fd = fd;
        if (flock(fd, LOCK_EX | LOCK_NB) != 0)
            return errno == EWOULDBLOCK ? JOURNAL_E_IN_USE : status_of_errno(errno);
        /* Checked before SQLite may write anything to it. */
        if (!looks_like_sqlite(fd))
            return JOURNAL_E_NOT_A_DATABASE;
    }

    JournalStatus st = open_sqlite(j, opt, false);
    long long version = 0;
    if (st == JOURNAL_OK)
        st = identify(j, &version);
    if (st != JOURNAL_OK && j->read_only && !exists_with(j->path, "-wal") &&
        (st == JOURNAL_E_READ_ONLY || st == JOURNAL_E_CANNOT_OPEN)) {
        /* A WAL journal whose folder we cannot write (so no -shm can be
         * made) and that no copy is writing (no -wal): read the file as it
         * stands, without locks. */
        sqlite3_close(j->db);
        j->db = NULL;
        st = open_sqlite(j, opt, true);
        if (st == JOURNAL_OK)
            st = identify(j, &version);
    }
    if (st != JOURNAL_OK)
        return st;
    if (j->read_only) {
        if (version < JOURNAL_SCHEMA_VERSION) {
            st = copy_to_memory(j);
            if (st == JOURNAL_OK)
                st = migrate(j, version);
        }
        return st;
    }

    /* Only now, with the file known to be ours, is anything written. */
    sqlite3_stmt *stmt;
    st = prepare(j, &stmt, "PRAGMA journal_mode = WAL", "");
    if (st == JOURNAL_OK)
        st = finish_stmt(j, stmt);
    if (st == JOURNAL_OK)
        st = exec(j, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
    if (st == JOURNAL_OK && opt->max_pages > 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", opt->max_pages);
        st = exec(j, sql);
    }
    if (st == JOURNAL_OK)
        st = migrate(j, version);
    return st;
}

JournalStatus journal_open(const char *path, const JournalOptions *opt, Journal **out)
{
    static const JournalOptions defaults;
    if (!opt)
        opt = &defaults;
    *out = NULL;
    Journal *j = calloc(1, sizeof *j);
    if (!j || !(j->path = dup_text(path))) {
        free(j);
        return JOURNAL_E_NO_MEMORY;
    }
    j->lock_fd = -1;
    j->read_only = opt->read_only;
    j->clock = opt->clock;
    j->had_wal = exists_with(path, "-wal");
    j->had_shm = exists_with(path, "-shm");
    bool created = false;
    JournalStatus st = open_checked(j, opt, &created);
    if (st != JOURNAL_OK) {
        /* Leave a refused file exactly as it was: no checkpoint on close. */
        if (j->db)
            sqlite3_db_config(j->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
        sqlite3_close(j->db);
        j->db = NULL;
        if (created && st != JOURNAL_E_IN_USE)
            remove_created(j->path);
        journal_close(j);
        return st;
    }
    *out = j;
    return JOURNAL_OK;
}

JournalStatus journal_open_default(const JournalOptions *opt, Journal **out, char *path, size_t size)
{
    char buf[4096];
    *out = NULL;
    if (path && size)
        path[0] = '\0';
    if (datadir_path(buf, sizeof buf) != 0)
        return errno == ENOENT || errno == EINVAL ? JOURNAL_E_NO_PLACE : JOURNAL_E_CANNOT_OPEN;
    bool reading = opt && opt->read_only;
    /* Reading never creates the data folder. */
    int ok = reading ? 0 : datadir_file(JOURNAL_FILE_NAME, buf, sizeof buf);
    int err = errno;
    if (reading || ok != 0) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "/%s", JOURNAL_FILE_NAME);
    }
    if (path && size)
        snprintf(path, size, "%s", buf);
    if (ok != 0)
        return err == ENOENT ? JOURNAL_E_CANNOT_OPEN : status_of_errno(err);
    return journal_open(buf, opt, out);
}

/* A reader (--history, --export) leaves nothing behind: the -shm and the
 * empty -wal SQLite made for it are removed, when no copy of the game holds
 * the journal (its writer's flock is taken here while they go). */
static void tidy_after_reading(const Journal *journal)
{
    int fd = open(journal->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        char p[4200];
        struct stat st;
        if (!journal->had_wal && snprintf(p, sizeof p, "%s-wal", journal->path) < (int)sizeof p && stat(p, &st) == 0 &&
            st.st_size == 0)
            unlink(p);
        if (!journal->had_shm && !exists_with(journal->path, "-wal") &&
            snprintf(p, sizeof p, "%s-shm", journal->path) < (int)sizeof p)
            unlink(p);
        flock(fd, LOCK_UN);
    }
    close(fd);
}

void journal_close(Journal *journal)
{
    if (!journal)
        return;
    /* SQLite first: closing the lock's descriptor while SQLite still has
     * the file open would drop SQLite's own POSIX locks. */
    sqlite3_close(journal->db);
    if (journal->lock_fd >= 0)
        close(journal->lock_fd);
    if (journal->read_only && (!journal->had_wal || !journal->had_shm))
        tidy_after_reading(journal);
    free(journal->path);
    free(journal);
}

bool journal_read_only(const Journal *journal)
{
    return journal->read_only;
}

const char *journal_path(const Journal *journal)
{
    return journal->path;
}

/* ---- moving a broken journal aside ---- */

static const char *const companions[] = {"", "-wal", "-shm", "-journal"};
enum { COMPANIONS = sizeof companions / sizeof *companions };

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Renames from to to, failing with EEXIST rather than replacing anything. */
static int rename_new(const char *from, const char *to)
{
    if (link(from, to) == 0)
        return unlink(from);
    if (errno == EEXIST)
        return -1;
    /* No hard links here (some file systems): check, then rename. */
    if (exists(to)) {
        errno = EEXIST;
        return -1;
    }
    return rename(from, to);
}

JournalStatus journal_move_aside(const char *path, time_t now, char *moved, size_t size)
{
    if (moved && size)
        moved[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return status_of_errno(errno);
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        close(fd);
        return err == EWOULDBLOCK ? JOURNAL_E_IN_USE : status_of_errno(err);
    }
    if (now == 0)
        now = time(NULL);
    struct tm tm;
    char stamp[32] = "00000000-000000";
    if (localtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);

    JournalStatus st = JOURNAL_E_CANNOT_OPEN;
    for (int n = 1; n < 1000; n++) {
        char stem[4096], from[4200], to[4200];
        int len = n == 1 ? snprintf(stem, sizeof stem, "%s.broken-%s", path, stamp)
                         : snprintf(stem, sizeof stem, "%s.broken-%s-%d", path, stamp, n);
        if (len < 0 || (size_t)len >= sizeof stem) {
            st = JOURNAL_E_CANNOT_OPEN;
            break;
        }
        bool free_name = true;
        for (int c = 0; c < COMPANIONS && free_name; c++) {
            snprintf(to, sizeof to, "%s%s", stem, companions[c]);
            free_name = !exists(to);
        }
        if (!free_name)
            continue;
        if (rename_new(path, stem) != 0) {
            if (errno == EEXIST)
                continue; /* taken in the meantime */
            st = status_of_errno(errno);
            break;
        }
        st = JOURNAL_OK;
        if (moved && size)
            snprintf(moved, size, "%s", stem);
        for (int c = 1; c < COMPANIONS; c++) {
            snprintf(from, sizeof from, "%s%s", path, companions[c]);
            snprintf(to, sizeof to, "%s%s", stem, companions[c]);
            if (exists(from) && rename_new(from, to) != 0 && st == JOURNAL_OK)
                st = status_of_errno(errno);
        }
        break;
    }
    close(fd);
    return st;
}

/* ---- the game in progress ---- */

JournalStatus journal_begin(Journal *journal, const void *state, size_t len, const char *const *deck_names,
                            size_t deck_count)
{
    char now[RECORD_PLAYED_SIZE];
    now_text(journal, now);
    JournalStatus st = begin_write(journal);
    if (st != JOURNAL_OK)
        return st;
    sqlite3_stmt *stmt;
    st = exec(journal, "DELETE FROM progress_steps; DELETE FROM progress_decks");
    if (st == JOURNAL_OK)
        st = prepare(journal, &stmt,
                     "INSERT OR REPLACE INTO progress (id, started, updated, state) VALUES (1, ?, ?, ?)", "ttb",
                     now, now, state, len);
    if (st == JOURNAL_OK)
        st = finish_stmt(journal, stmt);
    for (size_t i = 0; st == JOURNAL_OK && i < deck_count; i++) {
        st = prepare(journal, &stmt, "INSERT INTO progress_decks (position, name) VALUES (?, ?)", "it", (int)i,
                     deck_names[i] ? deck_names[i] : "");
        if (st == JOURNAL_OK)
            st = finish_stmt(journal, stmt);
    }
    return end_write(journal, st);
}

void journal_names_free(char **names, size_t count)
{
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}

JournalStatus journal_progress_decks(Journal *journal, char ***names, size_t *count)
{
    *names = NULL;
    *count = 0;
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(journal, &stmt, "SELECT name FROM progress_decks ORDER BY position", "");
    if (st != JOURNAL_OK)
        return st;
    int rc;
    while (st == JOURNAL_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char **more = realloc(*names, (*count + 1) * sizeof *more);
        char *name = more ? dup_text(sqlite3_column_text(stmt, 0)) : NULL;
        if (more)
            *names = more;
        if (!name)
            st = JOURNAL_E_NO_MEMORY;
        else
            (*names)[(*count)++] = name;
    }
    if (st == JOURNAL_OK && rc != SQLITE_DONE)
        st = status_of(journal->db, rc);
    sqlite3_finalize(stmt);
    if (st != JOURNAL_OK) {
        journal_names_free(*names, *count);
        *names = NULL;
        *count = 0;
    }
    return st;
}

static JournalStatus mark_seen(Journal *j, const char *a, const char *b, const char *const *texts, size_t count,
                               const char *now)
{
    if (!a || !b || !texts || count == 0)
        return JOURNAL_OK;
    char *couple = couple_key(a, b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    JournalStatus st = JOURNAL_OK;
    for (size_t i = 0; i < count && st == JOURNAL_OK; i++) {
        if (!texts[i])
            continue;
        sqlite3_stmt *stmt;
        st = prepare(j, &stmt,
                     "INSERT INTO seen (couple, card, first_seen, last_seen) VALUES (?1, ?2, ?3, ?3) "
                     "ON CONFLICT (couple, card) DO UPDATE SET last_seen = excluded.last_seen",
                     "ttt", couple, texts[i], now);
        if (st == JOURNAL_OK)
            st = finish_stmt(j, stmt);
    }
    free(couple);
    return st;
}

static JournalStatus record_finished(Journal *j, Record *record, long long *id);

JournalStatus journal_step(Journal *journal, const JournalStep *step)
{
    if (!step->action || !step->state)
        return JOURNAL_E_INVALID;
    char now[RECORD_PLAYED_SIZE];
    now_text(journal, now);
    JournalStatus st = begin_write(journal);
    if (st != JOURNAL_OK)
        return st;
    sqlite3_stmt *stmt;
    st = prepare(journal, &stmt, "UPDATE progress SET state = ?, updated = ? WHERE id = 1", "bt", step->state,
                 step->len, now);
    if (st == JOURNAL_OK)
        st = finish_stmt(journal, stmt);
    if (st == JOURNAL_OK && sqlite3_changes(journal->db) == 0)
        st = JOURNAL_E_NO_GAME;
    if (st == JOURNAL_OK)
        st = prepare(journal, &stmt, "INSERT INTO progress_steps (action, at) VALUES (?, ?)", "tt", step->action,
                     now);
    if (st == JOURNAL_OK)
        st = finish_stmt(journal, stmt);
    if (st == JOURNAL_OK)
        st = mark_seen(journal, step->names[0], step->names[1], step->seen, step->seen_count, now);
    long long id = 0;
    if (st == JOURNAL_OK && step->finished)
        st = record_finished(journal, step->finished, &id);
    st = end_write(journal, st);
    if (st == JOURNAL_OK && step->finished)
        step->finished->id = id;
    return st;
}

bool journal_has_progress(Journal *journal)
{
    long long n = 0;
    return query_int(journal, &n, "SELECT count(*) FROM progress", 0) == JOURNAL_OK && n > 0;
}

JournalStatus journal_progress_updated(Journal *journal, char *out)
{
    out[0] = '\0';
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(journal, &stmt, "SELECT updated FROM progress WHERE id = 1", "");
    if (st != JOURNAL_OK)
        return st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(stmt, 0);
        snprintf(out, RECORD_PLAYED_SIZE, "%s", text ? (const char *)text : "");
        st = JOURNAL_OK;
    } else {
        st = rc == SQLITE_DONE ? JOURNAL_E_NO_GAME : status_of(journal->db, rc);
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
    JournalStatus st = exec(journal, "BEGIN");
    if (st != JOURNAL_OK)
        return st;
    st = prepare(journal, &stmt, "SELECT state, (SELECT count(*) FROM progress_steps) FROM progress WHERE id = 1", "");
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
            st = rc == SQLITE_DONE ? JOURNAL_E_NO_GAME : status_of(journal->db, rc);
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_exec(journal->db, "COMMIT", NULL, NULL, NULL);
    return st;
}

JournalStatus journal_progress_actions(Journal *journal, char ***actions, size_t *count)
{
    *actions = NULL;
    *count = 0;
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(journal, &stmt, "SELECT action FROM progress_steps ORDER BY step", "");
    if (st != JOURNAL_OK)
        return st;
    char **list = NULL;
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char **bigger = realloc(list, (n + 1) * sizeof *list);
        char *text = bigger ? dup_text(sqlite3_column_text(stmt, 0)) : NULL;
        if (bigger)
            list = bigger;
        if (!text) {
            st = JOURNAL_E_NO_MEMORY;
            break;
        }
        list[n++] = text;
    }
    if (st == JOURNAL_OK && rc != SQLITE_DONE)
        st = status_of(journal->db, rc);
    sqlite3_finalize(stmt);
    if (st != JOURNAL_OK) {
        for (size_t i = 0; i < n; i++)
            free(list[i]);
        free(list);
        return st;
    }
    *actions = list;
    *count = n;
    return JOURNAL_OK;
}

JournalStatus journal_abandon(Journal *journal)
{
    JournalStatus st = begin_write(journal);
    if (st != JOURNAL_OK)
        return st;
    st = exec(journal, "DELETE FROM progress_steps; DELETE FROM progress_decks; DELETE FROM progress");
    return end_write(journal, st);
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
        if ((unsigned)r->needs[p] >= RECORD_NEEDS || r->passes[p] < 0)
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
        if (!p->text || p->day < 0 || p->day >= RECORD_DAYS || (unsigned)p->time >= RECORD_TIMES)
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
    char *couple = couple_key(r->names[0], r->names[1]);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(j, &stmt,
                               "INSERT INTO games (played, couple, name1, name2, need1, need2, rounds, stars, "
                               "passes1, passes2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               "ttttttiiii", r->played, couple, r->names[0], r->names[1], need_names[r->needs[0]],
                               need_names[r->needs[1]], r->rounds, r->stars, r->passes[0], r->passes[1]);
    free(couple);
    if (st == JOURNAL_OK)
        st = finish_stmt(j, stmt);
    if (st != JOURNAL_OK)
        return st;
    *id = sqlite3_last_insert_rowid(j->db);
    for (size_t i = 0; st == JOURNAL_OK && i < r->deck_count; i++) {
        st = prepare(j, &stmt, "INSERT INTO game_decks (game, position, name) VALUES (?, ?, ?)", "lit", *id, (int)i,
                     r->decks[i]);
        if (st == JOURNAL_OK)
            st = finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && i < r->balance_count; i++) {
        st = prepare(j, &stmt, "INSERT INTO balances (game, step, balance) VALUES (?, ?, ?)", "lii", *id, (int)i,
                     r->balances[i]);
        if (st == JOURNAL_OK)
            st = finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && i < r->plan_count; i++) {
        const RecordPlan *p = &r->plans[i];
        st = prepare(j, &stmt, "INSERT INTO plans (game, position, text, day, time) VALUES (?, ?, ?, ?, ?)", "litii",
                     *id, (int)i, p->text, p->day, (int)p->time);
        if (st == JOURNAL_OK)
            st = finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && i < r->goal_count; i++) {
        const RecordGoal *g = &r->goals[i];
        st = prepare(j, &stmt,
                     "INSERT INTO goals (game, position, partner, text, day, support) VALUES (?, ?, ?, ?, ?, ?)",
                     "liitit", *id, (int)i, g->partner, g->text, g->day, g->support);
        if (st == JOURNAL_OK)
            st = finish_stmt(j, stmt);
    }
    return st;
}

/* Inside a write transaction: stores record as a finished game, naming the
 * decks journal_begin kept when it names none, and ends the game in
 * progress. */
static JournalStatus record_finished(Journal *j, Record *record, long long *id)
{
    JournalStatus st = JOURNAL_OK;
    if (record->deck_count == 0) {
        char **names;
        size_t count;
        st = journal_progress_decks(j, &names, &count);
        for (size_t i = 0; st == JOURNAL_OK && i < count; i++)
            if (!record_add_deck(record, names[i]))
                st = JOURNAL_E_NO_MEMORY;
        if (st == JOURNAL_OK)
            journal_names_free(names, count);
    }
    if (st == JOURNAL_OK && !record_valid(record))
        st = JOURNAL_E_INVALID;
    if (st == JOURNAL_OK)
        st = insert_record(j, record, id);
    if (st == JOURNAL_OK)
        st = exec(j, "DELETE FROM progress_steps; DELETE FROM progress_decks; DELETE FROM progress");
    return st;
}

JournalStatus journal_finish(Journal *journal, Record *record)
{
    if (!record_valid(record))
        return JOURNAL_E_INVALID;
    JournalStatus st = begin_write(journal);
    if (st != JOURNAL_OK)
        return st;
    long long id = 0;
    st = record_finished(journal, record, &id);
    st = end_write(journal, st);
    if (st == JOURNAL_OK)
        record->id = id;
    return st;
}

static RecordNeed need_parse(const unsigned char *text)
{
    for (int n = 0; n < RECORD_NEEDS; n++)
        if (text && strcmp((const char *)text, need_names[n]) == 0)
            return (RecordNeed)n;
    return RECORD_BALANCED;
}

typedef struct {
    Record *r;
    JournalAnswer **plan_answers, **goal_answers; /* NULL: not wanted */
} Loading;

typedef JournalStatus (*RowFn)(sqlite3_stmt *stmt, Loading *ctx);

/* Runs sql (one parameter: the game's id) and hands each row to fn. */
static JournalStatus each_row(Journal *j, const char *sql, long long id, RowFn fn, Loading *ctx)
{
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(j, &stmt, sql, "l", id);
    if (st != JOURNAL_OK)
        return st;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && (st = fn(stmt, ctx)) == JOURNAL_OK)
        ;
    if (st == JOURNAL_OK && rc != SQLITE_DONE)
        st = status_of(j->db, rc);
    sqlite3_finalize(stmt);
    return st;
}

static const char *column_text(sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    return t ? (const char *)t : "";
}

static JournalStatus game_row(sqlite3_stmt *stmt, Loading *ctx)
{
    Record *r = ctx->r;
    r->id = sqlite3_column_int64(stmt, 0);
    snprintf(r->played, sizeof r->played, "%s", column_text(stmt, 1));
    if (!record_set_name(r, 0, column_text(stmt, 2)) || !record_set_name(r, 1, column_text(stmt, 3)))
        return JOURNAL_E_NO_MEMORY;
    r->needs[0] = need_parse(sqlite3_column_text(stmt, 4));
    r->needs[1] = need_parse(sqlite3_column_text(stmt, 5));
    r->rounds = sqlite3_column_int(stmt, 6);
    r->stars = sqlite3_column_int(stmt, 7);
    r->passes[0] = sqlite3_column_int(stmt, 8);
    r->passes[1] = sqlite3_column_int(stmt, 9);
    return JOURNAL_OK;
}

static JournalStatus deck_row(sqlite3_stmt *stmt, Loading *ctx)
{
    return record_add_deck(ctx->r, column_text(stmt, 0)) ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
}

static JournalStatus balance_row(sqlite3_stmt *stmt, Loading *ctx)
{
    return record_add_balance(ctx->r, sqlite3_column_int(stmt, 0)) ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
}

/* Appends answer to *answers, which then has count items. */
static JournalStatus add_answer(JournalAnswer **answers, size_t count, JournalAnswer answer)
{
    if (!answers)
        return JOURNAL_OK;
    JournalAnswer *a = realloc(*answers, count * sizeof *a);
    if (!a)
        return JOURNAL_E_NO_MEMORY;
    a[count - 1] = answer;
    *answers = a;
    return JOURNAL_OK;
}

static JournalStatus plan_row(sqlite3_stmt *stmt, Loading *ctx)
{
    if (!record_add_plan(ctx->r, column_text(stmt, 0), sqlite3_column_int(stmt, 1),
                         (RecordTime)sqlite3_column_int(stmt, 2)))
        return JOURNAL_E_NO_MEMORY;
    return add_answer(ctx->plan_answers, ctx->r->plan_count, answer_parse(sqlite3_column_text(stmt, 3)));
}

static JournalStatus goal_row(sqlite3_stmt *stmt, Loading *ctx)
{
    if (!record_add_goal(ctx->r, sqlite3_column_int(stmt, 0), column_text(stmt, 1), sqlite3_column_int(stmt, 2),
                         column_text(stmt, 3)))
        return JOURNAL_E_NO_MEMORY;
    return add_answer(ctx->goal_answers, ctx->r->goal_count, answer_parse(sqlite3_column_text(stmt, 4)));
}

/* Loads game id into r (and the answers, when asked for), inside one read
 * transaction so that every part comes from the same moment. */
static JournalStatus load_record(Journal *j, long long id, Record *r, JournalAnswer **plan_answers,
                                 JournalAnswer **goal_answers)
{
    Loading ctx = {r, plan_answers, goal_answers};
    JournalStatus st = exec(j, "BEGIN");
    if (st != JOURNAL_OK)
        return st;
    st = each_row(j,
                  "SELECT id, played, name1, name2, need1, need2, rounds, stars, passes1, passes2 "
                  "FROM games WHERE id = ?",
                  id, game_row, &ctx);
    if (st == JOURNAL_OK && r->id != id)
        st = JOURNAL_E_NO_SUCH_GAME;
    if (st == JOURNAL_OK)
        st = each_row(j, "SELECT name FROM game_decks WHERE game = ? ORDER BY position", id, deck_row, &ctx);
    if (st == JOURNAL_OK)
        st = each_row(j, "SELECT balance FROM balances WHERE game = ? ORDER BY step", id, balance_row, &ctx);
    if (st == JOURNAL_OK)
        st = each_row(j, "SELECT text, day, time, answer FROM plans WHERE game = ? ORDER BY position", id,
                      plan_row, &ctx);
    if (st == JOURNAL_OK)
        st = each_row(j, "SELECT partner, text, day, support, answer FROM goals WHERE game = ? ORDER BY position",
                      id, goal_row, &ctx);
    sqlite3_exec(j->db, "COMMIT", NULL, NULL, NULL);
    return st;
}

JournalStatus journal_load_game(Journal *journal, long long id, Record *out)
{
    memset(out, 0, sizeof *out);
    JournalStatus st = JOURNAL_OK;
    if (id == 0) {
        st = query_int(journal, &id, "SELECT coalesce(max(id), 0) FROM games", 0);
        if (st == JOURNAL_OK && id == 0)
            st = JOURNAL_E_NO_SUCH_GAME;
    }
    if (st == JOURNAL_OK)
        st = load_record(journal, id, out, NULL, NULL);
    if (st != JOURNAL_OK)
        record_free(out);
    return st;
}

/* ---- cards seen ---- */

void journal_seen_free(JournalSeen *seen)
{
    if (!seen)
        return;
    for (size_t i = 0; i < seen->count; i++) {
        free(seen->texts[i]);
        free(seen->when[i]);
    }
    free(seen->texts);
    free(seen->when);
    memset(seen, 0, sizeof *seen);
}

JournalStatus journal_seen(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out)
{
    memset(out, 0, sizeof *out);
    char *couple = couple_key(name_a, name_b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(journal, &stmt,
                               "SELECT card, last_seen FROM seen WHERE couple = ? ORDER BY last_seen DESC, card", "t",
                               couple);
    free(couple);
    if (st != JOURNAL_OK)
        return st;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char **texts = realloc(out->texts, (out->count + 1) * sizeof *texts);
        if (texts)
            out->texts = texts;
        char **when = texts ? realloc(out->when, (out->count + 1) * sizeof *when) : NULL;
        if (when)
            out->when = when;
        char *t = when ? dup_text(sqlite3_column_text(stmt, 0)) : NULL;
        char *w = t ? dup_text(sqlite3_column_text(stmt, 1)) : NULL;
        if (!w) {
            free(t);
            st = JOURNAL_E_NO_MEMORY;
            break;
        }
        out->texts[out->count] = t;
        out->when[out->count] = w;
        out->count++;
    }
    if (st == JOURNAL_OK && rc != SQLITE_DONE)
        st = status_of(journal->db, rc);
    sqlite3_finalize(stmt);
    if (st != JOURNAL_OK)
        journal_seen_free(out);
    return st;
}

/* ---- check-ins ---- */

void journal_checkin_free(JournalCheckin *checkin)
{
    if (!checkin)
        return;
    record_free(&checkin->record);
    free(checkin->plan_answers);
    free(checkin->goal_answers);
    memset(checkin, 0, sizeof *checkin);
}

JournalStatus journal_checkin(Journal *journal, JournalCheckin *out)
{
    memset(out, 0, sizeof *out);
    long long id = 0;
    JournalStatus st = query_int(journal, &id, "SELECT coalesce(max(id), 0) FROM games", 0);
    if (st != JOURNAL_OK || id == 0)
        return st;
    st = load_record(journal, id, &out->record, &out->plan_answers, &out->goal_answers);
    if (st != JOURNAL_OK) {
        journal_checkin_free(out);
        return st;
    }
    bool open_question = false;
    for (size_t i = 0; i < out->record.plan_count; i++)
        open_question |= out->plan_answers[i] == JOURNAL_UNANSWERED;
    for (size_t i = 0; i < out->record.goal_count; i++)
        open_question |= out->goal_answers[i] == JOURNAL_UNANSWERED;
    if (!open_question)
        journal_checkin_free(out);
    return JOURNAL_OK;
}

JournalStatus journal_answer(Journal *journal, long long game_id, bool is_goal, size_t index, JournalAnswer answer)
{
    if ((unsigned)answer >= JOURNAL_ANSWERS)
        return JOURNAL_E_INVALID;
    char now[RECORD_PLAYED_SIZE];
    now_text(journal, now);
    const char *name = answer == JOURNAL_UNANSWERED ? NULL : answer_names[answer];
    JournalStatus st = begin_write(journal);
    if (st != JOURNAL_OK)
        return st;
    sqlite3_stmt *stmt;
    st = prepare(journal, &stmt,
                 is_goal ? "UPDATE goals SET answer = ?, answered = ? WHERE game = ? AND position = ?"
                         : "UPDATE plans SET answer = ?, answered = ? WHERE game = ? AND position = ?",
                 "ttll", name, name ? now : NULL, game_id, (long long)index);
    if (st == JOURNAL_OK)
        st = finish_stmt(journal, stmt);
    if (st == JOURNAL_OK && sqlite3_changes(journal->db) == 0)
        st = JOURNAL_E_NO_SUCH_GAME;
    return end_write(journal, st);
}

JournalStatus journal_keep_answers(Journal *journal, const char *name_a, const char *name_b, const char *card,
                                   const char *answers)
{
    char now[RECORD_PLAYED_SIZE];
    now_text(journal, now);
    char *couple = couple_key(name_a, name_b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    JournalStatus st = begin_write(journal);
    sqlite3_stmt *stmt;
    if (st == JOURNAL_OK)
        st = prepare(journal, &stmt, "INSERT INTO answers (couple, at, card, answers) VALUES (?, ?, ?, ?)", "tttt",
                     couple, now, card, answers);
    if (st == JOURNAL_OK)
        st = finish_stmt(journal, stmt);
    free(couple);
    return end_write(journal, st);
}

/* ---- the journey ---- */

void journal_journey_free(JournalJourney *journey)
{
    if (!journey)
        return;
    for (size_t i = 0; i < journey->count; i++) {
        free(journey->items[i].names[0]);
        free(journey->items[i].names[1]);
    }
    free(journey->items);
    memset(journey, 0, sizeof *journey);
}

JournalStatus journal_journey(Journal *journal, const char *name_a, const char *name_b, JournalJourney *out)
{
    memset(out, 0, sizeof *out);
    char *couple = NULL;
    if (name_a || name_b) {
        couple = couple_key(name_a, name_b);
        if (!couple)
            return JOURNAL_E_NO_MEMORY;
    }
    sqlite3_stmt *stmt;
    JournalStatus st = prepare(journal, &stmt,
                               "SELECT g.id, g.played, g.name1, g.name2, g.rounds, g.stars,"
                               " (SELECT count(*) FROM plans p WHERE p.game = g.id),"
                               " (SELECT count(*) FROM plans p WHERE p.game = g.id AND p.answer = 'yes'),"
                               " (SELECT count(*) FROM goals o WHERE o.game = g.id),"
                               " (SELECT count(*) FROM goals o WHERE o.game = g.id AND o.answer = 'yes')"
                               " FROM games g WHERE ?1 IS NULL OR g.couple = ?1 ORDER BY g.id",
                               "t", couple);
    free(couple);
    if (st != JOURNAL_OK)
        return st;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        JournalEntry *items = realloc(out->items, (out->count + 1) * sizeof *items);
        if (!items) {
            st = JOURNAL_E_NO_MEMORY;
            break;
        }
        out->items = items;
        JournalEntry *e = &items[out->count];
        memset(e, 0, sizeof *e);
        e->id = sqlite3_column_int64(stmt, 0);
        snprintf(e->played, sizeof e->played, "%s", (const char *)sqlite3_column_text(stmt, 1));
        e->names[0] = dup_text(sqlite3_column_text(stmt, 2));
        e->names[1] = dup_text(sqlite3_column_text(stmt, 3));
        e->rounds = sqlite3_column_int(stmt, 4);
        e->stars = sqlite3_column_int(stmt, 5);
        e->plans_made = sqlite3_column_int(stmt, 6);
        e->plans_done = sqlite3_column_int(stmt, 7);
        e->goals_made = sqlite3_column_int(stmt, 8);
        e->goals_done = sqlite3_column_int(stmt, 9);
        out->count++;
        if (!e->names[0] || !e->names[1]) {
            st = JOURNAL_E_NO_MEMORY;
            break;
        }
    }
    if (st == JOURNAL_OK && rc != SQLITE_DONE)
        st = status_of(journal->db, rc);
    sqlite3_finalize(stmt);
    if (st != JOURNAL_OK)
        journal_journey_free(out);
    return st;
}
