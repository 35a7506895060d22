/* SPDX-License-Identifier: MIT */
/* Opening the journal: the schema and its migrations, the checks before
 * trusting a file, read-only opening, and setting a broken journal aside. */
#include "journal_private.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "files.h"

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
    /* 3 -> 4: replays. The game in progress keeps the state it began from;
     * each finished game keeps that start (NULL for a game begun before
     * version 4: its end holds the seed, options and cards to start it
     * again), its end, and its actions in order. */
    "ALTER TABLE progress ADD COLUMN start BLOB;\n"
    "CREATE TABLE replays (\n"
    "  game INTEGER PRIMARY KEY REFERENCES games (id) ON DELETE CASCADE,\n"
    "  start BLOB,\n"
    "  final BLOB NOT NULL\n"
    ");\n"
    "CREATE TABLE replay_steps (\n"
    "  game INTEGER NOT NULL REFERENCES replays (game) ON DELETE CASCADE,\n"
    "  step INTEGER NOT NULL CHECK (step >= 1),\n"
    "  action TEXT NOT NULL,\n"
    "  PRIMARY KEY (game, step)\n"
    ") WITHOUT ROWID;\n",
    /* 4 -> 5: how often the check-in put a plan or goal off ("Later") */
    "ALTER TABLE plans ADD COLUMN later INTEGER NOT NULL DEFAULT 0 CHECK (later >= 0);\n"
    "ALTER TABLE goals ADD COLUMN later INTEGER NOT NULL DEFAULT 0 CHECK (later >= 0);\n",
    /* 5 -> 6: sharing cards kept for later (this_game: kept in the game in
     * progress), and the cards passed, with the number of the couple's
     * finished games at the time */
    "CREATE TABLE kept (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  couple TEXT NOT NULL,\n"
    "  card TEXT NOT NULL,\n"
    "  kept TEXT NOT NULL,\n"
    "  this_game INTEGER NOT NULL DEFAULT 1 CHECK (this_game IN (0, 1)),\n"
    "  UNIQUE (couple, card)\n"
    ");\n"
    "CREATE TABLE passed (\n"
    "  couple TEXT NOT NULL,\n"
    "  card TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  games INTEGER NOT NULL CHECK (games >= 0),\n"
    "  PRIMARY KEY (couple, card)\n"
    ") WITHOUT ROWID;\n",
};

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
    JournalStatus st = jdb_query_int(j, &app_id, "PRAGMA application_id", 0);
    if (st == JOURNAL_OK)
        st = jdb_query_int(j, version, "PRAGMA user_version", 0);
    if (st == JOURNAL_OK)
        st = jdb_query_int(j, &tables, "SELECT count(*) FROM sqlite_master", 0);
    if (st != JOURNAL_OK)
        return st;
    if (app_id != JOURNAL_APPLICATION_ID && (app_id != 0 || *version != 0 || tables != 0))
        return JOURNAL_E_NOT_A_DATABASE;
    if (*version > JOURNAL_SCHEMA_VERSION)
        return JOURNAL_E_NEWER_VERSION;
    if (tables == 0)
        return JOURNAL_OK;
    sqlite3_stmt *stmt;
    st = jdb_prepare(j, &stmt, "PRAGMA quick_check(1)", "");
    if (st != JOURNAL_OK)
        return st;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char *r = sqlite3_column_text(stmt, 0);
        st = r && strcmp((const char *)r, "ok") == 0 ? JOURNAL_OK : JOURNAL_E_CORRUPT;
    } else {
        st = jdb_status_of(j->db, rc);
    }
    sqlite3_finalize(stmt);
    return st;
}

static JournalStatus migrate(Journal *j, long long from)
{
    if (from >= JOURNAL_SCHEMA_VERSION)
        return JOURNAL_OK;
    JournalStatus st = jdb_exec(j, "BEGIN IMMEDIATE");
    for (long long v = from; st == JOURNAL_OK && v < JOURNAL_SCHEMA_VERSION; v++)
        st = jdb_exec(j, migrations[v]);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d", JOURNAL_APPLICATION_ID,
             JOURNAL_SCHEMA_VERSION);
    if (st == JOURNAL_OK)
        st = jdb_exec(j, sql);
    if (st == JOURNAL_OK)
        st = jdb_exec(j, "COMMIT");
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
        JournalStatus st = jdb_status_of(mem, sqlite3_errcode(mem));
        sqlite3_close(mem);
        return st;
    }
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        sqlite3_close(mem);
        return jdb_status_of(j->db, rc);
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
        return jdb_status_of(j->db, rc);
    sqlite3_extended_result_codes(j->db, 1);
    if (!j->read_only && sqlite3_db_readonly(j->db, "main") == 1)
        return JOURNAL_E_READ_ONLY;
    sqlite3_busy_timeout(j->db, opt->busy_timeout_ms > 0 ? opt->busy_timeout_ms : 250);
    /* A journal is small and its writes a few rows at a time: SQLite's
     * lookaside slots (120 KB) and a 2 MB page cache would hold more memory
     * than the game's reads need. 64 KB of pages halves what SQLite keeps. */
    sqlite3_db_config(j->db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0);
    sqlite3_exec(j->db, "PRAGMA cache_size = -64", NULL, NULL, NULL);
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
            return jdb_status_of_errno(errno);
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
            return jdb_status_of_errno(errno);
        j->lock_fd = fd;
        if (flock(fd, LOCK_EX | LOCK_NB) != 0)
            return errno == EWOULDBLOCK ? JOURNAL_E_IN_USE : jdb_status_of_errno(errno);
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
    st = jdb_prepare(j, &stmt, "PRAGMA journal_mode = WAL", "");
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(j, stmt);
    if (st == JOURNAL_OK)
        st = jdb_exec(j, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
    if (st == JOURNAL_OK && opt->max_pages > 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", opt->max_pages);
        st = jdb_exec(j, sql);
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
    if (!j || !(j->path = jdb_dup_text(path))) {
        free(j);
        return JOURNAL_E_NO_MEMORY;
    }
    j->lock_fd = -1;
    j->read_only = opt->read_only;
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
        return err == ENOENT ? JOURNAL_E_CANNOT_OPEN : jdb_status_of_errno(err);
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

JournalStatus journal_move_aside(const char *path, time_t now, char *moved, size_t size)
{
    if (moved && size)
        moved[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return jdb_status_of_errno(errno);
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        close(fd);
        return err == EWOULDBLOCK ? JOURNAL_E_IN_USE : jdb_status_of_errno(err);
    }
    if (now == 0)
        now = clock_now();
    char stamp[32];
    files_broken_stamp(now, stamp, sizeof stamp);

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
            free_name = !files_exists(to);
        }
        if (!free_name)
            continue;
        if (files_link_new(path, stem) != 0) {
            if (errno == EEXIST)
                continue; /* taken in the meantime */
            st = jdb_status_of_errno(errno);
            break;
        }
        st = JOURNAL_OK;
        if (moved && size)
            snprintf(moved, size, "%s", stem);
        for (int c = 1; c < COMPANIONS; c++) {
            snprintf(from, sizeof from, "%s%s", path, companions[c]);
            snprintf(to, sizeof to, "%s%s", stem, companions[c]);
            if (files_exists(from) && files_link_new(from, to) != 0 && st == JOURNAL_OK)
                st = jdb_status_of_errno(errno);
        }
        break;
    }
    close(fd);
    return st;
}

