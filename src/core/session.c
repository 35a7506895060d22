/* SPDX-License-Identifier: MIT */
/* The glue between the engine and the journal: commit after every action,
 * resume, finish, and the seen-card preference. */
#include "session.h"
#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void session_action_text(Action action, char *out, size_t size)
{
    const char *name = game_action_name(action.type);
    switch (action.type) {
    case ACTION_PICK:
    case ACTION_DAY:
    case ACTION_TIME:
        snprintf(out, size, "%s %d", name, action.index);
        break;
    case ACTION_CUSTOM:
        snprintf(out, size, "%s %s%s", name,
                 action.index == GOAL_WHERE_HOME  ? "(at home) "
                 : action.index == GOAL_WHERE_OUT ? "(out) "
                                                  : "",
                 action.text ? action.text : "");
        break;
    default:
        snprintf(out, size, "%s", name);
        break;
    }
}

bool session_action_parse(const char *text, Action *out)
{
    for (int t = 0; t < ACTION_COUNT; t++) {
        const char *name = game_action_name((ActionType)t);
        size_t n = strlen(name);
        if (strncmp(text, name, n) != 0 || (text[n] != '\0' && text[n] != ' '))
            continue;
        const char *rest = text[n] ? text + n + 1 : text + n;
        *out = (Action){.type = (ActionType)t};
        if (t == ACTION_CUSTOM) {
            static const char *const places[] = {"(at home) ", "(out) "};
            for (int w = 0; w < 2; w++)
                if (strncmp(rest, places[w], strlen(places[w])) == 0) {
                    out->index = w == 0 ? GOAL_WHERE_HOME : GOAL_WHERE_OUT;
                    rest += strlen(places[w]);
                }
            out->text = rest;
            return true;
        }
        if (t != ACTION_PICK && t != ACTION_DAY && t != ACTION_TIME)
            return *rest == '\0';
        char *end;
        long v = strtol(rest, &end, 10);
        if (end == rest || *end || v < 0 || v > 99)
            return false;
        out->index = (int)v;
        return true;
    }
    return false;
}

/* The texts shown in a view: the cards on the table and the one held. */
static size_t shown_texts(const GameView *view, const char **out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; i < view->card_count && n < cap; i++)
        if (view->cards[i].text && view->cards[i].id >= 0)
            out[n++] = view->cards[i].text;
    if (view->has_held && view->held.text && view->held.id >= 0 && n < cap)
        out[n++] = view->held.text;
    return n;
}

JournalStatus session_begin(Journal *journal, const Game *game, const char *const *deck_names, size_t deck_count)
{
    char *buf = NULL;
    size_t len = 0;
    if (game_save(game, &buf, &len) != GAME_OK)
        return JOURNAL_E_NO_MEMORY;
    JournalStatus st = journal_begin(journal, buf, len, deck_names, deck_count);
    free(buf);
    return st;
}

JournalStatus session_save_again(Journal *journal, const Game *game, const char *const *deck_names,
                                 size_t deck_count)
{
    /* The whole game as it stands, in one transaction: the state holds
     * every action so far, so nothing played while saving had stopped is
     * lost. */
    return session_begin(journal, game, deck_names, deck_count);
}

void session_saving_stopped(JournalStatus st, char *buf, size_t size)
{
    const char *why;
    switch (st) {
    case JOURNAL_E_DISK_FULL:
        why = _("the disk is full");
        break;
    case JOURNAL_E_READ_ONLY:
        why = _("the journal cannot be written to");
        break;
    case JOURNAL_E_IO:
        why = _("the disk reported an error");
        break;
    case JOURNAL_E_IN_USE:
        why = _("another copy of Tightrope is using the journal");
        break;
    case JOURNAL_E_NO_MEMORY:
        why = _("there is not enough memory");
        break;
    default:
        why = _("the journal could not keep the last card");
        break;
    }
    /* TRANSLATORS: why saving stopped, then what to do (free some space,
       put that right); "Try saving again" is the button's name. */
    snprintf(buf, size, _("Saving has stopped: %s. This game goes on from memory; %s, then choose Try saving again."),
             why, st == JOURNAL_E_DISK_FULL ? _("free some space") : _("put that right"));
}

/* A step applied and not yet written, every text its own copy: the game's
 * may change before it is written. */
struct SessionStep {
    char *action, *state, *names[2], *passed;
    size_t len, seen_count;
    char **seen;
    Record record;
    bool finished;
    char *answered, *answers; /* the card answered privately, the answers kept */
    char **decks;             /* a game's beginning (session_begin_later): its decks' names, */
    size_t deck_count;        /* the game in state */
    bool begins;
};

void session_step_free(SessionStep *step)
{
    if (!step)
        return;
    free(step->action);
    free(step->state);
    free(step->names[0]);
    free(step->names[1]);
    free(step->passed);
    for (size_t i = 0; i < step->seen_count; i++)
        free(step->seen[i]);
    free(step->seen);
    record_free(&step->record);
    free(step->answered);
    free(step->answers);
    for (size_t i = 0; i < step->deck_count; i++)
        free(step->decks[i]);
    free(step->decks);
    free(step);
}

/* A copy of s (NULL stays NULL); false when memory ran out. */
static bool copy_text(char **to, const char *s)
{
    *to = s ? strdup(s) : NULL;
    return !s || *to;
}

/* The step that action, applied to the game seen before, makes of the game
 * now: NULL without memory, or when the game cannot be saved. */
static SessionStep *make_step(const Game *game, const GameView *before, const char *const *seen_before,
                              size_t seen_before_count, const char *action_text, Action action)
{
    SessionStep *step = calloc(1, sizeof *step);
    if (!step)
        return NULL;
    GameView after;
    game_view(game, &after);
    const char *seen[2 * (GAME_MAX_TABLE + 1)];
    size_t n = seen_before_count;
    memcpy(seen, seen_before, n * sizeof *seen);
    n += shown_texts(&after, seen + n, sizeof seen / sizeof *seen - n);
    bool ok = (step->seen = calloc(n ? n : 1, sizeof *step->seen)) != NULL;
    for (size_t i = 0; ok && i < n; i++, step->seen_count++)
        ok = copy_text(&step->seen[i], seen[i]);
    ok = ok && copy_text(&step->action, action_text) && copy_text(&step->names[0], before->names[0]) &&
         copy_text(&step->names[1], before->names[1]);
    if (ok && action.type == ACTION_PASS && before->card_count > 0)
        ok = copy_text(&step->passed, before->cards[0].text);
    /* A card answered privately, kept when the couple chose to: after the
     * step, so the answers are kept only with the Done they belong to. */
    if (ok && action.type == ACTION_DONE && action.text && action.text[0] && before->card_count > 0)
        ok = copy_text(&step->answered, before->cards[0].text) && copy_text(&step->answers, action.text);
    /* The action that ends the game records it in the same transaction
     * (with the decks session_begin named), so no crash can leave a game
     * over but missing from the journey. */
    if (ok && after.phase == PHASE_OVER) {
        GameSummary summary;
        game_summary(game, &summary);
        ok = step->finished = record_from_summary(&step->record, &summary, NULL, 0, NULL);
    }
    if (!ok || game_save(game, &step->state, &step->len) != GAME_OK) {
        session_step_free(step);
        return NULL;
    }
    return step;
}

SessionStep *session_begin_later(const Game *game, const char *const *deck_names, size_t deck_count)
{
    SessionStep *step = calloc(1, sizeof *step);
    if (!step)
        return NULL;
    step->begins = true;
    bool ok = (step->decks = calloc(deck_count ? deck_count : 1, sizeof *step->decks)) != NULL;
    for (size_t i = 0; ok && i < deck_count; i++, step->deck_count++)
        ok = copy_text(&step->decks[i], deck_names[i]);
    if (!ok || game_save(game, &step->state, &step->len) != GAME_OK) {
        session_step_free(step);
        return NULL;
    }
    return step;
}

GameError session_apply_later(Game *game, Action action, SessionStep **step)
{
    *step = NULL;
    /* The cards acted on are seen too, so they are read before the action
     * (their text stays valid: game_apply never frees a card). */
    GameView before;
    game_view(game, &before);
    const char *seen[GAME_MAX_TABLE + 1];
    size_t seen_count = shown_texts(&before, seen, sizeof seen / sizeof *seen);
    char action_text[GAME_GOAL_MAX_CHARS * 4 + 32];
    session_action_text(action, action_text, sizeof action_text);
    GameError err = game_apply(game, action);
    if (err != GAME_OK)
        return err;
    *step = make_step(game, &before, seen, seen_count, action_text, action);
    return GAME_OK;
}

JournalStatus session_commit(Journal *journal, SessionStep *step)
{
    JournalStatus st = journal ? JOURNAL_E_NO_MEMORY : JOURNAL_OK;
    if (journal && step && step->begins) {
        st = journal_begin(journal, step->state, step->len, (const char *const *)step->decks, step->deck_count);
    } else if (journal && step) {
        JournalStep js = {
            .action = step->action,
            .state = step->state,
            .len = step->len,
            .names = {step->names[0], step->names[1]},
            .seen = (const char *const *)step->seen,
            .seen_count = step->seen_count,
            .finished = step->finished ? &step->record : NULL,
            .passed = step->passed,
        };
        st = journal_step(journal, &js);
    }
    if (journal && st == JOURNAL_OK && step->answers)
        st = journal_keep_answers(journal, step->names[0], step->names[1], step->answered, step->answers);
    session_step_free(step);
    return st;
}

GameError session_apply(Journal *journal, Game *game, Action action, JournalStatus *saved)
{
    if (saved)
        *saved = JOURNAL_OK;
    if (!journal)
        return game_apply(game, action);
    SessionStep *step;
    GameError err = session_apply_later(game, action, &step);
    if (err != GAME_OK)
        return err;
    JournalStatus st = session_commit(journal, step);
    if (saved)
        *saved = st;
    return GAME_OK;
}

JournalStatus session_resume(Journal *journal, Game **out, long *steps, char *err, size_t errlen)
{
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    char *state = NULL;
    size_t len = 0;
    JournalStatus st = journal_resume(journal, &state, &len, steps);
    if (st != JOURNAL_OK)
        return st;
    GameError ge = game_load(state, len, out, err, err ? errlen : 0);
    free(state);
    if (ge == GAME_OK)
        return JOURNAL_OK;
    if (ge == GAME_E_NOMEM)
        return JOURNAL_E_NO_MEMORY;
    return ge == GAME_E_SAVE_NEWER ? JOURNAL_E_NEWER_VERSION : JOURNAL_E_CORRUPT;
}

JournalStatus session_finish(Journal *journal, const Game *game, const char *const *deck_names, size_t deck_count,
                             Record *out)
{
    /* Normally the game's last action recorded it already: hand that back. */
    if (!journal_has_progress(journal)) {
        Record last;
        JournalStatus st = journal_load_game(journal, 0, &last);
        if (st == JOURNAL_OK && out)
            *out = last;
        else if (st == JOURNAL_OK)
            record_free(&last);
        return st;
    }
    GameSummary summary;
    game_summary(game, &summary);
    Record record;
    char *final = NULL;
    size_t len = 0;
    if (game_save(game, &final, &len) != GAME_OK)
        return JOURNAL_E_NO_MEMORY;
    if (!record_from_summary(&record, &summary, deck_names, deck_count, NULL)) {
        free(final);
        return JOURNAL_E_NO_MEMORY;
    }
    /* The game as it ended: the journal's copy is behind when saving had
     * stopped. */
    JournalStatus st = journal_finish_with(journal, &record, final, len);
    free(final);
    if (out && st == JOURNAL_OK)
        *out = record;
    else
        record_free(&record);
    return st;
}

JournalStatus session_recover(Journal *journal, Record *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!journal_has_progress(journal))
        return JOURNAL_E_NO_GAME;
    Game *game = NULL;
    char err[256];
    JournalStatus st = session_resume(journal, &game, NULL, err, sizeof err);
    if (st != JOURNAL_OK)
        return st;
    GameView view;
    game_view(game, &view);
    if (view.phase == PHASE_OVER) {
        GameSummary summary;
        game_summary(game, &summary);
        Record record;
        st = record_from_summary(&record, &summary, NULL, 0, NULL) ? journal_finish(journal, &record)
                                                                   : JOURNAL_E_NO_MEMORY;
        if (st == JOURNAL_OK && out)
            *out = record;
        else if (st == JOURNAL_OK || st != JOURNAL_E_NO_MEMORY)
            record_free(&record);
    } else {
        st = JOURNAL_E_NO_GAME;
    }
    game_free(game);
    return st;
}

/* ---- the seen-card preference ---- */

/* The kind of the first deck card whose text is text, or -1. */
static int kind_of(const char *text, const Deck *const *decks, size_t deck_count)
{
    for (size_t d = 0; d < deck_count; d++) {
        if (!decks[d])
            continue;
        for (size_t c = 0; c < decks[d]->card_count; c++)
            if (strcmp(decks[d]->cards[c].text, text) == 0)
                return (int)decks[d]->kind;
    }
    return -1;
}

JournalStatus session_recent_cards(Journal *journal, const char *name_a, const char *name_b,
                                   const Deck *const *decks, size_t deck_count, JournalSeen *out)
{
    JournalSeen all;
    JournalStatus st = journal_seen(journal, name_a, name_b, &all);
    memset(out, 0, sizeof *out);
    if (st != JOURNAL_OK)
        return st;
    size_t in_decks[KIND_COUNT] = {0}, kept[KIND_COUNT] = {0};
    for (size_t d = 0; d < deck_count; d++)
        if (decks[d] && (unsigned)decks[d]->kind < KIND_COUNT)
            in_decks[decks[d]->kind] += decks[d]->card_count;
    out->texts = calloc(all.count ? all.count : 1, sizeof *out->texts);
    out->when = calloc(all.count ? all.count : 1, sizeof *out->when);
    if (!out->texts || !out->when) {
        st = JOURNAL_E_NO_MEMORY;
        goto fail;
    }
    /* all is most recent first: keep each kind's most recent half, moving
     * the strings over to out. */
    for (size_t i = 0; i < all.count; i++) {
        int kind = kind_of(all.texts[i], decks, deck_count);
        if (kind < 0 || kept[kind] >= in_decks[kind] / 2)
            continue;
        kept[kind]++;
        out->texts[out->count] = all.texts[i];
        out->when[out->count] = all.when[i];
        all.texts[i] = all.when[i] = NULL;
        out->count++;
    }
    journal_seen_free(&all);
    return JOURNAL_OK;
fail:
    journal_seen_free(&all);
    journal_seen_free(out);
    return st;
}
