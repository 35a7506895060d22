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

GameError session_apply(Journal *journal, Game *game, Action action, JournalStatus *saved)
{
    if (saved)
        *saved = JOURNAL_OK;
    /* The cards acted on are seen too, so they are read before the action
     * (their text stays valid: game_apply never frees a card). */
    GameView before;
    game_view(game, &before);
    const char *seen[2 * (GAME_MAX_TABLE + 1)];
    size_t seen_count = shown_texts(&before, seen, sizeof seen / sizeof *seen);
    const char *names[2] = {before.names[0], before.names[1]};
    char action_text[GAME_GOAL_MAX_CHARS * 4 + 32];
    session_action_text(action, action_text, sizeof action_text);

    GameError err = game_apply(game, action);
    if (err != GAME_OK || !journal)
        return err;
    /* A card answered privately, kept when the couple chose to: after the
     * step, so the answers are kept only with the Done they belong to. */
    bool kept_answers = action.type == ACTION_DONE && action.text && action.text[0] && before.card_count > 0;

    GameView after;
    game_view(game, &after);
    seen_count += shown_texts(&after, seen + seen_count, sizeof seen / sizeof *seen - seen_count);
    char *buf = NULL;
    size_t len = 0;
    JournalStatus st = JOURNAL_E_NO_MEMORY;
    /* The action that ends the game records it in the same transaction
     * (with the decks session_begin named), so no crash can leave a game
     * over but missing from the journey. */
    Record record = {0};
    bool over = after.phase == PHASE_OVER;
    if (over) {
        GameSummary summary;
        game_summary(game, &summary);
        over = record_from_summary(&record, &summary, NULL, 0, NULL);
    }
    if ((over || after.phase != PHASE_OVER) && game_save(game, &buf, &len) == GAME_OK) {
        JournalStep step = {
            .action = action_text,
            .state = buf,
            .len = len,
            .names = {names[0], names[1]},
            .seen = seen,
            .seen_count = seen_count,
            .finished = over ? &record : NULL,
            .passed = action.type == ACTION_PASS && before.card_count > 0 ? before.cards[0].text : NULL,
        };
        st = journal_step(journal, &step);
    }
    if (st == JOURNAL_OK && kept_answers)
        st = journal_keep_answers(journal, names[0], names[1], before.cards[0].text, action.text);
    record_free(&record);
    free(buf);
    if (saved)
        *saved = st;
    return err;
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
