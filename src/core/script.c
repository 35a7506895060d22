/* SPDX-License-Identifier: MIT */
/* Scripted play: parsing --script files. */
#include "script.h"

#include "utext.h"

#include "files.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Parses a fraction 0..1 written like 0, 1, 0.5 or .25. */
static bool parse_fraction(const char *s, size_t len, double *out)
{
    if (len == 0 || len > 12)
        return false;
    double v = 0, scale = 1;
    bool dot = false, digit = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.' && !dot) {
            dot = true;
        } else if (s[i] >= '0' && s[i] <= '9') {
            digit = true;
            if (dot) {
                scale /= 10;
                v += (s[i] - '0') * scale;
            } else {
                v = v * 10 + (s[i] - '0');
            }
        } else {
            return false;
        }
    }
    if (!digit || v > 1)
        return false;
    *out = v;
    return true;
}

/* Splits the next word off [*s, end). */
static bool word(const char **s, const char *end, const char **w, size_t *wlen)
{
    while (*s < end && utext_is_blank(**s))
        (*s)++;
    *w = *s;
    while (*s < end && !utext_is_blank(**s))
        (*s)++;
    *wlen = (size_t)(*s - *w);
    return *wlen > 0;
}

static bool at_end(const char *s, const char *end)
{
    while (s < end && utext_is_blank(*s))
        s++;
    return s == end;
}

typedef struct {
    ScriptCommand *cmd;
    char *err;
    size_t errlen;
} LineCtx;

static int fail(LineCtx *c, const char *message, const char *w, size_t wlen)
{
    if (w)
        snprintf(c->err, c->errlen, "%d: error: %s '%.*s'", c->cmd->line, message, (int)(wlen > 60 ? 60 : wlen), w);
    else
        snprintf(c->err, c->errlen, "%d: error: %s", c->cmd->line, message);
    return -1;
}

/* key, screenshot, drop: the rest of the line, trimmed (key names and file
 * names may hold spaces: "Left Shift"). */
static int parse_rest(LineCtx *c, const char *s, const char *end)
{
    ScriptCommand *cmd = c->cmd;
    const char *what = cmd->op == SCRIPT_KEY    ? "'key' needs a key name, like: key Return"
                       : cmd->op == SCRIPT_DROP ? "'drop' needs a file name, like: drop ours.deck"
                                                : "'screenshot' needs a file name, like: screenshot title.png";
    while (s < end && utext_is_blank(*s))
        s++;
    size_t n = (size_t)(end - s);
    while (n && utext_is_blank(s[n - 1]))
        n--;
    if (n == 0)
        return fail(c, what, NULL, 0);
    cmd->arg = utext_dup_range(s, n);
    return cmd->arg ? 0 : fail(c, "out of memory", NULL, 0);
}

static int parse_text(LineCtx *c, const char *s, const char *end)
{
    if (s < end && utext_is_blank(*s))
        s++;
    if (s == end)
        return fail(c, "'text' needs the text to type, like: text Alex", NULL, 0);
    c->cmd->arg = utext_dup_range(s, (size_t)(end - s));
    return c->cmd->arg ? 0 : fail(c, "out of memory", NULL, 0);
}

static int parse_point(LineCtx *c, const char *s, const char *end)
{
    ScriptCommand *cmd = c->cmd;
    const char *a, *b;
    size_t alen, blen;
    bool click = cmd->op == SCRIPT_CLICK;
    if (!word(&s, end, &a, &alen) || !word(&s, end, &b, &blen) || !at_end(s, end))
        return fail(c,
                    click ? "'click' needs two fractions of the window, like: click 0.5 0.8"
                          : "'move' needs two fractions of the window, like: move 0.5 0.8",
                    NULL, 0);
    const char *what = click ? "a click position is a fraction from 0 to 1, not"
                             : "a pointer position is a fraction from 0 to 1, not";
    if (!parse_fraction(a, alen, &cmd->x))
        return fail(c, what, a, alen);
    if (!parse_fraction(b, blen, &cmd->y))
        return fail(c, what, b, blen);
    return 0;
}

static int parse_pad(LineCtx *c, const char *s, const char *end)
{
    const char *a, *b;
    size_t alen, blen;
    long n;
    if (!word(&s, end, &a, &alen) || !word(&s, end, &b, &blen) || !at_end(s, end))
        return fail(c, "'pad' needs a gamepad number and a button, like: pad 1 a", NULL, 0);
    if (!utext_parse_int(a, alen, 1, 2, &n))
        return fail(c, "the gamepad is 1 or 2, not", a, alen);
    c->cmd->n = (int)n;
    c->cmd->arg = utext_dup_range(b, blen);
    return c->cmd->arg ? 0 : fail(c, "out of memory", NULL, 0);
}

/* unplug, wait, wheel and days: one number. */
static int parse_number(LineCtx *c, const char *s, const char *end)
{
    static const struct {
        const char *usage, *range;
        long min, max;
    } kinds[] = {
        {"'unplug' needs a gamepad number, like: unplug 1", "the gamepad is 1 or 2, not", 1, 2},
        {"'wait' needs a number of milliseconds, like: wait 300", "a wait is 0 to 3600000 milliseconds, not", 0,
         SCRIPT_WAIT_MAX_MS},
        {"'wheel' needs a number of notches, like: wheel -3 (negative scrolls down)",
         "the wheel turns 1 to 20 notches up, or -1 to -20 down, not", 1, SCRIPT_WHEEL_MAX},
        {"'days' needs a number of days, like: days 7", "the clock moves on 1 to 366 days, not", 1, SCRIPT_DAYS_MAX},
    };
    int k = c->cmd->op == SCRIPT_UNPLUG ? 0 : c->cmd->op == SCRIPT_WAIT ? 1 : c->cmd->op == SCRIPT_WHEEL ? 2 : 3;
    const char *a;
    size_t alen;
    long n;
    if (!word(&s, end, &a, &alen) || !at_end(s, end))
        return fail(c, kinds[k].usage, NULL, 0);
    bool down = k == 2 && alen > 1 && a[0] == '-';
    if (!utext_parse_int(a + down, alen - down, kinds[k].min, kinds[k].max, &n))
        return fail(c, kinds[k].range, a, alen);
    c->cmd->n = down ? -(int)n : (int)n;
    return 0;
}

static int parse_resize(LineCtx *c, const char *s, const char *end)
{
    const char *a, *b;
    size_t alen, blen;
    long wd, ht;
    if (!word(&s, end, &a, &alen) || !word(&s, end, &b, &blen) || !at_end(s, end))
        return fail(c, "'resize' needs a width and a height in pixels, like: resize 1920 1080", NULL, 0);
    if (!utext_parse_int(a, alen, 1, SCRIPT_SIZE_MAX, &wd))
        return fail(c, "a window width is 1 to 16384 pixels, not", a, alen);
    if (!utext_parse_int(b, blen, 1, SCRIPT_SIZE_MAX, &ht))
        return fail(c, "a window height is 1 to 16384 pixels, not", b, blen);
    c->cmd->n = (int)wd;
    c->cmd->m = (int)ht;
    return 0;
}

/* layout, quit: nothing after them. */
static int parse_bare(LineCtx *c, const char *s, const char *end)
{
    if (at_end(s, end))
        return 0;
    return fail(c, c->cmd->op == SCRIPT_LAYOUT ? "'layout' takes nothing after it" : "'quit' takes nothing after it",
                NULL, 0);
}

static int parse_command(LineCtx *c, const char *s, const char *end)
{
    static const struct {
        const char *name;
        int op;
        int (*parse)(LineCtx *c, const char *s, const char *end);
    } commands[] = {
        {"key", SCRIPT_KEY, parse_rest},         {"screenshot", SCRIPT_SCREENSHOT, parse_rest},
        {"drop", SCRIPT_DROP, parse_rest},       {"text", SCRIPT_TEXT, parse_text},
        {"click", SCRIPT_CLICK, parse_point},    {"move", SCRIPT_MOVE, parse_point},
        {"pad", SCRIPT_PAD, parse_pad},          {"unplug", SCRIPT_UNPLUG, parse_number},
        {"wait", SCRIPT_WAIT, parse_number},     {"resize", SCRIPT_RESIZE, parse_resize},
        {"wheel", SCRIPT_WHEEL, parse_number},   {"layout", SCRIPT_LAYOUT, parse_bare},
        {"quit", SCRIPT_QUIT, parse_bare},       {"days", SCRIPT_DAYS, parse_number},
    };
    const char *w;
    size_t wlen;
    word(&s, end, &w, &wlen);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (wlen == strlen(commands[i].name) && memcmp(w, commands[i].name, wlen) == 0) {
            c->cmd->op = commands[i].op;
            return commands[i].parse(c, s, end);
        }
    }
    return fail(c, "unknown command (use key, text, click, move, pad, unplug, wheel, wait, days, screenshot, resize, drop, layout or quit):", w, wlen);
}

int script_parse(const char *data, size_t len, Script *script, char *err, size_t errlen)
{
    memset(script, 0, sizeof *script);
    size_t cap = 0;
    int line = 0;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        size_t start = i;
        while (i < len && data[i] != '\n')
            i++;
        size_t end = i;
        if (i < len)
            i++;
        line++;
        if (end > start && data[end - 1] == '\r')
            end--;
        if (memchr(data + start, '\0', end - start)) {
            snprintf(err, errlen, "%d: error: a NUL byte is in this line; a script is plain text", line);
            goto fail;
        }
        if (end - start > SCRIPT_LINE_MAX) {
            snprintf(err, errlen, "%d: error: this line is longer than 4096 bytes", line);
            goto fail;
        }
        const char *s = data + start, *e = data + end;
        while (s < e && utext_is_blank(*s))
            s++;
        if (s == e || *s == '#')
            continue;
        if (script->count == cap) {
            cap = cap ? cap * 2 : 32;
            ScriptCommand *grown = realloc(script->commands, cap * sizeof *grown);
            if (!grown) {
                snprintf(err, errlen, "%d: error: out of memory", line);
                goto fail;
            }
            script->commands = grown;
        }
        ScriptCommand *cmd = &script->commands[script->count];
        *cmd = (ScriptCommand){.line = line};
        LineCtx ctx = {cmd, err, errlen};
        if (parse_command(&ctx, s, e) != 0) {
            free(cmd->arg);
            goto fail;
        }
        script->count++;
    }
    return 0;
fail:
    script_free(script);
    return -1;
}

enum { SCRIPT_FILE_MAX = 16 * 1024 * 1024 };

int script_load(const char *path, Script *script, char *err, size_t errlen)
{
    memset(script, 0, sizeof *script);
    size_t len;
    FilesError fe;
    char *buf = files_read(path, SCRIPT_FILE_MAX, &len, &fe);
    if (!buf) {
        char why[160];
        files_describe(&fe, SCRIPT_FILE_MAX, why, sizeof why);
        if (fe.status == FILES_E_MISSING || fe.status == FILES_E_OPEN)
            snprintf(err, errlen, "%s: error: cannot open the script: %s", path, why);
        else
            snprintf(err, errlen, "%s: error: cannot read the script: %s; a script must be an ordinary text file",
                     path, why);
        return -1;
    }
    char inner[512];
    int rc = script_parse(buf, len, script, inner, sizeof inner);
    free(buf);
    if (rc != 0)
        snprintf(err, errlen, "%s:%s", path, inner);
    return rc;
}

void script_free(Script *script)
{
    for (size_t i = 0; i < script->count; i++)
        free(script->commands[i].arg);
    free(script->commands);
    memset(script, 0, sizeof *script);
}
