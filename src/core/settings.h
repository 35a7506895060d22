/* SPDX-License-Identifier: MIT */
/* The player's settings: a small text file in the data directory that a
 * person can read and edit, saved atomically. Plain C. */
#ifndef TIGHTROPE_SETTINGS_H
#define TIGHTROPE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

enum { SETTINGS_TEXT_MIN = 100, SETTINGS_TEXT_MAX = 200, SETTINGS_TEXT_STEP = 25 };

typedef enum { SETTINGS_THEME_DARK, SETTINGS_THEME_CONTRAST } SettingsTheme;

/* The language of the cards a new game starts with ("Card language"). */
typedef enum {
    SETTINGS_LANGUAGE_AUTO, /* from the locale: LC_ALL, LC_MESSAGES, LANG */
    SETTINGS_LANGUAGE_EN,
    SETTINGS_LANGUAGE_JA,
    SETTINGS_LANGUAGE_ES,
    SETTINGS_LANGUAGE_COUNT
} SettingsLanguage;

/* How fast cards are read aloud. */
typedef enum { SETTINGS_SPEED_SLOW, SETTINGS_SPEED_NORMAL, SETTINGS_SPEED_FAST, SETTINGS_SPEED_COUNT } SettingsSpeed;

/* A zeroed struct is not the defaults: use settings_defaults. */
typedef struct {
    bool fullscreen;
    int text_size;  /* percent: 100, 125, 150, 175 or 200 */
    SettingsTheme theme;
    bool sound;
    bool reduced_motion;
    SettingsLanguage language;
    bool read_aloud;        /* each card is read aloud as it is dealt (off by default) */
    SettingsSpeed speech_speed;
    bool phones;        /* Phones as controllers: served on the home network */
    bool keep_answers;  /* private answers are kept in the journal */
    bool both_answer;   /* after the reader answers a sharing card, the listener answers it too (on by default) */
    int left;           /* the partner who sits on the left: 0, Partner 1 (the default), or 1 */
    bool broken;    /* the file on disk could not be read whole: it is set
                       aside before the next save, never overwritten */
} Settings;

void settings_defaults(Settings *s);

/* Reads path into s (starting from the defaults). A missing file is not a
 * problem: returns 0 with the defaults. A file with lines that make no
 * sense, or of zero bytes, keeps the defaults for what it could not give,
 * sets s->broken, writes one plain sentence into msg and returns -1.
 * Unreadable: returns -1 likewise (s holds the defaults). A file from a
 * newer version is read as far as it makes sense and never set aside. The
 * file's first line, "# tightrope-settings N", names its version. */
int settings_load(const char *path, Settings *s, char *msg, size_t msglen);

/* Writes s to path through a temporary file, fsync and rename. When
 * s->broken, the old file is first renamed to PATH.broken-YYYYMMDD-HHMMSS,
 * and broken is cleared. Returns 0, or -1 with a sentence in msg. */
int settings_save(const char *path, Settings *s, char *msg, size_t msglen);

/* The short code of a language setting as written in the file: "auto",
 * "en", "ja", "es"; NULL when out of range. */
const char *settings_language_code(SettingsLanguage language);

/* The language of the player's locale, as a deck's `language:` would give
 * it: the first of LC_ALL, LC_MESSAGES and LANG that is set, up to its
 * first '_', '.', '@' or '-' ("ja_JP.UTF-8" gives "ja"); "en" for C, POSIX
 * or none. */
void settings_locale_language(char *out, size_t size);

/* The language a new game's cards are in: the setting's, or the locale's
 * when it is automatic. */
void settings_card_language(const Settings *s, char *out, size_t size);

#endif
