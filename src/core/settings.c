/* SPDX-License-Identifier: MIT */
/* The player's settings file: `key = value` lines, read leniently and
 * written atomically. */
#include "settings.h"
#include "clock.h"

#include "utext.h"

#include "files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void settings_defaults(Settings *s)
{
    *s = (Settings){.fullscreen = false, .text_size = 100, .theme = SETTINGS_THEME_DARK, .sound = true,
                    .reduced_motion = false, .language = SETTINGS_LANGUAGE_AUTO,
                    .read_aloud = false, .speech_speed = SETTINGS_SPEED_NORMAL, .both_answer = true};
}

static const char *const language_codes[SETTINGS_LANGUAGE_COUNT] = {"auto", "en", "ja", "es"};
static const char *const speed_names[SETTINGS_SPEED_COUNT] = {"slow", "normal", "fast"};

const char *settings_language_code(SettingsLanguage language)
{
    return (unsigned)language < SETTINGS_LANGUAGE_COUNT ? language_codes[language] : NULL;
}

void settings_locale_language(char *out, size_t size)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *value = NULL;
    for (size_t i = 0; i < 3 && !value; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            value = v;
    }
    if (!value || strcmp(value, "C") == 0 || strncmp(value, "C.", 2) == 0 || strcmp(value, "POSIX") == 0)
        value = "en";
    size_t n = 0;
    while (value[n] && value[n] != '_' && value[n] != '.' && value[n] != '@' && value[n] != '-' && n + 1 < size) {
        out[n] = value[n];
        n++;
    }
    if (size)
        out[n] = '\0';
}

void settings_card_language(const Settings *s, char *out, size_t size)
{
    if (s->language == SETTINGS_LANGUAGE_AUTO || (unsigned)s->language >= SETTINGS_LANGUAGE_COUNT)
        settings_locale_language(out, size);
    else
        snprintf(out, size, "%s", language_codes[s->language]);
}

static bool parse_bool(const char *v, bool *out)
{
    if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0 || strcmp(v, "false") == 0) {
        *out = false;
        return true;
    }
    return false;
}

/* The index of value among names (count of them), or -1. */
static int parse_name(const char *value, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(value, names[i]) == 0)
            return i;
    return -1;
}

static bool apply(Settings *s, const char *key, const char *value)
{
    int i;
    if (strcmp(key, "fullscreen") == 0)
        return parse_bool(value, &s->fullscreen);
    if (strcmp(key, "sound") == 0)
        return parse_bool(value, &s->sound);
    if (strcmp(key, "reduced-motion") == 0)
        return parse_bool(value, &s->reduced_motion);
    if (strcmp(key, "read-aloud") == 0)
        return parse_bool(value, &s->read_aloud);
    if (strcmp(key, "read-aloud-speed") == 0) {
        if ((i = parse_name(value, speed_names, SETTINGS_SPEED_COUNT)) < 0)
            return false;
        s->speech_speed = (SettingsSpeed)i;
        return true;
    }
    if (strcmp(key, "phones") == 0)
        return parse_bool(value, &s->phones);
    if (strcmp(key, "both-answer") == 0)
        return parse_bool(value, &s->both_answer);
    if (strcmp(key, "partner-1-sits") == 0) {
        static const char *const sides[] = {"left", "right"};
        if ((i = parse_name(value, sides, 2)) < 0)
            return false;
        s->left = i;
        return true;
    }
    if (strcmp(key, "phones-keep-answers") == 0)
        return parse_bool(value, &s->keep_answers);
    if (strcmp(key, "theme") == 0) {
        if (strcmp(value, "dark") == 0)
            s->theme = SETTINGS_THEME_DARK;
        else if (strcmp(value, "high-contrast") == 0)
            s->theme = SETTINGS_THEME_CONTRAST;
        else
            return false;
        return true;
    }
    if (strcmp(key, "language") == 0) {
        if ((i = parse_name(value, language_codes, SETTINGS_LANGUAGE_COUNT)) < 0)
            return false;
        s->language = (SettingsLanguage)i;
        return true;
    }
    if (strcmp(key, "text-size") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*end || end == value || v < SETTINGS_TEXT_MIN || v > SETTINGS_TEXT_MAX || v % SETTINGS_TEXT_STEP)
            return false;
        s->text_size = (int)v;
        return true;
    }
    return false;
}

/* Trims blanks and line ends on both sides of s, in place. */
static char *trim(char *s)
{
    while (utext_is_blank(*s))
        s++;
    size_t n = strlen(s);
    while (n && (utext_is_blank(s[n - 1]) || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Applies each `key = value` line of text to s. Returns the number of the
 * first line that makes no sense, or 0; *bad_both is set when that line
 * gives both-answer a value it cannot take. */
static int read_lines(char *text, size_t len, Settings *s, bool *bad_both)
{
    /* Lines of any length: the whole file is in memory, cut at each newline. */
    int number = 0, bad_line = 0;
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *next = nl ? nl + 1 : text + len;
        if (nl)
            *nl = '\0';
        number++;
        char *t = trim(line);
        line = next;
        if (!*t || *t == '#')
            continue;
        char *eq = strchr(t, '=');
        if (eq) {
            *eq = '\0';
            char *key = trim(t);
            if (apply(s, key, trim(eq + 1)))
                continue;
            if (!bad_line)
                *bad_both = strcmp(key, "both-answer") == 0;
        }
        if (!bad_line)
            bad_line = number;
    }
    return bad_line;
}

enum { SETTINGS_FILE_MAX = 1024 * 1024, SETTINGS_VERSION = 1 };

/* The first line of the file: a comment to older versions. */
static const char version_line[] = "# tightrope-settings ";

int settings_load(const char *path, Settings *s, char *msg, size_t msglen)
{
    settings_defaults(s);
    msg[0] = '\0';
    size_t len;
    FilesError fe;
    char *text = files_read(path, SETTINGS_FILE_MAX, &len, &fe);
    if (!text) {
        if (fe.status == FILES_E_MISSING)
            return 0;
        char why[160];
        files_describe(&fe, SETTINGS_FILE_MAX, why, sizeof why);
        /* A file far too big to be ours is set aside like garbage; anything
         * we could not read at all is left alone. */
        s->broken = fe.status == FILES_E_TOO_BIG;
        snprintf(msg, msglen, "The settings file could not be read (%s), so the defaults are used%s", why,
                 s->broken ? "; the old file will be kept beside the new one." : ".");
        return -1;
    }
    size_t zeros = 0;
    while (zeros < len && text[zeros] == '\0')
        zeros++;
    if (len > 0 && zeros == len) {
        /* A crash while the disk wrote it can leave a file of zeros. */
        free(text);
        s->broken = true;
        snprintf(msg, msglen,
                 "The settings file holds zero bytes, not text (a crash may have cut it short), so the defaults are "
                 "used; the old file will be kept beside the new one.");
        return -1;
    }
    long version = 0;
    if (strncmp(text, version_line, sizeof version_line - 1) == 0)
        version = strtol(text + sizeof version_line - 1, NULL, 10);
    bool bad_both = false;
    int bad_line = read_lines(text, len, s, &bad_both);
    free(text);
    if (bad_line && version > SETTINGS_VERSION) {
        snprintf(msg, msglen,
                 "The settings file was written by a newer version of the game; line %d makes no sense to this one, "
                 "so the defaults stand in for it.",
                 bad_line);
        return -1;
    }
    if (bad_line && bad_both) {
        s->broken = true;
        snprintf(msg, msglen,
                 "Line %d of the settings file: both-answer is yes or no, so both partners answer each sharing card "
                 "(the default); the old file will be kept beside the new one.",
                 bad_line);
        return -1;
    }
    if (bad_line) {
        s->broken = true;
        snprintf(msg, msglen,
                 "Line %d of the settings file makes no sense to this version, so the defaults stand in for what "
                 "could not be read; the old file will be kept beside the new one.",
                 bad_line);
        return -1;
    }
    return 0;
}

int settings_save(const char *path, Settings *s, char *msg, size_t msglen)
{
    char tmp[4096], aside[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(msg, msglen, "The settings path is too long.");
        return -1;
    }
    if (s->broken) {
        char stamp[32];
        files_broken_stamp(clock_now(), stamp, sizeof stamp);
        snprintf(aside, sizeof aside, "%s.broken-%s", path, stamp);
        if (access(aside, F_OK) != 0 && rename(path, aside) != 0 && errno != ENOENT) {
            snprintf(msg, msglen, "The old settings file could not be set aside (%s), so it was left as it is.",
                     strerror(errno));
            return -1;
        }
        s->broken = false;
    }
    char text[1024];
    int n = snprintf(text, sizeof text,
                     "%s%d\n"
                     "# Tightrope settings. Edit while the game is closed.\n"
                     "fullscreen = %s\ntext-size = %d\ntheme = %s\nsound = %s\nreduced-motion = %s\n"
                     "# Card language: auto (from the system's language), en, ja or es.\nlanguage = %s\n"
                     "# Read each card aloud as it is dealt: yes or no; its speed: slow, normal or fast.\n"
                     "read-aloud = %s\nread-aloud-speed = %s\n"
                     "# Phones as controllers, and whether private answers are kept in the journal.\n"
                     "phones = %s\nphones-keep-answers = %s\n"
                     "# After the reader answers a sharing card, the listener answers it too: yes or no.\n"
                     "both-answer = %s\n"
                     "# Where Partner 1 sits, on the left or the right of the screen (Swap sides).\n"
                     "partner-1-sits = %s\n",
                     version_line, SETTINGS_VERSION, s->fullscreen ? "yes" : "no", s->text_size,
                     s->theme == SETTINGS_THEME_CONTRAST ? "high-contrast" : "dark", s->sound ? "yes" : "no",
                     s->reduced_motion ? "yes" : "no", settings_language_code(s->language) ? settings_language_code(s->language) : "auto",
                     s->read_aloud ? "yes" : "no",
                     speed_names[(unsigned)s->speech_speed < SETTINGS_SPEED_COUNT ? s->speech_speed : SETTINGS_SPEED_NORMAL],
                     s->phones ? "yes" : "no", s->keep_answers ? "yes" : "no", s->both_answer ? "yes" : "no",
                     s->left == 1 ? "right" : "left");
    if (n < 0 || (size_t)n >= sizeof text || files_write_atomic(path, text, (size_t)n) != 0) {
        snprintf(msg, msglen, "The settings could not be saved (%s).", strerror(n < 0 ? EINVAL : errno));
        return -1;
    }
    return 0;
}
