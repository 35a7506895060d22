/* SPDX-License-Identifier: MIT */
/* Where Tightrope finds its files: the built-in decks beside the executable
 * (or under its install prefix), and the deck files in a folder. */
#ifndef TIGHTROPE_PATHS_H
#define TIGHTROPE_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Finds the folder of built-in decks and writes its path into out:
 * $TIGHTROPE_DECKS_DIR when set and not empty; else, beside the executable
 * (found through /proc/self/exe, or argv0), the first of ../decks, decks and
 * ../share/tightrope/decks that is a folder. Returns 0, or -1 when none is,
 * with a sentence in msg saying where it looked. */
int paths_builtin_decks(const char *argv0, char *out, size_t outlen, char *msg, size_t msglen);

/* Finds the assets folder (icons) the same way: $TIGHTROPE_ASSETS_DIR, else
 * ../assets, assets or ../share/tightrope/assets beside the executable. */
int paths_assets(const char *argv0, char *out, size_t outlen, char *msg, size_t msglen);

/* Finds the message catalogues (locale/LANG/LC_MESSAGES/tightrope.mo):
 * $TIGHTROPE_LOCALE_DIR, else locale (the build folder) or ../share/locale
 * (installed) beside the executable. Returns 0, or -1 with a sentence in msg. */
int paths_locale(const char *argv0, char *out, size_t outlen, char *msg, size_t msglen);

/* Lists the *.deck files directly in dir as "dir/name", sorted by name so the
 * order never depends on the file system. Returns 0 and stores an array the
 * caller frees with paths_list_free; returns -1 with errno set on failure. */
int paths_list_decks(const char *dir, char ***paths, size_t *count);

/* Frees a list from paths_list_decks. NULL (with count 0) is fine. */
void paths_list_free(char **paths, size_t count);

#endif
