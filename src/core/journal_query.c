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

/* ---- replays ---- */

void journal_replay_free(JournalReplay *replay)
{
    free(replay->start);
    free(replay->final);
    journal_names_free(replay->actions, replay->count);
    memset(replay, 0, sizeof *replay);
}

static JournalStatus blob_copy(sqlite3_stmt *stmt, int col, char **out, size_t *len)
{
    if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
        return JOURNAL_OK;
    size_t n = (size_t)sqlite3_column_bytes(stmt, col);
    const void *blob = sqlite3_column_blob(stmt, col);
    *out = malloc(n + 1);
    if (!*out)
        return JOURNAL_E_NO_MEMORY;
    if (n)
        memcpy(*out, blob, n);
    (*out)[n] = '\0';
    *len = n;
    return JOURNAL_OK;
}

static JournalStatus replay_row(sqlite3_stmt *stmt, void *arg)
{
    JournalReplay *r = arg;
    JournalStatus st = blob_copy(stmt, 0, &r->start, &r->start_len);
    return st == JOURNAL_OK ? blob_copy(stmt, 1, &r->final, &r->final_len) : st;
}

JournalStatus journal_replay(Journal *journal, long long id, JournalReplay *out)
{
    memset(out, 0, sizeof *out);
    long long found = 0;
    JournalStatus st = jdb_exec(journal, "BEGIN");
    if (st != JOURNAL_OK)
        return st;
    st = jdb_query_int(journal, &found, id ? "SELECT count(*) FROM games WHERE id = ?" : "SELECT max(id) FROM games",
                       id);
    if (st == JOURNAL_OK && found == 0)
        st = JOURNAL_E_NO_SUCH_GAME;
    if (st == JOURNAL_OK && id == 0)
        id = found;
    if (st == JOURNAL_OK)
        st = each_row(journal, "SELECT start, final FROM replays WHERE game = ?", id, replay_row, out);
    if (st == JOURNAL_OK && !out->final)
        st = JOURNAL_E_NO_REPLAY;
    if (st == JOURNAL_OK)
        st = jdb_text_rows(journal, "SELECT action FROM replay_steps WHERE game = ? ORDER BY step", id, &out->actions,
                           &out->count);
    sqlite3_exec(journal->db, "COMMIT", NULL, NULL, NULL);
    if (st != JOURNAL_OK)
        journal_replay_free(out);
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

JournalStatus jdb_seen_row(sqlite3_stmt *stmt, void *arg)
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
    st = jdb_step_rows(journal, stmt, jdb_seen_row, out);
    if (st != JOURNAL_OK)
        journal_seen_free(out);
    return st;
}

/* ---- check-ins ---- */

void journal_checkin_free(JournalCheckin *checkin)
{
    if (!checkin)
        return;
    for (size_t i = 0; i < checkin->count; i++) {
        JournalCheckItem *it = &checkin->items[i];
        free(it->text);
        free(it->support);
        free(it->names[0]);
        free(it->names[1]);
    }
    free(checkin->items);
    memset(checkin, 0, sizeof *checkin);
}

static JournalStatus checkin_row(sqlite3_stmt *stmt, void *arg)
{
    JournalCheckin *out = arg;
    JournalCheckItem *items = realloc(out->items, (out->count + 1) * sizeof *items);
    if (!items)
        return JOURNAL_E_NO_MEMORY;
    out->items = items;
    JournalCheckItem *it = &items[out->count++];
    memset(it, 0, sizeof *it);
    it->game = sqlite3_column_int64(stmt, 0);
    it->is_goal = sqlite3_column_int(stmt, 1) != 0;
    it->index = (size_t)sqlite3_column_int64(stmt, 2);
    it->text = jdb_dup_text(column_text(stmt, 3));
    it->support = it->is_goal ? jdb_dup_text(column_text(stmt, 4)) : NULL;
    it->partner = sqlite3_column_int(stmt, 5) & 1;
    int day = sqlite3_column_int(stmt, 6);
    it->time = (DayTime)sqlite3_column_int(stmt, 7);
    it->later = sqlite3_column_int(stmt, 8);
    it->names[0] = jdb_dup_text(column_text(stmt, 9));
    it->names[1] = jdb_dup_text(column_text(stmt, 10));
    if (!record_day_date(column_text(stmt, 11), day, it->date))
        it->date[0] = '\0';
    if ((unsigned)it->time >= GAME_TIMES)
        it->time = TIME_ANY;
    bool ok = it->text && it->names[0] && it->names[1] && (!it->is_goal || it->support);
    return ok ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
}

/* An item's day has passed when the day after it has come: day d of a game
 * falls d + 1 days after it was played; "some day" (7) with the week's end. */
#define PASSED(t) "date(g.played, '+' || (min(" t ".day, 6) + 1) || ' days') < date(?1)"
#define RECENT(t) t ".game IN (SELECT id FROM games ORDER BY id DESC LIMIT ?2)"

JournalStatus journal_checkin(Journal *journal, JournalCheckin *out)
{
    memset(out, 0, sizeof *out);
    char now[RECORD_PLAYED_SIZE];
    jdb_now_text(now);
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(
        journal, &stmt,
        "SELECT p.game, 0, p.position, p.text, NULL, 0, p.day, p.time, p.later, g.name1, g.name2, g.played,"
        " date(g.played, '+' || (min(p.day, 6) + 1) || ' days') AS due"
        " FROM plans p JOIN games g ON g.id = p.game"
        " WHERE p.answer IS NULL AND " PASSED("p") " AND " RECENT("p") " UNION ALL "
        "SELECT o.game, 1, o.position, o.text, o.support, o.partner, o.day, 3, o.later, g.name1, g.name2, g.played,"
        " date(g.played, '+' || (min(o.day, 6) + 1) || ' days') AS due"
        " FROM goals o JOIN games g ON g.id = o.game"
        " WHERE o.answer IS NULL AND " PASSED("o") " AND " RECENT("o") " ORDER BY 13, 1, 2, 3",
        "tl", now, (long long)JOURNAL_CHECKIN_GAMES);
    if (st == JOURNAL_OK)
        st = jdb_step_rows(journal, stmt, checkin_row, out);
    if (st != JOURNAL_OK)
        journal_checkin_free(out);
    return st;
}

/* Runs one UPDATE or DELETE on a plan or goal (sql names the table with
 * %s), binding game and position as ?1 and ?2 and text as ?3; how many rows
 * changed goes to *changes. */
static JournalStatus item_write(Journal *j, const char *sql, bool is_goal, long long game, long long position,
                                const char *text, int *changes)
{
    char full[512];
    snprintf(full, sizeof full, sql, is_goal ? "goals" : "plans");
    sqlite3_stmt *stmt;
    JournalStatus st = jdb_prepare(j, &stmt, full, "llt", game, position, text);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(j, stmt);
    if (changes)
        *changes = st == JOURNAL_OK ? sqlite3_changes(j->db) : 0;
    return st;
}

JournalStatus journal_answer(Journal *journal, long long game_id, bool is_goal, size_t index, JournalAnswer answer)
{
    if ((unsigned)answer >= JOURNAL_ANSWERS)
        return JOURNAL_E_INVALID;
    char now[RECORD_PLAYED_SIZE];
    jdb_now_text(now);
    const char *name = answer == JOURNAL_UNANSWERED ? NULL : journal_answer_name(answer);
    JournalStatus st = jdb_begin_write(journal, NULL);
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

JournalStatus journal_keep_answers(Journal *journal, const char *name_a, const char *name_b, const char *card,
                                   const char *answers)
{
    char now[RECORD_PLAYED_SIZE];
    char *couple = jdb_couple_key(name_a, name_b);
    if (!couple)
        return JOURNAL_E_NO_MEMORY;
    JournalStatus st = jdb_begin_write(journal, now);
    sqlite3_stmt *stmt;
    if (st == JOURNAL_OK)
        st = jdb_prepare(journal, &stmt, "INSERT INTO answers (couple, at, card, answers) VALUES (?, ?, ?, ?)",
                         "tttt", couple, now, card, answers);
    if (st == JOURNAL_OK)
        st = jdb_finish_stmt(journal, stmt);
    free(couple);
    return jdb_end_write(journal, st);
}

JournalStatus journal_later(Journal *journal, long long game_id, bool is_goal, size_t index, bool *left)
{
    if (left)
        *left = false;
    char now[RECORD_PLAYED_SIZE], sql[300];
    JournalStatus st = jdb_begin_write(journal, now);
    if (st != JOURNAL_OK)
        return st;
    int changes = 0;
    st = item_write(journal, "UPDATE %s SET later = later + 1 WHERE game = ?1 AND position = ?2 AND ?3 IS NOT NULL",
                    is_goal, game_id, (long long)index, now, &changes);
    if (st == JOURNAL_OK && changes == 0)
        st = JOURNAL_E_NO_SUCH_GAME;
    snprintf(sql, sizeof sql,
             "UPDATE %%s SET answer = 'skip', answered = ?3 WHERE game = ?1 AND position = ?2 AND answer IS NULL"
             " AND later >= %d",
             JOURNAL_LATER_MAX);
    if (st == JOURNAL_OK)
        st = item_write(journal, sql, is_goal, game_id, (long long)index, now, &changes);
    if (st == JOURNAL_OK && left)
        *left = changes > 0;
    return jdb_end_write(journal, st);
}

JournalStatus journal_drop(Journal *journal, long long game_id, bool is_goal, size_t index)
{
    JournalStatus st = jdb_begin_write(journal, NULL);
    if (st != JOURNAL_OK)
        return st;
    int changes = 0;
    st = item_write(journal, "DELETE FROM %s WHERE game = ?1 AND position = ?2 AND ?3 IS NULL", is_goal, game_id,
                    (long long)index, NULL, &changes);
    if (st == JOURNAL_OK && changes == 0)
        st = JOURNAL_E_NO_SUCH_GAME;
    /* The later ones move up, by way of negative numbers so that no two
     * rows ever share a number. */
    if (st == JOURNAL_OK)
        st = item_write(journal, "UPDATE %s SET position = -position WHERE game = ?1 AND position > ?2 AND ?3 IS NULL",
                        is_goal, game_id, (long long)index, NULL, NULL);
    if (st == JOURNAL_OK)
        st = item_write(journal, "UPDATE %s SET position = -position - 1 WHERE game = ?1 AND position < 0 AND ?3 IS NULL",
                        is_goal, game_id, (long long)index, NULL, NULL);
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
    e->plans_to_come = sqlite3_column_int(stmt, 10);
    e->goals_to_come = sqlite3_column_int(stmt, 11);
    out->count++;
    return e->names[0] && e->names[1] ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
}

JournalStatus journal_journey(Journal *journal, const char *name_a, const char *name_b, JournalJourney *out)
{
    memset(out, 0, sizeof *out);
    char now[RECORD_PLAYED_SIZE];
    jdb_now_text(now);
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
                               " (SELECT count(*) FROM goals o WHERE o.game = g.id AND o.answer = 'yes'),"
                               " (SELECT count(*) FROM plans p WHERE p.game = g.id AND p.answer IS NULL AND NOT "
                               PASSED("p") "),"
                               " (SELECT count(*) FROM goals o WHERE o.game = g.id AND o.answer IS NULL AND NOT "
                               PASSED("o") ")"
                               " FROM games g WHERE ?2 IS NULL OR g.couple = ?2 ORDER BY g.id",
                               "tt", now, couple);
    free(couple);
    if (st != JOURNAL_OK)
        return st;
    st = jdb_step_rows(journal, stmt, journey_row, out);
    if (st != JOURNAL_OK)
        journal_journey_free(out);
    return st;
}

