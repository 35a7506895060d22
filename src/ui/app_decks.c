/* SPDX-License-Identifier: MIT */
/* The game window's decks: loading them in the background, watching their
 * folders for changes (a thread blocked in poll), files dropped on the
 * window, and the choice of the decks in play. */
#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_parts.h"
#include "watch.h"

bool app_speaks(const App *app, const char *language)
{
    return library_language_is(language, app->decks.language);
}

/* The decks a new game starts with: those of the card language
 * (library_default_enabled). A deck keeps its choice across refreshes (by
 * path). */
static void choose_decks(App *app, const char *const *old_paths, const bool *old_enabled, size_t old_count)
{
    /* The card language is read here, once per change, not per deck. */
    settings_card_language(&app->settings, app->decks.language, sizeof app->decks.language);
    app->decks.rows_built = false;
    bool *enabled = calloc(app->decks.library.count + 1, sizeof *enabled);
    if (!enabled)
        return;
    library_default_enabled(&app->decks.library, app->decks.language, enabled);
    for (size_t i = 0; i < app->decks.library.count; i++) {
        const LibraryEntry *e = &app->decks.library.items[i];
        for (size_t j = 0; e->deck && j < old_count; j++)
            if (strcmp(old_paths[j], e->path) == 0)
                enabled[i] = old_enabled[j];
    }
    free(app->decks.enabled);
    app->decks.enabled = enabled;
}

void app_choose_default_decks(App *app)
{
    choose_decks(app, NULL, NULL, 0);
    app->dirty = true;
}

void app_refresh_decks(App *app)
{
    app_decks_ready(app);
    size_t n = app->decks.library.count, kept = 0;
    char **paths = calloc(n + 1, sizeof *paths);
    bool *was = calloc(n + 1, sizeof *was);
    /* Out of memory, the decks' choices are forgotten rather than half kept:
     * kept counts the paths copied before the first that could not be. */
    for (size_t i = 0; paths && was && i < n; i++, kept++) {
        paths[i] = strdup(app->decks.library.items[i].path);
        if (!paths[i])
            break;
        was[i] = app->decks.enabled && app->decks.enabled[i];
    }
    if (library_refresh(&app->decks.library)) {
        choose_decks(app, (const char *const *)paths, was, kept);
        app->dirty = true;
    }
    for (size_t i = 0; i < kept; i++)
        free(paths[i]);
    free(paths);
    free(was);
}

/* The watcher thread: waits on the deck folders, and tells the loop when a
 * deck changed. Blocked in poll, it never wakes while nothing changes. */
static int watcher_main(void *data)
{
    App *app = data;
    struct pollfd fds[2] = {{watch_fd(app->decks.watch), POLLIN, 0}, {app->decks.wake_pipe[0], POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            return 0;
        if (fds[1].revents)
            return 0;
        if ((fds[0].revents & POLLIN) && watch_drain(app->decks.watch)) {
            SDL_Event ev = {.type = app->decks.event};
            SDL_PushEvent(&ev);
        }
    }
}

static void start_watching(App *app)
{
    const LibrarySources *s = &app->decks.library.sources;
    const char *dirs[64];
    size_t n = 0;
    dirs[n++] = s->builtin_dir;
    dirs[n++] = s->user_dir;
    for (size_t i = 0; i < s->dir_count && n < 40; i++)
        dirs[n++] = s->dirs[i];
    /* A --deck file is watched through its folder. */
    char parents[20][APP_PATH];
    for (size_t i = 0; i < s->file_count && i < 20; i++) {
        snprintf(parents[i], sizeof parents[i], "%s", s->files[i]);
        char *slash = strrchr(parents[i], '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(parents[i], sizeof parents[i], ".");
        dirs[n++] = parents[i];
    }
    app->decks.watch = watch_open(dirs, n);
    app->decks.event = SDL_RegisterEvents(1);
    if (!app->decks.watch || app->decks.event == (Uint32)-1 || pipe(app->decks.wake_pipe) != 0) {
        watch_close(app->decks.watch);
        app->decks.watch = NULL;
        return;
    }
    app->decks.watcher = SDL_CreateThread(watcher_main, "deck watcher", app);
}

static void stop_watching(App *app)
{
    if (app->decks.watcher) {
        char c = 0;
        if (write(app->decks.wake_pipe[1], &c, 1) == 1)
            SDL_WaitThread(app->decks.watcher, NULL);
        close(app->decks.wake_pipe[0]);
        close(app->decks.wake_pipe[1]);
    }
    watch_close(app->decks.watch);
}

/* ---- loading the decks in the background ----
 * With thousands of decks, reading them all takes seconds: the title comes
 * up at once while a thread loads them, and whatever needs the decks (any
 * screen but the title, a drop, a change on disk) waits for it then
 * (app_decks_ready). Under a script the title is drawn first too, and the
 * decks are waited for before the first command. */
static struct {
    SDL_Thread *thread;
    Library lib;
    int rc;
    atomic_bool done;
} loader;

/* The library holds its own copy of the sources, made before the thread
 * starts: a thread left running as the game quits (stop_loading) reads
 * nothing of the App or of the options, freed by then. */
static int loader_main(void *data)
{
    (void)data;
    loader.rc = library_fill(&loader.lib);
    atomic_store(&loader.done, true);
    return 0;
}

void app_decks_ready(App *app)
{
    if (!loader.thread)
        return;
    SDL_WaitThread(loader.thread, NULL);
    loader.thread = NULL;
    app->decks.library = loader.lib;
    if (loader.rc != 0)
        snprintf(app->notice, sizeof app->notice, "%s", _("There was not enough memory to load every deck."));
    choose_decks(app, NULL, NULL, 0);
    if (!app->scripted)
        start_watching(app);
    app->dirty = true;
}

void app_decks_start(App *app, const LibrarySources *sources)
{
    library_begin(&loader.lib, sources);
    atomic_store(&loader.done, false);
    loader.thread = SDL_CreateThread(loader_main, "deck loader", app);
    if (!loader.thread) {
        loader_main(NULL);
        loader.thread = NULL;
        app->decks.library = loader.lib;
        choose_decks(app, NULL, NULL, 0);
        if (!app->scripted)
            start_watching(app);
    }
}

/* Quitting while the decks still load: the thread is left to the end of
 * the process rather than waited for. */
static void stop_loading(App *app)
{
    if (loader.thread && !atomic_load(&loader.done)) {
        SDL_DetachThread(loader.thread);
        loader.thread = NULL;
        return;
    }
    if (loader.thread) {
        SDL_WaitThread(loader.thread, NULL);
        loader.thread = NULL;
        app->decks.library = loader.lib; /* to be freed with the rest */
    }
}

void app_drop_file(App *app, const char *path)
{
    char dest[APP_PATH], err[512];
    app_decks_ready(app);
    if (!app->decks.user_dir[0]) {
        snprintf(app->notice, sizeof app->notice, "%s",
                 _("There is no folder for your own decks, so the deck was not added."));
    } else if (library_import(app->decks.user_dir, path, dest, sizeof dest, err, sizeof err) != 0) {
        snprintf(app->notice, sizeof app->notice, "%s", err);
    } else {
        app_refresh_decks(app);
        const char *name = strrchr(dest, '/') ? strrchr(dest, '/') + 1 : dest;
        snprintf(app->notice, sizeof app->notice, _("%s was added to your decks; the Decks screen shows it."), name);
        for (size_t i = 0; i < app->decks.library.count; i++) {
            const LibraryEntry *e = &app->decks.library.items[i];
            if (strcmp(e->path, dest) == 0 && !e->deck)
                snprintf(app->notice, sizeof app->notice,
                         _("%s was added to your decks, but it has problems; the Decks screen lists them."), name);
        }
    }
    app->dirty = true;
}

void app_decks_in_play(const App *app, const Deck ***decks, const char ***names, size_t *n)
{
    size_t count = app->decks.library.count;
    if (decks)
        *decks = calloc(count + 1, sizeof **decks);
    if (names)
        *names = calloc(count + 1, sizeof **names);
    *n = 0;
    if ((decks && !*decks) || (names && !*names))
        return;
    for (size_t i = 0; i < count; i++) {
        const Deck *d = app->decks.library.items[i].deck;
        if (!d || !app->decks.enabled || !app->decks.enabled[i])
            continue;
        if (decks)
            (*decks)[*n] = d;
        if (names)
            (*names)[*n] = d->name;
        (*n)++;
    }
}


void app_decks_stop(App *app)
{
    stop_loading(app);
    stop_watching(app);
    library_free(&app->decks.library);
    free(app->decks.enabled);
    app->decks.enabled = NULL;
    free(app->decks.rows);
    free(app->decks.row_lang);
    app->decks.rows = NULL;
    app->decks.row_lang = NULL;
}
