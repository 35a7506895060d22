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

/* Each partner's side as they sit (set up before the game): 0 left, 1 right. */
static int side_of(const App *app, int partner)
{
    return (partner & 1) != app->settings.left;
}

/* Each partner's colour: the colour of their side. */
static SDL_Color partner_colour(const App *app, int partner)
{
    return app->gfx.theme->kinds[side_of(app, partner) ? KIND_PLANNING : KIND_SHARING];
}

/* A choice's lean, before it is made: an arrow and an amount in the
 * card's heading (lean_label), and, for the choice in focus, a ghost
 * walker on the rope where it would put it. */
static void lean_ghost(App *app, int lean, bool focused)
{
    if (focused || app->play.view.card_count <= 1) {
        app->play.has_ghost = true;
        app->play.ghost = lean;
    }
}

static const char *lean_label(CardKind kind, const char *head, int lean, char *buf, size_t size)
{
    const char *what = head ? head : kind_label(kind), *sep = what[0] ? " · " : "";
    if (lean > 0)
        snprintf(buf, size, "%s%s+%d →", what, sep, lean);
    else if (lean < 0)
        snprintf(buf, size, "%s%s← %d", what, sep, -lean);
    else
        /* TRANSLATORS: a card that moves the rope neither way. */
        snprintf(buf, size, "%s%s%s", what, sep, _("no lean"));
    return buf;
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
        x -= 56;
        if (pulse > 1 && i == v->stars - 1)
            gfx_moving(g, (Box){x - 8, s.y - 2, 64, 64});
        gfx_icon_pulsed(g, ICON_STAR, (Box){x, s.y + 6, 48, 48}, th->accent, i == v->stars - 1 ? pulse : 1);
    }
    snprintf(line, sizeof line, ngettext("%d star", "%d stars", (unsigned long)v->stars), v->stars);
    gfx_text(g, FONT_UI, 34, line, (Box){s.x + s.w * 0.55f + 20, s.y, x - 16 - (s.x + s.w * 0.55f + 20), 60},
             ALIGN_RIGHT, VALIGN_MIDDLE, th->muted);
    /* Each partner on their side as they sit, in their colour; the one whose
     * turn it is stands out, underlined. */
    for (int p = 0; p < 2; p++) {
        bool on = !v->together && v->turn == p;
        int right = side_of(app, p);
        Box nb = {right ? s.x + s.w / 2 + 10 : s.x, s.y + 60, s.w / 2 - 10, 42};
        gfx_text(g, on ? FONT_UI_BOLD : FONT_UI, 34, v->names[p], nb, right ? ALIGN_RIGHT : ALIGN_LEFT, VALIGN_MIDDLE,
                 on || v->together ? partner_colour(app, p) : th->muted);
        if (on)
            gfx_fill(g, (Box){right ? s.x + s.w - 260 : s.x, s.y + 103, 260, 5}, partner_colour(app, p));
    }
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

/* The prompt of a sharing card: the reader reads and answers; then, when
 * both answer or the card asks a follow-up, the listener's turn. */
static void sharing_prompt(App *app, char *text, size_t size)
{
    const GameView *v = &app->play.view;
    const char *who = name_of(app, v->turn), *other = name_of(app, v->turn + 1);
    if (v->listening && v->cards[0].follow_up && v->both_answer)
        snprintf(text, size, _("%s, ask %s the follow-up, then answer the same card yourself."), who, other);
    else if (v->listening && v->cards[0].follow_up)
        snprintf(text, size, _("%s, ask %s the follow-up and listen: good news is worth a second question."), who,
                 other);
    else if (v->listening)
        snprintf(text, size, _("Now %s: answer the same card. %s listens."), who, other);
    else if (app->play.passed)
        snprintf(text, size, _("Another card, just as deep. Passing is always fine. %s, read it aloud and answer."),
                 who);
    else
        snprintf(text, size, _("%s, read this aloud and answer it. %s listens."), who, other);
}

/* The follow-up question under the card, in the listener's colour: what
 * they ask the reader now. */
static void follow_up_band(App *app, Box b)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    const GameView *v = &app->play.view;
    SDL_Color c = partner_colour(app, v->turn);
    const char *head = _("Follow-up question");
    gfx_round_framed(g, b, 28, 4, c, g->theme->card);
    gfx_text(g, FONT_UI_BOLD, 34, head, (Box){b.x + 40, b.y + 14, b.w - 80, 50}, ALIGN_LEFT, VALIGN_MIDDLE, c);
    gfx_text_fit(g, FONT_UI, 46, v->cards[0].follow_up, (Box){b.x + 40, b.y + 70, b.w - 80, b.h - 84}, ALIGN_CENTER,
                 VALIGN_MIDDLE, g->theme->text);
}

static void sharing(App *app, Box area)
{
    const GameView *v = &app->play.view;
    char text[600], shown[SESSION_ANSWERS_MAX];
    /* A card answered privately on the phones shows both answers at once. */
    bool private_card = phones_private_card(app, text, sizeof text, shown, sizeof shown);
    if (!private_card)
        sharing_prompt(app, text, sizeof text);
    prompt(app, text);
    bool follow = v->listening && v->cards[0].follow_up;
    float w = 1200, h = area.h - 110 - (follow ? 230 : 0);
    float alpha;
    /* The card slides toward the partner whose turn it is, under their name
     * (on their side): when the listener answers, from the reader's side to theirs. */
    float side = side_of(app, v->turn) ? 1.0f : -1.0f, t = app_anim(app, &app->play.deal), u = 1;
    float x = (app->gfx.cw - w) / 2 + side * 150 * (0.3f + 0.7f * t);
    if (v->listening) {
        u = app_anim(app, &app->play.listen);
        x = (app->gfx.cw - w) / 2 + side * 150 * (2 * u - 1);
    }
    /* While it slides, all it passes over is drawn again: the card, the
     * follow-up and the buttons under it. */
    if (t < 1 || u < 1)
        gfx_moving(&app->gfx, (Box){(app->gfx.cw - w) / 2 - 150 - 14, area.y - 14, w + 300 + 28, area.h + 28});
    Box card = dealt(app, (Box){x, area.y, w, h}, 0, &alpha);
    Box face = card;
    char label[200], level[160];
    snprintf(level, sizeof level, _("Sharing · %s"),
             level_name(app_deck_of(app, KIND_SHARING, v->cards[0].text), v->cards[0].level));
    if (v->listening) { /* the rope moved when the reader answered */
        snprintf(label, sizeof label, "%s · %s", level, v->both_answer ? _("both answer") : _("follow-up"));
    } else {
        int lean = game_lean(v, v->cards[0].weight);
        lean_label(KIND_SHARING, level, lean, label, sizeof label);
        lean_ghost(app, lean, true);
    }
    bool words;
    if (flipped(app, &face, KIND_SHARING, &words)) {
        draw_card(app, face, KIND_SHARING, words ? label : "", !words ? "" : private_card ? shown : v->cards[0].text,
                  false, 1);
        timer_ring(app, face);
    }
    if (follow)
        follow_up_band(app, (Box){card.x, card.y + h + 20, w, 210});
    const char *pass = _("Pass");
    float by = area.y + area.h - 92;
    bool can_pass = v->allowed & (1u << ACTION_PASS);
    /* Come back to this (K, a gamepad's left shoulder): the couple's next
     * game deals the card first. Left of Pass, so that ← from Done is Pass. */
    int keep_flags = UI_QUIET | (app_can_keep(app) ? 0 : UI_DISABLED);
    bool keep_key = app->ui.pass == UI_ACT && app->ui.input.type == IN_KEEP && !(keep_flags & UI_DISABLED);
    if (ui_button(&app->ui, (Box){card.x, by, 380, 92}, app_card_kept(app) ? _("Kept for later") : _("Come back to this"),
                  keep_flags) || keep_key)
        app_keep_card(app);
    else if (ui_button(&app->ui, (Box){card.x + 410, by, 380, 92}, pass, UI_QUIET | (can_pass ? 0 : UI_DISABLED)))
        app_act(app, (Action){.type = ACTION_PASS});
    else if (ui_button(&app->ui, (Box){card.x + card.w - 400, by, 400, 92}, _("Done"), UI_PRIMARY))
        app_act(app, phones_done_action(app, shown, sizeof shown));
}

/* Cards side by side to pick from; returns the index activated or -1. The
 * focus starts on the first, unless it starts elsewhere (a kept goal). */
static int pick_cards(App *app, Box area, CardKind kind, float h)
{
    const GameView *v = &app->play.view;
    bool keep = v->phase == PHASE_SOLO_PICK && v->has_goal;
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
        if (ui_area(&app->ui, at, i == 0 && !keep ? UI_PRIMARY : 0, &focused))
            hit = i;
        char label[120];
        int lean = game_lean(v, v->cards[i].weight);
        lean_ghost(app, lean, focused);
        draw_card(app, b, kind, lean_label(kind, "", lean, label, sizeof label), v->cards[i].text, focused, alpha);
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
 * primary is where the focus starts. */
static int held_and_choices(App *app, Box area, const char *const *labels, int count, int cols, int primary)
{
    const GameView *v = &app->play.view;
    float w = area.w * 0.42f;
    Box held = {area.x, area.y, w, area.h - 20};
    char label[120];
    int lean = game_lean(v, v->held.weight);
    lean_ghost(app, lean, true);
    draw_card(app, held, v->held.kind, lean_label(v->held.kind, NULL, lean, label, sizeof label), v->held.text, false, 1);
    float gx = area.x + w + 60, gw = area.w - w - 60;
    int shown = count;
    int rows = (shown + cols - 1) / cols;
    float bh = 96, gap = 22;
    float gy = area.y + (area.h - rows * bh - (rows - 1) * gap) / 2;
    float bw = (gw - gap * (cols - 1)) / cols;
    int hit = -1;
    for (int i = 0; i < count; i++) {
        Box b = {gx + (i % cols) * (bw + gap), gy + (i / cols) * (bh + gap), bw, bh};
        if (ui_button(&app->ui, b, labels[i], i == primary ? UI_PRIMARY : 0))
            hit = i;
    }
    return hit;
}

/* A plan's day and time on one screen: the coming week as a grid, the
 * slots other plans have taken marked. A plan saved after its day has only
 * that day's times open. */
static bool plan_slot(App *app, int day, int time, const char *label, Box b, int flags)
{
    if (!ui_button(&app->ui, b, label, flags))
        return false;
    if (app->play.view.phase == PHASE_PLAN_DAY && !app_act(app, (Action){.type = ACTION_DAY, .index = day}))
        return true;
    app_act(app, (Action){.type = ACTION_TIME, .index = time});
    return true;
}

static void plan_grid(App *app, Box area)
{
    const GameView *v = &app->play.view;
    Gfx *g = &app->gfx;
    static const char *const times[GAME_TIMES] = {N_("Morning"), N_("Afternoon"), N_("Evening"), N_("Any time")};
    float gap = 20, dw = 180, days = GAME_DAY_SOME, rh = (area.h - gap * (days - 1)) / days;
    /* The times' columns as wide as their longest word at the reading size
     * (a longer language), the card beside them what is left. */
    float read = GFX_READ_MIN / g->text_scale; /* the reading size, whatever the text size */
    float need = gfx_text_size(g, FONT_UI_BOLD, read, _("Taken"), 1e6f).x;
    for (int t = 0; t < GAME_TIMES; t++) {
        float lw = gfx_text_size(g, FONT_UI_BOLD, read, _(times[t]), 1e6f).x;
        need = lw > need ? lw : need;
    }
    float w = area.w * 0.30f, cw = (area.w - w - 40 - dw - gap * GAME_TIMES) / GAME_TIMES;
    float keep = g->floor;
    if (cw < need + rh * 0.4f + 12) {
        cw = need + rh * 0.4f + 12;
        w = area.w - 40 - dw - gap * GAME_TIMES - cw * GAME_TIMES;
        w = w > area.w * 0.22f ? w : area.w * 0.22f;
        cw = (area.w - w - 40 - dw - gap * GAME_TIMES) / GAME_TIMES;
        /* Still too narrow: the grid's words are labels of a table, and
         * may come down to the labels' floor. */
        if (cw < need + rh * 0.4f + 12)
            g->floor = GFX_LABEL_MIN;
    }
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI, 36, _("When will you do it?"), (Box){area.x, area.y, w, 50}, ALIGN_LEFT, VALIGN_TOP,
                 g->theme->accent);
    Box held = {area.x, area.y + 60, w, area.h - 180};
    char label[120];
    int lean = game_lean(v, v->held.weight);
    lean_ghost(app, lean, true);
    draw_card(app, held, v->held.kind, lean_label(v->held.kind, "", lean, label, sizeof label), v->held.text, false, 1);
    float gx = area.x + w + 40;
    bool primary_given = false;
    for (int d = 0; d < GAME_DAY_SOME; d++) {
        char day[32];
        float y = area.y + d * (rh + gap);
        if (app->ui.pass == UI_DRAW)
            gfx_text(g, FONT_UI, 32, day_label(clock_now(), d, day, sizeof day), (Box){gx, y, dw, rh}, ALIGN_LEFT,
                     VALIGN_MIDDLE, g->theme->text);
        for (int t = 0; t < GAME_TIMES; t++) {
            bool taken = v->slots_taken >> (d * GAME_TIMES + t) & 1u;
            bool open = !taken && (v->phase == PHASE_PLAN_DAY || d == v->held_day);
            int flags = open ? (primary_given ? 0 : UI_PRIMARY) : UI_DISABLED;
            primary_given |= open;
            Box b = {gx + dw + gap + t * (cw + gap), y, cw, rh};
            if (plan_slot(app, d, t, taken ? _("Taken") : _(times[t]), b, flags)) {
                g->floor = keep;
                return;
            }
        }
    }
    /* Some day: no slot of the week, never taken. */
    bool open = v->phase == PHASE_PLAN_DAY || v->held_day == GAME_DAY_SOME;
    plan_slot(app, GAME_DAY_SOME, TIME_ANY, _("Some day"), (Box){area.x, area.y + area.h - 100, w, 100},
              UI_QUIET | (open ? 0 : UI_DISABLED) | (primary_given ? 0 : UI_PRIMARY));
    g->floor = keep;
}

/* A goal's day, beside the goal; a day with a plan is marked, and asked
 * about before the goal goes there. The focus starts on a day without one. */
static void solo_day(App *app, Box area)
{
    const GameView *v = &app->play.view;
    char text[400], bufs[GAME_DAYS][96];
    char was[200];
    if (v->has_goal)
        snprintf(text, sizeof text, _("%s, which day for your new goal? It takes the place of “%s”."),
                 name_of(app, v->held_partner), shorten(v->goal.text, 40, was, sizeof was));
    else
        snprintf(text, sizeof text, _("%s, which day will you do it?"), name_of(app, v->held_partner));
    prompt(app, text);
    const char *labels[GAME_DAYS];
    int primary = -1;
    for (int d = 0; d < GAME_DAYS; d++) {
        char day[32];
        day_label(clock_now(), d, day, sizeof day);
        bool plan = game_day_has_plan(v, d);
        /* TRANSLATORS: a day (Wed 7) on which the two already have a plan. */
        snprintf(bufs[d], sizeof bufs[d], plan ? _("%s · a plan") : "%s", day);
        labels[d] = bufs[d];
        if (!plan && primary < 0)
            primary = d;
    }
    int hit = held_and_choices(app, area, labels, GAME_DAYS, 2, primary);
    if (hit < 0)
        return;
    if (game_day_has_plan(v, hit)) {
        app->play.warn_day = hit;
        ui_focus_primary(&app->ui);
        app->dirty = true;
        return;
    }
    app_act(app, (Action){.type = ACTION_DAY, .index = hit});
}

/* "You already have a plan that day": one press moves the goal to the
 * nearest day without one; or keep the day, or choose again. */
static void goal_warning(App *app, Box area)
{
    const GameView *v = &app->play.view;
    int day = app->play.warn_day, free_day = GAME_DAY_SOME;
    for (int d = 0; d < GAME_DAY_SOME && free_day == GAME_DAY_SOME; d++)
        if (!game_day_has_plan(v, d))
            free_day = d;
    char text[700], on[32], to[32], labels[3][160];
    day_label(clock_now(), day, on, sizeof on);
    day_label(clock_now(), free_day, to, sizeof to);
    snprintf(text, sizeof text, _("%s, you two already have a plan on %s. Put your goal on another day?"),
             name_of(app, v->held_partner), on);
    prompt(app, text);
    snprintf(labels[0], sizeof labels[0], _("Move it to %s"), to);
    snprintf(labels[1], sizeof labels[1], _("Keep it on %s"), on);
    snprintf(labels[2], sizeof labels[2], "%s", _("Choose another day"));
    const char *list[3] = {labels[0], labels[1], labels[2]};
    int hit = held_and_choices(app, area, list, 3, 1, 0);
    if (hit < 0)
        return;
    app->play.warn_day = -1;
    if (hit == 2) {
        ui_focus_primary(&app->ui);
        app->dirty = true;
        return;
    }
    app_act(app, (Action){.type = ACTION_DAY, .index = hit == 0 ? free_day : day});
}

/* In a later round the partner's goal is kept with one press, where the
 * focus starts (its day and support stay); a card or a typed goal swaps it. */
static bool keep_button(App *app, Box b)
{
    const GameView *v = &app->play.view;
    char day[96], head[240], label[320];
    day_label(clock_now(), v->goal_day, day, sizeof day);
    snprintf(head, sizeof head, _("Keep my goal · %s"), day);
    int lean = game_lean(v, v->goal.weight + v->goal_support.weight);
    int focus = ui_focus_settled(&app->ui); /* the button comes after the cards */
    if (focus < 0 || focus == v->card_count)
        lean_ghost(app, lean, true);
    return ui_button(&app->ui, b, lean_label(KIND_SOLO, head, lean, label, sizeof label), UI_PRIMARY);
}

static void solo_pick(App *app, Box area)
{
    const GameView *v = &app->play.view;
    char text[600], goal[300];
    if (v->has_goal)
        snprintf(text, sizeof text, _("%s, your goal is “%s”. Keep it, or swap it for a new one."),
                 name_of(app, v->turn), shorten(v->goal.text, 50, goal, sizeof goal));
    else
        snprintf(text, sizeof text, _("%s, keep one goal of your own for this week, or write your own."),
                 name_of(app, v->turn));
    prompt(app, text);
    int hit = pick_cards(app, (Box){area.x, area.y, area.w, area.h}, KIND_SOLO, area.h - 140);
    if (hit >= 0) {
        app_act(app, (Action){.type = ACTION_PICK, .index = hit});
        return;
    }
    float by = area.y + area.h - 100, kw = v->has_goal ? 620 : 0, kx = area.x + (kw ? kw + 40 : 0);
    if (v->has_goal && keep_button(app, (Box){area.x, by, kw, 92})) {
        app_act(app, (Action){.type = ACTION_KEEP});
        return;
    }
    float fw = area.x + area.w - 460 - kx;
    bool entered = ui_field(&app->ui, (Box){kx, by, fw, 92}, app->play.goal, sizeof app->play.goal, GAME_GOAL_MAX_CHARS,
                            v->has_goal ? _("…or type a new one") : _("…or type your own goal here"), 0);
    int flags = app->play.goal[0] ? 0 : UI_DISABLED;
    if (ui_button(&app->ui, (Box){area.x + area.w - 420, by, 420, 92},
                  v->has_goal ? _("Swap for my own") : _("Keep my own"), flags) ||
        (entered && app->play.goal[0])) {
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

/* A rebalance for both of you: two cards to choose from, or not now. */
static void rebalance(App *app, Box area)
{
    const GameView *v = &app->play.view;
    bool closer = v->cards[0].weight > 0;
    prompt(app, closer ? _("The rope leans toward Apart: pick one to do together now, or leave it for now.")
                       : _("The rope leans toward Together: pick one that gives each of you some time of your own, "
                           "or leave it for now."));
    int hit = pick_cards(app, area, KIND_REBALANCE, area.h - 130);
    if (hit >= 0) {
        app_act(app, (Action){.type = ACTION_PICK, .index = hit});
        return;
    }
    if (ui_button(&app->ui, (Box){(app->gfx.cw - 460) / 2, area.y + area.h - 100, 460, 92}, _("Not now"), UI_QUIET))
        app_act(app, (Action){.type = ACTION_SKIP});
}

/* The round break: "Steady!" with a large star, or a kind line. Any key
 * goes on; its words stay under reduced motion, only the pulse goes. */
static void round_break(App *app)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box s = g->area;
    char line[400];
    if (app->play.break_steady) {
        float pulse = 1 + 0.12f * sinf(app_anim(app, &app->play.star) * 3.14159265f);
        gfx_icon_pulsed(g, ICON_STAR, (Box){s.x + (s.w - 300) / 2, s.y + 200, 300, 300}, th->accent, pulse);
        gfx_text(g, FONT_UI_BOLD, 110, _("Steady!"), (Box){s.x, s.y + 520, s.w, 140}, ALIGN_CENTER, VALIGN_MIDDLE,
                 th->good);
        snprintf(line, sizeof line, _("Round %d ended in the steady zone: a star for the two of you."),
                 app->play.break_round);
    } else {
        bool last = app->play.view.phase == PHASE_OVER;
        gfx_text(g, FONT_UI_BOLD, 80, last ? _("Just off — and the game is yours all the same.")
                                           : _("Just off — the next round starts fresh."),
                 (Box){s.x, s.y + 300, s.w, 200}, ALIGN_CENTER, VALIGN_MIDDLE, th->text);
        snprintf(line, sizeof line,
                 last ? _("Round %d is done. Now see what the two of you made of it.")
                      : _("Round %d is done. Every round is a new chance to find the middle together."),
                 app->play.break_round);
    }
    gfx_text(g, FONT_UI, 40, line, (Box){s.x, s.y + 680, s.w, 60}, ALIGN_CENTER, VALIGN_MIDDLE, th->muted);
    gfx_text(g, FONT_UI, 32, _("Any key to go on"), (Box){s.x, s.y + s.h - 190, s.w, 44}, ALIGN_CENTER, VALIGN_MIDDLE,
             th->muted);
}

/* Draws the break while it shows (any key ends it: see app.c): true while it does. */
static bool break_shown(App *app)
{
    if (app->play.break_round <= 0)
        return false;
    if (!app_break_showing(app)) {
        app->play.break_round = 0;
        return false;
    }
    top_bar(app);
    round_break(app);
    return true;
}

void screen_play(App *app)
{
    if (!app->play.game) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    Gfx *g = &app->gfx;
    const GameView *v = &app->play.view;
    if (break_shown(app))
        return;
    if (v->phase == PHASE_OVER) {
        app_goto(app, SCREEN_REVEAL);
        return;
    }
    if (app->ui.pass == UI_ACT && app->ui.input.type == IN_BACK && !app->paused && app->play.warn_day >= 0) {
        app->play.warn_day = -1;
        ui_focus_primary(&app->ui);
        app->dirty = true;
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
    app->play.has_ghost = false;
    switch (v->phase) {
    case PHASE_SHARING:
        sharing(app, area);
        break;
    case PHASE_PLAN_PICK:
        plan_pick(app, area);
        break;
    case PHASE_PLAN_DAY:
    case PHASE_PLAN_TIME:
        plan_grid(app, (Box){area.x, g->area.y + 114, area.w, 670});
        break;
    case PHASE_SOLO_PICK:
        if (app->play.goal_where)
            solo_where(app, area);
        else
            solo_pick(app, area);
        break;
    case PHASE_SOLO_DAY:
        if (app->play.warn_day >= 0)
            goal_warning(app, area);
        else
            solo_day(app, area);
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
    Box rope = {g->area.x, g->area.y + g->area.h - 132, g->area.w, 88};
    if (app->play.has_ghost && app->play.ghost)
        draw_rope_ghost(app, rope, (float)(v->balance + app->play.ghost), v->middle);
    draw_rope(app, rope, shown, v->middle);
    saving_line(app);
    if (app->ui.pass == UI_DRAW && app->play.error[0])
        gfx_text(g, FONT_UI, 32, app->play.error, (Box){g->area.x + 440, area.y + area.h - 92, g->area.w - 880, 92},
                 ALIGN_CENTER, VALIGN_MIDDLE, g->theme->accent);
}
