/* SPDX-License-Identifier: MIT */
/* What the journal brings back: the check-in on last week's plans and goals
 * before a new game, and our journey, game after game. */
#include <stdio.h>
#include <string.h>

#include "screens.h"

static bool back_pressed(const App *app)
{
    return app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK;
}

static size_t checkin_count(const JournalCheckin *c)
{
    return c->record.plan_count + c->record.goal_count;
}

static JournalAnswer *answer_slot(JournalCheckin *c, size_t item)
{
    return item < c->record.plan_count ? &c->plan_answers[item] : &c->goal_answers[item - c->record.plan_count];
}

/* Moves to the next question with no answer yet; false when none is left. */
static bool next_question(App *app)
{
    JournalCheckin *c = &app->journal.checkin;
    for (size_t i = (size_t)(app->journal.checkin_item + 1); i < checkin_count(c); i++) {
        if (*answer_slot(c, i) == JOURNAL_UNANSWERED) {
            app->journal.checkin_item = (int)i;
            return true;
        }
    }
    return false;
}

void screen_checkin(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    JournalCheckin *c = &app->journal.checkin;
    if (app->journal.checkin_item < 0 && !next_question(app)) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
    size_t item = (size_t)app->journal.checkin_item;
    const Record *r = &c->record;
    bool is_goal = item >= r->plan_count;
    char title[256], label[320], date[64];
    int day = is_goal ? r->goals[item - r->plan_count].day : r->plans[item].day;
    const char *text = is_goal ? r->goals[item - r->plan_count].text : r->plans[item].text;
    bool dated = day != RECORD_SOME_DAY;
    record_day_label(r->played, day, date, sizeof date);
    char who[200];
    const char *owner =
        is_goal ? shorten(r->names[r->goals[item - r->plan_count].partner & 1], 16, who, sizeof who) : "";
    if (is_goal && dated)
        /* TRANSLATORS: a card's label: a name and a day (Sat 4 May). */
        snprintf(label, sizeof label, _("%s's goal for %s"), owner, date);
    else if (is_goal)
        snprintf(label, sizeof label, _("%s's goal"), owner);
    else if (dated)
        snprintf(label, sizeof label, _("Plan together for %s"), date);
    else
        snprintf(label, sizeof label, "%s", _("Plan together"));
    snprintf(title, sizeof title, _("Last time, %s and %s planned this. Did it happen?"), r->names[0], r->names[1]);
    char sub[96];
    snprintf(sub, sizeof sub, _("Check-in · %zu of %zu"), item + 1, checkin_count(c));
    draw_title_bar(app, _("Did it happen?"), sub);
    Box s = g->area;
    if (app->ui.pass == UI_DRAW) {
        gfx_text(g, FONT_UI, 32, title, (Box){s.x, 204, s.w, 84}, ALIGN_LEFT, VALIGN_TOP, th->accent);
        if (app->journal.celebrate[0]) {
            gfx_icon(g, ICON_STAR, (Box){s.x + s.w - 660, s.y, 70, 70}, th->accent);
            gfx_text(g, FONT_UI_BOLD, 40, app->journal.celebrate, (Box){s.x + s.w - 580, s.y, 580, 70}, ALIGN_LEFT,
                     VALIGN_MIDDLE, th->good);
        }
    }
    draw_card(app, (Box){(g->cw - 1000) / 2, 296, 1000, 440}, is_goal ? KIND_SOLO : KIND_PLANNING, label, text, false,
              1);
    const char *const labels[] = {_("Yes, it happened"), _("Not yet"), _("Skip")};
    static const JournalAnswer answers[] = {JOURNAL_YES, JOURNAL_NOT_YET, JOURNAL_SKIP};
    int hit = button_row(app, (Box){(g->cw - 1200) / 2, 770, 1200, 92}, labels, 3, -1, 0, 0);
    if (back_pressed(app)) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    if (hit < 0)
        return;
    JournalStatus st = journal_answer(app->journal.db, r->id, is_goal, is_goal ? item - r->plan_count : item, answers[hit]);
    if (st != JOURNAL_OK)
        snprintf(app->notice, sizeof app->notice, "%s", _(journal_message(st)));
    *answer_slot(c, item) = answers[hit];
    app->journal.celebrate[0] = '\0';
    if (answers[hit] == JOURNAL_YES && is_goal) {
        snprintf(app->journal.celebrate, sizeof app->journal.celebrate, _("Well done, %s!"),
                 r->names[r->goals[item - r->plan_count].partner & 1]);
        audio_play(app->audio, SOUND_STAR, app->now);
    }
    if (!next_question(app)) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

/* Our journey's games, read from the journal once each time the screen
 * opens (app_goto forgets them), not on every frame. */
static const JournalJourney *journey_read(App *app)
{
    AppJournal *j = &app->journal;
    if (!j->journey_read) {
        journal_journey_free(&j->journey);
        j->journey_status = j->db ? journal_journey(j->db, NULL, NULL, &j->journey) : JOURNAL_OK;
        if (j->journey_status != JOURNAL_OK)
            j->journey = (JournalJourney){0};
        j->journey_read = true;
    }
    return &j->journey;
}

/* What Our journey says when it has no game to show. */
static const char *journey_empty(const App *app)
{
    if (!app->journal.db)
        return _("The journal is not open, so there is no journey to show.");
    if (app->journal.journey_status != JOURNAL_OK)
        return _(journal_message(app->journal.journey_status));
    return _("No finished games yet. Your first one will show here.");
}

void screen_journey(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    const JournalJourney *journey = journey_read(app);
    draw_title_bar(app, _("Our journey"), _("Every game you have finished, with what came of it"));
    if (app->ui.pass == UI_DRAW) {
        if (journey->count == 0) {
            gfx_text(g, FONT_UI, 36, journey_empty(app), (Box){s.x, 260, s.w, 60}, ALIGN_LEFT, VALIGN_TOP, th->muted);
        }
        /* Stars per game, the newest on the right. */
        size_t shown = journey->count < 12 ? journey->count : 12;
        Box chart = {s.x, 200, s.w, 300};
        if (shown) {
            gfx_round(g, chart, 24, th->panel);
            float bw = (chart.w - 80) / 12;
            for (size_t i = 0; i < shown; i++) {
                const JournalEntry *e = &journey->items[journey->count - shown + i];
                float h = e->rounds ? (chart.h - 90) * e->stars / e->rounds : 0;
                float x = chart.x + 40 + i * bw;
                gfx_round(g, (Box){x + 10, chart.y + chart.h - 50 - h, bw - 20, h > 8 ? h : 8}, 8, th->accent);
                char label[32];
                snprintf(label, sizeof label, "%d/%d", e->stars, e->rounds);
                gfx_note(g, FONT_UI, 28, label, (Box){x, chart.y + chart.h - 46, bw, 40}, ALIGN_CENTER, VALIGN_TOP,
                         th->muted);
            }
        }
        /* The latest games, newest first. */
        float y = 530;
        for (size_t n = 0; n < journey->count && n < 4; n++) {
            const JournalEntry *e = &journey->items[journey->count - 1 - n];
            char line[600], date[64];
            /* TRANSLATORS: a finished game: its date (Sat 4 May), the two
               names, the rounds kept steady, the plans and goals done. */
            snprintf(line, sizeof line, _("%s · %s & %s · %d of %d steady · plans done %d of %d · goals done %d of %d"),
                     record_day_label(e->played, -1, date, sizeof date), e->names[0], e->names[1], e->stars,
                     e->rounds, e->plans_done, e->plans_made, e->goals_done, e->goals_made);
            gfx_text_fit(g, FONT_UI, 34, line, (Box){s.x, y, s.w, 80}, ALIGN_LEFT, VALIGN_MIDDLE, th->text);
            y += 84;
        }
    }
    if (ui_button(&app->ui, (Box){s.x + s.w - 380, s.y + s.h - 92, 380, 92}, _("Done"), UI_PRIMARY) || back_pressed(app))
        app_goto(app, SCREEN_TITLE);
}
