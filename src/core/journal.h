/* SPDX-License-Identifier: MIT */
/* The journal: everything Tightrope keeps about a couple, in one SQLite
 * database (journal.db in the data directory). The game in progress after
 * every action, finished games, the cards each couple has seen, the check-in
 * answers and the journey. Plain C over libsqlite3; it knows nothing of the
 * engine (see session.h for the glue). Nothing leaves the machine. */
#ifndef TIGHTROPE_JOURNAL_H
#define TIGHTROPE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include <time.h>

#include "record.h"

enum {
    JOURNAL_SCHEMA_VERSION = 6,        /* PRAGMA user_version this build writes */
    JOURNAL_APPLICATION_ID = 0x54525052 /* PRAGMA application_id: "TRPR" */
};

#define JOURNAL_FILE_NAME "journal.db"

/* One list makes the status codes and their messages: one plain sentence
 * each, fit to show the players as they are. */
#define JOURNAL_STATUS_LIST(X)                                                                              \
    X(JOURNAL_OK, N_("The journal is in order."))                                                               \
    X(JOURNAL_E_NO_MEMORY, N_("There was not enough memory to use the journal."))                               \
    X(JOURNAL_E_NO_PLACE, N_("There is no folder to keep the journal in, because neither HOME nor XDG_DATA_HOME is a full path, so nothing from this game will be saved.")) \
    X(JOURNAL_E_CANNOT_OPEN, N_("The journal file cannot be opened, so nothing from this game will be saved.")) \
    X(JOURNAL_E_NOT_FOUND, N_("There is no journal yet, so there is nothing to read."))                        \
    X(JOURNAL_E_CORRUPT, N_("The journal is damaged, so Tightrope cannot read your past games from it."))      \
    X(JOURNAL_E_NOT_A_DATABASE, N_("The journal file is not a Tightrope journal, so Tightrope leaves it as it is.")) \
    X(JOURNAL_E_NEWER_VERSION, N_("The journal was written by a newer version of Tightrope, so this version leaves it as it is.")) \
    X(JOURNAL_E_READ_ONLY, N_("The journal cannot be written to, so nothing from this game will be saved."))   \
    X(JOURNAL_E_DISK_FULL, N_("The disk is full, so the journal cannot save anything until some space is freed.")) \
    X(JOURNAL_E_IN_USE, N_("Another copy of Tightrope is using the journal, so this one can only open it read-only.")) \
    X(JOURNAL_E_IO, N_("The disk reported an error while the journal was being read or written."))             \
    X(JOURNAL_E_NO_GAME, N_("There is no game in progress to continue."))                                       \
    X(JOURNAL_E_NO_SUCH_GAME, N_("The journal has no finished game with that number."))                         \
    X(JOURNAL_E_INVALID, N_("Tightrope tried to keep something in the journal that does not make sense, so it was not kept.")) \
    X(JOURNAL_E_NO_REPLAY, N_("That game was played with an older version of Tightrope that did not keep its moves, so it cannot be replayed.")) \
    X(JOURNAL_E_OLD_RULES, N_("That game was played by the rules of an older version of Tightrope, so this version cannot replay it."))

typedef enum {
#define JOURNAL_STATUS_ENUM(code, message) code,
    JOURNAL_STATUS_LIST(JOURNAL_STATUS_ENUM)
#undef JOURNAL_STATUS_ENUM
    JOURNAL_STATUS_COUNT
} JournalStatus;

/* A zeroed struct means the defaults: read and write, a 250 ms busy
 * timeout, no size limit. The journal's timestamps come from clock_now(). */
typedef struct {
    bool read_only;      /* open without writing and without the lock: what a second copy may do */
    int busy_timeout_ms; /* 0: 250 */
    long max_pages;      /* 0: no limit; else the file stops growing at this many pages (a full disk, for tests) */
} JournalOptions;

typedef struct Journal Journal;

/* The message for a status: one plain sentence, never NULL. */
const char *journal_message(JournalStatus status);

/* Why path cannot be opened as a journal, in words without a capital or a
 * full stop, found by looking at the path: "PATH is a named pipe (FIFO),
 * not a file", "DIR is a file, where a folder should be", "PATH: permission
 * is denied". False when nothing is wrong but that the file or its
 * folders are not there yet (buf then says so), true otherwise. */
bool journal_path_problem(const char *path, char *buf, size_t size);

/* True when the file is there but cannot be used as it is (corrupt, not a
 * journal, from a newer version): the front end offers to start fresh, which
 * sets it aside with journal_move_aside and opens a new journal. */
bool journal_can_start_fresh(JournalStatus status);

/* Opens the journal at path, creating it (and its schema) when the file does
 * not exist, and migrating an older schema. opt may be NULL. On JOURNAL_OK
 * stores a journal the caller closes with journal_close; otherwise stores
 * NULL and leaves the file as it was (a file this call created is removed).
 * A writer takes an exclusive lock on the file: a second writer gets
 * JOURNAL_E_IN_USE and may open it with read_only (which takes no lock and
 * sees what the writer commits). Keep one writer per process: a refused
 * second writer in the same process closes a descriptor of the file, which
 * drops the POSIX locks SQLite holds there for the first. A read-only open
 * of an older schema works on a migrated copy in memory. */
JournalStatus journal_open(const char *path, const JournalOptions *opt, Journal **out);

/* Opens journal.db in the user's data directory (created 0700 on demand).
 * path (may be NULL) receives the file's path, also on failure when known. */
JournalStatus journal_open_default(const JournalOptions *opt, Journal **out, char *path, size_t size);

/* Closes the journal and releases its lock. NULL is fine. */
void journal_close(Journal *journal);

/* True when the journal was opened read-only: every write returns
 * JOURNAL_E_READ_ONLY. */
bool journal_read_only(const Journal *journal);

/* The path the journal was opened from (owned by the journal). */
const char *journal_path(const Journal *journal);

/* Sets a broken journal aside for a fresh start: renames path (and its -wal,
 * -shm and -journal companions, when present) to
 * "PATH.broken-YYYYMMDD-HHMMSS" (local time of now; 0 means the clock), adding
 * "-2", "-3"... when that name is taken. Never overwrites and never deletes a
 * file. Refuses with JOURNAL_E_IN_USE while another copy holds the journal.
 * moved (may be NULL) receives the new path. */
JournalStatus journal_move_aside(const char *path, time_t now, char *moved, size_t size);

/* ---- the game in progress ---- */

/* Starts keeping a new game: drops any game in progress and stores state
 * (len bytes: the serialised game before any action) with the names of the
 * decks in play (deck_count names; may be 0), which the game's record will
 * name when it ends. */
JournalStatus journal_begin(Journal *journal, const void *state, size_t len, const char *const *deck_names,
                            size_t deck_count);

/* One action the engine accepted. */
typedef struct {
    const char *action;      /* the action, as text, e.g. "pick 2" */
    const void *state;       /* the serialised game after it */
    size_t len;
    const char *names[2];    /* the couple, for the cards seen; NULL: none recorded */
    const char *const *seen; /* card texts now shown to the couple; may be NULL */
    size_t seen_count;
    Record *finished;        /* the action ended the game: its record, or NULL */
    const char *passed;      /* the sharing card the action passed (with names), or NULL */
} JournalStep;

/* Commits the action, the game after it and the cards seen in one
 * transaction (WAL, synchronous FULL): once it returns JOURNAL_OK, a crash
 * cannot lose it. When step->finished is set, the same transaction stores
 * that record as a finished game (with the deck names journal_begin kept,
 * when the record names none) and ends the game in progress, so a game can
 * never be over without being in the journey; finished->id is then set.
 * JOURNAL_E_NO_GAME when no game was begun. On any error nothing of the
 * step is kept and the journal stays usable. */
JournalStatus journal_step(Journal *journal, const JournalStep *step);

/* True when a game is in progress (for the title screen's Continue). */
bool journal_has_progress(Journal *journal);

/* When the game in progress was last saved, local "YYYY-MM-DD HH:MM:SS"
 * in out (RECORD_PLAYED_SIZE bytes). JOURNAL_E_NO_GAME when there is none. */
JournalStatus journal_progress_updated(Journal *journal, char *out);

/* Loads the game in progress: *state (len bytes, NUL-terminated for
 * convenience, freed by the caller with free()) and the number of actions
 * kept since journal_begin. JOURNAL_E_NO_GAME when there is none. */
JournalStatus journal_resume(Journal *journal, char **state, size_t *len, long *steps);

/* Reads the actions kept for the game in progress, oldest first, into
 * *actions (count strings; free each and the array). */
JournalStatus journal_progress_actions(Journal *journal, char ***actions, size_t *count);

/* The names of the decks in play that journal_begin kept for the game in
 * progress: *names (count strings; free with journal_names_free). A game
 * begun by a journal of schema version 1 has none. */
JournalStatus journal_progress_decks(Journal *journal, char ***names, size_t *count);

/* Frees count strings and their array. */
void journal_names_free(char **names, size_t count);

/* Drops the game in progress, if any. */
JournalStatus journal_abandon(Journal *journal);

/* ---- finished games ---- */

/* Stores a finished game and drops the game in progress, in one
 * transaction, keeping what replays it (the game in progress's start,
 * state and actions). Sets record->id to the game's number.
 * JOURNAL_E_INVALID for a record with missing names, a bad date, or values
 * out of range. */
JournalStatus journal_finish(Journal *journal, Record *record);

/* journal_finish, with the game as it ended (final, len bytes) when the
 * journal's copy of the game in progress is behind it (saving had stopped). */
JournalStatus journal_finish_with(Journal *journal, Record *record, const void *final, size_t len);

/* Loads finished game id (0: the last one) into out (overwritten, not
 * freed; free it with record_free). JOURNAL_E_NO_SUCH_GAME when none. */
JournalStatus journal_load_game(Journal *journal, long long id, Record *out);

/* ---- replays ---- */

/* What replays a finished game: the game before its first kept action
 * (start; NULL for a game begun before the journal kept it: then the end
 * holds the seed, options and cards to start it again), the game as it
 * ended (final), and the actions in order. */
typedef struct {
    char *start, *final;
    size_t start_len, final_len;
    char **actions;
    size_t count;
} JournalReplay;

/* Loads what replays finished game id (0: the last one). JOURNAL_E_NO_SUCH_GAME
 * when there is no such game, JOURNAL_E_NO_REPLAY when it was finished
 * before the journal kept replays. Free with journal_replay_free. */
JournalStatus journal_replay(Journal *journal, long long id, JournalReplay *out);

/* Frees a replay and zeroes it. */
void journal_replay_free(JournalReplay *replay);

/* ---- cards seen ---- */

/* A couple is the pair of names, in either order, compared after trimming
 * spaces, Unicode normalisation and case folding ("Anna" and " anna" match). */
typedef struct {
    char **texts; /* most recently seen first (ties: by text) */
    char **when;  /* "YYYY-MM-DD HH:MM:SS", local time of the last sighting */
    size_t count;
} JournalSeen;

/* Every card text the couple has seen, most recent first. */
JournalStatus journal_seen(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out);

/* Frees the lists and zeroes seen. */
void journal_seen_free(JournalSeen *seen);

/* ---- cards kept for later, and cards passed ---- */

enum { JOURNAL_PASS_GAMES = 3 /* a passed card is dealt last in the couple's next games */ };

/* "Come back to this": keeps a sharing card for the couple's next game, with
 * the time (keeping it again renews it). Once a later game shows the card
 * again (a journal_step listing it among the cards seen), it is no longer
 * kept; the game in progress may show it again and it stays kept. */
JournalStatus journal_keep_card(Journal *journal, const char *name_a, const char *name_b, const char *card);

/* "Let go": the card is no longer kept. JOURNAL_E_INVALID when it was not. */
JournalStatus journal_let_go(Journal *journal, const char *name_a, const char *name_b, const char *card);

/* The couple's kept cards, newest first (when: the time it was kept). Free
 * with journal_seen_free. */
JournalStatus journal_kept(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out);

/* The cards the couple passed (JournalStep.passed) in the game in progress
 * or in one of their last JOURNAL_PASS_GAMES finished games, most recently
 * passed first (when: the time of the pass). Free with journal_seen_free. */
JournalStatus journal_passed(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out);

/* ---- the check-in on the days that have passed ---- */

/* Yes: it happened. Not yet: it did not (yet). Skip: not known (put off
 * twice, or skipped by an older version). */
typedef enum { JOURNAL_UNANSWERED, JOURNAL_YES, JOURNAL_NOT_YET, JOURNAL_SKIP, JOURNAL_ANSWERS } JournalAnswer;

enum { JOURNAL_LATER_MAX = 2, /* put off this often, an item leaves the check-in as not known */
       JOURNAL_CHECKIN_GAMES = 3 /* the check-in looks at the last games only */ };

/* One plan or goal to ask about. Strings are owned by the check-in. */
typedef struct {
    long long game;              /* the game it was made in */
    bool is_goal;
    size_t index;                /* its number among the game's plans or goals */
    char *text;
    char *support;               /* a goal's support; NULL for a plan */
    int partner;                 /* whose goal; 0 for a plan */
    char *names[2];              /* the couple of that game */
    char date[RECORD_DATE_SIZE]; /* the day it fell on; "" for some day */
    DayTime time;                /* a plan's time of day; TIME_ANY for a goal */
    int later;                   /* how often it was put off already */
} JournalCheckItem;

typedef struct {
    JournalCheckItem *items; /* oldest day first; count 0: nothing to ask */
    size_t count;
} JournalCheckin;

/* The plans and goals with no answer yet, of the last JOURNAL_CHECKIN_GAMES
 * games, whose day has passed (before today, by the journal's clock; "some
 * day" once the week after its game is over): a day still to come is never
 * asked about. Free with journal_checkin_free. */
JournalStatus journal_checkin(Journal *journal, JournalCheckin *out);

/* Frees a check-in and zeroes it. */
void journal_checkin_free(JournalCheckin *checkin);

/* "Later": keeps the item for the next check-in. The JOURNAL_LATER_MAX-th
 * time it leaves quietly, answered JOURNAL_SKIP (not known); *left (may be
 * NULL) says so. JOURNAL_E_NO_SUCH_GAME when there is no such item. */
JournalStatus journal_later(Journal *journal, long long game_id, bool is_goal, size_t index, bool *left);

/* "Keep this week": drops plan (is_goal false) or goal number index from
 * finished game game_id; the later ones move up a number. */
JournalStatus journal_drop(Journal *journal, long long game_id, bool is_goal, size_t index);

/* Keeps the answer to "Did it happen?" for plan (is_goal false) or goal
 * number index of game game_id, with the time it was given; answering again
 * replaces it. JOURNAL_E_NO_SUCH_GAME when there is no such item. */
JournalStatus journal_answer(Journal *journal, long long game_id, bool is_goal, size_t index, JournalAnswer answer);

/* "yes", "not yet", "skip"; "" for unanswered. */
const char *journal_answer_name(JournalAnswer answer);

/* Keeps a sharing card both partners answered privately on their phones
 * (only when the couple chose to keep such answers): the card, the two
 * answers as one text, the couple and the time, in the table answers. */
JournalStatus journal_keep_answers(Journal *journal, const char *name_a, const char *name_b, const char *card,
                                   const char *answers);

/* ---- the journey ---- */

typedef struct {
    long long id;
    char played[RECORD_PLAYED_SIZE];
    char *names[2];
    int rounds, stars;
    int plans_made, plans_done; /* done: answered yes at a check-in */
    int goals_made, goals_done;
    int plans_to_come, goals_to_come; /* unanswered, and their day not passed yet */
} JournalEntry;

typedef struct {
    JournalEntry *items; /* oldest first */
    size_t count;
} JournalJourney;

/* Every finished game, oldest first; only the couple's when name_a and
 * name_b are given (both NULL: every couple). Free with journal_journey_free. */
JournalStatus journal_journey(Journal *journal, const char *name_a, const char *name_b, JournalJourney *out);

/* Frees the journey and zeroes it. */
void journal_journey_free(JournalJourney *journey);

#endif
