/* SPDX-License-Identifier: MIT */
/* Scripted play (--script): key presses, clicks, gamepads and waits on a
 * virtual clock, one command a line; and the traces tests read: the moment
 * on stdout under a script, and each picture's widgets in TIGHTROPE_TRACE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "app_parts.h"
#include "clock.h"
#include "image.h"
#include "input.h"
#include "reading.h"
#include "script.h"

/* The moment on screen in one line: "screen play plan-pick round 1 turn 1
 * step 2" (step: the actions taken so far). */
static void trace_line(const App *app, char *line, size_t size)
{
    int n = snprintf(line, size, "screen %s", app_screen_names[app->screen]);
    if (app->paused)
        snprintf(line + n, size - (size_t)n, " paused");
    else if (app->screen == SCREEN_PLAY && app->play.game && app_break_showing(app))
        snprintf(line + n, size - (size_t)n, " break round %d %s", app->play.break_round,
                 app->play.break_steady ? "steady" : "off");
    else if (app->screen == SCREEN_PLAY && app->play.game) {
        GameSummary sum;
        game_summary(app->play.game, &sum);
        /* A day picked for the plan shows its time, though the day is not final yet. */
        /* So is the question after a typed goal. */
        const char *moment = app->play.view.phase == PHASE_SOLO_DAY && app->play.warn_day >= 0 ? "goal-warning"
                             : app->play.view.phase == PHASE_SOLO_PICK && app->play.goal_where ? "solo-where"
                                                                                      : game_phase_name(app->play.view.phase);
        snprintf(line + n, size - (size_t)n, " %s round %d turn %d step %d", moment, app->play.view.round,
                 app->play.view.turn + 1, sum.step_count);
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
void app_trace(App *app)
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
void app_trace_frame(App *app)
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
            full ? "fullscreen" : "windowed", app_animating(app), app->ui.focus);
    const char *message = app->screen == SCREEN_SETUP  ? app->setup.error
                          : app->screen == SCREEN_PLAY ? app->play.error
                          : app->screen == SCREEN_TITLE ? app->notice
                          : app->screen == SCREEN_WEEK ? app->journal.export_note
                                                        : "";
    char confirm[640];
    if (app->screen == SCREEN_CONFIRM && app->play.game) {
        confirm_text(app, confirm, sizeof confirm);
        for (char *c = confirm; *c; c++)
            *c = *c == '\n' ? ' ' : *c;
        message = confirm;
    }
    if (app->screen == SCREEN_CHECKIN && app->journal.checkin_item >= 0) {
        static const char *const stages[] = {"", " (celebrated): What was the best part?", " (missed)"};
        snprintf(confirm, sizeof confirm, "Check-in question %d of %zu%s", app->journal.checkin_item + 1,
                 app->journal.checkin.count, stages[app->journal.checkin_stage]);
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

struct AppScript {
    Script script;
    const char *path;
    SDL_Joystick *pads[INPUT_PADS];
};

typedef AppScript Runner;

int app_script_check(const AppScript *r)
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
        app_handle_event(app, &ev);
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
    app_draw(app);
    int w, h;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    int rc = -1;
    if (s && SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0)
        rc = image_save_png(s, path);
    SDL_FreeSurface(s);
    return rc;
}

/* Lets time pass on the virtual clock, drawing the frames a player would see. */
static void advance(App *app, int ms)
{
    uint64_t end = app->now + (uint64_t)ms;
    while (app->now < end) {
        uint64_t step = end - app->now < APP_FRAME_MS ? end - app->now : APP_FRAME_MS;
        bool moving = app_animating(app);
        app->now += step;
        app_timer_wait(app);
        audio_idle(app->audio, app->now);
        pump(app);
        /* Every frame of a motion, and the one where it has just ended;
         * as in the game's loop, only where it moves when nothing else
         * changed, so that scripts see the partial frames players see. */
        if ((moving || app_animating(app)) && !app->dirty)
            gfx_motion_only(&app->gfx);
        if (moving || app_animating(app) || app->dirty)
            app_draw(app);
    }
}

int app_script_run(App *app, AppScript *r)
{
    int status = 0;
    app_draw(app);
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
        case SCRIPT_DAYS:
            clock_advance((long long)c->n * 24 * 3600);
            app->dirty = true;
            break;
        case SCRIPT_LAYOUT:
            pump(app);
            app_draw(app);
            gfx_marks_dump(&app->gfx, stdout, app_screen_names[app->screen]);
            break;
        case SCRIPT_QUIT:
            app->running = false;
            break;
        }
        pump(app);
        reading_settle(app);
        if (app->dirty)
            app_draw(app);
    }
    return status;
}


AppScript *app_script_load(const char *path)
{
    AppScript *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "tightrope: out of memory\n");
        return NULL;
    }
    r->path = path;
    char err[1024];
    if (script_load(path, &r->script, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(r);
        return NULL;
    }
    return r;
}

void app_script_free(AppScript *r)
{
    if (!r)
        return;
    script_free(&r->script);
    for (int i = 0; i < INPUT_PADS; i++)
        if (r->pads[i])
            SDL_JoystickClose(r->pads[i]);
    free(r);
}

void app_trace_start(App *app)
{
    const char *path = getenv("TIGHTROPE_TRACE");
    if (path && *path && !(app->trace_file = fopen(path, "w")))
        fprintf(stderr, "tightrope: the trace %s cannot be written: %s\n", path, strerror(errno));
}

void app_trace_stop(App *app)
{
    if (app->trace_file)
        fclose(app->trace_file);
    app->trace_file = NULL;
    free(app->trace_last);
    app->trace_last = NULL;
}
