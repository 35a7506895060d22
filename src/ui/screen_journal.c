/* SPDX-License-Identifier: MIT */
/* What the journal brings back: the check-in on the plans and goals whose
 * days have passed, before a new game, and our journey, game after game. */
#include <stdio.h>
#include <string.h>

#include "screens.h"

static bool back_pressed(const App *app)
{
    return app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK;
}

/* A day "YYYY-MM-DD" in the player's words ("Tue 6 Jan"); "Some day" for "". */
static const char *date_label(const char *date, char *buf, size_t size)
{
    char before[RECORD_DATE_SIZE];
    if (!date[0] || !record_date_add(date, -1, before))
        return record_day_label("", RECORD_SOME_DAY, buf, size);
    return record_day_label(before, 0, buf, size);
}

static const JournalCheckItem *checkin_now(const App *app)
{
    const JournalCheckin *c = &app->journal.checkin;
    int i = app->journal.checkin_item;
    return i >= 0 && (size_t)i < c->count ? &c->items[i] : NULL;
}

/* On to the next item, or to setup after the last. */
static void checkin_next(App *app)
{
    app->journal.checkin_stage = CHECKIN_ASK;
    app->journal.checkin_item++;
    if (!checkin_now(app)) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

/* "Anna's goal for Wed 7 Jan" or "Plan together for Tue 6 Jan, evening". */
static void item_label(const JournalCheckItem *it, char *out, size_t size)
{
    char date[64], who[200];
    date_label(it->date, date, sizeof date);
    if (it->is_goal)
        /* TRANSLATORS: a card's label: a name and a day (Wed 7 Jan). */
        snprintf(out, size, _("%s's goal · %s"), shorten(it->names[it->partner], 16, who, sizeof who), date);
    else if (it->time != TIME_ANY)
        /* TRANSLATORS: a card's label: a day (Tue 6 Jan) and a time of day (evening). */
        snprintf(out, size, _("Plan together · %s, %s"), date, _(record_time_name(it->time)));
    else
        snprintf(out, size, _("Plan together · %s"), date);
}

/* The celebration: it happened. One question for the partner to ask, and
 * a moment to share the answer (Gable et al. 2004). */
static void draw_celebration(App *app, const JournalCheckItem *it)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    char line[600], a[200], b[200];
    gfx_icon(g, ICON_STAR, (Box){s.x + (s.w - 220) / 2, 200, 220, 220}, th->accent);
    if (it->is_goal)
        snprintf(line, sizeof line, _("Well done, %s!"), shorten(it->names[it->partner], 24, a, sizeof a));
    else
        snprintf(line, sizeof line, "%s", _("You did it together!"));
    gfx_text(g, FONT_UI_BOLD, 64, line, (Box){s.x, 430, s.w, 90}, ALIGN_CENTER, VALIGN_MIDDLE, th->good);
    fit_cut(app, FONT_UI, 36, it->text, (Box){s.x + 200, 520, s.w - 400, 50}, ALIGN_CENTER, VALIGN_MIDDLE, th->muted);
    if (it->is_goal)
        /* TRANSLATORS: the partner who backed the goal asks the one who reached it. */
        snprintf(line, sizeof line, _("%s, ask %s: “What was the best part?”"), shorten(it->names[1 - it->partner], 24, a, sizeof a),
                 shorten(it->names[it->partner], 24, b, sizeof b));
    else
        snprintf(line, sizeof line, "%s", _("Ask each other: “What was the best part?”"));
    gfx_text_fit(g, FONT_UI_BOLD, 48, line, (Box){s.x, 585, s.w, 110}, ALIGN_CENTER, VALIGN_MIDDLE, th->text);
    gfx_text_fit(g, FONT_UI, 36, _("Take a minute to tell it, and to listen. Then go on."), (Box){s.x, 705, s.w, 60},
                 ALIGN_CENTER, VALIGN_MIDDLE, th->muted);
}

/* A plan that did not happen: a kind word, and one press to carry it into
 * this week's plans. */
static void checkin_missed(App *app, const JournalCheckItem *it)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    bool full = app->journal.carried_count >= GAME_ROUNDS_MAX;
    if (app->ui.pass == UI_DRAW) {
        gfx_text(g, FONT_UI_BOLD, 56, _("That's all right: weeks fill up."), (Box){s.x, 230, s.w, 90}, ALIGN_CENTER,
                 VALIGN_MIDDLE, th->text);
        char line[300];
        snprintf(line, sizeof line, "%s", _("Try it again this week?"));
        gfx_text(g, FONT_UI, 40, line, (Box){s.x, 330, s.w, 60}, ALIGN_CENTER, VALIGN_MIDDLE, th->muted);
    }
    draw_card(app, (Box){(g->cw - 1000) / 2, 420, 1000, 300}, KIND_PLANNING, _("Plan together"), it->text, false, 1);
    const char *const labels[] = {_("Carry it into this week"), _("Next")};
    int hit = button_row(app, (Box){(g->cw - 1200) / 2, 770, 1200, 92}, labels, 2, -1, 1, 0);
    if (hit == 0 && !full) {
        snprintf(app->journal.carried[app->journal.carried_count++], sizeof app->journal.carried[0], "%s", it->text);
        audio_play(app->audio, SOUND_STAR, app->now);
    }
    if (hit >= 0)
        checkin_next(app);
}

static void checkin_answer(App *app, const JournalCheckItem *it, int hit)
{
    JournalStatus st = JOURNAL_OK;
    bool left = false;
    app->journal.celebrate[0] = '\0';
    if (hit == 2)
        st = journal_later(app->journal.db, it->game, it->is_goal, it->index, &left);
    else
        st = journal_answer(app->journal.db, it->game, it->is_goal, it->index, hit == 0 ? JOURNAL_YES : JOURNAL_NOT_YET);
    if (st != JOURNAL_OK)
        snprintf(app->notice, sizeof app->notice, "%s", _(journal_message(st)));
    if (hit == 0) {
        audio_play(app->audio, SOUND_STAR, app->now);
        app->journal.checkin_stage = CHECKIN_CELEBRATE;
    } else if (hit == 1 && !it->is_goal) {
        app->journal.checkin_stage = CHECKIN_MISSED;
    } else {
        checkin_next(app);
        return;
    }
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

void screen_checkin(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    if (app->journal.checkin_item < 0)
        app->journal.checkin_item = 0;
    const JournalCheckItem *it = checkin_now(app);
    if (!it) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
    char sub[96];
    snprintf(sub, sizeof sub, _("Check-in on the days that have passed · %d of %zu"), app->journal.checkin_item + 1,
             app->journal.checkin.count);
    if (back_pressed(app)) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
    if (app->journal.checkin_stage == CHECKIN_CELEBRATE) {
        draw_title_bar(app, _("It happened!"), sub);
        if (app->ui.pass == UI_DRAW)
            draw_celebration(app, it);
        if (ui_button(&app->ui, (Box){(g->cw - 500) / 2, 800, 500, 92}, _("Next"), UI_PRIMARY))
            checkin_next(app);
        return;
    }
    if (app->journal.checkin_stage == CHECKIN_MISSED) {
        draw_title_bar(app, _("It didn't happen"), sub);
        checkin_missed(app, it);
        return;
    }
    draw_title_bar(app, _("Did it happen?"), sub);
    char label[400];
    item_label(it, label, sizeof label);
    if (app->ui.pass == UI_DRAW && it->is_goal) {
        char line[700], who[200];
        snprintf(line, sizeof line, _("Backed by %s: %s"), shorten(it->names[1 - it->partner], 20, who, sizeof who),
                 it->support);
        fit_cut(app, FONT_UI, 34, line, (Box){(g->cw - 1000) / 2, 672, 1000, 88}, ALIGN_CENTER, VALIGN_MIDDLE,
                th->muted);
    }
    draw_card(app, (Box){(g->cw - 1000) / 2, 200, 1000, it->is_goal ? 460 : 540}, it->is_goal ? KIND_SOLO : KIND_PLANNING,
              label, it->text, false, 1);
    /* No answer is chosen in advance: Later has the focus. */
    const char *const labels[] = {_("It happened"), _("It didn't"), _("Later")};
    int hit = button_row(app, (Box){(g->cw - 1200) / 2, 770, 1200, 92}, labels, 3, -1, 2, 0);
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI, 32, it->later ? _("Later again, and it leaves the check-in as not known.")
                                           : _("Later keeps it for the next check-in."),
                 (Box){s.x, 880, s.w, 50}, ALIGN_CENTER, VALIGN_MIDDLE, th->muted);
    if (hit >= 0)
        checkin_answer(app, it, hit);
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
        /* The cards the couple of the setup screen kept for later. */
        const char *names[2];
        app_couple(app, names);
        journal_seen_free(&j->kept);
        if (j->db && journal_kept(j->db, names[0], names[1], &j->kept) != JOURNAL_OK)
            j->kept = (JournalSeen){0};
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

/* "2 plans done, 1 still to come": what came of a game, as progress. */
static void progress_words(int made, int done, int to_come, bool goals, char *out, size_t size)
{
    if (done && to_come)
        snprintf(out, size,
                 goals ? ngettext("%d goal done, %d still to come", "%d goals done, %d still to come", (unsigned long)done)
                       : ngettext("%d plan done, %d still to come", "%d plans done, %d still to come", (unsigned long)done),
                 done, to_come);
    else if (done)
        snprintf(out, size, goals ? ngettext("%d goal done", "%d goals done", (unsigned long)done)
                                  : ngettext("%d plan done", "%d plans done", (unsigned long)done), done);
    else if (to_come)
        snprintf(out, size,
                 goals ? ngettext("%d goal still to come", "%d goals still to come", (unsigned long)to_come)
                       : ngettext("%d plan still to come", "%d plans still to come", (unsigned long)to_come),
                 to_come);
    else
        snprintf(out, size, goals ? ngettext("%d goal made", "%d goals made", (unsigned long)made)
                                  : ngettext("%d plan made", "%d plans made", (unsigned long)made), made);
}

/* The day a game was played, in the player's words ("Mon 5 Jan"). */
static const char *played_label(const JournalEntry *e, char *buf, size_t size)
{
    char date[RECORD_DATE_SIZE];
    snprintf(date, sizeof date, "%.10s", e->played);
    return date_label(date, buf, size);
}

/* The day a game was played in the fewest letters ("5 Jan"), under the
 * chart's narrow columns. */
static const char *chart_label(const JournalEntry *e, char *buf, size_t size)
{
    int y, m, d;
    char date[RECORD_DATE_SIZE];
    snprintf(date, sizeof date, "%.10s", e->played);
    if (!record_parse_date(date, &y, &m, &d))
        return played_label(e, buf, size);
    struct tm t = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return i18n_date(&t, I18N_DATE_TINY, buf, size);
}

/* Stars per game, the newest on the left like the list below. */
static void journey_chart(App *app, const JournalJourney *journey, Box chart)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    size_t shown = journey->count < 10 ? journey->count : 10;
    gfx_round(g, chart, 24, th->panel);
    float bw = (chart.w - 80) / 10;
    for (size_t i = 0; i < shown; i++) {
        const JournalEntry *e = &journey->items[journey->count - 1 - i];
        float h = e->rounds ? (chart.h - 110) * e->stars / e->rounds : 0;
        float x = chart.x + 40 + i * bw;
        gfx_round(g, (Box){x + 16, chart.y + chart.h - 56 - h, bw - 32, h > 8 ? h : 8}, 8, th->accent);
        char label[64];
        snprintf(label, sizeof label, "%d/%d", e->stars, e->rounds);
        gfx_note(g, FONT_UI_BOLD, 28, label, (Box){x, chart.y + chart.h - 64 - h - 40, bw, 36}, ALIGN_CENTER,
                 VALIGN_BOTTOM, th->text);
        gfx_note(g, FONT_UI, 26, chart_label(e, label, sizeof label), (Box){x, chart.y + chart.h - 50, bw, 40},
                 ALIGN_CENTER, VALIGN_TOP, th->muted);
    }
}

/* Opens Our week of game id again, to look at and export. */
static void journey_reopen(App *app, long long id)
{
    AppJournal *j = &app->journal;
    Record r;
    JournalStatus st = j->db ? journal_load_game(j->db, id, &r) : JOURNAL_E_NO_SUCH_GAME;
    if (st != JOURNAL_OK) {
        j->journey_status = st;
        app->dirty = true;
        return;
    }
    record_free(&j->record);
    j->record = r;
    j->has_record = true;
    app_week_open(app, true, SCREEN_JOURNEY);
}

static void journey_row(App *app, const JournalEntry *e, Box b, bool focused)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    SDL_Color ink = focused ? th->bg : th->text, soft = focused ? th->bg : th->muted;
    draw_row_back(app, b, focused);
    char day[64], a[200], c[200], line[900], plans[160], goals[160];
    /* TRANSLATORS: a finished game: its date (Mon 5 Jan), the two names, the rounds kept steady. */
    snprintf(line, sizeof line, ngettext("%s · %s & %s · %d of %d round steady", "%s · %s & %s · %d of %d rounds steady", (unsigned long)e->rounds), played_label(e, day, sizeof day),
             shorten(e->names[0], 20, a, sizeof a), shorten(e->names[1], 20, c, sizeof c), e->stars, e->rounds);
    float half = (b.h - 16) / 2;
    gfx_text_fit_min(g, FONT_UI_BOLD, 36, GFX_READ_MIN, line, (Box){b.x + 30, b.y + 8, b.w - 60, half}, ALIGN_LEFT,
                     VALIGN_MIDDLE, ink);
    progress_words(e->plans_made, e->plans_done, e->plans_to_come, false, plans, sizeof plans);
    progress_words(e->goals_made, e->goals_done, e->goals_to_come, true, goals, sizeof goals);
    snprintf(line, sizeof line, "%s · %s", plans, goals);
    gfx_text_fit_min(g, FONT_UI, 34, GFX_READ_MIN, line, (Box){b.x + 30, b.y + 8 + half, b.w - 60, half}, ALIGN_LEFT,
                     VALIGN_MIDDLE, soft);
}

/* The cards kept for later, newest first, in box: choosing one lets it go. */
static void journey_kept(App *app, Box box)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    const JournalSeen *kept = &app->journal.kept;
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI_BOLD, 36, _("Kept for later"),
                 (Box){box.x, box.y, box.w, 56}, ALIGN_LEFT, VALIGN_MIDDLE, th->accent);
    int base = app->ui.count, n = (int)kept->count;
    int focus = ui_focus_settled(&app->ui);
    List list;
    list_begin(app, &list, (Box){box.x, box.y + 64, box.w, box.h - 64}, 170, n, &app->journal.kept_scroll,
               focus >= base && focus < base + n ? focus - base : -1);
    for (int k = 0; k < n; k++) {
        int flags = 0;
        Box b = list_row(app, &list, k, &flags);
        bool focused;
        if (ui_area(&app->ui, b, flags, &focused)) {
            app_let_go(app, (size_t)k);
            return;
        }
        char short_text[200];
        if (app->ui.count > 0)
            /* TRANSLATORS: a kept card's row, read aloud: the start of its text. */
            snprintf(app->ui.widgets[app->ui.count - 1].text, sizeof app->ui.widgets[0].text, _("Let go: %s"),
                     shorten(kept->texts[k], 30, short_text, sizeof short_text));
        if ((flags & UI_HIDDEN) || app->ui.pass != UI_DRAW)
            continue;
        draw_row_back(app, b, focused);
        SDL_Color ink = focused ? th->bg : th->text, soft = focused ? th->bg : th->muted;
        /* The card's words, wrapped, and what choosing the row does. */
        gfx_text_fit_min(g, FONT_UI_BOLD, 34, GFX_READ_MIN, kept->texts[k], (Box){b.x + 30, b.y + 10, b.w - 60, b.h - 72},
                         ALIGN_LEFT, VALIGN_MIDDLE, ink);
        gfx_text_fit_min(g, FONT_UI, 32, GFX_READ_MIN, focused ? _("Choose to let it go") : _("Dealt first in your next game"),
                         (Box){b.x + 30, b.y + b.h - 56, b.w - 60, 46}, ALIGN_LEFT, VALIGN_MIDDLE, soft);
    }
    list_hints(app, &list);
}

void screen_journey(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    const JournalJourney *journey = journey_read(app);
    draw_title_bar(app, _("Our journey"), _("Your finished games, newest first. Choose one to open its week."));
    if (app->ui.pass == UI_DRAW && journey->count == 0)
        gfx_text(g, FONT_UI, 36, journey_empty(app), (Box){s.x, 260, s.w, 60}, ALIGN_LEFT, VALIGN_TOP, th->muted);
    /* The cards kept for later, when there are any, between the chart
     * (lower) and the games (one kept card in view at a time). */
    bool kept = app->journal.kept.count > 0;
    if (app->ui.pass == UI_DRAW && journey->count)
        journey_chart(app, journey, (Box){s.x, 196, s.w, kept ? 180 : 230});
    if (kept)
        journey_kept(app, (Box){s.x, 392, s.w, 64 + 170});
    /* The games, newest first; each opens its week again. */
    float top = kept ? 648 : 450, bottom = s.y + s.h - 92 - 24;
    float games_w = s.w;
    int base = app->ui.count, n = (int)journey->count;
    int focus = ui_focus_settled(&app->ui);
    List list;
    list_begin(app, &list, (Box){s.x, top, games_w, bottom - top}, 146, n, &app->journal.journey_scroll,
               focus >= base && focus < base + n ? focus - base : -1);
    for (int k = 0; k < n; k++) {
        const JournalEntry *e = &journey->items[journey->count - 1 - (size_t)k];
        int flags = 0;
        Box b = list_row(app, &list, k, &flags);
        bool focused;
        if (ui_area(&app->ui, b, flags, &focused)) {
            journey_reopen(app, e->id);
            return;
        }
        char day[64];
        if (app->ui.count > 0)
            snprintf(app->ui.widgets[app->ui.count - 1].text, sizeof app->ui.widgets[0].text, _("Week of %s"),
                     played_label(e, day, sizeof day));
        if (!(flags & UI_HIDDEN) && app->ui.pass == UI_DRAW)
            journey_row(app, e, b, focused);
    }
    list_hints(app, &list);
    if (ui_button(&app->ui, (Box){s.x + s.w - 380, s.y + s.h - 92, 380, 92}, _("Done"), UI_PRIMARY) || back_pressed(app))
        app_goto(app, SCREEN_TITLE);
}
