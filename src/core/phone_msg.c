/* SPDX-License-Identifier: MIT */
/* The phone's messages: one word, then numbers or text. */
#include "phone_msg.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utext.h"

static const char *const names[PHONE_MSG_COUNT] = {
    [PHONE_JOIN] = "join",     [PHONE_PING] = "ping",   [PHONE_NAME] = "name", [PHONE_NEW] = "new",
    [PHONE_START] = "start",   [PHONE_DONE] = "done",   [PHONE_PASS] = "pass", [PHONE_REDRAW] = "redraw",
    [PHONE_SKIP] = "skip",     [PHONE_KEEP] = "keep", [PHONE_KEEP_GOAL] = "keepgoal",
    [PHONE_PICK] = "pick",     [PHONE_DAY] = "day",     [PHONE_TIME] = "time", [PHONE_GOAL] = "goal",
    [PHONE_ANSWER] = "answer",
};

const char *phone_msg_name(PhoneMsgType type)
{
    return (unsigned)type < PHONE_MSG_COUNT ? names[type] : "?";
}

bool phone_text_ok(const char *s, size_t len, int max_chars)
{
    int chars = 0;
    for (size_t at = 0; at < len;) {
        int32_t cp;
        int n = utext_decode(s + at, len - at, &cp);
        if (n <= 0)
            return false;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
            return false;
        at += (size_t)n;
        if (++chars > max_chars)
            return false;
    }
    return chars > 0;
}

/* A whole number lo..hi written as digits only. */
static bool number(const char *s, size_t len, int lo, int hi, int *out)
{
    long v;
    if (!utext_parse_int(s, len, lo, hi, &v))
        return false;
    *out = (int)v;
    return true;
}

static bool fail(char *err, size_t errlen, const char *msg)
{
    if (errlen)
        snprintf(err, errlen, "%s", msg);
    return false;
}

static bool text_arg(const char *s, size_t len, int max_chars, PhoneMsg *out, char *err, size_t errlen,
                     const char *what)
{
    if (!phone_text_ok(s, len, max_chars) || len >= sizeof out->text) {
        if (errlen)
            snprintf(err, errlen, "%s needs 1 to %d characters of text without line breaks or control characters.",
                     what, max_chars);
        return false;
    }
    memcpy(out->text, s, len);
    out->text[len] = '\0';
    return true;
}

/* "join 1" or "join 2 KEY": the seat, then the key given at the first join. */
static bool parse_join(const char *arg, size_t alen, PhoneMsg *out, char *err, size_t errlen)
{
    if (alen < 1 || (arg[0] != '1' && arg[0] != '2') || (alen > 1 && arg[1] != ' '))
        return fail(err, errlen, "Join as partner 1 or 2.");
    out->seat = arg[0] - '1';
    if (alen == 1)
        return true;
    const char *key = arg + 2;
    size_t klen = alen - 2;
    if (klen != PHONE_KEY_CHARS)
        return fail(err, errlen, "That seat key is not one this game gave.");
    for (size_t i = 0; i < klen; i++)
        if (!((key[i] >= '0' && key[i] <= '9') || (key[i] >= 'a' && key[i] <= 'f')))
            return fail(err, errlen, "That seat key is not one this game gave.");
    memcpy(out->key, key, klen);
    out->key[klen] = '\0';
    return true;
}

static bool parse_goal(const char *arg, size_t alen, PhoneMsg *out, char *err, size_t errlen)
{
    if (alen > 5 && memcmp(arg, "home ", 5) == 0) {
        out->n = 1;
        arg += 5, alen -= 5;
    } else if (alen > 4 && memcmp(arg, "out ", 4) == 0) {
        out->n = 2;
        arg += 4, alen -= 4;
    } else {
        return fail(err, errlen, "Say where the goal happens: at home or out.");
    }
    return text_arg(arg, alen, PHONE_GOAL_MAX_CHARS, out, err, errlen, "A goal");
}

bool phone_msg_parse(const char *buf, size_t len, PhoneMsg *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (errlen)
        err[0] = '\0';
    if (len > PHONE_MSG_MAX_BYTES)
        return fail(err, errlen, "The message is too long.");
    size_t wlen = 0;
    while (wlen < len && buf[wlen] >= 'a' && buf[wlen] <= 'z')
        wlen++;
    int type = -1;
    for (int t = 0; t < PHONE_MSG_COUNT; t++)
        if (strlen(names[t]) == wlen && memcmp(buf, names[t], wlen) == 0)
            type = t;
    if (type < 0)
        return fail(err, errlen, "That is not a message the game knows.");
    out->type = (PhoneMsgType)type;
    bool has_arg = wlen < len;
    if (has_arg && buf[wlen] != ' ')
        return fail(err, errlen, "That is not a message the game knows.");
    const char *arg = has_arg ? buf + wlen + 1 : buf + len;
    size_t alen = has_arg ? len - wlen - 1 : 0;
    switch (out->type) {
    case PHONE_JOIN:
        return parse_join(arg, alen, out, err, errlen);
    case PHONE_NAME:
        return text_arg(arg, alen, PHONE_NAME_MAX_CHARS, out, err, errlen, "A name");
    case PHONE_ANSWER:
        return text_arg(arg, alen, PHONE_ANSWER_MAX_CHARS, out, err, errlen, "An answer");
    case PHONE_GOAL:
        return parse_goal(arg, alen, out, err, errlen);
    case PHONE_PICK:
        return number(arg, alen, 0, 2, &out->n) || fail(err, errlen, "Pick a card shown: 0, 1 or 2.");
    case PHONE_DAY:
        return number(arg, alen, 0, 7, &out->n) || fail(err, errlen, "A day is 0 to 7.");
    case PHONE_TIME:
        return number(arg, alen, 0, 3, &out->n) || fail(err, errlen, "A time is 0 to 3.");
    default:
        return !has_arg || fail(err, errlen, "That message takes nothing after its word.");
    }
}

bool phone_json_str(char *out, size_t size, size_t *at, const char *s)
{
    size_t n = *at;
    if (n >= size)
        return false;
    out[n++] = '"';
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char esc[8];
        size_t elen;
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\', esc[1] = (char)*p, elen = 2;
        } else if (*p < 0x20 || *p == 0x7F) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            elen = 6;
        } else if (*p == '<') {
            /* Never markup, whatever a page does with it. */
            memcpy(esc, "\\u003c", 6);
            elen = 6;
        } else {
            esc[0] = (char)*p, elen = 1;
        }
        if (n + elen >= size)
            return false;
        memcpy(out + n, esc, elen);
        n += elen;
    }
    if (n + 1 >= size)
        return false;
    out[n++] = '"';
    out[n] = '\0';
    *at = n;
    return true;
}
