/* SPDX-License-Identifier: MIT */
/* Replays: the journal's action log played again through the engine. */
#include "replay.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

void replay_free(Replay *replay)
{
    record_free(&replay->recorded);
    record_free(&replay->replayed);
    memset(replay, 0, sizeof *replay);
}

static void say(Replay *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->what, sizeof r->what, fmt, ap);
    va_end(ap);
}

static void step_text(const GameStep *s, char *out, size_t size)
{
    session_action_text((Action){.type = (ActionType)s->type, .index = s->index, .text = ""}, out, size);
}

/* What differs between the replay's step and the one recorded; false when
 * nothing does. */
static bool step_differs(Replay *r, const GameStep *got, const GameStep *kept)
{
    char a[64], b[64];
    step_text(got, a, sizeof a);
    step_text(kept, b, sizeof b);
    if (got->type != kept->type || got->index != kept->index)
        say(r, "the game recorded '%s' here, not '%s'", b, a);
    else if (got->phase != kept->phase)
        say(r, "it was taken at %s, the game recorded it at %s", game_phase_name((GamePhase)got->phase),
            game_phase_name((GamePhase)kept->phase));
    else if (got->turn != kept->turn)
        say(r, "partner %d took it, the game recorded partner %d", got->turn + 1, kept->turn + 1);
    else if (got->weight != kept->weight || got->balance != kept->balance)
        say(r, "it moved the balance by %d to %d, the game recorded %d to %d", got->weight, got->balance,
            kept->weight, kept->balance);
    else
        return false;
    return true;
}

/* The plans and goals made so far against the game recorded. */
static bool made_differs(Replay *r, const GameSummary *got, const GameSummary *kept)
{
    for (int i = 0; i < got->plan_count; i++) {
        const GamePlan *a = &got->plans[i], *b = &kept->plans[i];
        if (i >= kept->plan_count || a->card.id != b->card.id || a->day != b->day || a->time != b->time) {
            say(r, "plan %d is '%s', day %d, %s; the game recorded %s", i + 1, a->card.text, a->day,
                game_time_name((DayTime)a->time), i < kept->plan_count ? b->card.text : "fewer plans");
            return true;
        }
    }
    for (int i = 0; i < got->made_count; i++) {
        const GameGoal *a = &got->made[i], *b = &kept->made[i];
        if (i >= kept->made_count || a->partner != b->partner || a->goal.id != b->goal.id || a->day != b->day ||
            a->kept != b->kept || a->support.id != b->support.id || strcmp(a->goal.text, b->goal.text) != 0) {
            say(r, "goal %d is '%s', day %d%s; the game recorded %s", i + 1, a->goal.text, a->day,
                a->kept ? ", kept" : "", i < kept->made_count ? b->goal.text : "fewer goals");
            return true;
        }
    }
    return false;
}

/* Applies action number step (from 1) of the log to game; false, with the
 * step and what differed, when it does not give the game recorded. */
static bool replay_one(Replay *r, Game *game, const Game *final, const char *text, long step)
{
    GameSummary got, kept;
    game_summary(game, &got);
    r->step = step;
    snprintf(r->action, sizeof r->action, "%s", text);
    Action action;
    if (!session_action_parse(text, &action)) {
        say(r, "it is not an action Tightrope knows");
        return false;
    }
    GameError e = game_apply(game, action);
    if (e != GAME_OK) {
        say(r, "the engine refused it: %s", game_error_message(e));
        return false;
    }
    game_summary(game, &got);
    game_summary(final, &kept);
    if (got.step_count > kept.step_count) {
        say(r, "the game recorded had ended before it");
        return false;
    }
    if (step_differs(r, &got.steps[got.step_count - 1], &kept.steps[got.step_count - 1]) ||
        made_differs(r, &got, &kept))
        return false;
    r->step = 0;
    r->action[0] = '\0';
    return true;
}

/* The end of the log against the end of the game recorded. */
static bool replay_end(Replay *r, const Game *game, const Game *final, size_t actions)
{
    GameSummary got, kept;
    game_summary(game, &got);
    game_summary(final, &kept);
    r->hash = game_hash(game);
    if (got.step_count < kept.step_count) {
        char b[64];
        step_text(&kept.steps[got.step_count], b, sizeof b);
        r->step = (long)actions + 1;
        say(r, "the journal kept no action for it, and the game recorded '%s'", b);
        return false;
    }
    if (r->hash != game_hash(final)) {
        r->step = (long)actions;
        say(r, "the game after it (hash %016" PRIx64 ") is not the one recorded (hash %016" PRIx64 ")", r->hash,
            game_hash(final));
        return false;
    }
    return true;
}

/* Loads the game kept at the end and the one to start from. */
static JournalStatus load_games(Replay *r, const JournalReplay *kept, Game **start, Game **final)
{
    char err[400];
    if (game_load(kept->final, kept->final_len, final, err, sizeof err) != GAME_OK) {
        say(r, "the game kept at its end cannot be read: %s", err);
        return JOURNAL_E_CORRUPT;
    }
    if (!kept->start)
        return game_copy_start(*final, start) == GAME_OK ? JOURNAL_OK : JOURNAL_E_NO_MEMORY;
    if (game_save_format(kept->start, kept->start_len) < GAME_RULES_FORMAT) {
        say(r, "it was played by the rules of an older version");
        return JOURNAL_E_OLD_RULES;
    }
    if (game_load(kept->start, kept->start_len, start, err, sizeof err) != GAME_OK) {
        say(r, "the game kept at its start cannot be read: %s", err);
        return JOURNAL_E_CORRUPT;
    }
    return JOURNAL_OK;
}

/* The first difference between the replayed record and the journal's. */
static bool records_differ(Replay *r)
{
    char a[REPLAY_WHAT_SIZE / 2 - 16], b[REPLAY_WHAT_SIZE / 2 - 16];
    replay_summary(&r->replayed, a, sizeof a);
    replay_summary(&r->recorded, b, sizeof b);
    if (strcmp(a, b) == 0)
        return false;
    say(r, "the replay ends as \"%s\", the journal's record says \"%s\"", a, b);
    return true;
}

JournalStatus replay_game(Journal *journal, long long id, Replay *out)
{
    memset(out, 0, sizeof *out);
    JournalReplay kept;
    JournalStatus st = journal_load_game(journal, id, &out->recorded);
    if (st == JOURNAL_OK)
        st = journal_replay(journal, out->recorded.id, &kept);
    if (st != JOURNAL_OK)
        return st;
    Game *game = NULL, *final = NULL;
    st = load_games(out, &kept, &game, &final);
    bool same = st == JOURNAL_OK;
    for (size_t i = 0; same && i < kept.count; i++, out->actions++)
        same = replay_one(out, game, final, kept.actions[i], (long)i + 1);
    if (same)
        same = replay_end(out, game, final, kept.count);
    if (st == JOURNAL_OK) {
        GameSummary summary;
        game_summary(game, &summary);
        if (!record_from_summary(&out->replayed, &summary, (const char *const *)out->recorded.decks,
                                 out->recorded.deck_count, out->recorded.played))
            st = JOURNAL_E_NO_MEMORY;
        else if (same && records_differ(out))
            out->step = (long)kept.count;
    }
    game_free(game);
    game_free(final);
    journal_replay_free(&kept);
    return st;
}

void replay_summary(const Record *r, char *out, size_t size)
{
    int n = snprintf(out, size, "%s & %s, %s and %s, %d round%s: %d star%s, %zu plan%s, %zu goal%s, passes %d and %d; balance",
                     r->names[0] ? r->names[0] : "", r->names[1] ? r->names[1] : "", game_need_name(r->needs[0]),
                     game_need_name(r->needs[1]), r->rounds, r->rounds == 1 ? "" : "s", r->stars,
                     r->stars == 1 ? "" : "s", r->plan_count, r->plan_count == 1 ? "" : "s", r->goal_count,
                     r->goal_count == 1 ? "" : "s", r->passes[0], r->passes[1]);
    for (size_t i = 0; i < r->balance_count && n > 0 && (size_t)n < size; i++)
        n += snprintf(out + n, size - (size_t)n, " %d", r->balances[i]);
}
