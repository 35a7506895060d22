/* SPDX-License-Identifier: MIT */
/* The journal's cards kept for later ("Come back to this") and the cards
 * passed, which the next games deal first and last. */
#include "journal_private.h"

#include <stdlib.h>
#include <string.h>

/* Runs sql in a write transaction, with the couple's key as ?1, card as ?2
 * and the journal's time as ?3; *changes (may be NULL) receives the number
 * of rows changed. */
static JournalStatus couple_write(Journal *j, const char *sql, const char *a, const char *b, const char *card,
                                  int *changes)
{
    char now[RECORD_PLAYED_SIZE];
    char *couple = jdb_couple_key(a, b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    JournalStatus st = jdb_begin_write(j, now);
    sqlite3_stmt *stmt;
    if (st == JOURNAL_OK)
        st = jdb_prepare(j, &stmt, sql, "ttt", couple, card, now);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(j, stmt);
    if (st == JOURNAL_OK && changes)
        *changes = sqlite3_changes(j->db);
    free(couple);
    return jdb_end_write(j, st);
}

JournalStatus journal_keep_card(Journal *journal, const char *name_a, const char *name_b, const char *card)
{
    if (!name_a || !name_b || !card || !card[0])
        return JOURNAL_E_INVALID;
    return couple_write(journal,
                        "INSERT INTO kept (couple, card, kept, this_game) VALUES (?1, ?2, ?3, 1) "
                        "ON CONFLICT (couple, card) DO UPDATE SET kept = excluded.kept, this_game = 1",
                        name_a, name_b, card, NULL);
}

JournalStatus journal_let_go(Journal *journal, const char *name_a, const char *name_b, const char *card)
{
    if (!name_a || !name_b || !card)
        return JOURNAL_E_INVALID;
    int changes = 0;
    JournalStatus st = couple_write(journal, "DELETE FROM kept WHERE couple = ?1 AND card = ?2 AND ?3 IS NOT NULL",
                                    name_a, name_b, card, &changes);
    return st == JOURNAL_OK && changes == 0 ? JOURNAL_E_INVALID : st;
}

/* The rows of sql (?1: the couple's key, ?2 when there: n) as a JournalSeen. */
static JournalStatus couple_cards(Journal *j, const char *sql, const char *a, const char *b, long long n,
                                  JournalSeen *out)
{
    memset(out, 0, sizeof *out);
    char *couple = jdb_couple_key(a, b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(j, &stmt, sql, strstr(sql, "?2") ? "tl" : "t", couple, n);
    free(couple);
    if (st == JOURNAL_OK)
        st = jdb_step_rows(j, stmt, jdb_seen_row, out);
    if (st != JOURNAL_OK)
        journal_seen_free(out);
    return st;
}

JournalStatus journal_kept(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out)
{
    return couple_cards(journal, "SELECT card, kept FROM kept WHERE couple = ?1 ORDER BY kept DESC, id DESC",
                        name_a, name_b, 0, out);
}

JournalStatus journal_passed(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out)
{
    /* games: the couple's finished games when the card was passed; the game
     * it was passed in is one of the games finished since, when it ends. */
    return couple_cards(journal,
                        "SELECT card, at FROM passed WHERE couple = ?1 AND "
                        "(SELECT count(*) FROM games WHERE games.couple = ?1) - games <= ?2 "
                        "ORDER BY at DESC, card",
                        name_a, name_b, JOURNAL_PASS_GAMES, out);
}

JournalStatus jdb_kept_step(Journal *j, const JournalStep *step, const char *now)
{
    if (!step->names[0] || !step->names[1])
        return JOURNAL_OK;
    char *couple = jdb_couple_key(step->names[0], step->names[1]);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    sqlite3_stmt *stmt;
    JournalStatus st = JOURNAL_OK;
    if (step->passed) {
        st = jdb_prepare(j, &stmt,
                         "INSERT INTO passed (couple, card, at, games) "
                         "VALUES (?1, ?2, ?3, (SELECT count(*) FROM games WHERE couple = ?1)) "
                         "ON CONFLICT (couple, card) DO UPDATE SET at = excluded.at, games = excluded.games",
                         "ttt", couple, step->passed, now);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    for (size_t i = 0; st == JOURNAL_OK && step->seen && i < step->seen_count; i++) {
        if (!step->seen[i])
            continue;
        st = jdb_prepare(j, &stmt, "DELETE FROM kept WHERE couple = ? AND card = ? AND this_game = 0", "tt", couple,
                         step->seen[i]);
        if (st == JOURNAL_OK)
            st = jdb_finish_stmt(j, stmt);
    }
    free(couple);
    return st;
}
