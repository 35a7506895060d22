/* SPDX-License-Identifier: MIT */
/* The game window: start-up, the event loop (idle means idle), one picture
 * in three passes, and the glue between the screens and the engine. The
 * script runner, the decks, the journal and the exports have files of their
 * own (app_script.c, app_decks.c, app_journal.c, app_export.c). */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "app_parts.h"
#include "clock.h"
#include "datadir.h"
#include "image.h"
#include "reading.h"
#include "input.h"
#include "phones_ui.h"
#include "session.h"

enum { DEAL_MS = 260, WALK_MS = 300, STAR_MS = 900, BREAK_MS = 2500, REVEAL_MS = 2000 };

const char *const app_screen_names[SCREEN_COUNT] = {
    [SCREEN_TITLE] = "title", [SCREEN_SETUP] = "setup",       [SCREEN_PLAY] = "play",   [SCREEN_WEEK] = "week",
    [SCREEN_HOWTO] = "howto", [SCREEN_SETTINGS] = "settings", [SCREEN_DECKS] = "decks",
    [SCREEN_CHECKIN] = "checkin", [SCREEN_JOURNEY] = "journey", [SCREEN_PREVIEW] = "preview",
    [SCREEN_CHOOSE] = "choose", [SCREEN_REVEAL] = "reveal",
    [SCREEN_CONFIRM] = "confirm", [SCREEN_PHONES] = "phones",
};

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
    if (screen == SCREEN_JOURNEY)
        app->journal.journey_read = false; /* read again: a game may have been kept since */
    app->screen = screen;
    audio_keep(app->audio, screen == SCREEN_SETUP || screen == SCREEN_PLAY || screen == SCREEN_CHECKIN);
    app->paused = false;
    app->play.error[0] = '\0';
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

bool app_animating(const App *app)
{
    return anim_running(app, &app->play.deal) || anim_running(app, &app->play.walk) || anim_running(app, &app->play.star) ||
           anim_running(app, &app->play.listen) || anim_running(app, &app->play.reveal) || app_break_showing(app);
}

bool app_break_showing(const App *app)
{
    return app->screen == SCREEN_PLAY && app->play.break_round > 0 && app->now < app->play.break_end;
}

static void start_anim(App *app, Anim *anim, int ms)
{
    anim->start = app->now;
    anim->duration = app->settings.reduced_motion ? 0 : ms;
}

/* Starts the motions and sounds that show what an action changed. */
static void show_change(App *app, const GameView *before)
{
    const GameView *v = &app->play.view;
    bool new_cards = v->phase != before->phase || v->card_count != before->card_count;
    for (int i = 0; !new_cards && i < v->card_count; i++)
        new_cards = v->cards[i].id != before->cards[i].id || v->cards[i].text != before->cards[i].text;
    if (new_cards && v->card_count > 0) {
        start_anim(app, &app->play.deal, DEAL_MS);
        audio_play(app->audio, SOUND_DEAL, app->now);
        reading_dealt(app);
    }
    if (v->listening && !before->listening)
        start_anim(app, &app->play.listen, DEAL_MS);
    if (v->balance != before->balance) {
        float shown = app->play.walk_to;
        if (anim_running(app, &app->play.walk)) {
            float t = app_anim(app, &app->play.walk);
            shown = app->play.walk_from + (app->play.walk_to - app->play.walk_from) * t;
        }
        app->play.walk_from = shown;
        app->play.walk_to = (float)v->balance;
        start_anim(app, &app->play.walk, WALK_MS);
    }
    if (v->stars > before->stars) {
        start_anim(app, &app->play.star, STAR_MS);
        audio_play(app->audio, SOUND_STAR, app->now);
    }
    /* A round ended: a short break says how it went (its words stay under
     * reduced motion; only the movement goes). */
    if (before->round > 0 && (v->round != before->round || (v->phase == PHASE_OVER && before->phase != PHASE_OVER))) {
        app->play.break_round = before->round;
        app->play.break_steady = v->stars > before->stars;
        app->play.break_end = app->now + BREAK_MS;
    }
    /* The sharing timer: each answer has its own, the listener's too. */
    if (v->phase == PHASE_SHARING && (before->phase != PHASE_SHARING || new_cards || v->listening != before->listening)) {
        app->play.timer_start = app->now;
        app->play.timer_rang = false;
    }
}

/* Why the engine refused an action, as a sentence in the player's language:
 * the refusals play can meet (a phone may ask for what the screen would not
 * offer); others, the engine's English as a sentence. */
static void play_refusal(GameError err, char *out, size_t size)
{
    static const struct {
        GameError err;
        const char *text;
    } sentences[] = {
        {GAME_E_NOMEM, N_("There is not enough memory to go on.")},
        {GAME_E_OVER, N_("The game is over.")},
        {GAME_E_BAD_ACTION, N_("That is not something the game can do.")},
        {GAME_E_NOT_NOW, N_("That is not possible at this moment.")},
        {GAME_E_NO_REDRAW, N_("The new ideas are used: you have them once a game.")},
        {GAME_E_CARD_INDEX, N_("There is no card there; pick one of the cards shown.")},
        {GAME_E_DAY, N_("Pick one of the next seven days, or Some day.")},
        {GAME_E_TIME, N_("Pick morning, afternoon, evening or any time.")},
        {GAME_E_SLOT_TAKEN, N_("Another plan already has that day and time of day; pick another.")},
        {GAME_E_DAY_FULL, N_("Every time of that day already has a plan; pick another day.")},
        {GAME_E_GOAL_LENGTH, N_("A goal needs 1 to 200 characters.")},
        {GAME_E_GOAL_TEXT, N_("A goal is text on one line, without tabs or control characters.")},
        {GAME_E_WHERE, N_("A goal is at home, out, or neither.")},
        {GAME_E_FULL, N_("The game has run out of room for more moves.")},
    };
    for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++)
        if (sentences[i].err == err) {
            snprintf(out, size, "%s", _(sentences[i].text));
            return;
        }
    snprintf(out, size, "%s.", game_error_message(err));
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

/* The game is over: it becomes a record, kept in the journal when there is one. */
static void finish_game(App *app)
{
    record_free(&app->journal.record);
    app->journal.has_record = false;
    const char **names = NULL;
    size_t n = 0;
    app_decks_in_play(app, NULL, &names, &n);
    if (app_journal_writable(app)) {
        JournalStatus st = session_finish(app->journal.db, app->play.game, names, n, &app->journal.record);
        app->journal.has_record = st == JOURNAL_OK;
        if (st != JOURNAL_OK)
            snprintf(app->notice, sizeof app->notice, "%s", _(journal_message(st)));
    }
    if (!app->journal.has_record) {
        GameSummary sum;
        game_summary(app->play.game, &sum);
        char played[RECORD_PLAYED_SIZE];
        record_format_time(clock_now(), played);
        app->journal.has_record = record_from_summary(&app->journal.record, &sum, names, n, played);
    }
    free(names);
}

void app_commit(App *app)
{
    AppJournal *j = &app->journal;
    for (int i = 0; i < j->step_count; i++) {
        if (j->save_failed != JOURNAL_OK) { /* saving stopped: the rest goes on from memory */
            session_step_free(j->steps[i]);
            continue;
        }
        JournalStatus saved = session_commit(j->db, j->steps[i]);
        if (saved != JOURNAL_OK) {
            snprintf(app->notice, sizeof app->notice, "%s", _(journal_message(saved)));
            j->save_failed = saved;
            app->dirty = true;
        }
    }
    j->step_count = 0;
    if (j->finishing) {
        j->finishing = false;
        finish_game(app);
    }
}

bool app_act(App *app, Action action)
{
    if (!app->play.game)
        return false;
    if (app->journal.step_count == APP_STEPS)
        app_commit(app);
    GameView before = app->play.view;
    /* Once saving has stopped, the game goes on from memory: no step is
     * written until Try saving again keeps the whole game at once. The
     * step is committed once its frame is shown (app_draw): the disk's
     * wait is not the player's. */
    bool keep = app->journal.save_failed == JOURNAL_OK && app_journal_writable(app);
    SessionStep *step = NULL;
    GameError err = keep ? session_apply_later(app->play.game, action, &step) : session_apply(NULL, app->play.game, action, NULL);
    if (err != GAME_OK) {
        play_refusal(err, app->play.error, sizeof app->play.error);
        app->dirty = true;
        return false;
    }
    if (keep)
        app->journal.steps[app->journal.step_count++] = step;
    app->play.error[0] = '\0';
    app->play.passed = action.type == ACTION_PASS;
    game_view(app->play.game, &app->play.view);
    show_change(app, &before);
    /* Each new moment or card starts from its primary action, so that a
     * Pass never carries the focus on to the next card. */
    ui_focus_primary(&app->ui);
    /* The game over: kept, and its record read back from the journal for
     * Our week, once the frame of its last break is shown (app_commit): the
     * break, then the reveal, come first. */
    if (app->play.view.phase == PHASE_OVER) {
        app->journal.finishing = true;
        start_anim(app, &app->play.reveal, REVEAL_MS);
    }
    app->dirty = true;
    return true;
}

/* Why a game cannot start, said to the couple with what to do about it. */
static void setup_message(App *app, GameError err, const char *detail)
{
    char *out = app->setup.error;
    size_t size = sizeof app->setup.error;
    switch (err) {
    case GAME_E_MISSING_KIND: {
        bool has[KIND_COUNT] = {false};
        for (size_t i = 0; i < app->decks.library.count; i++)
            if (app->decks.library.items[i].deck && app->decks.enabled[i])
                has[app->decks.library.items[i].deck->kind] = true;
        char kinds[256] = "";
        size_t n = 0;
        for (int k = 0; k < KIND_COUNT && n < sizeof kinds; k++)
            if (!has[k])
                n += (size_t)snprintf(kinds + n, sizeof kinds - n, "%s%s", n ? ", " : "", kind_label((CardKind)k));
        /* TRANSLATORS: the kinds of cards missing: "Sharing, Support". */
        snprintf(out, size, _("To start, switch on at least one deck of each of these kinds: %s."), kinds);
        return;
    }
    case GAME_E_FEW_CARDS:
        snprintf(out, size, _("The decks in play are not enough for a game (%.150s). Switch on more decks to start."),
                 detail);
        return;
    case GAME_E_TOO_MANY_CARDS:
        snprintf(out, size, "%s", _("Too many cards are in play. Switch off some decks to start."));
        return;
    case GAME_E_NAME_TEXT:
    case GAME_E_NAME_LENGTH:
        snprintf(out, size, "%s", _("A name has a character that cannot be shown. Type the names again to start."));
        return;
    case GAME_E_NOMEM:
        snprintf(out, size, "%s", _("There is not enough memory for a game. Close other programs, then start again."));
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
    app_decks_in_play(app, &decks, &played, &n);
    const char *names[2];
    app_couple(app, names);
    /* Cards the couple saw in earlier games come after the ones they have not. */
    JournalSeen seen = {0}, kept = {0}, passed = {0};
    if (app->journal.db) {
        session_recent_cards(app->journal.db, names[0], names[1], decks, n, &seen);
        /* Kept cards come first at their level, passed ones last. */
        journal_kept(app->journal.db, names[0], names[1], &kept);
        journal_passed(app->journal.db, names[0], names[1], &passed);
    }
    /* Plans carried in at the check-in start the game as plans. */
    const char *carried[GAME_CARRIED_MAX];
    size_t carried_count = 0;
    for (int i = 0; i < app->journal.carried_count && i < GAME_CARRIED_MAX; i++)
        carried[carried_count++] = app->journal.carried[i];
    GameOptions opt = {
        .carried_plans = carried,
        .carried_count = carried_count,
        .names = {names[0], names[1]},
        .rounds = app->setup.rounds,
        .needs = {app->setup.needs[0], app->setup.needs[1]},
        .timer_minutes = app->setup.timer_minutes,
        .both_answer = app->settings.both_answer,
        .seen_texts = (const char *const *)seen.texts,
        .seen_count = seen.count,
        .kept_texts = (const char *const *)kept.texts,
        .kept_count = kept.count,
        .passed_texts = (const char *const *)passed.texts,
        .passed_count = passed.count,
    };
    Game *game = NULL;
    char detail[256];
    GameError err = game_new(&opt, decks, n, app->play.seed, &game, detail, sizeof detail);
    journal_seen_free(&seen);
    journal_seen_free(&kept);
    journal_seen_free(&passed);
    free(decks);
    if (err != GAME_OK) {
        free(played);
        setup_message(app, err, detail);
        return false;
    }
    app_commit(app);
    game_free(app->play.game);
    app->play.game = game;
    app->journal.save_failed = JOURNAL_OK;
    /* Kept once the game's first frame is shown, as each step is: the
     * disk's wait is not in that frame (app_commit). */
    if (app_journal_writable(app))
        app->journal.steps[app->journal.step_count++] = session_begin_later(game, played, n);
    free(played);
    app->play.seed = app->play.seed * 6364136223846793005ull + 1442695040888963407ull;
    game_view(game, &app->play.view);
    app->play.walk_from = app->play.walk_to = (float)app->play.view.balance;
    app->play.goal[0] = '\0';
    app->play.plan_day = -1;
    app->play.warn_day = -1;
    app->play.break_round = 0;
    app->play.passed = false;
    app->play.kept[0] = '\0';
    app->play.goal_where = false;
    app->setup.error[0] = '\0';
    GameView none = {.phase = PHASE_COUNT, .balance = app->play.view.balance, .stars = app->play.view.stars};
    show_change(app, &none);
    app_goto(app, SCREEN_PLAY);
    return true;
}

void app_new_game(App *app)
{
    journal_checkin_free(&app->journal.checkin);
    app->journal.celebrate[0] = '\0';
    app->journal.carried_count = 0;
    if (app_journal_writable(app) && journal_checkin(app->journal.db, &app->journal.checkin) == JOURNAL_OK &&
        app->journal.checkin.count != 0) {
        app->journal.checkin_item = -1;
        app->journal.checkin_stage = CHECKIN_ASK;
        app_goto(app, SCREEN_CHECKIN);
        return;
    }
    app_goto(app, SCREEN_SETUP);
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
        input_pointer_reset(app->input);
        app->dirty = true;
    }
}

void app_apply_settings(App *app)
{
    app->gfx.theme = gfx_theme(app->settings.theme == SETTINGS_THEME_CONTRAST ? THEME_CONTRAST : THEME_DARK);
    audio_set_enabled(app->audio, app->settings.sound);
    if (!app->settings.sound || !app->settings.read_aloud)
        reading_stop(app);
    apply_window(app);
    resize(app);
    app_save_settings(app);
}

void app_save_settings(App *app)
{
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
        [SCREEN_CONFIRM] = screen_confirm,   [SCREEN_PHONES] = screen_phones,
        [SCREEN_REVEAL] = screen_reveal,
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

/* What the screen shows, as a number that changes when it shows something
 * else: in a game, each phase, turn, card and round break. */
static uint32_t app_view(const App *app)
{
    const GameView *v = &app->play.view;
    if (app->screen != SCREEN_PLAY || !app->play.game)
        return app->paused;
    uint32_t parts[] = {app->paused, (uint32_t)app->play.break_round, (uint32_t)v->phase, (uint32_t)v->round,
                        (uint32_t)v->turn, v->listening, (uint32_t)v->card_count,
                        v->card_count > 0 ? (uint32_t)v->cards[0].id : 0};
    uint32_t h = 2166136261u; /* FNV-1a over the parts */
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        h = (h ^ parts[i]) * 16777619u;
    return h;
}

void app_draw(App *app)
{
    /* From Setup to a game's end the fonts and pictures its moments need
     * stay (gfx_in_game), from the first frame of Setup on. A game that
     * has ended is a screen of its own: what its turns needed is let go as
     * its last break shows. */
    bool over = app->screen == SCREEN_PLAY && app->play.game && app->play.view.phase == PHASE_OVER;
    gfx_in_game(&app->gfx, app->screen == SCREEN_SETUP || (app->screen == SCREEN_PLAY && !over));
    app_trace(app);
    app_run_pass(app, UI_LAYOUT);
    app_trace_frame(app);
    gfx_marks_reset(&app->gfx);
    app_run_pass(app, UI_DRAW);
    /* The game checks its own layout on every still frame it draws. */
    if (app->gfx.marking && !app_animating(app))
        gfx_audit(&app->gfx, app_screen_names[app->screen]);
    gfx_present(&app->gfx, app->window);
    gfx_shown(&app->gfx, over ? SCREEN_COUNT + 1 : (int)app->screen + 1, app_view(app));
    app->dirty = false;
    app_commit(app);
    phones_ui_sync(app);
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
    if (in->type == IN_REPEAT || in->type == IN_HUSH) {
        if (in->type == IN_REPEAT)
            reading_repeat(app);
        else
            reading_stop(app);
        return;
    }
    /* Any key, button or click ends the round break, and does nothing else. */
    if (app_break_showing(app) && !app->paused && in->type != IN_POINT && in->type != IN_SCROLL && in->type != IN_NONE) {
        app->play.break_round = 0;
        app->play.break_end = 0;
        if (app->play.view.phase == PHASE_OVER)
            app_goto(app, SCREEN_REVEAL);
        ui_focus_primary(&app->ui);
        app->dirty = true;
        return;
    }
    app_run_pass(app, UI_LAYOUT);
    app->ui.changed = false;
    if (ui_route(&app->ui, in))
        app_run_pass(app, UI_ACT);
    if (app->ui.changed || in->type != IN_POINT)
        app->dirty = true;
}

void app_handle_event(App *app, const SDL_Event *ev)
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
        app_drop_file(app, ev->drop.file);
        SDL_free(ev->drop.file);
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        text_flush(app->text);
        gfx_resize(&app->gfx, 0, 0, app->gfx.text_scale);
        resize(app);
        return;
    default:
        if (app->decks.watch && ev->type == app->decks.event) {
            app_refresh_decks(app);
            return;
        }
        if (reading_event(app, ev) || phones_ui_event(app, ev))
            return;
        break;
    }
    Input in;
    if (input_translate(app->input, ev, &app->gfx, ui_typing(&app->ui) || app->ui.keyboard_open, &in))
        handle_input(app, &in);
}

/* The sharing timer rings once, quietly, when its time is up. */
int app_timer_wait(App *app)
{
    if (app->screen != SCREEN_PLAY || !app->play.game || app->play.view.phase != PHASE_SHARING || !app->play.view.timer_minutes ||
        app->play.timer_rang || app->paused)
        return -1;
    uint64_t end = app->play.timer_start + (uint64_t)app->play.view.timer_minutes * 60000;
    if (app->now >= end) {
        app->play.timer_rang = true;
        audio_play(app->audio, SOUND_TIMER, app->now);
        app->dirty = true;
        return -1;
    }
    /* The ring is redrawn each second while it runs (its digits change):
     * whenever the second shown is not the second it is now. */
    uint64_t elapsed = app->now - app->play.timer_start;
    if ((int)(elapsed / 1000) != app->play.timer_drawn)
        app->dirty = true;
    return (int)(1000 - elapsed % 1000);
}

/* ---- the loop ---- */

/* What start-up leaves until the first frame is shown. */
static struct {
    LibrarySources sources;
    const char *assets_dir;
    bool pending;
} later;

/* The window's icon: the game's own, drawn as SVG. */
static void set_icon(App *app, const char *assets_dir)
{
    if (!assets_dir)
        return;
    char icon[APP_PATH + 32];
    snprintf(icon, sizeof icon, "%s/icons/tightrope.svg", assets_dir);
    SDL_Surface *surface = image_icon(icon, 128, app->gfx.icon_cache);
    if (surface) {
        SDL_SetWindowIcon(app->window, surface);
        SDL_FreeSurface(surface);
    }
}

/* Gamepads (SDL's joystick subsystem scans the devices), the window's icon,
 * the decks and the last game's names: none is needed for the first frame.
 * A gamepad already plugged in is announced by SDL when the subsystem
 * starts, as one plugged in later. */
static void start_later(App *app)
{
    if (!later.pending)
        return;
    later.pending = false;
    if (SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) != 0)
        fprintf(stderr, "tightrope: gamepads cannot be used: %s\n", SDL_GetError());
    set_icon(app, later.assets_dir);
    app_decks_start(app, &later.sources);
    app_remember_names(app);
}

static void run_loop(App *app)
{
    while (app->running) {
        app->now = SDL_GetTicks64();
        if (app->dirty)
            app_draw(app);
        start_later(app);
        /* Idle means idle: block until an event, or until the next moment
         * something has to move (a motion, the timer, closing the audio). */
        bool moving = app_animating(app);
        if (!app->dirty && !moving)
            gfx_idle(&app->gfx);
        int wait = moving ? APP_FRAME_MS : -1;
        int t = app_timer_wait(app);
        if (t >= 0 && (wait < 0 || t < wait))
            wait = t;
        int a = audio_idle(app->audio, app->now);
        if (a >= 0 && (wait < 0 || a < wait))
            wait = a;
        SDL_Event ev;
        bool got = wait < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, wait);
        app->now = SDL_GetTicks64();
        if (got) {
            app_handle_event(app, &ev);
            while (SDL_PollEvent(&ev))
                app_handle_event(app, &ev);
        }
        /* While something moves, every frame is drawn, the last one too
         * (the one where the motion has just ended); when nothing else
         * changed, only where it moves. */
        if (moving || app_animating(app)) {
            if (!app->dirty)
                gfx_motion_only(&app->gfx);
            app->dirty = true;
        }
    }
}

/* ---- SIGTERM and SIGINT ----
 * They are answered at every moment. Until the window is open (reading the
 * settings, starting SDL, the window) a handler ends the process at once.
 * Then both are blocked and taken by one thread of their own (sigwait), and
 * every thread started after inherits the mask: during the rest of start-up
 * (opening the journal, loading decks) the process still ends at once, as
 * nothing is half-written then (the journal survives any kill); once the
 * game runs they quit it like closing the window, so the game is kept. The
 * thread is not started sooner because a process with a second thread pays
 * for a lock in every getc and malloc, and SDL's start-up reads libX11's
 * Compose table a character at a time. */
static atomic_bool signals_started, signals_stopping;
static pthread_t signal_thread;
static bool signal_thread_running;
static sigset_t signal_set;

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

static void exit_at_once(int sig)
{
    _exit(128 + sig);
}

static void catch_signals(void)
{
    sigemptyset(&signal_set);
    sigaddset(&signal_set, SIGTERM);
    sigaddset(&signal_set, SIGINT);
    struct sigaction act = {.sa_handler = exit_at_once};
    sigemptyset(&act.sa_mask);
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    /* SDL's own handlers would only queue a quit nobody reads during start-up. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
}

/* From here on the signal thread takes them; called before any other
 * thread of the game starts (Phones, the deck loader, gamepads). A signal
 * that comes in between is pending, and taken by sigwait. */
static void take_signals(void)
{
    if (signal_thread_running)
        return;
    signal_thread_running = pthread_sigmask(SIG_BLOCK, &signal_set, NULL) == 0 &&
                            pthread_create(&signal_thread, NULL, signal_main, &signal_set) == 0;
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

/* The window, its icon, the renderer and what draws in it; false after a
 * message on stderr. */
static bool open_window(App *app, const AppOptions *opt)
{
    Uint32 flags = SDL_WINDOW_RESIZABLE | (app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    app->window = SDL_CreateWindow("Tightrope", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (!app->window) {
        fprintf(stderr, "tightrope: the window cannot be opened: %s\n", SDL_GetError());
        return false;
    }
    SDL_SetWindowMinimumSize(app->window, 320, 180);
    app->renderer = gfx_create_renderer(app->window, app->scripted);
    if (!app->renderer) {
        fprintf(stderr, "tightrope: nothing can be drawn in the window: %s\n", SDL_GetError());
        return false;
    }
    char err[512];
    app->text = text_init(app->renderer, opt->font_file, err, sizeof err);
    if (!app->text) {
        fprintf(stderr, "tightrope: %s\n", err);
        return false;
    }
    gfx_init(&app->gfx, app->renderer, app->text, opt->assets_dir);
    app->gfx.report = app->scripted;
    app->gfx.marking = app->scripted;
    /* A script's run leaves nothing in the player's cache folder. */
    app->gfx.icon_cache = !app->scripted;
    ui_init(&app->ui, &app->gfx);
    app->input = calloc(1, sizeof *app->input);
    if (!app->input) {
        fprintf(stderr, "tightrope: out of memory\n");
        return false;
    }
    input_init(app->input);
    app->audio = audio_init(app->settings.sound);
    app->gfx.theme = gfx_theme(app->settings.theme == SETTINGS_THEME_CONTRAST ? THEME_CONTRAST : THEME_DARK);
    resize(app);
    SDL_StartTextInput();
    return true;
}

/* The journal, the decks (loading in the background) and the first screen. */
static void open_game(App *app, const AppOptions *opt)
{
    take_signals(); /* before any other thread of the game */
    /* The title's icon: from the bitmap kept of it, or drawn by SDL_image,
     * loading meanwhile. */
    char icon[640];
    gfx_icon_path(&app->gfx, ICON_APP, icon, sizeof icon);
    if (!app->gfx.icon_cache || !image_icon_cached(icon, gfx_icon_px(&app->gfx, title_icon_box(&app->gfx))))
        image_preload();
    app->font_file = opt->font_file;
    app_journal_open(app, false);
    if (library_user_dir(app->decks.user_dir, sizeof app->decks.user_dir) != 0)
        app->decks.user_dir[0] = '\0';
    LibrarySources sources = {
        .builtin_dir = opt->decks_dir,
        .user_dir = app->decks.user_dir[0] ? app->decks.user_dir : NULL,
        .dirs = opt->decks_dirs,
        .dir_count = (size_t)opt->decks_dir_count,
        .files = opt->extra_decks,
        .file_count = (size_t)opt->extra_deck_count,
    };
    /* The title needs neither the decks nor the last game's names: unless
     * a script runs, they come after its first frame (run_loop). */
    later.sources = sources;
    later.assets_dir = opt->assets_dir;
    later.pending = true;
    if (app->scripted)
        start_later(app);
    app->setup.rounds = GAME_ROUNDS_DEFAULT;
    app->play.plan_day = -1;
    app->play.warn_day = -1;
    app->play.break_round = 0;
    app->play.passed = false;
    app->play.seed = opt->has_seed ? opt->seed : ((uint64_t)clock_now() << 20) ^ SDL_GetPerformanceCounter();
    app->running = true;
    app->dirty = true;
    app_goto(app, SCREEN_TITLE);
    phones_ui_init(app, opt->assets_dir, opt->phones_listen, opt->phones_listen != NULL);
}

static void close_game(App *app)
{
    phones_ui_quit(app);
    app_decks_stop(app);
    app_commit(app);
    game_free(app->play.game);
    journal_close(app->journal.db);
    journal_checkin_free(&app->journal.checkin);
    journal_journey_free(&app->journal.journey);
    journal_seen_free(&app->journal.kept);
    free(app->journal.week_dropped);
    record_free(&app->journal.record);
    app_trace_stop(app);
    if (app->input)
        input_deinit(app->input);
    free(app->input);
    reading_deinit(app);
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
}

int app_run(const AppOptions *opt)
{
    App *app = calloc(1, sizeof *app);
    AppScript *script = NULL;
    int status = 1;
    if (!app) {
        fprintf(stderr, "tightrope: out of memory\n");
        return 1;
    }
    catch_signals();
    if (opt->script_file && !(script = app_script_load(opt->script_file))) {
        free(app);
        release_signals();
        return 1;
    }
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "tightrope: the window cannot be opened: %s\n", SDL_GetError());
        goto done;
    }
    if (script && app_script_check(script) != 0)
        goto done;
    settings_start(app, opt);
    app->scripted = script != NULL;
    app_trace_start(app);
    /* Under a script the clock is fixed, so screenshots repeat and a game's
     * plans, the time it was played and its check-in agree: Monday 5 January 2026. */
    if (app->scripted)
        clock_fix(clock_script_day());
    if (!open_window(app, opt))
        goto done;
    open_game(app, opt);
    atomic_store(&signals_started, true);
    if (script)
        status = app_script_run(app, script);
    else {
        run_loop(app);
        status = 0;
    }
done:
    app_script_free(script);
    close_game(app);
    TTF_Quit();
    SDL_Quit();
    release_signals();
    return status;
}
