/* SPDX-License-Identifier: MIT */
/* Replays: a finished game played again from the journal's action log
 * through the engine (game_load of its start, game_apply of each action),
 * checked action by action against the game the journal kept when it
 * ended, and its record against the journal's. */
#ifndef TIGHTROPE_REPLAY_H
#define TIGHTROPE_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "journal.h"
#include "record.h"

enum { REPLAY_ACTION_SIZE = GAME_GOAL_MAX_CHARS * 4 + 32, REPLAY_WHAT_SIZE = 1200 };

typedef struct {
    Record recorded;   /* the journal's record of the game */
    Record replayed;   /* the replayed game's record (its played time and decks: the journal's) */
    uint64_t hash;     /* game_hash of the replayed game */
    size_t actions;    /* actions replayed */
    long step;         /* 0: the replay is the game recorded; else the first step (an action of the log, from 1) that differs */
    char action[REPLAY_ACTION_SIZE]; /* that step's action as the journal keeps it; "" when it kept none */
    char what[REPLAY_WHAT_SIZE];     /* what differed, in words; or why the kept game cannot be read */
} Replay;

/* Replays finished game id (0: the last). JOURNAL_OK with out filled (out->step
 * says whether it diverged); JOURNAL_E_NO_SUCH_GAME, JOURNAL_E_NO_REPLAY (a
 * game finished before the journal kept replays), JOURNAL_E_CORRUPT (the
 * game kept cannot be read: out->what says why), or the journal's error.
 * Free with replay_free in every case. */
JournalStatus replay_game(Journal *journal, long long id, Replay *out);

/* Frees what out holds and zeroes it. */
void replay_free(Replay *replay);

/* One line for a record: "Zoë & José, 3 rounds: 2 stars, 3 plans, 6 goals,
 * passes 1 and 0, balance 0 1 2 ...". What --replay prints and the tests
 * compare. */
void replay_summary(const Record *record, char *out, size_t size);

#endif
