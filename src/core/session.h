/* SPDX-License-Identifier: MIT */
/* The game and its journal together: every action the engine accepts is
 * committed to the journal (the front end commits it as soon as the frame
 * that shows its result is presented, so the disk's wait is not in that
 * frame); Continue loads it back; the end of a game becomes a Record; a new
 * game prefers cards the couple has not seen recently. */
#ifndef TIGHTROPE_SESSION_H
#define TIGHTROPE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "deck.h"
#include "game.h"
#include "journal.h"
#include "record.h"

/* The cards the couple saw recently, for GameOptions.seen_texts: of each
 * kind, the most recently seen cards, up to half of the cards of that kind
 * in the decks given (so that at least half of each pile always counts as
 * not seen recently, and the longest-unseen cards come back first). Fills
 * out (free with journal_seen_free), most recent first. */
JournalStatus session_recent_cards(Journal *journal, const char *name_a, const char *name_b,
                                   const Deck *const *decks, size_t deck_count, JournalSeen *out);

/* Starts keeping game (new, before any action) in the journal, with the
 * names of the decks in play (for its record when it ends). */
JournalStatus session_begin(Journal *journal, const Game *game, const char *const *deck_names, size_t deck_count);

/* Applies action to game; when the engine accepts it, commits the action,
 * the serialised game and the cards seen before returning; the action that
 * ends the game also records it as finished, in the same transaction. Returns the
 * engine's verdict (the game is unchanged unless GAME_OK); *saved (may be
 * NULL) receives the journal's status: JOURNAL_OK once committed, else why
 * it was not (the game then goes on, unsaved, in memory). journal may be
 * NULL: the game is then only applied. */
GameError session_apply(Journal *journal, Game *game, Action action, JournalStatus *saved);

/* session_apply in two halves, for a front end that shows the action's
 * result first and commits it at once after (the commit waits for the
 * disk): applies action to game and, when the engine accepts it, stores in
 * *step what session_commit writes (NULL when memory ran out: the step
 * cannot be saved). Commit each step before the next action and before any
 * other use of the journal. */
typedef struct SessionStep SessionStep;
GameError session_apply_later(Game *game, Action action, SessionStep **step);
/* Commits step as session_apply does (JOURNAL_E_NO_MEMORY for a NULL step;
 * journal NULL: not written) and frees it. */
JournalStatus session_commit(Journal *journal, SessionStep *step);
void session_step_free(SessionStep *step);

/* session_begin in two halves, as session_apply_later: the game as it
 * begins (new, before any action), with the names of its decks, kept in a
 * step that session_commit writes as session_begin would; commit it before
 * the game's first step. NULL when memory ran out. */
SessionStep *session_begin_later(const Game *game, const char *const *deck_names, size_t deck_count);

/* A DONE on a sharing card may carry text: both partners' private answers
 * ("Sam: ... / Alex: ..."), which session_apply keeps in the journal's
 * answers (journal_keep_answers) once the step is committed. The front end
 * sends it only when the couple chose to keep such answers. */
enum { SESSION_ANSWERS_MAX = 4096 };

/* Loads the game in progress. On JOURNAL_OK stores a game the caller frees
 * with game_free. When the engine refuses the kept game, returns
 * JOURNAL_E_CORRUPT (or JOURNAL_E_NEWER_VERSION) and writes the engine's
 * reason into err. steps (may be NULL) receives the actions kept. */
JournalStatus session_resume(Journal *journal, Game **out, long *steps, char *err, size_t errlen);

/* The record of the finished game, for Our week and export: out (may be
 * NULL) receives it, its id set; free it with record_free. The action that
 * ended the game normally recorded it already (see session_apply), and this
 * loads it back; when that step could not be saved, this stores it now (its
 * summary, the names of the decks in play, the time now) and ends the game
 * in progress. */
JournalStatus session_finish(Journal *journal, const Game *game, const char *const *deck_names, size_t deck_count,
                             Record *out);

/* Saving had stopped (a full disk, an error) and the cause is gone: keeps
 * the whole game as it stands now as the game in progress, replacing what
 * the journal held of it, in one transaction. */
JournalStatus session_save_again(Journal *journal, const Game *game, const char *const *deck_names,
                                 size_t deck_count);

/* The play and pause screens' sentence while saving has stopped for st:
 * what happened, why, and what to do ("Saving has stopped: the disk is
 * full. This game goes on from memory; free some space, then choose Try
 * saving again."). */
void session_saving_stopped(JournalStatus st, char *buf, size_t size);

/* A game left over but not recorded (by a journal from before the game's
 * last action recorded it in the same transaction, or by a crash in a
 * version that did not): records it now, with the decks journal_begin kept,
 * and ends the game in progress. JOURNAL_OK with the record in out (may be
 * NULL; free it with record_free); JOURNAL_E_NO_GAME when no game in
 * progress is over; else why it could not. */
JournalStatus session_recover(Journal *journal, Record *out);

/* The action as the journal keeps it: "done", "pick 2", "custom My goal". */
void session_action_text(Action action, char *out, size_t size);

/* Reads session_action_text's text back: true and *out (whose text points
 * into text) when text is an action, else false. */
bool session_action_parse(const char *text, Action *out);

#endif
