/* SPDX-License-Identifier: MIT */
/* The end reveal, before Our week: the stars the two of you earned, and the
 * rope's path through the game drawn out. */
#include <stdio.h>

#include "screens.h"

/* Where each round ended in the story of steps: after its second support
 * pick, and after a rebalance that came straight after it. */
static int round_ends(const GameSummary *s, int *ends, int cap)
{
    int n = 0, supports = 0;
    for (int i = 0; i < s->step_count && n < cap; i++) {
        if (s->steps[i].phase != PHASE_SUPPORT_PICK || ++supports % 2)
            continue;
        int end = i + 1;
        if (end < s->step_count && s->steps[end].phase == PHASE_REBALANCE)
            end++;
        ends[n++] = end;
    }
    return n;
}

void screen_reveal(App *app)
{
    if (!app->play.game) {
        app_goto(app, SCREEN_TITLE);
        return;
    }
    GameSummary s;
    game_summary(app->play.game, &s);
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    Box a = g->area;
    char line[600];
    if (app->ui.pass == UI_DRAW) {
        snprintf(line, sizeof line, _("%s and %s, your game"), s.names[0], s.names[1]);
        gfx_text(g, FONT_UI_BOLD, 64, line, (Box){a.x, a.y, a.w, 90}, ALIGN_CENTER, VALIGN_MIDDLE, th->text);
        /* The stars, large, one a round: earned ones filled. */
        float size = 110, gap = 30, w = s.rounds * size + (s.rounds - 1) * gap, x = a.x + (a.w - w) / 2;
        for (int r = 0; r < s.rounds; r++)
            gfx_icon(g, ICON_STAR, (Box){x + r * (size + gap), a.y + 110, size, size},
                     (s.star_rounds >> r & 1u) ? th->accent : gfx_alpha(th->muted, 70));
        if (s.stars == s.rounds)
            snprintf(line, sizeof line,
                     ngettext("Steady all the way: %d of %d round.", "Steady all the way: %d of %d rounds.",
                              (unsigned long)s.rounds),
                     s.stars, s.rounds);
        else if (s.stars > 0)
            snprintf(line, sizeof line,
                     ngettext("%d of %d round ended steady. The rope knows you both.",
                              "%d of %d rounds ended steady. The rope knows you both.", (unsigned long)s.stars),
                     s.stars, s.rounds);
        else
            snprintf(line, sizeof line, "%s", _("No stars this time, and a week to look forward to all the same."));
        gfx_text(g, FONT_UI, 44, line, (Box){a.x, a.y + 240, a.w, 64}, ALIGN_CENTER, VALIGN_MIDDLE, th->text);
        gfx_text(g, FONT_UI_BOLD, 36, _("The rope's path through your game"), (Box){a.x, a.y + 330, a.w, 50},
                 ALIGN_LEFT, VALIGN_MIDDLE, th->muted);
    }
    int balances[GAME_MAX_STEPS], ends[GAME_ROUNDS_MAX];
    for (int i = 0; i < s.step_count; i++)
        balances[i] = s.steps[i].balance;
    RopePath path = {.balances = balances,
                     .count = s.step_count,
                     .middle = s.middle,
                     .round_ends = ends,
                     .ends_count = round_ends(&s, ends, GAME_ROUNDS_MAX),
                     .star_rounds = s.star_rounds};
    draw_rope_path(app, (Box){a.x, a.y + 390, a.w, 420}, &path, app_anim(app, &app->play.reveal));
    if (ui_button(&app->ui, (Box){a.x + (a.w - 560) / 2, a.y + a.h - 110, 560, 100}, _("See our week"), UI_PRIMARY))
        app_week_open(app, false, SCREEN_TITLE);
}
