/* SPDX-License-Identifier: MIT */
/* The edge: SDL keyboard, mouse and gamepad events become plain Inputs, and
 * gamepads come and go (up to two, hot-plugged). */
#ifndef TIGHTROPE_INPUT_H
#define TIGHTROPE_INPUT_H

#include <stdbool.h>

#include <SDL.h>

#include "gfx.h"
#include "ui.h"

enum { INPUT_PADS = 2 };

typedef struct InputState {
    SDL_GameController *pads[INPUT_PADS];
    SDL_JoystickID ids[INPUT_PADS];
    int stick_dir[INPUT_PADS]; /* the direction the left stick points, 0 when centred */
    bool pointer_known;        /* where the pointer was last reported, in window pixels */
    int pointer_x, pointer_y;
} InputState;

void input_init(InputState *in);
void input_deinit(InputState *in);

/* Translates one SDL event. typing: a text field has the focus, so letters
 * and Space are text, not commands. Returns false when the event means
 * nothing to the game. Gamepad arrivals and departures are handled here. */
bool input_translate(InputState *in, const SDL_Event *ev, const Gfx *g, bool typing, Input *out);

/* Forgets where the pointer was: the window appeared or changed size, so
 * the next motion SDL reports may be the pointer standing still. */
void input_pointer_reset(InputState *in);

/* Gamepads connected now. */
int input_pads(const InputState *in);

#endif
