/* SPDX-License-Identifier: MIT */
/* The consistency checker: whether a set of cards makes a game possible, and
 * whether a game (a loaded one above all) is one the rules could reach. */
#include "game_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool names_of_kinds(unsigned kinds, char *out, size_t outlen)
{
    int count = 0, total = 0;
    for (int k = 0; k < KIND_COUNT; k++)
        total += (kinds >> k) & 1;
    if (!total)
        return false;
    size_t at = 0;
    out[0] = '\0';
    for (int k = 0; k < KIND_COUNT; k++) {
        if (!((kinds >> k) & 1))
            continue;
        count++;
        const char *sep = count == 1 ? "" : count == total ? " or " : ", ";
        int n = snprintf(out + at, outlen - at, "%s%s", sep, deck_kind_name((CardKind)k));
        if (n > 0 && (size_t)n < outlen - at)
            at += (size_t)n;
    }
    return true;
}

/* Checks that the cards in play make a game possible; writes the reason. */
GameError game_check_card_set(const Game *g, char *err, size_t errlen)
{
    uint32_t per_kind[KIND_COUNT] = {0}, per_group[GROUPS] = {0};
    for (uint32_t id = 0; id < g->card_count; id++) {
        per_kind[g->cards[id].kind]++;
        if (g->cards[id].kind == KIND_REBALANCE)
            per_group[game_card_group(&g->cards[id])]++;
    }
    unsigned missing = 0;
    for (int k = 0; k < KIND_COUNT; k++)
        if (!per_kind[k])
            missing |= 1u << k;
    char buf[160];
    if (names_of_kinds(missing, buf, sizeof buf))
        return game_fail(GAME_E_MISSING_KIND, buf, err, errlen);
    for (int phase = 0; phase < PHASE_COUNT; phase++) {
        const GameDeal *deal = &game_deals[phase];
        /* Rebalance offers as many cards as it has, up to its count. */
        if (deal->count > 1 && deal->kind != KIND_REBALANCE && per_kind[deal->kind] < deal->count) {
            unsigned have = (unsigned)per_kind[deal->kind];
            snprintf(buf, sizeof buf, "the %s decks in play have only %u different card%s; a game needs at least %u",
                     deck_kind_name((CardKind)deal->kind), have, have == 1 ? "" : "s", (unsigned)deal->count);
            return game_fail(GAME_E_FEW_CARDS, buf, err, errlen);
        }
    }
    uint32_t support_any = 0;
    for (uint32_t id = 0; id < g->card_count; id++)
        support_any += g->cards[id].kind == KIND_SUPPORT && g->cards[id].fit == 0;
    if (support_any < 2) {
        unsigned have = (unsigned)support_any;
        snprintf(buf, sizeof buf,
                 "the support decks in play have %u card%s that suit%s any goal; a game needs at least 2 (cards "
                 "without 'suits:', or with 'suits: any')",
                 have, have == 1 ? "" : "s", have == 1 ? "s" : "");
        return game_fail(GAME_E_FEW_CARDS, buf, err, errlen);
    }
    for (int dir = GROUP_TOGETHER; dir <= GROUP_APART; dir++) {
        if (!per_group[dir] && !per_group[GROUP_EITHER]) {
            snprintf(buf, sizeof buf,
                     "the rebalance decks in play have no card that pulls toward %s (a %s weight); add one, or a "
                     "card without a weight",
                     dir == GROUP_TOGETHER ? "Together" : "Apart", dir == GROUP_TOGETHER ? "positive" : "negative");
            return game_fail(GAME_E_FEW_CARDS, buf, err, errlen);
        }
    }
    return GAME_OK;
}

/* A card's DECK_FIT_* bits make sense for its kind. */
bool game_fit_valid(int kind, unsigned fit)
{
    if (kind == KIND_SOLO)
        return (fit & ~(unsigned)DECK_FIT_ALL) == 0 && (fit & DECK_FIT_WHERE) != DECK_FIT_WHERE &&
               (fit & (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE)) != (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE);
    if (kind == KIND_SUPPORT)
        return (fit & ~(unsigned)DECK_FIT_SUITS) == 0 && (fit & DECK_FIT_WHERE) != DECK_FIT_WHERE;
    return fit == 0;
}

#define CHECK(cond, message)                                                                                           \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            if (err && errlen)                                                                                         \
                snprintf(err, errlen, "%s", message);                                                                 \
            return false;                                                                                              \
        }                                                                                                              \
    } while (0)

static bool card_is(const Game *g, int32_t id, int kind)
{
    return id >= 0 && (uint32_t)id < g->card_count && g->cards[id].kind == kind;
}

/* The dealt part of its pile holds id. */
static bool is_dealt(const Game *g, uint32_t id)
{
    const Pile *pile = &g->piles[g->cards[id].pile];
    for (uint32_t i = 0; i < pile->top; i++)
        if (g->order[pile->off + i] == id)
            return true;
    return false;
}

static bool check_goal(const Game *g, int slot, bool complete, char *err, size_t errlen)
{
    const Goal *goal = &g->goals[slot];
    int round = slot / 2 + 1, s = (round - 1) % 2;
    CHECK(goal->partner == (slot % 2 ? 1 - s : s), "a goal belongs to the wrong partner");
    if (goal->card == -1) {
        size_t len = strnlen(g->custom[slot], GOAL_MAX_BYTES + 1);
        CHECK(len <= GOAL_MAX_BYTES &&
                  game_check_text(g->custom[slot], len, GAME_GOAL_MAX_CHARS, GAME_E_GOAL_LENGTH, GAME_E_GOAL_TEXT) == GAME_OK,
              "an own goal's text is not valid");
        CHECK(goal->weight >= DECK_WEIGHT_MIN && goal->weight <= DECK_WEIGHT_MAX, "a goal's weight is out of range");
    } else {
        CHECK(card_is(g, goal->card, KIND_SOLO), "a goal is not a solo card");
        CHECK(goal->weight == g->cards[goal->card].weight, "a goal's weight is not its card's");
    }
    CHECK(goal->where == 0 || (goal->card == -1 && (goal->where == DECK_FIT_HOME || goal->where == DECK_FIT_OUT)),
          "a goal's place is not valid");
    int had = game_goal_before(g, slot, goal->partner);
    CHECK(goal->how < GOAL_HOW_COUNT && (goal->how == GOAL_ADDED || had >= 0),
          "a goal swaps or keeps a goal its partner does not have");
    if (goal->how == GOAL_KEPT) {
        const Goal *old = &g->goals[had];
        CHECK(complete && goal->card == old->card && goal->day == old->day && goal->support == old->support &&
                  goal->weight == old->weight && goal->where == old->where &&
                  strcmp(g->custom[slot], g->custom[had]) == 0,
              "a kept goal is not the goal its partner had");
    }
    if (complete) {
        CHECK(goal->day < GAME_DAYS, "a goal's day is out of range");
        CHECK(card_is(g, goal->support, KIND_SUPPORT), "a goal's support is not a support card");
        CHECK(deck_support_fits(g->cards[goal->support].fit, game_goal_facts(g, slot)), "a goal's support does not fit it");
    }
    return true;
}

/* The setup, fixed for the game. */
static bool check_setup(const Game *g, char *err, size_t errlen)
{
    CHECK(g->rounds >= GAME_ROUNDS_MIN && g->rounds <= GAME_ROUNDS_MAX, "the number of rounds is out of range");
    CHECK(g->needs[0] < NEED_COUNT && g->needs[1] < NEED_COUNT, "a need is out of range");
    CHECK(g->timer <= GAME_TIMER_MAX_MINUTES, "the timer is out of range");
    for (int i = 0; i < 2; i++) {
        size_t len = strnlen(g->names[i], NAME_MAX_BYTES + 1);
        CHECK(len <= NAME_MAX_BYTES &&
                  game_check_text(g->names[i], len, GAME_NAME_MAX_CHARS, GAME_E_NAME_LENGTH, GAME_E_NAME_TEXT) == GAME_OK,
              "a name is not valid");
    }
    CHECK(g->middle == game_middle((Need)g->needs[0], (Need)g->needs[1]), "the middle does not match the needs");
    return true;
}

/* The cards and the piles: each pile a permutation of its cards. */
static bool check_piles(const Game *g, char *err, size_t errlen)
{
    CHECK(g->card_count <= GAME_MAX_CARDS, "too many cards");
    for (uint32_t id = 0; id < g->card_count; id++) {
        const CardRec *c = &g->cards[id];
        CHECK(c->kind < KIND_COUNT && c->level >= 1 && c->level <= DECK_LEVELS, "a card's kind or level is out of range");
        CHECK(c->weight >= DECK_WEIGHT_MIN && c->weight <= DECK_WEIGHT_MAX, "a card's weight is out of range");
        CHECK((c->flags & ~CARD_FLAGS) == 0, "a card has unknown flags");
        CHECK(!(c->flags & CARD_EITHER) || (c->kind == KIND_REBALANCE && c->weight == 0),
              "only a rebalance card can pull either way");
        CHECK(c->kind != KIND_REBALANCE || c->weight != 0 || (c->flags & CARD_EITHER),
              "a rebalance card has no direction");
        CHECK(!(c->flags & CARD_TOUCH) || c->kind == KIND_REBALANCE, "only a rebalance card is marked touch");
        CHECK(c->pile == game_pile_index(c->kind, c->level, game_card_group(c)), "a card is in the wrong pile");
        CHECK(c->text < g->text_size && c->len < g->text_size - c->text && g->text[c->text + c->len] == '\0',
              "a card's text is out of bounds");
        CHECK(game_fit_valid(c->kind, c->fit), "a card's place, traits or suits are not valid");
    }
    memset(g->scratch, 0, g->card_count);
    uint32_t off = 0;
    for (int p = 0; p < PILE_COUNT; p++) {
        const Pile *pile = &g->piles[p];
        CHECK(pile->off == off && pile->top <= pile->n, "a pile is out of range");
        off += pile->n;
        CHECK(off <= g->card_count, "the piles hold too many cards");
        for (uint32_t i = 0; i < pile->n; i++) {
            uint32_t id = g->order[pile->off + i];
            CHECK(id < g->card_count && g->cards[id].pile == p, "a pile holds a card of another pile");
            CHECK(!g->scratch[id], "a pile holds a card twice");
            g->scratch[id] = 1;
        }
    }
    CHECK(off == g->card_count, "a card is in no pile");
    char buf[160];
    if (game_check_card_set(g, buf, sizeof buf) != GAME_OK) {
        if (err && errlen)
            snprintf(err, errlen, "%s", buf);
        return false;
    }
    CHECK(rng_valid(&g->rng), "the random state is zero");
    return true;
}

/* Where the game is: the phase, the round, the turn and the table. */
static bool check_moment(const Game *g, char *err, size_t errlen)
{
    CHECK(g->phase < PHASE_COUNT, "the phase is out of range");
    CHECK(g->round >= 1 && g->round <= g->rounds, "the round is out of range");
    CHECK(g->sub <= 1, "the turn is out of range");
    CHECK(g->listening <= 1, "whether the listener answers is out of range");
    CHECK(!g->listening || (g->phase == PHASE_SHARING && g->table_count == 1 &&
                            (g->both_answer || g->cards[g->table[0] < g->card_count ? g->table[0] : 0].follow_len)),
          "the listener answers outside a sharing card");
    int phase = g->phase;
    if (phase == PHASE_REBALANCE) {
        phase = g->resume;
        CHECK(phase == PHASE_SHARING || phase == PHASE_PLAN_PICK || phase == PHASE_SOLO_PICK ||
                  phase == PHASE_SUPPORT_PICK || phase == ROUND_END,
              "a rebalance returns to an impossible moment");
    } else {
        CHECK(g->resume == 0, "the resume point is set outside a rebalance");
    }
    int r = g->round;
    switch (phase) {
    case PHASE_SHARING:
    case PHASE_PLAN_PICK:
    case PHASE_PLAN_DAY:
    case PHASE_PLAN_TIME:
        CHECK(g->plan_count == r - 1 && g->goal_count == 2 * (r - 1), "the plans and goals do not match the round");
        CHECK(phase == PHASE_SHARING || g->sub == 0, "the turn does not match the phase");
        break;
    case PHASE_SOLO_PICK:
    case PHASE_SOLO_DAY:
    case PHASE_SUPPORT_PICK:
        CHECK(g->plan_count == r && g->goal_count == 2 * (r - 1) + g->sub, "the plans and goals do not match the round");
        break;
    case ROUND_END:
    case PHASE_OVER:
        CHECK(g->plan_count == r && g->goal_count == 2 * r && g->sub == 0, "the plans and goals do not match the round");
        CHECK(phase == ROUND_END || r == g->rounds, "the game ended before its last round");
        break;
    default:
        break;
    }

    /* The table. */
    if (g->phase == PHASE_REBALANCE)
        CHECK(g->table_count >= 1 && g->table_count <= game_deals[g->phase].count,
              "the number of cards on the table does not match the phase");
    else
        CHECK(g->table_count == game_deals[g->phase].count, "the number of cards on the table does not match the phase");
    for (int i = 0; i < g->table_count; i++) {
        CHECK(card_is(g, (int32_t)g->table[i], game_deals[g->phase].kind), "a card on the table is of the wrong kind");
        CHECK(is_dealt(g, g->table[i]), "a card on the table is still in its pile");
        for (int j = 0; j < i; j++)
            CHECK(g->table[i] != g->table[j], "a card is on the table twice");
    }

    return true;
}

/* Plans, goals, and the ones half made. */
static bool check_plans(const Game *g, char *err, size_t errlen)
{
    for (int i = 0; i < g->plan_count; i++) {
        const Plan *p = &g->plans[i];
        /* Two plans on one day and time are refused when they are made;
         * a game saved before that rule may hold them, and still loads. */
        CHECK(card_is(g, p->card, KIND_PLANNING) && p->day < GAME_DAYS && p->time < GAME_TIMES, "a plan is not valid");
    }
    if (game_plan_pending(g)) {
        const Plan *p = &g->plans[g->plan_count];
        CHECK(card_is(g, p->card, KIND_PLANNING) && p->time == NO_DAY &&
                  (g->phase == PHASE_PLAN_DAY ? p->day == NO_DAY : p->day < GAME_DAYS),
              "the plan being made is not valid");
    }
    for (int i = 0; i < g->goal_count; i++)
        if (!check_goal(g, i, true, err, errlen))
            return false;
    if (game_goal_pending(g)) {
        if (!check_goal(g, g->goal_count, false, err, errlen))
            return false;
        const Goal *goal = &g->goals[g->goal_count];
        CHECK(goal->support == -1 && (g->phase == PHASE_SOLO_DAY ? goal->day == NO_DAY : goal->day < GAME_DAYS),
              "the goal being made is not valid");
        if (g->phase == PHASE_SUPPORT_PICK)
            for (int i = 0; i < g->table_count; i++)
                CHECK(deck_support_fits(g->cards[g->table[i]].fit, game_goal_facts(g, g->goal_count)),
                      "a support card on the table does not fit the goal");
    }

    return true;
}

/* The counters, the balance, and the history that adds up to them. */
static bool check_counters(const Game *g, char *err, size_t errlen)
{
    int phase = g->phase == PHASE_REBALANCE ? g->resume : g->phase, r = g->round;
    int completed = phase == PHASE_OVER ? r : r - 1;
    unsigned stars_mask = g->star_rounds, popcount = 0;
    for (unsigned m = stars_mask; m; m &= m - 1)
        popcount++;
    CHECK((stars_mask >> completed) == 0 && popcount == g->stars, "the stars do not match the rounds");
    CHECK(g->redraws_left <= GAME_REDRAWS, "redraws left are out of range");
    CHECK(g->rebalance_rest <= GAME_REBALANCE_REST + 1, "the rest after a rebalance is out of range");
    int off_middle = abs(g->balance - g->middle);
    CHECK(off_middle <= GAME_REACH, "the balance is beyond the rope's reach");
    if (g->phase == PHASE_REBALANCE) {
        CHECK(off_middle > GAME_SAFE && g->rebalance_rest == GAME_REBALANCE_REST + 1,
              "a rebalance is in play with the rope steady");
        for (int i = 0; i < g->table_count; i++) {
            const CardRec *c = &g->cards[g->table[i]];
            int w = g->rebalance_weight[i];
            int pull = (c->flags & CARD_EITHER) ? GAME_REBALANCE_PULL : abs(c->weight);
            CHECK(abs(w) == pull && (c->flags & CARD_EITHER || w == c->weight) && (w > 0) == (g->balance < g->middle),
                  "the rebalance card does not pull toward the middle");
        }
        for (int i = g->table_count; i < GAME_MAX_TABLE; i++)
            CHECK(g->rebalance_weight[i] == 0, "a rebalance pull is set for no card");
    } else {
        CHECK(off_middle <= GAME_SAFE || g->rebalance_rest > 0 || g->listening, /* it settles after the listener */
              "the balance is outside the safe range without a rebalance");
        for (int i = 0; i < GAME_MAX_TABLE; i++)
            CHECK(g->rebalance_weight[i] == 0, "a rebalance pull is set outside a rebalance");
    }

    /* The history adds up. */
    CHECK(g->step_count <= GAME_MAX_STEPS, "too many actions");
    int balance = g->middle, redraws = 0;
    for (int i = 0; i < g->step_count; i++) {
        const GameStep *s = &g->steps[i];
        CHECK(s->phase < PHASE_OVER && s->type < ACTION_COUNT && s->turn >= 0 && s->turn <= 1,
              "an action in the history is out of range");
        /* A kept goal leans again by its goal and its support together. */
        int reach = s->type == ACTION_KEEP ? 2 : 1;
        CHECK(s->weight >= reach * DECK_WEIGHT_MIN && s->weight <= reach * DECK_WEIGHT_MAX,
              "a weight in the history is out of range");
        balance += s->weight;
        CHECK(s->balance == balance, "the balance history does not add up");
        CHECK(s->type != ACTION_PASS, "a pass is in the history");
        redraws += s->type == ACTION_REDRAW;
    }
    CHECK(balance == g->balance, "the balance does not match its history");
    CHECK(redraws == GAME_REDRAWS - g->redraws_left, "the redraws do not match the history");
    return true;
}


bool game_check(const Game *g, char *err, size_t errlen)
{
    return check_setup(g, err, errlen) && check_piles(g, err, errlen) && check_moment(g, err, errlen) &&
           check_plans(g, err, errlen) && check_counters(g, err, errlen);
}
