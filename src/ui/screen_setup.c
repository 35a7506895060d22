/* SPDX-License-Identifier: MIT */
/* Setup: the two names, what each partner needs this week, rounds, the
 * sharing timer and the decks in play. The first name takes the focus when
 * it is empty, so a couple can type right away; Enter goes on to the second
 * name, then to Start. Once the names are there (remembered from the last
 * game) Start is focused from the beginning, so Enter alone starts a game.
 * From a gamepad, Start is focused too: its A would open the keyboard. */
#include <stdio.h>
#include <string.h>

#include "screens.h"

static const char *const need_labels[NEED_COUNT] = {"Balanced", "Closer", "More space"};
/* Shown in this order: closer, balanced, more space. */
static const Need need_order[NEED_COUNT] = {NEED_CLOSER, NEED_BALANCED, NEED_SPACE};

/* "✓ Between Us", and "(yours)" after a deck named like a built-in one. */
static void chip_label(const LibraryEntry *e, bool on, char *out, size_t size)
{
    snprintf(out, size, "%s %s%s", on ? "✓" : "○", e->deck->name, e->beside_builtin ? " (yours)" : "");
}

static Box name_box(Box column)
{
    return (Box){column.x + 30, column.y + 70, column.w - 60, 88};
}

/* Returns true when Enter is pressed in the partner's name field. */
static bool partner_column(App *app, int p, Box b, int field_flags)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    char heading[32], placeholder[32];
    snprintf(heading, sizeof heading, "Partner %d", p + 1);
    snprintf(placeholder, sizeof placeholder, "Player %d", p + 1);
    if (app->ui.pass == UI_DRAW) {
        gfx_round(g, b, 24, th->panel);
        gfx_text(g, FONT_UI_BOLD, 30, heading, (Box){b.x + 30, b.y + 20, b.w - 60, 40}, ALIGN_LEFT, VALIGN_TOP,
                 th->muted);
        gfx_text(g, FONT_UI, 30, "This week I need", (Box){b.x + 30, b.y + 176, b.w - 60, 40}, ALIGN_LEFT, VALIGN_TOP,
                 th->muted);
    }
    bool entered = ui_field(&app->ui, name_box(b), app->names[p], sizeof app->names[p], GAME_NAME_MAX_CHARS,
                            placeholder, field_flags);
    const char *labels[NEED_COUNT];
    int selected = 0;
    for (int i = 0; i < NEED_COUNT; i++) {
        labels[i] = need_labels[need_order[i]];
        if (need_order[i] == app->needs[p])
            selected = i;
    }
    int hit = button_row(app, (Box){b.x + 30, b.y + 222, b.w - 60, 84}, labels, NEED_COUNT, selected, -1, 0);
    if (hit >= 0) {
        app->needs[p] = need_order[hit];
        app->dirty = true;
    }
    return entered;
}

void screen_setup(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->safe;
    draw_title_bar(app, "New game", "Who is playing, and what do you each need this week?");
    float col_w = (s.w - 40) / 2;
    Box columns[2] = {{s.x, 200, col_w, 330}, {s.x + col_w + 40, 200, col_w, 330}};
    bool type_first = !app->names[0][0] && !app->ui.pad_last;
    float by = s.y + s.h - 92;
    Box start = {s.x + s.w - 400, by, 400, 92};
    for (int p = 0; p < 2; p++) {
        if (partner_column(app, p, columns[p], p == 0 && type_first ? UI_PRIMARY : 0)) {
            ui_focus_box(&app->ui, p == 0 ? name_box(columns[1]) : start);
            app->dirty = true;
        }
    }

    /* Rounds and the sharing timer. */
    float y = 570;
    if (app->ui.pass == UI_DRAW) {
        gfx_text(g, FONT_UI, 32, "Rounds", (Box){s.x, y, 200, 84}, ALIGN_LEFT, VALIGN_MIDDLE, th->text);
        char n[8];
        snprintf(n, sizeof n, "%d", app->rounds);
        gfx_text(g, FONT_UI_BOLD, 44, n, (Box){s.x + 300, y, 90, 84}, ALIGN_CENTER, VALIGN_MIDDLE, th->text);
        gfx_text(g, FONT_UI, 32, "Sharing timer (minutes)", (Box){s.x + col_w + 40, y, 380, 84}, ALIGN_LEFT,
                 VALIGN_MIDDLE, th->text);
    }
    if (ui_button(&app->ui, (Box){s.x + 200, y, 90, 84}, "−", app->rounds > GAME_ROUNDS_MIN ? 0 : UI_DISABLED)) {
        app->rounds--;
        app->dirty = true;
    }
    if (ui_button(&app->ui, (Box){s.x + 400, y, 90, 84}, "+", app->rounds < GAME_ROUNDS_MAX ? 0 : UI_DISABLED)) {
        app->rounds++;
        app->dirty = true;
    }
    static const char *const timers[] = {"Off", "1", "2", "3"};
    int t = button_row(app, (Box){s.x + col_w + 40 + 390, y, col_w - 390, 84}, timers, 4, app->timer_minutes, -1, 0);
    if (t >= 0) {
        app->timer_minutes = t;
        app->dirty = true;
    }

    /* The decks in play. */
    y = 690;
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI, 32, "Decks in play", (Box){s.x, y, s.w, 44}, ALIGN_LEFT, VALIGN_TOP, th->text);
    float gap = 16, chip_w = (s.w - 3 * gap) / 4, chip_h = 76, x = s.x;
    y += 52;
    /* Every chip's name at one size: the size the longest needs. */
    const Library *lib = &app->library;
    float size = 0;
    char label[200];
    for (size_t i = 0; app->ui.pass == UI_DRAW && i < lib->count; i++) {
        if (!lib->items[i].deck)
            continue;
        chip_label(&lib->items[i], true, label, sizeof label);
        float s2 = ui_label_size(&app->ui, (Box){0, 0, chip_w, chip_h}, label);
        if (size == 0 || s2 < size)
            size = s2;
    }
    for (size_t i = 0; i < lib->count; i++) {
        const LibraryEntry *e = &lib->items[i];
        if (!e->deck)
            continue;
        if (x + chip_w > s.x + s.w) {
            x = s.x;
            y += chip_h + gap;
        }
        chip_label(e, app->enabled[i], label, sizeof label);
        if (ui_button_sized(&app->ui, (Box){x, y, chip_w, chip_h}, label, app->enabled[i] ? UI_SELECTED : UI_QUIET,
                            size)) {
            app->enabled[i] = !app->enabled[i];
            app->dirty = true;
        }
        x += chip_w + gap;
    }

    if (app->ui.pass == UI_DRAW && app->setup_error[0])
        gfx_text(g, FONT_UI, 28, app->setup_error, (Box){s.x + 400, by, s.w - 820, 92}, ALIGN_CENTER, VALIGN_MIDDLE,
                 th->accent);
    bool back = ui_button(&app->ui, (Box){s.x, by, 360, 92}, "Back", UI_QUIET);
    if (back || (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK)) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    if (ui_button(&app->ui, start, "Start", UI_PRIMARY)) {
        app_start_game(app);
        app->dirty = true;
    }
}
