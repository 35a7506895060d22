/* SPDX-License-Identifier: MIT */
/* Between the parts of the game window (app.c, app_decks.c, app_journal.c,
 * app_script.c, app_export.c): what one part asks of another. Screens do
 * not include this; it brings in SDL. */
#ifndef TIGHTROPE_APP_PARTS_H
#define TIGHTROPE_APP_PARTS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "library.h"
#include "screens.h"

/* A frame's time in milliseconds while something moves. */
enum { APP_FRAME_MS = 16 };

/* The screens' names in traces and layout reports: "title", "play"... */
extern const char *const app_screen_names[SCREEN_COUNT];

/* app.c: one picture (three passes, traced), the motions, the timer, events. */
void app_draw(App *app);
bool app_animating(const App *app);
/* Milliseconds until the sharing timer needs the screen again, or -1. */
int app_timer_wait(App *app);
void app_handle_event(App *app, const SDL_Event *ev);

/* app_decks.c: the decks load in the background from sources; the folders
 * are watched for changes (not under a script). */
void app_decks_start(App *app, const LibrarySources *sources);
/* Stops the loader and the watcher and frees the decks. */
void app_decks_stop(App *app);
/* A deck file dropped on the window is copied into the player's folder. */
void app_drop_file(App *app, const char *path);
/* The decks in play and their names, as many as are chosen (no limit):
 * arrays of *n to free (either may be NULL when not wanted). */
void app_decks_in_play(const App *app, const Deck ***decks, const char ***names, size_t *n);

/* app_journal.c */
/* The journal, when this copy may write to it (not read-only beside
 * another copy that holds it). */
bool app_journal_writable(const App *app);
/* Opens the journal (app->journal.file, else the default one) and picks up
 * the game in progress; a problem becomes the title's notice. */
void app_journal_open(App *app, bool read_only);
/* The names of the last game fill the setup screen. */
void app_remember_names(App *app);

/* app_script.c: scripted play (--script) and the traces tests read. */
typedef struct AppScript AppScript;
/* Reads a script; NULL after a message on stderr. */
AppScript *app_script_load(const char *path);
/* Checks the key and button names once SDL runs: 0, or -1 after a message. */
int app_script_check(const AppScript *script);
/* Plays the script; the exit status (1 when a screenshot failed). */
int app_script_run(App *app, AppScript *script);
void app_script_free(AppScript *script);
/* Opens the TIGHTROPE_TRACE file when the variable is set. */
void app_trace_start(App *app);
void app_trace_stop(App *app);
/* Before a picture: the moment on stdout under a script. After its layout
 * pass: the picture's widgets into the trace file. */
void app_trace(App *app);
void app_trace_frame(App *app);

#endif
