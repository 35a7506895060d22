/* SPDX-License-Identifier: MIT */
/* The game window: start-up options and the one call that runs it. */
#ifndef TIGHTROPE_APP_H
#define TIGHTROPE_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

typedef struct {
    bool fullscreen, windowed; /* --fullscreen / --windowed: override the setting */
    const char *font_file;     /* --font FILE */
    const char *script_file;   /* --script FILE: input from a file, virtual clock */
    bool has_seed;             /* --seed S */
    uint64_t seed;
    const char *decks_dir;     /* the built-in decks */
    const char *assets_dir;    /* icons */
    const char *const *extra_decks; /* --deck FILE... */
    int extra_deck_count;
    const char *const *decks_dirs;  /* --decks-dir DIR... */
    int decks_dir_count;
    const char *phones_listen; /* --phones-listen A.B.C.D:PORT: Phones on, there */
} AppOptions;

/* Opens the window and runs the game until the player quits (or the script
 * ends). Returns the process exit status: 0, or 1 after a message on stderr
 * when the window cannot be made or a script line is wrong. */
int app_run(const AppOptions *opt);

/* Draws Our week of record into a PNG of 1920x1080 at path, with no window
 * (a software renderer on a surface). Returns 0, or -1 with a sentence in err. */
int app_export_png(const Record *record, const char *path, const AppOptions *opt, char *err, size_t errlen);

#endif
