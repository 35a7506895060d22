/* SPDX-License-Identifier: MIT */
/* Setup: the two names, what each partner needs this week, rounds, the
 * sharing timer and the decks in play. The first name takes the focus when
 * it is empty, so a couple can type right away; Enter goes on to the second
 * name, then to Start. Once the names are there (remembered from the last
 * game) Start is focused from the beginning, so Enter alone starts a game.
 * From a gamepad, Start is focused too: its A would open the keyboard. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

static const char *const need_labels[NEED_COUNT] = {N_("Balanced"), N_("Closer"), N_("More space")};
/* Shown in this order: closer, balanced, more space. */
static const Need need_order[NEED_COUNT] = {NEED_CLOSER, NEED_BALANCED, NEED_SPACE};

static Box name_box(Box row)
{
    return (Box){row.x + 30, row.y + 70, row.w * 0.38f, 92};
}

/* A partner's row: the name, then what they need this week. Returns true
 * when Enter is pressed in the partner's name field. */
static bool partner_row(App *app, int p, Box b, int field_flags)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    char heading[160];
    snprintf(heading, sizeof heading, app->settings.left == p ? _("Partner %d · sits left") : _("Partner %d · sits right"),
             p + 1);
    const char *placeholder = p == 0 ? _("Player 1") : _("Player 2");
    float field_w = b.w * 0.38f, needs_x = b.x + 30 + field_w + 40;
    if (app->ui.pass == UI_DRAW) {
        gfx_round(g, b, 24, th->panel);
        /* In the colour of their side, as the game shows them. */
        gfx_text(g, FONT_UI_BOLD, 34, heading, (Box){b.x + 30, b.y + 8, field_w, 46}, ALIGN_LEFT, VALIGN_TOP,
                 th->kinds[app->settings.left == p ? KIND_SHARING : KIND_PLANNING]);
        gfx_text(g, FONT_UI, 34, _("This week I need"), (Box){needs_x, b.y + 8, b.x + b.w - 30 - needs_x, 46},
                 ALIGN_LEFT, VALIGN_TOP, th->muted);
    }
    bool entered = ui_field(&app->ui, name_box(b), app->setup.names[p], sizeof app->setup.names[p], GAME_NAME_MAX_CHARS,
                            placeholder, field_flags);
    const char *labels[NEED_COUNT];
    int selected = 0;
    for (int i = 0; i < NEED_COUNT; i++) {
        labels[i] = _(need_labels[need_order[i]]);
        if (need_order[i] == app->setup.needs[p])
            selected = i;
    }
    int hit = button_row(app, (Box){needs_x, b.y + 70, b.x + b.w - 30 - needs_x, 92}, labels, NEED_COUNT, selected,
                         -1, 0);
    if (hit >= 0) {
        app->setup.needs[p] = need_order[hit];
        app->dirty = true;
    }
    return entered;
}

/* Who sits on the left (the first name unless swapped): one press swaps
 * the sides, beside the names' headings. */
static void swap_sides(App *app, Box b)
{
    if (ui_button(&app->ui, b, _("Swap sides"), 0)) {
        app->settings.left = 1 - app->settings.left;
        app_save_settings(app); /* kept for the next evening */
    }
}

void screen_setup(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    draw_title_bar(app, _("New game"), _("Who is playing, and what do you each need this week?"));
    float col_w = (s.w - 40) / 2;
    Box rows[2] = {{s.x, 206, s.w, 176}, {s.x, 398, s.w, 176}};
    bool type_first = !app->setup.names[0][0] && !app->ui.pad_last;
    float by = s.y + s.h - 92;
    Box start = {s.x + s.w - 360, by, 360, 92};
    for (int p = 0; p < 2; p++) {
        if (partner_row(app, p, rows[p], p == 0 && type_first ? UI_PRIMARY : 0)) {
            ui_focus_box(&app->ui, p == 0 ? name_box(rows[1]) : start);
            app->dirty = true;
        }
    }

    swap_sides(app, (Box){s.x + s.w - 420, 104, 420, 92});

    /* Rounds and the sharing timer: a label above each. */
    float y = 596;
    if (app->ui.pass == UI_DRAW) {
        gfx_text(g, FONT_UI, 34, _("Rounds"), (Box){s.x, y, col_w, 46}, ALIGN_LEFT, VALIGN_TOP, th->text);
        char n[8];
        snprintf(n, sizeof n, "%d", app->setup.rounds);
        gfx_text(g, FONT_UI_BOLD, 44, n, (Box){s.x + 110, y + 56, 120, 92}, ALIGN_CENTER, VALIGN_MIDDLE, th->text);
        gfx_text(g, FONT_UI, 34, _("Sharing timer, minutes"), (Box){s.x + col_w + 40, y, col_w, 46}, ALIGN_LEFT,
                 VALIGN_TOP, th->text);
    }
    if (ui_button(&app->ui, (Box){s.x, y + 56, 100, 92}, "−", app->setup.rounds > GAME_ROUNDS_MIN ? 0 : UI_DISABLED)) {
        app->setup.rounds--;
        app->dirty = true;
    }
    if (ui_button(&app->ui, (Box){s.x + 240, y + 56, 100, 92}, "+", app->setup.rounds < GAME_ROUNDS_MAX ? 0 : UI_DISABLED)) {
        app->setup.rounds++;
        app->dirty = true;
    }
    const char *const timers[] = {_("Off"), "1", "2", "3"};
    int t = button_row(app, (Box){s.x + col_w + 40, y + 56, col_w, 92}, timers, 4, app->setup.timer_minutes, -1, 0);
    if (t >= 0) {
        app->setup.timer_minutes = t;
        app->dirty = true;
    }

    /* The decks in play: a count here, the list on a page of its own. */
    y = 778;
    const Library *lib = &app->decks.library;
    int on = 0, all = 0;
    for (size_t i = 0; i < lib->count; i++) {
        if (!lib->items[i].deck)
            continue;
        all++;
        on += app->decks.enabled[i];
    }
    if (app->ui.pass == UI_DRAW) {
        char line[160];
        snprintf(line, sizeof line, _("Decks in play: %d of %d"), on, all);
        gfx_text(g, FONT_UI, 34, line, (Box){s.x, y, col_w, 92}, ALIGN_LEFT, VALIGN_MIDDLE, th->text);
    }
    if (ui_button(&app->ui, (Box){s.x + col_w + 40, y, col_w, 92}, _("Choose decks"), 0)) {
        app_goto(app, SCREEN_CHOOSE);
        return;
    }

    if (app->ui.pass == UI_DRAW && app->setup.error[0])
        gfx_text(g, FONT_UI, 32, app->setup.error, (Box){s.x + 380, by - 10, s.w - 780, 112}, ALIGN_CENTER,
                 VALIGN_MIDDLE, th->accent);
    bool back = ui_button(&app->ui, (Box){s.x, by, 340, 92}, _("Back"), UI_QUIET);
    if (back || (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK)) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    if (ui_button(&app->ui, start, _("Start"), UI_PRIMARY)) {
        app_start_game(app);
        app->dirty = true;
    }
}

/* ---- the decks in play ---- */

/* A language in words (the game's), for the headings of the list. */
static const char *language_name(const char *tag)
{
    static const struct {
        const char *tag, *name;
    } names[] = {{"en", NC_("language", "English")}, {"ja", NC_("language", "Japanese")},
                 {"de", NC_("language", "German")},  {"fr", NC_("language", "French")},
                 {"es", NC_("language", "Spanish")}, {"it", NC_("language", "Italian")},
                 {"nl", NC_("language", "Dutch")},   {"pt", NC_("language", "Portuguese")}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t n = strlen(names[i].tag);
        if (strncmp(tag, names[i].tag, n) == 0 && (tag[n] == '\0' || tag[n] == '-'))
            return C_("language", names[i].name);
    }
    return tag;
}

/* The list: a heading for each kind (and language), then its decks. Rows
 * hold a library index, or -1 - kind for a heading (its language in lang);
 * rows and lang have room for 2 * lib->count + 1 (a heading has a deck
 * under it), langs for lib->count + 1. Every deck is listed, however many. */
static int list_rows(const App *app, int *rows, const char **lang, const char **langs)
{
    const Library *lib = &app->decks.library;
    int n = 0;
    for (int kind = 0; kind < KIND_COUNT; kind++) {
        /* The languages of this kind: the player's own first. */
        int nl = 0;
        for (int own = 1; own >= 0; own--) {
            for (size_t i = 0; i < lib->count; i++) {
                const Deck *d = lib->items[i].deck;
                if (!d || (int)d->kind != kind || app_speaks(app, d->language) != (own == 1))
                    continue;
                bool seen = false;
                for (int j = 0; j < nl; j++)
                    seen |= strcmp(langs[j], d->language) == 0;
                if (!seen)
                    langs[nl++] = d->language;
            }
        }
        for (int j = 0; j < nl; j++) {
            lang[n] = nl > 1 ? langs[j] : NULL;
            rows[n++] = -1 - kind;
            for (size_t i = 0; i < lib->count; i++) {
                const Deck *d = lib->items[i].deck;
                if (d && (int)d->kind == kind && strcmp(d->language, langs[j]) == 0) {
                    lang[n] = NULL;
                    rows[n++] = (int)i;
                }
            }
        }
    }
    return n;
}

/* The decks-in-play list of app->decks, built again only after the decks
 * or the card language changed. False when memory runs out. */
static bool choose_rows(App *app)
{
    AppDecks *d = &app->decks;
    if (d->rows_built)
        return true;
    size_t cap = 2 * d->library.count + 1;
    int *rows = malloc(cap * sizeof *rows);
    const char **lang = malloc(cap * sizeof *lang), **langs = malloc(cap * sizeof *langs);
    if (rows && lang && langs) {
        free(d->rows);
        free(d->row_lang);
        d->rows = rows;
        d->row_lang = lang;
        d->row_count = list_rows(app, rows, lang, langs);
        d->rows_built = true;
    } else {
        free(rows);
        free(lang);
    }
    free(langs);
    return d->rows_built;
}

void screen_choose(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    draw_title_bar(app, _("Decks in play"), _("Tick the decks to deal from. Packs stay off until you switch them on."));
    if (!choose_rows(app)) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
    const int *rows = app->decks.rows, n = app->decks.row_count;
    const char *const *lang = app->decks.row_lang;
    /* The row of the focused deck (widgets are the deck rows, in order). */
    int focus_row = -1;
    int focus = ui_focus_settled(&app->ui);
    for (int k = 0, w = app->ui.count; k < n; k++) {
        if (rows[k] < 0)
            continue;
        if (w == focus)
            focus_row = k;
        w++;
    }
    List list;
    float top = 224;
    /* Room for the name and two lines of the about: line at reading size. */
    float row = 200 * (0.6f + 0.4f * g->text_scale);
    list_begin(app, &list, (Box){s.x, top, s.w, s.y + s.h - 92 - 30 - top}, row, n, &app->decks.choose_scroll, focus_row);
    for (int k = 0; k < n; k++) {
        if (rows[k] < 0) {
            Box b = list_row(app, &list, k, NULL);
            bool shown = k >= app->decks.choose_scroll && k < app->decks.choose_scroll + list.visible;
            if (!shown || app->ui.pass != UI_DRAW)
                continue;
            int kind = -1 - rows[k];
            char head[256];
            snprintf(head, sizeof head, "%s%s%s", kind_label((CardKind)kind), lang[k] ? " · " : "",
                     lang[k] ? language_name(lang[k]) : "");
            gfx_icon(g, (IconId)kind, (Box){b.x, b.y + b.h - 60, 52, 52}, th->kinds[kind]);
            gfx_text(g, FONT_UI_BOLD, 40, head, (Box){b.x + 72, b.y + 20, b.w - 72, b.h - 20}, ALIGN_LEFT,
                     VALIGN_BOTTOM, th->kinds[kind]);
            continue;
        }
        size_t i = (size_t)rows[k];
        const LibraryEntry *e = &app->decks.library.items[i];
        int flags = app->decks.enabled[i] ? UI_SELECTED : 0;
        Box b = list_row(app, &list, k, &flags);
        bool focused;
        if (ui_area(&app->ui, b, flags, &focused)) {
            app->decks.enabled[i] = !app->decks.enabled[i];
            app->dirty = true;
        }
        if ((flags & UI_HIDDEN) || app->ui.pass != UI_DRAW)
            continue;
        const Deck *d = e->deck;
        char title[300], where[128];
        snprintf(title, sizeof title, "%s %s%s%s · %s", app->decks.enabled[i] ? "✓" : "○", d->name,
                 e->beside_builtin ? _(" (yours)") : "", deck_is_pack(d) ? _(" · pack") : "", source_label(e, where, sizeof where));
        SDL_Color ink = focused ? th->bg : th->text;
        if (focused) {
            ui_draw_focus(&app->ui, b, 20);
            gfx_round(g, b, 20, th->focus);
        } else {
            gfx_round_framed(g, b, 20, 3, app->decks.enabled[i] ? th->text : th->card_edge, th->panel);
        }
        float half = (b.h - 16) * 0.45f;
        gfx_text(g, FONT_UI_BOLD, 36, title, (Box){b.x + 30, b.y + 8, b.w - 60, half}, ALIGN_LEFT, VALIGN_MIDDLE,
                 ink);
        gfx_text(g, FONT_UI, 32, d->about ? d->about : "", (Box){b.x + 30, b.y + 8 + half, b.w - 60, b.h - 16 - half},
                 ALIGN_LEFT, VALIGN_MIDDLE, focused ? th->bg : th->muted);
    }
    list_hints(app, &list);
    if (ui_button(&app->ui, (Box){s.x + s.w - 360, s.y + s.h - 92, 360, 92}, _("Done"), UI_PRIMARY) ||
        (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK)) {
        app_goto(app, SCREEN_SETUP);
        return;
    }
}
