/* SPDX-License-Identifier: MIT */
/* What the engine's files share and no one else sees: the Game struct, its
 * piles, and the helpers of the rules (game.c), the setup (game_setup.c),
 * the save format (game_save.c) and the consistency checker (game_check.c). */
#ifndef TIGHTROPE_GAME_PRIVATE_H
#define TIGHTROPE_GAME_PRIVATE_H

#include "game.h"
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
    CARD_TOUCH = 8,      /* a rebalance card tagged `touch` (touch or eye contact) */
    CARD_SAVED_FLAGS = 15, /* the flags a saved game keeps */
    /* The deal's preferences, used once by game_start and never saved: */
    CARD_KEPT = 16,      /* a sharing card in GameOptions.kept_texts: dealt first */
    CARD_PASSED = 32,    /* a sharing card in GameOptions.passed_texts: dealt last */
    CARD_FLAGS = 63
};

typedef struct {
    uint32_t text; /* offset into Game.text; the text is NUL-terminated */
    uint32_t len;
    uint8_t kind, level;
    int8_t weight; /* resolved; 0 for an either-way rebalance card */
    uint8_t flags;
    uint8_t pile;
    uint8_t fit;   /* DECK_FIT_* bits: a solo card's place and traits, a support card's suits */
    uint32_t follow;     /* offset into Game.text of its follow-up question, when follow_len */
    uint32_t follow_len; /* 0: no follow-up */
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
    uint8_t how;   /* GOAL_ADDED, GOAL_SWAPPED or GOAL_KEPT */
} Goal;

/* What a partner's solo turn did: Game.goals is the story of the turns. A
 * partner's goal in force is their last entry. GOAL_ADDED: a goal made in
 * round 1 (or, before format 5, in any round, beside the others); swapped:
 * a new goal in place of the partner's; kept: a copy of it. */
enum { GOAL_ADDED, GOAL_SWAPPED, GOAL_KEPT, GOAL_HOW_COUNT };

/* The tiers a pile is dealt in (game_deal_tier). */
enum { GAME_DEAL_TIERS = 4 };

struct Game {
    /* Setup, fixed for the game. */
    char names[2][NAME_MAX_BYTES + 1];
    uint8_t rounds, needs[2], timer;
    uint8_t both_answer; /* GameOptions.both_answer */
    int middle;
    uint64_t seed;
    CardRec *cards;
    uint32_t card_count;
    char *text;
    size_t text_size;
    uint32_t *order;
    uint32_t *layout; /* order before the shuffle, and where each tier of each pile starts (game_start): */
    uint32_t tier_at[PILE_COUNT][GAME_DEAL_TIERS + 1]; /* the same for every game of these cards; NULL until made */
    uint8_t *scratch; /* card_count bytes for game_check */
    Pile piles[PILE_COUNT];
    uint64_t cards_hash;
    uint8_t carried_count; /* plans carried in (GameOptions.carried_plans) */
    char carried[GAME_CARRIED_MAX][CARD_MAX_BYTES + 1];

    /* Play. */
    Rng rng;
    uint8_t phase, resume, round, sub; /* sub: which sharer or which goal of the round */
    uint8_t listening; /* sharing, both answer: the reader has answered, the listener answers now */
    int balance;
    uint8_t stars, star_rounds, redraws_left;
    uint8_t rebalance_rest; /* settles left before another rebalance may come */
    uint16_t passes_used[2];
    uint32_t table[GAME_MAX_TABLE];
    uint8_t table_count;
    int8_t rebalance_weight[GAME_MAX_TABLE]; /* the signed pull of each rebalance card on the table */
    Plan plans[GAME_ROUNDS_MAX]; /* [plan_count] is the plan being made */
    uint8_t plan_count;
    Goal goals[MAX_GOALS]; /* [goal_count] is the goal being made */
    uint8_t goal_count;
    char custom[MAX_GOALS][GOAL_MAX_BYTES + 1];
    GameStep steps[GAME_MAX_STEPS];
    uint16_t step_count;
};

/* What each phase deals onto the table: the kind (-1: nothing) and how many. */
typedef struct {
    int8_t kind;
    uint8_t count;
} GameDeal;

extern const GameDeal game_deals[PHASE_COUNT];

/* Writes the message of error, with arg, into err. Returns error. */
GameError game_fail(GameError error, const char *arg, char *err, size_t errlen);
/* GAME_OK when s is a name or goal of 1..max_chars characters; else the
 * length or the text error. */
GameError game_check_text(const char *s, size_t len, long max_chars, GameError length_error, GameError text_error);
/* True when s[0..len) is card text the game can hold: UTF-8 with no NUL. */
bool game_card_text_ok(const char *s, size_t len);

int game_pile_index(int kind, int level, int group);
int game_card_group(const CardRec *c);
/* What is true of goal slot: DECK_FIT_* bits. */
unsigned game_goal_facts(const Game *g, int slot);
/* Which plan or goal is half made, from the phase (and the resume point). */
bool game_plan_pending(const Game *g);
bool game_goal_pending(const Game *g);
/* The entry of partner's goal in force before slot, or -1. */
int game_goal_before(const Game *g, int slot, int partner);
/* Shuffles the piles with seed and deals the first round. */
void game_start(Game *g, uint64_t seed);
/* Where a card goes in its pile when the game starts (0 .. GAME_DEAL_TIERS - 1):
 * kept cards first, then the cards not seen recently, the seen ones, and
 * the passed ones. */
static inline int game_deal_tier(const CardRec *c)
{
    if (c->flags & CARD_KEPT)
        return 0;
    if (c->flags & CARD_PASSED)
        return 3;
    return (c->flags & CARD_SEEN) ? 2 : 1;
}

/* game.c: a card and goal slot as the front end sees them. */
GameCard game_card_view(const Game *g, uint32_t id);
GameCard game_goal_view(const Game *g, int slot);

/* game_goals.c: turn keeps their goal (the entry after theirs), and the
 * turn passes on (*next: the phase after it). Returns what it leans the
 * rope, before the reach. */
int game_keep_goal(Game *g, int turn, int *next);

/* game_setup.c */
Game *game_alloc(uint32_t card_count, size_t text_size);
/* Fills piles' offsets and sizes from the cards' pile indices. */
void game_lay_out_piles(Game *g);

/* game_save.c: the hash of the cards alone. */
uint64_t game_cards_digest(const Game *g);

/* game_check.c */
/* A card's DECK_FIT_* bits make sense for its kind. */
bool game_fit_valid(int kind, unsigned fit);
/* Checks that the cards in play make a game possible; writes the reason. */
GameError game_check_card_set(const Game *g, char *err, size_t errlen);

#endif
