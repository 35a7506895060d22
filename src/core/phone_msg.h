/* SPDX-License-Identifier: MIT */
/* The messages a phone sends the game, one per WebSocket text frame, in
 * plain words: "join 1", "name Sam", "done", "pick 2", "goal home Walk to
 * the sea", "answer The sound of the kettle". Parsing only checks the shape
 * (a known word, numbers in range, text that is UTF-8 without control
 * characters and within its length); what the game allows at this moment is
 * for the engine to say, exactly as for a key press. Plain C, fuzzed by
 * tests/fuzz/fuzz_phone_msg.c. */
#ifndef TIGHTROPE_PHONE_MSG_H
#define TIGHTROPE_PHONE_MSG_H

#include <stdbool.h>
#include <stddef.h>

enum {
    PHONE_MSG_MAX_BYTES = 1024,   /* a longer message is refused whole */
    PHONE_KEY_CHARS = 16,         /* a seat key: 16 hex digits */
    PHONE_NAME_MAX_CHARS = 40,    /* as GAME_NAME_MAX_CHARS */
    PHONE_GOAL_MAX_CHARS = 200,   /* as GAME_GOAL_MAX_CHARS */
    PHONE_ANSWER_MAX_CHARS = 200, /* a private answer */
    PHONE_TEXT_MAX_BYTES = PHONE_GOAL_MAX_CHARS * 4 + 1
};

typedef enum {
    PHONE_JOIN,   /* seat: 0 or 1; key: "" or the seat key given before (rejoin) */
    PHONE_PING,
    PHONE_NAME,   /* text: the partner's own name */
    PHONE_NEW,    /* a new game: from the title, open the setup */
    PHONE_START,  /* from the setup, start the game */
    PHONE_DONE,
    PHONE_PASS,
    PHONE_REDRAW,
    PHONE_SKIP,   /* a rebalance: "Not now" */
    PHONE_KEEP,   /* Come back to this: the sharing card shown, kept for later (or let go again) */
    PHONE_KEEP_GOAL, /* a later round's solo turn: "Keep my goal" */
    PHONE_PICK,   /* n: a card shown, 0..2 */
    PHONE_DAY,    /* n: 0..7 */
    PHONE_TIME,   /* n: 0..3 */
    PHONE_GOAL,   /* n: 1 at home, 2 out; text: the partner's own goal */
    PHONE_ANSWER, /* text: a private answer */
    PHONE_MSG_COUNT
} PhoneMsgType;

typedef struct {
    PhoneMsgType type;
    int seat, n;
    char key[PHONE_KEY_CHARS + 1];
    char text[PHONE_TEXT_MAX_BYTES];
} PhoneMsg;

/* Parses len bytes (not NUL-terminated). Returns true with *out filled, or
 * false with one sentence in err saying what is wrong. */
bool phone_msg_parse(const char *buf, size_t len, PhoneMsg *out, char *err, size_t errlen);

/* The word a message starts with ("join", "done", ...). */
const char *phone_msg_name(PhoneMsgType type);

/* True when s (len bytes) is UTF-8 text of 1..max_chars code points with no
 * control character, line or paragraph separator. */
bool phone_text_ok(const char *s, size_t len, int max_chars);

/* Appends s as a JSON string (quoted, escaped) to out (size bytes, at *at):
 * returns false, leaving *at unchanged, when it does not fit. */
bool phone_json_str(char *out, size_t size, size_t *at, const char *s);

#endif
