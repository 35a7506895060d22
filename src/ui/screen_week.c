/* SPDX-License-Identifier: MIT */
/* Our week, the moment the game builds to: the week laid out day by day,
 * each partner's goal on their side with its support beneath it, the stars
 * and the rope's path, and a warm line for how the game went. Before the
 * week is kept, any plan or goal can be dropped. Drawn on screen, and into
 * the exported portrait picture for a phone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"

/* A warm line that fits how the game went; never a verdict. */
static const char *warm_line(const Record *r)
{
    if (r->rounds > 0 && r->stars == r->rounds)
        return _("Steady all the way. What a week you have made together!");
    if (r->stars * 2 >= r->rounds && r->stars > 0)
        return _("You found your balance, and a week to look forward to.");
    if (r->stars > 0)
        return _("A steady round, and a week with room for both of you.");
    return _("You talked, you listened, you planned: that is the game won.");
}

void fit_cut(App *app, FontId font, float size, const char *text, Box b, TextAlign align, VAlign valign, SDL_Color c)
{
    Gfx *g = &app->gfx;
    char cut[1400];
    const char *t = text;
    int max = (int)ui_chars(text);
    while (max > 1 && gfx_text_size(g, font, GFX_READ_MIN, t, b.w).y > b.h) {
        max = max * 4 / 5;
        t = shorten(text, max, cut, sizeof cut);
    }
    gfx_text_fit_min(g, font, size, GFX_READ_MIN, t, b, align, valign, c);
}

/* A second line's size: a little under size, never under the reading size. */
static float small(float size)
{
    return size * 0.9f < GFX_READ_MIN ? GFX_READ_MIN : size * 0.9f;
}

static bool dropped(const App *app, const Record *r, bool is_goal, size_t i)
{
    const AppJournal *j = &app->journal;
    if (j->week_kept || !j->week_dropped || r != &j->record)
        return false;
    return j->week_dropped[is_goal ? r->plan_count + i : i];
}

/* Before the week is kept, a plan or goal is a toggle: pressed, it is
 * dropped (or kept again). Named in the trace by what it does. */
static void drop_toggle(App *app, const Record *r, Box b, bool is_goal, size_t i, bool *focused)
{
    *focused = false;
    AppJournal *j = &app->journal;
    if (j->week_kept || !j->week_dropped || r != &j->record)
        return;
    bool *flag = &j->week_dropped[is_goal ? r->plan_count + i : i];
    bool hit = ui_area(&app->ui, b, 0, focused);
    if (app->ui.count > 0) {
        Widget *w = &app->ui.widgets[app->ui.count - 1];
        /* TRANSLATORS: what pressing a plan or goal of Our week does, then its text. */
        snprintf(w->text, sizeof w->text, *flag ? _("Keep %s") : _("Drop %s"),
                 is_goal ? r->goals[i].text : r->plans[i].text);
    }
    if (hit) {
        *flag = !*flag;
        app->dirty = true;
    }
}

/* The stars, or (for a game without one) the warm line alone: never an
 * empty star area. */
static void draw_stars(App *app, Box b, const Record *r, float size)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    int n = r->stars < GAME_ROUNDS_MAX ? r->stars : GAME_ROUNDS_MAX;
    if (n <= 0)
        return;
    char line[64];
    snprintf(line, sizeof line, ngettext("%d of %d round steady", "%d of %d rounds steady", (unsigned long)r->rounds),
             r->stars, r->rounds);
    float w = n * (size + 8);
    float tw = gfx_text_size(g, FONT_UI_BOLD, 34, line, b.w).x;
    if (tw > b.w - w - 20) /* a long language: the line gives way, never the stars */
        tw = b.w - w - 20;
    float x = b.x + b.w - w - tw - 20;
    for (int i = 0; i < n; i++)
        gfx_icon(g, ICON_STAR, (Box){x + i * (size + 8), b.y + (b.h - size) / 2, size, size}, th->accent);
    fit_cut(app, FONT_UI_BOLD, 34, line, (Box){b.x + b.w - tw, b.y, tw, b.h}, ALIGN_RIGHT, VALIGN_MIDDLE, th->good);
}

/* The plans of day d (0..6, or RECORD_SOME_DAY), in the record's order. */
static int plans_on(const Record *r, int d, size_t *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < r->plan_count && n < max; i++)
        if ((r->plans[i].day == d) || (d == RECORD_SOME_DAY && (r->plans[i].day < 0 || r->plans[i].day > 6)))
            out[n++] = i;
    return n;
}

/* One plan in its box: the time of day, then the text. */
static void draw_plan(App *app, const Record *r, size_t i, Box b, float size, bool interactive)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    bool focused = false;
    if (interactive)
        drop_toggle(app, r, b, false, i, &focused);
    if (app->ui.pass != UI_DRAW)
        return;
    bool gone = dropped(app, r, false, i);
    if (focused)
        ui_draw_focus(&app->ui, b, 12);
    gfx_round(g, b, 12, gone ? th->bg : th->card);
    char text[1200];
    const RecordPlan *p = &r->plans[i];
    if (gone)
        snprintf(text, sizeof text, _("Dropped: %s"), p->text);
    else if (p->time != TIME_ANY)
        snprintf(text, sizeof text, "%s · %s", _(record_time_name(p->time)), p->text);
    else
        snprintf(text, sizeof text, "%s", p->text);
    fit_cut(app, FONT_UI, size, text, (Box){b.x + 14, b.y + 2, b.w - 28, b.h - 4}, ALIGN_LEFT,
                     VALIGN_MIDDLE, gone ? th->muted : th->text);
}

/* A row of the week: day first..last (a run of days with no plan is one
 * row), with count plans. */
typedef struct {
    int first, last, count;
} DayRow;

static int day_rows(const Record *r, DayRow *rows)
{
    size_t ids[GAME_ROUNDS_MAX * 3];
    int n = 0;
    for (int d = 0; d < RECORD_DAYS; d++) {
        int c = plans_on(r, d, ids, GAME_ROUNDS_MAX * 3);
        if (d == RECORD_SOME_DAY && c == 0)
            break;
        if (c == 0 && n > 0 && rows[n - 1].count == 0 && d < RECORD_SOME_DAY)
            rows[n - 1].last = d;
        else
            rows[n++] = (DayRow){d, d, c};
    }
    return n;
}

/* The label of a row: "Tue 6 Jan", or "Wed 7 – Sun 11 Jan" for a run. */
static void row_label(const Record *r, const DayRow *row, char *out, size_t size)
{
    char a[64], b[64];
    record_day_label(r->played, row->first, a, sizeof a);
    if (row->first == row->last) {
        snprintf(out, size, "%s", a);
        return;
    }
    record_day_label(r->played, row->last, b, sizeof b);
    snprintf(out, size, "%s – %s", a, b);
}

/* The week in date order (the days after the game), then "Some day": a
 * day with plans takes the room it needs, a run of free days one line. */
static void draw_days(App *app, const Record *r, Box b, float size, bool interactive)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    size_t ids[GAME_ROUNDS_MAX * 3];
    DayRow rows[RECORD_DAYS];
    int n = day_rows(r, rows), busy = 0, empty_rows = 0;
    for (int k = 0; k < n; k++) {
        busy += rows[k].count;
        empty_rows += rows[k].count == 0;
    }
    float empty = size * 1.4f, gap = 8;
    float room = b.h - (n - 1) * gap - empty_rows * empty;
    float each = busy ? room / (float)busy : 0;
    if (each > size * 3.4f)
        each = size * 3.4f;
    float label_w = b.w * 0.3f, y = b.y;
    for (int k = 0; k < n; k++) {
        int c = plans_on(r, rows[k].first, ids, GAME_ROUNDS_MAX * 3);
        if (rows[k].count == 0)
            c = 0;
        char day[160];
        row_label(r, &rows[k], day, sizeof day);
        if (app->ui.pass == UI_DRAW) {
            if (c)
                fit_cut(app, FONT_UI_BOLD, size, day, (Box){b.x, y, label_w - 12, each}, ALIGN_LEFT, VALIGN_MIDDLE,
                    th->kinds[KIND_PLANNING]);
            else
                fit_cut(app, FONT_UI, size, day, (Box){b.x, y, b.w, empty}, ALIGN_LEFT, VALIGN_MIDDLE, th->muted);
        }
        /* Plans of one day apart by more than a focus ring, which would
         * otherwise cover the next. */
        float apart = GFX_RING / 2 + 1;
        for (int i = 0; i < c; i++)
            draw_plan(app, r, ids[i], (Box){b.x + label_w, y + i * each + apart, b.w - label_w, each - 2 * apart},
                      size, interactive);
        y += (c ? each * c : empty) + gap;
    }
}

/* Partner who's side: their goal (with its day) and the support beneath it. */
static void draw_side(App *app, const Record *r, int who, Box b, float size, bool interactive)
{
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    char name[200], line[1400], day[64], other[200];
    shorten(r->names[who], 22, name, sizeof name);
    shorten(r->names[1 - who], 22, other, sizeof other);
    if (app->ui.pass == UI_DRAW) {
        gfx_round(g, b, 24, th->panel);
        fit_cut(app, FONT_UI_BOLD, size * 1.2f, name, (Box){b.x + 24, b.y + 14, b.w - 48, size * 1.5f},
                         ALIGN_LEFT, VALIGN_MIDDLE, th->kinds[KIND_SOLO]);
    }
    size_t mine[GAME_ROUNDS_MAX * 2];
    int n = 0;
    for (size_t i = 0; i < r->goal_count && n < GAME_ROUNDS_MAX * 2; i++)
        if (r->goals[i].partner == who)
            mine[n++] = i;
    float top = b.y + 28 + size * 1.5f, room = b.y + b.h - 16 - top;
    /* As many goals as fit readably (one, since each partner keeps one a
     * game; an older game may have more): the rest are counted. */
    int shown = n, fits = (int)(room / (size * 2.6f));
    if (shown > fits)
        shown = fits > 1 ? fits - 1 : 1;
    float more = shown < n ? size * 1.3f : 0, each = shown ? (room - more) / (float)shown : 0;
    if (n == 0 && app->ui.pass == UI_DRAW)
        fit_cut(app, FONT_UI, size, _("No goal this week: room to breathe."), (Box){b.x + 24, top, b.w - 48, room},
                ALIGN_LEFT, VALIGN_TOP, th->muted);
    if (shown < n && app->ui.pass == UI_DRAW) {
        snprintf(line, sizeof line, ngettext("and %d more", "and %d more", (unsigned long)(n - shown)), n - shown);
        fit_cut(app, FONT_UI, small(size), line, (Box){b.x + 24, top + room - more, b.w - 48, more}, ALIGN_LEFT,
                VALIGN_MIDDLE, th->muted);
    }
    for (int k = 0; k < shown; k++) {
        const RecordGoal *gl = &r->goals[mine[k]];
        Box it = {b.x + 12, top + k * each, b.w - 24, each - 8};
        bool focused = false;
        if (interactive)
            drop_toggle(app, r, it, true, mine[k], &focused);
        if (app->ui.pass != UI_DRAW)
            continue;
        bool gone = dropped(app, r, true, mine[k]);
        if (focused)
            ui_draw_focus(&app->ui, it, 16);
        gfx_round(g, it, 16, gone ? th->bg : th->card);
        /* One goal: its day on a line of its own; more (a game from before
         * the one-goal rule): the day leads the goal's text. */
        record_day_label(r->played, gl->day, day, sizeof day);
        float y = it.y + 8, h;
        if (n == 1) {
            snprintf(line, sizeof line, gone ? _("Dropped · %s") : "%s", day);
            fit_cut(app, FONT_UI_BOLD, small(size), line, (Box){it.x + 14, y, it.w - 28, size * 1.2f}, ALIGN_LEFT,
                VALIGN_TOP, th->muted);
            y += 4 + size * 1.2f;
            snprintf(line, sizeof line, "%s", gl->text);
        } else {
            snprintf(line, sizeof line, gone ? _("Dropped · %s · %s") : "%s · %s", day, gl->text);
        }
        h = it.y + it.h - y - 8;
        /* The support gets a line or more beneath; the goal the rest. */
        float below = n == 1 ? h * 0.45f : small(size) * 1.4f;
        fit_cut(app, FONT_UI_BOLD, size, line, (Box){it.x + 14, y, it.w - 28, h - below}, ALIGN_LEFT, VALIGN_TOP,
            gone ? th->muted : th->text);
        /* TRANSLATORS: the partner who backs a goal, and how. */
        snprintf(line, sizeof line, _("%s backs it: %s"), other, gl->support);
        fit_cut(app, FONT_UI, small(size), line, (Box){it.x + 14, it.y + it.h - 8 - below, it.w - 28, below}, ALIGN_LEFT,
            VALIGN_TOP, gone ? th->muted : th->kinds[KIND_SUPPORT]);
    }
}

static void draw_path(App *app, const Record *r, Box b)
{
    RopePath path = {
        .balances = r->balances,
        .count = (int)r->balance_count,
        .middle = r->middle,
    };
    draw_rope_path(app, b, &path, 1);
}

/* The week in b: the sides and the days between them, the rope beneath. */
static void draw_week_body(App *app, const Record *r, Box b, bool interactive)
{
    float side = b.w * 0.27f, gap = 24;
    float body_h = b.h - 200;
    /* Each partner's goal on their side, as they sat for the game. */
    int left = app->settings.left & 1;
    draw_side(app, r, left, (Box){b.x, b.y, side, body_h}, 34, interactive);
    draw_days(app, r, (Box){b.x + side + gap, b.y, b.w - 2 * (side + gap), body_h}, 34, interactive);
    draw_side(app, r, 1 - left, (Box){b.x + b.w - side, b.y, side, body_h}, 34, interactive);
    draw_path(app, r, (Box){b.x, b.y + body_h + 14, b.w, 140});
}

static void draw_head(App *app, const Record *r, Box s)
{
    Gfx *g = &app->gfx;
    char a[200], b[200], title[500];
    snprintf(title, sizeof title, _("Our week · %s & %s"), shorten(r->names[0], 20, a, sizeof a),
             shorten(r->names[1], 20, b, sizeof b));
    fit_cut(app, FONT_UI_BOLD, 58, title, (Box){s.x, s.y, s.w * 0.6f, 80}, ALIGN_LEFT, VALIGN_TOP,
                     g->theme->text);
    fit_cut(app, FONT_UI, 40, warm_line(r), (Box){s.x, s.y + 84, s.w, 56}, ALIGN_LEFT, VALIGN_TOP,
                     g->theme->accent);
    draw_stars(app, (Box){s.x + s.w * 0.6f, s.y, s.w * 0.4f, 80}, r, 64);
}

void week_draw(App *app, const Record *r)
{
    /* The picture for a phone (1080x1920 units): the same parts, stacked. */
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    char a[200], b[200], title[500];
    /* TRANSLATORS: the two partners' names, under "Our week" on the picture. */
    snprintf(title, sizeof title, _("%s & %s"), shorten(r->names[0], 20, a, sizeof a),
             shorten(r->names[1], 20, b, sizeof b));
    gfx_text(g, FONT_UI_BOLD, 80, _("Our week"), (Box){s.x, s.y, s.w, 100}, ALIGN_LEFT, VALIGN_TOP, th->text);
    fit_cut(app, FONT_UI_BOLD, 48, title, (Box){s.x, s.y + 104, s.w, 64}, ALIGN_LEFT, VALIGN_TOP,
                     th->muted);
    fit_cut(app, FONT_UI, 44, warm_line(r), (Box){s.x, s.y + 176, s.w, 120}, ALIGN_LEFT, VALIGN_TOP,
                     th->accent);
    float y = s.y + 300;
    if (r->stars > 0) {
        draw_stars(app, (Box){s.x, y, s.w, 80}, r, 72);
        y += 100;
    }
    float days_h = 480, path_h = 220;
    draw_days(app, r, (Box){s.x, y, s.w, days_h}, 40, false);
    y += days_h + 24;
    float side_h = (s.y + s.h - path_h - 20 - y - 20) / 2;
    draw_side(app, r, 0, (Box){s.x, y, s.w, side_h}, 40, false);
    draw_side(app, r, 1, (Box){s.x, y + side_h + 20, s.w, side_h}, 40, false);
    draw_path(app, r, (Box){s.x, s.y + s.h - path_h, s.w, path_h});
}

void app_week_open(App *app, bool kept, ScreenId back)
{
    AppJournal *j = &app->journal;
    free(j->week_dropped);
    j->week_dropped = calloc(j->record.plan_count + j->record.goal_count + 1, sizeof *j->week_dropped);
    j->week_kept = kept || !j->week_dropped;
    j->week_back = back;
    j->export_note[0] = '\0';
    j->export_dir[0] = '\0';
    app_goto(app, SCREEN_WEEK);
}

/* "Keep this week": what was dropped leaves the record and the journal,
 * the last first so the numbers of the others hold. */
static void keep_week(App *app)
{
    AppJournal *j = &app->journal;
    Record *r = &j->record;
    for (size_t k = r->plan_count + r->goal_count; j->week_dropped && k-- > 0;) {
        if (!j->week_dropped[k])
            continue;
        bool is_goal = k >= r->plan_count;
        size_t i = is_goal ? k - r->plan_count : k;
        JournalStatus st = r->id && j->db && !journal_read_only(j->db) ? journal_drop(j->db, r->id, is_goal, i) : JOURNAL_OK;
        if (st != JOURNAL_OK) {
            snprintf(j->export_note, sizeof j->export_note, "%s", _(journal_message(st)));
            break;
        }
        record_drop(r, is_goal, i);
    }
    j->week_kept = true;
    j->journey_read = false;
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

static void week_leave(App *app)
{
    if (!app->journal.week_kept)
        keep_week(app);
    if (app->journal.week_back == SCREEN_JOURNEY) {
        app_goto(app, SCREEN_JOURNEY);
        return;
    }
    app_leave_game(app);
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
    if (app->ui.pass == UI_DRAW)
        draw_head(app, r, s);
    draw_week_body(app, r, (Box){s.x, s.y + 150, s.w, s.h - 150 - 110}, !app->journal.week_kept);
    float by = s.y + s.h - 92, bw = 320, gap = 30;
    Box note = {s.x, by - 60, s.w, 48}; /* a band of its own, clear of the rope and the buttons' rings */
    if (!app->journal.week_kept) {
        if (app->ui.pass == UI_DRAW)
            fit_cut(app, FONT_UI, 32, _("Press a plan or goal to drop it; keep the rest."),
                    (Box){s.x, by, s.w - bw - gap, 92}, ALIGN_LEFT, VALIGN_MIDDLE, th->muted);
        if (ui_button(&app->ui, (Box){s.x + s.w - bw, by, bw, 92}, _("Keep this week"), UI_PRIMARY))
            keep_week(app);
    } else {
        if (app->ui.pass == UI_DRAW && app->journal.export_note[0])
            fit_cut(app, FONT_UI, 32, app->journal.export_note, note, ALIGN_LEFT, VALIGN_MIDDLE, th->good);
        if (ui_button(&app->ui, (Box){s.x, by, bw, 92}, _("Export"), UI_QUIET))
            app_export_week(app);
        if (app->journal.export_dir[0] && app_can_open_folder() &&
            ui_button(&app->ui, (Box){s.x + bw + gap, by, bw, 92}, _("Open folder"), UI_QUIET))
            app_open_folder(app);
        if (ui_button(&app->ui, (Box){s.x + s.w - bw, by, bw, 92}, _("Done"), UI_PRIMARY)) {
            week_leave(app);
            return;
        }
    }
    if (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK)
        week_leave(app);
}
