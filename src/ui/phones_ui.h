/* SPDX-License-Identifier: MIT */
/* Phones as controllers, on the game's side: the server started and
 * stopped with the setting, each phone's message played through the same
 * calls as the screens' buttons (app_act, app_start_game...), the state
 * each phone shows built from the same GameView the screens draw, private
 * answers, and Settings -> Phones with its QR code. */
#ifndef TIGHTROPE_PHONES_UI_H
#define TIGHTROPE_PHONES_UI_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "game.h"

struct App;

/* At start-up, after the settings are read: the page is in
 * assets_dir/phone; listen (NULL: the home network's address) comes from
 * --phones-listen, which also turns Phones on (on). Starts the server when
 * Phones is on. */
void phones_ui_init(struct App *app, const char *assets_dir, const char *listen, bool on);
/* At the end: nothing listens afterwards. */
void phones_ui_quit(struct App *app);

/* Takes the event when it is the phones' (a message waits): plays the
 * messages waiting. Returns false for any other event. */
bool phones_ui_event(struct App *app, const SDL_Event *ev);

/* After a frame is drawn: each phone gets the state when it changed. */
void phones_ui_sync(struct App *app);

/* The Settings -> Phones screen, and the button that opens it. */
void screen_phones(struct App *app);
void phones_settings_button(struct App *app);

/* The sharing card on the TV: when it is answered privately, its prompt
 * and text (with both answers, once both are in) into the buffers; returns
 * false for an ordinary card. */
bool phones_private_card(struct App *app, char *prompt, size_t psize, char *text, size_t tsize);

/* Done on a sharing card, from the TV or a phone: carries the private
 * answers (in buf) when the couple keeps them. */
Action phones_done_action(struct App *app, char *buf, size_t size);

#endif
