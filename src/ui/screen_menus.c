/* SPDX-License-Identifier: MIT */
/* The menus: title, pause, settings, how to play, and the decks found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "phones_ui.h"
#include "screens.h"
#include "speech.h"

static bool back_pressed(const App *app)
{
    return app->ui.pass == UI_ACT && (app->ui.input.type == IN_BACK || app->ui.input.type == IN_PAUSE);
}

/* A column of menu buttons centred in the window. Returns the one chosen. */
static int menu(App *app, float top, const char *const *labels, const bool *shown, int count, int primary)
{
    Gfx *g = &app->gfx;
    float w = 620, h = 76, gap = 14;
    int hit = -1;
    float y = top;
    for (int i = 0; i < count; i++) {
        if (shown && !shown[i])
            continue;
        if (ui_button(&app->ui, (Box){(g->cw - w) / 2, y, w, h}, _(labels[i]), i == primary ? UI_PRIMARY : 0))
            hit = i;
        y += h + gap;
    }
    return hit;
}

Box title_icon_box(const Gfx *g)
{
    return (Box){g->cw / 2 - 60, g->area.y, 120, 120};
}

void screen_title(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    bool can_continue = app->play.game && app->play.view.phase != PHASE_OVER;
    bool fresh = !app->journal.db && journal_can_start_fresh(app->journal.status);
    bool read_only = !app->journal.db && app->journal.status == JOURNAL_E_IN_USE;
    if (app->ui.pass == UI_DRAW) {
        Box s = g->area;
        gfx_icon(g, ICON_APP, title_icon_box(g), (SDL_Color){255, 255, 255, 255});
        gfx_text(g, FONT_UI_BOLD, 80, "Tightrope", (Box){s.x, s.y + 122, s.w, 100}, ALIGN_CENTER, VALIGN_TOP, th->text);
        gfx_text(g, FONT_UI, 32, _("A game for two about closeness, and room to grow."), (Box){s.x, s.y + 222, s.w, 50},
                 ALIGN_CENTER, VALIGN_TOP, th->muted);
        /* A notice: in the column left of the menu, so no button (Quit
         * least of all) is ever drawn over it, in any window shape. */
        if (app->notice[0])
            gfx_text_fit(g, FONT_UI, 32, app->notice, (Box){s.x, 350, (g->cw - 620) / 2 - 40 - s.x, s.y + s.h - 350},
                         ALIGN_LEFT, VALIGN_TOP, th->accent);
    }
    Box side = {g->area.x + g->area.w - ((g->cw - 620) / 2 - 40 - g->area.x), g->area.y + g->area.h - 92,
                (g->cw - 620) / 2 - 40 - g->area.x, 92};
    if (fresh && ui_button(&app->ui, side, _("Start a fresh journal"), UI_QUIET)) {
        app_journal_fresh(app);
        return;
    }
    if (read_only && ui_button(&app->ui, side, _("Open read-only"), UI_QUIET)) {
        app_journal_read_only(app);
        return;
    }
    static const char *const labels[] = {N_("Continue"), N_("New game"),    N_("Our journey"), N_("Decks"),
                                          N_("Settings"), N_("How to play"), N_("Quit")};
    bool shown[] = {can_continue, true, true, true, true, true, true};
    switch (menu(app, can_continue ? 350 : 390, labels, shown, 7, can_continue ? 0 : 1)) {
    case 0:
        app_goto(app, SCREEN_PLAY);
        break;
    case 1:
        /* A saved game is never replaced without a question. */
        if (can_continue)
            app_goto(app, SCREEN_CONFIRM);
        else
            app_new_game(app);
        break;
    case 2:
        app_goto(app, SCREEN_JOURNEY);
        break;
    case 3:
        app->return_to = SCREEN_TITLE;
        app_goto(app, SCREEN_DECKS);
        break;
    case 4:
        app->return_to = SCREEN_TITLE;
        app_goto(app, SCREEN_SETTINGS);
        break;
    case 5:
        app->return_to = SCREEN_TITLE;
        app->howto_page = 0;
        app_goto(app, SCREEN_HOWTO);
        break;
    case 6:
        app->running = false;
        break;
    default:
        break;
    }
}

/* "today at 20:14", "yesterday at 9:05", "Monday 5 January at 20:14" for a
 * journal time "YYYY-MM-DD HH:MM:SS"; "" when it cannot be read. */
static void when_played(const char *stamp, char *out, size_t size)
{
    struct tm t = {0};
    out[0] = '\0';
    if (sscanf(stamp, "%d-%d-%d %d:%d", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min) != 5)
        return;
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    t.tm_isdst = -1;
    time_t then = mktime(&t);
    struct tm now;
    time_t today = clock_now();
    if (then == (time_t)-1 || !localtime_r(&today, &now))
        return;
    struct tm day_before = now;
    day_before.tm_mday--;
    day_before.tm_isdst = -1;
    time_t y = mktime(&day_before);
    struct tm yest;
    localtime_r(&y, &yest);
    char clock[16];
    snprintf(clock, sizeof clock, "%d:%02d", t.tm_hour, t.tm_min);
    if (t.tm_year == now.tm_year && t.tm_mon == now.tm_mon && t.tm_mday == now.tm_mday)
        snprintf(out, size, _("today at %s"), clock);
    else if (t.tm_year == yest.tm_year && t.tm_mon == yest.tm_mon && t.tm_mday == yest.tm_mday)
        snprintf(out, size, _("yesterday at %s"), clock);
    else {
        char date[96];
        /* TRANSLATORS: a day and a time: "Monday 5 January at 20:14". */
        snprintf(out, size, _("%s at %s"), i18n_date(&t, I18N_DATE_LONG, date, sizeof date), clock);
    }
}

/* New game while a game is saved: it says which game, and what a new one
 * does to it; the focus starts on keeping it. */
void confirm_text(App *app, char *out, size_t size)
{
    const GameView *v = &app->play.view;
    char stamp[RECORD_PLAYED_SIZE] = "", when[96] = "";
    if (app->journal.db)
        journal_progress_updated(app->journal.db, stamp);
    when_played(stamp, when, sizeof when);
    char saved[512];
    if (when[0])
        /* TRANSLATORS: the two names, the round and the rounds, and when
           (today at 20:14, Monday 5 January at 20:14). */
        snprintf(saved, sizeof saved, _("%s and %s’s game is saved at round %d of %d; you last played it %s."),
                 v->names[0], v->names[1], v->round, v->rounds, when);
    else
        snprintf(saved, sizeof saved, _("%s and %s’s game is saved at round %d of %d."), v->names[0], v->names[1],
                 v->round, v->rounds);
    snprintf(out, size, "%s\n\n%s", saved,
             _("A new game takes its place: once the new one starts, this one cannot be continued, and it is "
               "not kept in Our journey."));
}

void screen_confirm(App *app)
{
    Gfx *g = &app->gfx;
    if (!app->play.game || app->play.view.phase == PHASE_OVER) {
        app_new_game(app);
        return;
    }
    draw_title_bar(app, _("Start a new game?"), NULL);
    if (app->ui.pass == UI_DRAW) {
        char body[640];
        confirm_text(app, body, sizeof body);
        Box panel = {g->area.x, 200, g->area.w, 600};
        gfx_round(g, panel, 28, g->theme->panel);
        gfx_text_fit(g, FONT_UI, 44, body, (Box){panel.x + 60, panel.y + 50, panel.w - 120, panel.h - 100},
                     ALIGN_LEFT, VALIGN_TOP, g->theme->text);
    }
    float y = g->area.y + g->area.h - 92;
    bool replace = ui_button(&app->ui, (Box){g->area.x, y, 520, 92}, _("Start a new game"), UI_QUIET);
    bool keep = ui_button(&app->ui, (Box){g->area.x + g->area.w - 520, y, 520, 92}, _("Keep it"), UI_PRIMARY);
    if (keep || back_pressed(app))
        app_goto(app, SCREEN_TITLE);
    else if (replace)
        app_new_game(app);
}

void screen_pause(App *app)
{
    Gfx *g = &app->gfx;
    if (app->ui.pass == UI_DRAW) {
        gfx_marks_reset(g); /* the menu covers the screen below */
        gfx_fill(g, (Box){0, 0, g->cw, 1080}, gfx_alpha(g->theme->bg, 200));
        gfx_round(g, (Box){(g->cw - 760) / 2, 190, 760, 720}, 32, g->theme->panel);
        gfx_text(g, FONT_UI_BOLD, 64, _("Paused"), (Box){0, 220, g->cw, 90}, ALIGN_CENTER, VALIGN_TOP, g->theme->text);
        char note[APP_PATH + 256];
        app_saving_note(app, note, sizeof note);
        if (note[0])
            gfx_text_fit(g, FONT_UI, 32, note, (Box){(g->cw - 900) / 2, 300, 900, 130}, ALIGN_CENTER, VALIGN_TOP,
                         g->theme->accent);
        else
            gfx_text(g, FONT_UI, 32, _("Your game is saved after every card."), (Box){0, 310, g->cw, 50}, ALIGN_CENTER,
                     VALIGN_TOP, g->theme->muted);
    }
    static const char *const labels[] = {N_("Resume"), N_("Settings"), N_("How to play"), N_("Back to title")};
    int hit = menu(app, 420, labels, NULL, 4, 0);
    if (hit == 0 || back_pressed(app)) {
        app->paused = false;
        ui_focus_primary(&app->ui);
        app->dirty = true;
    } else if (hit == 1) {
        app->return_to = SCREEN_PLAY;
        app_goto(app, SCREEN_SETTINGS);
    } else if (hit == 2) {
        app->return_to = SCREEN_PLAY;
        app->howto_page = 0;
        app_goto(app, SCREEN_HOWTO);
    } else if (hit == 3) {
        app_goto(app, SCREEN_TITLE);
    }
}

/* ---- settings ---- */

static int setting_row(App *app, float y, const char *name, const char *const *options, int count, int selected)
{
    Gfx *g = &app->gfx;
    Box s = g->area;
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI, 36, _(name), (Box){s.x, y, 380, 82}, ALIGN_LEFT, VALIGN_MIDDLE, g->theme->text);
    const char *shown[8];
    for (int i = 0; i < count && i < 8; i++)
        shown[i] = _(options[i]);
    return button_row(app, (Box){s.x + 400, y, s.w - 400, 82}, shown, count < 8 ? count : 8, selected, -1, 0);
}

void screen_settings(App *app)
{
    Settings *st = &app->settings;
    draw_title_bar(app, _("Settings"), _("Kept for next time. F11: fullscreen. M: sound on and off."));
    static const char *const onoff[] = {N_("Off"), N_("On")};
    static const char *const sizes[] = {"100%", "125%", "150%", "175%", "200%"};
    static const char *const themes[] = {N_("Dark"), N_("High contrast")};
    static const char *const motion[] = {N_("Full"), N_("Reduced")};
    /* Each language in its own words, whatever the game speaks. */
    static const char *const languages[SETTINGS_LANGUAGE_COUNT] = {N_("Automatic"), "English", "日本語", "Español"};
    static const char *const reading[] = {N_("Off"), N_("Slow"), N_("Normal"), N_("Fast")};
    float y = 196, step = 90;
    bool language_changed = false;
    int hit;
    bool changed = false;
    if ((hit = setting_row(app, y, N_("Fullscreen"), onoff, 2, st->fullscreen)) >= 0)
        st->fullscreen = hit == 1, changed = true;
    y += step;
    if ((hit = setting_row(app, y, N_("Text size"), sizes, 5, (st->text_size - 100) / 25)) >= 0)
        st->text_size = 100 + hit * 25, changed = true;
    y += step;
    if ((hit = setting_row(app, y, N_("Theme"), themes, 2, st->theme == SETTINGS_THEME_CONTRAST)) >= 0)
        st->theme = hit ? SETTINGS_THEME_CONTRAST : SETTINGS_THEME_DARK, changed = true;
    y += step;
    if ((hit = setting_row(app, y, N_("Sound"), onoff, 2, st->sound)) >= 0)
        st->sound = hit == 1, changed = true;
    y += step;
    if ((hit = setting_row(app, y, N_("Motion"), motion, 2, st->reduced_motion)) >= 0)
        st->reduced_motion = hit == 1, changed = true;
    y += step;
    if ((hit = setting_row(app, y, N_("Language"), languages, SETTINGS_LANGUAGE_COUNT, (int)st->language)) >= 0 &&
        hit != (int)st->language)
        st->language = (SettingsLanguage)hit, changed = language_changed = true;
    y += step;
    /* Off, or on at one of three speeds: the speed is kept while it is off. */
    int read = st->read_aloud ? 1 + (int)st->speech_speed : 0;
    if ((hit = setting_row(app, y, N_("Read cards aloud"), reading, 4, read)) >= 0) {
        st->read_aloud = hit > 0;
        if (hit > 0)
            st->speech_speed = (SettingsSpeed)(hit - 1);
        changed = true;
    }
    y += step;
    static const char *const answers[] = {N_("Reader only"), N_("Both answer")};
    if ((hit = setting_row(app, y, N_("Sharing cards"), answers, 2, st->both_answer)) >= 0)
        st->both_answer = hit == 1, changed = true;
    if (changed)
        app_apply_settings(app);
    if (language_changed) {
        /* The game speaks it from the next picture on, its cards too. */
        i18n_use(settings_language_code(st->language));
        app_choose_default_decks(app);
    }
    Gfx *g = &app->gfx;
    char problem[256];
    speech_problem(app->speech, problem, sizeof problem);
    if (audio_problem(app->audio)[0])
        snprintf(problem, sizeof problem, "%s", _("No sound device was found, so the game plays silently."));
    /* Between the Phones button (left) and Done (right), on their row. */
    if (app->ui.pass == UI_DRAW && problem[0])
        gfx_text_fit(g, FONT_UI, 32, problem, (Box){g->area.x + 410, g->area.y + g->area.h - 92, g->area.w - 820, 92},
                     ALIGN_LEFT, VALIGN_MIDDLE, g->theme->muted);
    phones_settings_button(app);
    if (ui_button(&app->ui, (Box){g->area.x + g->area.w - 380, g->area.y + g->area.h - 92, 380, 92}, _("Done"),
                  UI_PRIMARY) ||
        back_pressed(app)) {
        app_goto(app, app->return_to);
        if (app->return_to == SCREEN_PLAY)
            app->paused = true;
    }
}

/* ---- how to play ---- */

static const struct {
    const char *title, *body;
} howto[] = {
    {N_("Two of you, one rope"),
     N_("Tightrope is played together, side by side. You win as a pair by keeping your rope steady between "
     "closeness and room of your own, and you finish with a plan for your week.")},
    {N_("Each round: share, plan, go solo"),
     N_("Sharing: take turns reading a card aloud and answering it while the other listens. Done when you have "
     "said your piece; then the listener answers the same card (Settings: Sharing cards). After good news, "
     "the card may show a follow-up question for the listener to ask. Pass is always kind, as often as you "
     "like: another card just as deep comes, and the passed one waits at the bottom of the pile for your next "
     "3 games. Come back to this (K) keeps a card for your next game, which deals it first; Our journey lists "
     "the cards you kept.\n"
     "Planning: pick one of three ideas for time together, then its day and time on the week grid.\n"
     "Solo goals: each of you keeps a goal of your own, or writes one, and the other picks how to back it. One "
     "goal each a game: in later rounds, keep yours or swap it for a new one.")},
    {N_("The rope"),
     N_("Every card leans the rope toward Together or toward Apart. Before the game, each of you says what you need "
     "this week, which moves the middle. Each card shows its lean before you choose it, and a faint walker shows "
     "where it would put the rope. Lean too far and you are offered two small things to do together now, or "
     "Not now. End a round near the middle and you earn a star.")},
    {N_("Controls"),
     N_("Keyboard: arrows or Tab to move, Enter or Space to choose, Esc to go back or pause, F11 for fullscreen, "
     "M for sound, R to read the cards aloud again, S to stop reading, K to keep a sharing card for later.\n"
     "Mouse: point and click.\nGamepad: D-pad or left stick to move, A to choose, B to go back, Start to pause, Y to "
     "read the cards again, X to stop, the left shoulder button to keep a sharing card for later. Text fields open "
     "an on-screen keyboard.")},
    {N_("Play from your phones"),
     N_("Each of you can play from your own phone, on your home Wi-Fi: no app, nothing from the internet. On the TV, "
     "open Settings, then Phones, and turn it on. Scan the code with each phone's camera, or open the address "
     "shown in the phone's browser and type the code; then choose who you are. Your phone shows whose turn it is, "
     "the card and what you can do, and takes your name and your goals from its own keyboard. Some sharing cards "
     "are answered privately on both phones, and the TV shows the two answers together.")},
    {N_("About Tightrope"),
     N_("Tightrope %s. The program is free software under the MIT licence. The cards, pictures and "
     "sounds are under Creative Commons Attribution 4.0 (CC BY 4.0): share them and change them, as long as you "
     "name Tightrope.\nBoth licences are in full in the copyright file beside the game's documentation.")},
};
enum { HOWTO_PAGES = sizeof howto / sizeof *howto };

void screen_howto(App *app)
{
    Gfx *g = &app->gfx;
    int page = app->howto_page;
    char sub[64];
    snprintf(sub, sizeof sub, _("How to play · %d of %d"), page + 1, HOWTO_PAGES);
    draw_title_bar(app, _(howto[page].title), sub);
    if (app->ui.pass == UI_DRAW) {
        Box panel = {g->area.x, 230, g->area.w, 600};
        gfx_round(g, panel, 28, g->theme->panel);
        char body[1200];
        /* The About page names the version. */
        snprintf(body, sizeof body, _(howto[page].body), TIGHTROPE_VERSION);
        gfx_text_fit(g, FONT_UI, 44, body, (Box){panel.x + 60, panel.y + 50, panel.w - 120, panel.h - 100},
                     ALIGN_LEFT, VALIGN_TOP, g->theme->text);
    }
    float y = g->area.y + g->area.h - 92;
    bool last = page == HOWTO_PAGES - 1;
    bool back = ui_button(&app->ui, (Box){g->area.x, y, 380, 92}, page ? _("Previous") : _("Back"), UI_QUIET);
    bool next = ui_button(&app->ui, (Box){g->area.x + g->area.w - 380, y, 380, 92}, last ? _("Done") : _("Next"), UI_PRIMARY);
    if (back_pressed(app) || (back && page == 0) || (next && last)) {
        app_goto(app, app->return_to);
        if (app->return_to == SCREEN_PLAY)
            app->paused = true;
    } else if (back || next) {
        app->howto_page += next ? 1 : -1;
        ui_focus_primary(&app->ui);
        app->dirty = true;
    }
}

/* ---- the decks found ---- */

/* A deck's rows of text: its name (and where it comes from), its about:
 * line, and its cards by level in words; for a deck that cannot be played,
 * its first problems. */
static void deck_lines(const LibraryEntry *e, char *title, size_t tsize, char *about, size_t asize, char *detail,
                       size_t dsize)
{
    const char *file = strrchr(e->path, '/');
    file = file ? file + 1 : e->path;
    about[0] = '\0';
    if (!e->deck) {
        snprintf(title, tsize, _("%s cannot be played until it is fixed"), file);
        size_t n = 0;
        detail[0] = '\0';
        int shown = 0;
        for (size_t i = 0; i < e->report.count && shown < 2 && n < dsize; i++) {
            const DeckProblem *p = &e->report.items[i];
            if (p->severity != SEVERITY_ERROR)
                continue;
            if (p->line > 0)
                n += (size_t)snprintf(detail + n, dsize - n, _("%sLine %d: %s"), n ? "\n" : "", p->line, p->message);
            else
                n += (size_t)snprintf(detail + n, dsize - n, "%s%s", n ? "\n" : "", p->message);
            shown++;
        }
        if (e->report.errors > 2 && n < dsize)
            snprintf(detail + n, dsize - n, ngettext(" (and %zu more)", " (and %zu more)", e->report.errors - 2),
                     e->report.errors - 2);
        return;
    }
    const Deck *d = e->deck;
    int per_level[DECK_LEVELS + 1] = {0};
    for (size_t i = 0; i < d->card_count; i++)
        per_level[d->cards[i].level]++;
    char where[128];
    snprintf(title, tsize, "%s%s · %s · %s", d->name, e->beside_builtin ? _(" (yours)") : "", kind_label(d->kind),
             source_label(e, where, sizeof where));
    snprintf(about, asize, "%s", d->about ? d->about : "");
    int n = snprintf(detail, dsize, ngettext("%zu card", "%zu cards", d->card_count), d->card_count);
    if (per_level[2] || per_level[3])
        for (int l = 1; l <= DECK_LEVELS && n > 0 && (size_t)n < dsize; l++)
            n += snprintf(detail + n, dsize - (size_t)n, "%s%s %d", l == 1 ? ": " : ", ", level_name(d, l),
                          per_level[l]);
    if (d->author && n > 0 && (size_t)n < dsize)
        n += snprintf(detail + n, dsize - (size_t)n, _(" · by %s"), d->author);
    if (e->report.warnings && n > 0 && (size_t)n < dsize) {
        const DeckProblem *p = &e->report.items[0];
        snprintf(detail + n, dsize - (size_t)n,
                 ngettext(" · %zu warning, line %d: %s", " · %zu warnings, line %d: %s", e->report.warnings),
                 e->report.warnings, p->line, p->message);
    }
}

void screen_decks(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    const Library *lib = &app->decks.library;
    char sub[96];
    snprintf(sub, sizeof sub,
             ngettext("%zu deck found. Drop a .deck file on the window to add your own.",
                      "%zu decks found. Drop a .deck file on the window to add your own.", lib->count),
             lib->count);
    draw_title_bar(app, _("Decks"), sub);
    Box s = g->area;
    float top = 224, bottom = s.y + s.h - 92 - 30;
    float row = 220 * (0.6f + 0.4f * g->text_scale);
    /* Decks that cannot be played come first, with their problems; every
     * deck is listed, however many there are. */
    size_t *order = malloc((lib->count + 1) * sizeof *order);
    size_t n = 0;
    for (int broken = 1; order && broken >= 0; broken--)
        for (size_t i = 0; i < lib->count; i++)
            if ((lib->items[i].deck == NULL) == broken)
                order[n++] = i;
    int base = app->ui.count;
    int focus = ui_focus_settled(&app->ui);
    int focus_row = focus >= base && focus < base + (int)n ? focus - base : -1;
    List list;
    list_begin(app, &list, (Box){s.x, top, s.w, bottom - top}, row, (int)n, &app->decks.scroll, focus_row);
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        int flags = 0;
        Box b = list_row(app, &list, (int)k, &flags);
        bool focused;
        if (ui_area(&app->ui, b, flags, &focused) && lib->items[i].deck) {
            app->decks.preview_deck = (int)i;
            app->decks.preview_card = 0;
            free(order);
            app_goto(app, SCREEN_PREVIEW);
            return;
        }
        if ((flags & UI_HIDDEN) || app->ui.pass != UI_DRAW)
            continue;
        const LibraryEntry *e = &lib->items[i];
        char title[300], about[600], detail[1400];
        deck_lines(e, title, sizeof title, about, sizeof about, detail, sizeof detail);
        SDL_Color ink = focused ? th->bg : th->text, soft = focused ? th->bg : th->muted;
        draw_row_back(app, b, focused);
        if (e->deck)
            gfx_icon(g, (IconId)e->deck->kind, (Box){b.x + 24, b.y + (b.h - 64) / 2, 64, 64},
                     focused ? th->bg : th->kinds[e->deck->kind]);
        /* Three lines, the block centred in the row. */
        /* The name, the about: line (room for two lines), the details. */
        Box t = {b.x + 112, b.y + 8, b.w - 142, b.h - 16};
        float line = t.h * 0.25f, mid = t.h - 2 * line;
        gfx_text(g, FONT_UI_BOLD, 36, title, (Box){t.x, t.y, t.w, line}, ALIGN_LEFT, VALIGN_MIDDLE,
                 e->deck ? ink : focused ? th->bg : th->accent);
        if (about[0]) {
            gfx_text(g, FONT_UI, 32, about, (Box){t.x, t.y + line, t.w, mid}, ALIGN_LEFT, VALIGN_MIDDLE, ink);
            gfx_text(g, FONT_UI, 32, detail, (Box){t.x, t.y + line + mid, t.w, line}, ALIGN_LEFT, VALIGN_MIDDLE, soft);
        } else {
            gfx_text(g, FONT_UI, 32, detail, (Box){t.x, t.y + line, t.w, t.h - line}, ALIGN_LEFT, VALIGN_MIDDLE, soft);
        }
    }
    free(order);
    list_hints(app, &list);
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI, 32, _("Choose a deck to see its cards."), (Box){s.x, s.y + s.h - 92, s.w - 420, 92},
                 ALIGN_LEFT, VALIGN_MIDDLE, th->muted);
    if (ui_button(&app->ui, (Box){s.x + s.w - 360, s.y + s.h - 92, 360, 92}, _("Done"), UI_PRIMARY) ||
        back_pressed(app))
        app_goto(app, app->return_to);
}

/* A deck's cards one by one, at the size they are played, to see each fits.
 * ← and → turn the cards. */
void screen_preview(App *app)
{
    Gfx *g = &app->gfx;
    const Library *lib = &app->decks.library;
    if (app->decks.preview_deck < 0 || (size_t)app->decks.preview_deck >= lib->count || !lib->items[app->decks.preview_deck].deck) {
        app_goto(app, SCREEN_DECKS);
        return;
    }
    const Deck *d = lib->items[app->decks.preview_deck].deck;
    int count = (int)d->card_count;
    if (app->decks.preview_card >= count)
        app->decks.preview_card = count - 1;
    const Card *c = &d->cards[app->decks.preview_card];
    app->ui.sideways = true; /* ← and → turn the cards */
    char sub[512], label[320];
    int weight = c->has_weight ? c->weight : game_default_weight(d->kind);
    const char *leans = weight > 1    ? _("leans strongly toward Together")
                        : weight > 0  ? _("leans toward Together")
                        : weight < -1 ? _("leans strongly toward Apart")
                        : weight < 0  ? _("leans toward Apart")
                                      : _("leans neither way");
    /* TRANSLATORS: the card's number, the cards, how it leans, its line in the file. */
    snprintf(sub, sizeof sub, _("Card %d of %d · %s · line %d · ← and → turn the cards"),
             app->decks.preview_card + 1, count, leans, c->line);
    draw_title_bar(app, d->name, sub);
    snprintf(label, sizeof label, "%s · %s", kind_label(d->kind), level_name(d, c->level));
    /* The same card as in play. */
    draw_card(app, (Box){(g->cw - 1200) / 2, 236, 1200, 470}, d->kind, label, c->text, false, 1);
    Box s = g->area;
    float y = s.y + s.h - 92;
    bool prev = ui_button(&app->ui, (Box){s.x, y, 340, 92}, _("Previous"), app->decks.preview_card > 0 ? UI_QUIET : UI_DISABLED);
    bool next = ui_button(&app->ui, (Box){(g->cw - 340) / 2, y, 340, 92}, _("Next"),
                          UI_PRIMARY | (app->decks.preview_card + 1 < count ? 0 : UI_DISABLED));
    bool done = ui_button(&app->ui, (Box){s.x + s.w - 340, y, 340, 92}, _("Done"), 0);
    if (done || back_pressed(app)) {
        app_goto(app, SCREEN_DECKS); /* back on the deck's row */
        return;
    }
    if (app->ui.pass == UI_ACT && (app->ui.input.type == IN_LEFT || app->ui.input.type == IN_RIGHT)) {
        bool fwd = app->ui.input.type == IN_RIGHT;
        prev = !fwd && app->decks.preview_card > 0;
        next = fwd && app->decks.preview_card + 1 < count;
    }
    if (prev || next) {
        app->decks.preview_card += next ? 1 : -1;
        if (app->decks.preview_card + 1 >= count || app->decks.preview_card <= 0)
            ui_focus_primary(&app->ui);
        app->dirty = true;
    }
}
