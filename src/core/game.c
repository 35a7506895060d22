/* SPDX-License-Identifier: MIT */
/* The game engine: piles, dealing, the rules of a round, the balance, and the
 * self-contained save format. game_apply never allocates. */
#include "game.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "rng.h"

enum {
    NAME_MAX_BYTES = GAME_NAME_MAX_CHARS * 4,
    GOAL_MAX_BYTES = GAME_GOAL_MAX_CHARS * 4,
    CARD_MAX_BYTES = DECK_CARD_MAX_CHARS * 4,
    MAX_GOALS = 2 * GAME_ROUNDS_MAX,
    /* Rebalance cards form three piles per level: those pulling toward
     * Together (weight > 0), toward Apart (< 0), and either way (no weight). */
    GROUP_TOGETHER = 0,
    GROUP_APART = 1,
    GROUP_EITHER = 2,
    GROUPS = 3,
    PILE_COUNT = KIND_COUNT * DECK_LEVELS * GROUPS,
    ROUND_END = PHASE_COUNT, /* a resume point after a rebalance: the round is over */
    NO_DAY = 0xFF,
    CARD_SEEN = 1,       /* flags: in GameOptions.seen_texts */
    CARD_OWN_WEIGHT = 2, /* the card or its deck gave the weight */
    CARD_EITHER = 4,     /* a rebalance card without a weight */
    CARD_FLAGS = 7
};

static const int default_weights[KIND_COUNT] = {
    [KIND_SHARING] = 1,
    [KIND_PLANNING] = 2,
    [KIND_SOLO] = -3,
    [KIND_SUPPORT] = 2,
    [KIND_REBALANCE] = GAME_REBALANCE_PULL,
};

static const char *const error_messages[GAME_ERROR_COUNT] = {
#define GAME_ERROR_MESSAGE(code, message) [code] = message,
    GAME_ERROR_LIST(GAME_ERROR_MESSAGE)
#undef GAME_ERROR_MESSAGE
};

static const char *const default_names[2] = {"Player 1", "Player 2"};

typedef struct {
    uint32_t text; /* offset into Game.text; the text is NUL-terminated */
    uint32_t len;
    uint8_t kind, level;
    int8_t weight; /* resolved; 0 for an either-way rebalance card */
    uint8_t flags;
    uint8_t pile;
    uint8_t fit;   /* DECK_FIT_* bits: a solo card's place and traits, a support card's suits */
} CardRec;

typedef struct {
    uint32_t off, n; /* the pile's cards are order[off .. off + n) */
    uint32_t top;    /* [0, top) dealt, [top, n) undealt, the next at top */
} Pile;

typedef struct {
    int32_t card;
    uint8_t day, time;
} Plan;

typedef struct {
    int32_t card; /* -1: an own goal, its text in Game.custom[slot] */
    int32_t support;
    uint8_t day;
    uint8_t partner;
    int8_t weight;
    uint8_t where; /* an own goal's place, DECK_FIT_HOME, DECK_FIT_OUT or 0; 0 for a card */
} Goal;

struct Game {
    /* Setup, fixed for the game. */
    char names[2][NAME_MAX_BYTES + 1];
    uint8_t rounds, needs[2], timer;
    int middle;
    uint64_t seed;
    CardRec *cards;
    uint32_t card_count;
    char *text;
    size_t text_size;
    uint32_t *order;
    uint8_t *scratch; /* card_count bytes for game_check */
    Pile piles[PILE_COUNT];
    uint64_t cards_hash;

    /* Play. */
    Rng rng;
    uint8_t phase, resume, round, sub; /* sub: which sharer or which goal of the round */
    int balance;
    uint8_t stars, star_rounds, passes_left[2], redraws_left;
    uint32_t table[GAME_MAX_TABLE];
    uint8_t table_count;
    int8_t rebalance_weight;
    Plan plans[GAME_ROUNDS_MAX]; /* [plan_count] is the plan being made */
    uint8_t plan_count;
    Goal goals[MAX_GOALS]; /* [goal_count] is the goal being made */
    uint8_t goal_count;
    char custom[MAX_GOALS][GOAL_MAX_BYTES + 1];
    GameStep steps[GAME_MAX_STEPS];
    uint16_t step_count;
};

/* ---- names and messages ---- */

const char *game_error_message(GameError error)
{
    return (unsigned)error < GAME_ERROR_COUNT ? error_messages[error] : "unknown error";
}

const char *game_phase_name(GamePhase phase)
{
    static const char *const names[PHASE_COUNT] = {
        "sharing", "plan-pick", "plan-day", "plan-time", "solo-pick",
        "solo-day", "support-pick", "rebalance", "over",
    };
    return (unsigned)phase < PHASE_COUNT ? names[phase] : "?";
}

const char *game_action_name(ActionType type)
{
    static const char *const names[ACTION_COUNT] = {"done", "pass", "pick", "redraw", "day", "time", "custom"};
    return (unsigned)type < ACTION_COUNT ? names[type] : "?";
}

const char *game_need_name(Need need)
{
    static const char *const names[NEED_COUNT] = {"balanced", "closer", "space"};
    return (unsigned)need < NEED_COUNT ? names[need] : "?";
}

const char *game_time_name(DayTime time)
{
    static const char *const names[GAME_TIMES] = {"morning", "afternoon", "evening", "any time"};
    return (unsigned)time < GAME_TIMES ? names[time] : "?";
}

bool game_need_parse(const char *name, Need *out)
{
    for (int i = 0; i < NEED_COUNT; i++) {
        if (name && strcmp(name, game_need_name((Need)i)) == 0) {
            *out = (Need)i;
            return true;
        }
    }
    return false;
}

int game_default_weight(CardKind kind)
{
    return (unsigned)kind < KIND_COUNT ? default_weights[kind] : 0;
}

/* Writes the message of error, with arg, into err. Returns error. */
static GameError fail_with(GameError error, const char *arg, char *err, size_t errlen)
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

/* ---- text ---- */

/* Characters (code points) in s[0..len), or -1 when it is not valid UTF-8
 * or holds a control character. *blank is set when all are white space. */
static long text_chars(const char *s, size_t len, bool *blank)
{
    long chars = 0;
    *blank = true;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            return -1;
        if (cp != ' ' && utf8proc_category(cp) != UTF8PROC_CATEGORY_ZS)
            *blank = false;
        chars++;
        i += (size_t)n;
    }
    return chars;
}

/* GAME_OK when s is a name or goal of 1..max_chars characters (at most
 * max_bytes bytes); else the length or the text error. */
static GameError check_text(const char *s, size_t len, long max_chars, GameError length_error,
                            GameError text_error)
{
    bool blank;
    long chars = text_chars(s, len, &blank);
    if (chars < 0)
        return text_error;
    if (chars == 0 || chars > max_chars || blank)
        return length_error;
    return GAME_OK;
}

/* True when s[0..len) is card text the game can hold: UTF-8 with no NUL. */
static bool card_text_ok(const char *s, size_t len)
{
    if (len == 0 || len > CARD_MAX_BYTES)
        return false;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp == 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

static const uint64_t fnv_basis = 0xCBF29CE484222325ull;

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

static int pile_index(int kind, int level, int group)
{
    return (kind * DECK_LEVELS + (level - 1)) * GROUPS + group;
}

static int card_group(const CardRec *c)
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
        int p = pile_index(kind, level_order[level - 1][i], group);
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
        return 1u << ACTION_DONE | (g->passes_left[turn_of(g, PHASE_SHARING)] ? 1u << ACTION_PASS : 0);
    case PHASE_PLAN_PICK:
        return 1u << ACTION_PICK | (g->redraws_left ? 1u << ACTION_REDRAW : 0);
    case PHASE_PLAN_DAY:
    case PHASE_SOLO_DAY:
        return 1u << ACTION_DAY;
    case PHASE_PLAN_TIME:
        return 1u << ACTION_TIME;
    case PHASE_SOLO_PICK:
        return 1u << ACTION_PICK | 1u << ACTION_CUSTOM;
    case PHASE_SUPPORT_PICK:
        return 1u << ACTION_PICK;
    case PHASE_REBALANCE:
        return 1u << ACTION_DONE;
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
            int p = pile_index(kind, level_order[level - 1][i], 0);
            if (g->piles[p].n && available(g, p)) {
                draw_from(g, p);
                break;
            }
        }
    }
}

/* What is true of the goal being made, or of goal slot: DECK_FIT_* bits. */
static unsigned goal_facts(const Game *g, int slot)
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

/* Deals one support card of the class wanted for a goal with facts, from
 * the round's level or the nearest level that has one. The first such card
 * not yet dealt comes; when every one has been, its pile takes back its
 * discards first. Returns false when there is none. */
static bool draw_support(Game *g, unsigned facts, bool specific)
{
    int level = game_round_level(g->round, g->rounds);
    for (int i = 0; i < DECK_LEVELS; i++) {
        int p = pile_index(KIND_SUPPORT, level_order[level - 1][i], 0);
        Pile *pile = &g->piles[p];
        uint32_t *o = g->order + pile->off;
        for (int attempt = 0; attempt < 2; attempt++) {
            for (uint32_t k = pile->top; k < pile->n; k++) {
                if (!support_matches(&g->cards[o[k]], facts, specific))
                    continue;
                uint32_t id = o[k];
                memmove(o + pile->top + 1, o + pile->top, (k - pile->top) * sizeof *o);
                o[pile->top++] = id;
                g->table[g->table_count++] = id;
                return true;
            }
            bool waiting = false; /* a dealt card of the class, not on the table */
            for (uint32_t k = 0; k < pile->top && !waiting; k++)
                waiting = support_matches(&g->cards[o[k]], facts, specific) && !on_table(g, o[k]);
            if (!waiting)
                break;
            reshuffle(g, p);
        }
    }
    return false;
}

/* Deals the two support cards for the goal being made: those that fit it
 * by name first, then those that suit any goal. */
static void deal_support(Game *g)
{
    unsigned facts = goal_facts(g, g->goal_count);
    while (g->table_count < 2 && draw_support(g, facts, true))
        ;
    while (g->table_count < 2 && draw_support(g, facts, false))
        ;
}

/* Deals a rebalance card whose pull points back toward the middle. */
static void deal_rebalance(Game *g)
{
    int level = game_round_level(g->round, g->rounds);
    int dir = g->balance > g->middle ? GROUP_APART : GROUP_TOGETHER;
    int pd = nearest_pile(g, KIND_REBALANCE, level, dir);
    int pe = nearest_pile(g, KIND_REBALANCE, level, GROUP_EITHER);
    int p = pd >= 0 ? pd : pe;
    if (pd >= 0 && pe >= 0) {
        uint32_t ud = g->piles[pd].n - g->piles[pd].top, ue = g->piles[pe].n - g->piles[pe].top;
        if (ud + ue == 0) {
            ud = g->piles[pd].n;
            ue = g->piles[pe].n;
        }
        p = rng_below(&g->rng, ud + ue) < ud ? pd : pe;
    }
    uint32_t id = draw_from(g, p);
    const CardRec *c = &g->cards[id];
    if (c->flags & CARD_EITHER)
        g->rebalance_weight = (int8_t)(dir == GROUP_APART ? -GAME_REBALANCE_PULL : GAME_REBALANCE_PULL);
    else
        g->rebalance_weight = c->weight;
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
    switch (next) {
    case PHASE_SHARING:
        deal(g, KIND_SHARING, 1);
        break;
    case PHASE_PLAN_PICK:
        deal(g, KIND_PLANNING, 3);
        break;
    case PHASE_SOLO_PICK:
        deal(g, KIND_SOLO, 2);
        break;
    case PHASE_SUPPORT_PICK:
        deal_support(g);
        break;
    default:
        break;
    }
}

/* After a card was done or kept: a rebalance when the balance left the
 * safe range, otherwise on to next. */
static void settle(Game *g, int next)
{
    if (abs(g->balance - g->middle) > GAME_SAFE) {
        g->resume = (uint8_t)next;
        g->phase = PHASE_REBALANCE;
        deal_rebalance(g);
        return;
    }
    enter(g, next);
}

static void start(Game *g, uint64_t seed)
{
    g->seed = seed;
    rng_seed(&g->rng, seed);
    /* Each pile in card order, the cards not seen recently first; each part
     * shuffled on its own. */
    uint32_t fill[PILE_COUNT] = {0};
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t id = 0; id < g->card_count; id++) {
            const CardRec *c = &g->cards[id];
            if (((c->flags & CARD_SEEN) != 0) == (pass == 1))
                g->order[g->piles[c->pile].off + fill[c->pile]++] = id;
        }
        if (pass == 0)
            for (int p = 0; p < PILE_COUNT; p++)
                g->piles[p].top = fill[p]; /* for now: where the seen part starts */
    }
    for (int p = 0; p < PILE_COUNT; p++) {
        Pile *pile = &g->piles[p];
        shuffle(&g->rng, g->order + pile->off, pile->top);
        shuffle(&g->rng, g->order + pile->off + pile->top, pile->n - pile->top);
        pile->top = 0;
    }
    g->phase = PHASE_SHARING;
    g->resume = 0;
    g->round = 1;
    g->sub = 0;
    g->balance = g->middle;
    g->stars = g->star_rounds = 0;
    g->passes_left[0] = g->passes_left[1] = GAME_PASSES;
    g->redraws_left = GAME_REDRAWS;
    g->table_count = 0;
    g->rebalance_weight = 0;
    memset(g->plans, 0, sizeof g->plans);
    memset(g->goals, 0, sizeof g->goals);
    g->plan_count = g->goal_count = 0;
    g->step_count = 0;
    enter(g, PHASE_SHARING);
}

void game_restart(Game *game, uint64_t seed)
{
    start(game, seed);
}

static GameError check_action(const Game *g, Action a)
{
    if ((unsigned)a.type >= ACTION_COUNT)
        return GAME_E_BAD_ACTION;
    if (g->phase == PHASE_OVER)
        return GAME_E_OVER;
    if (!(allowed_mask(g) & 1u << a.type)) {
        if (a.type == ACTION_PASS && g->phase == PHASE_SHARING)
            return GAME_E_NO_PASSES;
        if (a.type == ACTION_REDRAW && g->phase == PHASE_PLAN_PICK)
            return GAME_E_NO_REDRAW;
        return GAME_E_NOT_NOW;
    }
    switch (a.type) {
    case ACTION_PICK:
        return a.index >= 0 && a.index < g->table_count ? GAME_OK : GAME_E_CARD_INDEX;
    case ACTION_DAY:
        return a.index >= 0 && a.index < GAME_DAYS ? GAME_OK : GAME_E_DAY;
    case ACTION_TIME:
        return a.index >= 0 && a.index < GAME_TIMES ? GAME_OK : GAME_E_TIME;
    case ACTION_CUSTOM: {
        if (a.index < 0 || a.index >= GOAL_WHERE_COUNT)
            return GAME_E_WHERE;
        if (!a.text)
            return GAME_E_GOAL_LENGTH;
        size_t len = strnlen(a.text, GOAL_MAX_BYTES + 1);
        if (len > GOAL_MAX_BYTES)
            return GAME_E_GOAL_LENGTH;
        return check_text(a.text, len, GAME_GOAL_MAX_CHARS, GAME_E_GOAL_LENGTH, GAME_E_GOAL_TEXT);
    }
    default:
        return GAME_OK;
    }
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
        if (a.type == ACTION_PASS) {
            g->passes_left[turn]--;
            return_table(g);
            deal(g, KIND_SHARING, 1);
            break;
        }
        weight = g->cards[g->table[0]].weight;
        g->table_count = 0;
        next = g->sub ? PHASE_PLAN_PICK : PHASE_SHARING;
        g->sub = !g->sub;
        break;
    case PHASE_PLAN_PICK:
        if (a.type == ACTION_REDRAW) {
            g->redraws_left--;
            return_table(g);
            deal(g, KIND_PLANNING, 3);
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
    case PHASE_SOLO_PICK: {
        Goal *goal = &g->goals[g->goal_count];
        *goal = (Goal){.card = -1, .support = -1, .day = NO_DAY, .partner = (uint8_t)turn};
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
        break;
    }
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
        weight = g->rebalance_weight;
        g->rebalance_weight = 0;
        g->table_count = 0;
        next = g->resume;
        g->resume = 0;
        break;
    default:
        return GAME_E_NOT_NOW;
    }
    g->balance += weight;
    bool indexed = a.type == ACTION_PICK || a.type == ACTION_DAY || a.type == ACTION_TIME || a.type == ACTION_CUSTOM;
    g->steps[g->step_count++] = (GameStep){
        .phase = (uint8_t)phase,
        .type = (uint8_t)a.type,
        .index = (int8_t)(indexed ? a.index : 0),
        .turn = (int8_t)turn,
        .weight = (int8_t)weight,
        .balance = (int8_t)g->balance,
    };
    if (next >= 0)
        settle(g, next);
    return GAME_OK;
}

/* ---- reading the game ---- */

static GameCard card_view(const Game *g, uint32_t id)
{
    const CardRec *c = &g->cards[id];
    return (GameCard){.id = (int)id, .text = g->text + c->text, .kind = (CardKind)c->kind, .level = c->level,
                      .weight = c->weight, .fit = c->fit};
}

static GameCard goal_view(const Game *g, int slot)
{
    const Goal *goal = &g->goals[slot];
    if (goal->card >= 0)
        return card_view(g, (uint32_t)goal->card);
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
    *card = card_view(game, (uint32_t)id);
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
    v->together = !(g->phase == PHASE_SHARING || g->phase == PHASE_SOLO_PICK || g->phase == PHASE_SOLO_DAY ||
                    g->phase == PHASE_SUPPORT_PICK);
    for (int i = 0; i < g->table_count; i++)
        v->cards[i] = card_view(g, g->table[i]);
    v->card_count = g->table_count;
    if (g->phase == PHASE_REBALANCE)
        v->cards[0].weight = g->rebalance_weight;
    v->held_day = -1;
    v->held_partner = -1;
    if (g->phase == PHASE_PLAN_DAY || g->phase == PHASE_PLAN_TIME) {
        const Plan *plan = &g->plans[g->plan_count];
        v->has_held = true;
        v->held = card_view(g, (uint32_t)plan->card);
        v->held_day = plan->day == NO_DAY ? -1 : plan->day;
    } else if (g->phase == PHASE_SOLO_DAY || g->phase == PHASE_SUPPORT_PICK) {
        const Goal *goal = &g->goals[g->goal_count];
        v->has_held = true;
        v->held = goal_view(g, g->goal_count);
        v->held_day = goal->day == NO_DAY ? -1 : goal->day;
        v->held_partner = goal->partner;
    }
    v->allowed = allowed_mask(g);
    v->passes_left[0] = g->passes_left[0];
    v->passes_left[1] = g->passes_left[1];
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
            list[n++] = (Action){.type = ACTION_DAY, .index = i};
    if (allowed & 1u << ACTION_TIME)
        for (int i = 0; i < GAME_TIMES; i++)
            list[n++] = (Action){.type = ACTION_TIME, .index = i};
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = list[i];
    return n;
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
    s->passes_used[0] = GAME_PASSES - g->passes_left[0];
    s->passes_used[1] = GAME_PASSES - g->passes_left[1];
    s->redraws_used = GAME_REDRAWS - g->redraws_left;
    for (int i = 0; i < g->plan_count; i++) {
        const Plan *p = &g->plans[i];
        s->plans[i] = (GamePlan){.card = card_view(g, (uint32_t)p->card), .day = p->day, .time = p->time, .round = i + 1};
    }
    s->plan_count = g->plan_count;
    for (int i = 0; i < g->goal_count; i++) {
        const Goal *goal = &g->goals[i];
        s->goals[i] = (GameGoal){.partner = goal->partner,
                                 .round = i / 2 + 1,
                                 .goal = goal_view(g, i),
                                 .day = goal->day,
                                 .support = card_view(g, (uint32_t)goal->support)};
    }
    s->goal_count = g->goal_count;
    for (int i = 0; i < g->step_count; i++)
        s->rebalances += g->steps[i].phase == PHASE_REBALANCE;
    s->steps = g->steps;
    s->step_count = g->step_count;
}

/* ---- setup ---- */

typedef struct {
    const char *text;
    int kind; /* -1: any kind (the seen set) */
} Key;

/* A small open-addressing set of (kind, text), for duplicates and the seen
 * list; built once in game_new. */
typedef struct {
    Key *slots;
    size_t mask;
} KeySet;

static uint64_t key_hash(const char *text, int kind)
{
    uint64_t h = fnv1a(fnv_basis, text, strlen(text));
    return h ^ (uint64_t)(kind + 1) * 0x9E3779B97F4A7C15ull;
}

static bool keyset_init(KeySet *set, size_t count)
{
    size_t size = 16;
    while (size < count * 2)
        size *= 2;
    set->slots = calloc(size, sizeof *set->slots);
    set->mask = size - 1;
    return set->slots != NULL;
}

/* Adds (text, kind); returns false when it was already there. */
static bool keyset_add(KeySet *set, const char *text, int kind)
{
    for (size_t i = key_hash(text, kind) & set->mask;; i = (i + 1) & set->mask) {
        Key *k = &set->slots[i];
        if (!k->text) {
            *k = (Key){text, kind};
            return true;
        }
        if (k->kind == kind && strcmp(k->text, text) == 0)
            return false;
    }
}

static bool keyset_has(const KeySet *set, const char *text, int kind)
{
    for (size_t i = key_hash(text, kind) & set->mask;; i = (i + 1) & set->mask) {
        const Key *k = &set->slots[i];
        if (!k->text)
            return false;
        if (k->kind == kind && strcmp(k->text, text) == 0)
            return true;
    }
}

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

static uint64_t cards_digest(const Game *g);

/* Fills piles' offsets and sizes from the cards' pile indices. */
static void lay_out_piles(Game *g)
{
    uint32_t off = 0;
    for (int p = 0; p < PILE_COUNT; p++) {
        g->piles[p] = (Pile){.off = off};
        for (uint32_t id = 0; id < g->card_count; id++)
            g->piles[p].n += g->cards[id].pile == p;
        off += g->piles[p].n;
    }
}

/* Checks that the cards in play make a game possible; writes the reason. */
static GameError check_card_set(const Game *g, char *err, size_t errlen)
{
    uint32_t per_kind[KIND_COUNT] = {0}, per_group[GROUPS] = {0};
    for (uint32_t id = 0; id < g->card_count; id++) {
        per_kind[g->cards[id].kind]++;
        if (g->cards[id].kind == KIND_REBALANCE)
            per_group[card_group(&g->cards[id])]++;
    }
    unsigned missing = 0;
    for (int k = 0; k < KIND_COUNT; k++)
        if (!per_kind[k])
            missing |= 1u << k;
    char buf[160];
    if (names_of_kinds(missing, buf, sizeof buf))
        return fail_with(GAME_E_MISSING_KIND, buf, err, errlen);
    static const struct {
        int kind;
        uint32_t need;
    } minimum[] = {{KIND_PLANNING, 3}, {KIND_SOLO, 2}, {KIND_SUPPORT, 2}};
    for (size_t i = 0; i < sizeof minimum / sizeof minimum[0]; i++) {
        if (per_kind[minimum[i].kind] < minimum[i].need) {
            unsigned have = (unsigned)per_kind[minimum[i].kind];
            snprintf(buf, sizeof buf, "the %s decks in play have only %u different card%s; a game needs at least %u",
                     deck_kind_name((CardKind)minimum[i].kind), have, have == 1 ? "" : "s",
                     (unsigned)minimum[i].need);
            return fail_with(GAME_E_FEW_CARDS, buf, err, errlen);
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
        return fail_with(GAME_E_FEW_CARDS, buf, err, errlen);
    }
    for (int dir = GROUP_TOGETHER; dir <= GROUP_APART; dir++) {
        if (!per_group[dir] && !per_group[GROUP_EITHER]) {
            snprintf(buf, sizeof buf,
                     "the rebalance decks in play have no card that pulls toward %s (a %s weight); add one, or a "
                     "card without a weight",
                     dir == GROUP_TOGETHER ? "Together" : "Apart", dir == GROUP_TOGETHER ? "positive" : "negative");
            return fail_with(GAME_E_FEW_CARDS, buf, err, errlen);
        }
    }
    return GAME_OK;
}

/* A card's DECK_FIT_* bits make sense for its kind. */
static bool fit_valid(int kind, unsigned fit)
{
    if (kind == KIND_SOLO)
        return (fit & ~(unsigned)DECK_FIT_ALL) == 0 && (fit & DECK_FIT_WHERE) != DECK_FIT_WHERE &&
               (fit & (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE)) != (DECK_FIT_PRIVATE | DECK_FIT_SHAREABLE);
    if (kind == KIND_SUPPORT)
        return (fit & ~(unsigned)DECK_FIT_SUITS) == 0 && (fit & DECK_FIT_WHERE) != DECK_FIT_WHERE;
    return fit == 0;
}

static bool card_usable(const Card *card, int kind)
{
    unsigned fit = kind == KIND_SOLO ? card->where | card->traits : kind == KIND_SUPPORT ? card->suits : 0;
    if ((kind == KIND_SOLO && (card->where & ~(unsigned)DECK_FIT_WHERE || card->traits & ~(unsigned)DECK_FIT_TRAITS)) ||
        !fit_valid(kind, fit))
        return false;
    return card->text && card->level >= 1 && card->level <= DECK_LEVELS &&
           (!card->has_weight || (card->weight >= DECK_WEIGHT_MIN && card->weight <= DECK_WEIGHT_MAX)) &&
           card_text_ok(card->text, strlen(card->text));
}

static Game *game_alloc(uint32_t card_count, size_t text_size)
{
    Game *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->card_count = card_count;
    g->text_size = text_size;
    g->cards = calloc(card_count ? card_count : 1, sizeof *g->cards);
    g->order = calloc(card_count ? card_count : 1, sizeof *g->order);
    g->scratch = calloc(card_count ? card_count : 1, 1);
    g->text = malloc(text_size ? text_size : 1);
    if (!g->cards || !g->order || !g->scratch || !g->text) {
        game_free(g);
        return NULL;
    }
    return g;
}

GameError game_new(const GameOptions *opt, const Deck *const *decks, size_t deck_count, uint64_t seed, Game **out,
                   char *err, size_t errlen)
{
    static const GameOptions defaults = {0};
    GameError e = GAME_OK;
    KeySet cards_seen = {0}, recent = {0};
    Game *g = NULL;
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!opt)
        opt = &defaults;

    int rounds = opt->rounds ? opt->rounds : GAME_ROUNDS_DEFAULT;
    if (rounds < GAME_ROUNDS_MIN || rounds > GAME_ROUNDS_MAX)
        return fail_with(GAME_E_ROUNDS, NULL, err, errlen);
    for (int i = 0; i < 2; i++) {
        if ((unsigned)opt->needs[i] >= NEED_COUNT)
            return fail_with(GAME_E_NEED, NULL, err, errlen);
        const char *name = opt->names[i] ? opt->names[i] : default_names[i];
        size_t len = strnlen(name, NAME_MAX_BYTES + 1);
        const char *who = i == 0 ? "the first partner's name" : "the second partner's name";
        e = len > NAME_MAX_BYTES ? GAME_E_NAME_LENGTH
                                 : check_text(name, len, GAME_NAME_MAX_CHARS, GAME_E_NAME_LENGTH, GAME_E_NAME_TEXT);
        if (e != GAME_OK)
            return fail_with(e, who, err, errlen);
    }
    if (opt->timer_minutes < 0 || opt->timer_minutes > GAME_TIMER_MAX_MINUTES)
        return fail_with(GAME_E_TIMER, NULL, err, errlen);

    /* Count the distinct cards and their text. */
    size_t total = 0;
    for (size_t d = 0; d < deck_count; d++) {
        if (!decks[d])
            continue;
        if ((unsigned)decks[d]->kind >= KIND_COUNT) {
            return fail_with(GAME_E_FEW_CARDS, "a deck in play has no valid kind", err, errlen);
        }
        total += decks[d]->card_count;
    }
    if (!keyset_init(&cards_seen, total) || !keyset_init(&recent, opt->seen_texts ? opt->seen_count : 0)) {
        e = fail_with(GAME_E_NOMEM, NULL, err, errlen);
        goto fail;
    }
    for (size_t i = 0; opt->seen_texts && i < opt->seen_count; i++)
        if (opt->seen_texts[i])
            keyset_add(&recent, opt->seen_texts[i], -1);
    size_t count = 0, text_size = 0;
    for (size_t d = 0; d < deck_count; d++) {
        for (size_t c = 0; decks[d] && c < decks[d]->card_count; c++) {
            const Card *card = &decks[d]->cards[c];
            if (!card_usable(card, (int)decks[d]->kind)) {
                char buf[200];
                snprintf(buf, sizeof buf, "a card in the deck \"%.120s\" has a level, weight, text or keys the game cannot use",
                         decks[d]->name ? decks[d]->name : "?");
                e = fail_with(GAME_E_FEW_CARDS, buf, err, errlen);
                goto fail;
            }
            if (keyset_add(&cards_seen, card->text, (int)decks[d]->kind)) {
                count++;
                text_size += strlen(card->text) + 1;
            }
        }
    }
    if (count > GAME_MAX_CARDS) {
        e = fail_with(GAME_E_TOO_MANY_CARDS, NULL, err, errlen);
        goto fail;
    }
    g = game_alloc((uint32_t)count, text_size);
    if (!g) {
        e = fail_with(GAME_E_NOMEM, NULL, err, errlen);
        goto fail;
    }
    /* Copy them, in deck order, each distinct (kind, text) once. */
    memset(cards_seen.slots, 0, (cards_seen.mask + 1) * sizeof *cards_seen.slots);
    uint32_t id = 0;
    size_t at = 0;
    for (size_t d = 0; d < deck_count; d++) {
        for (size_t c = 0; decks[d] && c < decks[d]->card_count; c++) {
            const Card *card = &decks[d]->cards[c];
            int kind = (int)decks[d]->kind;
            if (!keyset_add(&cards_seen, card->text, kind))
                continue;
            size_t len = strlen(card->text);
            CardRec *r = &g->cards[id++];
            r->text = (uint32_t)at;
            r->len = (uint32_t)len;
            memcpy(g->text + at, card->text, len + 1);
            at += len + 1;
            r->kind = (uint8_t)kind;
            r->level = (uint8_t)card->level;
            if (card->has_weight && !(kind == KIND_REBALANCE && card->weight == 0)) {
                r->weight = (int8_t)card->weight;
                r->flags |= CARD_OWN_WEIGHT;
            } else if (kind == KIND_REBALANCE) {
                r->weight = 0;
                r->flags |= CARD_EITHER | (card->has_weight ? CARD_OWN_WEIGHT : 0);
            } else {
                r->weight = (int8_t)default_weights[kind];
            }
            if (keyset_has(&recent, card->text, -1))
                r->flags |= CARD_SEEN;
            if (kind == KIND_SOLO)
                r->fit = (uint8_t)((card->where & DECK_FIT_WHERE) | (card->traits & DECK_FIT_TRAITS));
            else if (kind == KIND_SUPPORT)
                r->fit = (uint8_t)(card->suits & DECK_FIT_SUITS);
            r->pile = (uint8_t)pile_index(kind, r->level, card_group(r));
        }
    }
    e = check_card_set(g, err, errlen);
    if (e != GAME_OK)
        goto fail;
    lay_out_piles(g);
    for (int i = 0; i < 2; i++)
        snprintf(g->names[i], sizeof g->names[i], "%s", opt->names[i] ? opt->names[i] : default_names[i]);
    g->rounds = (uint8_t)rounds;
    g->timer = (uint8_t)opt->timer_minutes;
    for (int i = 0; i < 2; i++) {
        g->needs[i] = (uint8_t)opt->needs[i];
        g->middle += opt->needs[i] == NEED_CLOSER ? 1 : opt->needs[i] == NEED_SPACE ? -1 : 0;
    }
    g->cards_hash = cards_digest(g);
    start(g, seed);
    free(cards_seen.slots);
    free(recent.slots);
    *out = g;
    return GAME_OK;

fail:
    free(cards_seen.slots);
    free(recent.slots);
    game_free(g);
    return e;
}

void game_free(Game *game)
{
    if (!game)
        return;
    free(game->cards);
    free(game->order);
    free(game->scratch);
    free(game->text);
    free(game);
}

/* ---- the save format ----
 *
 *   "tightrope-save 1\n"
 *   u32 payload length, u64 FNV-1a of the payload
 *   payload: cards, setup, play (see put_cards, put_setup, put_play)
 *
 * Integers are little-endian; a string is a u32 length and its bytes. */

typedef struct {
    unsigned char *buf; /* NULL: only hash */
    size_t len, cap;
    uint64_t hash;
    bool failed;
} Out;

static void put(Out *o, const void *data, size_t n)
{
    if (!o->buf && o->cap == 0) {
        o->hash = fnv1a(o->hash, data, n);
        return;
    }
    if (o->failed)
        return;
    if (o->len + n > o->cap) {
        size_t cap = o->cap * 2 > o->len + n ? o->cap * 2 : o->len + n;
        unsigned char *grown = realloc(o->buf, cap);
        if (!grown) {
            o->failed = true;
            return;
        }
        o->buf = grown;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, data, n);
    o->len += n;
}

static void put_u8(Out *o, unsigned v)
{
    unsigned char b = (unsigned char)v;
    put(o, &b, 1);
}

static void put_u32(Out *o, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    put(o, b, 4);
}

static void put_u64(Out *o, uint64_t v)
{
    put_u32(o, (uint32_t)v);
    put_u32(o, (uint32_t)(v >> 32));
}

static void put_str(Out *o, const char *s, size_t len)
{
    put_u32(o, (uint32_t)len);
    put(o, s, len);
}

static void put_cards(Out *o, const Game *g)
{
    put_u32(o, g->card_count);
    for (uint32_t id = 0; id < g->card_count; id++) {
        const CardRec *c = &g->cards[id];
        put_u8(o, c->kind);
        put_u8(o, c->level);
        put_u8(o, (uint8_t)c->weight);
        put_u8(o, c->flags);
        put_u8(o, c->fit);
        put_str(o, g->text + c->text, c->len);
    }
}

static void put_setup(Out *o, const Game *g)
{
    for (int i = 0; i < 2; i++)
        put_str(o, g->names[i], strlen(g->names[i]));
    put_u8(o, g->rounds);
    put_u8(o, g->needs[0]);
    put_u8(o, g->needs[1]);
    put_u8(o, g->timer);
    put_u64(o, g->seed);
}

/* Which plan or goal is half made, from the phase (and the resume point). */
static bool plan_pending(const Game *g)
{
    return g->phase == PHASE_PLAN_DAY || g->phase == PHASE_PLAN_TIME;
}

static bool goal_pending(const Game *g)
{
    return g->phase == PHASE_SOLO_DAY || g->phase == PHASE_SUPPORT_PICK ||
           (g->phase == PHASE_REBALANCE && g->resume == PHASE_SUPPORT_PICK);
}

static void put_goal(Out *o, const Game *g, int slot)
{
    const Goal *goal = &g->goals[slot];
    put_u8(o, goal->partner);
    put_u32(o, (uint32_t)goal->card);
    if (goal->card < 0) {
        put_str(o, g->custom[slot], strlen(g->custom[slot]));
        put_u8(o, goal->where);
    }
    put_u8(o, goal->day);
    put_u32(o, (uint32_t)goal->support);
    put_u8(o, (uint8_t)goal->weight);
}

static void put_play(Out *o, const Game *g)
{
    for (int i = 0; i < 4; i++)
        put_u64(o, g->rng.s[i]);
    for (int p = 0; p < PILE_COUNT; p++) {
        const Pile *pile = &g->piles[p];
        if (!pile->n)
            continue;
        put_u32(o, pile->top);
        for (uint32_t i = 0; i < pile->n; i++)
            put_u32(o, g->order[pile->off + i]);
    }
    const uint8_t fields[] = {g->phase, g->resume, g->round, g->sub, (uint8_t)(int8_t)g->balance, g->stars,
                              g->star_rounds, g->passes_left[0], g->passes_left[1], g->redraws_left,
                              (uint8_t)g->rebalance_weight, g->table_count};
    put(o, fields, sizeof fields);
    for (int i = 0; i < g->table_count; i++)
        put_u32(o, g->table[i]);
    put_u8(o, g->plan_count);
    for (int i = 0; i < g->plan_count + plan_pending(g); i++) {
        put_u32(o, (uint32_t)g->plans[i].card);
        put_u8(o, g->plans[i].day);
        put_u8(o, g->plans[i].time);
    }
    put_u8(o, g->goal_count);
    for (int i = 0; i < g->goal_count + goal_pending(g); i++)
        put_goal(o, g, i);
    put_u32(o, g->step_count);
    for (int i = 0; i < g->step_count; i++) {
        const GameStep *s = &g->steps[i];
        const uint8_t b[6] = {s->phase, s->type, (uint8_t)s->index, (uint8_t)s->turn, (uint8_t)s->weight,
                              (uint8_t)s->balance};
        put(o, b, sizeof b);
    }
}

static uint64_t cards_digest(const Game *g)
{
    Out o = {.hash = fnv_basis};
    put_cards(&o, g);
    return o.hash;
}

uint64_t game_hash(const Game *game)
{
    Out o = {.hash = fnv_basis};
    put_u64(&o, game->cards_hash);
    put_setup(&o, game);
    put_play(&o, game);
    return o.hash;
}

static const char save_magic[] = "tightrope-save ";

GameError game_save(const Game *game, char **buf, size_t *len)
{
    char head[32];
    int head_len = snprintf(head, sizeof head, "%s%d\n", save_magic, GAME_SAVE_VERSION);
    Out o = {0};
    o.cap = (size_t)head_len + 12 + game->text_size + game->card_count * 12u + 8192;
    o.buf = malloc(o.cap);
    *buf = NULL;
    *len = 0;
    if (!o.buf)
        return GAME_E_NOMEM;
    put(&o, head, (size_t)head_len);
    put_u32(&o, 0);
    put_u64(&o, 0);
    size_t start_at = o.len;
    put_cards(&o, game);
    put_setup(&o, game);
    put_play(&o, game);
    if (o.failed || o.len - start_at > UINT32_MAX) {
        free(o.buf);
        return GAME_E_NOMEM;
    }
    size_t payload = o.len - start_at;
    uint64_t sum = fnv1a(fnv_basis, o.buf + start_at, payload);
    for (int i = 0; i < 4; i++)
        o.buf[head_len + i] = (unsigned char)(payload >> (8 * i));
    for (int i = 0; i < 8; i++)
        o.buf[head_len + 4 + i] = (unsigned char)(sum >> (8 * i));
    *buf = (char *)o.buf;
    *len = o.len;
    return GAME_OK;
}

typedef struct {
    const unsigned char *p;
    size_t len, at;
    const char *why; /* the first problem, or NULL */
    bool nomem;
    unsigned long version; /* of the save format: 1 has no places, traits or suits */
} In;

static bool take(In *in, void *dst, size_t n)
{
    if (in->why)
        return false;
    if (n > in->len - in->at) {
        in->why = "a field runs past the end";
        return false;
    }
    memcpy(dst, in->p + in->at, n);
    in->at += n;
    return true;
}

static uint8_t get_u8(In *in)
{
    uint8_t b = 0;
    take(in, &b, 1);
    return b;
}

static uint32_t get_u32(In *in)
{
    unsigned char b[4] = {0};
    take(in, b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t get_u64(In *in)
{
    uint64_t lo = get_u32(in);
    return lo | (uint64_t)get_u32(in) << 32;
}

/* Reads a string of at most max bytes into a place of its own: returns a
 * pointer into the buffer and its length, or NULL. */
static const char *get_str(In *in, size_t max, size_t *len)
{
    uint32_t n = get_u32(in);
    if (in->why)
        return NULL;
    if (n > max || n > in->len - in->at) {
        in->why = "a text is too long";
        return NULL;
    }
    const char *s = (const char *)in->p + in->at;
    in->at += n;
    *len = n;
    return s;
}

static void bad(In *in, const char *why)
{
    if (!in->why)
        in->why = why;
}

static void get_goal(In *in, Game *g, int slot)
{
    Goal *goal = &g->goals[slot];
    goal->partner = get_u8(in);
    goal->card = (int32_t)get_u32(in);
    g->custom[slot][0] = '\0';
    if (goal->card == -1) {
        size_t len = 0;
        const char *s = get_str(in, GOAL_MAX_BYTES, &len);
        if (s) {
            memcpy(g->custom[slot], s, len);
            g->custom[slot][len] = '\0';
            if (check_text(s, len, GAME_GOAL_MAX_CHARS, GAME_E_GOAL_LENGTH, GAME_E_GOAL_TEXT) != GAME_OK)
                bad(in, "an own goal's text is not valid");
        }
        goal->where = in->version >= 2 ? get_u8(in) : 0;
    } else {
        goal->where = 0;
    }
    goal->day = get_u8(in);
    goal->support = (int32_t)get_u32(in);
    goal->weight = (int8_t)get_u8(in);
}

/* Decodes the payload into a new game; the checks come afterwards. */
static Game *decode(In *in)
{
    uint32_t count = get_u32(in);
    if (in->why)
        return NULL;
    /* Each card takes at least 9 bytes, so count is bounded by the payload. */
    if (count > GAME_MAX_CARDS || count > (in->len - in->at) / 9) {
        bad(in, "the number of cards is impossible");
        return NULL;
    }
    size_t start_at = in->at, text_size = 0;
    for (uint32_t i = 0; i < count && !in->why; i++) {
        in->at += in->version >= 2 ? 5 : 4;
        size_t len = 0;
        if (in->at > in->len || !get_str(in, CARD_MAX_BYTES, &len))
            bad(in, "a card runs past the end");
        text_size += len + 1;
    }
    if (in->why)
        return NULL;
    in->at = start_at;
    Game *g = game_alloc(count, text_size);
    if (!g) {
        bad(in, "out of memory");
        in->nomem = true;
        return NULL;
    }
    size_t at = 0;
    for (uint32_t id = 0; id < count; id++) {
        CardRec *c = &g->cards[id];
        c->kind = get_u8(in);
        c->level = get_u8(in);
        c->weight = (int8_t)get_u8(in);
        c->flags = get_u8(in);
        c->fit = in->version >= 2 ? get_u8(in) : 0;
        size_t len = 0;
        const char *s = get_str(in, CARD_MAX_BYTES, &len);
        if (!s)
            break;
        if (!card_text_ok(s, len))
            bad(in, "a card's text is not valid");
        memcpy(g->text + at, s, len);
        g->text[at + len] = '\0';
        c->text = (uint32_t)at;
        c->len = (uint32_t)len;
        at += len + 1;
        if (c->kind >= KIND_COUNT || c->level < 1 || c->level > DECK_LEVELS || c->weight < DECK_WEIGHT_MIN ||
            c->weight > DECK_WEIGHT_MAX || (c->flags & ~CARD_FLAGS))
            bad(in, "a card's kind, level or weight is out of range");
        else
            c->pile = (uint8_t)pile_index(c->kind, c->level, card_group(c));
    }
    for (int i = 0; i < 2 && !in->why; i++) {
        size_t len = 0;
        const char *s = get_str(in, NAME_MAX_BYTES, &len);
        if (s) {
            memcpy(g->names[i], s, len);
            g->names[i][len] = '\0';
        }
    }
    g->rounds = get_u8(in);
    g->needs[0] = get_u8(in);
    g->needs[1] = get_u8(in);
    g->timer = get_u8(in);
    g->seed = get_u64(in);
    for (int i = 0; i < 2; i++)
        g->middle += g->needs[i] == NEED_CLOSER ? 1 : g->needs[i] == NEED_SPACE ? -1 : 0;
    if (in->why)
        return g;
    lay_out_piles(g);
    for (int i = 0; i < 4; i++)
        g->rng.s[i] = get_u64(in);
    for (int p = 0; p < PILE_COUNT && !in->why; p++) {
        Pile *pile = &g->piles[p];
        if (!pile->n)
            continue;
        pile->top = get_u32(in);
        for (uint32_t i = 0; i < pile->n; i++) {
            uint32_t id = get_u32(in);
            g->order[pile->off + i] = id < count ? id : 0;
            if (id >= count)
                bad(in, "a pile holds a card that does not exist");
        }
    }
    uint8_t fields[12] = {0};
    take(in, fields, sizeof fields);
    g->phase = fields[0];
    g->resume = fields[1];
    g->round = fields[2];
    g->sub = fields[3];
    g->balance = (int8_t)fields[4];
    g->stars = fields[5];
    g->star_rounds = fields[6];
    g->passes_left[0] = fields[7];
    g->passes_left[1] = fields[8];
    g->redraws_left = fields[9];
    g->rebalance_weight = (int8_t)fields[10];
    g->table_count = fields[11];
    if (g->table_count > GAME_MAX_TABLE) {
        bad(in, "too many cards on the table");
        return g;
    }
    for (int i = 0; i < g->table_count; i++)
        g->table[i] = get_u32(in);
    g->plan_count = get_u8(in);
    if (g->plan_count + plan_pending(g) > GAME_ROUNDS_MAX) {
        bad(in, "too many plans");
        return g;
    }
    for (int i = 0; i < g->plan_count + plan_pending(g); i++) {
        g->plans[i].card = (int32_t)get_u32(in);
        g->plans[i].day = get_u8(in);
        g->plans[i].time = get_u8(in);
    }
    g->goal_count = get_u8(in);
    if (g->goal_count + goal_pending(g) > MAX_GOALS) {
        bad(in, "too many goals");
        return g;
    }
    for (int i = 0; i < g->goal_count + goal_pending(g) && !in->why; i++)
        get_goal(in, g, i);
    uint32_t steps = get_u32(in);
    if (steps > GAME_MAX_STEPS) {
        bad(in, "too many actions");
        return g;
    }
    g->step_count = (uint16_t)steps;
    for (uint32_t i = 0; i < steps; i++) {
        uint8_t b[6] = {0};
        take(in, b, sizeof b);
        g->steps[i] = (GameStep){b[0], b[1], (int8_t)b[2], (int8_t)b[3], (int8_t)b[4], (int8_t)b[5]};
    }
    if (!in->why && in->at != in->len)
        bad(in, "there are bytes after the end of the game");
    return g;
}

GameError game_load(const char *buf, size_t len, Game **out, char *err, size_t errlen)
{
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    const size_t magic_len = sizeof save_magic - 1;
    if (!buf)
        return fail_with(GAME_E_SAVE_NOT, NULL, err, errlen);
    if (len < magic_len) {
        if (len > 0 && memcmp(buf, save_magic, len) == 0)
            return fail_with(GAME_E_SAVE_TRUNCATED, "it ends inside its first line", err, errlen);
        return fail_with(GAME_E_SAVE_NOT, NULL, err, errlen);
    }
    if (memcmp(buf, save_magic, magic_len) != 0)
        return fail_with(GAME_E_SAVE_NOT, NULL, err, errlen);
    size_t at = magic_len;
    unsigned long version = 0;
    size_t digits = 0;
    while (at < len && buf[at] >= '0' && buf[at] <= '9' && digits < 9) {
        version = version * 10 + (unsigned long)(buf[at] - '0');
        at++;
        digits++;
    }
    if (at == len)
        return fail_with(GAME_E_SAVE_TRUNCATED, "it ends inside its first line", err, errlen);
    if (digits == 0 || buf[at] != '\n' || version == 0)
        return fail_with(GAME_E_SAVE_CORRUPT, "its first line is not a save format version", err, errlen);
    if (version > GAME_SAVE_VERSION) {
        char v[24];
        snprintf(v, sizeof v, "%lu", version);
        return fail_with(GAME_E_SAVE_NEWER, v, err, errlen);
    }
    at++;
    if (len - at < 12)
        return fail_with(GAME_E_SAVE_TRUNCATED, "it ends inside its header", err, errlen);
    In head = {(const unsigned char *)buf, len, at, NULL, false, version};
    uint32_t payload = get_u32(&head);
    uint64_t sum = get_u64(&head);
    at += 12;
    char why[96];
    if (len - at < payload) {
        snprintf(why, sizeof why, "%zu of %zu bytes", len, at + payload);
        return fail_with(GAME_E_SAVE_TRUNCATED, why, err, errlen);
    }
    if (len - at > payload)
        return fail_with(GAME_E_SAVE_CORRUPT, "there are bytes after its end", err, errlen);
    if (fnv1a(fnv_basis, buf + at, payload) != sum)
        return fail_with(GAME_E_SAVE_CORRUPT, "its checksum does not match", err, errlen);

    In in = {(const unsigned char *)buf + at, payload, 0, NULL, false, version};
    Game *g = decode(&in);
    char problem[160];
    if (!in.why && g && !game_check(g, problem, sizeof problem))
        in.why = problem;
    if (in.why || !g) {
        GameError e = in.nomem ? GAME_E_NOMEM : GAME_E_SAVE_CORRUPT;
        fail_with(e, in.why ? in.why : "it is empty", err, errlen);
        game_free(g);
        return e;
    }
    g->cards_hash = cards_digest(g);
    *out = g;
    return GAME_OK;
}

/* ---- consistency ---- */

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
                  check_text(g->custom[slot], len, GAME_GOAL_MAX_CHARS, GAME_E_GOAL_LENGTH, GAME_E_GOAL_TEXT) == GAME_OK,
              "an own goal's text is not valid");
        CHECK(goal->weight >= DECK_WEIGHT_MIN && goal->weight <= DECK_WEIGHT_MAX, "a goal's weight is out of range");
    } else {
        CHECK(card_is(g, goal->card, KIND_SOLO), "a goal is not a solo card");
        CHECK(goal->weight == g->cards[goal->card].weight, "a goal's weight is not its card's");
    }
    CHECK(goal->where == 0 || (goal->card == -1 && (goal->where == DECK_FIT_HOME || goal->where == DECK_FIT_OUT)),
          "a goal's place is not valid");
    if (complete) {
        CHECK(goal->day < GAME_DAYS, "a goal's day is out of range");
        CHECK(card_is(g, goal->support, KIND_SUPPORT), "a goal's support is not a support card");
        CHECK(deck_support_fits(g->cards[goal->support].fit, goal_facts(g, slot)), "a goal's support does not fit it");
    }
    return true;
}

bool game_check(const Game *g, char *err, size_t errlen)
{
    /* Setup. */
    CHECK(g->rounds >= GAME_ROUNDS_MIN && g->rounds <= GAME_ROUNDS_MAX, "the number of rounds is out of range");
    CHECK(g->needs[0] < NEED_COUNT && g->needs[1] < NEED_COUNT, "a need is out of range");
    CHECK(g->timer <= GAME_TIMER_MAX_MINUTES, "the timer is out of range");
    for (int i = 0; i < 2; i++) {
        size_t len = strnlen(g->names[i], NAME_MAX_BYTES + 1);
        CHECK(len <= NAME_MAX_BYTES &&
                  check_text(g->names[i], len, GAME_NAME_MAX_CHARS, GAME_E_NAME_LENGTH, GAME_E_NAME_TEXT) == GAME_OK,
              "a name is not valid");
    }
    int middle = 0;
    for (int i = 0; i < 2; i++)
        middle += g->needs[i] == NEED_CLOSER ? 1 : g->needs[i] == NEED_SPACE ? -1 : 0;
    CHECK(g->middle == middle, "the middle does not match the needs");

    /* Cards and piles: each pile a permutation of its cards. */
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
        CHECK(c->pile == pile_index(c->kind, c->level, card_group(c)), "a card is in the wrong pile");
        CHECK(c->text < g->text_size && c->len < g->text_size - c->text && g->text[c->text + c->len] == '\0',
              "a card's text is out of bounds");
        CHECK(fit_valid(c->kind, c->fit), "a card's place, traits or suits are not valid");
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
    if (check_card_set(g, buf, sizeof buf) != GAME_OK) {
        if (err && errlen)
            snprintf(err, errlen, "%s", buf);
        return false;
    }
    CHECK(rng_valid(&g->rng), "the random state is zero");

    /* Where the game is. */
    CHECK(g->phase < PHASE_COUNT, "the phase is out of range");
    CHECK(g->round >= 1 && g->round <= g->rounds, "the round is out of range");
    CHECK(g->sub <= 1, "the turn is out of range");
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
    static const int8_t table_kind[PHASE_COUNT] = {KIND_SHARING, KIND_PLANNING, -1, -1, KIND_SOLO, -1, KIND_SUPPORT,
                                                   KIND_REBALANCE, -1};
    static const uint8_t table_size[PHASE_COUNT] = {1, 3, 0, 0, 2, 0, 2, 1, 0};
    CHECK(g->table_count == table_size[g->phase], "the number of cards on the table does not match the phase");
    for (int i = 0; i < g->table_count; i++) {
        CHECK(card_is(g, (int32_t)g->table[i], table_kind[g->phase]), "a card on the table is of the wrong kind");
        CHECK(is_dealt(g, g->table[i]), "a card on the table is still in its pile");
        for (int j = 0; j < i; j++)
            CHECK(g->table[i] != g->table[j], "a card is on the table twice");
    }

    /* Plans, goals, and the ones half made. */
    for (int i = 0; i < g->plan_count; i++) {
        const Plan *p = &g->plans[i];
        CHECK(card_is(g, p->card, KIND_PLANNING) && p->day < GAME_DAYS && p->time < GAME_TIMES, "a plan is not valid");
    }
    if (plan_pending(g)) {
        const Plan *p = &g->plans[g->plan_count];
        CHECK(card_is(g, p->card, KIND_PLANNING) && p->time == NO_DAY &&
                  (g->phase == PHASE_PLAN_DAY ? p->day == NO_DAY : p->day < GAME_DAYS),
              "the plan being made is not valid");
    }
    for (int i = 0; i < g->goal_count; i++)
        if (!check_goal(g, i, true, err, errlen))
            return false;
    if (goal_pending(g)) {
        if (!check_goal(g, g->goal_count, false, err, errlen))
            return false;
        const Goal *goal = &g->goals[g->goal_count];
        CHECK(goal->support == -1 && (g->phase == PHASE_SOLO_DAY ? goal->day == NO_DAY : goal->day < GAME_DAYS),
              "the goal being made is not valid");
        if (g->phase == PHASE_SUPPORT_PICK)
            for (int i = 0; i < g->table_count; i++)
                CHECK(deck_support_fits(g->cards[g->table[i]].fit, goal_facts(g, g->goal_count)),
                      "a support card on the table does not fit the goal");
    }

    /* Counters and the balance. */
    int completed = phase == PHASE_OVER ? r : r - 1;
    unsigned stars_mask = g->star_rounds, popcount = 0;
    for (unsigned m = stars_mask; m; m &= m - 1)
        popcount++;
    CHECK((stars_mask >> completed) == 0 && popcount == g->stars, "the stars do not match the rounds");
    CHECK(g->passes_left[0] <= GAME_PASSES && g->passes_left[1] <= GAME_PASSES, "passes left are out of range");
    CHECK(g->redraws_left <= GAME_REDRAWS, "redraws left are out of range");
    int off_middle = abs(g->balance - g->middle);
    if (g->phase == PHASE_REBALANCE) {
        CHECK(off_middle > GAME_SAFE && off_middle <= GAME_REACH, "a rebalance is in play with the rope steady");
        const CardRec *c = &g->cards[g->table[0]];
        int pull = (c->flags & CARD_EITHER) ? GAME_REBALANCE_PULL : abs(c->weight);
        CHECK(abs(g->rebalance_weight) == pull && (c->flags & CARD_EITHER || g->rebalance_weight == c->weight) &&
                  (g->rebalance_weight > 0) == (g->balance < g->middle),
              "the rebalance card does not pull toward the middle");
    } else {
        CHECK(off_middle <= GAME_SAFE, "the balance is outside the safe range without a rebalance");
        CHECK(g->rebalance_weight == 0, "a rebalance pull is set outside a rebalance");
    }

    /* The history adds up. */
    CHECK(g->step_count <= GAME_MAX_STEPS, "too many actions");
    int balance = g->middle, passes = 0, redraws = 0;
    for (int i = 0; i < g->step_count; i++) {
        const GameStep *s = &g->steps[i];
        CHECK(s->phase < PHASE_OVER && s->type < ACTION_COUNT && s->turn >= 0 && s->turn <= 1,
              "an action in the history is out of range");
        CHECK(s->weight >= DECK_WEIGHT_MIN && s->weight <= DECK_WEIGHT_MAX, "a weight in the history is out of range");
        balance += s->weight;
        CHECK(s->balance == balance, "the balance history does not add up");
        passes += s->type == ACTION_PASS;
        redraws += s->type == ACTION_REDRAW;
    }
    CHECK(balance == g->balance, "the balance does not match its history");
    CHECK(passes == 2 * GAME_PASSES - g->passes_left[0] - g->passes_left[1], "the passes do not match the history");
    CHECK(redraws == GAME_REDRAWS - g->redraws_left, "the redraws do not match the history");
    return true;
}
