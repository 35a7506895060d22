/* SPDX-License-Identifier: MIT */
/* Our week: the plans, each partner's goal and its support, the stars, and
 * the walker's path through the game, drawn from the record of a finished
 * game, on screen or into the exported picture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

/* Where a page of Our week goes, in design units. */
enum { WEEK_TOP = 206, WEEK_CONTENT_H = 596 };

/* A panel with its title (wrapped when long); returns where its content starts. */
static float section(App *app, Box b, const char *title)
{
    Gfx *g = &app->gfx;
    float h = gfx_text_size(g, FONT_UI_BOLD, 36, title, b.w - 60).y;
    gfx_round(g, b, 24, g->theme->panel);
    gfx_text(g, FONT_UI_BOLD, 36, title, (Box){b.x + 30, b.y + 16, b.w - 60, h}, ALIGN_LEFT, VALIGN_TOP,
             g->theme->text);
    return b.y + 16 + h + 16;
}

/* The balance after every action, with the steady band, and the stars. */
static void chart(App *app, Box b, const Record *r)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    section(app, b, _("The rope through the game"));
    for (int i = 0; i < r->stars && i < GAME_ROUNDS_MAX; i++)
        gfx_icon(g, ICON_STAR, (Box){b.x + b.w - 30 - (i + 1) * 56, b.y + 16, 48, 48}, th->accent);
    Box plot = {b.x + 40, b.y + 110, b.w - 80, b.h - 170};
    const float range = GAME_REACH + 2;
    int middle = r->middle;
    float mid_y = plot.y + plot.h / 2 - middle / range * plot.h / 2;
    float band = GAME_STEADY / range * plot.h / 2;
    gfx_fill(g, (Box){plot.x, mid_y - band, plot.w, 2 * band}, gfx_alpha(th->good, 50));
    gfx_fill(g, (Box){plot.x, mid_y - 1, plot.w, 2}, gfx_alpha(th->good, 160));
    gfx_note(g, FONT_UI, 28, _("Together"), (Box){plot.x, plot.y - 40, 400, 36}, ALIGN_LEFT, VALIGN_BOTTOM, th->muted);
    gfx_note(g, FONT_UI, 28, _("Apart"), (Box){plot.x, plot.y + plot.h + 4, 400, 36}, ALIGN_LEFT, VALIGN_TOP, th->muted);
    float px = plot.x, py = mid_y;
    for (size_t i = 0; i < r->balance_count; i++) {
        float x = plot.x + plot.w * (float)(i + 1) / (float)r->balance_count;
        float y = plot.y + plot.h / 2 - r->balances[i] / range * plot.h / 2;
        gfx_line(g, px, py, x, y, 5, th->accent);
        px = x;
        py = y;
    }
}

/* One part of the week: the plans (part 0) or partner p's goals (part
 * 1 + p), as a heading and a text each. */
typedef struct {
    char head[200];
    char text[900];
} WeekItem;

static int week_items(const Record *r, int part, WeekItem *items, int max)
{
    int n = 0;
    if (part == 0) {
        for (size_t i = 0; i < r->plan_count && n < max; i++) {
            const RecordPlan *p = &r->plans[i];
            char day[64];
            /* TRANSLATORS: a plan's day (Sat 4 May) and time of day (evening). */
            snprintf(items[n].head, sizeof items[n].head, _("%s · %s"),
                     record_day_label(r->played, p->day, day, sizeof day), _(record_time_name(p->time)));
            snprintf(items[n].text, sizeof items[n].text, "%s", p->text);
            n++;
        }
        return n;
    }
    int who = part - 1;
    for (size_t i = 0; i < r->goal_count && n < max; i++) {
        const RecordGoal *gl = &r->goals[i];
        if (gl->partner != who)
            continue;
        char day[64], name[160];
        /* TRANSLATORS: a goal's day (Sat 4 May) and the partner backing it. */
        snprintf(items[n].head, sizeof items[n].head, _("%s · backed by %s"),
                 record_day_label(r->played, gl->day, day, sizeof day), shorten(r->names[1 - who], 20, name, sizeof name));
        snprintf(items[n].text, sizeof items[n].text, "%s\n↳ %s", gl->text, gl->support);
        n++;
    }
    return n;
}

static void part_title(const Record *r, int part, char *out, size_t size)
{
    if (part == 0)
        snprintf(out, size, "%s", _("Plans together"));
    else
    {
        char name[200];
        snprintf(out, size, _("%s's goals"), shorten(r->names[part - 1], 24, name, sizeof name));
    }
}

/* How tall an item is at its sizes, wrapped to w. */
static float item_height(App *app, const WeekItem *item, float w)
{
    return gfx_text_size(&app->gfx, FONT_UI_BOLD, 32, item->head, w).y + 4 +
           gfx_text_size(&app->gfx, FONT_UI, 34, item->text, w).y + 20;
}

/* Draws count items of part from first in b, under the part's title; the
 * texts share the room left, each as much as it wants. */
static void draw_part(App *app, const Record *r, int part, int first, int count, Box b)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    char title[200];
    part_title(r, part, title, sizeof title);
    float top = section(app, b, title);
    WeekItem items[GAME_ROUNDS_MAX * 2];
    int n = week_items(r, part, items, GAME_ROUNDS_MAX * 2);
    if (first + count > n)
        count = n - first;
    Box in = {b.x + 30, top, b.w - 60, b.y + b.h - 16 - top};
    float w = in.w, total = 0, heads = 0;
    float want[GAME_ROUNDS_MAX * 2];
    for (int i = first; i < first + count; i++) {
        heads += gfx_text_size(g, FONT_UI_BOLD, 32, items[i].head, w).y + 4;
        want[i] = gfx_text_size(g, FONT_UI, 34, items[i].text, w).y;
        total += want[i] + 20;
    }
    float room = in.h - heads, y = in.y;
    for (int i = first; i < first + count; i++) {
        float share = total > room ? (want[i] + 20) * room / total : want[i] + 20;
        float hh = gfx_text_size(g, FONT_UI_BOLD, 32, items[i].head, w).y;
        gfx_text(g, FONT_UI_BOLD, 32, items[i].head, (Box){in.x, y, w, hh}, ALIGN_LEFT, VALIGN_TOP,
                 th->kinds[part == 0 ? KIND_PLANNING : KIND_SOLO]);
        y += hh + 4;
        gfx_text_fit(g, FONT_UI, 34, items[i].text, (Box){in.x, y, w, share - 20}, ALIGN_LEFT, VALIGN_TOP, th->text);
        y += share;
    }
}

/* A page of Our week on screen: the three parts side by side (part -1),
 * some items of one part, or the rope (part 3). */
typedef struct {
    int part, first, count;
} WeekPage;

enum { WEEK_MAX_PAGES = 3 * GAME_ROUNDS_MAX * 2 + 2 };

/* The pages at these sizes: everything side by side when it fits, else a
 * page per part (more when a part does not fit one page); the rope last. */
static int week_pages(App *app, const Record *r, WeekPage *pages)
{
    Box s = app->gfx.area;
    WeekItem items[GAME_ROUNDS_MAX * 2];
    float col = (s.w - 80) / 3;
    bool fits = true;
    for (int part = 0; part < 3; part++) {
        char title[200];
        part_title(r, part, title, sizeof title);
        float h = gfx_text_size(&app->gfx, FONT_UI_BOLD, 36, title, col - 60).y + 48;
        int n = week_items(r, part, items, GAME_ROUNDS_MAX * 2);
        for (int i = 0; i < n; i++)
            h += item_height(app, &items[i], col - 60);
        fits &= h <= WEEK_CONTENT_H;
    }
    int count = 0;
    if (fits) {
        pages[count++] = (WeekPage){-1, 0, 0};
    } else {
        for (int part = 0; part < 3; part++) {
            char title[200];
            part_title(r, part, title, sizeof title);
            float room = WEEK_CONTENT_H - gfx_text_size(&app->gfx, FONT_UI_BOLD, 36, title, s.w - 60).y - 48;
            int n = week_items(r, part, items, GAME_ROUNDS_MAX * 2);
            int first = 0;
            do {
                float h = 0;
                int k = 0;
                while (first + k < n && (k == 0 || h + item_height(app, &items[first + k], s.w - 60) <= room))
                    h += item_height(app, &items[first + k++], s.w - 60);
                pages[count++] = (WeekPage){part, first, k};
                first += k;
            } while (first < n && count < WEEK_MAX_PAGES - 1);
        }
    }
    pages[count++] = (WeekPage){3, 0, 0};
    return count;
}

static void week_title(App *app, const Record *r)
{
    char sub[600], a[200], b[200];
    snprintf(sub, sizeof sub,
             ngettext("%s and %s · %d of %d round steady", "%s and %s · %d of %d rounds steady",
                      (unsigned long)r->rounds),
             shorten(r->names[0], 20, a, sizeof a), shorten(r->names[1], 20, b, sizeof b), r->stars, r->rounds);
    draw_title_bar(app, _("Our week"), sub);
}

void week_draw(App *app, const Record *r)
{
    /* The picture: every part at once, as it fits a 1920x1080 image. */
    Gfx *g = &app->gfx;
    Box s = g->area;
    week_title(app, r);
    float col = (s.w - 80) / 3;
    for (int part = 0; part < 3; part++)
        draw_part(app, r, part, 0, GAME_ROUNDS_MAX * 2, (Box){s.x + part * (col + 40), 206, col, 600});
    chart(app, (Box){s.x, 826, s.w, s.y + s.h - 826}, r);
}

void screen_week(App *app)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    if (!app->journal.has_record) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    const Record *r = &app->journal.record;
    WeekPage list[WEEK_MAX_PAGES];
    int pages = week_pages(app, r, list);
    if (app->journal.week_page >= pages)
        app->journal.week_page = pages - 1;
    if (app->journal.week_page < 0)
        app->journal.week_page = 0;
    int page = app->journal.week_page;
    if (app->ui.pass == UI_DRAW) {
        week_title(app, r);
        Box content = {s.x, WEEK_TOP, s.w, WEEK_CONTENT_H};
        const WeekPage *pg = &list[page];
        char where[240], title[200];
        if (pg->part == 3) {
            chart(app, content, r);
            snprintf(title, sizeof title, "%s", _("The rope"));
        } else if (pg->part < 0) {
            float col = (s.w - 80) / 3;
            for (int part = 0; part < 3; part++)
                draw_part(app, r, part, 0, GAME_ROUNDS_MAX * 2, (Box){s.x + part * (col + 40), content.y, col, content.h});
            snprintf(title, sizeof title, "%s", _("Plans and goals"));
        } else {
            draw_part(app, r, pg->part, pg->first, pg->count, content);
            part_title(r, pg->part, title, sizeof title);
        }
        snprintf(where, sizeof where, _("Page %d of %d: %s"), page + 1, pages, title);
        /* Which page, and what Export did: a band of their own, clear of the buttons' rings. */
        Box band = {s.x, WEEK_TOP + WEEK_CONTENT_H + 8, s.w, 100};
        gfx_text(g, FONT_UI, 32, where, (Box){band.x, band.y, band.w * 0.36f, band.h}, ALIGN_LEFT, VALIGN_MIDDLE,
                 th->muted);
        if (app->journal.export_note[0])
            gfx_text(g, FONT_UI, 32, app->journal.export_note, (Box){band.x + band.w * 0.38f, band.y, band.w * 0.62f, band.h},
                     ALIGN_RIGHT, VALIGN_MIDDLE, th->good);
    }
    /* Pages turn with Previous and Next (arrows, clicks, the D-pad) or the wheel. */
    float by = s.y + s.h - 92, bw = 300, gap = 30;
    bool prev = ui_button(&app->ui, (Box){s.x, by, bw, 92}, _("Previous"), page > 0 ? UI_QUIET : UI_DISABLED);
    bool next = ui_button(&app->ui, (Box){s.x + bw + gap, by, bw, 92}, _("Next"), page + 1 < pages ? UI_QUIET : UI_DISABLED);
    if (app->ui.pass == UI_ACT && app->ui.input.type == IN_SCROLL) {
        prev = app->ui.input.y > 0 && page > 0;
        next = app->ui.input.y < 0 && page + 1 < pages;
    }
    if (prev || next) {
        app->journal.week_page += next ? 1 : -1;
        app->dirty = true;
    }
    if (ui_button(&app->ui, (Box){s.x + s.w - 2 * bw - gap, by, bw, 92}, _("Export"), UI_QUIET))
        app_export_week(app);
    if (ui_button(&app->ui, (Box){s.x + s.w - bw, by, bw, 92}, _("Done"), UI_PRIMARY) ||
        (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK))
        app_leave_game(app);
}
