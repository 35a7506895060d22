/* SPDX-License-Identifier: MIT */
/* The game engine's rules: piles, dealing, the flow of a round and the
 * balance, and what the front end reads of a game. game_apply never
 * allocates. The setup (and the checks of names, goals and card text) is in
 * game_setup.c, the save format in game_save.c, the consistency checker in
 * game_check.c, the names of things in game_names.c. */
#include "game_private.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int default_weights[KIND_COUNT] = {
    [KIND_SHARING] = 1,
    [KIND_PLANNING] = 2,
    [KIND_SOLO] = -3,
    [KIND_SUPPORT] = 2,
    [KIND_REBALANCE] = GAME_REBALANCE_PULL,
};

const GameDeal game_deals[PHASE_COUNT] = {
    [PHASE_SHARING] = {KIND_SHARING, 1},  [PHASE_PLAN_PICK] = {KIND_PLANNING, 3}, [PHASE_PLAN_DAY] = {-1, 0},
    [PHASE_PLAN_TIME] = {-1, 0},          [PHASE_SOLO_PICK] = {KIND_SOLO, 2},     [PHASE_SOLO_DAY] = {-1, 0},
    [PHASE_SUPPORT_PICK] = {KIND_SUPPORT, 2}, [PHASE_REBALANCE] = {KIND_REBALANCE, GAME_REBALANCE_CHOICES}, [PHASE_OVER] = {-1, 0},
};

/* ---- names and messages ---- */

const char *game_time_name(DayTime time)
{
    /* English, as saves and traces name them; marked for the screens,
     * which show them through the catalogue. */
    static const char *const names[GAME_TIMES] = {N_("morning"), N_("afternoon"), N_("evening"), N_("any time")};
    return (unsigned)time < GAME_TIMES ? names[time] : "?";
}

const char *game_default_name(int partner)
{
    static const char *const names[2] = {N_("Player 1"), N_("Player 2")};
    return names[partner != 0];
}

int game_middle(Need a, Need b)
{
    int middle = 0;
    Need needs[2] = {a, b};
    for (int i = 0; i < 2; i++)
        middle += needs[i] == NEED_CLOSER ? 1 : needs[i] == NEED_SPACE ? -1 : 0;
    return middle;
}

int game_default_weight(CardKind kind)
{
    return (unsigned)kind < KIND_COUNT ? default_weights[kind] : 0;
}

/* Writes the message of error, with arg, into err. Returns error. */
GameError game_fail(GameError error, const char *arg, char *err, size_t errlen)
{
    if (err && errlen) {
        const char *format = game_error_message(error);
        if (strstr(format, "%s"))
            snprintf(err, errlen, format, arg ? arg : "");
        else
            snprintf(err, errlen, "%s", format);
    }
    return error;
}

/* ---- rules that are pure numbers ---- */

int game_round_level(int round, int rounds)
{
    if (rounds < GAME_ROUNDS_MIN || rounds > GAME_ROUNDS_MAX || round < 1 || round > rounds)
        return 0;
    if (rounds == 1)
        return 2;
    /* Spread 1..3 evenly: level = 1 + round(2 (round-1) / (rounds-1)), with a
     * tie rounded away from level 2, so each level gets a near-equal share. */
    int num = 2 * (round - 1), den = rounds - 1;
    int twice = 2 * num; /* compare num/den with k + 1/2 as 2 num vs (2k+1) den */
    if (twice < den)
        return 1;
    if (twice == den)
        return 1;
    if (twice < 3 * den)
        return 2;
    return 3;
}

int game_pile_index(int kind, int level, int group)
{
    return (kind * DECK_LEVELS + (level - 1)) * GROUPS + group;
}

int game_card_group(const CardRec *c)
{
    if (c->kind != KIND_REBALANCE)
        return 0;
    if (c->flags & CARD_EITHER)
        return GROUP_EITHER;
    return c->weight > 0 ? GROUP_TOGETHER : GROUP_APART;
}

/* Levels to try for a wanted level, nearest first (ties: the lower). */
static const uint8_t level_order[DECK_LEVELS][DECK_LEVELS] = {{1, 2, 3}, {2, 1, 3}, {3, 2, 1}};

static int nearest_pile(const Game *g, int kind, int level, int group)
{
    for (int i = 0; i < DECK_LEVELS; i++) {
        int p = game_pile_index(kind, level_order[level - 1][i], group);
        if (g->piles[p].n)
            return p;
    }
    return -1;
}

static int starter(const Game *g)
{
    return (g->round - 1) % 2;
}

/* Who acts now, for a phase at g's round and sub. */
static int turn_of(const Game *g, int phase)
{
    int s = starter(g);
    switch (phase) {
    case PHASE_SHARING:
        return (g->sub ? 1 - s : s) ^ (g->listening ? 1 : 0);
    case PHASE_SOLO_PICK:
    case PHASE_SOLO_DAY:
        return g->sub ? 1 - s : s;
    case PHASE_SUPPORT_PICK:
        return g->sub ? s : 1 - s;
    default:
        return s;
    }
}

static unsigned allowed_mask(const Game *g)
{
    switch (g->phase) {
    case PHASE_SHARING:
        return 1u << ACTION_DONE | (g->listening ? 0 : 1u << ACTION_PASS);
    case PHASE_PLAN_PICK:
        return 1u << ACTION_PICK | (g->redraws_left ? 1u << ACTION_REDRAW : 0);
    case PHASE_PLAN_DAY:
    case PHASE_SOLO_DAY:
        return 1u << ACTION_DAY;
    case PHASE_PLAN_TIME:
        return 1u << ACTION_TIME;
    case PHASE_SOLO_PICK:
        return 1u << ACTION_PICK | 1u << ACTION_CUSTOM |
               (game_goal_before(g, g->goal_count, turn_of(g, PHASE_SOLO_PICK)) >= 0 ? 1u << ACTION_KEEP : 0);
    case PHASE_SUPPORT_PICK:
        return 1u << ACTION_PICK;
    case PHASE_REBALANCE:
        return 1u << ACTION_PICK | 1u << ACTION_SKIP;
    default:
        return 0;
    }
}

/* ---- piles ---- */

static bool on_table(const Game *g, uint32_t id)
{
    for (int i = 0; i < g->table_count; i++)
        if (g->table[i] == id)
            return true;
    return false;
}

static void shuffle(Rng *rng, uint32_t *a, uint32_t n)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = rng_below(rng, i);
        uint32_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* An exhausted pile takes back its discards, shuffled. Cards on the table
 * stay out (at the front of the dealt part). */
static void reshuffle(Game *g, int p)
{
    Pile *pile = &g->piles[p];
    uint32_t *o = g->order + pile->off;
    uint32_t k = 0;
    for (uint32_t i = 0; i < pile->top; i++) {
        if (on_table(g, o[i])) {
            uint32_t t = o[i];
            o[i] = o[k];
            o[k++] = t;
        }
    }
    shuffle(&g->rng, o + k, pile->n - k);
    pile->top = k;
}

/* Cards of pile p that could be dealt now, reshuffling if needed. */
static uint32_t available(const Game *g, int p)
{
    uint32_t out = 0;
    for (int i = 0; i < g->table_count; i++)
        out += g->cards[g->table[i]].pile == p;
    return g->piles[p].n - out;
}

static uint32_t draw_from(Game *g, int p)
{
    Pile *pile = &g->piles[p];
    if (pile->top == pile->n)
        reshuffle(g, p);
    uint32_t id = g->order[pile->off + pile->top++];
    g->table[g->table_count++] = id;
    return id;
}

/* Deals count cards of kind onto the table, from the pile of the round's
 * level, or the nearest level that has cards. */
static void deal(Game *g, int kind, int count)
{
    int level = game_round_level(g->round, g->rounds);
    for (int c = 0; c < count; c++) {
        for (int i = 0; i < DECK_LEVELS; i++) {
            int p = game_pile_index(kind, level_order[level - 1][i], 0);
            if (g->piles[p].n && available(g, p)) {
                draw_from(g, p);
                break;
            }
        }
    }
}

/* What is true of the goal being made, or of goal slot: DECK_FIT_* bits. */
unsigned game_goal_facts(const Game *g, int slot)
{
    const Goal *goal = &g->goals[slot];
    return goal->card >= 0 ? g->cards[goal->card].fit : goal->where;
}

/* A support card of the class wanted: specific (its suits name something
 * and fit the goal) or one that suits any goal. */
static bool support_matches(const CardRec *c, unsigned facts, bool specific)
{
    return specific ? c->fit != 0 && deck_support_fits(c->fit, facts) : c->fit == 0;
}

/* Deals the first undealt card of pile p that match accepts (with facts
 * and flag); when every such card has been dealt and refill is set, the
 * pile first takes back its discards. Returns false when it deals none. */
static bool draw_matching(Game *g, int p, bool (*match)(const CardRec *, unsigned, bool), unsigned facts, bool flag,
                          bool refill)
{
    Pile *pile = &g->piles[p];
    uint32_t *o = g->order + pile->off;
    for (int attempt = 0; attempt < 2; attempt++) {
        for (uint32_t k = pile->top; k < pile->n; k++) {
            if (!match(&g->cards[o[k]], facts, flag))
                continue;
            uint32_t id = o[k];
            memmove(o + pile->top + 1, o + pile->top, (k - pile->top) * sizeof *o);
            o[pile->top++] = id;
            g->table[g->table_count++] = id;
            return true;
        }
        bool waiting = false; /* a dealt card that matches, not on the table */
        for (uint32_t k = 0; k < pile->top && !waiting; k++)
            waiting = match(&g->cards[o[k]], facts, flag) && !on_table(g, o[k]);
        if (!waiting || !refill)
            break;
        reshuffle(g, p);
    }
    return false;
}

/* Deals one support card of the class wanted for a goal with facts, from
 * the round's level or the nearest level that has one. The first such card
 * not yet dealt comes. Returns false when there is none. */
static bool draw_support(Game *g, unsigned facts, bool specific)
{
    int level = game_round_level(g->round, g->rounds);
    for (int i = 0; i < DECK_LEVELS; i++)
        if (draw_matching(g, game_pile_index(KIND_SUPPORT, level_order[level - 1][i], 0), support_matches, facts,
                          specific, true))
            return true;
    return false;
}

/* Deals the two support cards for the goal being made: those that fit it
 * by name first, then those that suit any goal. */
static void deal_support(Game *g)
{
    unsigned facts = game_goal_facts(g, g->goal_count);
    int count = game_deals[PHASE_SUPPORT_PICK].count;
    while (g->table_count < count && draw_support(g, facts, true))
        ;
    while (g->table_count < count && draw_support(g, facts, false))
        ;
}

/* A rebalance card with touch (touch true) or without. */
static bool touch_matches(const CardRec *c, unsigned facts, bool touch)
{
    (void)facts;
    return ((c->flags & CARD_TOUCH) != 0) == touch;
}

/* Draws one rebalance card pulling toward dir, from its own pile or the
 * either-way pile (in proportion to what each has left undealt), and keeps
 * its signed pull. Beside a card already on the table it draws one of the
 * other sort when the piles have one not yet dealt: without touch beside a
 * touch card, with touch beside one without. (A deck has no more touch
 * cards each way than others, so a touch card never meets a touch card.)
 * Returns false when neither pile has a card left to show. */
static bool draw_rebalance(Game *g, int level, int dir)
{
    int pd = nearest_pile(g, KIND_REBALANCE, level, dir);
    int pe = nearest_pile(g, KIND_REBALANCE, level, GROUP_EITHER);
    if (pd >= 0 && !available(g, pd))
        pd = -1;
    if (pe >= 0 && !available(g, pe))
        pe = -1;
    int p = pd >= 0 ? pd : pe;
    if (p < 0)
        return false;
    if (pd >= 0 && pe >= 0) {
        uint32_t ud = g->piles[pd].n - g->piles[pd].top, ue = g->piles[pe].n - g->piles[pe].top;
        if (ud + ue == 0) {
            ud = g->piles[pd].n;
            ue = g->piles[pe].n;
        }
        p = rng_below(&g->rng, ud + ue) < ud ? pd : pe;
    }
    int slot = g->table_count, q = p == pd ? pe : pd;
    bool touch = slot > 0 && !(g->cards[g->table[0]].flags & CARD_TOUCH);
    if (!slot || !(draw_matching(g, p, touch_matches, 0, touch, false) ||
                   (q >= 0 && draw_matching(g, q, touch_matches, 0, touch, false))))
        draw_from(g, p);
    const CardRec *c = &g->cards[g->table[slot]];
    if (c->flags & CARD_EITHER)
        g->rebalance_weight[slot] = (int8_t)(dir == GROUP_APART ? -GAME_REBALANCE_PULL : GAME_REBALANCE_PULL);
    else
        g->rebalance_weight[slot] = c->weight;
    return true;
}

/* Deals the rebalance cards to choose from (two when the decks have two),
 * each pulling back toward the middle. */
static void deal_rebalance(Game *g)
{
    int level = game_round_level(g->round, g->rounds);
    int dir = g->balance > g->middle ? GROUP_APART : GROUP_TOGETHER;
    for (int i = 0; i < GAME_REBALANCE_CHOICES; i++)
        if (!draw_rebalance(g, level, dir))
            break;
}

/* Puts the table's cards back at the bottom of their piles, in table order.
 * A pile with nothing left to deal first takes back its discards, so that
 * another card, not the same one, comes next. */
static void return_table(Game *g)
{
    for (int i = 0; i < g->table_count; i++) {
        int p = g->cards[g->table[i]].pile;
        if (g->piles[p].top == g->piles[p].n)
            reshuffle(g, p);
    }
    for (int i = 0; i < g->table_count; i++) {
        uint32_t id = g->table[i];
        Pile *pile = &g->piles[g->cards[id].pile];
        uint32_t *o = g->order + pile->off;
        uint32_t at = 0;
        while (at < pile->top && o[at] != id)
            at++;
        if (at == pile->top)
            continue; /* not dealt: cannot happen */
        memmove(o + at, o + at + 1, (pile->n - 1 - at) * sizeof *o);
        o[pile->n - 1] = id;
        pile->top--;
    }
    g->table_count = 0;
}

/* Which plan or goal is half made, from the phase (and the resume point). */
bool game_plan_pending(const Game *g)
{
    return g->phase == PHASE_PLAN_DAY || g->phase == PHASE_PLAN_TIME;
}

bool game_goal_pending(const Game *g)
{
    return g->phase == PHASE_SOLO_DAY || g->phase == PHASE_SUPPORT_PICK ||
           (g->phase == PHASE_REBALANCE && g->resume == PHASE_SUPPORT_PICK);
}

/* ---- the flow of a round ---- */

static void enter(Game *g, int next)
{
    if (next == ROUND_END) {
        if (abs(g->balance - g->middle) <= GAME_STEADY) {
            g->stars++;
            g->star_rounds |= (uint8_t)(1u << (g->round - 1));
        }
        g->sub = 0;
        if (g->round == g->rounds) {
            g->phase = PHASE_OVER;
            return;
        }
        g->round++;
        next = PHASE_SHARING;
    }
    g->phase = (uint8_t)next;
    if (next == PHASE_SUPPORT_PICK)
        deal_support(g);
    else if (next != PHASE_REBALANCE)
        deal(g, game_deals[next].kind, game_deals[next].count);
}

/* After a card was done or kept: a rebalance when the balance left the
 * safe range (but never twice in a row: GAME_REBALANCE_REST cards settle
 * after one before another may come), otherwise on to next. */
static void settle(Game *g, int next)
{
    if (g->rebalance_rest)
        g->rebalance_rest--;
    if (abs(g->balance - g->middle) > GAME_SAFE && !g->rebalance_rest) {
        g->rebalance_rest = GAME_REBALANCE_REST + 1;
        g->resume = (uint8_t)next;
        g->phase = PHASE_REBALANCE;
        deal_rebalance(g);
        return;
    }
    enter(g, next);
}

/* Each pile's cards in card order, tier by tier (game_deal_tier), into
 * order; bound[p][t] is where tier t of pile p starts within the pile. */
static void lay_out_tiers(const Game *g, uint32_t *order, uint32_t bound[PILE_COUNT][GAME_DEAL_TIERS + 1])
{
    uint32_t fill[PILE_COUNT][GAME_DEAL_TIERS] = {{0}};
    for (uint32_t id = 0; id < g->card_count; id++)
        fill[g->cards[id].pile][game_deal_tier(&g->cards[id])]++;
    for (int p = 0; p < PILE_COUNT; p++) {
        bound[p][0] = 0;
        for (int tier = 0; tier < GAME_DEAL_TIERS; tier++) {
            bound[p][tier + 1] = bound[p][tier] + fill[p][tier];
            fill[p][tier] = bound[p][tier];
        }
    }
    for (uint32_t id = 0; id < g->card_count; id++) {
        const CardRec *c = &g->cards[id];
        order[g->piles[c->pile].off + fill[c->pile][game_deal_tier(c)]++] = id;
    }
}

void game_start(Game *g, uint64_t seed)
{
    g->seed = seed;
    rng_seed(&g->rng, seed);
    /* Each pile in card order, tier by tier; each tier shuffled on its own
     * (an empty tier draws nothing from the generator, so a game without
     * kept or passed cards deals as before). The order before the shuffle
     * is the same for every game of these cards: made once, then copied. */
    if (!g->layout) {
        lay_out_tiers(g, g->order, g->tier_at);
        g->layout = malloc(g->card_count * sizeof *g->layout);
        if (g->layout)
            memcpy(g->layout, g->order, g->card_count * sizeof *g->layout);
    } else {
        memcpy(g->order, g->layout, g->card_count * sizeof *g->layout);
    }
    uint32_t (*bound)[GAME_DEAL_TIERS + 1] = g->tier_at;
    for (int p = 0; p < PILE_COUNT; p++) {
        Pile *pile = &g->piles[p];
        for (int tier = 0; tier < GAME_DEAL_TIERS; tier++)
            shuffle(&g->rng, g->order + pile->off + bound[p][tier], bound[p][tier + 1] - bound[p][tier]);
        pile->top = 0;
    }
    g->phase = PHASE_SHARING;
    g->resume = 0;
    g->round = 1;
    g->sub = 0;
    g->listening = 0;
    g->balance = g->middle;
    g->stars = g->star_rounds = 0;
    g->passes_used[0] = g->passes_used[1] = 0;
    g->redraws_left = GAME_REDRAWS;
    g->rebalance_rest = 0;
    g->table_count = 0;
    memset(g->rebalance_weight, 0, sizeof g->rebalance_weight);
    memset(g->plans, 0, sizeof g->plans);
    memset(g->goals, 0, sizeof g->goals);
    g->plan_count = g->goal_count = 0;
    g->step_count = 0;
    enter(g, PHASE_SHARING);
}

void game_restart(Game *game, uint64_t seed)
{
    game_start(game, seed);
}

/* A plan's slot: its bit in GameView.slots_taken; 31 (never set) for some day. */
static int slot_bit(int day, int time)
{
    return day >= 0 && day < GAME_DAY_SOME ? day * GAME_TIMES + time : 31;
}

/* The slots of the plans already made. */
static uint32_t slots_taken(const Game *g)
{
    uint32_t taken = 0;
    for (int i = 0; i < g->plan_count; i++)
        if (g->plans[i].day < GAME_DAY_SOME)
            taken |= 1u << slot_bit(g->plans[i].day, g->plans[i].time);
    return taken;
}

static bool day_full(const Game *g, int day)
{
    uint32_t all = ((1u << GAME_TIMES) - 1) << slot_bit(day, 0);
    return day < GAME_DAY_SOME && (slots_taken(g) & all) == all;
}

static GameError check_action(const Game *g, Action a)
{
    if ((unsigned)a.type >= ACTION_COUNT)
        return GAME_E_BAD_ACTION;
    if (g->phase == PHASE_OVER)
        return GAME_E_OVER;
    if (!(allowed_mask(g) & 1u << a.type)) {
        if (a.type == ACTION_REDRAW && g->phase == PHASE_PLAN_PICK)
            return GAME_E_NO_REDRAW;
        return GAME_E_NOT_NOW;
    }
    switch (a.type) {
    case ACTION_PICK:
        return a.index >= 0 && a.index < g->table_count ? GAME_OK : GAME_E_CARD_INDEX;
    case ACTION_DAY:
        if (a.index < 0 || a.index >= GAME_DAYS)
            return GAME_E_DAY;
        return g->phase == PHASE_PLAN_DAY && day_full(g, a.index) ? GAME_E_DAY_FULL : GAME_OK;
    case ACTION_TIME:
        if (a.index < 0 || a.index >= GAME_TIMES)
            return GAME_E_TIME;
        return slots_taken(g) >> slot_bit(g->plans[g->plan_count].day, a.index) & 1u ? GAME_E_SLOT_TAKEN : GAME_OK;
    case ACTION_CUSTOM: {
        if (a.index < 0 || a.index >= GOAL_WHERE_COUNT)
            return GAME_E_WHERE;
        if (!a.text)
            return GAME_E_GOAL_LENGTH;
        size_t len = strnlen(a.text, GOAL_MAX_BYTES + 1);
        if (len > GOAL_MAX_BYTES)
            return GAME_E_GOAL_LENGTH;
        return game_check_text(a.text, len, GAME_GOAL_MAX_CHARS, GAME_E_GOAL_LENGTH, GAME_E_GOAL_TEXT);
    }
    default:
        return GAME_OK;
    }
}

/* What weight really moves a balance: the rope stops GAME_REACH from the middle. */
static int clamp_lean(int balance, int middle, int weight)
{
    int to = balance + weight;
    if (to > middle + GAME_REACH)
        to = middle + GAME_REACH;
    if (to < middle - GAME_REACH)
        to = middle - GAME_REACH;
    return to - balance;
}

int game_lean(const GameView *v, int weight)
{
    return clamp_lean(v->balance, v->middle, weight);
}

bool game_day_has_plan(const GameView *v, int day)
{
    return day >= 0 && day < GAME_DAY_SOME && (v->plan_days >> day & 1u);
}

/* A partner picks a solo card, or writes an own goal: the goal being made. */
static void begin_goal(Game *g, Action a, int turn)
{
    Goal *goal = &g->goals[g->goal_count];
    *goal = (Goal){.card = -1, .support = -1, .day = NO_DAY, .partner = (uint8_t)turn,
                   .how = game_goal_before(g, g->goal_count, turn) >= 0 ? GOAL_SWAPPED : GOAL_ADDED};
    if (a.type == ACTION_PICK) {
        goal->card = (int32_t)g->table[a.index];
        goal->weight = g->cards[goal->card].weight;
        g->custom[g->goal_count][0] = '\0';
    } else {
        goal->weight = (int8_t)default_weights[KIND_SOLO];
        goal->where = a.index == GOAL_WHERE_HOME ? DECK_FIT_HOME : a.index == GOAL_WHERE_OUT ? DECK_FIT_OUT : 0;
        snprintf(g->custom[g->goal_count], sizeof g->custom[0], "%s", a.text);
    }
    g->table_count = 0;
    g->phase = PHASE_SOLO_DAY;
}

/* Records an applied action in the history. */
static void add_step(Game *g, Action a, int phase, int turn, int weight)
{
    bool indexed = a.type == ACTION_PICK || a.type == ACTION_DAY || a.type == ACTION_TIME || a.type == ACTION_CUSTOM;
    g->steps[g->step_count++] = (GameStep){
        .phase = (uint8_t)phase,
        .type = (uint8_t)a.type,
        .index = (int8_t)(indexed ? a.index : 0),
        .turn = (int8_t)turn,
        .weight = (int8_t)weight,
        .balance = (int8_t)g->balance,
    };
}

/* A sharing card answered or passed. Returns false when the action is
 * complete already: a pass (unlimited, and not a step of the story: the
 * balance stays), or the reader's answer when the listener answers too
 * (both answer, or the card has a follow-up question for the listener):
 * the rope moves now, and the listener's answer to the same card moves it
 * no more. Otherwise sets what the card adds and where the round goes next. */
static bool apply_sharing(Game *g, Action a, int turn, int *weight, int *next)
{
    if (a.type == ACTION_PASS) {
        if (g->passes_used[turn] < UINT16_MAX)
            g->passes_used[turn]++;
        return_table(g);
        deal(g, KIND_SHARING, game_deals[PHASE_SHARING].count);
        return false;
    }
    if (!g->listening && (g->both_answer || g->cards[g->table[0]].follow_len)) {
        int moved = clamp_lean(g->balance, g->middle, g->cards[g->table[0]].weight);
        g->balance += moved;
        add_step(g, a, PHASE_SHARING, turn, moved);
        g->listening = 1;
        return false;
    }
    *weight = g->listening ? 0 : g->cards[g->table[0]].weight;
    g->listening = 0;
    g->table_count = 0;
    *next = g->sub ? PHASE_PLAN_PICK : PHASE_SHARING;
    g->sub = !g->sub;
    return true;
}

GameError game_apply(Game *g, Action a)
{
    GameError e = check_action(g, a);
    if (e != GAME_OK)
        return e;
    if (g->step_count >= GAME_MAX_STEPS) /* cannot happen: a game needs at most 229 */
        return GAME_E_FULL;
    int phase = g->phase, turn = turn_of(g, phase);
    int weight = 0, next = -1;
    switch (phase) {
    case PHASE_SHARING:
        if (!apply_sharing(g, a, turn, &weight, &next))
            return GAME_OK;
        break;
    case PHASE_PLAN_PICK:
        if (a.type == ACTION_REDRAW) {
            g->redraws_left--;
            return_table(g);
            deal(g, KIND_PLANNING, game_deals[PHASE_PLAN_PICK].count);
            break;
        }
        g->plans[g->plan_count] = (Plan){.card = (int32_t)g->table[a.index], .day = NO_DAY, .time = NO_DAY};
        g->table_count = 0;
        g->phase = PHASE_PLAN_DAY;
        break;
    case PHASE_PLAN_DAY:
        g->plans[g->plan_count].day = (uint8_t)a.index;
        g->phase = PHASE_PLAN_TIME;
        break;
    case PHASE_PLAN_TIME:
        g->plans[g->plan_count].time = (uint8_t)a.index;
        weight = g->cards[g->plans[g->plan_count].card].weight;
        g->plan_count++;
        next = PHASE_SOLO_PICK;
        break;
    case PHASE_SOLO_PICK:
        if (a.type == ACTION_KEEP)
            weight = game_keep_goal(g, turn, &next);
        else
            begin_goal(g, a, turn);
        break;
    case PHASE_SOLO_DAY:
        g->goals[g->goal_count].day = (uint8_t)a.index;
        weight = g->goals[g->goal_count].weight;
        next = PHASE_SUPPORT_PICK;
        break;
    case PHASE_SUPPORT_PICK:
        g->goals[g->goal_count].support = (int32_t)g->table[a.index];
        weight = g->cards[g->table[a.index]].weight;
        g->table_count = 0;
        g->goal_count++;
        next = g->sub ? ROUND_END : PHASE_SOLO_PICK;
        g->sub = !g->sub;
        break;
    case PHASE_REBALANCE:
        weight = a.type == ACTION_PICK ? g->rebalance_weight[a.index] : 0;
        memset(g->rebalance_weight, 0, sizeof g->rebalance_weight);
        g->table_count = 0;
        next = g->resume;
        g->resume = 0;
        break;
    default:
        return GAME_E_NOT_NOW;
    }
    weight = clamp_lean(g->balance, g->middle, weight);
    g->balance += weight;
    add_step(g, a, phase, turn, weight);
    if (next >= 0)
        settle(g, next);
    return GAME_OK;
}

/* ---- reading the game ---- */

GameCard game_card_view(const Game *g, uint32_t id)
{
    const CardRec *c = &g->cards[id];
    return (GameCard){.id = (int)id, .text = g->text + c->text, .kind = (CardKind)c->kind, .level = c->level,
                      .weight = c->weight, .fit = c->fit, .follow_up = c->follow_len ? g->text + c->follow : NULL};
}

GameCard game_goal_view(const Game *g, int slot)
{
    const Goal *goal = &g->goals[slot];
    if (goal->card >= 0)
        return game_card_view(g, (uint32_t)goal->card);
    return (GameCard){.id = -1, .text = g->custom[slot], .kind = KIND_SOLO, .level = 0, .weight = goal->weight,
                      .fit = goal->where};
}

size_t game_card_count(const Game *game)
{
    return game->card_count;
}

bool game_card(const Game *game, int id, GameCard *card)
{
    if (id < 0 || (uint32_t)id >= game->card_count)
        return false;
    *card = game_card_view(game, (uint32_t)id);
    return true;
}

void game_view(const Game *g, GameView *v)
{
    memset(v, 0, sizeof *v);
    v->phase = (GamePhase)g->phase;
    v->round = g->round;
    v->rounds = g->rounds;
    v->level = game_round_level(g->round, g->rounds);
    v->turn = turn_of(g, g->phase);
    v->both_answer = g->both_answer;
    v->listening = g->phase == PHASE_SHARING && g->listening;
    v->reader = v->listening ? 1 - v->turn : v->turn;
    v->together = !(g->phase == PHASE_SHARING || g->phase == PHASE_SOLO_PICK || g->phase == PHASE_SOLO_DAY ||
                    g->phase == PHASE_SUPPORT_PICK);
    for (int i = 0; i < g->table_count; i++)
        v->cards[i] = game_card_view(g, g->table[i]);
    v->card_count = g->table_count;
    if (g->phase == PHASE_REBALANCE)
        for (int i = 0; i < g->table_count; i++)
            v->cards[i].weight = g->rebalance_weight[i];
    v->held_day = -1;
    v->held_partner = -1;
    if (g->phase == PHASE_PLAN_DAY || g->phase == PHASE_PLAN_TIME) {
        const Plan *plan = &g->plans[g->plan_count];
        v->has_held = true;
        v->held = game_card_view(g, (uint32_t)plan->card);
        v->held_day = plan->day == NO_DAY ? -1 : plan->day;
    } else if (g->phase == PHASE_SOLO_DAY || g->phase == PHASE_SUPPORT_PICK) {
        const Goal *goal = &g->goals[g->goal_count];
        v->has_held = true;
        v->held = game_goal_view(g, g->goal_count);
        v->held_day = goal->day == NO_DAY ? -1 : goal->day;
        v->held_partner = goal->partner;
    }
    if (g->phase == PHASE_SOLO_PICK || g->phase == PHASE_SOLO_DAY || g->phase == PHASE_SUPPORT_PICK) {
        int had = game_goal_before(g, g->goal_count, v->turn);
        if (had >= 0) {
            v->has_goal = true;
            v->goal = game_goal_view(g, had);
            v->goal_day = g->goals[had].day;
            v->goal_support = game_card_view(g, (uint32_t)g->goals[had].support);
        }
    }
    v->allowed = allowed_mask(g);
    v->passes_used[0] = g->passes_used[0];
    v->passes_used[1] = g->passes_used[1];
    v->slots_taken = slots_taken(g);
    for (int i = 0; i < g->plan_count; i++)
        if (g->plans[i].day < GAME_DAY_SOME)
            v->plan_days |= 1u << g->plans[i].day;
    v->redraws_left = g->redraws_left;
    v->balance = g->balance;
    v->middle = g->middle;
    v->stars = g->stars;
    v->timer_minutes = g->timer;
    v->names[0] = g->names[0];
    v->names[1] = g->names[1];
}

size_t game_actions(const Game *g, Action *out, size_t cap)
{
    Action list[GAME_DAYS + 1];
    size_t n = 0;
    unsigned allowed = allowed_mask(g);
    if (allowed & 1u << ACTION_DONE)
        list[n++] = (Action){.type = ACTION_DONE};
    if (allowed & 1u << ACTION_PASS)
        list[n++] = (Action){.type = ACTION_PASS};
    if (allowed & 1u << ACTION_PICK)
        for (int i = 0; i < g->table_count; i++)
            list[n++] = (Action){.type = ACTION_PICK, .index = i};
    if (allowed & 1u << ACTION_REDRAW)
        list[n++] = (Action){.type = ACTION_REDRAW};
    if (allowed & 1u << ACTION_DAY)
        for (int i = 0; i < GAME_DAYS; i++)
            if (check_action(g, (Action){.type = ACTION_DAY, .index = i}) == GAME_OK)
                list[n++] = (Action){.type = ACTION_DAY, .index = i};
    if (allowed & 1u << ACTION_TIME)
        for (int i = 0; i < GAME_TIMES; i++)
            if (check_action(g, (Action){.type = ACTION_TIME, .index = i}) == GAME_OK)
                list[n++] = (Action){.type = ACTION_TIME, .index = i};
    if (allowed & 1u << ACTION_SKIP)
        list[n++] = (Action){.type = ACTION_SKIP};
    if (allowed & 1u << ACTION_KEEP)
        list[n++] = (Action){.type = ACTION_KEEP};
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = list[i];
    return n;
}
