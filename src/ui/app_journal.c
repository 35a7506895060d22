/* SPDX-License-Identifier: MIT */
/* The game window's journal: opening it (or a fresh one, or read-only
 * beside another copy), picking up the game in progress, and saving again
 * after saving stopped. */
#include <stdio.h>
#include <string.h>

#include "app_parts.h"
#include "clock.h"
#include "datadir.h"
#include "session.h"

bool app_journal_writable(const App *app)
{
    return app->journal.db && !journal_read_only(app->journal.db);
}

/* Picks up the game in progress, if the journal holds one. */
static void resume_game(App *app)
{
    if (!app->journal.db || !journal_has_progress(app->journal.db))
        return;
    /* A game that ended but was never recorded (a crash at the end, in an
     * older version) goes into the journey now, never lost. */
    Record recovered;
    JournalStatus st = session_recover(app->journal.db, &recovered);
    if (st == JOURNAL_OK) {
        record_free(&recovered);
        snprintf(app->notice, sizeof app->notice, "%s",
                 _("Your last game had ended without being kept; it is in Our journey now."));
        return;
    }
    if (!journal_has_progress(app->journal.db))
        return;
    Game *game = NULL;
    char err[256];
    st = session_resume(app->journal.db, &game, NULL, err, sizeof err);
    if (st != JOURNAL_OK) {
        snprintf(app->notice, sizeof app->notice, _("The game in progress could not be continued: %s"),
                 st == JOURNAL_E_CORRUPT || st == JOURNAL_E_NEWER_VERSION ? err : _(journal_message(st)));
        return;
    }
    app_commit(app);
    game_free(app->play.game);
    app->play.game = game;
    app->play.goal_where = false;
    game_view(game, &app->play.view);
    app->play.walk_from = app->play.walk_to = (float)app->play.view.balance;
    app->play.plan_day = -1;
    app->play.warn_day = -1;
    app->play.break_round = 0;
    app->play.passed = false;
}

/* The title's sentence for a journal that did not open: what happened,
 * why (found by looking at the path or the environment), what to do. */
static void journal_open_notice(App *app)
{
    JournalStatus st = app->journal.status;
    char why[APP_PATH + 128] = "";
    if (st == JOURNAL_E_NO_PLACE)
        datadir_problem(why, sizeof why);
    else if (st == JOURNAL_E_CANNOT_OPEN || st == JOURNAL_E_READ_ONLY || st == JOURNAL_E_IO || st == JOURNAL_E_NOT_FOUND)
        journal_path_problem(app->journal.file, why, sizeof why);
    if (why[0])
        /* TRANSLATORS: the journal's problem, then why (from the system). */
        snprintf(app->notice, sizeof app->notice, _("%s Why: %s. Put that right, then start Tightrope again."),
                 _(journal_message(st)), why);
    else
        snprintf(app->notice, sizeof app->notice, "%s", _(journal_message(st)));
}

void app_journal_open(App *app, bool read_only)
{
    app_commit(app);
    journal_close(app->journal.db);
    app->journal.db = NULL;
    JournalOptions opt = {.read_only = read_only};
    if (app->journal.file[0])
        app->journal.status = journal_open(app->journal.file, &opt, &app->journal.db);
    else
        app->journal.status = journal_open_default(&opt, &app->journal.db, app->journal.file, sizeof app->journal.file);
    if (app->journal.status != JOURNAL_OK) {
        app->journal.db = NULL;
        journal_open_notice(app);
        return;
    }
    if (read_only) {
        /* The other copy's game in progress is its own: not continued here. */
        snprintf(app->notice, sizeof app->notice, "%s",
                 _("The journal is open read-only, as another copy of Tightrope is using it: Our journey shows its "
                   "games, and a game played here is not kept."));
        return;
    }
    resume_game(app);
}

/* The names of the last game, in progress or finished, fill the setup
 * screen, so a couple types them once. The stand-ins for no name do not. */
void app_remember_names(App *app)
{
    Record last = {0};
    const char *names[2] = {NULL, NULL};
    if (app->play.game) {
        names[0] = app->play.view.names[0];
        names[1] = app->play.view.names[1];
    } else if (app->journal.db && journal_load_game(app->journal.db, 0, &last) == JOURNAL_OK) {
        names[0] = last.names[0];
        names[1] = last.names[1];
    }
    for (int p = 0; p < 2; p++) {
        /* The stand-in in English (older games) or in the language now. */
        const char *stand_in = p == 0 ? "Player 1" : "Player 2";
        if (names[p] && strcmp(names[p], stand_in) != 0 && strcmp(names[p], _(stand_in)) != 0)
            snprintf(app->setup.names[p], sizeof app->setup.names[p], "%s", names[p]);
    }
    record_free(&last);
}

void app_journal_fresh(App *app)
{
    char moved[APP_PATH];
    JournalStatus st = journal_move_aside(app->journal.file, 0, moved, sizeof moved);
    if (st != JOURNAL_OK) {
        snprintf(app->notice, sizeof app->notice, "%s", _(journal_message(st)));
        app->dirty = true;
        return;
    }
    app_journal_open(app, false);
    if (app->journal.db)
        snprintf(app->notice, sizeof app->notice, _("A fresh journal was started; the old one is kept as %s."), moved);
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

void app_journal_read_only(App *app)
{
    app_journal_open(app, true);
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

bool app_saving_note(const App *app, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!app->play.game)
        return false;
    if (!app->journal.db) {
        snprintf(buf, size, _("This game is not being kept. %s"), _(journal_message(app->journal.status)));
        return false;
    }
    if (journal_read_only(app->journal.db)) {
        snprintf(buf, size, "%s",
                 _("This game will not be kept: another copy of Tightrope is using the journal, so this one "
                   "only reads it."));
        return false;
    }
    if (app->journal.save_failed == JOURNAL_OK)
        return false;
    session_saving_stopped(app->journal.save_failed, buf, size);
    return true;
}

void app_save_again(App *app)
{
    if (!app->play.game || !app->journal.db)
        return;
    const char **names = NULL;
    size_t n = 0;
    app_decks_in_play(app, NULL, &names, &n);
    app_commit(app);
    JournalStatus st = session_save_again(app->journal.db, app->play.game, names, n);
    free(names);
    app->journal.save_failed = st;
    snprintf(app->notice, sizeof app->notice, "%s",
             st == JOURNAL_OK ? _("Saving works again: the whole game is kept.") : _(journal_message(st)));
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

void app_leave_game(App *app)
{
    app_commit(app);
    game_free(app->play.game);
    app->play.game = NULL;
    app->play.goal_where = false;
    app_goto(app, SCREEN_TITLE);
}


void app_couple(const App *app, const char *names[2])
{
    for (int i = 0; i < 2; i++)
        names[i] = app->setup.names[i][0] ? app->setup.names[i] : _(game_default_name(i));
}

bool app_card_kept(const App *app)
{
    const GameView *v = &app->play.view;
    return v->phase == PHASE_SHARING && v->card_count > 0 && strcmp(app->play.kept, v->cards[0].text) == 0;
}

void app_keep_card(App *app)
{
    const GameView *v = &app->play.view;
    if (v->phase != PHASE_SHARING || v->card_count == 0 || !app_journal_writable(app))
        return;
    bool kept = app_card_kept(app);
    JournalStatus st = kept ? journal_let_go(app->journal.db, v->names[0], v->names[1], v->cards[0].text)
                            : journal_keep_card(app->journal.db, v->names[0], v->names[1], v->cards[0].text);
    if (st != JOURNAL_OK && st != JOURNAL_E_INVALID) {
        snprintf(app->notice, sizeof app->notice, "%s", journal_message(st));
        return;
    }
    snprintf(app->play.kept, sizeof app->play.kept, "%s", kept ? "" : v->cards[0].text);
    app->journal.journey_read = false;
    app->dirty = true;
}

void app_let_go(App *app, size_t k)
{
    AppJournal *j = &app->journal;
    if (k >= j->kept.count || !app_journal_writable(app))
        return;
    const char *names[2];
    app_couple(app, names);
    JournalStatus st = journal_let_go(j->db, names[0], names[1], j->kept.texts[k]);
    if (st != JOURNAL_OK && st != JOURNAL_E_INVALID)
        snprintf(app->notice, sizeof app->notice, "%s", journal_message(st));
    j->journey_read = false;
    app->dirty = true;
}

bool app_can_keep(const App *app)
{
    return app_journal_writable(app);
}
