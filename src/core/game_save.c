/* SPDX-License-Identifier: MIT */
/* The self-contained save format: the encoder (put_*) and the decoder
 * (get_*), one function a section, each reader mirroring its writer. */
#include "game_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utext.h"

/* The save format:
 *
 *   "tightrope-save 5\n"
 *   u32 payload length, u64 FNV-1a of the payload
 *   payload: cards, setup, play (see put_cards, put_setup, put_play)
 *
 * Integers are little-endian; a string is a u32 length and its bytes.
 * Format 5 adds each card's follow-up question (a string, empty for none),
 * whether both answer (a u8 after the timer), whether the listener is
 * answering (a u8 after the balance's fields) and to each goal what its
 * turn did: added, swapped or kept (GOAL_*; before it every goal was
 * added). Format 4 keeps the passes each partner used (u16, unlimited; 3 and 2 kept
 * the passes left of two, and passes in the history), the rest after a
 * rebalance, a pull for each rebalance card on the table (3 and 2 had one),
 * and always the count of carried plans, which may be 0. Format 3 added the
 * carried plans (at least one) to format 2's places, traits and suits. */

typedef struct {
    unsigned char *buf; /* NULL: only hash */
    size_t len, cap;
    uint64_t hash;
    bool failed;
} Out;

static void put(Out *o, const void *data, size_t n)
{
    if (!o->buf && o->cap == 0) {
        o->hash = utext_fnv1a(o->hash, data, n);
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
    if (o->buf && o->len + 4 <= o->cap) { /* the usual case, without a call */
        memcpy(o->buf + o->len, b, 4);
        o->len += 4;
        return;
    }
    put(o, b, 4);
}

/* n numbers of 32 bits, as put_u32 puts each. */
static void put_u32s(Out *o, const uint32_t *v, uint32_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    put(o, v, (size_t)n * 4); /* in memory as in the file */
#else
    for (uint32_t i = 0; i < n; i++)
        put_u32(o, v[i]);
#endif
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
        put_u8(o, c->flags & CARD_SAVED_FLAGS);
        put_u8(o, c->fit);
        put_str(o, g->text + c->text, c->len);
        put_str(o, g->text + c->follow, c->follow_len);
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
    put_u8(o, g->both_answer);
    put_u64(o, g->seed);
    put_u8(o, g->carried_count);
    for (int i = 0; i < g->carried_count; i++)
        put_str(o, g->carried[i], strlen(g->carried[i]));
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
    put_u8(o, goal->how);
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
        put_u32s(o, g->order + pile->off, pile->n);
    }
    const uint8_t fields[] = {g->phase, g->resume, g->round, g->sub, (uint8_t)(int8_t)g->balance, g->stars,
                              g->star_rounds, g->redraws_left, g->rebalance_rest, g->table_count};
    put(o, fields, sizeof fields);
    put_u8(o, g->listening);
    for (int i = 0; i < 2; i++) {
        put_u8(o, g->passes_used[i] & 0xFF);
        put_u8(o, g->passes_used[i] >> 8);
    }
    for (int i = 0; i < GAME_MAX_TABLE; i++)
        put_u8(o, (uint8_t)g->rebalance_weight[i]);
    for (int i = 0; i < g->table_count; i++)
        put_u32(o, g->table[i]);
    put_u8(o, g->plan_count);
    for (int i = 0; i < g->plan_count + game_plan_pending(g); i++) {
        put_u32(o, (uint32_t)g->plans[i].card);
        put_u8(o, g->plans[i].day);
        put_u8(o, g->plans[i].time);
    }
    put_u8(o, g->goal_count);
    for (int i = 0; i < g->goal_count + game_goal_pending(g); i++)
        put_goal(o, g, i);
    put_u32(o, g->step_count);
    for (int i = 0; i < g->step_count; i++) {
        const GameStep *s = &g->steps[i];
        const uint8_t b[6] = {s->phase, s->type, (uint8_t)s->index, (uint8_t)s->turn, (uint8_t)s->weight,
                              (uint8_t)s->balance};
        put(o, b, sizeof b);
    }
}

uint64_t game_cards_digest(const Game *g)
{
    Out o = {.hash = UTEXT_FNV_BASIS};
    put_cards(&o, g);
    return o.hash;
}

uint64_t game_hash(const Game *game)
{
    /* Written out, then hashed eight bytes at a time: --simulate hashes
     * every game it plays, and FNV-1a's byte at a time was a fifth of it. */
    Out o = {.cap = 64 + game->card_count * 4u + (size_t)game->step_count * 6u + 1024};
    o.buf = malloc(o.cap);
    if (!o.buf)
        o.cap = 0; /* then byte by byte */
    put_u64(&o, game->cards_hash);
    put_setup(&o, game);
    put_play(&o, game);
    uint64_t h = o.buf && !o.failed ? utext_hash64(o.buf, o.len) : o.hash;
    free(o.buf);
    return h;
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
    uint64_t sum = utext_fnv1a(UTEXT_FNV_BASIS, o.buf + start_at, payload);
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
            if (game_check_text(s, len, GAME_GOAL_MAX_CHARS, GAME_E_GOAL_LENGTH, GAME_E_GOAL_TEXT) != GAME_OK)
                bad(in, "an own goal's text is not valid");
        }
        goal->where = in->version >= 2 ? get_u8(in) : 0;
    } else {
        goal->where = 0;
    }
    goal->day = get_u8(in);
    goal->support = (int32_t)get_u32(in);
    goal->weight = (int8_t)get_u8(in);
    goal->how = in->version >= 5 ? get_u8(in) : GOAL_ADDED;
}

/* A card's follow-up question (format 5), into g's text at *at. */
static void get_follow_up(In *in, Game *g, CardRec *c, size_t *at)
{
    size_t len = 0;
    const char *s = get_str(in, CARD_MAX_BYTES, &len);
    c->follow = c->follow_len = 0;
    if (!s || !len)
        return;
    if (!game_card_text_ok(s, len) || c->kind != KIND_SHARING)
        bad(in, "a card's follow-up question is not valid");
    memcpy(g->text + *at, s, len);
    g->text[*at + len] = '\0';
    c->follow = (uint32_t)*at;
    c->follow_len = (uint32_t)len;
    *at += len + 1;
}

/* Mirrors put_cards: a new game holding the cards, or NULL. */
static Game *get_cards(In *in)
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
        size_t len = 0, follow = 0;
        if (in->at > in->len || !get_str(in, CARD_MAX_BYTES, &len) ||
            (in->version >= 5 && !get_str(in, CARD_MAX_BYTES, &follow)))
            bad(in, "a card runs past the end");
        text_size += len + 1 + (follow ? follow + 1 : 0);
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
        if (!game_card_text_ok(s, len))
            bad(in, "a card's text is not valid");
        memcpy(g->text + at, s, len);
        g->text[at + len] = '\0';
        c->text = (uint32_t)at;
        c->len = (uint32_t)len;
        at += len + 1;
        if (in->version >= 5)
            get_follow_up(in, g, c, &at);
        if (c->kind >= KIND_COUNT || c->level < 1 || c->level > DECK_LEVELS || c->weight < DECK_WEIGHT_MIN ||
            c->weight > DECK_WEIGHT_MAX || (c->flags & ~CARD_SAVED_FLAGS))
            bad(in, "a card's kind, level or weight is out of range");
        else
            c->pile = (uint8_t)game_pile_index(c->kind, c->level, game_card_group(c));
    }
    return g;
}

/* Mirrors put_setup. */
static void get_setup(In *in, Game *g)
{
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
    g->both_answer = in->version >= 5 ? get_u8(in) : 0;
    if (g->both_answer > 1)
        bad(in, "whether both answer is out of range");
    g->seed = get_u64(in);
    g->carried_count = in->version >= 3 ? get_u8(in) : 0;
    if (g->carried_count > GAME_CARRIED_MAX || (in->version == 3 && g->carried_count == 0))
        bad(in, "the carried plans are out of range");
    for (int i = 0; i < g->carried_count && !in->why; i++) {
        size_t len = 0;
        const char *s = get_str(in, CARD_MAX_BYTES, &len);
        if (s && len && game_card_text_ok(s, len)) {
            memcpy(g->carried[i], s, len);
            g->carried[i][len] = '\0';
        } else if (!in->why) {
            bad(in, "a carried plan is not card text");
        }
    }
    g->middle = game_middle((Need)g->needs[0], (Need)g->needs[1]);
}

/* Mirrors the piles of put_play. */
static void get_piles(In *in, Game *g)
{
    for (int i = 0; i < 4; i++)
        g->rng.s[i] = get_u64(in);
    for (int p = 0; p < PILE_COUNT && !in->why; p++) {
        Pile *pile = &g->piles[p];
        if (!pile->n)
            continue;
        pile->top = get_u32(in);
        for (uint32_t i = 0; i < pile->n; i++) {
            uint32_t id = get_u32(in);
            g->order[pile->off + i] = id < g->card_count ? id : 0;
            if (id >= g->card_count)
                bad(in, "a pile holds a card that does not exist");
        }
    }
}

/* The fields every format starts its moment with. */
static void set_moment_head(Game *g, const uint8_t *f)
{
    g->phase = f[0];
    g->resume = f[1];
    g->round = f[2];
    g->sub = f[3];
    g->balance = (int8_t)f[4];
    g->stars = f[5];
    g->star_rounds = f[6];
}

/* The fields of formats 2 and 3: passes left of two, one rebalance pull. */
static void get_moment_v2(In *in, Game *g)
{
    uint8_t f[12] = {0};
    take(in, f, sizeof f);
    set_moment_head(g, f);
    if (f[7] > 2 || f[8] > 2)
        bad(in, "passes left are out of range");
    g->passes_used[0] = (uint16_t)(2 - f[7]);
    g->passes_used[1] = (uint16_t)(2 - f[8]);
    g->redraws_left = f[9];
    memset(g->rebalance_weight, 0, sizeof g->rebalance_weight);
    g->rebalance_weight[0] = (int8_t)f[10];
    g->table_count = f[11];
    /* A rebalance then came whenever the rope left the safe range. */
    g->rebalance_rest = g->phase == PHASE_REBALANCE ? GAME_REBALANCE_REST + 1 : 0;
}

/* Mirrors the fields and the table of put_play. */
static void get_moment(In *in, Game *g)
{
    if (in->version < 4) {
        get_moment_v2(in, g);
    } else {
        uint8_t f[10] = {0};
        take(in, f, sizeof f);
        set_moment_head(g, f);
        g->redraws_left = f[7];
        g->rebalance_rest = f[8];
        g->table_count = f[9];
        g->listening = in->version >= 5 ? get_u8(in) : 0;
        for (int i = 0; i < 2; i++) {
            uint16_t lo = get_u8(in);
            g->passes_used[i] = (uint16_t)(lo | get_u8(in) << 8);
        }
        for (int i = 0; i < GAME_MAX_TABLE; i++)
            g->rebalance_weight[i] = (int8_t)get_u8(in);
    }
    if (g->table_count > GAME_MAX_TABLE) {
        bad(in, "too many cards on the table");
        return;
    }
    for (int i = 0; i < g->table_count; i++)
        g->table[i] = get_u32(in);
}

/* Mirrors the plans, goals and steps of put_play. */
static void get_history(In *in, Game *g)
{
    g->plan_count = get_u8(in);
    if (g->plan_count + game_plan_pending(g) > GAME_ROUNDS_MAX) {
        bad(in, "too many plans");
        return;
    }
    for (int i = 0; i < g->plan_count + game_plan_pending(g); i++) {
        g->plans[i].card = (int32_t)get_u32(in);
        g->plans[i].day = get_u8(in);
        g->plans[i].time = get_u8(in);
    }
    g->goal_count = get_u8(in);
    if (g->goal_count + game_goal_pending(g) > MAX_GOALS) {
        bad(in, "too many goals");
        return;
    }
    for (int i = 0; i < g->goal_count + game_goal_pending(g) && !in->why; i++)
        get_goal(in, g, i);
    uint32_t steps = get_u32(in);
    if (steps > GAME_MAX_STEPS) {
        bad(in, "too many actions");
        return;
    }
    g->step_count = 0;
    for (uint32_t i = 0; i < steps; i++) {
        uint8_t b[6] = {0};
        take(in, b, sizeof b);
        /* Before format 4 a pass was a step; it never moved the balance. */
        if (in->version < 4 && b[1] == ACTION_PASS && b[4] == 0)
            continue;
        g->steps[g->step_count++] = (GameStep){b[0], b[1], (int8_t)b[2], (int8_t)b[3], (int8_t)b[4], (int8_t)b[5]};
    }
}

/* Mirrors put_play. */
static void get_play(In *in, Game *g)
{
    get_piles(in, g);
    get_moment(in, g);
    if (!in->why)
        get_history(in, g);
}

/* Decodes the payload into a new game, as game_save wrote it: cards, setup,
 * play. The checks come afterwards. */
static Game *decode(In *in)
{
    Game *g = get_cards(in);
    if (!g)
        return NULL;
    get_setup(in, g);
    if (in->why)
        return g;
    game_lay_out_piles(g);
    get_play(in, g);
    if (!in->why && in->at != in->len)
        bad(in, "there are bytes after the end of the game");
    return g;
}

/* The version on the first line; *at is left on its '\n' (or at len). */
static unsigned long read_format(const char *buf, size_t len, size_t *at, size_t *digits)
{
    unsigned long version = 0;
    *at = sizeof save_magic - 1;
    *digits = 0;
    while (*at < len && buf[*at] >= '0' && buf[*at] <= '9' && *digits < 9) {
        version = version * 10 + (unsigned long)(buf[*at] - '0');
        (*at)++;
        (*digits)++;
    }
    return version;
}

unsigned long game_save_format(const char *buf, size_t len)
{
    size_t at, digits;
    if (!buf || len < sizeof save_magic - 1 || memcmp(buf, save_magic, sizeof save_magic - 1) != 0)
        return 0;
    unsigned long version = read_format(buf, len, &at, &digits);
    return digits && at < len && buf[at] == '\n' ? version : 0;
}

GameError game_load(const char *buf, size_t len, Game **out, char *err, size_t errlen)
{
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    const size_t magic_len = sizeof save_magic - 1;
    if (!buf)
        return game_fail(GAME_E_SAVE_NOT, NULL, err, errlen);
    if (len < magic_len) {
        if (len > 0 && memcmp(buf, save_magic, len) == 0)
            return game_fail(GAME_E_SAVE_TRUNCATED, "it ends inside its first line", err, errlen);
        return game_fail(GAME_E_SAVE_NOT, NULL, err, errlen);
    }
    if (memcmp(buf, save_magic, magic_len) != 0)
        return game_fail(GAME_E_SAVE_NOT, NULL, err, errlen);
    size_t at, digits;
    unsigned long version = read_format(buf, len, &at, &digits);
    if (at == len)
        return game_fail(GAME_E_SAVE_TRUNCATED, "it ends inside its first line", err, errlen);
    if (digits == 0 || buf[at] != '\n' || version == 0)
        return game_fail(GAME_E_SAVE_CORRUPT, "its first line is not a save format version", err, errlen);
    if (version > GAME_SAVE_VERSION) {
        char v[24];
        snprintf(v, sizeof v, "%lu", version);
        return game_fail(GAME_E_SAVE_NEWER, v, err, errlen);
    }
    at++;
    if (len - at < 12)
        return game_fail(GAME_E_SAVE_TRUNCATED, "it ends inside its header", err, errlen);
    In head = {(const unsigned char *)buf, len, at, NULL, false, version};
    uint32_t payload = get_u32(&head);
    uint64_t sum = get_u64(&head);
    at += 12;
    char why[96];
    if (len - at < payload) {
        snprintf(why, sizeof why, "%zu of %zu bytes", len, at + payload);
        return game_fail(GAME_E_SAVE_TRUNCATED, why, err, errlen);
    }
    if (len - at > payload)
        return game_fail(GAME_E_SAVE_CORRUPT, "there are bytes after its end", err, errlen);
    if (utext_fnv1a(UTEXT_FNV_BASIS, buf + at, payload) != sum)
        return game_fail(GAME_E_SAVE_CORRUPT, "its checksum does not match", err, errlen);

    In in = {(const unsigned char *)buf + at, payload, 0, NULL, false, version};
    Game *g = decode(&in);
    char problem[160];
    if (!in.why && g && !game_check(g, problem, sizeof problem))
        in.why = problem;
    if (in.why || !g) {
        GameError e = in.nomem ? GAME_E_NOMEM : GAME_E_SAVE_CORRUPT;
        game_fail(e, in.why ? in.why : "it is empty", err, errlen);
        game_free(g);
        return e;
    }
    g->cards_hash = game_cards_digest(g);
    *out = g;
    return GAME_OK;
}


GameError game_copy_start(const Game *game, Game **out)
{
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    GameError e = game_save(game, &buf, &len);
    if (e == GAME_OK)
        e = game_load(buf, len, out, NULL, 0);
    free(buf);
    if (e == GAME_OK)
        game_start(*out, (*out)->seed);
    return e == GAME_OK ? GAME_OK : GAME_E_NOMEM;
}
