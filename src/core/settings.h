/* SPDX-License-Identifier: MIT */
/* The player's settings: a small text file in the data directory that a
 * person can read and edit, saved atomically. Plain C. */
#ifndef TIGHTROPE_SETTINGS_H
#define TIGHTROPE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

enum { SETTINGS_TEXT_MIN = 100, SETTINGS_TEXT_MAX = 200, SETTINGS_TEXT_STEP = 25 };

typedef enum { SETTINGS_THEME_DARK, SETTINGS_THEME_CONTRAST } SettingsTheme;

/* A zeroed struct is not the defaults: use settings_defaults. */
typedef struct {
    bool fullscreen;
    int text_size;  /* percent: 100, 125, 150, 175 or 200 */
    SettingsTheme theme;
    bool sound;
    bool reduced_motion;
    bool broken;    /* the file on disk could not be read whole: it is set
                       aside before the next save, never overwritten */
} Settings;

void settings_defaults(Settings *s);

/* Reads path into s (starting from the defaults). A missing file is not a
 * problem: returns 0 with the defaults. A file with lines that make no
 * sense keeps the defaults for those, sets s->broken, writes one plain
 * sentence into msg and returns 1. Unreadable: returns 1 likewise. */
int settings_load(const char *path, Settings *s, char *msg, size_t msglen);

/* Writes s to path through a temporary file, fsync and rename. When
 * s->broken, the old file is first renamed to PATH.broken-YYYYMMDD-HHMMSS,
 * and broken is cleared. Returns 0, or -1 with a sentence in msg. */
int settings_save(const char *path, Settings *s, char *msg, size_t msglen);

#endif
