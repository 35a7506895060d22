/* SPDX-License-Identifier: MIT */
/* The simulator: policies and the run that prints one line of figures
 * (the invariant checker is sim_check.c). Works only through game.h, as a
 * front end would. */
#include "sim.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- policies ---- */

bool sim_policy_parse(const char *name, SimPolicy *out)
{
    for (int i = 0; i < SIM_POLICY_COUNT; i++) {
        if (name && strcmp(name, sim_policy_name((SimPolicy)i)) == 0) {
            *out = (SimPolicy)i;
            return true;
        }
    }
    return false;
}

const char *sim_policy_name(SimPolicy policy)
{
    switch (policy) {
    case SIM_RANDOM:
        return "random";
    case SIM_STEADY:
        return "steady";
    default:
        return "?";
    }
}

/* The steady policy plays each round for its star: it knows how the weights
 * of each kind's cards are spread (not which card comes next), and from that
 * the chance that a round ends in the steady zone from any balance at any
 * moment of the round, computed backwards from the round's end. */
enum {
    SPAN = GAME_REACH,
    OFFSETS = 2 * GAME_REACH + 1, /* balance minus middle, -7..7 */
    WEIGHTS = DECK_WEIGHT_MAX - DECK_WEIGHT_MIN + 1,
    ROUND_CARDS = 7 /* the cards of a round that move the balance */
};

/* A steady pair keeps off the edge (a rebalance costs a tenth of a star),
 * and passes, redraws or writes a goal of its own only for a clear gain. */
static const double REBALANCE_COST = 0.1, SPEND_COST = 0.01;

static const struct {
    CardKind kind;
    int choices;
} round_cards[ROUND_CARDS] = {
    {KIND_SHARING, 1}, {KIND_SHARING, 1}, {KIND_PLANNING, 3}, {KIND_SOLO, 2},
    {KIND_SUPPORT, 2}, {KIND_SOLO, 2},    {KIND_SUPPORT, 2},
};

typedef struct {
    /* For a round dealing level l: how a kind's weights are spread, and the
     * sizes of rebalance pulls toward Together (0) and toward Apart (1). */
    double odds[DECK_LEVELS + 1][KIND_COUNT][WEIGHTS];
    double pull[DECK_LEVELS + 1][2][DECK_WEIGHT_MAX + 1];
    /* The round's worth from offset o just after its k-th card (rebalances
     * included); worth is the star, less a little for each step off centre. */
    double after[DECK_LEVELS + 1][ROUND_CARDS + 1][OFFSETS];
} Outlook;

/* An offset from the middle where the rope stops. */
static int reach(int o)
{
    return o < -SPAN ? -SPAN : o > SPAN ? SPAN : o;
}

/* Worth once any rebalances from offset o are done, given worth by offset
 * within the safe range. */
static double settled(const Outlook *ol, int level, const double *worth, int o)
{
    if (o >= -GAME_SAFE && o <= GAME_SAFE)
        return worth[o + SPAN];
    const double *pull = ol->pull[level][o > 0];
    double v = -REBALANCE_COST;
    for (int p = 1; p <= DECK_WEIGHT_MAX; p++)
        if (pull[p] > 0)
            v += pull[p] * settled(ol, level, worth, o > 0 ? o - p : o + p);
    return v;
}

/* The expected best of choices cards of a kind, each worth after[o + w],
 * or floor when that is better. */
static double best_of(const double *odds, const double *after, int o, int choices, double floor)
{
    double value[WEIGHTS], prob[WEIGHTS];
    int n = 0;
    for (int w = 0; w < WEIGHTS; w++) {
        int to = o + w + DECK_WEIGHT_MIN;
        if (odds[w] <= 0)
            continue;
        to = to < -SPAN ? -SPAN : to > SPAN ? SPAN : to; /* the rope stops at its reach */
        double worth = after[to + SPAN] > floor ? after[to + SPAN] : floor;
        int at = n++;
        while (at > 0 && value[at - 1] > worth) { /* insertion sort, ascending */
            value[at] = value[at - 1];
            prob[at] = prob[at - 1];
            at--;
        }
        value[at] = worth;
        prob[at] = odds[w];
    }
    double sum = 0, below = 0, prev = 0;
    for (int i = 0; i < n; i++) {
        below += prob[i];
        double now = below;
        for (int c = 1; c < choices; c++)
            now *= below;
        sum += value[i] * (now - prev);
        prev = now;
    }
    return sum;
}

static void outlook_init(Outlook *ol, const Game *game)
{
    double count[KIND_COUNT][DECK_LEVELS + 1][3][WEIGHTS] = {{{{0}}}}; /* [..][group] */
    memset(ol, 0, sizeof *ol);
    size_t n = game_card_count(game);
    for (size_t id = 0; id < n; id++) {
        GameCard c;
        game_card(game, (int)id, &c);
        int group = c.kind == KIND_REBALANCE ? (c.weight > 0 ? 0 : c.weight < 0 ? 1 : 2) : 0;
        count[c.kind][c.level][group][c.weight - DECK_WEIGHT_MIN]++;
    }
    for (int l = 1; l <= DECK_LEVELS; l++) {
        for (int k = 0; k < KIND_COUNT; k++) {
            for (int g = 0; g < 3; g++) {
                /* The pile dealt: the nearest level with cards, lower first. */
                const double *from = NULL;
                double total = 0;
                for (int d = 0; d < DECK_LEVELS && !from; d++) {
                    for (int at = l - d; at <= l + d; at += d ? 2 * d : 1) {
                        total = 0;
                        for (int w = 0; at >= 1 && at <= DECK_LEVELS && w < WEIGHTS; w++)
                            total += count[k][at][g][w];
                        if (total > 0) {
                            from = count[k][at][g];
                            break;
                        }
                    }
                }
                for (int w = 0; from && w < WEIGHTS; w++) {
                    int weight = w + DECK_WEIGHT_MIN;
                    if (k != KIND_REBALANCE && g == 0)
                        ol->odds[l][k][w] = from[w] / total;
                    else if (k == KIND_REBALANCE && g < 2 && from[w] > 0)
                        ol->pull[l][g][weight < 0 ? -weight : weight] += from[w];
                    else if (k == KIND_REBALANCE && g == 2 && from[w] > 0) {
                        ol->pull[l][0][GAME_REBALANCE_PULL] += from[w];
                        ol->pull[l][1][GAME_REBALANCE_PULL] += from[w];
                    }
                }
            }
        }
        for (int dir = 0; dir < 2; dir++) {
            double total = 0;
            for (int p = 1; p <= DECK_WEIGHT_MAX; p++)
                total += ol->pull[l][dir][p];
            for (int p = 1; p <= DECK_WEIGHT_MAX && total > 0; p++)
                ol->pull[l][dir][p] /= total;
        }
        /* Backwards from the round's end. */
        double worth[OFFSETS];
        for (int o = -SPAN; o <= SPAN; o++)
            worth[o + SPAN] = (o >= -GAME_STEADY && o <= GAME_STEADY) - 0.01 * (o < 0 ? -o : o);
        for (int o = -SPAN; o <= SPAN; o++)
            ol->after[l][ROUND_CARDS][o + SPAN] = settled(ol, l, worth, o);
        for (int k = ROUND_CARDS - 1; k >= 0; k--) {
            for (int o = -SPAN; o <= SPAN; o++) {
                bool safe = o >= -GAME_SAFE && o <= GAME_SAFE;
                const double *next = ol->after[l][k + 1];
                /* An own goal is always there to keep instead of a solo card. */
                double own = round_cards[k].kind == KIND_SOLO ? next[reach(o + game_default_weight(KIND_SOLO)) + SPAN] : -1e9;
                worth[o + SPAN] = safe ? best_of(ol->odds[l][round_cards[k].kind], next, o, round_cards[k].choices, own)
                                       : 0;
            }
            for (int o = -SPAN; o <= SPAN; o++)
                ol->after[l][k][o + SPAN] = settled(ol, l, worth, o);
        }
    }
}

/* What a steady partner writes when no solo card offered suits the rope. */
static const char own_goal[] = "An afternoon of my own, planned my way.";

/* Which weighted card of the round the view is at, or -1. */
static int round_card(const GameView *v)
{
    bool starter = v->turn == (v->round - 1) % 2;
    switch (v->phase) {
    case PHASE_SHARING:
        return starter ? 0 : 1;
    case PHASE_PLAN_PICK:
        return 2;
    case PHASE_SOLO_PICK:
        return starter ? 3 : 5;
    case PHASE_SUPPORT_PICK:
        return starter ? 6 : 4;
    default:
        return -1;
    }
}

static Action choose(const Game *game, const GameView *v, const Outlook *ol, SimPolicy policy, Rng *rng)
{
    Action list[GAME_DAYS + 2];
    size_t n = game_actions(game, list, GAME_DAYS + 1);
    if (n == 0)
        return (Action){.type = ACTION_DONE};
    if (v->listening)
        return list[0]; /* the listener's answer, the one action */
    int k = round_card(v);
    int o = v->balance - v->middle;
    if (policy == SIM_STEADY && v->phase == PHASE_REBALANCE) {
        /* The card that brings the rope nearest the middle. */
        int best = 0;
        for (int i = 1; i < v->card_count; i++)
            if (abs(o + v->cards[i].weight) < abs(o + v->cards[best].weight))
                best = i;
        return (Action){.type = ACTION_PICK, .index = best};
    }
    if (policy != SIM_STEADY || k < 0)
        return list[rng_below(rng, (uint32_t)n)];
    if (v->allowed & 1u << ACTION_CUSTOM)
        list[n++] = (Action){.type = ACTION_CUSTOM, .index = v->turn ? GOAL_WHERE_OUT : GOAL_WHERE_HOME, .text = own_goal};
    /* The best chance of a star this round; a pass or redraw (which cannot
     * come back) only when clearly better; ties at random. */
    const double *after = ol->after[v->level][k + 1];
    double best_value = 0;
    int best = 0;
    uint32_t ties = 0;
    for (size_t i = 0; i < n; i++) {
        double value;
        const Action *a = &list[i];
        if (a->type == ACTION_DONE || a->type == ACTION_PICK) {
            value = after[reach(o + (a->type == ACTION_PICK ? v->cards[a->index].weight : v->cards[0].weight)) + SPAN];
        } else if (a->type == ACTION_CUSTOM) {
            value = after[reach(o + game_default_weight(KIND_SOLO)) + SPAN] - SPEND_COST;
        } else if (a->type == ACTION_KEEP) { /* past the goal's support too */
            value = ol->after[v->level][k + 2][reach(o + v->goal.weight + v->goal_support.weight) + SPAN];
        } else {
            const double *odds = ol->odds[v->level][round_cards[k].kind];
            value = best_of(odds, after, o, round_cards[k].choices, -1e9) - SPEND_COST;
        }
        if (i == 0 || value > best_value + 1e-9) {
            best = (int)i;
            best_value = value;
            ties = 1;
        } else if (value > best_value - 1e-9 && rng_below(rng, ++ties) == 0) {
            best = (int)i;
        }
    }
    return list[best];
}

Action sim_choose(const Game *game, SimPolicy policy, Rng *rng)
{
    GameView v;
    game_view(game, &v);
    Outlook ol;
    outlook_init(&ol, game);
    return choose(game, &v, &ol, policy, rng);
}

/* ---- the run ---- */

/* The games [from, to) of a run, played by one thread with a game, an
 * outlook and a checker of its own: the figures summed, each game's final
 * hash in hashes[i], or the first game that broke a rule. */
typedef struct {
    const SimOptions *opt;
    const Deck *const *decks;
    size_t deck_count;
    uint64_t from, to;
    uint64_t *hashes;
    SimResult sum;
    uint64_t failed_at; /* the game that failed (UINT64_MAX: none) */
    char err[512];
} SimPart;

/* Says which game broke a rule, when, and how, in part->err; false. */
static bool broke(SimPart *part, uint64_t i, uint64_t seed, const char *when, const char *problem)
{
    snprintf(part->err, sizeof part->err, "game %" PRIu64 " (seed %" PRIu64 "), %s: %s", i + 1, seed, when, problem);
    return false;
}

/* Plays one game; false with what broke in err. */
static bool play_one(SimPart *part, Game *game, SimCheck *check, const Outlook *outlook, uint64_t i)
{
    const SimOptions *opt = part->opt;
    char problem[256];
    uint64_t seed = rng_mix(opt->seed ^ rng_mix(i));
    Rng rng;
    rng_seed(&rng, ~seed);
    game_restart(game, seed);
    if (!sim_check_begin(check, game, problem, sizeof problem))
        return broke(part, i, seed, "at the start", problem);
    GameView v;
    game_view(game, &v);
    for (int step = 1; v.phase != PHASE_OVER; step++) {
        Action a = choose(game, &v, outlook, opt->policy, &rng);
        GameError e = game_apply(game, a);
        if (e != GAME_OK) {
            snprintf(part->err, sizeof part->err,
                     "game %" PRIu64 " (seed %" PRIu64 "), action %d: an allowed %s was refused: %s", i + 1, seed, step,
                     game_action_name(a.type), game_error_message(e));
            return false;
        }
        game_view(game, &v);
        if (!sim_check_viewed(check, &v, a, problem, sizeof problem)) {
            char when[64];
            snprintf(when, sizeof when, "action %d (%s %d)", step, game_action_name(a.type), a.index);
            return broke(part, i, seed, when, problem);
        }
    }
    if (!sim_check_end(check, game, problem, sizeof problem))
        return broke(part, i, seed, "at the end", problem);
    GameSummary s;
    game_summary(game, &s);
    SimResult *r = &part->sum;
    r->games++;
    r->actions += (uint64_t)s.step_count;
    r->rounds += (uint64_t)s.rounds_played;
    r->steady_rounds += (uint64_t)s.stars;
    r->rebalances += (uint64_t)s.rebalances;
    r->passes += (uint64_t)(s.passes_used[0] + s.passes_used[1]);
    r->redraws += (uint64_t)s.redraws_used;
    part->hashes[i] = game_hash(game);
    return true;
}

static void *play_part(void *arg)
{
    SimPart *part = arg;
    const SimOptions *opt = part->opt;
    GameOptions game_opt = {.rounds = opt->rounds, .both_answer = opt->both_answer};
    Game *game = NULL;
    SimCheck *check = NULL;
    part->failed_at = part->from;
    if (game_new(&game_opt, part->decks, part->deck_count, opt->seed, &game, part->err, sizeof part->err) != GAME_OK)
        return NULL;
    Outlook outlook;
    outlook_init(&outlook, game);
    check = sim_check_new(game);
    if (!check) {
        snprintf(part->err, sizeof part->err, "out of memory");
    } else {
        uint64_t i = part->from;
        while (i < part->to && play_one(part, game, check, &outlook, i))
            i++;
        part->failed_at = i < part->to ? i : UINT64_MAX;
    }
    sim_check_free(check);
    game_free(game);
    return NULL;
}

bool sim_run(const SimOptions *opt, const Deck *const *decks, size_t deck_count, SimResult *result, char *err,
             size_t errlen)
{
    static const SimOptions defaults = {0};
    if (!opt)
        opt = &defaults;
    memset(result, 0, sizeof *result);
    uint64_t games = opt->games ? opt->games : 1;
    uint64_t *hashes = malloc(games * sizeof *hashes);
    if (!hashes) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    /* The games are independent: with two processors, the second half is
     * played on a second thread. The figures and the checksum are the same
     * either way (the checksum folds the games' hashes in order). */
    int threads = opt->threads ? opt->threads : games >= 200 && sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    SimPart parts[2];
    for (int t = 0; t < 2; t++)
        parts[t] = (SimPart){.opt = opt, .decks = decks, .deck_count = deck_count, .hashes = hashes,
                             .from = t ? games / 2 : 0, .to = t ? games : games / 2};
    pthread_t second;
    bool two = threads >= 2 && pthread_create(&second, NULL, play_part, &parts[1]) == 0;
    if (!two)
        parts[0].to = games;
    play_part(&parts[0]);
    if (two)
        pthread_join(second, NULL);
    bool ok = true;
    for (int t = 0; t < (two ? 2 : 1) && ok; t++) {
        if (parts[t].failed_at != UINT64_MAX) {
            snprintf(err, errlen, "%s", parts[t].err);
            ok = false;
        }
    }
    if (ok) {
        uint64_t checksum = 0xCBF29CE484222325ull;
        for (uint64_t i = 0; i < games; i++)
            checksum = rng_mix(checksum ^ hashes[i]);
        for (int t = 0; t < (two ? 2 : 1); t++) {
            const SimResult *r = &parts[t].sum;
            result->games += r->games;
            result->actions += r->actions;
            result->rounds += r->rounds;
            result->steady_rounds += r->steady_rounds;
            result->rebalances += r->rebalances;
            result->passes += r->passes;
            result->redraws += r->redraws;
        }
        result->checksum = checksum;
    }
    free(hashes);
    return ok;
}

int sim_format(const SimResult *r, char *buf, size_t len)
{
    /* Percent with one decimal, rounded half up, in integers. */
    uint64_t tenths = r->rounds ? (r->steady_rounds * 2000 / r->rounds + 1) / 2 : 0;
    return snprintf(buf, len, "games=%" PRIu64 " actions=%" PRIu64 " steady=%" PRIu64 ".%" PRIu64 "%% rebalances=%" PRIu64
                    " passes=%" PRIu64 " checksum=%016" PRIx64,
                    r->games, r->actions, tenths / 10, tenths % 10, r->rebalances, r->passes, r->checksum);
}
