/* SPDX-License-Identifier: MIT */
/* Play: one moment of the game at a time, as the engine's view describes
 * it, with the tightrope below. Every choice becomes an Action. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "phones_ui.h"
#include "screens.h"
#include "session.h"

static const char *name_of(const App *app, int partner)
{
    return app->play.view.names[partner & 1];
}

/* The cards slide up and fade in as they are dealt. */
static Box dealt(App *app, Box b, int index, float *alpha)
{
    float t = app_anim(app, &app->play.deal);
    float delay = index * 0.15f;
    float u = t <= delay ? 0 : (t - delay) / (1 - delay);
    if (u > 1)
        u = 1;
    float ease = 1 - (1 - u) * (1 - u) * (1 - u);
    *alpha = ease;
    if (t < 1) /* from 60 units below to its place, with its focus ring and shadow */
        gfx_moving(&app->gfx, (Box){b.x - 14, b.y - 14, b.w + 28, b.h + 60 + 28});
    b.y += (1 - ease) * 60;
    return b;
}

/* A single card is turned over as it is dealt: it narrows showing its back,
 * then widens showing its face, whose words appear once it lies flat (text
 * is not laid out again at every width). Returns false while the back shows
 * (drawn here), true when the caller draws the face in *b; *words tells
 * whether the face shows its words yet. */
static bool flipped(App *app, Box *b, CardKind kind, bool *words)
{
    float t = app_anim(app, &app->play.deal);
    *words = t >= 1;
    if (t >= 1)
        return true;
    float turn = t < 0.5f ? 1 - t * 2 : (t - 0.5f) * 2; /* 1 -> 0 -> 1 */
    float w = b->w * (0.06f + 0.94f * turn);
    b->x += (b->w - w) / 2;
    b->w = w;
    if (t >= 0.5f)
        return true;
    if (app->ui.pass == UI_DRAW) {
        Gfx *g = &app->gfx;
        SDL_Color kc = g->theme->kinds[kind];
        gfx_mark(g, MARK_CARD, *b, "back");
        gfx_round(g, *b, 28, gfx_mix(g->theme->card, kc, 0.35f));
        gfx_round_outline(g, *b, 28, 3, kc);
        float icon = b->h * 0.3f < b->w * 0.8f ? b->h * 0.3f : b->w * 0.8f;
        gfx_icon(g, (IconId)kind, (Box){b->x + (b->w - icon) / 2, b->y + (b->h - icon) / 2, icon, icon}, kc);
    }
    return false;
}

static void top_bar(App *app)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    const GameView *v = &app->play.view;
    Box s = g->area;
    static const char *const phase_names[PHASE_COUNT] = {
        [PHASE_SHARING] = N_("Sharing"),         [PHASE_PLAN_PICK] = N_("Planning"),
        [PHASE_PLAN_DAY] = N_("Planning"),       [PHASE_PLAN_TIME] = N_("Planning"),
        [PHASE_SOLO_PICK] = N_("Solo goals"),    [PHASE_SOLO_DAY] = N_("Solo goals"),
        [PHASE_SUPPORT_PICK] = N_("Solo goals"), [PHASE_REBALANCE] = N_("Rebalance"),
        [PHASE_OVER] = N_("Our week"),
    };
    char line[600];
    snprintf(line, sizeof line, _("Round %d of %d · %s"), v->round, v->rounds, _(phase_names[v->phase]));
    gfx_text(g, FONT_UI_BOLD, 40, line, (Box){s.x, s.y, s.w * 0.55f, 60}, ALIGN_LEFT, VALIGN_MIDDLE, th->text);
    /* Stars on the right, then how many in words. */
    float x = s.x + s.w;
    float pulse = 1 + 0.2f * sinf(app_anim(app, &app->play.star) * 3.14159265f);
    for (int i = v->stars - 1; i >= 0; i--) {
        float size = i == v->stars - 1 ? 48 * pulse : 48;
        x -= 56;
        if (pulse > 1 && i == v->stars - 1)
            gfx_moving(g, (Box){x - 8, s.y - 2, 64, 64});
        gfx_icon(g, ICON_STAR, (Box){x + (48 - size) / 2, s.y + 6 + (48 - size) / 2, size, size}, th->accent);
    }
    snprintf(line, sizeof line, ngettext("%d star", "%d stars", (unsigned long)v->stars), v->stars);
    gfx_text(g, FONT_UI, 34, line, (Box){s.x + s.w * 0.55f + 20, s.y, x - 16 - (s.x + s.w * 0.55f + 20), 60},
             ALIGN_RIGHT, VALIGN_MIDDLE, th->muted);
    snprintf(line, sizeof line, _("Passes left: %s %d · %s %d"), v->names[0], v->passes_left[0], v->names[1],
             v->passes_left[1]);
    gfx_text(g, FONT_UI, 32, line, (Box){s.x, s.y + 64, s.w, 44}, ALIGN_LEFT, VALIGN_MIDDLE, th->muted);
}

/* The prompt: full width under the top bar, two lines at most. */
static void prompt(App *app, const char *text)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    gfx_text(g, FONT_UI, 36, text, (Box){g->area.x, g->area.y + 114, g->area.w, 96}, ALIGN_LEFT, VALIGN_TOP,
             g->theme->accent);
}

/* While the game is not being kept, the band under the rope says so and
 * why (the first sentence of the note; the pause screen has it all), with
 * a way to save again once the cause is gone. */
static void saving_line(App *app)
{
    Gfx *g = &app->gfx;
    char note[APP_PATH + 256];
    bool retry = app_saving_note(app, note, sizeof note);
    if (!note[0])
        return;
    char *end = strstr(note, ". ");
    if (end)
        end[1] = '\0';
    float bw = retry ? 380 : 0, y = g->area.y + g->area.h - 44;
    if (app->ui.pass == UI_DRAW)
        gfx_text_fit(g, FONT_UI, 32, note, (Box){g->area.x, y, g->area.w - bw - (retry ? 20 : 0), 44}, ALIGN_LEFT,
                     VALIGN_MIDDLE, g->theme->accent);
    if (retry && ui_button(&app->ui, (Box){g->area.x + g->area.w - bw, y, bw, 44}, _("Try saving again"), UI_QUIET))
        app_save_again(app);
}

/* A quiet ring that fills while the sharing timer runs, on the card's face
 * (it turns with the card, and hides while the card is edge on). It never
 * forces anything. */
static void timer_ring(App *app, Box face)
{
    const GameView *v = &app->play.view;
    float r = 56;
    if (app->ui.pass != UI_DRAW || v->phase != PHASE_SHARING || !v->timer_minutes || face.w < 2 * r + 60)
        return;
    float cx = face.x + face.w - r - 28, cy = face.y + r + 22;
    Gfx *g = &app->gfx;
    float total = v->timer_minutes * 60000.0f;
    uint64_t elapsed = app->now - app->play.timer_start;
    float done = (float)elapsed / total;
    if (done > 1)
        done = 1;
    app->play.timer_drawn = (int)(elapsed / 1000);
    /* The ring fills to the exact moment: whole steps, then part of one. */
    const int steps = 60;
    for (int i = 0; i < steps; i++) {
        float f0 = (float)i / steps, f1 = (float)(i + 1) / steps;
        float a0 = -1.5707963f + 6.2831853f * f0, a1 = -1.5707963f + 6.2831853f * f1;
        gfx_line(g, cx + r * cosf(a0), cy + r * sinf(a0), cx + r * cosf(a1), cy + r * sinf(a1), 8, g->theme->card_edge);
        if (done > f0) {
            float fe = done < f1 ? done : f1;
            float ae = -1.5707963f + 6.2831853f * fe;
            gfx_line(g, cx + r * cosf(a0), cy + r * sinf(a0), cx + r * cosf(ae), cy + r * sinf(ae), 8,
                     g->theme->accent);
        }
    }
    int left = (int)ceilf((total - done * total) / 1000.0f);
    char t[16];
    snprintf(t, sizeof t, "%d:%02d", left / 60, left % 60);
    gfx_text(g, FONT_UI_BOLD, 34, done >= 1 ? _("time") : t, (Box){cx - r + 10, cy - r + 10, 2 * r - 20, 2 * r - 20},
             ALIGN_CENTER, VALIGN_MIDDLE, g->theme->muted);
}

static void sharing(App *app, Box area)
{
    const GameView *v = &app->play.view;
    char text[600], shown[SESSION_ANSWERS_MAX];
    /* A card answered privately on the phones shows both answers at once. */
    bool private_card = phones_private_card(app, text, sizeof text, shown, sizeof shown);
    if (!private_card)
        snprintf(text, sizeof text, _("%s, read this aloud and answer it. %s listens."), name_of(app, v->turn),
                 name_of(app, v->turn + 1));
    prompt(app, text);
    float w = 1200, h = area.h - 110;
    float alpha;
    Box card = dealt(app, (Box){(app->gfx.cw - w) / 2, area.y, w, h}, 0, &alpha);
    Box face = card;
    char label[160];
    snprintf(label, sizeof label, _("Sharing · %s"),
             level_name(app_deck_of(app, KIND_SHARING, v->cards[0].text), v->cards[0].level));
    bool words;
    if (flipped(app, &face, KIND_SHARING, &words)) {
        draw_card(app, face, KIND_SHARING, words ? label : "", !words ? "" : private_card ? shown : v->cards[0].text,
                  false, 1);
        timer_ring(app, face);
    }
    char pass[96];
    snprintf(pass, sizeof pass, _("Pass (%d left)"), v->passes_left[v->turn]);
    float by = area.y + area.h - 92;
    bool can_pass = v->allowed & (1u << ACTION_PASS);
    if (ui_button(&app->ui, (Box){card.x, by, 400, 92}, pass, UI_QUIET | (can_pass ? 0 : UI_DISABLED)))
        app_act(app, (Action){.type = ACTION_PASS});
    else if (ui_button(&app->ui, (Box){card.x + card.w - 400, by, 400, 92}, _("Done"), UI_PRIMARY))
        app_act(app, phones_done_action(app, shown, sizeof shown));
}

/* Cards side by side to pick from; returns the index activated or -1. */
static int pick_cards(App *app, Box area, CardKind kind, float h)
{
    const GameView *v = &app->play.view;
    int n = v->card_count;
    float gap = 40, w = (area.w - gap * (n - 1)) / n;
    if (w > 640)
        w = 640;
    float x0 = (app->gfx.cw - (w * n + gap * (n - 1))) / 2;
    int hit = -1;
    for (int i = 0; i < n; i++) {
        float alpha;
        Box at = {x0 + i * (w + gap), area.y, w, h};
        Box b = dealt(app, at, i, &alpha);
        bool focused;
        /* Focus and clicks follow where the card lands, not where it flies. */
        if (ui_area(&app->ui, at, i == 0 ? UI_PRIMARY : 0, &focused))
            hit = i;
        draw_card(app, b, kind, NULL, v->cards[i].text, focused, alpha);
    }
    return hit;
}

static void plan_pick(App *app, Box area)
{
    const GameView *v = &app->play.view;
    prompt(app, _("Pick one together: time for the two of you this week."));
    int hit = pick_cards(app, area, KIND_PLANNING, area.h - 130);
    if (hit >= 0) {
        app_act(app, (Action){.type = ACTION_PICK, .index = hit});
        return;
    }
    char redraw[64];
    snprintf(redraw, sizeof redraw, _("New ideas (%d left)"), v->redraws_left);
    int flags = UI_QUIET | ((v->allowed & (1u << ACTION_REDRAW)) ? 0 : UI_DISABLED);
    if (ui_button(&app->ui, (Box){(app->gfx.cw - 460) / 2, area.y + area.h - 100, 460, 92}, redraw, flags))
        app_act(app, (Action){.type = ACTION_REDRAW});
}

/* The held plan or goal on the left, a grid of choices on the right, and
 * below them, when back is given, a quiet button going back (index count). */
static int held_and_choices(App *app, Box area, const char *const *labels, int count, int cols, const char *back)
{
    const GameView *v = &app->play.view;
    float w = area.w * 0.42f;
    draw_card(app, (Box){area.x, area.y, w, area.h - 20}, v->held.kind, NULL, v->held.text, false, 1);
    float gx = area.x + w + 60, gw = area.w - w - 60;
    int shown = count + (back ? cols : 0);
    int rows = (shown + cols - 1) / cols;
    float bh = 96, gap = 22;
    float gy = area.y + (area.h - rows * bh - (rows - 1) * gap) / 2;
    float bw = (gw - gap * (cols - 1)) / cols;
    int hit = -1;
    for (int i = 0; i < count; i++) {
        Box b = {gx + (i % cols) * (bw + gap), gy + (i / cols) * (bh + gap), bw, bh};
        if (ui_button(&app->ui, b, labels[i], i == 0 ? UI_PRIMARY : 0))
            hit = i;
    }
    if (back && ui_button(&app->ui, (Box){gx, gy + (rows - 1) * (bh + gap), gw, bh}, back, UI_QUIET))
        hit = count;
    return hit;
}

/* The day of a plan or a goal. A plan's day is kept here until its time is
 * picked too, so that Back can still change it. */
static void pick_day(App *app, Box area, const char *text, bool plan)
{
    prompt(app, text);
    char bufs[GAME_DAYS][32];
    const char *labels[GAME_DAYS];
    for (int d = 0; d < GAME_DAYS; d++)
        labels[d] = day_label(clock_now(), d, bufs[d], sizeof bufs[d]);
    int hit = held_and_choices(app, area, labels, GAME_DAYS, 2, NULL);
    if (hit < 0)
        return;
    if (!plan) {
        app_act(app, (Action){.type = ACTION_DAY, .index = hit});
        return;
    }
    app->play.plan_day = hit;
    if (!ui_focused_box(&app->ui, &app->play.plan_day_box))
        app->play.plan_day_box = (Box){0};
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

/* Back from the time to the day, on the day picked. */
static void plan_day_back(App *app)
{
    app->play.plan_day = -1;
    ui_focus_primary(&app->ui);
    ui_focus_box(&app->ui, app->play.plan_day_box);
    app->dirty = true;
}

/* The plan's time: its day is app->play.plan_day (not final, Back changes it),
 * or, in a game saved after its day, the engine's. */
static void plan_time(App *app, Box area)
{
    bool pending = app->play.plan_day >= 0;
    int day = pending ? app->play.plan_day : app->play.view.held_day;
    char text[256], label[64];
    snprintf(text, sizeof text, _("%s: what time of day?"), day_label(clock_now(), day, label, sizeof label));
    prompt(app, text);
    const char *const labels[GAME_TIMES] = {_("Morning"), _("Afternoon"), _("Evening"), _("Any time")};
    int hit = held_and_choices(app, area, labels, GAME_TIMES, 1, pending ? _("Change the day") : NULL);
    if (hit == GAME_TIMES) {
        plan_day_back(app);
        return;
    }
    if (hit < 0)
        return;
    if (pending && !app_act(app, (Action){.type = ACTION_DAY, .index = day}))
        return;
    app->play.plan_day = -1;
    app_act(app, (Action){.type = ACTION_TIME, .index = hit});
}

static void solo_pick(App *app, Box area)
{
    const GameView *v = &app->play.view;
    char text[600];
    snprintf(text, sizeof text, _("%s, keep one goal of your own for this week, or write your own."),
             name_of(app, v->turn));
    prompt(app, text);
    int hit = pick_cards(app, (Box){area.x, area.y, area.w, area.h}, KIND_SOLO, area.h - 140);
    if (hit >= 0) {
        app_act(app, (Action){.type = ACTION_PICK, .index = hit});
        return;
    }
    float by = area.y + area.h - 100;
    float fw = area.w - 460;
    bool entered = ui_field(&app->ui, (Box){area.x, by, fw, 92}, app->play.goal, sizeof app->play.goal, GAME_GOAL_MAX_CHARS,
                            _("…or type your own goal here"), 0);
    int flags = app->play.goal[0] ? 0 : UI_DISABLED;
    if (ui_button(&app->ui, (Box){area.x + fw + 40, by, 420, 92}, _("Keep my own"), flags) || (entered && app->play.goal[0])) {
        /* One question before it is kept: where it happens, so that the
         * support dealt for it fits. */
        app->play.goal_where = true;
        ui_focus_primary(&app->ui);
        app->dirty = true;
    }
}

/* "Where does it happen?" for a typed goal: At home or Out keeps it. */
static void solo_where(App *app, Box area)
{
    char text[600];
    snprintf(text, sizeof text, _("%s, where does it happen?"), name_of(app, app->play.view.turn));
    prompt(app, text);
    float w = area.w * 0.42f;
    draw_card(app, (Box){area.x, area.y, w, area.h - 20}, KIND_SOLO, NULL, app->play.goal, false, 1);
    float gx = area.x + w + 60, gw = area.w - w - 60, bh = 96, gap = 22;
    float gy = area.y + (area.h - 3 * bh - 2 * gap) / 2;
    const char *const labels[2] = {_("At home"), _("Out")};
    static const GoalWhere wheres[2] = {GOAL_WHERE_HOME, GOAL_WHERE_OUT};
    for (int i = 0; i < 2; i++) {
        if (ui_button(&app->ui, (Box){gx, gy + i * (bh + gap), gw, bh}, labels[i], i == 0 ? UI_PRIMARY : 0)) {
            if (app_act(app, (Action){.type = ACTION_CUSTOM, .index = wheres[i], .text = app->play.goal})) {
                app->play.goal[0] = '\0';
                app->play.goal_where = false;
            }
            return;
        }
    }
    if (ui_button(&app->ui, (Box){gx, gy + 2 * (bh + gap), gw, bh}, _("Change the goal"), UI_QUIET)) {
        app->play.goal_where = false;
        ui_focus_primary(&app->ui);
        app->dirty = true;
    }
}

static void support_pick(App *app, Box area)
{
    const GameView *v = &app->play.view;
    char text[1200], goal[800];
    snprintf(text, sizeof text, _("%s, how will you back %s's goal: “%s”?"), name_of(app, v->turn),
             name_of(app, v->held_partner), shorten(v->held.text, 60, goal, sizeof goal));
    prompt(app, text);
    int hit = pick_cards(app, area, KIND_SUPPORT, area.h - 20);
    if (hit >= 0)
        app_act(app, (Action){.type = ACTION_PICK, .index = hit});
}

static void rebalance(App *app, Box area)
{
    const GameView *v = &app->play.view;
    bool closer = v->cards[0].weight > 0;
    prompt(app, closer ? _("The rope leans toward Apart. Do this together, now, to come closer.")
                       : _("The rope leans toward Together. Do this now, to give each other room."));
    float w = 1200, h = area.h - 110, alpha;
    Box card = dealt(app, (Box){(app->gfx.cw - w) / 2, area.y, w, h}, 0, &alpha);
    Box face = card;
    bool words;
    if (flipped(app, &face, KIND_REBALANCE, &words))
        draw_card(app, face, KIND_REBALANCE, !words ? "" : closer ? _("Rebalance · come closer") : _("Rebalance · give room"),
                  words ? v->cards[0].text : "", false, 1);
    if (ui_button(&app->ui, (Box){card.x + card.w - 400, area.y + area.h - 92, 400, 92}, _("Done"), UI_PRIMARY))
        app_act(app, (Action){.type = ACTION_DONE});
}

void screen_play(App *app)
{
    if (!app->play.game) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    Gfx *g = &app->gfx;
    const GameView *v = &app->play.view;
    if (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK && !app->paused && v->phase == PHASE_PLAN_DAY &&
        app->play.plan_day >= 0) {
        plan_day_back(app);
        return;
    }
    if (app->ui.pass == UI_ACT && (app->ui.input.type == IN_BACK || app->ui.input.type == IN_PAUSE) &&
        !app->paused) {
        app->paused = true;
        ui_focus_primary(&app->ui);
        app->dirty = true;
        return;
    }
    top_bar(app);
    Box area = {g->area.x, g->area.y + 220, g->area.w, 580};
    char text[600];
    switch (v->phase) {
    case PHASE_SHARING:
        sharing(app, area);
        break;
    case PHASE_PLAN_PICK:
        plan_pick(app, area);
        break;
    case PHASE_PLAN_DAY:
        if (app->play.plan_day >= 0)
            plan_time(app, area);
        else
            pick_day(app, area, _("Which day?"), true);
        break;
    case PHASE_PLAN_TIME:
        plan_time(app, area);
        break;
    case PHASE_SOLO_PICK:
        if (app->play.goal_where)
            solo_where(app, area);
        else
            solo_pick(app, area);
        break;
    case PHASE_SOLO_DAY:
        snprintf(text, sizeof text, _("%s, which day will you do it?"), name_of(app, v->held_partner));
        pick_day(app, area, text, false);
        break;
    case PHASE_SUPPORT_PICK:
        support_pick(app, area);
        break;
    case PHASE_REBALANCE:
        rebalance(app, area);
        break;
    default:
        break;
    }
    float shown = app->play.walk_to;
    float t = app_anim(app, &app->play.walk);
    if (t < 1)
        shown = app->play.walk_from + (app->play.walk_to - app->play.walk_from) * (1 - (1 - t) * (1 - t));
    draw_rope(app, (Box){g->area.x, g->area.y + g->area.h - 132, g->area.w, 88}, shown, v->middle);
    saving_line(app);
    if (app->ui.pass == UI_DRAW && app->play.error[0])
        gfx_text(g, FONT_UI, 32, app->play.error, (Box){g->area.x + 440, area.y + area.h - 92, g->area.w - 880, 92},
                 ALIGN_CENTER, VALIGN_MIDDLE, g->theme->accent);
}
