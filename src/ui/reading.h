/* SPDX-License-Identifier: MIT */
/* Cards read aloud, between the game and the speech thread: which cards,
 * by whom, in which language and at what speed; and the sound, once made,
 * played through the game's own audio. */
#ifndef TIGHTROPE_READING_H
#define TIGHTROPE_READING_H

#include <stdbool.h>

#include <SDL.h>

struct App;

/* New cards were dealt: with "Read cards aloud" and sound on, they are
 * read, each after the name of the partner who reads it. */
void reading_dealt(struct App *app);

/* Reads the cards on the table again (the repeat key), whatever the
 * setting, while sound is on. */
void reading_repeat(struct App *app);

/* Stops the reading: what is said and what is still being made. */
void reading_stop(struct App *app);

/* Plays the sound the speech thread made, if it is ready. True when ev was
 * the speech thread's event (then it is handled). */
bool reading_event(struct App *app, const SDL_Event *ev);

/* Under a script: waits for the speech thread, then plays what it made, so
 * what is spoken follows the script line by line. */
void reading_settle(struct App *app);

/* Stops the speech thread and frees it (the game is closing). */
void reading_deinit(struct App *app);

#endif
