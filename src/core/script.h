/* SPDX-License-Identifier: MIT */
/* Scripted play: the parser of --script files, one command a line, so that
 * tests and bug reports can drive the real game loop. Plain C; the front
 * end checks key and button names against SDL and runs the commands. */
#ifndef TIGHTROPE_SCRIPT_H
#define TIGHTROPE_SCRIPT_H

#include <stddef.h>

typedef enum {
    SCRIPT_KEY,        /* key NAME: an SDL key name */
    SCRIPT_TEXT,       /* text STRING: typed text (the rest of the line) */
    SCRIPT_CLICK,      /* click X Y: fractions of the window, 0..1 */
    SCRIPT_PAD,        /* pad N BUTTON: gamepad N (1 or 2), a controller button name */
    SCRIPT_WAIT,       /* wait MS: the virtual clock moves on */
    SCRIPT_SCREENSHOT, /* screenshot FILE.png */
    SCRIPT_RESIZE,     /* resize W H: the window's new size in pixels */
    SCRIPT_DROP,       /* drop FILE: a file dropped onto the window */
    SCRIPT_QUIT,
    SCRIPT_UNPLUG,     /* unplug N: gamepad N (1 or 2) is pulled out */
    SCRIPT_WHEEL,      /* wheel N: the mouse wheel turns N notches (negative: down, toward you) */
    SCRIPT_LAYOUT,     /* layout: what is on screen, and where, printed on standard output */
    SCRIPT_MOVE,       /* move X Y: the pointer moves there (fractions of the window) */
    SCRIPT_DAYS,       /* days N: the fixed clock moves on N days (1..366), a simulated week between two games */
} ScriptOp;

typedef struct {
    ScriptOp op;
    int line;
    char *arg;  /* KEY, TEXT, PAD (the button), SCREENSHOT, DROP: owned */
    double x, y; /* CLICK, MOVE */
    int n;       /* PAD, UNPLUG: the gamepad; WAIT: milliseconds; RESIZE: width; WHEEL: notches; DAYS: days */
    int m;       /* RESIZE: height */
} ScriptCommand;

typedef struct {
    ScriptCommand *commands;
    size_t count;
} Script;

enum { SCRIPT_WAIT_MAX_MS = 3600000, SCRIPT_SIZE_MAX = 16384, SCRIPT_LINE_MAX = 4096, SCRIPT_WHEEL_MAX = 20, SCRIPT_DAYS_MAX = 366 };

/* Parses a script held in memory. Returns 0 and fills script (freed with
 * script_free), or -1 with the first problem as "LINE: message" written to
 * err (the caller puts the file name in front) and script empty. */
int script_parse(const char *data, size_t len, Script *script, char *err, size_t errlen);

/* Reads and parses the file at path; errors read "PATH:LINE: error: ...". */
int script_load(const char *path, Script *script, char *err, size_t errlen);

void script_free(Script *script);

#endif
