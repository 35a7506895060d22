/* SPDX-License-Identifier: MIT */
/* One goal a partner: a later round's solo turn swaps it or keeps it. The
 * goals in force and the rest of a game's summary. */
#include "game_private.h"

#include <string.h>

int game_goal_before(const Game *g, int slot, int partner)
{
    for (int i = slot - 1; i >= 0; i--)
        if (g->goals[i].partner == partner)
            return i;
    return -1;
}

int game_keep_goal(Game *g, int turn, int *next)
{
    *next = g->sub ? ROUND_END : PHASE_SOLO_PICK;
    g->sub = !g->sub;
    int slot = g->goal_count, had = game_goal_before(g, slot, turn);
    g->goals[slot] = g->goals[had];
    g->goals[slot].how = GOAL_KEPT;
    memcpy(g->custom[slot], g->custom[had], sizeof g->custom[slot]);
    g->table_count = 0;
    g->goal_count++;
    return g->goals[had].weight + g->cards[g->goals[had].support].weight;
}

/* The goals in force, in the order they were first made: an added goal
 * joins them, a swapped one takes its partner's place, a kept one counts. */
static void summary_goals(const Game *g, GameSummary *s)
{
    int at[2] = {-1, -1};
    s->goal_count = 0;
    s->made_count = g->goal_count;
    for (int i = 0; i < g->goal_count; i++) {
        const Goal *goal = &g->goals[i];
        int p = goal->partner;
        s->made[i] = (GameGoal){.partner = p,
                                .round = i / 2 + 1,
                                .kept = goal->how == GOAL_KEPT,
                                .goal = game_goal_view(g, i),
                                .day = goal->day,
                                .support = game_card_view(g, (uint32_t)goal->support)};
        if (goal->how == GOAL_KEPT && at[p] >= 0) {
            s->goals[at[p]].kept++;
            continue;
        }
        if (goal->how == GOAL_ADDED || at[p] < 0)
            at[p] = s->goal_count++;
        s->goals[at[p]] = (GameGoal){.partner = p,
                                     .round = i / 2 + 1,
                                     .goal = game_goal_view(g, i),
                                     .day = goal->day,
                                     .support = game_card_view(g, (uint32_t)goal->support)};
    }
}

void game_summary(const Game *g, GameSummary *s)
{
    memset(s, 0, sizeof *s);
    s->over = g->phase == PHASE_OVER;
    s->names[0] = g->names[0];
    s->names[1] = g->names[1];
    s->needs[0] = (Need)g->needs[0];
    s->needs[1] = (Need)g->needs[1];
    s->middle = g->middle;
    s->rounds = g->rounds;
    s->rounds_played = s->over ? g->rounds : g->round - 1;
    s->stars = g->stars;
    s->star_rounds = g->star_rounds;
    s->passes_used[0] = g->passes_used[0];
    s->passes_used[1] = g->passes_used[1];
    s->redraws_used = GAME_REDRAWS - g->redraws_left;
    for (int i = 0; i < g->plan_count; i++) {
        const Plan *p = &g->plans[i];
        s->plans[i] = (GamePlan){.card = game_card_view(g, (uint32_t)p->card), .day = p->day, .time = p->time, .round = i + 1};
    }
    s->plan_count = g->plan_count;
    for (int i = 0; i < g->carried_count; i++)
        s->carried[i] = g->carried[i];
    s->carried_count = g->carried_count;
    summary_goals(g, s);
    for (int i = 0; i < g->step_count; i++)
        s->rebalances += g->steps[i].phase == PHASE_REBALANCE;
    s->steps = g->steps;
    s->step_count = g->step_count;
}

