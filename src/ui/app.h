/* SPDX-License-Identifier: MIT */
/* The game window: start-up options, the one call that runs it, and the App
 * every screen draws from and acts on. No SDL header comes in here: the
 * window, the renderer and the threads are named by their struct tags, so a
 * screen includes SDL only when it calls SDL.
 *
 * The front end's error convention (src/ui):
 *   - A call that can fail returns bool (true: done) or int (0, or -1), and
 *     writes the reason as one plain sentence into a buffer it was given
 *     (err, errlen) or, for what the couple must see, into the App: the
 *     title's app->notice, setup's app->setup.error, play's app->play.error,
 *     Our week's app->journal.export_note. The sentence says what happened
 *     and what to do; nothing is lost.
 *   - The engine's status enums (GameError, JournalStatus, ExportStatus) are
 *     turned into those sentences at the call site (game_error_message,
 *     journal_message, export_message) and never travel further up.
 *   - Start-up problems that stop the game (no window, no font, a wrong
 *     script line) go to stderr as "tightrope: ..." or "FILE:LINE: error:
 *     ..." and app_run returns 1.
 *   - Every result is checked: a result that can be ignored safely is cast
 *     to (void) with a comment saying why. */
#ifndef TIGHTROPE_APP_H
#define TIGHTROPE_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "audio.h"
#include "game.h"
#include "gfx.h"
#include "journal.h"
#include "library.h"
#include "record.h"
#include "settings.h"
#include "text.h"
#include "ui.h"

typedef struct {
    bool fullscreen, windowed; /* --fullscreen / --windowed: override the setting */
    const char *font_file;     /* --font FILE */
    const char *script_file;   /* --script FILE: input from a file, virtual clock */
    bool has_seed;             /* --seed S */
    uint64_t seed;
    const char *decks_dir;     /* the built-in decks */
    const char *assets_dir;    /* icons */
    const char *const *extra_decks; /* --deck FILE... */
    int extra_deck_count;
    const char *const *decks_dirs;  /* --decks-dir DIR... */
    int decks_dir_count;
    const char *phones_listen; /* --phones-listen A.B.C.D:PORT: Phones on, there */
} AppOptions;

/* Opens the window and runs the game until the player quits (or the script
 * ends). Returns the process exit status: 0, or 1 after a message on stderr
 * when the window cannot be made or a script line is wrong. */
int app_run(const AppOptions *opt);

/* Draws Our week of record into a portrait PNG of 1080x1920 (a phone's screen) at path, with no window
 * (a software renderer on a surface). Returns 0, or -1 with a sentence in err. */
int app_export_png(const Record *record, const char *path, const AppOptions *opt, char *err, size_t errlen);

enum { APP_PATH = 1024 };

/* The check-in's moments: the question, a done item's celebration, a
 * missed plan's offer to carry it into this week. */
enum { CHECKIN_ASK, CHECKIN_CELEBRATE, CHECKIN_MISSED };

typedef enum {
    SCREEN_TITLE,
    SCREEN_SETUP,
    SCREEN_PLAY,
    SCREEN_WEEK,
    SCREEN_HOWTO,
    SCREEN_SETTINGS,
    SCREEN_DECKS,
    SCREEN_CHECKIN,
    SCREEN_JOURNEY,
    SCREEN_PREVIEW,
    SCREEN_CHOOSE, /* the decks in play, from setup */
    SCREEN_CONFIRM, /* New game while a game is saved: replace it? */
    SCREEN_PHONES,  /* Settings -> Phones: on or off, and how to join */
    SCREEN_REVEAL,  /* the game's end: its stars and the rope's path drawn out, before Our week */
    SCREEN_COUNT
} ScreenId;

/* A motion: runs from start for duration milliseconds. */
typedef struct {
    uint64_t start;
    int duration;
} Anim;

/* The setup screen's choices for the next game. */
typedef struct {
    char names[2][GAME_NAME_MAX_CHARS * 4 + 1];
    int rounds;
    Need needs[2];
    int timer_minutes;
    char error[256]; /* why the game cannot start, "" when it can */
} AppSetup;

/* The game in play and the motions that show it. */
typedef struct {
    Game *game;
    GameView view;
    uint64_t seed;
    char goal[GAME_GOAL_MAX_CHARS * 4 + 1];
    int plan_day;      /* the day picked for the plan, not final until its time is: -1 for none */
    Box plan_day_box;  /* the day's button, focused again on the way back */
    bool goal_where;   /* the typed goal waits for "Where does it happen?" */
    char error[256];   /* why the engine refused the last action */
    Anim deal, walk, star;
    Anim listen;       /* the card slides from the reader to the listener */
    float walk_from, walk_to;
    uint64_t timer_start;
    bool timer_rang;
    int timer_drawn;   /* the second of the sharing timer last drawn, -1: none */
    /* The round break: the round that just ended (0: none), shown until
     * break_end or any key. */
    int break_round;
    bool break_steady;
    uint64_t break_end;
    bool passed;       /* the card shown came after a pass: a gentle line says so */
    char kept[DECK_CARD_MAX_CHARS * 4 + 1]; /* the sharing card kept for later in this game, last */
    int warn_day;      /* a goal's day that has a plan, asked about first; -1: none */
    bool has_ghost;    /* the focused choice's lean, drawn as a ghost walker */
    int ghost;
    Anim reveal;       /* the rope's path drawn out at the end */
} AppPlay;

/* The decks found, which are in play, and the thread watching their folders. */
typedef struct {
    Library library;       /* every deck found, with its problems */
    bool *enabled;         /* per library entry: in play in the next game */
    char user_dir[APP_PATH]; /* the player's deck folder, "" when there is none */
    struct Watch *watch;   /* deck folders, watched for changes; NULL under a script */
    struct SDL_Thread *watcher;
    uint32_t event;        /* the event the watcher sends when a deck changed */
    int wake_pipe[2];      /* tells the watcher thread to stop */
    int preview_deck, preview_card;
    int scroll;            /* the Decks screen's list, in rows */
    int choose_scroll;     /* the decks-in-play list, in rows */
    char language[16];     /* the card language, read when the decks are chosen */
    /* The decks-in-play list, built when the decks or the card language
     * change (rows_built false): per row a library index, or -1 - kind for
     * a heading, with the heading's language in row_lang (NULL: none). */
    int *rows;
    const char **row_lang;
    int row_count;
    bool rows_built;
} AppDecks;

/* Actions applied in one frame, committed once it is shown. */
enum { APP_STEPS = 4 };

/* The journal of games played, the game just finished and the check-in. */
typedef struct {
    Journal *db;             /* NULL when it could not be opened */
    JournalStatus status;    /* why it did not open */
    JournalStatus save_failed; /* JOURNAL_OK, or why saving the game in play stopped */
    /* The last actions, shown and not yet committed (app_commit), oldest
     * first; a NULL step could not be made (without memory). */
    struct SessionStep *steps[APP_STEPS];
    int step_count;
    char file[APP_PATH];
    Record record;           /* the game just finished, for Our week */
    bool has_record;
    bool finishing;          /* the game has ended: it is kept, and its record made, with the
                                steps (app_commit), once its first frame is shown */
    JournalCheckin checkin;  /* "Did it happen?" for the days that have passed */
    int checkin_item;        /* the item asked about; -1 before the first */
    int checkin_stage;       /* CHECKIN_ASK, or the moment after an answer */
    char celebrate[256];     /* a goal done, cheered on screen */
    /* Plans that did not happen, carried into the next game's plans. */
    char carried[GAME_ROUNDS_MAX][DECK_CARD_MAX_CHARS * 4 + 1];
    int carried_count;
    bool week_kept;          /* Our week: "Keep this week" was pressed (or it was reopened) */
    bool *week_dropped;      /* per plan, then per goal of record: dropped before keeping */
    char export_dir[APP_PATH]; /* where the last export went, for "Open folder" */
    char export_note[APP_PATH + 128];
    ScreenId week_back;      /* where Our week's Done goes: the title, or Our journey */
    /* Our journey's list, read when the screen opens or a game is kept. */
    JournalJourney journey;
    JournalStatus journey_status; /* why it could not be read */
    bool journey_read;
    int journey_scroll;           /* its list, in rows */
    /* The couple's cards kept for later, read with the journey. */
    JournalSeen kept;
    int kept_scroll;
} AppJournal;

typedef struct App {
    struct SDL_Window *window;
    struct SDL_Renderer *renderer;
    Text *text;
    Gfx gfx;
    Ui ui;
    struct InputState *input;
    Audio *audio;
    struct Speech *speech; /* reads cards aloud (reading.c); NULL until the first card is read */
    Settings settings;
    char settings_path[APP_PATH];
    char notice[APP_PATH + 256]; /* a plain sentence shown on the title screen */
    const char *font_file;       /* --font, for the exported picture */

    ScreenId screen;
    ScreenId return_to; /* where Settings and How to play go back to */
    /* The screens left for another, newest last, each with the box of the
     * item that had the focus: going back to one focuses that item again. */
    struct {
        ScreenId screen;
        Box focus;
    } left[16];
    int left_count;
    bool paused;
    int howto_page;
    bool wheeled; /* the wheel moved a list: its focus follows */

    AppSetup setup;
    AppPlay play;
    AppDecks decks;
    AppJournal journal;

    /* The loop */
    bool running, dirty;
    uint64_t now;      /* milliseconds: real, or virtual under a script */
    bool scripted;
    char traced[128];  /* the last line trace() wrote */
    FILE *trace_file;  /* TIGHTROPE_TRACE, or stdout under a script's `layout` */
    char *trace_last;  /* the last frame written there, to write only changes */
    unsigned trace_frames;
    struct PhonesUi *phones; /* phones as controllers (phones_ui.h) */
} App;

#endif
