/* SPDX-License-Identifier: MIT */
/* The journal's queries: a finished game, the cards seen, the check-in and
 * the journey. */
#include "journal_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Need need_parse(const unsigned char *text)
{
    Need need = NEED_BALANCED;
    return game_need_parse((const char *)text, &need) ? need : NEED_BALANCED;
}

typedef struct {
    Record *r;
    JournalAnswer **plan_answers, **goal_answers; /* NULL: not wanted */
} Loading;


/* Runs sql (one parameter: the game's id) and hands each row to fn. */
static JournalStatus each_row(Journal *j, const char *sql, long long id, JournalRowFn fn, void *ctx)
{
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(j, &stmt, sql, "l", id);
    return st == JOURNAL_OK ? jdb_step_rows(j, stmt, fn, ctx) : st;
}

static const char *column_text(sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    return t ? (const char *)t : "";
}

static JournalStatus game_row(sqlite3_stmt *stmt, void *arg)
{
    Loading *ctx = arg;
    Record *r = ctx->r;
    r->id = sqlite3_column_int64(stmt, 0);
    snprintf(r->played, sizeof r->played, "%s", column_text(stmt, 1));
    if (!record_set_name(r, 0, column_text(stmt, 2)) || !record_set_name(r, 1, column_text(stmt, 3)))
        return JOURNAL_E_NO_MEMORY;
    r->needs[0] = need_parse(sqlite3_column_text(stmt, 4));
    r->needs[1] = need_parse(sqlite3_column_text(stmt, 5));
    r->middle = game_middle(r->needs[0], r->needs[1]);
    r->rounds = sqlite3_column_int(stmt, 6);
    r->stars = sqlite3_column_int(stmt, 7);
    r->passes[0] = sqlite3_column_int(stmt, 8);
    r->passes[1] = sqlite3_column_int(stmt, 9);
    return JOURNAL_OK;
}

static JournalStatus deck_row(sqlite3_stmt *stmt, void *arg)
{
    Loading *ctx = arg;
    return record_add_deck(ctx->r, column_text(stmt, 0)) ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
}

static JournalStatus balance_row(sqlite3_stmt *stmt, void *arg)
{
    Loading *ctx = arg;
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

static JournalStatus plan_row(sqlite3_stmt *stmt, void *arg)
{
    Loading *ctx = arg;
    if (!record_add_plan(ctx->r, column_text(stmt, 0), sqlite3_column_int(stmt, 1),
                         (DayTime)sqlite3_column_int(stmt, 2)))
        return JOURNAL_E_NO_MEMORY;
    return add_answer(ctx->plan_answers, ctx->r->plan_count, jdb_answer_parse(sqlite3_column_text(stmt, 3)));
}

static JournalStatus goal_row(sqlite3_stmt *stmt, void *arg)
{
    Loading *ctx = arg;
    if (!record_add_goal(ctx->r, sqlite3_column_int(stmt, 0), column_text(stmt, 1), sqlite3_column_int(stmt, 2),
                         column_text(stmt, 3)))
        return JOURNAL_E_NO_MEMORY;
    return add_answer(ctx->goal_answers, ctx->r->goal_count, jdb_answer_parse(sqlite3_column_text(stmt, 4)));
}

/* Loads game id into r (and the answers, when asked for), inside one read
 * transaction so that every part comes from the same moment. */
static JournalStatus load_record(Journal *j, long long id, Record *r, JournalAnswer **plan_answers,
                                 JournalAnswer **goal_answers)
{
    Loading ctx = {r, plan_answers, goal_answers};
    JournalStatus st = jdb_exec(j, "BEGIN");
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
        st = jdb_query_int(journal, &id, "SELECT coalesce(max(id), 0) FROM games", 0);
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

static JournalStatus seen_row(sqlite3_stmt *stmt, void *arg)
{
    JournalSeen *out = arg;
    char **texts = realloc(out->texts, (out->count + 1) * sizeof *texts);
    if (texts)
        out->texts = texts;
    char **when = texts ? realloc(out->when, (out->count + 1) * sizeof *when) : NULL;
    if (when)
        out->when = when;
    char *t = when ? jdb_dup_text(sqlite3_column_text(stmt, 0)) : NULL;
    char *w = t ? jdb_dup_text(sqlite3_column_text(stmt, 1)) : NULL;
    if (!w) {
        free(t);
        return JOURNAL_E_NO_MEMORY;
    }
    out->texts[out->count] = t;
    out->when[out->count] = w;
    out->count++;
    return JOURNAL_OK;
}

JournalStatus journal_seen(Journal *journal, const char *name_a, const char *name_b, JournalSeen *out)
{
    memset(out, 0, sizeof *out);
    char *couple = jdb_couple_key(name_a, name_b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(journal, &stmt,
                               "SELECT card, last_seen FROM seen WHERE couple = ? ORDER BY last_seen DESC, card", "t",
                               couple);
    free(couple);
    if (st != JOURNAL_OK)
        return st;
    st = jdb_step_rows(journal, stmt, seen_row, out);
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
    JournalStatus st = jdb_query_int(journal, &id, "SELECT coalesce(max(id), 0) FROM games", 0);
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
    jdb_now_text(now);
    const char *name = answer == JOURNAL_UNANSWERED ? NULL : journal_answer_name(answer);
    JournalStatus st = jdb_begin_write(journal);
    if (st != JOURNAL_OK)
        return st;
    sqlite3_stmt *stmt;
    st = jdb_prepare(journal, &stmt,
                 is_goal ? "UPDATE goals SET answer = ?, answered = ? WHERE game = ? AND position = ?"
                         : "UPDATE plans SET answer = ?, answered = ? WHERE game = ? AND position = ?",
                 "ttll", name, name ? now : NULL, game_id, (long long)index);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(journal, stmt);
    if (st == JOURNAL_OK && sqlite3_changes(journal->db) == 0)
        st = JOURNAL_E_NO_SUCH_GAME;
    return jdb_end_write(journal, st);
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

static JournalStatus journey_row(sqlite3_stmt *stmt, void *arg)
{
    JournalJourney *out = arg;
    JournalEntry *items = realloc(out->items, (out->count + 1) * sizeof *items);
    if (!items)
        return JOURNAL_E_NO_MEMORY;
    out->items = items;
    JournalEntry *e = &items[out->count];
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(stmt, 0);
    snprintf(e->played, sizeof e->played, "%s", (const char *)sqlite3_column_text(stmt, 1));
    e->names[0] = jdb_dup_text(sqlite3_column_text(stmt, 2));
    e->names[1] = jdb_dup_text(sqlite3_column_text(stmt, 3));
    e->rounds = sqlite3_column_int(stmt, 4);
    e->stars = sqlite3_column_int(stmt, 5);
    e->plans_made = sqlite3_column_int(stmt, 6);
    e->plans_done = sqlite3_column_int(stmt, 7);
    e->goals_made = sqlite3_column_int(stmt, 8);
    e->goals_done = sqlite3_column_int(stmt, 9);
    out->count++;
    return e->names[0] && e->names[1] ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
}

JournalStatus journal_journey(Journal *journal, const char *name_a, const char *name_b, JournalJourney *out)
{
    memset(out, 0, sizeof *out);
    char *couple = NULL;
    if (name_a || name_b) {
        couple = jdb_couple_key(name_a, name_b);
        if (!couple)
            return JOURNAL_E_NO_MEMORY;
    }
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(journal, &stmt,
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
    st = jdb_step_rows(journal, stmt, journey_row, out);
    if (st != JOURNAL_OK)
        journal_journey_free(out);
    return st;
}

