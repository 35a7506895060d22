/* SPDX-License-Identifier: MIT */
/* The game engine: setup, the rules of a round, the tightrope balance, and
 * saving a game to a self-contained buffer. Plain C; the front end reads a
 * GameView and sends Actions, and holds no rule itself. */
#ifndef TIGHTROPE_GAME_H
#define TIGHTROPE_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deck.h"

enum {
    GAME_ROUNDS_MIN = 1,
    GAME_ROUNDS_MAX = 7,
    GAME_ROUNDS_DEFAULT = 3,
    GAME_NAME_MAX_CHARS = 40,   /* a name is 1..40 characters (code points) */
    GAME_GOAL_MAX_CHARS = 200,  /* an own goal is 1..200 characters */
    GAME_REDRAWS = 1,           /* planning redraws per game */
    GAME_TIMER_MAX_MINUTES = 3, /* sharing timer: 0 (off) or 1..3 minutes */
    GAME_DAYS = 8,              /* DAY 0..6: the next seven days; 7: some day */
    GAME_DAY_SOME = 7,
    GAME_TIMES = 4,             /* TIME_MORNING..TIME_ANY */
    GAME_STEADY = 2,            /* a round ending this close to the middle earns a star */
    GAME_SAFE = 4,              /* further than this from the middle deals a rebalance */
    GAME_REBALANCE_REST = 3,    /* after a rebalance, this many cards settle before another may come */
    GAME_REBALANCE_CHOICES = 2, /* rebalance cards offered at once (fewer when the decks have fewer) */
    GAME_REACH = 7,             /* the balance never gets further than this from the middle (it stops there) */
    GAME_REBALANCE_PULL = 2,    /* a rebalance card without a weight pulls this far back */
    GAME_MAX_TABLE = 3,         /* cards shown at once */
    GAME_MAX_STEPS = 256,       /* actions in one game, rebalances included, passes not; a game needs at most 104 */
    GAME_MAX_CARDS = 65536,     /* cards in play, over all decks */
    GAME_SAVE_VERSION = 5,      /* 5: both answer, follow-up questions, one goal a partner, kept or swapped in later rounds;
                                   4: unlimited passes, the rebalance choice, carried plans always counted;
                                   3: carried plans; 2: where, traits and suits; 1 is still read */
    GAME_CARRIED_MAX = 7        /* plans carried in from a check-in */
};

/* ACTION_CUSTOM's index: where the partner's own goal happens, from the
 * question the front end asks after the text. Support cards that ask for a
 * place (`suits: home` or `out`) fit only a goal whose place is said. */
typedef enum { GOAL_WHERE_UNSAID, GOAL_WHERE_HOME, GOAL_WHERE_OUT, GOAL_WHERE_COUNT } GoalWhere;

/* A partner's need this week. Closer moves the middle of the rope one step
 * toward Together, space one step toward Apart. */
typedef enum { NEED_BALANCED, NEED_CLOSER, NEED_SPACE, NEED_COUNT } Need;

typedef enum { TIME_MORNING, TIME_AFTERNOON, TIME_EVENING, TIME_ANY } DayTime;

/* The moments of a game, each waiting for one action. */
typedef enum {
    PHASE_SHARING,      /* turn draws a sharing card: DONE or PASS; when both answer, or the
                           card has a follow-up question, the listener then answers the
                           same card: DONE (GameView.listening) */
    PHASE_PLAN_PICK,    /* three planning cards: PICK 0..2 or REDRAW */
    PHASE_PLAN_DAY,     /* the picked plan (held): DAY 0..7 (a day whose four times are all taken is refused) */
    PHASE_PLAN_TIME,    /* the picked plan (held, held_day set): TIME 0..3 (a time another plan has that day is refused) */
    PHASE_SOLO_PICK,    /* two solo cards for turn: PICK 0..1 or CUSTOM text; from round 2 these
                           swap the goal turn has, or KEEP keeps it (its day and support) */
    PHASE_SOLO_DAY,     /* turn's goal (held): DAY 0..7 */
    PHASE_SUPPORT_PICK, /* turn picks one of two support cards for the held goal */
    PHASE_REBALANCE,    /* one or two rebalance cards for the pair: PICK one, or SKIP */
    PHASE_OVER,         /* the game has ended; see game_summary */
    PHASE_COUNT
} GamePhase;

typedef enum {
    ACTION_DONE,
    ACTION_PASS,
    ACTION_PICK,   /* index: a card of GameView.cards */
    ACTION_REDRAW,
    ACTION_DAY,    /* index: 0..6 the next seven days, GAME_DAY_SOME */
    ACTION_TIME,   /* index: a DayTime */
    ACTION_CUSTOM, /* text: the partner's own goal, 1..200 characters; index: a GoalWhere */
    ACTION_SKIP,   /* a rebalance is left for now: the balance stays where it is */
    ACTION_KEEP,   /* a partner keeps the goal they have (SOLO_PICK, round 2 on): its day and
                      support stay, and it leans the rope again as it did when made */
    ACTION_COUNT
} ActionType;

/* One action. Unused fields are ignored; text is read during game_apply only. */
typedef struct {
    ActionType type;
    int index;
    const char *text;
} Action;

/* Every refusal and failure, with its message. Messages are printf formats;
 * those game_apply returns take no argument, the others at most one string,
 * and game_new and game_load format them into their err buffer. */
#define GAME_ERROR_LIST(X)                                                                              \
    X(GAME_OK, "no error")                                                                              \
    X(GAME_E_NOMEM, "out of memory")                                                                    \
    X(GAME_E_ROUNDS, "a game has 1 to 7 rounds")                                                        \
    X(GAME_E_NAME_LENGTH, "%s needs 1 to 40 characters")                                              \
    X(GAME_E_NAME_TEXT, "%s must be UTF-8 text without line breaks, tabs or control characters")      \
    X(GAME_E_NEED, "a need is closer, balanced or space")                                               \
    X(GAME_E_TIMER, "the sharing timer is off or 1 to 3 minutes")                                       \
    X(GAME_E_MISSING_KIND, "no %s cards are in play; a game needs sharing, planning, solo, support and rebalance cards") \
    X(GAME_E_FEW_CARDS, "%s")                                                                            \
    X(GAME_E_TOO_MANY_CARDS, "more than 65536 cards are in play; leave some decks out")                 \
    X(GAME_E_OVER, "the game is over")                                                                  \
    X(GAME_E_BAD_ACTION, "that is not an action")                                                       \
    X(GAME_E_NOT_NOW, "that action is not possible at this moment")                                    \
    X(GAME_E_NO_REDRAW, "the redraw is used: the pair has one redraw a game")                           \
    X(GAME_E_CARD_INDEX, "there is no card at that place; pick one of the cards shown")                 \
    X(GAME_E_DAY, "a day is 0 to 6 for the next seven days, or 7 for some day")                        \
    X(GAME_E_TIME, "a time is 0 for morning, 1 afternoon, 2 evening or 3 any time")                    \
    X(GAME_E_SLOT_TAKEN, "another plan already has that day and time of day; pick another")           \
    X(GAME_E_DAY_FULL, "every time of that day already has a plan; pick another day")                 \
    X(GAME_E_GOAL_LENGTH, "a goal needs 1 to 200 characters")                                           \
    X(GAME_E_GOAL_TEXT, "a goal must be UTF-8 text without line breaks, tabs or control characters")   \
    X(GAME_E_CARRIED, "a carried plan needs 1 to 500 characters of card text, and at most 7 are carried") \
    X(GAME_E_WHERE, "a goal's place is 0 (not said), 1 (at home) or 2 (out)")                            \
    X(GAME_E_FULL, "the game has run out of room for more actions")                                     \
    X(GAME_E_SAVE_NOT, "this is not a Tightrope saved game")                                           \
    X(GAME_E_SAVE_NEWER, "this game was saved by a newer version of Tightrope (save format %s); update Tightrope to continue it") \
    X(GAME_E_SAVE_TRUNCATED, "the saved game is cut short (%s); it cannot be continued")              \
    X(GAME_E_SAVE_CORRUPT, "the saved game is damaged (%s); it cannot be continued")

typedef enum {
#define GAME_ERROR_ENUM(code, message) code,
    GAME_ERROR_LIST(GAME_ERROR_ENUM)
#undef GAME_ERROR_ENUM
    GAME_ERROR_COUNT
} GameError;

/* Setup. A zeroed struct means the defaults: "Player 1" and "Player 2",
 * 3 rounds, both needs balanced, no timer, no cards seen before. */
typedef struct {
    const char *names[2]; /* NULL: the default name; otherwise 1..40 characters */
    int rounds;           /* 0: 3; otherwise 1..7 */
    Need needs[2];
    int timer_minutes;    /* 0: off; 1..3: a hint for the front end */
    /* Card texts the couple saw recently (from the journal): when the piles
     * are shuffled, these go below every card not in the list. May be NULL. */
    const char *const *seen_texts;
    size_t seen_count;
    /* Sharing cards the couple kept for later: each comes to the top of its
     * level's pile, before every other card. May be NULL. */
    const char *const *kept_texts;
    size_t kept_count;
    /* Sharing cards the couple passed in their last games: these go below
     * every other card, seen ones too (a kept card stays on top). May be NULL. */
    const char *const *passed_texts;
    size_t passed_count;
    /* Plans that did not happen last week, carried into this one at the
     * check-in: the game starts with them as plans for some day, at any
     * time (at most GAME_CARRIED_MAX, each card text). May be NULL. */
    const char *const *carried_plans;
    size_t carried_count;
    /* Both answer: after the reader answers a sharing card, the listener
     * answers the same card, then it is done. The rope moves once, when
     * the reader answers. A card with a follow-up question has the
     * listener's turn in any case (to ask it, and answer when both answer). */
    bool both_answer;
} GameOptions;

typedef struct Game Game;

/* A card as the front end shows it. text is owned by the game and stays
 * valid until game_free (custom goal text: until the next game_apply). */
typedef struct {
    int id;           /* the card's index in the game (game_card), or -1 for an own goal */
    const char *text;
    CardKind kind;
    int level;        /* 1..3 */
    int weight;       /* what it does to the balance when done or kept; for a
                         rebalance card in play, the signed pull toward the middle.
                         game_lean says how far it really moves the rope. */
    unsigned fit;     /* DECK_FIT_* bits. A goal: its place and traits (an own
                         goal: its place only). A support card: its `suits:`,
                         0 when it suits any goal. Other kinds: 0. */
    const char *follow_up; /* a sharing card's `follow-up:` question for the listener, or NULL */
} GameCard;

typedef struct {
    GamePhase phase;
    int round;           /* 1..rounds; stays at rounds when over */
    int rounds;
    int level;           /* the sharing level this round deals (1..3) */
    int turn;            /* the partner who acts, 0 or 1 (for the pair: who started the round) */
    bool both_answer;    /* the game's setting: the listener answers each sharing card too */
    bool listening;      /* sharing: the reader has answered; now turn, the listener, answers the same
                            card (both answer) or its follow-up question (GameCard.follow_up) */
    int reader;          /* sharing: who drew the card (turn, or the other partner while listening) */
    bool together;       /* the pair decides together (planning, rebalance, over) */
    GameCard cards[GAME_MAX_TABLE]; /* the cards to act on or pick from */
    int card_count;
    bool has_held;       /* a plan or goal being made: */
    GameCard held;       /* the plan (PLAN_DAY, PLAN_TIME) or the goal (SOLO_DAY, SUPPORT_PICK) */
    int held_day;        /* its day once chosen, else -1 */
    int held_partner;    /* whose goal it is (SOLO_DAY, SUPPORT_PICK), else -1 */
    /* SOLO_PICK, SOLO_DAY and SUPPORT_PICK: the goal turn has from an
     * earlier round (at most one a game), which a new one would replace. */
    bool has_goal;
    GameCard goal;
    int goal_day;        /* 0..7 */
    GameCard goal_support;
    unsigned allowed;    /* bit (1u << ActionType) for each action possible now */
    int passes_used[2];  /* passes are unlimited; these only count them */
    int redraws_left;
    /* The plans already made: bit day * GAME_TIMES + time for each plan on
     * one of the next seven days (a plan for some day takes no slot), and
     * bit day of plan_days. A goal put on one of plan_days deserves a word
     * first (the front end asks "Pick another day?"). */
    uint32_t slots_taken;
    unsigned plan_days;
    int balance;         /* + toward Together, - toward Apart */
    int middle;          /* -2..2, from the needs */
    int stars;
    int timer_minutes;   /* 0 when off */
    const char *names[2];
} GameView;

/* One applied action and where it left the balance. */
typedef struct {
    uint8_t phase;  /* GamePhase in which it was taken */
    uint8_t type;   /* ActionType */
    int8_t index;   /* PICK, DAY and TIME: the index; else 0 */
    int8_t turn;    /* who acted (the round's starter for pair actions) */
    int8_t weight;  /* what it added to the balance */
    int8_t balance; /* the balance after it */
} GameStep;

typedef struct {
    GameCard card;
    int day, time, round;
} GamePlan;

typedef struct {
    int partner, round; /* round: when the goal was made (a kept goal keeps it) */
    int kept;           /* rounds after that it was kept */
    GameCard goal;    /* id -1 for an own goal */
    int day;
    GameCard support; /* chosen by the other partner */
} GameGoal;

/* The story of a game so far (complete once over is true). Pointers are
 * owned by the game and valid until the next game_apply or game_free. */
typedef struct {
    bool over;
    const char *names[2];
    Need needs[2];
    int middle;
    int rounds, rounds_played;
    int stars;
    unsigned star_rounds;  /* bit r-1 set when round r earned a star */
    int passes_used[2];
    int redraws_used;
    int rebalances;
    GamePlan plans[GAME_ROUNDS_MAX];
    int plan_count;
    /* The goals in force: one a partner (a swap replaces the partner's
     * goal; games saved before format 5 may hold more). */
    GameGoal goals[2 * GAME_ROUNDS_MAX];
    int goal_count;
    /* Every solo turn's goal in order, those replaced and kept too (kept:
     * 1 for a turn that kept the goal); for replays. */
    GameGoal made[2 * GAME_ROUNDS_MAX];
    int made_count;
    const char *carried[GAME_CARRIED_MAX]; /* plans carried in: some day, any time */
    int carried_count;
    const GameStep *steps; /* the balance after every action */
    int step_count;
} GameSummary;

/* Starts a game from the decks in play (decks may be freed afterwards: the
 * game copies what it needs). opt may be NULL for the defaults. Cards with
 * no weight take their kind's default (game_default_weight). Identical card
 * texts within a kind are dealt as one card (the first one's keys count).
 * The two support cards dealt for a goal fit it (deck_support_fits): those
 * whose `suits:` names something first, then those that suit any goal, so a
 * game needs at least two support cards that suit any goal. On success returns GAME_OK and
 * stores a game the caller frees with game_free; otherwise returns the error,
 * writes its message into err (if errlen > 0) and stores NULL. */
GameError game_new(const GameOptions *opt, const Deck *const *decks, size_t deck_count, uint64_t seed,
                   Game **out, char *err, size_t errlen);

/* Starts the same game over with a new seed: same options and cards, fresh
 * piles, round 1. Never allocates. */
void game_restart(Game *game, uint64_t seed);

/* Frees a game. NULL is fine. */
void game_free(Game *game);

/* Applies one action. Returns GAME_OK, or the reason it is not allowed now
 * (see game_error_message), in which case the game is unchanged. Never
 * allocates. */
GameError game_apply(Game *game, Action action);

/* Fills view with what the front end shows now. */
void game_view(const Game *game, GameView *view);

/* How far the rope moves from v's balance when a card of weight is done or
 * kept: the weight, less what would take the balance further than
 * GAME_REACH from the middle (it stops there). What a front end shows as a
 * choice's lean, before it is made. */
int game_lean(const GameView *v, int weight);

/* True when a goal on day (0..6) would share its day with a plan already
 * made: the front end warns the partner before it is kept. */
bool game_day_has_plan(const GameView *v, int day);

/* Lists every action allowed now, except CUSTOM (which takes text; see
 * GameView.allowed), into out (at most cap) and returns how many there are
 * (at most GAME_DAYS + 1, which cap should allow). Days whose every time
 * is taken and times already taken are left out of the list. */
size_t game_actions(const Game *game, Action *out, size_t cap);

/* Fills summary with the game so far. */
void game_summary(const Game *game, GameSummary *summary);

/* The cards in play: ids 0..game_card_count()-1. game_card fills *card with
 * the card's own weight (0 for a rebalance card that pulls either way) and
 * returns false for an id out of range. */
size_t game_card_count(const Game *game);
bool game_card(const Game *game, int id, GameCard *card);

/* The level of sharing cards dealt in round (1..rounds) of a game of rounds
 * rounds: level 1 first, level 3 last, spread evenly between; 2 for a
 * one-round game. Returns 0 for arguments out of range. */
int game_round_level(int round, int rounds);

/* The weight a card of kind takes when neither it nor its deck sets one.
 * For rebalance, the size of the pull toward the middle. */
int game_default_weight(CardKind kind);

/* Where the rope's middle sits for two needs: -2..2, closer +1, space -1. */
int game_middle(Need a, Need b);

/* The name a partner (0 or 1) has when none is given: "Player 1", "Player 2". */
const char *game_default_name(int partner);

/* Serialises the game into a new buffer the caller frees with free().
 * Returns GAME_OK or GAME_E_NOMEM (then *buf is NULL). The buffer starts with
 * the line "tightrope-save <version>\n" and holds the text of every card. */
GameError game_save(const Game *game, char **buf, size_t *len);

/* Restores a game from game_save's buffer (len bytes). Everything is checked
 * before a game is returned: a truncated, damaged, inconsistent or newer
 * buffer is refused with its error and message, and *out is NULL. */
GameError game_load(const char *buf, size_t len, Game **out, char *err, size_t errlen);

/* The save format named on the first line of game_save's buffer, or 0 when
 * it names none. A game saved in a format before GAME_RULES_FORMAT was
 * played by older rules (one answer a sharing card and a new goal each
 * round; before 4, two passes each and one rebalance card), so a replay
 * of it through this engine would not follow the game. */
enum { GAME_RULES_FORMAT = 5 };
unsigned long game_save_format(const char *buf, size_t len);

/* A new game as game began: the same cards, options and seed, dealt again
 * (what game_new made), before any action. GAME_OK or GAME_E_NOMEM; *out
 * is then NULL. For replays. */
GameError game_copy_start(const Game *game, Game **out);

/* A 64-bit digest of everything that makes the game what it is (equal for
 * games whose saves are equal). Never allocates. */
uint64_t game_hash(const Game *game);

/* Checks the game's internal consistency, the same checks game_load makes.
 * Returns true when sound; otherwise writes what is wrong into err. */
bool game_check(const Game *game, char *err, size_t errlen);

/* The message (a printf format, see GAME_ERROR_LIST) for an error code. */
const char *game_error_message(GameError error);

/* Short English names: "sharing", "plan-pick", ...; "done", "pass", ...;
 * "balanced", "closer", "space"; "morning", ... "any time". "?" when unknown. */
const char *game_phase_name(GamePhase phase);
const char *game_action_name(ActionType type);
const char *game_need_name(Need need);
const char *game_time_name(DayTime time);

/* Parses "closer", "balanced" or "space". Returns false when unknown. */
bool game_need_parse(const char *name, Need *out);

#endif
