/* SPDX-License-Identifier: MIT */
/* Our week: the plans, each partner's goal and its support, the stars, and
 * the walker's path through the game, drawn from the record of a finished
 * game, on screen or into the exported picture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>
#include <SDL_ttf.h>

#include "app.h"
#include "screens.h"

static void section(App *app, Box b, const char *title)
{
    Gfx *g = &app->gfx;
    gfx_round(g, b, 24, g->theme->panel);
    gfx_text(g, FONT_UI_BOLD, 34, title, (Box){b.x + 30, b.y + 20, b.w - 60, 46}, ALIGN_LEFT, VALIGN_TOP,
             g->theme->text);
}

static int middle_of(const Record *r)
{
    int middle = 0;
    for (int p = 0; p < 2; p++)
        middle += r->needs[p] == RECORD_CLOSER ? 1 : r->needs[p] == RECORD_SPACE ? -1 : 0;
    return middle;
}

/* The balance after every action, with the steady band. */
static void chart(App *app, Box b, const Record *r)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    section(app, b, "The rope through the game");
    Box plot = {b.x + 40, b.y + 70, b.w - 80, b.h - 90};
    const float range = GAME_REACH + 2;
    int middle = middle_of(r);
    float mid_y = plot.y + plot.h / 2 - middle / range * plot.h / 2;
    float band = GAME_STEADY / range * plot.h / 2;
    gfx_fill(g, (Box){plot.x, mid_y - band, plot.w, 2 * band}, gfx_alpha(th->good, 50));
    gfx_fill(g, (Box){plot.x, mid_y - 1, plot.w, 2}, gfx_alpha(th->good, 160));
    gfx_text(g, FONT_UI, 22, "Together", (Box){plot.x, plot.y - 6, 200, 30}, ALIGN_LEFT, VALIGN_TOP, th->muted);
    gfx_text(g, FONT_UI, 22, "Apart", (Box){plot.x, plot.y + plot.h - 24, 200, 30}, ALIGN_LEFT, VALIGN_TOP, th->muted);
    float px = plot.x, py = mid_y;
    for (size_t i = 0; i < r->balance_count; i++) {
        float x = plot.x + plot.w * (float)(i + 1) / (float)r->balance_count;
        float y = plot.y + plot.h / 2 - r->balances[i] / range * plot.h / 2;
        gfx_line(g, px, py, x, y, 5, th->accent);
        px = x;
        py = y;
    }
}

void week_draw(App *app, const Record *r)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    char sub[200];
    snprintf(sub, sizeof sub, "%s and %s · %d of %d rounds steady", r->names[0], r->names[1], r->stars, r->rounds);
    draw_title_bar(app, "Our week", sub);
    float col = (s.w - 80) / 3;
    Box cols[3] = {{s.x, 180, col, 620}, {s.x + col + 40, 180, col, 620}, {s.x + 2 * (col + 40), 180, col, 620}};
    section(app, cols[0], "Plans together");
    for (int p = 0; p < 2; p++) {
        char title[160];
        snprintf(title, sizeof title, "%s's goals", r->names[p]);
        section(app, cols[1 + p], title);
    }
    float y = cols[0].y + 80, line = (cols[0].h - 96) / (r->plan_count > 0 ? (float)r->plan_count : 1);
    if (line > 180)
        line = 180;
    for (size_t i = 0; i < r->plan_count; i++) {
        const RecordPlan *p = &r->plans[i];
        char when[96], day[32];
        snprintf(when, sizeof when, "%s · %s", record_day_label(r->played, p->day, day, sizeof day), record_time_name(p->time));
        Box c = cols[0];
        gfx_text(g, FONT_UI_BOLD, 24, when, (Box){c.x + 30, y, c.w - 60, 32}, ALIGN_LEFT, VALIGN_TOP,
                 th->kinds[KIND_PLANNING]);
        gfx_text_fit(g, FONT_UI, 30, p->text, (Box){c.x + 30, y + 32, c.w - 60, line - 40}, ALIGN_LEFT, VALIGN_TOP,
                     th->text);
        y += line;
    }
    for (int p = 0; p < 2; p++) {
        Box c = cols[1 + p];
        int count = 0;
        for (size_t i = 0; i < r->goal_count; i++)
            count += r->goals[i].partner == p;
        y = c.y + 80;
        line = (c.h - 96) / (count > 0 ? (float)count : 1);
        if (line > 180)
            line = 180;
        for (size_t i = 0; i < r->goal_count; i++) {
            const RecordGoal *gl = &r->goals[i];
            if (gl->partner != p)
                continue;
            char head[200], day[32], text[900];
            snprintf(head, sizeof head, "%s · backed by %s", record_day_label(r->played, gl->day, day, sizeof day), r->names[1 - p]);
            snprintf(text, sizeof text, "%s\n↳ %s", gl->text, gl->support);
            gfx_text(g, FONT_UI_BOLD, 24, head, (Box){c.x + 30, y, c.w - 60, 32}, ALIGN_LEFT, VALIGN_TOP,
                     th->kinds[KIND_SOLO]);
            gfx_text_fit(g, FONT_UI, 28, text, (Box){c.x + 30, y + 32, c.w - 60, line - 40}, ALIGN_LEFT, VALIGN_TOP,
                         th->text);
            y += line;
        }
    }
    chart(app, (Box){s.x, 820, s.w - 440, 206}, r);
    for (int i = 0; i < r->stars && i < GAME_ROUNDS_MAX; i++)
        gfx_icon(g, ICON_STAR, (Box){s.x + s.w - 420 + (i % 7) * 60, 830, 54, 54}, th->accent);
}

void screen_week(App *app)
{
    Gfx *g = &app->gfx;
    Box s = g->area;
    if (!app->has_record) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    if (app->ui.pass == UI_DRAW) {
        week_draw(app, &app->record);
        if (app->export_note[0])
            gfx_text_fit(g, FONT_UI, 24, app->export_note, (Box){s.x + s.w - 420, 890, 420, 40}, ALIGN_LEFT,
                         VALIGN_MIDDLE, g->theme->muted);
    }
    if (ui_button(&app->ui, (Box){s.x + s.w - 400, s.y + s.h - 92, 190, 92}, "Export", UI_QUIET))
        app_export_week(app);
    if (ui_button(&app->ui, (Box){s.x + s.w - 190, s.y + s.h - 92, 190, 92}, "Done", UI_PRIMARY) ||
        (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK))
        app_leave_game(app);
}

int app_export_png(const Record *record, const char *path, const AppOptions *opt, char *err, size_t errlen)
{
    enum { W = 1920, H = 1080 };
    int rc = -1;
    bool sdl = SDL_WasInit(SDL_INIT_VIDEO) != 0;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    App *app = calloc(1, sizeof *app);
    if (!renderer || !app) {
        snprintf(err, errlen, "The picture could not be drawn: %s", SDL_GetError());
        goto done;
    }
    app->text = text_init(renderer, opt->font_file, err, errlen);
    if (!app->text)
        goto done;
    gfx_init(&app->gfx, renderer, app->text, opt->assets_dir);
    gfx_resize(&app->gfx, W, H, 1.0f);
    ui_init(&app->ui, &app->gfx);
    ui_begin(&app->ui, UI_DRAW);
    gfx_clear(&app->gfx);
    week_draw(app, record);
    SDL_RenderPresent(renderer);
    if (IMG_SavePNG(surface, path) != 0)
        snprintf(err, errlen, "The picture could not be saved: %s", IMG_GetError());
    else
        rc = 0;
    gfx_deinit(&app->gfx);
done:
    if (app && app->text)
        text_deinit(app->text);
    free(app);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    if (!sdl)
        TTF_Quit();
    return rc;
}
