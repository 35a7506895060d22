/* SPDX-License-Identifier: MIT */
/* The simulator's invariant checker: every action of a simulated game is
 * checked against the rules as a front end sees them, through game.h. */
#include "sim.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    GROUPS = 3,
    PILES = KIND_COUNT * DECK_LEVELS * GROUPS,
    ROUND_STEPS = 11,
    GOALS = 2 * GAME_ROUNDS_MAX
};

/* The moments of a round, in order; who: 0 the round's starter, 1 the other. */
static const struct {
    GamePhase phase;
    int who;
} round_steps[ROUND_STEPS] = {
    {PHASE_SHARING, 0},   {PHASE_SHARING, 1},   {PHASE_PLAN_PICK, 0},    {PHASE_PLAN_DAY, 0},
    {PHASE_PLAN_TIME, 0}, {PHASE_SOLO_PICK, 0}, {PHASE_SOLO_DAY, 0},     {PHASE_SUPPORT_PICK, 1},
    {PHASE_SOLO_PICK, 1}, {PHASE_SOLO_DAY, 1},  {PHASE_SUPPORT_PICK, 0},
};

typedef struct {
    int card, day, time;
} PlanRec;

typedef struct {
    int partner, card, day, support, round;
    char text[GAME_GOAL_MAX_CHARS * 4 + 1];
} GoalRec;

struct SimCheck {
    size_t card_count;
    uint8_t *pile_of;       /* per card */
    uint8_t *fit;           /* per card: GameCard.fit */
    uint8_t *in_cycle;      /* per card: dealt since its pile last reshuffled */
    uint32_t *members;      /* card ids grouped by pile */
    uint32_t pile_off[PILES], pile_n[PILES], cycle_n[PILES];
    GameView prev;
    int round, rounds, step; /* step: index into round_steps */
    bool round_ending;       /* the round's last card is done; a rebalance may follow */
    int rest;                /* settles left before another rebalance may come */
    int stars, passes[2], redraws, actions;
    int8_t balances[GAME_MAX_STEPS];
    PlanRec plans[GAME_ROUNDS_MAX + 1];
    int plan_count;
    GoalRec goals[GOALS + 1]; /* the goals in force, one a partner; [GOALS]: the one being made */
    int goal_count;
    uint32_t specific[DECK_FIT_ALL + 1]; /* support cards that fit a goal of these facts by name, */
    uint64_t specific_known;             /* ...once counted (bit facts) */
};

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        if (err && errlen)                                                                                             \
            snprintf(err, errlen, __VA_ARGS__);                                                                        \
        return false;                                                                                                  \
    } while (0)

static int pile_key(const GameCard *c)
{
    int group = 0;
    if (c->kind == KIND_REBALANCE)
        group = c->weight > 0 ? 0 : c->weight < 0 ? 1 : 2;
    return ((int)c->kind * DECK_LEVELS + c->level - 1) * GROUPS + group;
}

SimCheck *sim_check_new(const Game *game)
{
    SimCheck *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t n = game_card_count(game);
    c->card_count = n;
    c->pile_of = calloc(n ? n : 1, 1);
    c->in_cycle = calloc(n ? n : 1, 1);
    c->members = calloc(n ? n : 1, sizeof *c->members);
    c->fit = calloc(n ? n : 1, 1);
    if (!c->pile_of || !c->in_cycle || !c->members || !c->fit) {
        sim_check_free(c);
        return NULL;
    }
    uint32_t fill[PILES] = {0};
    for (size_t id = 0; id < n; id++) {
        GameCard card;
        game_card(game, (int)id, &card);
        c->pile_of[id] = (uint8_t)pile_key(&card);
        c->fit[id] = (uint8_t)card.fit;
        c->pile_n[c->pile_of[id]]++;
    }
    for (int p = 1; p < PILES; p++)
        c->pile_off[p] = c->pile_off[p - 1] + c->pile_n[p - 1];
    for (size_t id = 0; id < n; id++) {
        int p = c->pile_of[id];
        c->members[c->pile_off[p] + fill[p]++] = (uint32_t)id;
    }
    return c;
}

void sim_check_free(SimCheck *check)
{
    if (!check)
        return;
    free(check->pile_of);
    free(check->fit);
    free(check->in_cycle);
    free(check->members);
    free(check);
}

static bool is_dealing(GamePhase phase)
{
    return phase == PHASE_SHARING || phase == PHASE_PLAN_PICK || phase == PHASE_SOLO_PICK ||
           phase == PHASE_SUPPORT_PICK || phase == PHASE_REBALANCE;
}

static const int table_size[PHASE_COUNT] = {1, 3, 0, 0, 2, 0, 2, GAME_REBALANCE_CHOICES, 0};
static const int table_kind[PHASE_COUNT] = {KIND_SHARING, KIND_PLANNING, -1, -1, KIND_SOLO, -1, KIND_SUPPORT,
                                            KIND_REBALANCE, -1};

/* The nearest level to want that has cards of key's kind and group. */
static int nearest_level(const SimCheck *c, int key, int want)
{
    int base = key - ((key / GROUPS) % DECK_LEVELS) * GROUPS;
    for (int d = 0; d < DECK_LEVELS; d++)
        for (int l = want - d; l <= want + d; l += d ? 2 * d : 1)
            if (l >= 1 && l <= DECK_LEVELS && c->pile_n[base + (l - 1) * GROUPS])
                return l;
    return 0;
}

/* A card went back to the bottom of its pile: undealt again. An exhausted
 * pile first takes back its discards. */
static void returned(SimCheck *c, const GameCard *card)
{
    int p = c->pile_of[card->id];
    if (c->cycle_n[p] == c->pile_n[p]) {
        for (uint32_t i = 0; i < c->pile_n[p]; i++)
            c->in_cycle[c->members[c->pile_off[p] + i]] = 0;
        c->cycle_n[p] = 0;
    } else if (c->in_cycle[card->id]) {
        c->in_cycle[card->id] = 0;
        c->cycle_n[p]--;
    }
}

/* A support card of the class wanted for a goal with facts (see game.c). */
static bool support_matches(unsigned fit, unsigned facts, bool specific)
{
    return specific ? fit != 0 && deck_support_fits(fit, facts) : fit == 0;
}

/* Is one of the first `before` cards of the table card id? */
static bool shown_before(const GameView *v, int before, uint32_t id)
{
    for (int j = 0; j < before; j++)
        if ((uint32_t)v->cards[j].id == id)
            return true;
    return false;
}

/* Pile p takes back its discards: a new cycle starts, holding the cards
 * of p among the first upto shown now. */
static void new_cycle(SimCheck *c, const GameView *v, int p, int upto)
{
    for (uint32_t k = 0; k < c->pile_n[p]; k++)
        c->in_cycle[c->members[c->pile_off[p] + k]] = 0;
    c->cycle_n[p] = 0;
    for (int j = 0; j < upto; j++) {
        if (c->pile_of[v->cards[j].id] == p) {
            c->in_cycle[v->cards[j].id] = 1;
            c->cycle_n[p]++;
        }
    }
}

/* The two support cards just dealt for the held goal: each fits it; those
 * that fit it by name come before those that suit any goal; each from the
 * nearest level that has one of its class, and none twice while a card of
 * its class and pile was never dealt since the pile's last reshuffle. */
static bool dealt_support(SimCheck *c, const GameView *v, char *err, size_t errlen)
{
    unsigned facts = v->held.fit & DECK_FIT_ALL;
    if (!(c->specific_known & 1ull << facts)) { /* counted once a goal's facts */
        uint32_t n = 0;
        for (size_t id = 0; id < c->card_count; id++)
            n += c->pile_of[id] / GROUPS / DECK_LEVELS == KIND_SUPPORT && support_matches(c->fit[id], facts, true);
        c->specific[facts] = n;
        c->specific_known |= 1ull << facts;
    }
    uint32_t specific_total = c->specific[facts];
    int specific_shown = 0;
    for (int i = 0; i < v->card_count; i++) {
        const GameCard *card = &v->cards[i];
        if (!deck_support_fits(card->fit, facts))
            FAIL("support card %d (suits %#x) was dealt for a goal (%#x) it does not fit", card->id, card->fit, facts);
        bool specific = card->fit != 0;
        if (specific && i > specific_shown)
            FAIL("a support card that fits the goal by name was dealt after one that suits any goal");
        specific_shown += specific;
        int level = game_round_level(c->round, c->rounds), want = 0;
        static const int order[DECK_LEVELS][DECK_LEVELS] = {{1, 2, 3}, {2, 1, 3}, {3, 2, 1}};
        for (int k = 0; k < DECK_LEVELS && !want; k++) {
            int p = ((int)KIND_SUPPORT * DECK_LEVELS + order[level - 1][k] - 1) * GROUPS;
            for (uint32_t m = 0; m < c->pile_n[p] && !want; m++) {
                uint32_t id = c->members[c->pile_off[p] + m];
                if (support_matches(c->fit[id], facts, specific) && !shown_before(v, i, id))
                    want = order[level - 1][k];
            }
        }
        if (card->level != want)
            FAIL("a level %d support card was dealt in round %d of %d; expected level %d", card->level, c->round,
                 c->rounds, want);
        int p = c->pile_of[card->id];
        if (c->in_cycle[card->id]) {
            for (uint32_t m = 0; m < c->pile_n[p]; m++) {
                uint32_t id = c->members[c->pile_off[p] + m];
                if (support_matches(c->fit[id], facts, specific) && !c->in_cycle[id] && !shown_before(v, i, id))
                    FAIL("support card %d was dealt again while card %u of its kind was never dealt", card->id,
                         (unsigned)id);
            }
            new_cycle(c, v, p, i);
        }
        c->in_cycle[card->id] = 1;
        c->cycle_n[p]++;
    }
    uint32_t expect = specific_total < 2 ? specific_total : 2;
    if ((uint32_t)specific_shown != expect)
        FAIL("%d support cards that fit the goal by name were dealt; expected %u", specific_shown, (unsigned)expect);
    return true;
}

/* The cards now on the table were just dealt: none may come twice while its
 * pile still had cards never dealt since its last reshuffle. */
static bool dealt(SimCheck *c, const GameView *v, char *err, size_t errlen)
{
    if (v->phase == PHASE_REBALANCE ? v->card_count < 1 || v->card_count > table_size[v->phase]
                                    : v->card_count != table_size[v->phase])
        FAIL("%d cards are shown in %s; expected %d", v->card_count, game_phase_name(v->phase),
             table_size[v->phase]);
    if (v->phase == PHASE_SUPPORT_PICK) {
        for (int i = 0; i < v->card_count; i++)
            if (v->cards[i].id < 0 || (size_t)v->cards[i].id >= c->card_count || v->cards[i].kind != KIND_SUPPORT ||
                (i == 1 && v->cards[0].id == v->cards[1].id))
                FAIL("the support cards shown are not two different support cards");
        return dealt_support(c, v, err, errlen);
    }
    for (int i = 0; i < v->card_count; i++) {
        const GameCard *card = &v->cards[i];
        if (card->id < 0 || (size_t)card->id >= c->card_count || (int)card->kind != table_kind[v->phase])
            FAIL("a %s card is shown in %s", deck_kind_name(card->kind), game_phase_name(v->phase));
        for (int j = 0; j < i; j++)
            if (v->cards[j].id == card->id)
                FAIL("card %d is shown twice at once", card->id);
        int p = c->pile_of[card->id];
        if (c->in_cycle[card->id]) {
            if (c->cycle_n[p] != c->pile_n[p])
                FAIL("card %d was dealt again while %u cards of its pile were never dealt", card->id,
                     (unsigned)(c->pile_n[p] - c->cycle_n[p]));
            new_cycle(c, v, p, i);
        }
        c->in_cycle[card->id] = 1;
        c->cycle_n[p]++;
        if (card->kind != KIND_REBALANCE) {
            int want = nearest_level(c, p, game_round_level(c->round, c->rounds));
            int nearest = p + (want - card->level) * GROUPS;
            /* Another level only when the nearest has too few cards to fill the table. */
            if (card->level != want && c->pile_n[nearest] >= GAME_MAX_TABLE)
                FAIL("a level %d %s card was dealt in round %d of %d; expected level %d", card->level,
                     deck_kind_name(card->kind), c->round, c->rounds, want);
        }
    }
    return true;
}

/* The view must show the moment of the round the checker expects. */
static bool at_expected(const SimCheck *c, const GameView *v, char *err, size_t errlen)
{
    int starter = (c->round - 1) % 2;
    int who = round_steps[c->step].who ? 1 - starter : starter;
    if (v->listening)
        who = 1 - who; /* the listener answers the reader's card */
    if (v->round != c->round)
        FAIL("the game is in round %d; expected round %d", v->round, c->round);
    if (v->phase != round_steps[c->step].phase || v->turn != who)
        FAIL("the game is at %s for partner %d; expected %s for partner %d", game_phase_name(v->phase), v->turn,
             game_phase_name(round_steps[c->step].phase), who);
    return true;
}

bool sim_check_begin(SimCheck *c, const Game *game, char *err, size_t errlen)
{
    GameView v;
    game_view(game, &v);
    memset(c->in_cycle, 0, c->card_count);
    memset(c->cycle_n, 0, sizeof c->cycle_n);
    c->round = 1;
    c->rounds = v.rounds;
    c->step = 0;
    c->round_ending = false;
    c->rest = 0;
    c->stars = c->redraws = c->actions = 0;
    c->passes[0] = c->passes[1] = 0;
    c->plan_count = c->goal_count = 0;
    if (v.balance != v.middle || v.stars != 0 || v.passes_used[0] != 0 || v.passes_used[1] != 0 ||
        v.redraws_left != GAME_REDRAWS)
        FAIL("a new game does not start at the middle with every pass and redraw");
    if (!at_expected(c, &v, err, errlen) || !dealt(c, &v, err, errlen))
        return false;
    c->prev = v;
    return true;
}

/* The weight an action carries, from the view before it; the rope stops
 * GAME_REACH from the middle. */
static int carried(const GameView *v, Action a)
{
    switch (v->phase) {
    case PHASE_SHARING: /* the listener's answer moves nothing */
        return a.type == ACTION_DONE && !v->listening ? v->cards[0].weight : 0;
    case PHASE_PLAN_TIME:
    case PHASE_SOLO_DAY:
        return v->held.weight;
    case PHASE_SOLO_PICK: /* a kept goal leans again as it did when made */
        return a.type == ACTION_KEEP ? v->goal.weight + v->goal_support.weight : 0;
    case PHASE_SUPPORT_PICK:
        return v->cards[a.index].weight;
    case PHASE_REBALANCE:
        return a.type == ACTION_PICK ? v->cards[a.index].weight : 0;
    default:
        return 0;
    }
}

static int effect(const GameView *v, Action a)
{
    int to = v->balance + carried(v, a);
    to = to > v->middle + GAME_REACH ? v->middle + GAME_REACH : to < v->middle - GAME_REACH ? v->middle - GAME_REACH : to;
    return to - v->balance;
}

/* Does the action settle a card (done, kept or a rebalance answered)? */
static bool settles(const GameView *v, Action a)
{
    switch (v->phase) {
    case PHASE_SHARING: /* when both answer, once the listener has answered */
        return a.type == ACTION_DONE && (!(v->both_answer || v->cards[0].follow_up) || v->listening);
    case PHASE_SOLO_PICK:
        return a.type == ACTION_KEEP;
    case PHASE_PLAN_TIME:
    case PHASE_SOLO_DAY:
    case PHASE_SUPPORT_PICK:
    case PHASE_REBALANCE:
        return true;
    default:
        return false;
    }
}

/* The place of partner's goal in force; when add, a new place if none. */
static int in_force(SimCheck *c, int partner, bool add)
{
    for (int i = 0; i < c->goal_count; i++)
        if (c->goals[i].partner == partner)
            return i;
    return add ? c->goal_count++ : -1;
}

/* A solo turn: one goal a partner, from round 2 kept or swapped. */
static bool record_solo(SimCheck *c, const GameView *p, const GameView *v, Action a, char *err, size_t errlen)
{
    int had = in_force(c, p->turn, false);
    if ((had >= 0) != p->has_goal || (had >= 0) != ((p->allowed >> ACTION_KEEP & 1u) != 0))
        FAIL("partner %d %s a goal, and keeping one is %s", p->turn, had >= 0 ? "has" : "has no",
             p->allowed >> ACTION_KEEP & 1u ? "offered" : "not offered");
    if (had >= 0 && (p->goal.id != c->goals[had].card || strcmp(p->goal.text, c->goals[had].text) != 0 ||
                     p->goal_day != c->goals[had].day || p->goal_support.id != c->goals[had].support))
        FAIL("the goal partner %d is offered to keep is not theirs", p->turn);
    if (a.type == ACTION_KEEP) {
        if (v->has_held)
            FAIL("a kept goal is made again");
        c->step += 2; /* its day and support stay */
        return true;
    }
    GoalRec *g = &c->goals[GOALS];
    g->partner = p->turn;
    g->round = p->round;
    g->card = a.type == ACTION_PICK ? p->cards[a.index].id : -1;
    snprintf(g->text, sizeof g->text, "%s", a.type == ACTION_PICK ? p->cards[a.index].text : a.text);
    g->day = g->support = -1;
    if (!v->has_held || v->held.id != g->card || strcmp(v->held.text, g->text) != 0 || v->held_partner != p->turn)
        FAIL("the kept goal is not the one held");
    if (g->card < 0 && v->held.weight != game_default_weight(KIND_SOLO))
        FAIL("an own goal weighs %d; expected the solo default %d", v->held.weight, game_default_weight(KIND_SOLO));
    return true;
}

static bool record(SimCheck *c, const GameView *p, const GameView *v, Action a, char *err, size_t errlen)
{
    switch (p->phase) {
    case PHASE_PLAN_PICK:
        if (a.type == ACTION_PICK) {
            c->plans[c->plan_count] = (PlanRec){p->cards[a.index].id, -1, -1};
            if (!v->has_held || v->held.id != p->cards[a.index].id)
                FAIL("the picked plan is not the one held");
        }
        break;
    case PHASE_PLAN_DAY:
        c->plans[c->plan_count].day = a.index;
        break;
    case PHASE_PLAN_TIME:
        c->plans[c->plan_count++].time = a.index;
        break;
    case PHASE_SOLO_PICK:
        return record_solo(c, p, v, a, err, errlen);
    case PHASE_SOLO_DAY:
        c->goals[GOALS].day = a.index;
        break;
    case PHASE_SUPPORT_PICK:
        if (p->held_partner == p->turn)
            FAIL("partner %d supports their own goal", p->turn);
        c->goals[GOALS].support = p->cards[a.index].id;
        c->goals[in_force(c, p->held_partner, true)] = c->goals[GOALS];
        break;
    default:
        break;
    }
    return true;
}

/* Balance arithmetic, passes and redraws, after action a took p to v. */
static bool check_counts(SimCheck *c, const GameView *p, const GameView *v, Action a, char *err, size_t errlen)
{
    int delta = effect(p, a);
    if (v->balance != p->balance + delta)
        FAIL("%s in %s moved the balance from %d to %d; expected %d", game_action_name(a.type),
             game_phase_name(p->phase), p->balance, v->balance, p->balance + delta);
    if (a.type != ACTION_PASS)
        c->balances[c->actions++] = (int8_t)v->balance;
    if (v->middle != p->middle)
        FAIL("the middle moved");
    for (int i = 0; i < 2; i++) {
        int used = a.type == ACTION_PASS && i == p->turn;
        if (v->passes_used[i] != p->passes_used[i] + used)
            FAIL("partner %d has used %d passes; expected %d", i, v->passes_used[i], p->passes_used[i] + used);
        c->passes[i] += used;
    }
    int redrawn = a.type == ACTION_REDRAW;
    if (v->redraws_left != p->redraws_left - redrawn || v->redraws_left < 0)
        FAIL("%d redraws left; expected %d", v->redraws_left, p->redraws_left - redrawn);
    c->redraws += redrawn;
    return true;
}

bool sim_check_step(SimCheck *c, const Game *game, Action a, char *err, size_t errlen)
{
    GameView v;
    game_view(game, &v);
    return sim_check_viewed(c, &v, a, err, errlen);
}

bool sim_check_viewed(SimCheck *c, const GameView *v, Action a, char *err, size_t errlen)
{
    const GameView *p = &c->prev;
    if (p->phase == PHASE_OVER)
        FAIL("an action was taken after the game ended");
    if (c->actions >= GAME_MAX_STEPS)
        FAIL("more than %d actions in one game", GAME_MAX_STEPS);

    if (!check_counts(c, p, v, a, err, errlen))
        return false;

    /* The rope: a rebalance exactly when a card settles with the balance more
     * than 4 out, unless one came within the last few cards; each card
     * offered pulls back toward the middle. */
    int out = abs(v->balance - v->middle);
    if (out > GAME_REACH)
        FAIL("the balance is %d from the middle", out);
    bool due = false;
    if (settles(p, a)) {
        if (c->rest)
            c->rest--;
        due = out > GAME_SAFE && !c->rest;
        if (due)
            c->rest = GAME_REBALANCE_REST + 1;
    }
    if ((v->phase == PHASE_REBALANCE) != due)
        FAIL("the balance is %d from the middle, and the game is at %s", out, game_phase_name(v->phase));
    for (int i = 0; v->phase == PHASE_REBALANCE && i < v->card_count; i++)
        if (v->cards[i].weight == 0 || (v->cards[i].weight > 0) != (v->balance < v->middle))
            FAIL("a rebalance card with weight %d was dealt at balance %d, middle %d", v->cards[i].weight, v->balance,
                 v->middle);

    /* The order of the round. */
    if (p->phase != PHASE_REBALANCE) {
        if (!at_expected(c, p, err, errlen))
            return false;
        if (!record(c, p, v, a, err, errlen))
            return false;
        bool read_only = p->phase == PHASE_SHARING && !p->listening && (p->both_answer || p->cards[0].follow_up);
        if (a.type != ACTION_PASS && a.type != ACTION_REDRAW && !read_only && ++c->step == ROUND_STEPS)
            c->round_ending = true;
    }
    if (v->phase != PHASE_REBALANCE && c->round_ending) {
        c->stars += abs(v->balance - v->middle) <= GAME_STEADY;
        c->round_ending = false;
        c->step = 0;
        c->round++;
    }
    if (v->stars != c->stars)
        FAIL("the game shows %d stars; expected %d", v->stars, c->stars);
    if (c->round > c->rounds) {
        if (v->phase != PHASE_OVER)
            FAIL("the game did not end after round %d", c->rounds);
    } else if (v->phase != PHASE_REBALANCE && !at_expected(c, v, err, errlen)) {
        return false;
    }

    /* The cards. */
    if (a.type == ACTION_PASS || a.type == ACTION_REDRAW)
        for (int i = 0; i < p->card_count; i++)
            returned(c, &p->cards[i]);
    if (v->listening != (p->phase == PHASE_SHARING && (p->both_answer || p->cards[0].follow_up) && !p->listening &&
                        a.type == ACTION_DONE))
        FAIL("the listener %s after %s", v->listening ? "answers" : "does not answer", game_action_name(a.type));
    if (v->listening && (v->card_count != 1 || v->cards[0].id != p->cards[0].id))
        FAIL("the listener does not answer the reader's card");
    if (is_dealing(v->phase) && !v->listening && !dealt(c, v, err, errlen))
        return false;
    c->prev = *v;
    return true;
}

bool sim_check_end(SimCheck *c, const Game *game, char *err, size_t errlen)
{
    GameSummary s;
    game_summary(game, &s);
    if (!s.over)
        FAIL("the game is not over");
    if (s.rounds_played != c->rounds || s.stars != c->stars)
        FAIL("the summary shows %d rounds and %d stars; expected %d and %d", s.rounds_played, s.stars, c->rounds,
             c->stars);
    if (s.passes_used[0] != c->passes[0] || s.passes_used[1] != c->passes[1] || s.redraws_used != c->redraws)
        FAIL("the summary's passes or redraws do not match the actions");
    if (s.plan_count != c->plan_count || s.goal_count != c->goal_count || c->plan_count != c->rounds ||
        c->goal_count != 2)
        FAIL("the summary has %d plans and %d goals; expected %d and %d", s.plan_count, s.goal_count,
             c->plan_count, c->goal_count);
    for (int i = 0; i < s.plan_count; i++) {
        const GamePlan *p = &s.plans[i];
        const PlanRec *r = &c->plans[i];
        if (p->card.id != r->card || p->day != r->day || p->time != r->time || p->round != i + 1)
            FAIL("plan %d of the summary does not match the actions", i + 1);
    }
    for (int i = 0; i < s.goal_count; i++) {
        const GameGoal *g = &s.goals[i];
        const GoalRec *r = &c->goals[i];
        if (g->partner != r->partner || g->goal.id != r->card || strcmp(g->goal.text, r->text) != 0 ||
            g->day != r->day || g->support.id != r->support || g->round != r->round)
            FAIL("goal %d of the summary does not match the actions", i + 1);
    }
    if (s.step_count != c->actions)
        FAIL("the summary has %d actions; %d were taken", s.step_count, c->actions);
    int rebalances = 0;
    for (int i = 0; i < s.step_count; i++) {
        if (s.steps[i].balance != c->balances[i])
            FAIL("the summary's balance after action %d is %d; expected %d", i + 1, s.steps[i].balance,
                 c->balances[i]);
        rebalances += s.steps[i].phase == PHASE_REBALANCE;
    }
    if (rebalances != s.rebalances)
        FAIL("the summary counts %d rebalances; its history has %d", s.rebalances, rebalances);
    return true;
}
