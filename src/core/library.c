/* SPDX-License-Identifier: MIT */
/* The deck library: finding, loading and refreshing every deck, and copying
 * dropped deck files into the player's folder without overwriting any. */
#include "library.h"

#include "files.h"
#include "utext.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "paths.h"

static const char readme[] =
    "Your own Tightrope decks go in this folder: plain text files whose names end in .deck.\n"
    "Start a deck with two lines, like 'deck: Our Anniversary' and 'kind: sharing'.\n"
    "Then write one card per line; 'level: 2' or 'weight: -1' lines change the cards after them.\n"
    "Save as UTF-8 text; the game sees changes at once, and its Decks screen shows any problem.\n"
    "The whole format, with a deck to copy: docs/DECKS.md, or run 'tightrope --check FILE'.\n";

bool library_language_is(const char *deck_language, const char *lang)
{
    size_t n = strlen(lang);
    if (!deck_language || n == 0 || strlen(deck_language) < n || !utext_ascii_ieq(deck_language, lang, n))
        return false;
    return deck_language[n] == '\0' || deck_language[n] == '-';
}

void library_default_enabled(const Library *lib, const char *lang, bool *enabled)
{
    bool builtin_has[KIND_COUNT] = {false}, any_has[KIND_COUNT] = {false};
    for (size_t i = 0; i < lib->count; i++) {
        const Deck *d = lib->items[i].deck;
        if (!d || (unsigned)d->kind >= KIND_COUNT || d->pack || !library_language_is(d->language, lang))
            continue;
        any_has[d->kind] = true;
        builtin_has[d->kind] |= lib->items[i].source == SOURCE_BUILTIN;
    }
    for (size_t i = 0; i < lib->count; i++) {
        const LibraryEntry *e = &lib->items[i];
        const Deck *d = e->deck;
        enabled[i] = false;
        if (!d || (unsigned)d->kind >= KIND_COUNT)
            continue;
        bool in_lang = library_language_is(d->language, lang);
        switch (e->source) {
        case SOURCE_BUILTIN:
            enabled[i] = !d->pack && (builtin_has[d->kind] ? in_lang : library_language_is(d->language, "en"));
            break;
        case SOURCE_FILE:
            enabled[i] = true;
            break;
        default:
            enabled[i] = !d->pack && (in_lang || !any_has[d->kind]);
            break;
        }
    }
}

const char *library_source_name(DeckSource source)
{
    static const char *const names[SOURCE_COUNT] = {"built-in", "yours", "folder", "file"};
    return (unsigned)source < SOURCE_COUNT ? names[source] : "?";
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void free_entry(LibraryEntry *e)
{
    free(e->path);
    deck_free(e->deck);
    deck_report_free(&e->report);
}

/* The paths the sources name now, in library order, with their source. */
typedef struct {
    char **paths;
    DeckSource *sources;
    size_t count, cap;
} PathList;

static int push_path(PathList *list, const char *path, DeckSource source)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 32;
        char **paths = realloc(list->paths, cap * sizeof *paths);
        if (!paths)
            return -1;
        list->paths = paths;
        DeckSource *sources = realloc(list->sources, cap * sizeof *sources);
        if (!sources)
            return -1;
        list->sources = sources;
        list->cap = cap;
    }
    list->paths[list->count] = strdup(path);
    if (!list->paths[list->count])
        return -1;
    list->sources[list->count++] = source;
    return 0;
}

static int push_dir(PathList *list, const char *dir, DeckSource source)
{
    char **paths;
    size_t count;
    if (!dir || paths_list_decks(dir, &paths, &count) != 0)
        return 0; /* a folder that is not there holds no decks */
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++)
        rc = push_path(list, paths[i], source);
    paths_list_free(paths, count);
    return rc;
}

static void path_list_free(PathList *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    free(list->sources);
}

static int gather(const LibrarySources *s, PathList *list)
{
    memset(list, 0, sizeof *list);
    int rc = push_dir(list, s->builtin_dir, SOURCE_BUILTIN);
    if (rc == 0)
        rc = push_dir(list, s->user_dir, SOURCE_USER);
    for (size_t i = 0; rc == 0 && i < s->dir_count; i++)
        rc = push_dir(list, s->dirs[i], SOURCE_FOLDER);
    for (size_t i = 0; rc == 0 && i < s->file_count; i++)
        rc = push_path(list, s->files[i], SOURCE_FILE);
    return rc;
}

static void stat_entry(LibraryEntry *e, const struct stat *st)
{
    e->mtime = st->st_mtim.tv_sec;
    e->mtime_ns = st->st_mtim.tv_nsec;
    e->size = st->st_size;
}

static bool unchanged(const LibraryEntry *e, const struct stat *st)
{
    return e->mtime == st->st_mtim.tv_sec && e->mtime_ns == st->st_mtim.tv_nsec && e->size == st->st_size;
}

/* A deck named like a built-in one, but not built in, is the player's own:
 * shown beside the built-in deck, never in its place. */
static void mark_beside(Library *lib)
{
    for (size_t i = 0; i < lib->count; i++) {
        LibraryEntry *e = &lib->items[i];
        e->beside_builtin = false;
        if (e->source == SOURCE_BUILTIN || !e->deck)
            continue;
        /* Built-in decks come first: the search ends at the first other. */
        for (size_t j = 0; j < lib->count && !e->beside_builtin && lib->items[j].source == SOURCE_BUILTIN; j++) {
            const LibraryEntry *b = &lib->items[j];
            e->beside_builtin = b->source == SOURCE_BUILTIN && b->deck && strcmp(b->deck->name, e->deck->name) == 0;
        }
    }
}

static bool rebuild(Library *lib)
{
    PathList list;
    if (gather(&lib->sources, &list) != 0) {
        path_list_free(&list);
        return false;
    }
    LibraryEntry *items = calloc(list.count ? list.count : 1, sizeof *items);
    if (!items) {
        path_list_free(&list);
        return false;
    }
    bool changed = list.count != lib->count;
    for (size_t i = 0; i < list.count; i++) {
        LibraryEntry *e = &items[i];
        struct stat st;
        bool have_stat = stat(list.paths[i], &st) == 0;
        /* Keep what has not changed, deck and all. The same place is
         * looked at first: with thousands of decks, most are still there. */
        for (size_t k = 0; have_stat && k <= lib->count; k++) {
            size_t j = k == 0 ? i : k - 1;
            if (j >= lib->count || (k > 0 && j == i))
                continue;
            LibraryEntry *old = &lib->items[j];
            if (old->path && strcmp(old->path, list.paths[i]) == 0 && unchanged(old, &st)) {
                *e = *old;
                e->source = list.sources[i];
                memset(old, 0, sizeof *old);
                changed |= j != i;
                break;
            }
        }
        if (e->path)
            continue;
        changed = true;
        e->path = list.paths[i];
        list.paths[i] = NULL;
        e->source = list.sources[i];
        if (have_stat)
            stat_entry(e, &st);
        e->deck = deck_load(e->path, &e->report);
    }
    for (size_t j = 0; j < lib->count; j++)
        if (lib->items[j].path) {
            free_entry(&lib->items[j]);
            changed = true;
        }
    free(lib->items);
    lib->items = items;
    lib->count = list.count;
    path_list_free(&list);
    mark_beside(lib);
    return changed;
}

static const char **copy_list(const char *const *src, size_t n)
{
    const char **out = calloc(n + 1, sizeof *out);
    for (size_t i = 0; out && i < n; i++)
        out[i] = dup_or_null(src[i]);
    return out;
}

void library_begin(Library *lib, const LibrarySources *sources)
{
    memset(lib, 0, sizeof *lib);
    LibrarySources *s = &lib->sources;
    s->builtin_dir = dup_or_null(sources->builtin_dir);
    s->user_dir = dup_or_null(sources->user_dir);
    s->dirs = copy_list(sources->dirs, sources->dir_count);
    s->dir_count = s->dirs ? sources->dir_count : 0;
    s->files = copy_list(sources->files, sources->file_count);
    s->file_count = s->files ? sources->file_count : 0;
}

int library_fill(Library *lib)
{
    lib->items = NULL;
    rebuild(lib);
    return lib->items ? 0 : -1;
}

int library_load(Library *lib, const LibrarySources *sources)
{
    library_begin(lib, sources);
    return library_fill(lib);
}

bool library_refresh(Library *lib)
{
    return rebuild(lib);
}

void library_free(Library *lib)
{
    for (size_t i = 0; i < lib->count; i++)
        free_entry(&lib->items[i]);
    free(lib->items);
    LibrarySources *s = &lib->sources;
    free((char *)s->builtin_dir);
    free((char *)s->user_dir);
    for (size_t i = 0; s->dirs && i < s->dir_count; i++)
        free((char *)s->dirs[i]);
    for (size_t i = 0; s->files && i < s->file_count; i++)
        free((char *)s->files[i]);
    free((void *)s->dirs);
    free((void *)s->files);
    memset(lib, 0, sizeof *lib);
}

/* ---- the player's folder ---- */

int library_user_dir(char *buf, size_t size)
{
    if (datadir_file("decks", buf, size) != 0)
        return -1;
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    /* A deck drop cut short by a kill leaves .import-PID.tmp: cleared here,
     * on the next start. */
    (void)files_clean_stale(buf, ".import-", ".tmp"); /* how many went does not matter */
    char path[4200];
    snprintf(path, sizeof path, "%s/README.txt", buf);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ssize_t n = write(fd, readme, sizeof readme - 1);
        close(fd);
        if (n != (ssize_t)(sizeof readme - 1))
            unlink(path);
    }
    return 0;
}

/* The file's last path part, made safe to use as a name: no control
 * characters, no invalid UTF-8, no leading dots. */
static void safe_name(const char *src, char *out, size_t size)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)base; *p && n + 4 < size;) {
        int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = len > 0;
        for (int i = 1; ok && i < len; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (!ok || *p < 0x20 || *p == 0x7F || *p == '\\') {
            out[n++] = '_';
            p++;
            continue;
        }
        if (n == 0 && *p == '.') {
            p++;
            continue;
        }
        memcpy(out + n, p, (size_t)len);
        n += (size_t)len;
        p += len;
    }
    out[n] = '\0';
}

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FilesError fe;
    char *buf = files_read(path, DECK_FILE_MAX_BYTES, len, &fe);
    if (!buf) {
        char why[160];
        files_describe(&fe, DECK_FILE_MAX_BYTES, why, sizeof why);
        snprintf(err, errlen, "The file could not be added: %s. Only ordinary .deck files of up to 64 MB can be added.",
                 why);
    }
    return buf;
}

/* True when path holds exactly data. */
static bool same_bytes(const char *path, const char *data, size_t len)
{
    char err[320]; /* the reason is not wanted here */
    size_t have;
    char *other = read_file(path, &have, err, sizeof err);
    bool same = other && have == len && memcmp(other, data, len) == 0;
    free(other);
    return same;
}

int library_import(const char *dir, const char *src, char *dest, size_t destlen, char *err, size_t errlen)
{
    err[0] = '\0';
    char name[256];
    safe_name(src, name, sizeof name);
    size_t nlen = strlen(name);
    if (nlen <= 5 || strcmp(name + nlen - 5, ".deck") != 0) {
        snprintf(err, errlen, "Only files whose names end in .deck can be added as decks.");
        return -1;
    }
    name[nlen - 5] = '\0';
    size_t len;
    char *data = read_file(src, &len, err, errlen);
    if (!data)
        return -1;
    int rc = -1;
    char tmp[4400];
    snprintf(tmp, sizeof tmp, "%s/.import-%ld.tmp", dir, (long)getpid());
    for (int n = 1; n < 1000; n++) {
        if (n == 1)
            snprintf(dest, destlen, "%s/%s.deck", dir, name);
        else
            snprintf(dest, destlen, "%s/%s-%d.deck", dir, name, n);
        if (access(dest, F_OK) == 0) {
            if (same_bytes(dest, data, len)) {
                rc = 0; /* already there, byte for byte */
                break;
            }
            continue;
        }
        /* Write a temporary file, then link it to the free name: link never
         * replaces a file that appeared meanwhile. */
        if (files_write_synced(tmp, data, len) != 0) {
            snprintf(err, errlen, "The deck could not be copied into %s: %s.", dir, strerror(errno));
            break;
        }
        if (files_link_new(tmp, dest) == 0) {
            /* The deck is in place and readable now; a folder that cannot
             * be synced only risks its name in a crash, so the copy stands. */
            (void)files_sync_dir(dir);
            rc = 0;
            break;
        }
        int e = errno;
        unlink(tmp);
        if (e != EEXIST) {
            snprintf(err, errlen, "The deck could not be copied into %s: %s.", dir, strerror(e));
            break;
        }
    }
    if (rc != 0 && !err[0])
        snprintf(err, errlen, "Every name for this deck is taken in %s.", dir);
    free(data);
    return rc;
}
