/* SPDX-License-Identifier: MIT */
/* The deck library: every deck the game can find — built in, the player's
 * own folder, --decks-dir folders and --deck files — loaded with its
 * problems, refreshed when files change, and dropped files copied in. */
#ifndef TIGHTROPE_LIBRARY_H
#define TIGHTROPE_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "deck.h"

typedef enum { SOURCE_BUILTIN, SOURCE_USER, SOURCE_FOLDER, SOURCE_FILE, SOURCE_COUNT } DeckSource;

typedef struct {
    char *path;
    DeckSource source;
    Deck *deck;          /* NULL when the file has errors: listed, never played */
    DeckReport report;   /* its problems, warnings included */
    bool beside_builtin; /* not built in, but named like a built-in deck: shown as the player's */
    time_t mtime;        /* what the file was when loaded, to see it change */
    long mtime_ns;
    off_t size;
} LibraryEntry;

/* Where decks come from. Unset fields are skipped. */
typedef struct {
    const char *builtin_dir;
    const char *user_dir;
    const char *const *dirs;  /* --decks-dir */
    size_t dir_count;
    const char *const *files; /* --deck */
    size_t file_count;
} LibrarySources;

typedef struct {
    LibraryEntry *items; /* built-in first, then the player's, folders, files; by name within each */
    size_t count;
    LibrarySources sources; /* copied: the library owns its strings */
} Library;

/* Loads every deck from sources into lib (zeroed first). Returns 0, or -1
 * when memory runs out. Folders that do not exist are simply empty. */
int library_load(Library *lib, const LibrarySources *sources);
/* library_load in two steps, for loading on a thread of its own:
 * library_begin copies sources into lib (zeroed first), which needs them
 * no more; library_fill then loads every deck, as library_load does. */
void library_begin(Library *lib, const LibrarySources *sources);
int library_fill(Library *lib);

/* Looks at the sources again: loads new files, reloads changed ones, drops
 * removed ones. Returns true when anything changed. Entries that did not
 * change keep their place and their Deck pointer. */
bool library_refresh(Library *lib);

void library_free(Library *lib);

/* True when a deck's `language:` tag is in language lang ("en", "ja"...):
 * the same, or lang followed by a subtag ("pt" matches "pt-BR"). ASCII case
 * is ignored. */
bool library_language_is(const char *deck_language, const char *lang);

/* Which decks a new game starts with, for cards in language lang: writes
 * enabled[i] for each of lib's items (false for a deck with errors).
 *   - built-in decks: those in lang that are not packs; a kind with none in
 *     lang takes its built-in English decks that are not packs;
 *   - the player's own decks and --decks-dir folders: those in lang, or
 *     every one of a kind that has no deck in lang (packs aside); never packs;
 *   - --deck files: always.
 * Packs are themed decks (`pack: yes`) the couple switches on in setup. */
void library_default_enabled(const Library *lib, const char *lang, bool *enabled);

/* "built-in", "yours", "folder", "file". */
const char *library_source_name(DeckSource source);

/* The player's deck folder inside the data directory (created on first use,
 * with a README.txt saying in five lines how to write a deck). Returns 0, or
 * -1 with errno set. */
int library_user_dir(char *buf, size_t size);

/* Copies the deck file at src into dir (never moving it): as its own name
 * when that is free or holds the same bytes already, else as NAME-2.deck,
 * NAME-3.deck... so a different file is never overwritten. Names are made
 * safe first (no path, no control characters; invalid UTF-8 replaced).
 * Returns 0 with the copy's path in dest, or -1 with a plain sentence in err. */
int library_import(const char *dir, const char *src, char *dest, size_t destlen, char *err, size_t errlen);

#endif
