/* SPDX-License-Identifier: MIT */
/* The game window: start-up, the event loop (idle means idle), scripted
 * play on a virtual clock, and the glue between the screens and the engine. */
#include "app.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>
#include <sys/stat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL_image.h>
#include <SDL_ttf.h>

#include "datadir.h"
#include "export.h"
#include "paths.h"
#include "watch.h"
#include "screens.h"
#include "session.h"

enum { FRAME_MS = 16, DEAL_MS = 260, WALK_MS = 300, STAR_MS = 900 };

static const char *const screen_names[SCREEN_COUNT] = {
    [SCREEN_TITLE] = "title", [SCREEN_SETUP] = "setup",       [SCREEN_PLAY] = "play",   [SCREEN_WEEK] = "week",
    [SCREEN_HOWTO] = "howto", [SCREEN_SETTINGS] = "settings", [SCREEN_DECKS] = "decks",
    [SCREEN_CHECKIN] = "checkin", [SCREEN_JOURNEY] = "journey", [SCREEN_PREVIEW] = "preview",
    [SCREEN_CHOOSE] = "choose",
    [SCREEN_CONFIRM] = "confirm",
};

/* ---- decks ---- */

bool app_speaks(const App *app, const char *language)
{
    char lang[16];
    settings_card_language(&app->settings, lang, sizeof lang);
    return library_language_is(language, lang);
}

/* The decks a new game starts with: those of the card language
 * (library_default_enabled). A deck keeps its choice across refreshes (by
 * path). */
static void choose_decks(App *app, const char *const *old_paths, const bool *old_enabled, size_t old_count)
{
    char lang[16];
    settings_card_language(&app->settings, lang, sizeof lang);
    bool *enabled = calloc(app->library.count + 1, sizeof *enabled);
    if (!enabled)
        return;
    library_default_enabled(&app->library, lang, enabled);
    for (size_t i = 0; i < app->library.count; i++) {
        const LibraryEntry *e = &app->library.items[i];
        for (size_t j = 0; e->deck && j < old_count; j++)
            if (strcmp(old_paths[j], e->path) == 0)
                enabled[i] = old_enabled[j];
    }
    free(app->enabled);
    app->enabled = enabled;
}

void app_choose_default_decks(App *app)
{
    choose_decks(app, NULL, NULL, 0);
    app->dirty = true;
}

void app_refresh_decks(App *app)
{
    app_decks_ready(app);
    size_t n = app->library.count;
    char **paths = calloc(n + 1, sizeof *paths);
    bool *was = calloc(n + 1, sizeof *was);
    for (size_t i = 0; paths && was && i < n; i++) {
        paths[i] = strdup(app->library.items[i].path);
        was[i] = app->enabled && app->enabled[i];
    }
    if (library_refresh(&app->library)) {
        choose_decks(app, (const char *const *)paths, was, paths && was ? n : 0);
        app->dirty = true;
    }
    for (size_t i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
    free(was);
}

/* The watcher thread: waits on the deck folders, and tells the loop when a
 * deck changed. Blocked in poll, it never wakes while nothing changes. */
static int watcher_main(void *data)
{
    App *app = data;
    struct pollfd fds[2] = {{watch_fd(app->watch), POLLIN, 0}, {app->wake_pipe[0], POLLIN, 0}};
    for (;;) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR)
            return 0;
        if (fds[1].revents)
            return 0;
        if ((fds[0].revents & POLLIN) && watch_drain(app->watch)) {
            SDL_Event ev = {.type = app->decks_event};
            SDL_PushEvent(&ev);
        }
    }
}

static void start_watching(App *app)
{
    const LibrarySources *s = &app->library.sources;
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
    app->watch = watch_open(dirs, n);
    app->decks_event = SDL_RegisterEvents(1);
    if (!app->watch || app->decks_event == (Uint32)-1 || pipe(app->wake_pipe) != 0) {
        watch_close(app->watch);
        app->watch = NULL;
        return;
    }
    app->watcher = SDL_CreateThread(watcher_main, "deck watcher", app);
}

static void stop_watching(App *app)
{
    if (app->watcher) {
        char c = 0;
        if (write(app->wake_pipe[1], &c, 1) == 1)
            SDL_WaitThread(app->watcher, NULL);
        close(app->wake_pipe[0]);
        close(app->wake_pipe[1]);
    }
    watch_close(app->watch);
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
    LibrarySources sources;
    int rc;
    atomic_bool done;
} loader;

static int loader_main(void *data)
{
    (void)data;
    loader.rc = library_load(&loader.lib, &loader.sources);
    atomic_store(&loader.done, true);
    return 0;
}

void app_decks_ready(App *app)
{
    if (!loader.thread)
        return;
    SDL_WaitThread(loader.thread, NULL);
    loader.thread = NULL;
    app->library = loader.lib;
    if (loader.rc != 0)
        snprintf(app->notice, sizeof app->notice, "There was not enough memory to load every deck.");
    choose_decks(app, NULL, NULL, 0);
    if (!app->scripted)
        start_watching(app);
    app->dirty = true;
}

static void start_loading(App *app, const LibrarySources *sources)
{
    loader.sources = *sources;
    atomic_store(&loader.done, false);
    loader.thread = SDL_CreateThread(loader_main, "deck loader", app);
    if (!loader.thread) {
        loader_main(NULL);
        loader.thread = NULL;
        app->library = loader.lib;
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
        app->library = loader.lib; /* to be freed with the rest */
    }
}

/* A deck file dropped on the window is copied into the player's folder. */
static void dropped(App *app, const char *path)
{
    char dest[APP_PATH], err[512];
    app_decks_ready(app);
    if (!app->user_decks[0]) {
        snprintf(app->notice, sizeof app->notice, "There is no folder for your own decks, so the deck was not added.");
    } else if (library_import(app->user_decks, path, dest, sizeof dest, err, sizeof err) != 0) {
        snprintf(app->notice, sizeof app->notice, "%s", err);
    } else {
        app_refresh_decks(app);
        const char *name = strrchr(dest, '/') ? strrchr(dest, '/') + 1 : dest;
        snprintf(app->notice, sizeof app->notice, "%s was added to your decks; the Decks screen shows it.", name);
        for (size_t i = 0; i < app->library.count; i++) {
            const LibraryEntry *e = &app->library.items[i];
            if (strcmp(e->path, dest) == 0 && !e->deck)
                snprintf(app->notice, sizeof app->notice,
                         "%s was added to your decks, but it has problems; the Decks screen lists them.", name);
        }
    }
    app->dirty = true;
}

/* ---- screens ---- */

void app_goto(App *app, ScreenId screen)
{
    if (screen != SCREEN_TITLE)
        app_decks_ready(app);
    Box focus;
    bool focused = ui_focused_box(&app->ui, &focus);
    bool back = app->left_count > 0 && app->left[app->left_count - 1].screen == screen;
    if (back) {
        focus = app->left[--app->left_count].focus;
    } else if (screen != app->screen) {
        int cap = (int)(sizeof app->left / sizeof *app->left);
        if (app->left_count == cap) {
            memmove(app->left, app->left + 1, sizeof app->left - sizeof *app->left);
            app->left_count--;
        }
        app->left[app->left_count].screen = app->screen;
        app->left[app->left_count].focus = focused ? focus : (Box){0};
        app->left_count++;
    }
    app->screen = screen;
    app->paused = false;
    app->error[0] = '\0';
    ui_focus_primary(&app->ui);
    if (back)
        ui_focus_box(&app->ui, focus);
    app->dirty = true;
}

float app_anim(const App *app, const Anim *anim)
{
    if (anim->duration <= 0 || app->settings.reduced_motion || app->now >= anim->start + (uint64_t)anim->duration)
        return 1.0f;
    if (app->now <= anim->start)
        return 0.0f;
    return (float)(app->now - anim->start) / (float)anim->duration;
}

static bool anim_running(const App *app, const Anim *anim)
{
    return app_anim(app, anim) < 1.0f;
}

static bool animating(const App *app)
{
    return anim_running(app, &app->deal) || anim_running(app, &app->walk) || anim_running(app, &app->star);
}

static void start_anim(App *app, Anim *anim, int ms)
{
    anim->start = app->now;
    anim->duration = app->settings.reduced_motion ? 0 : ms;
}

/* Starts the motions and sounds that show what an action changed. */
static void show_change(App *app, const GameView *before)
{
    const GameView *v = &app->view;
    bool new_cards = v->phase != before->phase || v->card_count != before->card_count;
    for (int i = 0; !new_cards && i < v->card_count; i++)
        new_cards = v->cards[i].id != before->cards[i].id || v->cards[i].text != before->cards[i].text;
    if (new_cards && v->card_count > 0) {
        start_anim(app, &app->deal, DEAL_MS);
        audio_play(app->audio, SOUND_DEAL, app->now);
    }
    if (v->balance != before->balance) {
        float shown = app->walk_to;
        if (anim_running(app, &app->walk)) {
            float t = app_anim(app, &app->walk);
            shown = app->walk_from + (app->walk_to - app->walk_from) * t;
        }
        app->walk_from = shown;
        app->walk_to = (float)v->balance;
        start_anim(app, &app->walk, WALK_MS);
    }
    if (v->stars > before->stars) {
        start_anim(app, &app->star, STAR_MS);
        audio_play(app->audio, SOUND_STAR, app->now);
    }
    if (v->phase == PHASE_SHARING && (before->phase != PHASE_SHARING || new_cards)) {
        app->timer_start = app->now;
        app->timer_rang = false;
    }
}

/* The journal, when this copy may write to it (not read-only beside
 * another copy that holds it). */
static bool writable(const App *app)
{
    return app->journal && !journal_read_only(app->journal);
}

/* The names of the decks in play, for the record of a game. */
/* The decks in play and their names, as many as are chosen (no limit):
 * arrays of *n to free (either may be NULL when not wanted). */
static void decks_in_play(const App *app, const Deck ***decks, const char ***names, size_t *n)
{
    size_t count = app->library.count;
    if (decks)
        *decks = calloc(count + 1, sizeof **decks);
    if (names)
        *names = calloc(count + 1, sizeof **names);
    *n = 0;
    if ((decks && !*decks) || (names && !*names))
        return;
    for (size_t i = 0; i < count; i++) {
        const Deck *d = app->library.items[i].deck;
        if (!d || !app->enabled || !app->enabled[i])
            continue;
        if (decks)
            (*decks)[*n] = d;
        if (names)
            (*names)[*n] = d->name;
        (*n)++;
    }
}

/* The game is over: it becomes a record, kept in the journal when there is one. */
static void finish_game(App *app)
{
    record_free(&app->record);
    app->has_record = false;
    const char **names = NULL;
    size_t n = 0;
    decks_in_play(app, NULL, &names, &n);
    if (writable(app)) {
        JournalStatus st = session_finish(app->journal, app->game, names, n, &app->record);
        app->has_record = st == JOURNAL_OK;
        if (st != JOURNAL_OK)
            snprintf(app->notice, sizeof app->notice, "%s", journal_message(st));
    }
    if (!app->has_record) {
        GameSummary sum;
        game_summary(app->game, &sum);
        char played[RECORD_PLAYED_SIZE];
        record_format_time(app->today, played);
        app->has_record = record_from_summary(&app->record, &sum, names, n, played);
    }
    free(names);
    app->export_note[0] = '\0';
    app->week_page = 0;
}

bool app_act(App *app, Action action)
{
    if (!app->game)
        return false;
    GameView before = app->view;
    JournalStatus saved = JOURNAL_OK;
    /* Once saving has stopped, the game goes on from memory: no step is
     * written until Try saving again keeps the whole game at once. */
    GameError err =
        session_apply(app->save_failed == JOURNAL_OK && writable(app) ? app->journal : NULL, app->game, action, &saved);
    if (err != GAME_OK) {
        /* Shown on the screen: as a sentence. */
        snprintf(app->error, sizeof app->error, "%s.", game_error_message(err));
        if (app->error[0] >= 'a' && app->error[0] <= 'z')
            app->error[0] = (char)(app->error[0] - 'a' + 'A');
        app->dirty = true;
        return false;
    }
    app->error[0] = '\0';
    if (saved != JOURNAL_OK) {
        snprintf(app->notice, sizeof app->notice, "%s", journal_message(saved));
        app->save_failed = saved;
    }
    game_view(app->game, &app->view);
    show_change(app, &before);
    /* Each new moment or card starts from its primary action, so that a
     * Pass never carries the focus on to the next card. */
    ui_focus_primary(&app->ui);
    if (app->view.phase == PHASE_OVER) {
        finish_game(app);
        app_goto(app, SCREEN_WEEK);
    }
    app->dirty = true;
    return true;
}

/* Why a game cannot start, said to the couple with what to do about it. */
static void setup_message(App *app, GameError err, const char *detail)
{
    char *out = app->setup_error;
    size_t size = sizeof app->setup_error;
    switch (err) {
    case GAME_E_MISSING_KIND: {
        bool has[KIND_COUNT] = {false};
        for (size_t i = 0; i < app->library.count; i++)
            if (app->library.items[i].deck && app->enabled[i])
                has[app->library.items[i].deck->kind] = true;
        size_t n = (size_t)snprintf(out, size, "Switch on at least");
        int missing = 0;
        for (int k = 0; k < KIND_COUNT; k++)
            missing += !has[k];
        for (int k = 0, said = 0; k < KIND_COUNT && n < size; k++) {
            if (has[k])
                continue;
            char kind[32];
            snprintf(kind, sizeof kind, "%s", kind_label((CardKind)k));
            kind[0] = (char)(kind[0] - 'A' + 'a');
            said++;
            n += (size_t)snprintf(out + n, size - n, "%s one %s deck", said == 1 ? "" : said == missing ? " and" : ",",
                                  kind);
        }
        if (n < size)
            snprintf(out + n, size - n, " to start.");
        return;
    }
    case GAME_E_FEW_CARDS:
        snprintf(out, size, "The decks in play are not enough for a game (%.150s). Switch on more decks to start.",
                 detail);
        return;
    case GAME_E_TOO_MANY_CARDS:
        snprintf(out, size, "Too many cards are in play. Switch off some decks to start.");
        return;
    case GAME_E_NAME_TEXT:
    case GAME_E_NAME_LENGTH:
        snprintf(out, size, "A name has a character that cannot be shown. Type the names again to start.");
        return;
    case GAME_E_NOMEM:
        snprintf(out, size, "There is not enough memory for a game. Close other programs, then start again.");
        return;
    default:
        /* Settings the screen never offers: the engine's reason, as a sentence. */
        snprintf(out, size, "%.240s.", detail);
        if (out[0] >= 'a' && out[0] <= 'z')
            out[0] = (char)(out[0] - 'a' + 'A');
        return;
    }
}

bool app_start_game(App *app)
{
    const Deck **decks = NULL;
    const char **played = NULL;
    size_t n = 0;
    decks_in_play(app, &decks, &played, &n);
    const char *names[2] = {app->names[0][0] ? app->names[0] : "Player 1", app->names[1][0] ? app->names[1] : "Player 2"};
    /* Cards the couple saw in earlier games come after the ones they have not. */
    JournalSeen seen = {0};
    if (app->journal)
        session_recent_cards(app->journal, names[0], names[1], decks, n, &seen);
    GameOptions opt = {
        .names = {names[0], names[1]},
        .rounds = app->rounds,
        .needs = {app->needs[0], app->needs[1]},
        .timer_minutes = app->timer_minutes,
        .seen_texts = (const char *const *)seen.texts,
        .seen_count = seen.count,
    };
    Game *game = NULL;
    char detail[256];
    GameError err = game_new(&opt, decks, n, app->seed, &game, detail, sizeof detail);
    journal_seen_free(&seen);
    free(decks);
    if (err != GAME_OK) {
        free(played);
        setup_message(app, err, detail);
        return false;
    }
    game_free(app->game);
    app->game = game;
    app->save_failed = JOURNAL_OK;
    if (writable(app)) {
        JournalStatus st = session_begin(app->journal, game, played, n);
        app->save_failed = st;
        if (st != JOURNAL_OK)
            snprintf(app->notice, sizeof app->notice, "%s", journal_message(st));
    }
    free(played);
    app->seed = app->seed * 6364136223846793005ull + 1442695040888963407ull;
    game_view(game, &app->view);
    app->walk_from = app->walk_to = (float)app->view.balance;
    app->goal[0] = '\0';
    app->plan_day = -1;
    app->goal_where = false;
    app->setup_error[0] = '\0';
    GameView none = {.phase = PHASE_COUNT, .balance = app->view.balance, .stars = app->view.stars};
    show_change(app, &none);
    app_goto(app, SCREEN_PLAY);
    return true;
}

void app_new_game(App *app)
{
    journal_checkin_free(&app->checkin);
    app->celebrate[0] = '\0';
    if (writable(app) && journal_checkin(app->journal, &app->checkin) == JOURNAL_OK && app->checkin.record.id != 0) {
        app->checkin_item = -1;
        app_goto(app, SCREEN_CHECKIN);
        return;
    }
    app_goto(app, SCREEN_SETUP);
}

/* ---- the journal ---- */

/* Picks up the game in progress, if the journal holds one. */
static void resume_game(App *app)
{
    if (!app->journal || !journal_has_progress(app->journal))
        return;
    /* A game that ended but was never recorded (a crash at the end, in an
     * older version) goes into the journey now, never lost. */
    Record recovered;
    JournalStatus st = session_recover(app->journal, &recovered);
    if (st == JOURNAL_OK) {
        record_free(&recovered);
        snprintf(app->notice, sizeof app->notice, "Your last game had ended without being kept; it is in Our journey now.");
        return;
    }
    if (!journal_has_progress(app->journal))
        return;
    Game *game = NULL;
    char err[256];
    st = session_resume(app->journal, &game, NULL, err, sizeof err);
    if (st != JOURNAL_OK) {
        snprintf(app->notice, sizeof app->notice, "The game in progress could not be continued: %s",
                 st == JOURNAL_E_CORRUPT || st == JOURNAL_E_NEWER_VERSION ? err : journal_message(st));
        return;
    }
    game_free(app->game);
    app->game = game;
    app->goal_where = false;
    game_view(game, &app->view);
    app->walk_from = app->walk_to = (float)app->view.balance;
    app->plan_day = -1;
}

/* Under a script the journal's calendar is fixed like the screen's, so the
 * same script leaves the same journal and draws the same Our week. */
static time_t script_clock(void)
{
    struct tm fixed = {.tm_year = 126, .tm_mon = 0, .tm_mday = 5, .tm_hour = 20, .tm_isdst = -1};
    return mktime(&fixed);
}

/* The title's sentence for a journal that did not open: what happened,
 * why (found by looking at the path or the environment), what to do. */
static void journal_open_notice(App *app)
{
    JournalStatus st = app->journal_status;
    char why[APP_PATH + 128] = "";
    if (st == JOURNAL_E_NO_PLACE)
        datadir_problem(why, sizeof why);
    else if (st == JOURNAL_E_CANNOT_OPEN || st == JOURNAL_E_READ_ONLY || st == JOURNAL_E_IO || st == JOURNAL_E_NOT_FOUND)
        journal_path_problem(app->journal_file, why, sizeof why);
    if (why[0])
        snprintf(app->notice, sizeof app->notice, "%s Why: %s. Put that right, then start Tightrope again.",
                 journal_message(st), why);
    else
        snprintf(app->notice, sizeof app->notice, "%s", journal_message(st));
}

static void open_journal(App *app, bool read_only)
{
    journal_close(app->journal);
    app->journal = NULL;
    JournalOptions opt = {.read_only = read_only, .clock = app->scripted ? script_clock : NULL};
    if (app->journal_file[0])
        app->journal_status = journal_open(app->journal_file, &opt, &app->journal);
    else
        app->journal_status = journal_open_default(&opt, &app->journal, app->journal_file, sizeof app->journal_file);
    if (app->journal_status != JOURNAL_OK) {
        app->journal = NULL;
        journal_open_notice(app);
        return;
    }
    if (read_only) {
        /* The other copy's game in progress is its own: not continued here. */
        snprintf(app->notice, sizeof app->notice,
                 "The journal is open read-only, as another copy of Tightrope is using it: Our journey shows its "
                 "games, and a game played here is not kept.");
        return;
    }
    resume_game(app);
}

/* The names of the last game, in progress or finished, fill the setup
 * screen, so a couple types them once. The stand-ins for no name do not. */
static void remember_names(App *app)
{
    Record last = {0};
    const char *names[2] = {NULL, NULL};
    if (app->game) {
        names[0] = app->view.names[0];
        names[1] = app->view.names[1];
    } else if (app->journal && journal_load_game(app->journal, 0, &last) == JOURNAL_OK) {
        names[0] = last.names[0];
        names[1] = last.names[1];
    }
    for (int p = 0; p < 2; p++) {
        char stand_in[16];
        snprintf(stand_in, sizeof stand_in, "Player %d", p + 1);
        if (names[p] && strcmp(names[p], stand_in) != 0)
            snprintf(app->names[p], sizeof app->names[p], "%s", names[p]);
    }
    record_free(&last);
}

void app_journal_fresh(App *app)
{
    char moved[APP_PATH];
    JournalStatus st = journal_move_aside(app->journal_file, 0, moved, sizeof moved);
    if (st != JOURNAL_OK) {
        snprintf(app->notice, sizeof app->notice, "%s", journal_message(st));
        app->dirty = true;
        return;
    }
    open_journal(app, false);
    if (app->journal)
        snprintf(app->notice, sizeof app->notice, "A fresh journal was started; the old one is kept as %s.", moved);
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

void app_journal_read_only(App *app)
{
    open_journal(app, true);
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

bool app_saving_note(const App *app, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!app->game)
        return false;
    if (!app->journal) {
        snprintf(buf, size, "This game is not being kept. %s", journal_message(app->journal_status));
        return false;
    }
    if (journal_read_only(app->journal)) {
        snprintf(buf, size, "This game will not be kept: another copy of Tightrope is using the journal, so this one "
                            "only reads it.");
        return false;
    }
    if (app->save_failed == JOURNAL_OK)
        return false;
    session_saving_stopped(app->save_failed, buf, size);
    return true;
}

void app_save_again(App *app)
{
    if (!app->game || !app->journal)
        return;
    const char **names = NULL;
    size_t n = 0;
    decks_in_play(app, NULL, &names, &n);
    JournalStatus st = session_save_again(app->journal, app->game, names, n);
    free(names);
    app->save_failed = st;
    snprintf(app->notice, sizeof app->notice, "%s",
             st == JOURNAL_OK ? "Saving works again: the whole game is kept." : journal_message(st));
    ui_focus_primary(&app->ui);
    app->dirty = true;
}

void app_leave_game(App *app)
{
    game_free(app->game);
    app->game = NULL;
    app->goal_where = false;
    app_goto(app, SCREEN_TITLE);
}

/* Where exports go: ~/Documents when it exists, else the data folder's exports/. */
static bool export_dir(char *dir, size_t size)
{
    const char *home = getenv("HOME");
    if (home && home[0] == '/') {
        snprintf(dir, size, "%s/Documents", home);
        DIR *d = opendir(dir);
        if (d) {
            closedir(d);
            return true;
        }
    }
    if (datadir_file("exports", dir, size) != 0)
        return false;
    mkdir(dir, 0700);
    return true;
}

void app_export_week(App *app)
{
    char dir[APP_PATH];
    app->dirty = true;
    if (!app->has_record || !export_dir(dir, sizeof dir)) {
        snprintf(app->export_note, sizeof app->export_note, "There is no folder to export to.");
        return;
    }
    ExportFiles files;
    ExportStatus st = export_write(&app->record, dir, NULL, &files);
    if (st != EXPORT_OK) {
        snprintf(app->export_note, sizeof app->export_note, "%s", export_message(st));
        return;
    }
    char err[256];
    AppOptions opt = {.font_file = app->font_file, .assets_dir = app->gfx.assets};
    bool png = app_export_png(&app->record, files.png, &opt, err, sizeof err) == 0;
    /* The folder as the couple knows it: ~ for the home folder. */
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    bool under_home = hl > 1 && strncmp(dir, home, hl) == 0 && dir[hl] == '/';
    snprintf(app->export_note, sizeof app->export_note, "Saved in %s%.500s: %.300s.md, .ics%s", under_home ? "~" : "",
             under_home ? dir + hl : dir, strrchr(files.stem, '/') ? strrchr(files.stem, '/') + 1 : files.stem,
             png ? " and .png" : "");
}

/* ---- settings ---- */

static void apply_window(App *app)
{
    Uint32 flags = SDL_GetWindowFlags(app->window);
    bool is_full = (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
    if (is_full != app->settings.fullscreen)
        SDL_SetWindowFullscreen(app->window, app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

static void resize(App *app)
{
    int w, h;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    if (gfx_resize(&app->gfx, w, h, app->settings.text_size / 100.0f)) {
        input_pointer_reset(&app->input);
        app->dirty = true;
    }
}

void app_apply_settings(App *app)
{
    app->gfx.theme = gfx_theme(app->settings.theme == SETTINGS_THEME_CONTRAST ? THEME_CONTRAST : THEME_DARK);
    audio_set_enabled(app->audio, app->settings.sound);
    apply_window(app);
    resize(app);
    char msg[256];
    if (app->settings_path[0] && settings_save(app->settings_path, &app->settings, msg, sizeof msg) != 0)
        snprintf(app->notice, sizeof app->notice, "%s", msg);
    app->dirty = true;
}

/* ---- one frame, three passes ---- */

void app_run_pass(App *app, UiPass pass)
{
    Ui *ui = &app->ui;
    ui->now = (float)(app->now / 1000.0);
    ui_begin(ui, pass);
    if (pass == UI_DRAW)
        gfx_clear(&app->gfx);
    static void (*const screens[SCREEN_COUNT])(App *) = {
        [SCREEN_TITLE] = screen_title,       [SCREEN_SETUP] = screen_setup, [SCREEN_PLAY] = screen_play,
        [SCREEN_WEEK] = screen_week,         [SCREEN_HOWTO] = screen_howto, [SCREEN_SETTINGS] = screen_settings,
        [SCREEN_DECKS] = screen_decks,       [SCREEN_CHECKIN] = screen_checkin, [SCREEN_JOURNEY] = screen_journey,
        [SCREEN_PREVIEW] = screen_preview,   [SCREEN_CHOOSE] = screen_choose,
        [SCREEN_CONFIRM] = screen_confirm,
    };
    ScreenId screen = app->screen;
    bool paused = app->paused;
    ui->blocked = paused;
    screens[screen](app);
    if (paused && app->screen == screen) {
        ui->blocked = false;
        screen_pause(app);
    }
    ui_keyboard(ui);
    ui_end(ui);
}

/* The moment on screen in one line: "screen play plan-pick round 1 turn 1
 * step 2" (step: the actions taken so far). */
static void trace_line(const App *app, char *line, size_t size)
{
    int n = snprintf(line, size, "screen %s", screen_names[app->screen]);
    if (app->paused)
        snprintf(line + n, size - (size_t)n, " paused");
    else if (app->screen == SCREEN_PLAY && app->game) {
        GameSummary sum;
        game_summary(app->game, &sum);
        /* A day picked for the plan shows its time, though the day is not final yet. */
        /* So is the question after a typed goal. */
        const char *moment = app->view.phase == PHASE_PLAN_DAY && app->plan_day >= 0 ? "plan-time"
                             : app->view.phase == PHASE_SOLO_PICK && app->goal_where ? "solo-where"
                                                                                      : game_phase_name(app->view.phase);
        snprintf(line + n, size - (size_t)n, " %s round %d turn %d step %d", moment, app->view.round,
                 app->view.turn + 1, sum.step_count);
    }
}

/* Under a script, the sentences a player reads about the journal are
 * traced too, each when it changes: "notice: ..." (the title screen's) and
 * "saving: ..." (the play and pause screens'). */
static void trace_notes(const App *app)
{
    static char notice[sizeof app->notice], saving[APP_PATH + 256];
    char note[APP_PATH + 256];
    if (app->screen == SCREEN_TITLE && strcmp(app->notice, notice) != 0) {
        snprintf(notice, sizeof notice, "%s", app->notice);
        if (notice[0])
            printf("notice: %s\n", notice);
    }
    if (app->screen == SCREEN_PLAY) {
        app_saving_note(app, note, sizeof note);
        if (strcmp(note, saving) != 0) {
            snprintf(saving, sizeof saving, "%s", note);
            printf("saving: %s\n", note[0] ? note : "every card is kept again");
        }
    }
    fflush(stdout);
}

/* Under a script, each new screen or moment of play is written on stdout,
 * one line each, so tests can follow a game: "screen play plan-pick round 1
 * turn 1 step 2" (step: the actions taken so far; "solo-where" is the
 * question "Where does it happen?" after a typed goal). */
static void trace(App *app)
{
    if (!app->scripted)
        return;
    char line[128];
    trace_line(app, line, sizeof line);
    if (strcmp(line, app->traced) != 0) {
        printf("%s\n", line);
        fflush(stdout);
        snprintf(app->traced, sizeof app->traced, "%s", line);
    }
    trace_notes(app);
}

/* With TIGHTROPE_TRACE=FILE, each picture that differs from the last is
 * described in FILE, so a test driving the real window knows what is on
 * screen and where, in window pixels:
 *   frame N
 *   screen ... (trace_line)
 *   window W H windowed|fullscreen
 *   motion 1|0   (1 while a card is dealt, the walker walks or a star shines)
 *   focus I
 *   message TEXT   (when the screen shows a message: setup's, play's, the title's, confirm's,
 *                   or which check-in question is asked)
 *   widget I button|field|area X Y W H FLAGS TEXT   (FLAGS: primary,selected,disabled,quiet or -)
 *   end
 * Runs after the layout pass, so the widgets are this picture's. */
static void trace_frame(App *app)
{
    if (!app->trace_file)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return;
    char line[128];
    trace_line(app, line, sizeof line);
    bool full = (SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN) != 0;
    fprintf(m, "%s\nwindow %d %d %s\nmotion %d\nfocus %d\n", line, app->gfx.win_w, app->gfx.win_h,
            full ? "fullscreen" : "windowed", animating(app), app->ui.focus);
    const char *message = app->screen == SCREEN_SETUP  ? app->setup_error
                          : app->screen == SCREEN_PLAY ? app->error
                          : app->screen == SCREEN_TITLE ? app->notice
                                                        : "";
    char confirm[640];
    if (app->screen == SCREEN_CONFIRM && app->game) {
        confirm_text(app, confirm, sizeof confirm);
        for (char *c = confirm; *c; c++)
            *c = *c == '\n' ? ' ' : *c;
        message = confirm;
    }
    if (app->screen == SCREEN_CHECKIN && app->checkin_item >= 0) {
        snprintf(confirm, sizeof confirm, "Check-in question %d of %zu", app->checkin_item + 1,
                 app->checkin.record.plan_count + app->checkin.record.goal_count);
        message = confirm;
    }
    if (message[0])
        fprintf(m, "message %s\n", message);
    static const struct {
        int flag;
        const char *name;
    } flag_names[] = {{UI_PRIMARY, "primary"}, {UI_SELECTED, "selected"}, {UI_DISABLED, "disabled"}, {UI_QUIET, "quiet"}};
    for (int i = 0; i < app->ui.count; i++) {
        const Widget *w = &app->ui.widgets[i];
        SDL_Rect r = gfx_px(&app->gfx, w->box);
        const char *kind = (w->flags & UI_FIELD) ? "field" : w->text[0] ? "button" : "area";
        fprintf(m, "widget %d %s %d %d %d %d ", i, kind, r.x, r.y, r.w, r.h);
        int shown = 0;
        for (size_t f = 0; f < sizeof flag_names / sizeof *flag_names; f++)
            if (w->flags & flag_names[f].flag)
                fprintf(m, "%s%s", shown++ ? "," : "", flag_names[f].name);
        fprintf(m, "%s %s\n", shown ? "" : "-", w->text);
    }
    fclose(m);
    if (!buf)
        return;
    if (app->trace_last && strcmp(app->trace_last, buf) == 0) {
        free(buf);
        return;
    }
    fprintf(app->trace_file, "frame %u\n%send\n", ++app->trace_frames, buf);
    fflush(app->trace_file);
    free(app->trace_last);
    app->trace_last = buf;
}

static void draw(App *app)
{
    trace(app);
    app_run_pass(app, UI_LAYOUT);
    trace_frame(app);
    gfx_marks_reset(&app->gfx);
    app_run_pass(app, UI_DRAW);
    /* The game checks its own layout on every still frame it draws. */
    if (app->gfx.marking && !animating(app))
        gfx_audit(&app->gfx, screen_names[app->screen]);
    SDL_RenderPresent(app->renderer);
    app->dirty = false;
}

static void handle_input(App *app, const Input *in)
{
    if (in->type == IN_FULLSCREEN) {
        app->settings.fullscreen = !app->settings.fullscreen;
        app_apply_settings(app);
        return;
    }
    if (in->type == IN_MUTE) {
        app->settings.sound = !app->settings.sound;
        app_apply_settings(app);
        return;
    }
    app_run_pass(app, UI_LAYOUT);
    app->ui.changed = false;
    if (ui_route(&app->ui, in))
        app_run_pass(app, UI_ACT);
    if (app->ui.changed || in->type != IN_POINT)
        app->dirty = true;
}

static void handle_event(App *app, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_QUIT:
        app->running = false;
        return;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || ev->window.event == SDL_WINDOWEVENT_RESIZED)
            resize(app);
        if (ev->window.event == SDL_WINDOWEVENT_EXPOSED || ev->window.event == SDL_WINDOWEVENT_SHOWN)
            app->dirty = true;
        return;
    case SDL_DROPFILE:
        dropped(app, ev->drop.file);
        SDL_free(ev->drop.file);
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        text_flush(app->text);
        gfx_resize(&app->gfx, 0, 0, app->gfx.text_scale);
        resize(app);
        return;
    default:
        if (app->watch && ev->type == app->decks_event) {
            app_refresh_decks(app);
            return;
        }
        break;
    }
    Input in;
    if (input_translate(&app->input, ev, &app->gfx, ui_typing(&app->ui) || app->ui.keyboard_open, &in))
        handle_input(app, &in);
}

/* The sharing timer rings once, quietly, when its time is up. */
static int timer_wait(App *app)
{
    if (app->screen != SCREEN_PLAY || !app->game || app->view.phase != PHASE_SHARING || !app->view.timer_minutes ||
        app->timer_rang || app->paused)
        return -1;
    uint64_t end = app->timer_start + (uint64_t)app->view.timer_minutes * 60000;
    if (app->now >= end) {
        app->timer_rang = true;
        audio_play(app->audio, SOUND_TIMER, app->now);
        app->dirty = true;
        return -1;
    }
    /* The ring is redrawn each second while it runs (its digits change):
     * whenever the second shown is not the second it is now. */
    uint64_t elapsed = app->now - app->timer_start;
    if ((int)(elapsed / 1000) != app->timer_drawn)
        app->dirty = true;
    return (int)(1000 - elapsed % 1000);
}

/* ---- scripted play ---- */

typedef struct {
    Script script;
    const char *path;
    SDL_Joystick *pads[INPUT_PADS];
} Runner;

static int check_script(const Runner *r)
{
    for (size_t i = 0; i < r->script.count; i++) {
        const ScriptCommand *c = &r->script.commands[i];
        if (c->op == SCRIPT_KEY && SDL_GetKeyFromName(c->arg) == SDLK_UNKNOWN) {
            fprintf(stderr, "%s:%d: error: unknown key '%s' (use SDL key names: Return, Escape, Right, Tab, F11...)\n",
                    r->path, c->line, c->arg);
            return -1;
        }
        if (c->op == SCRIPT_PAD && SDL_GameControllerGetButtonFromString(c->arg) == SDL_CONTROLLER_BUTTON_INVALID) {
            fprintf(stderr, "%s:%d: error: unknown gamepad button '%s' (use a, b, x, y, start, dpup, dpdown...)\n",
                    r->path, c->line, c->arg);
            return -1;
        }
    }
    return 0;
}

static void pump(App *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        handle_event(app, &ev);
}

static void push_key(SDL_Keycode key, Uint32 type)
{
    SDL_Event ev = {0};
    ev.type = type;
    ev.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    ev.key.keysym.sym = key;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&ev);
}

static void push_text(const char *text)
{
    size_t len = strlen(text);
    for (size_t at = 0; at < len;) {
        size_t n = len - at < 31 ? len - at : 31;
        while (n > 0 && at + n < len && ((unsigned char)text[at + n] & 0xC0) == 0x80)
            n--;
        SDL_Event ev = {0};
        ev.type = SDL_TEXTINPUT;
        memcpy(ev.text.text, text + at, n);
        SDL_PushEvent(&ev);
        at += n;
    }
}

/* The pointer moves to (fx, fy), fractions of the window; returns the pixel. */
static SDL_Point push_move(App *app, double fx, double fy)
{
    int w, h;
    SDL_GetWindowSize(app->window, &w, &h);
    int x = (int)(fx * (w - 1) + 0.5), y = (int)(fy * (h - 1) + 0.5);
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEMOTION;
    ev.motion.x = x;
    ev.motion.y = y;
    SDL_PushEvent(&ev);
    return (SDL_Point){x, y};
}

static void push_click(App *app, double fx, double fy)
{
    SDL_Point at = push_move(app, fx, fy);
    int x = at.x, y = at.y;
    for (int i = 0; i < 2; i++) {
        SDL_Event b = {0};
        b.type = i == 0 ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        b.button.button = SDL_BUTTON_LEFT;
        b.button.state = i == 0 ? SDL_PRESSED : SDL_RELEASED;
        b.button.clicks = 1;
        b.button.x = x;
        b.button.y = y;
        SDL_PushEvent(&b);
    }
}

/* Presses a button on virtual gamepad n (1-based), attaching it first. */
static void press_pad(App *app, Runner *r, int n, const char *name)
{
    SDL_Joystick **joy = &r->pads[n - 1];
    if (!*joy) {
        int device = SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_AXIS_MAX,
                                               SDL_CONTROLLER_BUTTON_MAX, 0);
        if (device < 0)
            return;
        *joy = SDL_JoystickOpen(device);
        pump(app); /* the game opens it as a controller */
    }
    SDL_GameControllerButton b = SDL_GameControllerGetButtonFromString(name);
    for (int state = 1; state >= 0; state--) {
        SDL_JoystickSetVirtualButton(*joy, b, (Uint8)state);
        SDL_JoystickUpdate();
        pump(app);
    }
}

/* Pulls virtual gamepad n (1-based) out, as a player might mid-game. */
static void unplug_pad(App *app, Runner *r, int n)
{
    SDL_Joystick **joy = &r->pads[n - 1];
    if (!*joy)
        return;
    SDL_JoystickID id = SDL_JoystickInstanceID(*joy);
    for (int i = 0; i < SDL_NumJoysticks(); i++) {
        if (SDL_JoystickGetDeviceInstanceID(i) == id) {
            SDL_JoystickDetachVirtual(i);
            break;
        }
    }
    SDL_JoystickClose(*joy);
    *joy = NULL;
    pump(app); /* the game sees it go */
}

static int screenshot(App *app, const char *path)
{
    draw(app);
    int w, h;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    int rc = -1;
    if (s && SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0)
        rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc;
}

/* Lets time pass on the virtual clock, drawing the frames a player would see. */
static void advance(App *app, int ms)
{
    uint64_t end = app->now + (uint64_t)ms;
    while (app->now < end) {
        uint64_t step = end - app->now < FRAME_MS ? end - app->now : FRAME_MS;
        bool moving = animating(app);
        app->now += step;
        timer_wait(app);
        audio_idle(app->audio, app->now);
        pump(app);
        /* Every frame of a motion, and the one where it has just ended. */
        if (moving || animating(app) || app->dirty)
            draw(app);
    }
}

static int run_script(App *app, Runner *r)
{
    int status = 0;
    draw(app);
    app_decks_ready(app);
    for (size_t i = 0; i < r->script.count && app->running; i++) {
        const ScriptCommand *c = &r->script.commands[i];
        switch (c->op) {
        case SCRIPT_KEY: {
            SDL_Keycode key = SDL_GetKeyFromName(c->arg);
            push_key(key, SDL_KEYDOWN);
            push_key(key, SDL_KEYUP);
            break;
        }
        case SCRIPT_TEXT:
            push_text(c->arg);
            break;
        case SCRIPT_CLICK:
            push_click(app, c->x, c->y);
            break;
        case SCRIPT_MOVE:
            push_move(app, c->x, c->y);
            break;
        case SCRIPT_PAD:
            press_pad(app, r, c->n, c->arg);
            break;
        case SCRIPT_UNPLUG:
            unplug_pad(app, r, c->n);
            break;
        case SCRIPT_WAIT:
            advance(app, c->n);
            break;
        case SCRIPT_SCREENSHOT:
            if (screenshot(app, c->arg) != 0) {
                fprintf(stderr, "%s:%d: error: the screenshot %s could not be written: %s\n", r->path, c->line, c->arg,
                        SDL_GetError());
                status = 1;
                app->running = false;
            }
            break;
        case SCRIPT_RESIZE:
            SDL_SetWindowSize(app->window, c->n, c->m);
            break;
        case SCRIPT_DROP: {
            SDL_Event ev = {0};
            ev.type = SDL_DROPFILE;
            ev.drop.file = SDL_strdup(c->arg);
            SDL_PushEvent(&ev);
            break;
        }
        case SCRIPT_WHEEL: {
            SDL_Event ev = {0};
            ev.type = SDL_MOUSEWHEEL;
            ev.wheel.y = c->n;
            ev.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
            SDL_PushEvent(&ev);
            break;
        }
        case SCRIPT_LAYOUT:
            pump(app);
            draw(app);
            gfx_marks_dump(&app->gfx, stdout, screen_names[app->screen]);
            break;
        case SCRIPT_QUIT:
            app->running = false;
            break;
        }
        pump(app);
        if (app->dirty)
            draw(app);
    }
    return status;
}

/* ---- the loop ---- */

static void run_loop(App *app)
{
    while (app->running) {
        app->now = SDL_GetTicks64();
        if (app->dirty)
            draw(app);
        /* Idle means idle: block until an event, or until the next moment
         * something has to move (a motion, the timer, closing the audio). */
        bool moving = animating(app);
        int wait = moving ? FRAME_MS : -1;
        int t = timer_wait(app);
        if (t >= 0 && (wait < 0 || t < wait))
            wait = t;
        int a = audio_idle(app->audio, app->now);
        if (a >= 0 && (wait < 0 || a < wait))
            wait = a;
        SDL_Event ev;
        bool got = wait < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, wait);
        app->now = SDL_GetTicks64();
        if (got) {
            handle_event(app, &ev);
            while (SDL_PollEvent(&ev))
                handle_event(app, &ev);
        }
        /* While something moves, every frame is drawn, the last one too
         * (the one where the motion has just ended). */
        if (moving || animating(app))
            app->dirty = true;
    }
}

/* ---- SIGTERM and SIGINT ----
 * Both are blocked in every thread and taken by one thread of their own
 * (sigwait), so they are answered at every moment: during start-up (reading
 * files, opening the journal, loading decks) the process ends at once, as
 * nothing is half-written then (the journal survives any kill); once the
 * game runs, they quit it like closing the window, so the game is kept. */
static atomic_bool signals_started, signals_stopping;
static pthread_t signal_thread;
static bool signal_thread_running;

static void *signal_main(void *data)
{
    sigset_t *set = data;
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0)
            continue;
        if (atomic_load(&signals_stopping))
            return NULL;
        if (!atomic_load(&signals_started))
            _exit(128 + sig);
        SDL_Event quit = {.type = SDL_QUIT};
        SDL_PushEvent(&quit);
    }
    return NULL;
}

static void catch_signals(void)
{
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    signal_thread_running =
        pthread_sigmask(SIG_BLOCK, &set, NULL) == 0 && pthread_create(&signal_thread, NULL, signal_main, &set) == 0;
    /* SDL's own handlers would only queue a quit nobody reads during start-up. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
}

/* The game is closing: the signal thread is woken and waited for. */
static void release_signals(void)
{
    if (!signal_thread_running)
        return;
    atomic_store(&signals_stopping, true);
    pthread_kill(signal_thread, SIGTERM);
    pthread_join(signal_thread, NULL);
    signal_thread_running = false;
}

static void settings_start(App *app, const AppOptions *opt)
{
    settings_defaults(&app->settings);
    char msg[512];
    if (datadir_file("settings.conf", app->settings_path, sizeof app->settings_path) != 0) {
        app->settings_path[0] = '\0';
    } else if (settings_load(app->settings_path, &app->settings, msg, sizeof msg) != 0) {
        snprintf(app->notice, sizeof app->notice, "%s", msg);
    }
    if (opt->fullscreen)
        app->settings.fullscreen = true;
    if (opt->windowed)
        app->settings.fullscreen = false;
    if (opt->script_file)
        app->settings_path[0] = '\0'; /* a script never changes the player's settings */
    i18n_use(settings_language_code(app->settings.language));
}

int app_run(const AppOptions *opt)
{
    App *app = calloc(1, sizeof *app);
    Runner runner = {.path = opt->script_file};
    int status = 1;
    if (!app) {
        fprintf(stderr, "tightrope: out of memory\n");
        return 1;
    }
    catch_signals();
    if (opt->script_file) {
        char err[1024];
        if (script_load(opt->script_file, &runner.script, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            free(app);
            release_signals();
            return 1;
        }
    }
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "tightrope: the window cannot be opened: %s\n", SDL_GetError());
        goto done;
    }
    if (opt->script_file && check_script(&runner) != 0)
        goto done;
    settings_start(app, opt);
    app->scripted = opt->script_file != NULL;
    const char *trace_path = getenv("TIGHTROPE_TRACE");
    if (trace_path && *trace_path && !(app->trace_file = fopen(trace_path, "w")))
        fprintf(stderr, "tightrope: the trace %s cannot be written: %s\n", trace_path, strerror(errno));
    /* Under a script the calendar is fixed too, so screenshots repeat: Monday 5 January 2026. */
    app->today = app->scripted ? script_clock() : time(NULL);
    Uint32 flags = SDL_WINDOW_RESIZABLE | (app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    app->window = SDL_CreateWindow("Tightrope", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (!app->window) {
        fprintf(stderr, "tightrope: the window cannot be opened: %s\n", SDL_GetError());
        goto done;
    }
    SDL_SetWindowMinimumSize(app->window, 320, 180);
    if (opt->assets_dir) {
        /* The window's icon: the game's own, drawn as SVG. */
        char icon[APP_PATH + 32];
        snprintf(icon, sizeof icon, "%s/icons/tightrope.svg", opt->assets_dir);
        SDL_RWops *rw = SDL_RWFromFile(icon, "rb");
        SDL_Surface *surface = rw ? IMG_LoadSizedSVG_RW(rw, 128, 128) : NULL;
        if (rw)
            SDL_RWclose(rw);
        if (surface) {
            SDL_SetWindowIcon(app->window, surface);
            SDL_FreeSurface(surface);
        }
    }
    app->renderer = SDL_CreateRenderer(app->window, -1, app->scripted ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC);
    if (!app->renderer)
        app->renderer = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer) {
        fprintf(stderr, "tightrope: nothing can be drawn in the window: %s\n", SDL_GetError());
        goto done;
    }
    char err[512];
    app->text = text_init(app->renderer, opt->font_file, err, sizeof err);
    if (!app->text) {
        fprintf(stderr, "tightrope: %s\n", err);
        goto done;
    }
    gfx_init(&app->gfx, app->renderer, app->text, opt->assets_dir);
    app->gfx.report = app->scripted;
    app->gfx.marking = app->scripted;
    ui_init(&app->ui, &app->gfx);
    input_init(&app->input);
    app->audio = audio_init(app->settings.sound);
    app->gfx.theme = gfx_theme(app->settings.theme == SETTINGS_THEME_CONTRAST ? THEME_CONTRAST : THEME_DARK);
    resize(app);
    SDL_StartTextInput();

    app->font_file = opt->font_file;
    open_journal(app, false);
    if (library_user_dir(app->user_decks, sizeof app->user_decks) != 0)
        app->user_decks[0] = '\0';
    LibrarySources sources = {
        .builtin_dir = opt->decks_dir,
        .user_dir = app->user_decks[0] ? app->user_decks : NULL,
        .dirs = opt->decks_dirs,
        .dir_count = (size_t)opt->decks_dir_count,
        .files = opt->extra_decks,
        .file_count = (size_t)opt->extra_deck_count,
    };
    start_loading(app, &sources);
    remember_names(app);
    app->rounds = GAME_ROUNDS_DEFAULT;
    app->plan_day = -1;
    app->seed = opt->has_seed ? opt->seed : ((uint64_t)time(NULL) << 20) ^ SDL_GetPerformanceCounter();
    app->running = true;
    app->dirty = true;
    app_goto(app, SCREEN_TITLE);
    atomic_store(&signals_started, true);
    if (app->scripted)
        status = run_script(app, &runner);
    else {
        run_loop(app);
        status = 0;
    }
done:
    stop_loading(app);
    script_free(&runner.script);
    for (int i = 0; i < INPUT_PADS; i++)
        if (runner.pads[i])
            SDL_JoystickClose(runner.pads[i]);
    game_free(app->game);
    journal_close(app->journal);
    journal_checkin_free(&app->checkin);
    record_free(&app->record);
    stop_watching(app);
    library_free(&app->library);
    free(app->enabled);
    if (app->trace_file)
        fclose(app->trace_file);
    free(app->trace_last);
    input_deinit(&app->input);
    audio_deinit(app->audio);
    if (app->text) {
        gfx_deinit(&app->gfx);
        text_deinit(app->text);
    }
    if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->window)
        SDL_DestroyWindow(app->window);
    free(app);
    TTF_Quit();
    SDL_Quit();
    release_signals();
    return status;
}
